"""Markdown to card HTML that works offline in Anki desktop and AnkiMobile.

Fenced code is highlighted by Pygments (`highlight.py`: CSS classes, no JavaScript), math is lifted out before Markdown
can mangle it and handed to Anki's MathJax as `\\(...\\)` / `\\[...\\]`, and tables come from Python-Markdown
(`full_markdown.py`). The `scan_*` functions find math and code spans in source text; the lint rules and the renderer
share them, so what is checked is exactly what is rendered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from .source import fence_closes

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$")


@dataclass(frozen=True)
class Span:
    """A region of source text: [start, end) offsets and what it is."""

    start: int
    end: int
    kind: str  # "fence", "code" (inline), "math-inline", "math-display", "dollar" (escaped \$), "stray" (lone $)


_SPECIAL = re.compile(r"^[ \t]*(?:`{3,}|~{3,})|[`\\$]", re.MULTILINE)


@lru_cache(maxsize=4096)
def scan(text: str) -> tuple[Span, ...]:
    """Code blocks, code spans, math, escaped dollars and unmatched dollars, in order, outside each other."""
    spans: list[Span] = []
    length = len(text)
    position = 0
    while True:
        found = _SPECIAL.search(text, position)
        if found is None:
            break
        position = found.start()
        if found.end() - position > 1 or text[position] in " \t":  # a fence at the start of a line
            fence_end = _fenced_block_end(text, position)
            if fence_end is not None:
                spans.append(Span(position, fence_end, "fence"))
                position = fence_end
                continue
            position = found.end()
            continue
        char = text[position]
        if char == "`":
            run = _run_length(text, position, "`")
            close = text.find("`" * run, position + run)
            while close != -1 and _run_length(text, close, "`") != run:
                close = text.find("`" * run, close + _run_length(text, close, "`"))
            if close == -1:
                position += run
                continue
            spans.append(Span(position, close + run, "code"))
            position = close + run
            continue
        if char == "\\":
            following = text[position + 1] if position + 1 < length else ""
            if following == "$":
                spans.append(Span(position, position + 2, "dollar"))
                position += 2
                continue
            if following in ("(", "["):
                closer = "\\)" if following == "(" else "\\]"
                close = text.find(closer, position + 2)
                if close != -1:
                    kind = "math-inline" if following == "(" else "math-display"
                    spans.append(Span(position, close + 2, kind))
                    position = close + 2
                    continue
            position += 2
            continue
        span = _dollar_math(text, position)
        spans.append(span)
        position = span.end
    return tuple(spans)


def _run_length(text: str, position: int, char: str) -> int:
    end = position
    while end < len(text) and text[end] == char:
        end += 1
    return end - position


def _fenced_block_end(text: str, position: int) -> int | None:
    line_end = text.find("\n", position)
    first = text[position : line_end if line_end != -1 else len(text)]
    opening = _FENCE.match(first)
    if opening is None:
        return None
    fence = opening.group(2)
    cursor = line_end
    while cursor != -1:
        next_end = text.find("\n", cursor + 1)
        line = text[cursor + 1 : next_end if next_end != -1 else len(text)]
        if fence_closes(line, fence):
            return next_end if next_end != -1 else len(text)
        cursor = next_end
    return len(text)  # an unclosed fence runs to the end, as in CommonMark


def _dollar_math(text: str, position: int) -> Span:
    if text.startswith("$$", position):
        close = text.find("$$", position + 2)
        if close != -1 and text[position + 2 : close].strip():
            return Span(position, close + 2, "math-display")
        return Span(position, position + 2, "stray")
    # Inline: `$x$`, the opening `$` not followed by a space, the closing one not preceded by one (pandoc's rule).
    cursor = position + 1
    if cursor < len(text) and not text[cursor].isspace():
        while True:
            close = text.find("$", cursor)
            if close == -1 or "\n\n" in text[position:close]:
                break
            if text[close - 1] == "\\":
                cursor = close + 1
                continue
            if not text[close - 1].isspace() and close > position + 1:
                return Span(position, close + 1, "math-inline")
            break
    return Span(position, position + 1, "stray")


def math_body(text: str, span: Span) -> str:
    if text.startswith("$$", span.start):
        return text[span.start + 2 : span.end - 2]
    if text.startswith("$", span.start):
        return text[span.start + 1 : span.end - 1]
    return text[span.start + 2 : span.end - 2]


def mathjax(body: str, display: bool) -> str:
    """Anki's MathJax delimiters around HTML-escaped TeX; `}}` is split so it can never close a cloze."""
    body = body.strip()
    while "}}" in body:
        body = body.replace("}}", "} }")
    escaped = html.escape(body, quote=False)
    return f"\\[{escaped}\\]" if display else f"\\({escaped}\\)"


def split_fence(block: str) -> tuple[str, str, str]:
    lines = block.split("\n")
    opening = _FENCE.match(lines[0])
    assert opening is not None
    indent, fence, language = opening.group(1), opening.group(2), opening.group(3)
    body = lines[1:]
    if body and fence_closes(body[-1], fence):
        body = body[:-1]
    code = "\n".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body)
    return indent, language, code + "\n"


_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>).)*)</p>", re.DOTALL)


def render(text: str, inline: bool = False) -> str:
    """Card HTML for a field's Markdown. With `inline`, a lone paragraph loses its `<p>` wrapper."""
    if not text.strip():
        return ""
    rendered = fast_render(text)
    if rendered is None:
        from .full_markdown import convert  # NOTE: imported when first needed; a warm rebuild may never need it

        rendered = convert(text)
    if inline:
        only = _SINGLE_PARAGRAPH.fullmatch(rendered)
        if only:
            return only.group(1)
    return rendered


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
    blocks: list[str] = []
    cursor = 0
    for span in spans:
        if span.kind != "fence":
            continue
        if not (span.start == 0 or text[span.start - 1] == "\n") or text[span.start] in " \t":
            return None  # an indented fence may belong to a list item
        before = _fast_paragraphs(text[cursor : span.start], spans, cursor)
        if before is None:
            return None
        blocks.extend(before)
        _, language, code = split_fence(text[span.start : span.end])
        blocks.append(_highlight(code, language))
        cursor = span.end
    rest = _fast_paragraphs(text[cursor:], spans, cursor)
    if rest is None:
        return None
    blocks.extend(rest)
    return "\n".join(blocks)


def _fast_paragraphs(segment: str, spans: tuple[Span, ...], offset: int) -> list[str] | None:
    paragraphs: list[str] = []
    position = 0
    if _WHITESPACE_LINE.search(segment):
        return None  # Markdown may read spaces and tabs as an indented code block
    for piece in _BLANK_LINES.split(segment.strip("\n")) if segment.strip() else []:
        start = segment.find(piece, position)
        position = start + len(piece)
        html_text = _fast_inline(
            piece, [span for span in spans if offset + start <= span.start < offset + position], offset + start
        )
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
            if not body or "\n" in body or "`" in token[1:-1] or _run_length(piece, end, "`"):
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
