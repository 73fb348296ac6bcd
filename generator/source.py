"""Parse one Markdown file of the content tree into located card sources.

The parser only splits text: front matter, card headings, and fields. It never renders and never raises for bad
input; every problem becomes a `Finding` with its file, line and column. Inside fenced code blocks nothing is a
heading or a field.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .findings import Finding, finding
from .spans import fence_closes

FRONT_MATTER_KEYS: dict[str, type] = {"source": str, "tags": list, "deck": str, "topic": str, "category": str}

BASIC_FIELDS = ("Q", "A")
CLOZE_FIELDS = ("Cloze",)
PROBLEM_FIELDS = ("Prompt", "Pattern", "Approach", "Time", "Space", "Edge cases", "Solution", "Tests", "Difficulty")
PROMPT_FIELDS = ("Outline", "Deep dives", "Round")
TIMED_FIELDS = ("Budget",)  # problem and prompt cards
COMMON_FIELDS = ("Extra", "Source", "Tags")
FIELD_KEYS = BASIC_FIELDS + CLOZE_FIELDS + PROBLEM_FIELDS + PROMPT_FIELDS + TIMED_FIELDS + COMMON_FIELDS

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BYTE_ORDER_MARK = "\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MAX_CONTROL_FINDINGS = 20
_FRONT_MATTER_KEY = re.compile(r"""\s*["']?([^:"'#\s][^:"']*?)["']?\s*:""")
MAX_ID_LENGTH = 64

