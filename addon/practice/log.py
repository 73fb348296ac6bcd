"""The practice log: one entry per graded mock interview, kept in the collection's config so it syncs with it.

Where it lives, and why: `col.set_config(LOG_KEY, ...)`. The collection config travels with every sync (Anki sends
the whole config whenever the collection changed on this side) and with a full upload or download, so the log follows
the collection to a new machine. Written with `undoable=True` inside the same undo step as the review it describes, it
is undone and redone with that review. It needs no note type, no fake cards and no file of its own, which would show
up in the user's decks, statistics or media check.

What that costs: Anki sends the whole config on each such sync and asks add-ons to keep it small, so the log is
bounded: per round, the newest attempts up to `MAX_PER_ROUND` (a month of three problems a day is about 8.5 KB; a
log with every round full stays under 32 KB, and never grows past that). And config merges as a whole: practising
on two computers between syncs keeps the log of the one whose collection changed last (the reviews themselves always
merge, in the review log).

An entry, with short keys because every byte syncs: `{"id": <review-log id, ms>, "c": <card id>, "r": <round>,
"g": <grade>, "e": <rating 1-4>, "p": [<seconds per phase reached>], "b": <budget, minutes>}`. The review-log id is
the review the attempt recorded, so it is also the attempt's time. Reading never fails: entries that are not of this
shape are skipped. Imports `anki` only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anki.collection import Collection, OpChanges

from ..card_meta import ROUND_KEYS
from .grading import GRADES

LOG_KEY = "mle_interview_practice_log"
LOG_VERSION = 1
# Newest attempts kept per round: a month of three problems or quick-fire questions a day; a design answer takes
# 45 minutes, so 50 of them are months of design practice.
MAX_PER_ROUND: Mapping[str, int] = {"coding": 100, "system-design": 50, "ml-design": 50, "ml-breadth": 100}
MAX_PHASES = 20
_MAX_SECONDS = 7 * 86400  # a phase longer than a week is not a measurement


@dataclass(frozen=True)
class Attempt:
    review_id: int  # the review-log entry the attempt recorded (epoch ms): its time too
    card_id: int
    round: str
    grade: str
    rating: int  # the button Anki recorded: 1 Again, 2 Hard, 3 Good, 4 Easy
    phase_seconds: tuple[int, ...]  # per phase reached, in order
    budget_minutes: int

    @property
    def seconds(self) -> int:
        return sum(self.phase_seconds)

    @property
    def epoch_s(self) -> float:
        return self.review_id / 1000

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.review_id,
            "c": self.card_id,
            "r": self.round,
            "g": self.grade,
            "e": self.rating,
            "p": list(self.phase_seconds),
            "b": self.budget_minutes,
        }


def _whole(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def parse_attempt(raw: object) -> Attempt | None:
    """An entry as stored, or None for anything else (another version's entry, a hand edit, a broken value)."""
    if not isinstance(raw, Mapping):
        return None
    review_id = _whole(raw.get("id"), 1, 2**53)
    card_id = _whole(raw.get("c"), 1, 2**53)
    rating = _whole(raw.get("e"), 1, 4)
    budget = _whole(raw.get("b"), 0, 100_000)
    phases = raw.get("p")
    if review_id is None or card_id is None or rating is None or budget is None or not isinstance(phases, list):
        return None
    seconds = [_whole(value, 0, _MAX_SECONDS) for value in phases[:MAX_PHASES]]
    round_key, grade = raw.get("r"), raw.get("g")
    if round_key not in ROUND_KEYS or grade not in GRADES or any(value is None for value in seconds):
        return None
    return Attempt(
        review_id, card_id, str(round_key), str(grade), rating, tuple(s for s in seconds if s is not None), budget
    )


def parse_log(raw: object) -> list[Attempt]:
    """Every valid entry of a stored log, oldest first."""
    entries = raw.get("attempts") if isinstance(raw, Mapping) else None
    if not isinstance(entries, list):
        return []
    attempts = [attempt for attempt in map(parse_attempt, entries) if attempt is not None]
    return sorted(attempts, key=lambda attempt: attempt.review_id)


def read_log(col: Collection) -> list[Attempt]:
    """The log as stored in the collection, oldest first; empty when there is none or it is unreadable."""
    try:
        raw = col.get_config(LOG_KEY, None)
    except (ValueError, TypeError):  # NOTE: a value that is not JSON (written by hand with another tool)
        return []
    return parse_log(raw)


def bounded(attempts: Iterable[Attempt], per_round: Mapping[str, int] = MAX_PER_ROUND) -> list[Attempt]:
    """The newest attempts of each round, as many as `per_round` allows it, oldest first."""
    kept: list[Attempt] = []
    count: dict[str, int] = {}
    for attempt in sorted(attempts, key=lambda item: item.review_id, reverse=True):
        if count.get(attempt.round, 0) < per_round.get(attempt.round, 0):
            count[attempt.round] = count.get(attempt.round, 0) + 1
            kept.append(attempt)
    return kept[::-1]


def dump_log(attempts: Sequence[Attempt]) -> dict[str, Any]:
    return {"v": LOG_VERSION, "attempts": [attempt.to_json() for attempt in bounded(attempts)]}


def encoded_size(attempts: Sequence[Attempt]) -> int:
    """Bytes the stored log takes, as Anki serializes config values (compact JSON)."""
    return len(json.dumps(dump_log(attempts), separators=(",", ":")).encode())


def append(col: Collection, attempt: Attempt) -> OpChanges:
    """Add an attempt to the stored log, bounded, as an undoable config change (merge it into the caller's step)."""
    attempts = [item for item in read_log(col) if item.review_id != attempt.review_id]
    return col.set_config(LOG_KEY, dump_log([*attempts, attempt]), undoable=True)
