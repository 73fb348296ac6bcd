"""Read the fields of a timed card: a prompt card's outline (phases with minutes) and its deep-dive ids.

The card builder validates them with located findings; the renderer reads them again from the same source text,
so what is checked is what is rendered.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from addon.card_meta import Phase

from .source import ID_PATTERN, Text

_ITEM = re.compile(r"[-*+][ \t]+(.*)")
_PHASE = re.compile(r"(?P<name>[^()\n]*?\S)[ \t]*\((?P<minutes>\d{1,3})[ \t]*min\)[ \t]*:[ \t]*(?P<text>.*)")
_ID_TOKEN = re.compile(r"[^,\s]+")
_MINUTES = re.compile(r"(\d{1,3})(?:[ \t]*min(?:utes)?)?")


class OutlineItem(NamedTuple):
    phase: Phase
    text: str  # the phase's Markdown, continuation lines joined with newlines


class Problem(NamedTuple):
    offset: int  # in the field's text
    message: str


def parse_outline(text: Text) -> tuple[list[OutlineItem], list[Problem]]:
    """The phases of an outline, and what is wrong with it, by offset into `text.value`."""
    items: list[OutlineItem] = []
    problems: list[Problem] = []
    lines: list[str] = []
    name = ""
    minutes = 0
    offset = 0
    for line in text.value.split("\n"):
        start = offset
        offset += len(line) + 1
        item = _ITEM.fullmatch(line)
        if item is not None:
            if lines:
                items.append(OutlineItem(Phase(name, minutes), "\n".join(lines).strip()))
                lines = []
            phase = _PHASE.fullmatch(item.group(1))
            if phase is None:
                problems.append(Problem(start, "an outline item is '- Phase name (N min): what to say'"))
                continue
            name, minutes = phase.group("name"), int(phase.group("minutes"))
            lines = [phase.group("text")]
            if minutes == 0:
                problems.append(Problem(start, f"phase {name!r} has no minutes"))
        elif line.strip():
            if not lines:
                problems.append(Problem(start, "text outside the outline's list: start each phase with '- '"))
                continue
            lines.append(line.strip())
    if lines:
        items.append(OutlineItem(Phase(name, minutes), "\n".join(lines).strip()))
    items_without_text = [item.phase.name for item in items if not item.text]
    problems.extend(Problem(0, f"phase {phase!r} says nothing") for phase in items_without_text)
    return items, problems


def parse_minutes(text: str) -> int | None:
    """`45` or `45 min` -> 45; None for anything else."""
    match = _MINUTES.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def deep_dive_ids(text: Text) -> list[tuple[str, int]]:
    """Each id named in a `Deep dives:` field, with its offset in the field."""
    return [(match.group(0), match.start()) for match in _ID_TOKEN.finditer(text.value)]


def is_card_id(token: str) -> bool:
    return ID_PATTERN.fullmatch(token) is not None
