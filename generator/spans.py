"""Find code blocks, code spans and math in a field's Markdown, in one linear pass.

The parser, the lint rules, the renderer and the solution runner all need to know what is code and what is math,
and must agree on it, so this is the one place that decides. It sits below all of them and imports nothing from
the generator.

Every search here moves forward: a closing delimiter that was not found once is not searched for again, and a code
span's closing run is looked up among the runs of its length, so no input makes a scan superlinear.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$")


@dataclass(frozen=True)
class Span:
    """A region of source text: [start, end) offsets and what it is."""

    start: int
    end: int
    kind: str  # "fence", "code" (inline), "math-inline", "math-display", "dollar" (escaped \$), "stray" (lone $)


def fence_closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


_SPECIAL = re.compile(r"^[ \t]*(?:`{3,}|~{3,})|[`\\$]", re.MULTILINE)
_BACKTICK_RUN = re.compile(r"`+")


class _Closers:
    """The next occurrence of a delimiter at or after a position that only grows: each found once, not rescanned."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, int] = {}
        self.runs: dict[int, list[int]] | None = None

    def next(self, delimiter: str, start: int) -> int:
        known = self.found.get(delimiter)
        if known is None or (known != -1 and known < start):
            known = self.text.find(delimiter, start)
            self.found[delimiter] = known
        return known

    def backtick_run(self, length: int, start: int) -> int:
        """Where the next run of exactly `length` backticks starts at or after `start`, or -1."""
        if self.runs is None:
            self.runs = {}
            for match in _BACKTICK_RUN.finditer(self.text):
                self.runs.setdefault(match.end() - match.start(), []).append(match.start())
        starts = self.runs.get(length, [])
        index = bisect.bisect_left(starts, start)
        return starts[index] if index < len(starts) else -1


@lru_cache(maxsize=4096)
def scan(text: str) -> tuple[Span, ...]:
    """Code blocks, code spans, math, escaped dollars and unmatched dollars, in order, outside each other."""
    spans: list[Span] = []
    length = len(text)
    closers = _Closers(text)
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
            run = run_length(text, position, "`")
            close = closers.backtick_run(run, position + run)
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
                close = closers.next(closer, position + 2)
                if close != -1:
                    kind = "math-inline" if following == "(" else "math-display"
                    spans.append(Span(position, close + 2, kind))
                    position = close + 2
                    continue
            position += 2
            continue
        span = _dollar_math(text, position, closers)
        spans.append(span)
        position = span.end
    return tuple(spans)


def run_length(text: str, position: int, char: str) -> int:
    end = position
    while end < len(text) and text[end] == char:
        end += 1
    return end - position


def _fenced_block_end(text: str, position: int) -> int | None:
    line_end = text.find("\n", position)
    first = text[position : line_end if line_end != -1 else len(text)]
    opening = FENCE.match(first)
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


def _dollar_math(text: str, position: int, closers: _Closers) -> Span:
    if text.startswith("$$", position):
        close = closers.next("$$", position + 2)
        if close != -1 and text[position + 2 : close].strip():
            return Span(position, close + 2, "math-display")
        return Span(position, position + 2, "stray")
    # Inline: `$x$`, the opening `$` not followed by a space, the closing one not preceded by one (pandoc's rule).
    cursor = position + 1
    if cursor < len(text) and not text[cursor].isspace():
        paragraph_end = closers.next("\n\n", position)
        while True:
            close = closers.next("$", cursor)
            if close == -1 or (paragraph_end != -1 and paragraph_end + 2 <= close):
                break
            if text[close - 1] == "\\":
                cursor = close + 1
                continue
            if not text[close - 1].isspace() and close > position + 1:
                return Span(position, close + 1, "math-inline")
            break
    return Span(position, position + 1, "stray")


def spans_between(spans: tuple[Span, ...], starts: list[int], start: int, end: int) -> list[Span]:
    """The spans that start in [start, end); `starts` holds each span's start (spans are in order, apart)."""
    return list(spans[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)])


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
    opening = FENCE.match(lines[0])
    assert opening is not None
    indent, fence, language = opening.group(1), opening.group(2), opening.group(3)
    body = lines[1:]
    if body and fence_closes(body[-1], fence):
        body = body[:-1]
    code = "\n".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body)
    return indent, language, code + "\n"
