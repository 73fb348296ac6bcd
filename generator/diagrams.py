"""SVG diagrams: checked against the card convention and inlined into the card's HTML, coloured by the card's CSS.

Why inline and not `<img src=...>`: an SVG loaded as an image is a separate document that the card's CSS cannot
reach, so night mode could only invert it (muddy pastels, a visibly darker box) or ship a second, dark copy of every
file switched by `.nightMode`. Inline, the drawing's shapes carry classes (`d-box`, `d-edge`, ...) that the note type's
CSS colours for light and night mode (`cardstyle.py`), so a new palette reaches every user with a note-type update and
no media changes. The costs, and how they are met:

- ids: every inlined drawing shares the card's document, so its ids (arrow markers) are prefixed with the file's
  name and content hash; two different drawings never collide, and the same drawing twice defines the same thing.
- Anki's editor shows fields without the card's CSS, so each coloured shape also gets light-mode `fill`/`stroke`
  attributes from the same palette. Any CSS rule beats a presentation attribute, so on a card the CSS wins.
- safety: only an allow-list of SVG elements and attributes passes; anything that could run script or fetch
  (`<script>`, `<foreignObject>`, `on...=`, external `href`) is an error, and a DOCTYPE (entities) is refused.

The convention itself (`CONVENTION` below, documented in content/README.md) is what keeps labels legible on a phone:
a viewBox at most 360 wide and labels of at least 12 units, so they render at 11 px or more at 390 px.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_SVG = f"{{{SVG_NS}}}"

MAX_WIDTH = 360  # viewBox units; with labels >= MIN_FONT_SIZE they render >= 11 px in a 390 px phone's card
MIN_FONT_SIZE = 12
DEFAULT_FONT_SIZE = 16  # what a browser uses for a standalone SVG file; set explicitly so inline renders the same
FONT_FAMILY = "Helvetica, Arial, sans-serif"

# The colour classes of the convention, and the ones this module adds (documented in content/README.md).
SHAPE_CLASSES = ("d-box", "d-b1", "d-b2", "d-b3", "d-b4")
LINE_CLASSES = ("d-edge", "d-l1", "d-l2", "d-l3", "d-l4")
CLASSES = frozenset((*SHAPE_CLASSES, *LINE_CLASSES, "d-dash", "d-head", "d-dot", "d-muted", "d-hl", "d-bold", "d-mono"))

# Light and night colours of every class; `cardstyle.py` turns them into CSS, `_fallback_paint` into attributes.
# Text colours are chosen for at least 4.5:1 against every fill they can sit on (tests/cards checks it rendered).
PALETTE: dict[str, dict[str, str]] = {
    "light": {
        "fg": "#1f2328",
        "muted": "#555d66",
        "hl": "#0a4f9e",
        "edge": "#59636e",
        "box-fill": "#f2f4f7",
        "box-line": "#8a949e",
        "b1-fill": "#dcebfd",
        "b1-line": "#3d7fd6",
        "b2-fill": "#dcf3e2",
        "b2-line": "#2f9a52",
        "b3-fill": "#fdf0cf",
        "b3-line": "#c98a12",
        "b4-fill": "#efe4fb",
        "b4-line": "#8a5cc7",
    },
    "night": {
        "fg": "#e4e8ec",
        "muted": "#a9b2bc",
        "hl": "#8cc4ff",
        "edge": "#98a2ad",
        "box-fill": "#2a2f35",
        "box-line": "#6f7a85",
        "b1-fill": "#1b3350",
        "b1-line": "#5a9ae6",
        "b2-fill": "#183a25",
        "b2-line": "#4cae6a",
        "b3-fill": "#3d3012",
        "b3-line": "#cf9b2e",
        "b4-fill": "#33254a",
        "b4-line": "#a783dc",
    },
}

_ELEMENTS = frozenset(
    f"{_SVG}{name}"
    for name in (
        "svg",
        "g",
        "defs",
        "marker",
        "title",
        "desc",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
        "tspan",
        "use",
        "symbol",
        "clipPath",
    )
)
_NOT_DRAWN = frozenset(f"{_SVG}{name}" for name in ("defs", "marker", "symbol", "clipPath", "title", "desc"))
_ATTRIBUTES = frozenset(
    {
        "id",
        "class",
        "viewBox",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "d",
        "points",
        "transform",
        "preserveAspectRatio",
        "text-anchor",
        "dominant-baseline",
        "alignment-baseline",
        "baseline-shift",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "letter-spacing",
        "dx",
        "dy",
        "textLength",
        "lengthAdjust",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "fill-opacity",
        "opacity",
        "marker-start",
        "marker-mid",
        "marker-end",
        "markerWidth",
        "markerHeight",
        "markerUnits",
        "refX",
        "refY",
        "orient",
        "clip-path",
        "role",
        "aria-label",
        "aria-hidden",
        "version",
        "paint-order",
        "stroke-miterlimit",
        "stroke-dashoffset",
        "vector-effect",
        "shape-rendering",
        "text-rendering",
        "text-decoration",
        "font-variant",
        "word-spacing",
        "writing-mode",
        "visibility",
        "display",
        "style",
        "{http://www.w3.org/XML/1998/namespace}space",
        "href",
        f"{{{XLINK_NS}}}href",
    }
)
_COLOUR_ATTRIBUTES = ("fill", "stroke")
_NOT_A_COLOUR = frozenset({"none", "currentcolor", "inherit", ""})
_URL_REFERENCE = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_NUMBER = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*")


class DiagramError(ValueError):
    """The file cannot be inlined: not SVG, not well-formed, or (`unsafe`) able to run script or fetch."""

    def __init__(self, message: str, unsafe: bool = False) -> None:
        super().__init__(message)
        self.unsafe = unsafe


@dataclass(frozen=True)
class Diagram:
    markup: str  # the <svg> element for a card, with `{label}` left for the alt text of each use
    width: float  # viewBox width, units
    smallest_font: float  # effective smallest font-size of any text, in viewBox units
    departures: tuple[str, ...]  # where the drawing departs from the convention (warnings)

    def for_card(self, alt: str) -> str:
        return self.markup.replace("\x00label\x00", html.escape(alt, quote=True), 1)


@lru_cache(maxsize=256)
def load(data: bytes, name: str) -> Diagram:
    """Check one SVG file and turn it into card markup; `name` (the bundled file name) prefixes its ids."""
    text = _decode(data)
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise DiagramError("a DOCTYPE or ENTITY declaration: remove it (entities are not allowed)", unsafe=True)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise DiagramError(f"not well-formed XML: {error}") from None
    if root.tag != f"{_SVG}svg":
        raise DiagramError("the root element is not <svg> in the SVG namespace")
    _check_safe(root)
    departures = list(_departures(root))
    view_box = _view_box(root)
    prefix = _id_prefix(name, data)
    _prefix_ids(root, prefix)
    _set_root(root)
    for element in root.iter():
        _fallback_paint(element)
    smallest = min(_font_sizes(root), default=float(DEFAULT_FONT_SIZE))
    return Diagram(_serialise(root), view_box[2] if view_box else 0.0, smallest, tuple(departures))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DiagramError(f"not UTF-8 (byte {error.start})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_safe(root: ET.Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _ELEMENTS:
            raise DiagramError(f"<{_local(str(element.tag))}> is not an allowed SVG element", unsafe=True)
        for attribute, value in element.attrib.items():
            if attribute not in _ATTRIBUTES:
                shown = _local(attribute)
                if shown.lower().startswith("on"):
                    raise DiagramError(f"the {shown} attribute could run script", unsafe=True)
                raise DiagramError(f"the {shown} attribute on <{_local(element.tag)}> is not allowed", unsafe=True)
            if _local(attribute) == "href" and not value.startswith("#"):
                raise DiagramError(f"href {value!r} points outside the drawing", unsafe=True)
            if attribute == "style" and re.search(r"url\(|@import|expression", value, re.IGNORECASE):
                raise DiagramError("a style attribute with url(), @import or expression()", unsafe=True)
            if "url(" in value and attribute != "style" and not _URL_REFERENCE.fullmatch(value.strip()):
                raise DiagramError(f"{_local(attribute)}={value!r}: only url(#id) references are allowed", unsafe=True)


def _view_box(root: ET.Element) -> tuple[float, float, float, float] | None:
    parts = (root.get("viewBox") or "").replace(",", " ").split()
    if len(parts) != 4:
        return None
    try:
        x, y, width, height = (float(part) for part in parts)
    except ValueError:
        return None
    return x, y, width, height


def _number(value: str | None) -> float | None:
    match = _NUMBER.fullmatch(value or "")
    return float(match.group(1)) if match else None


def _departures(root: ET.Element) -> list[str]:
    """What the drawing does that the convention (content/README.md, "Diagrams") asks it not to."""
    found: list[str] = []
    view_box = _view_box(root)
    if view_box is None:
        return ["no viewBox: give the root <svg> a viewBox so the card can scale it"]
    width, height = view_box[2], view_box[3]
    if _number(root.get("width")) != width or _number(root.get("height")) != height:
        found.append(f"width and height should equal the viewBox size ({width:g} x {height:g})")
    smallest = min(_font_sizes(root), default=float(DEFAULT_FONT_SIZE))
    needed = MIN_FONT_SIZE * max(width, MAX_WIDTH) / MAX_WIDTH
    if width > MAX_WIDTH and smallest < needed:
        found.append(
            f"viewBox {width:g} wide (at most {MAX_WIDTH}): draw top to bottom, or make every font-size >= {needed:.1f}"
        )
    elif smallest < MIN_FONT_SIZE:
        found.append(f"a font-size of {smallest:g} (at least {MIN_FONT_SIZE}): it would render too small on a phone")
    if root.get("font-family") is None:
        found.append(f'set font-family="{FONT_FAMILY}" on the root <svg>')
    if root.find(f"{_SVG}title") is None:
        found.append("no <title>: add a one-line description")
    found.extend(_colour_departures(root, width, height))
    return found


def _colour_departures(root: ET.Element, width: float, height: float) -> list[str]:
    coloured: dict[str, int] = {}
    styled = 0
    unknown: set[str] = set()
    for element in root.iter():
        for attribute in _COLOUR_ATTRIBUTES:
            value = (element.get(attribute) or "").strip().lower()
            if value not in _NOT_A_COLOUR and not value.startswith("url("):
                coloured[f'{attribute}="{value}"'] = coloured.get(f'{attribute}="{value}"', 0) + 1
        styled += element.get("style") is not None
        unknown.update(item for item in (element.get("class") or "").split() if item not in CLASSES)
    found: list[str] = []
    if coloured:
        examples = ", ".join(sorted(coloured, key=lambda key: -coloured[key])[:3])
        found.append(f"{sum(coloured.values())} colour attributes ({examples}): colours come from the d-* classes only")
    if styled:
        found.append(f"{styled} style attributes: use attributes and d-* classes instead")
    if unknown:
        found.append(f"classes {', '.join(sorted(unknown))} are not diagram classes ({', '.join(sorted(CLASSES))})")
    first = next(_drawn(root), None)
    if first is not None and _local(first.tag) == "rect" and _covers(first, width, height):
        found.append("a background rectangle: remove it (the card supplies the background in both modes)")
    return found


def _drawn(element: ET.Element) -> Iterator[ET.Element]:
    for child in element:
        if child.tag in _NOT_DRAWN:
            continue
        if _local(child.tag) not in ("g", "svg"):
            yield child
        yield from _drawn(child)


def _covers(rect: ET.Element, width: float, height: float) -> bool:
    def full(value: str | None, size: float) -> bool:
        return value == "100%" or (_number(value) or 0) >= size

    return full(rect.get("width"), width) and full(rect.get("height"), height)


def _font_sizes(root: ET.Element) -> list[float]:
    """The effective font-size of every text element with text in it, inheriting from its ancestors."""
    sizes: list[float] = []

    def walk(element: ET.Element, inherited: float) -> None:
        own = _number(element.get("font-size"))
        size = own if own is not None else inherited
        if _local(element.tag) in ("text", "tspan") and (element.text or "").strip():
            sizes.append(size)
        for child in element:
            walk(child, size)

    walk(root, float(DEFAULT_FONT_SIZE))
    return sizes


def _id_prefix(name: str, data: bytes) -> str:
    stem = re.sub(r"[^A-Za-z0-9-]+", "-", name.rsplit(".", 1)[0]).strip("-")[:24] or "d"
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:6]}-"


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    if not ids:
        return

    def reference(match: re.Match[str]) -> str:
        return f"url(#{prefix}{match.group(1)})" if match.group(1) in ids else match.group(0)

    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            if attribute == "id":
                element.set(attribute, prefix + value)
            elif _local(attribute) == "href" and value[1:] in ids:
                element.set(attribute, f"#{prefix}{value[1:]}")
            elif "url(#" in value:
                element.set(attribute, _URL_REFERENCE.sub(reference, value))


def _set_root(root: ET.Element) -> None:
    for attribute in ("role", "aria-label"):
        root.attrib.pop(attribute, None)
    root.set("class", " ".join(["diagram", *(root.get("class") or "").split()]))
    root.set("role", "img")
    root.set("aria-label", "\x00label\x00")
    root.attrib.setdefault("font-family", FONT_FAMILY)
    root.attrib.setdefault("font-size", str(DEFAULT_FONT_SIZE))


def _fallback_paint(element: ET.Element) -> None:
    """Light-mode colours as presentation attributes, for places without the card's CSS (Anki's editor)."""
    light = PALETTE["light"]
    classes = set((element.get("class") or "").split())
    name = _local(element.tag)
    paint: dict[str, str] = {}
    if name in ("text", "tspan"):
        colour = "muted" if "d-muted" in classes else "hl" if "d-hl" in classes else None
        if colour is not None or name == "text":
            paint["fill"] = light[colour or "fg"]
    for shape in SHAPE_CLASSES:
        if shape in classes:
            key = "box" if shape == "d-box" else shape[2:]
            paint.update(fill=light[f"{key}-fill"], stroke=light[f"{key}-line"])
    for line in LINE_CLASSES:
        if line in classes:
            key = "edge" if line == "d-edge" else f"b{line[3:]}-line"
            paint.update(fill="none", stroke=light[key])
    if classes & {"d-head", "d-dot"}:
        paint.update(fill=light["edge"], stroke="none")
    for attribute, value in paint.items():
        element.attrib.setdefault(attribute, value)


def _serialise(root: ET.Element) -> str:
    for element in root.iter():
        if element.tag in (f"{_SVG}text", f"{_SVG}tspan", f"{_SVG}title", f"{_SVG}desc"):
            continue
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    markup = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return markup.replace("\n", " ")
