"""Acceptance for issue 11: input that used to build with exit 0 and break in Anki now renders right or is refused.

Each package is imported with Anki's own importer into a real collection, and its cards are rendered by Anki.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki_helpers import Collection, html_problems, import_package
from conftest import TreeFactory

from generator import ContentError, Options, build

CLOZE_WITH_CODE = """
## Slices and scopes {#slices}

Cloze: {{c1::`xs[::-1]`}} reverses a list; {{c2::`std::move`::a cast}} makes an rvalue; {{c3::$a::b$}} is the
scope in the math; the block below keeps its colons.

```python
ys = xs[::2]  # {{c1::not a deletion}}
```

Source: Python docs, "Sequence types"; cppreference, std::move
"""


class _TextOf(HTMLParser):
    """The text inside the first element that matches: what the reader sees there."""

    def __init__(self, tag: str, attribute: tuple[str, str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.attribute = attribute
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif tag == self.tag and (self.attribute is None or self.attribute in attrs):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def _text_of(html: str, tag: str, attribute: tuple[str, str] | None = None) -> str:
    parser = _TextOf(tag, attribute)
    parser.feed(html)
    return "".join(parser.text)


def test_double_colons_in_code_and_math_stay_inside_the_deletion(
    make_tree: TreeFactory, collection: Collection, tmp_path: Path
) -> None:
    root = make_tree({"t/slices.md": CLOZE_WITH_CODE})
    build(root, tmp_path / "out", Options(cache_dir=tmp_path / "cache"))
    log = import_package(collection, tmp_path / "out" / "test-deck.apkg")
    assert len(log.new) == 1
    cards = sorted((collection.get_card(card_id) for card_id in collection.find_cards("")), key=lambda c: c.ord)
    assert [card.ord for card in cards] == [0, 1, 2]
    answers = [_text_of(card.answer(), "span", ("class", "cloze")) for card in cards]
    assert answers == ["xs[::-1]", "std::move", "\\(a::b\\)"]
    assert "[a cast]" in cards[1].question(), "a hint written outside code is still a hint"
    for card in cards:
        for side in (card.question(), card.answer()):
            assert html_problems(side, cloze=True) == []
            assert _text_of(side, "pre") == "ys = xs[::2]  # {{c1::not a deletion}}\n", "code is not cloze syntax"


def test_a_field_separator_in_the_text_is_refused_before_it_breaks_the_import(
    make_tree: TreeFactory, tmp_path: Path
) -> None:
    root = make_tree({"t/a.md": "## What is the unit separator? {#us}\nIt is \x1f, U+001F.\nSource: ASCII\n"})
    with pytest.raises(ContentError) as raised:
        build(root, tmp_path / "out", Options(cache_dir=tmp_path / "cache"))
    located = [(item.path, item.line, item.col, item.rule) for item in raised.value.findings if item.is_error]
    assert located == [("t/a.md", 2, 7, "control-character")]
    assert not (tmp_path / "out" / "test-deck.apkg").exists()
