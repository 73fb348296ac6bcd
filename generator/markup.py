"""Markdown to card HTML that works offline in Anki desktop and AnkiMobile.

Fenced code is highlighted by Pygments (`highlight.py`: CSS classes, no JavaScript), math is lifted out before Markdown
can mangle it and handed to Anki's MathJax as `\\(...\\)` / `\\[...\\]`, and everything else simple is rendered by
a fast path here. What the fast path does not take goes to Python-Markdown (`full_markdown.py`), whose output passes
the allow-list sanitizer (`sanitize.py`). Code and math are found by `spans.py`, which the lint rules share, so what
is checked is exactly what is rendered.

The modules form layers: `spans` and `sanitize` know nothing of the others, `full_markdown` builds on them, and this
module on all three.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from .sanitize import Violation
from .spans import Span, math_body, mathjax, run_length, scan, spans_between, split_fence


@dataclass(frozen=True)
class Html:
    """A field's card HTML, and what the sanitizer left out of it (located in the source by `render.py`)."""

    text: str
    violations: tuple[Violation, ...] = ()


_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>).)*)</p>", re.DOTALL)


def to_html(text: str, inline: bool = False) -> Html:
    """Card HTML for a field's Markdown. With `inline`, a lone paragraph loses its `<p>` wrapper."""
    if not text.strip():
        return Html("")
    fast = fast_render(text)
    if fast is not None:
        rendered = Html(fast)  # NOTE: no sanitizer: the fast path takes no author markup, only escaped text
    else:
        from .full_markdown import convert  # NOTE: imported when first needed; a warm rebuild may never need it

        converted = convert(text)
        rendered = Html(converted.html, converted.violations)
    if inline:
        only = _SINGLE_PARAGRAPH.fullmatch(rendered.text)
        if only:
            return Html(only.group(1), rendered.violations)
    return rendered


def render(text: str, inline: bool = False) -> str:
    """`to_html` without the report of what was left out."""
    return to_html(text, inline).text


# Anki reads `{{c1::`, `::` and `}}` anywhere in a cloze field's HTML, code and math included: `{{c1::`xs[::-1]`}}`
# would end the answer at `xs[` and show `:-1]` as a hint. Inside code and math they are written as character
# references, which Anki's cloze parser does not read and the browser and MathJax see as the same characters.
_CLOZE_REGION = re.compile(r"<(/?)(?:pre|code)\b[^>]*>|\\([()\[\]])")
_CLOZE_SYNTAX = re.compile(r"::|\{\{|\}\}")
_CLOZE_SAFE = {"::": ":&#58;", "{{": "{&#123;", "}}": "}&#125;"}


def protect_cloze(rendered: str) -> str:
    """A cloze field's HTML with Anki's cloze syntax inside code and math made inert."""
    if _CLOZE_SYNTAX.search(rendered) is None:
        return rendered
    pieces: list[str] = []
    cursor = 0
    code_depth = 0
    math_closer: str | None = None
    for token in _CLOZE_REGION.finditer(rendered):
        segment = rendered[cursor : token.start()]
        inside = code_depth > 0 or math_closer is not None
        pieces.append(_inert(segment) if inside else segment)
        delimiter = token.group(2)
        if delimiter is None:  # <pre>, <code> or their end tags; their attributes are made inert too
            pieces.append(_inert(token.group(0)))
            code_depth = code_depth + 1 if token.group(1) == "" else max(0, code_depth - 1)
        else:
            pieces.append(token.group(0))
            if code_depth == 0 and math_closer is None and delimiter in "([":
                math_closer = ")" if delimiter == "(" else "]"
            elif code_depth == 0 and delimiter == math_closer:
                math_closer = None
        cursor = token.end()
    tail = rendered[cursor:]
    pieces.append(_inert(tail) if code_depth > 0 or math_closer is not None else tail)
    return "".join(pieces)


def _inert(segment: str) -> str:
    return _CLOZE_SYNTAX.sub(lambda match: _CLOZE_SAFE[match.group(0)], segment)