_FIELD_LINE = re.compile(r"(" + "|".join(re.escape(key) for key in FIELD_KEYS) + r"):(?=\s|$)[ \t]?")
_FIELD_LIKE_LINE = re.compile(r"([A-Z][A-Za-z]*(?: [a-z]+)?):(?=\s|$)")
_CARD_HEADING = re.compile(r"##(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_ID = re.compile(r"(.*?)[ \t]*\{#([^}]*)\}$")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")
_ANY_HEADING_WITH_ID = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]*\S.*?)?[ \t]*\{#[^}]*\}[ \t]*")
_FIELD_ALIASES = {"Question": "Q", "Answer": "A"}  # what other tools call them


class Text(NamedTuple):
    """A piece of source text and where its first character sits (1-based line and column)."""

    value: str
    line: int
    col: int

    def locate(self, offset: int) -> tuple[int, int]:
        """The line and column of the character at `offset` in `value`."""
        starts = _line_starts(self.value)
        newlines = bisect.bisect_right(starts, offset) - 1
        if newlines == 0:
            return self.line, self.col + offset
        return self.line + newlines, offset - starts[newlines] + 1


_LINE_STARTS: dict[int, tuple[str, list[int]]] = {}  # id of a text -> (the text, where its lines start)
_LINE_STARTS_KEPT = 64


def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts, so that locating many findings in one long field stays linear.

    NOTE: kept by the text's identity, not its value: a cache keyed by value compares a new, equal text with the
    kept one at every lookup, which made locating a long field's findings quadratic. The entry holds the text, so
    its id cannot be reused while it is kept.
    """
    kept = _LINE_STARTS.get(id(text))
    if kept is not None and kept[0] is text:
        return kept[1]
    if len(_LINE_STARTS) >= _LINE_STARTS_KEPT:
        _LINE_STARTS.clear()
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    _LINE_STARTS[id(text)] = (text, starts)
    return starts


@dataclass
class FrontMatter:
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    deck: str | None = None
    topic: str | None = None
    category: str | None = None


@dataclass
class CardSource:
    """One card as written: its heading, its id, and its raw fields, before any rendering."""

    path: str
    line: int
    heading: Text
    id: str | None
    id_col: int
    fields: dict[str, Text]
    body: Text | None


@dataclass
class ParsedFile:
    path: str
    front_matter: FrontMatter
    cards: list[CardSource]
    findings: list[Finding]
    title: Text | None = None  # the file's `# Title` line, for people and for the cards' header


def decode(data: bytes, path: str) -> str | Finding:
    """A file's text, or an `encoding` finding at the line and column (in characters) of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        return finding(path, line, col, "encoding", f"the byte 0x{byte:02x} is not UTF-8: save the file as UTF-8")


def parse(text: str, path: str) -> ParsedFile:
    """Split a Markdown file into front matter and card sources, collecting findings instead of raising."""
    findings: list[Finding] = []
    text = text.removeprefix(BYTE_ORDER_MARK)  # NOTE: editors on Windows write one; it would hide the front matter
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    findings.extend(_control_characters(lines, path))
    front_matter, body_start = _parse_front_matter(lines, path, findings)
    cards = _parse_cards(lines, body_start, path, findings)
    return ParsedFile(path, front_matter, cards, findings, _title(lines, body_start))


def _title(lines: list[str], start: int) -> Text | None:
    """The first `# Title` line before the first card, if any."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.startswith("## ") or line.rstrip() == "##" or _FENCE_OPEN.match(line):
            return None
        if line.startswith("# ") and line[2:].strip():
            return Text(line[2:].strip(), index + 1, 3)
    return None


def _parse_front_matter(lines: list[str], path: str, findings: list[Finding]) -> tuple[FrontMatter, int]:
    front = FrontMatter()
    if not lines or lines[0].rstrip() != "---":
        return front, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        findings.append(finding(path, 1, 1, "front-matter", "front matter opens with '---' but never closes"))
        return front, len(lines)
    raw = "\n".join(lines[1:end])
    try:
        data: Any = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as error:
        findings.append(_yaml_finding(error, path))
        return front, end + 1
    if not isinstance(data, dict):
        findings.append(finding(path, 2, 1, "front-matter", "front matter must be a mapping of keys to values"))
        return front, end + 1

    key_lines: dict[str, int] = {}
    for index in range(1, end):
        written = _FRONT_MATTER_KEY.match(lines[index])
        if written is not None:
            key_lines.setdefault(written.group(1), index + 1)

    def key_line(key: object) -> int:
        return key_lines.get(str(key), 2)

    for key, raw_value in data.items():
        value = raw_value
        expected = FRONT_MATTER_KEYS.get(str(key))
        if expected is None:
            hint = did_you_mean(str(key), FRONT_MATTER_KEYS)
            known = ", ".join(FRONT_MATTER_KEYS)
            findings.append(
                finding(
                    path, key_line(key), 1, "unknown-key", f"unknown front-matter key {key!r}{hint}; known: {known}"
                )
            )
            continue
        if key == "tags" and isinstance(value, str):
            value = value.replace(",", " ").split()
        if not isinstance(value, expected) or (
            isinstance(value, list) and not all(isinstance(item, (str, int)) for item in value)
        ):
            wanted = "a list of tags" if expected is list else "a string"
            findings.append(finding(path, key_line(key), 1, "front-matter", f"{key!r} must be {wanted}"))
            continue
        if isinstance(value, list):
            value = [str(item) for item in value]
            spaced = [item for item in value if not item.strip() or len(item.split()) > 1]
            if spaced:
                findings.append(
                    finding(
                        path,
                        key_line(key),
                        1,
                        "front-matter",
                        f"the tag {spaced[0]!r} has a space, and Anki separates tags with spaces: "
                        f"write {'-'.join(spaced[0].split()) or 'a tag'!r}",
                    )
                )
                continue
        setattr(front, str(key), value)
    return front, end + 1


def _yaml_finding(error: yaml.YAMLError, path: str) -> Finding:
    """Point at where the broken construct starts (an unclosed `[` or quote), else at where parsing stopped."""
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    problem_mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    mark = context_mark if context_mark is not None and context else problem_mark
    line = 2 + (mark.line if mark is not None else 0)
    col = 1 + (mark.column if mark is not None else 0)
    where = f" ({context} that starts here)" if mark is context_mark and context else ""
    return finding(path, line, col, "front-matter", f"invalid YAML: {problem}{where}")


def _control_characters(lines: list[str], path: str) -> list[Finding]:
    """Control characters are invisible in an editor and break Anki: U+001F separates a note's fields."""
    found: list[Finding] = []
    for number, line in enumerate(lines, start=1):
        for match in _CONTROL.finditer(line):
            code = ord(match.group(0))
            what = " (Anki's field separator)" if code == 0x1F else ""
            found.append(
                finding(path, number, match.start() + 1, "control-character", f"control character U+{code:04X}{what}")
            )
            if len(found) >= _MAX_CONTROL_FINDINGS:
                return found
    return found


def did_you_mean(word: str, known: object) -> str:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)  # type: ignore[call-overload]
    return f" (did you mean {matches[0]!r}?)" if matches else ""


@dataclass
class _OpenCard:
    line: int
    heading: Text
    id: str | None
    id_col: int
    chunks: list[tuple[str | None, int, int, list[str]]] = field(default_factory=list)  # key, line, col, lines


