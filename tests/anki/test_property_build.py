"""The invariant behind issue 11: a build that exits 0 always imports cleanly into Anki and renders well-formed cards.

Hypothesis writes whole trees (files in folders, front matter, byte-order marks, every card kind) from fragments
that have broken builds or cards before: `::` in code and math inside a deletion, unclosed fences, headings that
are not card headings, U+001F, raw HTML that could run or fetch, entity tricks, stray `[`, `<`, `$` and `}}`. Each
tree goes through `build.py build`. Every run must end in exit 0 or 1 with no traceback; every run that exits 0 is
imported with Anki's own importer into a fresh collection, and then:

- the import succeeds and adds exactly the notes the tree holds, with exactly the cards their kinds imply;
- every card's question and answer, as Anki renders them, is well-formed HTML (every tag closed in order) with no
  cloze syntax left over.

`make test` runs PROPERTY_EXAMPLES (default 40) trees; `make property` runs a longer search.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from anki_helpers import Collection, html_problems, import_package
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import main

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))

# Fragments that must build, however odd, and fragments that must be refused with a located error.
INLINE = [
    "plain words",
    "`xs[::-1]`",
    "`std::move`",
    "`a}}b`",
    "`{{c1::x}}`",
    "$a::b$",
    "$\\frac{1}{x^{2}}$",
    "\\(x \\le y\\)",
    "\\$5",
    "**bold**",
    "*em*",
    "_under_",
    "[link](https://example.com/a?b=1&c=2)",
    "[",
    "]",
    "[[x]]",
    "<a ",
    "<b>bold</b>",
    "<kbd>K</kbd>",
    '<span style="color: red">red</span>',
    "<svg viewBox='0 0 4 4'><path d='M0 0 L4 4'/></svg>",
    "&amp;",
    "&copy;",
    "AT&T",
    "&#x1f;",
    "<!-- a comment -->",
    "x < y",
    "a > b",
    "::",
    "{{",
    "é ü 😀",
    "\t",
]
REFUSED_INLINE = [
    "$",
    "$ 5",
    "}}",
    "[bad](javascript:alert(1))",
    "<b>",
    "</i>",
    '<span style="background:url(https://example.com/a.png)">x</span>',
    '<audio src="https://example.com/a.mp3"></audio>',
    "<script>alert(1)</script>",
    '<a href="jav&#x61;script:x">j</a>',
    '<a href="java&#9;script:x">j</a>',
    '<img src="x.png" onerror="alert(1)">',
    "\x1f",
    "![diagram](img/missing.svg)",
    "![remote](https://example.com/a.png)",
]
BLOCKS = [
    "```python\nys = xs[::2]  # {{c1::not a deletion}}\n```",
    "~~~\ntilde fence\n~~~",
    "- one\n- two",
    "1. one\n2. two",
    "> quoted",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "#### A plain sub-heading",
    "    indented code",
    "<div>\nblock html\n</div>",
]
REFUSED_BLOCKS = [
    "```\nno closing fence",
    "##Heading {#hidden-a}",
    "### Sub heading {#hidden-b}",
    "Question: what is it?",
]
DELETIONS = ["word", "`xs[::-1]`", "`std::move`", "$a::b$", "`a}}b`", "**b**", "<b>x</b>", "two words", "$x$"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;-", min_size=1, max_size=12)


@dataclass(frozen=True)
class Card:
    kind: str
    text: str
    cards: int  # how many Anki cards the note makes


def _piece(draw: st.DrawFn, good: list[str], bad: list[str]) -> str:
    """Mostly a fragment that must build; one in forty one that must be refused (about half the trees get one)."""
    if draw(st.integers(0, 39)) == 0:
        return draw(st.sampled_from(bad))
    return draw(st.one_of(st.sampled_from(good), WORDS))


def _paragraph(draw: st.DrawFn) -> str:
    return " ".join(_piece(draw, INLINE, REFUSED_INLINE) for _ in range(draw(st.integers(1, 5))))


def _answer(draw: st.DrawFn) -> str:
    blocks = [_piece(draw, BLOCKS, REFUSED_BLOCKS) for _ in range(draw(st.integers(0, 2)))]
    paragraphs = [_paragraph(draw) for _ in range(draw(st.integers(1, 2)))]
    return "\n\n".join(part for part in [*paragraphs, *blocks] if part)


@st.composite
def basic(draw: st.DrawFn, card_id: str) -> Card:
    question = draw(st.one_of(WORDS, st.sampled_from(INLINE)))
    return Card("basic", f"## {question}? {{#{card_id}}}\n\n{_answer(draw)}\n", 1)


@st.composite
def cloze(draw: st.DrawFn, card_id: str) -> Card:
    numbers = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    parts = []
    for number in numbers:
        deletion = draw(st.sampled_from(DELETIONS))
        hint = draw(st.sampled_from(["", "::a hint"]))
        parts.append(f"{draw(WORDS)} {{{{c{number}::{deletion}{hint}}}}} {_paragraph(draw)}")
    context = draw(st.sampled_from(["", "Context words"]))
    return Card("cloze", f"## {context} {{#{card_id}}}\n\nCloze: {' '.join(parts)}\n", len(set(numbers)))


@st.composite
def problem(draw: st.DrawFn, card_id: str) -> Card:
    approach = _paragraph(draw)
    text = (
        f"## Problem {card_id} {{#{card_id}}}\n\n"
        "Prompt: Return one.\nDifficulty: easy\nPattern: Constant.\n"
        f"Approach: {approach}\nTime: $O(1)$\nSpace: $O(1)$\nEdge cases: none.\n"
        "Solution:\n```python\ndef one() -> int:\n    return 1\n```\n"
        "Tests:\n```python\nassert one() == 1\n```\n"
    )
    return Card("problem", text, 1)


def prompt(card_id: str, deep_dive: str) -> Card:
    text = (
        f"## Design thing {card_id} {{#{card_id}}}\n\nRound: system-design\nBudget: 45\nOutline:\n"
        "- Requirements (20 min): what it must do.\n- High-level design (25 min): the parts.\n"
        f"Deep dives: {deep_dive}\n"
    )
    return Card("prompt", text, 1)


@st.composite
def trees(draw: st.DrawFn) -> dict[str, tuple[str, list[Card]]]:
    """Files by path: the file's text and the cards written in it."""
    files: dict[str, tuple[str, list[Card]]] = {}
    folders = ["algorithms", "system-design", "notes", "notes/deeper"]
    counter = 0
    basics: list[str] = []
    for index in range(draw(st.integers(1, 3))):
        cards: list[Card] = []
        for _ in range(draw(st.integers(1, 3))):
            counter += 1
            kind = draw(st.sampled_from(["basic", "basic", "cloze", "cloze", "problem", "prompt"]))
            card_id = f"c{counter}"
            if kind == "prompt" and basics:
                cards.append(prompt(card_id, basics[0]))
                continue
            if kind == "problem":
                cards.append(draw(problem(card_id)))
            elif kind == "cloze":
                cards.append(draw(cloze(card_id)))
            else:
                cards.append(draw(basic(card_id)))
                basics.append(card_id)
        front = draw(st.sampled_from(["", "---\nsource: A book, ch. 1\n---\n", "---\ntags: [one, two]\n---\n"]))
        bom = draw(st.sampled_from(["", "\ufeff"]))
        text = bom + front + "\n".join(card.text for card in cards)
        files[f"{draw(st.sampled_from(folders))}/file{index}.md"] = (text, cards)
    return files