# NOTE: The fast path. Most fields are a few plain paragraphs with code spans, math, bold text and code blocks.
# Python-Markdown spends most of its time on the dozens of inline patterns such text never uses, so text made only
# of those pieces is rendered here directly. Anything else goes to Python-Markdown. The test suite checks that both
# paths give the same HTML, on fuzzed text and on every field of the real content.
_UNSIMPLE_LINE = re.compile(r"^(?:[ \t#>|=+*~-]|\d+[.)]|$)|[ \t]$")
_UNSIMPLE_CHARS = re.compile(r"[_\[\]!<&\\~`*]")
_BOLD = re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")
_NORMALIZED = re.compile(r"[\t\r\x02\x03]")
_WHITESPACE_LINE = re.compile(r"^[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def fast_render(text: str) -> str | None:
    """The HTML Python-Markdown would give for simple text, or None when the text is not simple."""
    if _NORMALIZED.search(text):
        return None  # Python-Markdown rewrites tabs and carriage returns first
    spans = scan(text)
    starts = [span.start for span in spans]
    blocks: list[str] = []
    cursor = 0
    for span in spans:
        if span.kind != "fence":
            continue
        if not (span.start == 0 or text[span.start - 1] == "\n") or text[span.start] in " \t":
            return None  # an indented fence may belong to a list item
        before = _fast_paragraphs(text[cursor : span.start], spans, starts, cursor)
        if before is None:
            return None
        blocks.extend(before)
        _, language, code = split_fence(text[span.start : span.end])
        blocks.append(_highlight(code, language))
        cursor = span.end
    rest = _fast_paragraphs(text[cursor:], spans, starts, cursor)
    if rest is None:
        return None
    blocks.extend(rest)
    return "\n".join(blocks)


def _fast_paragraphs(segment: str, spans: tuple[Span, ...], starts: list[int], offset: int) -> list[str] | None:
    paragraphs: list[str] = []
    position = 0
    if _WHITESPACE_LINE.search(segment):
        return None  # Markdown may read spaces and tabs as an indented code block
    for piece in _BLANK_LINES.split(segment.strip("\n")) if segment.strip() else []:
        start = segment.find(piece, position)
        position = start + len(piece)
        html_text = _fast_inline(piece, spans_between(spans, starts, offset + start, offset + position), offset + start)
        if html_text is None:
            return None
        paragraphs.append(f"<p>{html_text}</p>")
    return paragraphs


def _fast_inline(piece: str, spans: list[Span], offset: int) -> str | None:
    if any(_UNSIMPLE_LINE.search(line) for line in piece.split("\n")):
        return None
    out: list[str] = []
    cursor = 0
    for span in spans:
        start, end = span.start - offset, span.end - offset
        plain = _fast_plain(piece[cursor:start])
        if plain is None:
            return None
        out.append(plain)
        token = piece[start:end]
        if span.kind == "code":
            body = token[1:-1].strip()
            if not body or "\n" in body or "`" in token[1:-1] or run_length(piece, end, "`"):
                return None  # Python-Markdown and CommonMark disagree on runs of backticks
            out.append(f"<code>{html.escape(body, quote=False)}</code>")
        elif span.kind in ("math-inline", "math-display"):
            out.append(mathjax(math_body(piece, Span(start, end, span.kind)), display=span.kind == "math-display"))
        else:
            out.append("$")
        cursor = end
    plain = _fast_plain(piece[cursor:])
    if plain is None:
        return None
    out.append(plain)
    return "".join(out)


def _fast_plain(segment: str) -> str | None:
    if "*" not in segment:
        return None if _UNSIMPLE_CHARS.search(segment) else segment.replace(">", "&gt;")
    unwrapped = _BOLD.sub(r"\1", segment)  # bold text must be as simple as the rest
    if _UNSIMPLE_CHARS.search(unwrapped):
        return None
    return _BOLD.sub(r"<strong>\1</strong>", segment.replace(">", "&gt;"))


def _highlight(code: str, language: str) -> str:
    from .highlight import highlight_code, line_blocks  # NOTE: imported when first needed, as Pygments is

    return line_blocks(highlight_code(code, language))


_IMG_SRC = re.compile(r"(<img\b[^>]*?\bsrc=)(\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def image_sources(rendered: str) -> Iterator[str]:
    for match in _IMG_SRC.finditer(rendered):
        yield html.unescape(match.group(3) if match.group(3) is not None else match.group(4))


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class InlineDrawing(Protocol):
    def for_card(self, alt: str) -> str: ...


def inline_images(rendered: str, media_names: dict[str, str], drawings: Mapping[str, InlineDrawing]) -> str:
    """Replace each `<img>` whose source maps to one of `drawings` (by media name) with the drawing's markup."""

    def substitute(match: re.Match[str]) -> str:
        attributes = {
            found.group(1).lower(): html.unescape(found.group(2) if found.group(2) is not None else found.group(3))
            for found in _ATTRIBUTE.finditer(match.group(0))
        }
        drawing = drawings.get(media_names.get(attributes.get("src", ""), ""))
        return match.group(0) if drawing is None else drawing.for_card(attributes.get("alt", ""))

    return _IMG_TAG.sub(substitute, rendered)


def replace_image_sources(rendered: str, media_names: dict[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        source = html.unescape(match.group(3) if match.group(3) is not None else match.group(4))
        name = media_names.get(source)
        return match.group(0) if name is None else f'{match.group(1)}"{html.escape(name)}"'

    return _IMG_SRC.sub(substitute, rendered)