def _parse_cards(lines: list[str], start: int, path: str, findings: list[Finding]) -> list[CardSource]:
    cards: list[CardSource] = []
    current: _OpenCard | None = None
    fence: str | None = None
    fence_line = 0
    fence_reported = False  # an unclosed fence is reported once, where it opens
    orphan_reported = False
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if fence is not None:
            if fence_closes(line, fence):
                fence = None
            elif not fence_reported and _is_card_heading_with_id(line):
                findings.append(_unclosed_fence(path, fence_line, f"a card heading at line {number} is inside it"))
                fence_reported = True
            if current is not None:
                current.chunks[-1][3].append(line)
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence, fence_line, fence_reported = opening.group(1), number, False
        heading = None if opening else _CARD_HEADING.fullmatch(line)
        if heading is None and not opening:
            _check_malformed_heading(line, number, path, findings)
        if heading is not None:
            if current is not None:
                cards.append(_close(current, path, findings))
            current = _open_card(heading.group(1) or "", number, path, findings)
            continue
        if current is None:
            if line.strip() and not line.startswith("# ") and not orphan_reported:
                findings.append(
                    finding(path, number, 1, "orphan-text", "text before the first '## question {#id}' heading")
                )
                orphan_reported = True
            continue
        key_match = None if opening else _FIELD_LINE.match(line)
        if key_match is not None:
            key = key_match.group(1)
            current.chunks.append((key, number, key_match.end() + 1, [line[key_match.end() :]]))
            continue
        if not opening:
            _check_misspelt_field(line, number, path, findings)
        current.chunks[-1][3].append(line)
    if fence is not None and not fence_reported:
        findings.append(_unclosed_fence(path, fence_line, "it runs to the end of the file"))
    if current is not None:
        cards.append(_close(current, path, findings))
    return cards


def _unclosed_fence(path: str, line: int, consequence: str) -> Finding:
    return finding(
        path, line, 1, "unclosed-fence", f"this code block is never closed ({consequence}): end it with its fence"
    )


def _is_card_heading_with_id(line: str) -> bool:
    heading = _CARD_HEADING.fullmatch(line)
    return heading is not None and _HEADING_ID.fullmatch(heading.group(1) or "") is not None


def _check_malformed_heading(line: str, number: int, path: str, findings: list[Finding]) -> None:
    """`##Question {#id}` or `### Question {#id}`: a card heading a Markdown reader would not see as one."""
    malformed = _ANY_HEADING_WITH_ID.fullmatch(line)
    if malformed is None:
        return
    level = len(malformed.group(1))
    if line.startswith(" "):
        message = "a card heading starts in the first column: '## question {#id}'"
    elif level != 2:
        message = f"a level-{level} heading with an {{#id}}: a card heading is level 2, '## question {{#id}}'"
    else:
        message = "a card heading needs a space after '##'"
    findings.append(finding(path, number, 1, "malformed-heading", message))


def _check_misspelt_field(line: str, number: int, path: str, findings: list[Finding]) -> None:
    like = _FIELD_LIKE_LINE.match(line)
    if like is None:
        return
    word = like.group(1)
    hint = f" (did you mean {_FIELD_ALIASES[word]!r}?)" if word in _FIELD_ALIASES else did_you_mean(word, FIELD_KEYS)
    if hint:
        findings.append(finding(path, number, 1, "unknown-key", f"unknown field {word!r}{hint}"))


def _open_card(raw_heading: str, number: int, path: str, findings: list[Finding]) -> _OpenCard:
    id_match = _HEADING_ID.fullmatch(raw_heading)
    heading_col = 4
    if id_match is None:
        findings.append(
            finding(path, number, 1, "missing-id", "card heading has no {#id}; `build.py ids` adds the missing ones")
        )
        card = _OpenCard(number, Text(raw_heading, number, heading_col), None, 0)
    else:
        card_id = id_match.group(2).strip()
        id_col = heading_col + raw_heading.rfind("{#") + 2
        if not ID_PATTERN.fullmatch(card_id) or len(card_id) > MAX_ID_LENGTH:
            findings.append(
                finding(
                    path,
                    number,
                    id_col,
                    "invalid-id",
                    f"id {card_id!r} must be lower-case letters, digits and single hyphens, at most {MAX_ID_LENGTH}",
                )
            )
        card = _OpenCard(number, Text(id_match.group(1), number, heading_col), card_id, id_col)
    card.chunks.append((None, number + 1, 1, []))
    return card


def _close(card: _OpenCard, path: str, findings: list[Finding]) -> CardSource:
    fields: dict[str, Text] = {}
    body: Text | None = None
    for key, line, col, chunk_lines in card.chunks:
        text = Text(_trim(chunk_lines), line, col)
        if key is None:
            body = text if text.value.strip() else None
            continue
        if key in fields:
            findings.append(finding(path, line, 1, "duplicate-field", f"field {key!r} appears twice in this card"))
            continue
        fields[key] = text
    return CardSource(path, card.line, card.heading, card.id, card.id_col, fields, body)


def _trim(chunk_lines: list[str]) -> str:
    """Drop trailing blank lines; a field whose first line is empty starts on the next line."""
    end = len(chunk_lines)
    while end > 0 and not chunk_lines[end - 1].strip():
        end -= 1
    return "\n".join(chunk_lines[:end])
