"""The renderer's fast path must give exactly the HTML that Python-Markdown gives, whenever it takes the text."""

from __future__ import annotations

import html
import os

import markdown
from conftest import PROJECT_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.full_markdown import EXTENSIONS, CardExtension, _wrap_tables, convert
from generator.markup import fast_render
from generator.render import is_plain
from generator.sanitize import sanitize
from generator.source import parse
from generator.tree import load_tree


def _python_markdown(text: str) -> str:
    """The full path: Python-Markdown with the card extension and the sanitizer, which must find nothing here."""
    converted = convert(text)
    assert not converted.violations, converted.violations
    return converted.html


PIECES = [
    "word",
    "two words",
    " ",
    "\n",
    "\n\n",
    "**bold**",
    "** not bold**",
    "*",
    "**",
    "`code`",
    "``a ` b``",
    "`<x> & y`",
    "$x_1$",
    "$$\\sum_i x_i$$",
    "\\$5",
    "$",
    "> quote",
    "# heading",
    "- item",
    "1. one",
    "a > b",
    "x < y",
    "&amp;",
    "snake_case",
    "[link](u)",
    "![i](a.svg)",
    "\\(a\\)",
    "\\[b\\]",
    "\n```python\nx = 1\n```\n",
    "\n    ```\n    y\n    ```\n",
    "  ",
    "\t",
    "é",
    "'q'",
    '"q"',
    "~~s~~",
    "===",
    "---",
    "|a|",
    "}}",
    "{{c1::x}}",
]


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "600")), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_fast_path_agrees_with_python_markdown_on_fuzzed_text(text: str) -> None:
    fast = fast_render(text)
    if fast is not None and text.strip():
        assert fast == _python_markdown(text)
    if is_plain(text):
        assert f"<p>{html.escape(text.strip(), quote=False)}</p>" == _python_markdown(text)


def test_fast_path_agrees_on_every_field_of_the_real_content() -> None:
    tree = load_tree(PROJECT_ROOT / "content")
    taken = compared = 0
    for path in tree.markdown_files():
        for card in parse(path.read_text(encoding="utf-8"), tree.relative(path)).cards:
            texts = [card.heading.value, *(field.value for field in card.fields.values())]
            texts += [card.body.value] if card.body else []
            for text in texts:
                if not text.strip():
                    continue
                compared += 1
                if is_plain(text):
                    assert f"<p>{html.escape(text.strip(), quote=False)}</p>" == _python_markdown(text), text
                fast = fast_render(text)
                if fast is not None:
                    taken += 1
                    assert fast == _python_markdown(text), (tree.relative(path), card.id, text)
    assert compared > 0 and taken > 0


# The guards in `full_markdown.py` hand Python-Markdown some characters as literals so that it never rescans the
# text; what it prints must not change where the build accepts the card (a card the sanitizer reports is refused, so
# nothing of it is printed). Two deliberate differences are left out: a link destination with a quote but no
# proper title, and brackets nested more than three deep, which are printed as text.
GUARDED_PIECES = [
    *(piece for piece in PIECES if '"' not in piece and "'" not in piece),
    "[",
    "]",
    "(",
    ")",
    "[r]",
    "[r]: http://x\n",
    "<",
    "<b>",
    "</b>",
    "<a href=x>",
    "<div>",
    "</div>",
    "&",
    "&#65;",
    "\\",
    "\\*",
    "\\[",
    "\\\\",
    "\\`",
    "<!-- c -->",
    "<https://x.y>",
    "<me@x.y>",
    "<br/>",
    "{",
    "#",
    "!",
    "<span title=a>",
    "</span>",
]


def _not_a_known_difference(text: str) -> bool:
    return text.count("[") <= 3


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "600")), deadline=None)
@given(st.lists(st.sampled_from(GUARDED_PIECES), max_size=14).map("".join).filter(_not_a_known_difference))
def test_the_guards_change_nothing_python_markdown_would_print(text: str) -> None:
    guarded = convert(text)
    if guarded.violations:
        return  # the build refuses the card with a located error: nothing is printed to compare
    unguarded = markdown.Markdown(extensions=[*EXTENSIONS, CardExtension([], guards=False)], output_format="html")
    assert guarded.html == _wrap_tables(sanitize(unguarded.convert(text).strip()).html)


def test_the_guards_change_nothing_on_the_real_content() -> None:
    tree = load_tree(PROJECT_ROOT / "content")
    unguarded = markdown.Markdown(extensions=[*EXTENSIONS, CardExtension([], guards=False)], output_format="html")
    compared = 0
    for path in tree.markdown_files():
        for card in parse(path.read_text(encoding="utf-8"), tree.relative(path)).cards:
            for text in [card.heading.value, *(field.value for field in card.fields.values())]:
                if fast_render(text) is not None or not text.strip():
                    continue
                unguarded.reset()
                assert convert(text).html == _wrap_tables(unguarded.convert(text).strip()), (card.id, text)
                compared += 1
    assert compared > 100
