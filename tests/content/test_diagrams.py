"""The diagrams drawn for the decks: safe, drawn to the card convention, and shown on a card.

The convention (content/README.md, "Diagrams") keeps labels legible on a 390 px phone and lets the card's CSS
colour the drawing in light and night mode: a viewBox at most 360 wide (or labels larger in proportion), labels of
at least 12 units, colours only through the `d-*` classes, no background rectangle. `generator/diagrams.py` checks
it for every build (`diagram-convention` warnings); here any departure fails. How the drawings actually render
(label sizes, collisions, contrast) is checked in the real Anki desktop by tests/gui/test_cards_desktop.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from generator.diagrams import MAX_WIDTH, MIN_FONT_SIZE, DiagramError, load
from generator.notetypes import CSS

CONTENT = PROJECT_ROOT / "content"
SVGS = sorted(CONTENT.rglob("*.svg"))


def test_there_are_enough_diagrams_for_each_pair_of_categories() -> None:
    def count(*categories: str) -> int:
        return sum(1 for svg in SVGS if svg.relative_to(CONTENT).parts[0] in categories)

    assert count("algorithms", "system-design") >= 8
    assert count("ml-concepts", "ml-design") >= 8


def test_night_mode_colours_diagrams_through_their_classes_not_a_filter() -> None:
    assert "invert(" not in CSS
    for name in ("d-box", "d-b1", "d-b4", "d-edge", "d-head", "d-muted", "d-hl"):
        assert f".{name}" in CSS


@pytest.mark.parametrize("svg", SVGS, ids=[str(svg.relative_to(CONTENT)) for svg in SVGS])
def test_diagram_is_safe_and_drawn_to_the_convention(svg: Path) -> None:
    try:
        diagram = load(svg.read_bytes(), svg.name)
    except DiagramError as error:
        pytest.fail(f"{svg.relative_to(CONTENT)}: {error}")
    assert diagram.departures == (), "\n".join(diagram.departures)
    # A wider drawing is scaled down on a phone, so its labels must be larger in proportion.
    assert diagram.smallest_font >= MIN_FONT_SIZE * max(diagram.width, MAX_WIDTH) / MAX_WIDTH


@pytest.mark.parametrize("svg", SVGS, ids=[str(svg.relative_to(CONTENT)) for svg in SVGS])
def test_diagram_is_shown_on_a_card(svg: Path) -> None:
    referenced = any(
        f"{svg.relative_to(markdown.parent).as_posix()})" in markdown.read_text(encoding="utf-8")
        for markdown in CONTENT.rglob("*.md")
        if svg.is_relative_to(markdown.parent)
    )
    assert referenced, f"{svg.relative_to(CONTENT)} is not shown on any card"
