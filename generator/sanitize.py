"""One allow-list for the HTML that ships in cards: what an author's Markdown and raw HTML may become.

Cards promise to run no script and fetch nothing from the network, on Anki desktop and AnkiMobile. A deny-list
(no `<script>`, no `on...=`, no `javascript:`) was bypassed by `href="jav&#x61;script:..."`, by `<audio src=...>`
and by `style="background:url(https://...)"`. This module inverts it: only listed elements and attributes pass,
URLs are judged after entity decoding and URL-parser clean-up, and CSS may call only listed functions (`url()`
only for a `#fragment`, as SVG markers use).

Design (the standard library's `html.parser`, no new dependency): the build pins only genanki, markdown, pygments
and pyyaml, and neither `nh3` nor `bleach` is among them. A sanitizer is only as good as the agreement between the
parser that checks and the browser that renders, so the output is not the input with bad parts cut out: it is
*written anew* from what the parser understood (canonical tags, attribute values re-escaped, comments dropped, every
element closed). Whatever the parser misread, the browser then reads the same thing. For the HTML the generator
itself writes (Python-Markdown's and ours), that writing gives back the same bytes, so no card changes.

Two guards keep it linear: before parsing, every `<` that does not open a complete, well-formed tag is escaped
(CPython's own parser is quadratic on `<a <a <a ...`), and nothing it does rescans earlier text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

# ---------------------------------------------------------------------------------------------------------------
# The policy

_COMMON: Final = frozenset({"class", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden"})
_CELL: Final = frozenset({"colspan", "rowspan", "align", "scope"})
_NONE: Final = frozenset[str]()

# fmt: off
_PLAIN_ELEMENTS: Final = (
    "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "mark", "p", "pre", "q",
    "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "tfoot",
    "thead", "tr", "u", "ul", "var", "wbr",
)
# fmt: on
HTML_ELEMENTS: Final[dict[str, frozenset[str]]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "td": _CELL,
    "th": _CELL,
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "svg": frozenset(),  # switches to SVG_ELEMENTS; its attributes are SVG's
    **dict.fromkeys(_PLAIN_ELEMENTS, _NONE),
}
VOID_ELEMENTS: Final = frozenset({"br", "col", "hr", "img", "wbr"})

_SVG_COMMON: Final = _COMMON | frozenset(
    {
        "id",
        "transform",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "alignment-baseline",
        "letter-spacing",
        "text-decoration",
        "marker-start",
        "marker-mid",
        "marker-end",
        "clip-path",
        "vector-effect",
        "paint-order",
        "shape-rendering",
        "visibility",
        "display",
        "baseline-shift",
        "text-rendering",
        "font-variant",
        "word-spacing",
        "writing-mode",
        "xml:space",
    }
)
_TEXT_POSITION: Final = frozenset({"x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"})
_GRADIENT: Final = frozenset({"gradientUnits", "gradientTransform", "spreadMethod"})
# SVG element and attribute names in their proper case; the parser lowers them, a browser puts the case back.
SVG_ELEMENTS: Final[dict[str, frozenset[str]]] = {
    "svg": frozenset({"xmlns", "viewBox", "width", "height", "x", "y", "preserveAspectRatio", "version"}),
    "g": _NONE,
    "defs": _NONE,
    "title": _NONE,
    "desc": _NONE,
    "path": frozenset({"d", "pathLength"}),
    "rect": frozenset({"x", "y", "width", "height", "rx", "ry"}),
    "circle": frozenset({"cx", "cy", "r"}),
    "ellipse": frozenset({"cx", "cy", "rx", "ry"}),
    "line": frozenset({"x1", "y1", "x2", "y2"}),
    "polyline": frozenset({"points"}),
    "polygon": frozenset({"points"}),
    "text": _TEXT_POSITION,
    "tspan": _TEXT_POSITION,
    "marker": frozenset(
        {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient", "preserveAspectRatio"}
    ),
    "linearGradient": _GRADIENT | {"x1", "y1", "x2", "y2"},
    "radialGradient": _GRADIENT | {"cx", "cy", "r", "fx", "fy", "fr"},
    "stop": frozenset({"offset", "stop-color", "stop-opacity"}),
    "clipPath": frozenset({"clipPathUnits"}),
    "use": frozenset({"href", "xlink:href", "x", "y", "width", "height"}),  # of a #fragment only
    "symbol": frozenset({"viewBox", "preserveAspectRatio", "x", "y", "width", "height", "refX", "refY"}),
}
SVG_NAMESPACE: Final = "http://www.w3.org/2000/svg"
_SVG_CASE: Final = {name.lower(): name for names in (SVG_ELEMENTS, *SVG_ELEMENTS.values()) for name in names}

# Attributes whose value is a URL, and the schemes each may use ("" is a relative reference).
URL_ATTRIBUTES: Final[dict[str, frozenset[str]]] = {
    "href": frozenset({"", "http", "https", "mailto"}),  # followed only on a click, in the system browser
    "src": frozenset({""}),  # loaded with the card: a bundled file (or an inline `data:image/...`)
}
_NETWORK_SCHEMES: Final = frozenset({"http", "https", "ftp", "ws", "wss"})
_DATA_IMAGE: Final = re.compile(r"data:image/(?:png|gif|jpeg|webp|svg\+xml)[;,]", re.IGNORECASE)
_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_STRIPPED: Final = re.compile(r"[\t\n\r]")  # the URL parser drops these anywhere
_URL_TRIMMED: Final = "".join(chr(code) for code in range(0x21))  # ... and these at either end

CSS_FUNCTIONS: Final = frozenset({"rgb", "rgba", "hsl", "hsla", "calc", "var", "min", "max", "clamp"})
SVG_TRANSFORMS: Final = frozenset({"translate", "rotate", "scale", "matrix", "skewx", "skewy"})
_CSS_FUNCTION: Final = re.compile(r"([A-Za-z_-][A-Za-z0-9_-]*)\s*\(")
_FRAGMENT: Final = re.compile(r"#[A-Za-z_][\w.-]*")
_CSS_FRAGMENT_URL: Final = re.compile(r"""url\(\s*(?:#[\w.-]+|"#[\w.-]+"|'#[\w.-]+')\s*\)""", re.IGNORECASE)

_SCRIPT_ELEMENTS: Final = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta", "noscript"}
)
_FETCHING_ELEMENTS: Final = frozenset(
    {"audio", "video", "source", "track", "picture", "link", "image", "use", "feimage", "input", "style"}
)
_RAW_TEXT_ELEMENTS: Final = frozenset({"script", "style"})  # html.parser reads their content as text: drop it


def url_problem(attribute: str, value: str) -> tuple[str, str] | None:
    """(rule, message) when `value`, an attribute's decoded value, is a URL this attribute may not hold."""
    cleaned = _URL_STRIPPED.sub("", value).strip(_URL_TRIMMED)
    scheme_match = _SCHEME.match(cleaned)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    network = scheme in _NETWORK_SCHEMES or cleaned.replace("\\", "/").startswith("//")
    if attribute == "src":
        if network:
            return "remote-resource", f"{cleaned[:60]!r} would be fetched from the network: bundle the file in the tree"
        if scheme == "data" and _DATA_IMAGE.match(cleaned):
            return None
    allowed = URL_ATTRIBUTES.get(attribute, frozenset({""}))
    if scheme in allowed:
        return None
    if scheme in ("javascript", "vbscript"):
        return "unsafe-html", f"a {scheme}: URL could run script"
    shown = f"{scheme}:" if scheme else repr(cleaned[:60])
    return "unsafe-html", f"{shown} is not an allowed URL for {attribute}="


def css_problem(value: str, functions: frozenset[str] = CSS_FUNCTIONS) -> tuple[str, str] | None:
    """(rule, message) when a style value could fetch, run, or hide something from this check."""
    if "\\" in value or "/*" in value:
        return "unsafe-html", "CSS escapes and comments are not allowed in style"
    if "@" in value:
        return "unsafe-html", "CSS at-rules are not allowed in style"
    for match in _CSS_FUNCTION.finditer(value):
        name = match.group(1).lower()
        if name == "url":
            if _CSS_FRAGMENT_URL.match(value, match.start()):
                continue
            rest = value[match.end() :].strip(" \"'")
            if _SCHEME.match(rest) or rest.startswith("//"):
                return "remote-resource", "url() in CSS would fetch from the network"
            return "unsafe-html", "url() in CSS may only point at a #fragment of the card"
        if name not in functions:
            return "unsafe-html", f"the CSS function {name}() is not allowed"
    return None


# ---------------------------------------------------------------------------------------------------------------
# The linear guard: only complete tags reach html.parser

_NAME = r"[A-Za-z][A-Za-z0-9-]*+"
_ATTRIBUTE = r"""[^\s"'<>/=`]++(?:\s*+=\s*+(?:"[^"<]*+"|'[^'<]*+'|[^\s"'=<>`]++))?+"""
COMPLETE_TAG: Final = re.compile(rf"<{_NAME}(?:\s++{_ATTRIBUTE})*+\s*+/?>|</{_NAME}\s*+>")


def stray_angles(text: str) -> list[int]:
    """The offsets of every `<` in `text` that starts no complete tag or comment, found in one pass.

    A complete tag cannot contain `<`, so trying one stops at the next `<` at the latest; a comment's end is searched
    for at most once per place it could end.
    """
    stray: list[int] = []
    comment_end = -2  # where the next "-->" is; -1 when there is none
    position = text.find("<")
    while position != -1:
        if text.startswith("<!--", position):
            if comment_end != -1 and comment_end < position + 4:
                comment_end = text.find("-->", position + 4)
            if comment_end != -1:
                position = text.find("<", comment_end + 3)
                continue
        elif COMPLETE_TAG.match(text, position):
            position = text.find("<", position + 1)
            continue
        stray.append(position)
        position = text.find("<", position + 1)
    return stray


def escape_incomplete_tags(text: str) -> str:
    """`text` with every `<` that starts no complete tag or comment written as `&lt;`."""
    if "<" not in text:
        return text
    pieces: list[str] = []
    cursor = 0
    for position in stray_angles(text):
        pieces.append(text[cursor:position])
        pieces.append("&lt;")
        cursor = position + 1
    pieces.append(text[cursor:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------------------------------
# The sanitizer


@dataclass(frozen=True)
class Violation:
    """What the sanitizer left out, and how to find it in the author's source.

    `needles` are tried in order (the tag as written, then what Markdown made of it); `focus`, when given, is looked
    for inside the text the first needle found, to point at an attribute rather than at its tag.
    """

    rule: str  # unsafe-html, remote-resource, invalid-html
    message: str
    needles: tuple[str, ...]
    focus: str = ""


@dataclass(frozen=True)
class Sanitized:
    html: str
    violations: tuple[Violation, ...]


def sanitize(fragment: str) -> Sanitized:
    """The allowed part of an HTML fragment, written anew and balanced, and what was left out or repaired."""
    writer = _Writer(escape_incomplete_tags(fragment))
    return Sanitized(writer.output(), tuple(writer.violations))


@dataclass
class _Open:
    name: str  # as written out (SVG names in their proper case)
    svg: bool
    start_tag: str  # as written in the input, to find it by


class _Writer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.out: list[str] = []
        self.violations: list[Violation] = []
        self.open: list[_Open] = []
        self.dropping_text = 0  # inside <script> or <style>
        self.closed_early: list[str] = []  # elements closed to repair nesting; their own end tags come later
        self.refused: list[str] = []  # elements left out; their end tags go too
        self.data_start: int | None = None
        self.feed(text)
        self.close()

    def output(self) -> str:
        self._flush_data(len(self.text))
        while self.open:
            element = self.open.pop()
            self._report("invalid-html", f"<{element.name}> is never closed", element.start_tag, f"<{element.name}")
            self.out.append(f"</{element.name}>")
        return "".join(self.out)

    # Where things are: text is copied as written (only `<` is escaped), so data events are located in the input.

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _flush_data(self, end: int) -> None:
        if self.data_start is None:
            return
        raw = self.text[self.data_start : end]
        self.data_start = None
        if not self.dropping_text:
            self.out.append(raw.replace("<", "&lt;"))

    def handle_data(self, data: str) -> None:
        if self.data_start is None:
            self.data_start = self._offset()

    def _event(self) -> None:
        self._flush_data(self._offset())

    def handle_comment(self, data: str) -> None:
        self._event()  # dropped: invisible, and the one construct browsers and parsers disagree on most

    def handle_decl(self, decl: str) -> None:
        self._event()

    def handle_pi(self, data: str) -> None:
        self._event()

    def unknown_decl(self, data: str) -> None:
        self._event()

    # Tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        self._event()
        in_svg = bool(self.open) and self.open[-1].svg
        name = _SVG_CASE.get(tag, tag) if in_svg or tag == "svg" else tag
        if tag in _RAW_TEXT_ELEMENTS and self.dropping_text:
            self.dropping_text -= 1
            return
        if self.refused and self.refused[-1] == tag:
            self.refused.pop()
            return
        depth = next((index for index in range(len(self.open) - 1, -1, -1) if self.open[index].name == name), None)
        if depth is None:
            if name in self.closed_early:
                self.closed_early.remove(name)
            elif tag in self.refused:
                self.refused.remove(tag)
            elif self._allowed_anywhere(tag):
                self._report("invalid-html", f"</{tag}> closes no open element", f"</{tag}")
            return
        for element in reversed(self.open[depth + 1 :]):
            self._report(
                "invalid-html", f"<{element.name}> is not closed before </{name}>", element.start_tag, f"</{name}"
            )
            self.out.append(f"</{element.name}>")
            self.closed_early.append(element.name)
        del self.open[depth:]
        self.out.append(f"</{name}>")

    def _allowed_anywhere(self, tag: str) -> bool:
        return tag in HTML_ELEMENTS or tag in {name.lower() for name in SVG_ELEMENTS}

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        raw = self.get_starttag_text() or f"<{tag}"
        in_svg = bool(self.open) and self.open[-1].svg
        policy = SVG_ELEMENTS if in_svg or tag == "svg" else HTML_ELEMENTS
        name = _SVG_CASE.get(tag, tag) if policy is SVG_ELEMENTS else tag
        if name not in policy:
            self._refuse_element(tag, raw, in_svg)
            return
        written = self._attributes(name, attrs, raw, svg=policy is SVG_ELEMENTS)
        svg = policy is SVG_ELEMENTS
        if svg and self_closing:
            self.out.append(f"<{name}{written}/>")
        elif name in VOID_ELEMENTS:
            self.out.append(f"<{name}{written}>")
        elif self_closing:
            self.out.append(f"<{name}{written}></{name}>")
        else:
            self.out.append(f"<{name}{written}>")
            self.open.append(_Open(name, svg, raw))

    def _refuse_element(self, tag: str, raw: str, in_svg: bool) -> None:
        if tag in _RAW_TEXT_ELEMENTS:
            self.dropping_text += 1
        elif not raw.endswith("/>"):
            self.refused.append(tag)
        if tag in _SCRIPT_ELEMENTS or tag.startswith("on"):
            message = f"<{tag}> could run script"
        elif tag in _FETCHING_ELEMENTS:
            message = f"<{tag}> could fetch from the network or restyle Anki: it is not allowed in a card"
        elif in_svg:
            message = f"<{tag}> is not an allowed SVG element"
        else:
            message = f"<{tag}> is not an allowed element (see 'What you can write in a field' in content/README.md)"
        self._report("unsafe-html", message, raw, f"<{tag}")

    def _attributes(self, element: str, attrs: list[tuple[str, str | None]], raw: str, svg: bool) -> str:
        allowed = (SVG_ELEMENTS[element] | _SVG_COMMON) if svg else (HTML_ELEMENTS[element] | _COMMON)
        written: list[str] = []
        seen: set[str] = set()
        for lowered, value in attrs:
            name = _SVG_CASE.get(lowered, lowered) if svg else lowered
            problem = self._attribute_problem(element, name, value or "", allowed)
            if problem is not None:
                rule, message = problem
                self._report(rule, message, raw, value or "", focus=lowered)
                continue
            if name in seen:
                continue  # a browser keeps the first of two equal attributes
            seen.add(name)
            written.append(f" {name}" if value is None else f' {name}="{_escape_attribute(value)}"')
        return "".join(written)

    def _attribute_problem(
        self, element: str, name: str, value: str, allowed: frozenset[str]
    ) -> tuple[str, str] | None:
        if name.startswith("on"):
            return "unsafe-html", f"the {name} attribute could run script"
        if element in SVG_ELEMENTS and name in ("href", "xlink:href") and name in allowed:
            return None if _FRAGMENT.fullmatch(value) else ("unsafe-html", f"<{element}> may only use a #fragment")
        if name not in allowed:
            return "unsafe-html", f"the {name} attribute is not allowed on <{element}>"
        if name in URL_ATTRIBUTES:
            return url_problem(name, value)
        if name == "xmlns" and value != SVG_NAMESPACE:
            return "unsafe-html", f"xmlns must be {SVG_NAMESPACE!r}"
        if name == "style":
            return css_problem(value)
        if element in SVG_ELEMENTS and "(" in value:  # presentation attributes: url(#marker), transforms
            return css_problem(value, CSS_FUNCTIONS | SVG_TRANSFORMS)
        return None

    def _report(self, rule: str, message: str, *needles: str, focus: str = "") -> None:
        self.violations.append(Violation(rule, message, tuple(needle for needle in needles if needle.strip()), focus))


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Locator:
    """Finds violations in the author's source, in order: each needle is searched on from where it was last found,
    so the tenth `<b>` left open is located at the tenth `<b>`, and locating them all stays linear."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lowered: str | None = None
        self.cursors: dict[str, int] = {}

    def find(self, violation: Violation) -> int | None:
        """The offset of what `violation` is about (matching exactly, else ignoring case), or None."""
        for needle in violation.needles:
            offset = self._search(needle)
            if offset == -1:
                continue
            if violation.focus:
                written = self.source[offset : offset + len(needle)]
                found = re.search(rf"(?<=[\s\"'/]){re.escape(violation.focus)}\b", written, re.IGNORECASE)
                if found is not None:
                    return offset + found.start()
            return offset
        return None

    def _search(self, needle: str) -> int:
        cursor = self.cursors.get(needle, 0)
        offset = self.source.find(needle, cursor)
        if offset == -1:
            if self.lowered is None:
                self.lowered = self.source.lower()
            offset = self.lowered.find(needle.lower(), cursor)
        if offset == -1 and cursor:
            offset = self.source.find(needle)
        if offset != -1:
            self.cursors[needle] = offset + 1
        return offset
