"""Acceptance: the real content tree builds, imports into a fresh collection with Anki's own importer, and every
card's question and answer render through Anki with no Markdown left over, no missing media and balanced MathJax.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki_helpers import Collection, import_package, notes_by_id
from conftest import PROJECT_ROOT

from addon import card_meta, categories
from generator import Options, build, compile_tree
from generator.tree import LEDGER_NAME

CONTENT = PROJECT_ROOT / "content"


class _Text(HTMLParser):
    """The visible text of a card outside code, plus every image source."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self._code_depth = 0
        self._style_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self._code_depth += 1
        if tag == "style":
            self._style_depth += 1
        if tag == "img":
            self.images.extend(value or "" for name, value in attrs if name == "src")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code_depth -= 1
        if tag == "style":
            self._style_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._code_depth and not self._style_depth:
            self.text.append(data)


_MATHJAX = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
_LEFTOVER_MARKDOWN = [
    (re.compile(r"\*\*\S"), "bold marker"),
    (re.compile(r"```|~~~"), "code fence"),
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), "link or image syntax"),
    (re.compile(r"(?m)^\s*#{1,6} "), "heading marker"),
    (re.compile(r"\$[^\s$][^$]*?[^\s$\\]\$"), "unconverted $math$"),
    (re.compile(r"(?m)^\s*\|.*\|\s*$"), "table row"),
    (re.compile(r"\{#[a-z0-9-]+\}"), "id attribute"),
]


def _problems(html: str, media: Path) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.text)
    found = []
    for opening, closing in (("\\(", "\\)"), ("\\[", "\\]")):
        if text.count(opening) != text.count(closing):
            found.append(f"unbalanced MathJax {opening}{closing}")
    prose = _MATHJAX.sub(" ", text)  # TeX may contain brackets and bars that look like Markdown
    found += [
        f"{what}: {match.group(0)!r}" for pattern, what in _LEFTOVER_MARKDOWN for match in pattern.finditer(prose)
    ]
    found += [f"missing media {src!r}" for src in parser.images if not (media / src).is_file()]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("real-tree")
    content = scratch / "content"
    shutil.copytree(CONTENT, content)
    build(content, scratch / "dist", Options(cache_dir=scratch / "cache"))
    return scratch / "dist" / "mle-interview.apkg"


def test_every_card_renders_cleanly_in_anki(built: Path, collection: Collection) -> None:
    log = import_package(collection, built)
    assert len(log.new) == collection.note_count() > 0
    media = Path(collection.media.dir())
    failures = []
    card_ids = collection.find_cards("")
    for card_id in card_ids:
        card = collection.get_card(card_id)
        for side, html in (("question", card.question()), ("answer", card.answer())):
            failures += [f"{card.note()['Id']} {side}: {problem}" for problem in _problems(html, media)]
    assert not failures, "\n".join(failures[:50])
    assert len(card_ids) >= collection.note_count()


def test_problems_are_found_by_difficulty_and_prompts_by_note_type(built: Path, collection: Collection) -> None:
    import_package(collection, built)
    compiled = compile_tree(CONTENT, Options(run_solutions=False))
    problems = [card for card in compiled.cards if card.kind == "problem"]
    notes = notes_by_id(collection)
    for level in card_meta.DIFFICULTIES:
        expected = sorted(notes[card.id].id for card in problems if card.text("Difficulty") == level)
        assert sorted(collection.find_notes(f"tag:difficulty::{level}")) == expected, level
    assert len(collection.find_notes("tag:difficulty::*")) == len(problems)
    prompt_ids = {card.id for card in compiled.cards if card.kind == "prompt"}
    found = {collection.get_note(note_id)["Id"] for note_id in collection.find_notes('"note:MLE Interview: Prompt"')}
    assert found == prompt_ids


# What this release adds over the first one (content/.release.json lists its notes): the floors the content issues
# set, counted on the built package as Anki imports it.
NEW_SINCE_FIRST_RELEASE = {"system-design+ml-design atomic": 350, "ml-concepts": 120}
MIN_PROMPT_CARDS = 60


def test_the_package_holds_the_prompts_and_the_new_notes_the_syllabus_asks_for(
    built: Path, collection: Collection
) -> None:
    import_package(collection, built)
    released = set(json.loads((CONTENT / ".release.json").read_text(encoding="utf-8"))["notes"])
    new_by_group: Counter[str] = Counter()
    prompts = 0
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        kind = note.note_type()["name"]
        category = next(filter(None, map(categories.category_of_tag, note.tags)), None)
        if kind == "MLE Interview: Prompt":
            prompts += 1
            continue
        if note["Id"] in released:
            continue
        if category in ("system-design", "ml-design"):
            new_by_group["system-design+ml-design atomic"] += 1
        elif category == "ml-concepts":
            new_by_group["ml-concepts"] += 1
    assert prompts >= MIN_PROMPT_CARDS
    for group, floor in NEW_SINCE_FIRST_RELEASE.items():
        assert new_by_group[group] >= floor, (group, new_by_group[group])


def test_the_committed_ledger_is_current() -> None:
    """Whoever edits content rebuilds and commits the ledger; otherwise builds on two machines would differ."""
    compiled = compile_tree(CONTENT, Options(run_solutions=False))
    committed = (CONTENT / LEDGER_NAME).read_text(encoding="utf-8")
    assert compiled.ledger.to_json() == committed, "run `python build.py` and commit content/.ledger.json"
