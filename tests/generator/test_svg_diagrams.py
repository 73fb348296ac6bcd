"""SVG diagrams: checked against the convention, refused when unsafe, and inlined into the card with unique ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TreeFactory

from generator import Options, build, compile_tree
from generator.diagrams import PALETTE, DiagramError, load

GOOD = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60" width="200" height="60"
     font-family="Helvetica, Arial, sans-serif" font-size="13">
  <title>Two boxes and an arrow</title>
  <defs><marker id="t-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
    <path class="d-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>
  <rect class="d-b1" x="4" y="14" width="70" height="32" rx="5"/>
  <text x="39" y="35" text-anchor="middle">client</text>
  <line class="d-edge" x1="78" y1="30" x2="120" y2="30" marker-end="url(#t-arrow)"/>
  <rect class="d-box" x="124" y="14" width="70" height="32" rx="5"/>
  <text class="d-muted" x="159" y="35" text-anchor="middle">server</text>
</svg>
"""


def test_a_convention_diagram_has_no_departures_and_gets_prefixed_ids() -> None:
    diagram = load(GOOD.encode(), "flow-abc.svg")
    assert diagram.departures == ()
    assert diagram.smallest_font == 13 and diagram.width == 200
    markup = diagram.for_card('A "client" & a server')
    ids = re.findall(r'id="([^"]+)"', markup)
    assert ids and all(identifier.startswith("flow-abc-") for identifier in ids)
    assert f'marker-end="url(#{ids[0]})"' in markup
    assert 'aria-label="A &quot;client&quot; &amp; a server"' in markup and 'role="img"' in markup
    assert markup.startswith("<svg") and 'class="diagram"' in markup and "\n" not in markup


def test_shapes_carry_light_fallback_colours_for_places_without_the_card_css() -> None:
    markup = load(GOOD.encode(), "flow.svg").for_card("x")
    light = PALETTE["light"]
    assert f'fill="{light["b1-fill"]}"' in markup and f'stroke="{light["b1-line"]}"' in markup
    assert f'fill="{light["muted"]}"' in markup and f'stroke="{light["edge"]}"' in markup


def test_a_different_drawing_gets_different_ids_and_the_same_drawing_the_same() -> None:
    other = GOOD.replace("server", "database")
    first = re.findall(r'id="([^"]+)"', load(GOOD.encode(), "flow.svg").for_card(""))
    again = re.findall(r'id="([^"]+)"', load(GOOD.encode(), "flow.svg").for_card(""))
    second = re.findall(r'id="([^"]+)"', load(other.encode(), "flow.svg").for_card(""))
    assert first == again and set(first).isdisjoint(second)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('viewBox="0 0 200 60" width="200"', 'viewBox="0 0 480 60" width="480"'), "viewBox 480 wide"),
        (('font-size="13"', 'font-size="10"'), "a font-size of 10"),
        (('width="200"', 'width="400"'), "width and height should equal"),
        (('<rect class="d-b1"', '<rect fill="#cfe0f5" class="d-b1"'), "colours come from the d-* classes"),
        (("<title>Two boxes and an arrow</title>", ""), "no <title>"),
        (('class="d-muted"', 'class="d-grey"'), "d-grey are not diagram classes"),
        (("<defs>", '<rect x="0" y="0" width="200" height="60"/><defs>'), "a background rectangle"),
        ((' font-family="Helvetica, Arial, sans-serif"', ""), "set font-family"),
    ],
)
def test_departures_from_the_convention_are_named(change: tuple[str, str], expected: str) -> None:
    drawing = GOOD.replace(*change)
    assert drawing != GOOD
    departures = load(drawing.encode(), "flow.svg").departures
    assert any(expected in departure for departure in departures), departures


def test_a_wide_drawing_with_large_enough_labels_keeps_to_the_convention() -> None:
    wide = GOOD.replace('viewBox="0 0 200 60" width="200"', 'viewBox="0 0 540 60" width="540"')
    assert load(wide.replace('font-size="13"', 'font-size="18"').encode(), "w.svg").departures == ()


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>alert(1)</script>",
        '<rect onclick="alert(1)" width="1" height="1"/>',
        "<foreignObject><div>x</div></foreignObject>",
        '<use href="https://example.com/x.svg#a"/>',
        '<rect fill="url(https://example.com/p)" width="1" height="1"/>',
        '<rect style="fill: url(https://example.com/p)" width="1" height="1"/>',
    ],
)
def test_unsafe_drawings_are_refused(unsafe: str) -> None:
    with pytest.raises(DiagramError) as caught:
        load(GOOD.replace("</svg>", f"{unsafe}</svg>").encode(), "x.svg")
    assert caught.value.unsafe


def test_entities_and_broken_files_are_refused() -> None:
    with pytest.raises(DiagramError) as entity:
        load(b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "x.svg")
    assert entity.value.unsafe
    with pytest.raises(DiagramError) as broken:
        load(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "x.svg")
    assert not broken.value.unsafe and "well-formed" in str(broken.value)


def test_the_build_inlines_diagrams_and_ships_no_media_for_them(make_tree: TreeFactory, tmp_path: Path) -> None:
    root = make_tree(
        {
            "t/img/flow.svg": GOOD,
            "t/img/photo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
            "t/cards.md": "---\nsource: Book\n---\n## Which way do requests flow? {#q}\n\n"
            "![Client to server](img/flow.svg)\n\n![A photo](img/photo.png)\n",
        }
    )
    compiled = build(root, tmp_path / "out", Options(jobs=1))
    assert [finding.rule for finding in compiled.findings] == []
    back = compiled.notes[0].fields[1]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in back and 'aria-label="Client to server"' in back
    assert "flow" not in re.sub(r'id="[^"]*"|url\(#[^)]*\)', "", back.split("<svg", 1)[1].split("</svg>")[0])
    assert re.search(r'<img alt="A photo" src="photo-[0-9a-f]{12}\.png"', back)
    assert [name for name, _ in compiled.media] == [re.search(r"photo-[0-9a-f]{12}\.png", back).group(0)]


def test_build_findings_for_diagrams_point_at_the_image(make_tree: TreeFactory) -> None:
    root = make_tree(
        {
            "t/img/wide.svg": GOOD.replace('font-size="13"', 'font-size="9"'),
            "t/img/evil.svg": GOOD.replace("</svg>", "<script>x()</script></svg>"),
            "t/img/broken.svg": "<svg",
            "t/cards.md": "---\nsource: Book\n---\n## Q? {#q}\n\nA ![w](img/wide.svg)\n\n![e](img/evil.svg)\n\n"
            "![b](img/broken.svg)\n",
        }
    )
    found = [(item.rule, item.line, item.col) for item in compile_tree(root, Options(jobs=1)).findings]
    assert found == [("diagram-convention", 6, 8), ("unsafe-html", 8, 6), ("invalid-image", 10, 6)]