def _write(root: Path, tree: dict[str, tuple[str, list[Card]]]) -> None:
    (root / "tree.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "tree.yaml").write_text("name: Property\npackage: property\nnamespace: property\n")
    for relative, (text, _) in tree.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(tree=trees())
def test_a_build_that_exits_0_imports_into_anki_and_renders_well_formed_cards(
    tree: dict[str, tuple[str, list[Card]]], capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="property-") as scratch:
        root = Path(scratch) / "content"
        _write(root, tree)
        code = main(["build", "--content", str(root), "--out", str(Path(scratch) / "out"), "--no-addon"])
        captured = capsys.readouterr()
        event(f"build exit {code}")
        assert code in (0, 1), captured.err
        assert "Traceback" not in captured.out + captured.err and "internal error" not in captured.err, captured.err
        if code == 1:
            assert ": error]" in captured.err or "error(s)" in captured.err, captured.err
            return
        notes = [card for _, cards in tree.values() for card in cards]
        (Path(scratch) / "anki").mkdir()
        col = Collection(str(Path(scratch) / "anki" / "collection.anki2"))
        try:
            log = import_package(col, Path(scratch) / "out" / "property.apkg")
            assert len(log.new) == len(notes) == col.note_count()
            assert col.card_count() == sum(card.cards for card in notes)
            for card_id in col.find_cards(""):
                card = col.get_card(card_id)
                is_cloze = card.note_type()["type"] == 1
                for side in (card.question(), card.answer()):
                    assert html_problems(side, cloze=is_cloze) == [], (card.note()["Id"], side[-1500:])
        finally:
            col.close()
