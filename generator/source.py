"""Parse one Markdown file of the content tree into located card sources.

The parser only splits text: front matter, card headings, and fields. It never renders and never raises for bad
input; every problem becomes a `Finding` with its file, line and column. Inside fenced code blocks nothing is a
heading or a field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .findings import Finding, finding

FRONT_MATTER_KEYS: dict[str, type] = {"source": str, "tags": list, "deck": str, "topic": str, "category": str}

BASIC_FIELDS = ("Q", "A")
CLOZE_FIELDS = ("Cloze",)
PROBLEM_FIELDS = ("Prompt", "Pattern", "Approach", "Time", "Space", "Edge cases", "Solution", "Tests", "Difficulty")
PROMPT_FIELDS = ("Outline", "Deep dives", "Round")
TIMED_FIELDS = ("Budget",)  # problem and prompt cards
COMMON_FIELDS = ("Extra", "Source", "Tags")
FIELD_KEYS = BASIC_FIELDS + CLOZE_FIELDS + PROBLEM_FIELDS + PROMPT_FIELDS + TIMED_FIELDS + COMMON_FIELDS

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64

_FIELD_LINE = re.compile(r"(" + "|".join(re.escape(key) for key in FIELD_KEYS) + r"):(?=\s|$)[ \t]?")
_FIELD_LIKE_LINE = re.compile(r"([A-Z][A-Za-z]*(?: [a-z]+)?):(?=\s|$)")
_CARD_HEADING = re.compile(r"##(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_ID = re.compile(r"(.*?)[ \t]*\{#([^}]*)\}$")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")


class Text(NamedTuple):
    """A piece of source text and where its first character sits (1-based line and column)."""

    value: str
    line: int
    col: int

    def locate(self, offset: int) -> tuple[int, int]:
        """The line and column of the character at `offset` in `value`."""
        before = self.value[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return self.line, self.col + offset
        return self.line + newlines, offset - before.rfind("\n")


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


def fence_closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def parse(text: str, path: str) -> ParsedFile:
    """Split a Markdown file into front matter and card sources, collecting findings instead of raising."""
    findings: list[Finding] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
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
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        col = 1 + (mark.column if mark is not None else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        findings.append(finding(path, line, col, "front-matter", f"invalid YAML: {problem}"))
        return front, end + 1
    if not isinstance(data, dict):
        findings.append(finding(path, 2, 1, "front-matter", "front matter must be a mapping of keys to values"))
        return front, end + 1

    def key_line(key: object) -> int:
        pattern = re.compile(rf"\s*{re.escape(str(key))}\s*:")
        return next((i + 1 for i in range(1, end) if pattern.match(lines[i])), 2)

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
        setattr(front, str(key), value)
    return front, end + 1


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
    orphan_reported = False
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if fence is not None:
            if fence_closes(line, fence):
                fence = None
            if current is not None:
                current.chunks[-1][3].append(line)
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group(1)
        heading = None if opening else _CARD_HEADING.fullmatch(line)
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
    if current is not None:
        cards.append(_close(current, path, findings))
    return cards


def _check_misspelt_field(line: str, number: int, path: str, findings: list[Finding]) -> None:
    like = _FIELD_LIKE_LINE.match(line)
    if like is None:
        return
    hint = did_you_mean(like.group(1), FIELD_KEYS)
    if hint:
        findings.append(finding(path, number, 1, "unknown-key", f"unknown field {like.group(1)!r}{hint}"))


def _open_card(raw_heading: str, number: int, path: str, findings: list[Finding]) -> _OpenCard:
    id_match = _HEADING_ID.fullmatch(raw_heading)
    heading_col = 4
    if id_match is None:
        findings.append(
            finding(path, number, 1, "missing-id", "card heading has no {#id}; run `python build.py ids` to add one")
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
