"""The diagrams drawn for the decks: safe, shown on a card, and legible in night mode.

Cards invert SVG images in night mode (see the note types' CSS), which keeps dark-on-white drawings legible only if
the drawing has an opaque white background; a transparent one would turn into a white-on-white smear.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from generator.notetypes import CSS

CONTENT = PROJECT_ROOT / "content"
SVGS = sorted(CONTENT.rglob("*.svg"))
_WHITE = {"#fff", "#ffffff", "white"}
_SVG = "{http://www.w3.org/2000/svg}"


def _number(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value or "")
    return float(match.group(1)) if match else None


def test_there_are_enough_diagrams_for_each_pair_of_categories() -> None:
    def count(*categories: str) -> int:
        return sum(1 for svg in SVGS if svg.relative_to(CONTENT).parts[0] in categories)

    assert count("algorithms", "system-design") >= 8
    assert count("ml-concepts", "ml-design") >= 8


def test_night_mode_inverts_svg_images() -> None:
    assert re.search(r"\.nightMode img\[src\$=\"\.svg\"\][^{]*\{[^}]*filter:\s*invert", CSS)


_SHAPES = {f"{_SVG}{name}" for name in ("rect", "path", "text", "line", "circle", "ellipse", "polygon", "polyline")}
_NOT_DRAWN = {f"{_SVG}{name}" for name in ("defs", "marker", "symbol", "clipPath", "mask", "pattern", "title")}


def _drawn(element: ET.Element) -> Iterator[ET.Element]:
    """Shapes in drawing order, leaving out definitions that are only drawn by reference."""
    for child in element:
        if child.tag in _NOT_DRAWN:
            continue
        if child.tag in _SHAPES:
            yield child
        yield from _drawn(child)


@pytest.mark.parametrize("svg", SVGS, ids=[str(svg.relative_to(CONTENT)) for svg in SVGS])
def test_diagram_is_safe_and_has_an_opaque_white_background(svg: Path) -> None:
    text = svg.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and not re.search(r"\bon[a-z]+\s*=", text)
    assert not re.search(r"(?:href|src)\s*=\s*[\"'](?:https?:)?//", text), "no external references"
    root = ET.fromstring(text)
    view_box = [float(part) for part in (root.get("viewBox") or "").replace(",", " ").split()]
    assert len(view_box) == 4, "a viewBox lets the card scale the drawing"
    width, height = view_box[2], view_box[3]
    assert width <= 640
    first_shape = next(_drawn(root))
    assert first_shape.tag == f"{_SVG}rect", "the first thing drawn is the background"
    assert (first_shape.get("fill") or "").lower() in _WHITE
    covers = (first_shape.get("width") == "100%" or (_number(first_shape.get("width")) or 0) >= width) and (
        first_shape.get("height") == "100%" or (_number(first_shape.get("height")) or 0) >= height
    )
    assert covers, "the background covers the whole drawing"


@pytest.mark.parametrize("svg", SVGS, ids=[str(svg.relative_to(CONTENT)) for svg in SVGS])
def test_diagram_is_shown_on_a_card(svg: Path) -> None:
    referenced = any(
        f"{svg.relative_to(markdown.parent).as_posix()})" in markdown.read_text(encoding="utf-8")
        for markdown in CONTENT.rglob("*.md")
        if svg.is_relative_to(markdown.parent)
    )
    assert referenced, f"{svg.relative_to(CONTENT)} is not shown on any card"
