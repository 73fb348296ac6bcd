"""Readiness over the last 90 days, rebuilt from the review log, so the trend exists from the first day of use.

For each sampled day, a category's readiness is the mean recall at the end of that day of the cards that existed then
(unseen cards count 0). The review log keeps no memory state, so each review's new interval stands for the stability
after it (NOTE: exact for FSRS at a desired retention of 0.9 before fuzz; an approximation for SM-2 and other
retentions), with FSRS's curve at decay 0.5. Imports `anki` only; reads, never writes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from anki.collection import Collection
from anki.utils import ids2str

from .categories import CATEGORY_KEYS
from .estimates import DEFAULT_DECAY, MemoryState
from .readiness import DAY_S, Report, real_today, retrievability

TREND_DAYS = 90
STEP_DAYS = 3
_CHUNK = 20_000


@dataclass(frozen=True)
class Trend:
    days: tuple[date, ...]
    readiness: dict[str, tuple[float | None, ...]]  # category -> mean recall at the end of each day

    def to_dict(self) -> dict[str, object]:
        return {
            "days": [day.isoformat() for day in self.days],
            "readiness": {k: list(v) for k, v in self.readiness.items()},
        }


def compute_trend(col: Collection, report: Report, days: int = TREND_DAYS, step: int = STEP_DAYS) -> Trend:
    shift = (report.today - real_today(col)).days
    end_of_today = col.sched.day_cutoff + shift * DAY_S
    offsets = list(range(days - 1, -1, -step)) if days > 0 else [0]  # oldest first, today last
    if offsets[-1] != 0:
        offsets.append(0)
    sample_days = tuple(report.today - timedelta(days=offset) for offset in offsets)
    sample_ends = [end_of_today - offset * DAY_S for offset in offsets]
    sums = {key: [0.0] * len(offsets) for key in CATEGORY_KEYS}
    counts = {key: [0] * len(offsets) for key in CATEGORY_KEYS}
    categories_of = {card.card_id: card.categories for card in report.card_recall}
    history = _reviews(col, list(categories_of))
    for card_id, categories in categories_of.items():
        added = card_id / 1000  # NOTE: a card's id is its creation time in ms
        times, intervals = history.get(card_id, ([], []))
        # NOTE: a card counts from its creation, or from its first review if the log says it was studied earlier
        # (imported history)
        exists_from = min(added, times[0]) if times else added
        for index, end in enumerate(sample_ends):
            if exists_from >= end:
                continue
            position = bisect_right(times, end) - 1
            recall = 0.0
            if position >= 0:
                stability = intervals[position]
                recall = retrievability(MemoryState(stability, DEFAULT_DECAY), (end - times[position]) / DAY_S)
            for key in categories:
                sums[key][index] += recall
                counts[key][index] += 1
    readiness = {
        key: tuple(total / count if count else None for total, count in zip(sums[key], counts[key]))  # noqa: B905
        for key in CATEGORY_KEYS
    }
    return Trend(sample_days, readiness)


def _reviews(col: Collection, card_ids: Sequence[int]) -> dict[int, tuple[list[float], list[float]]]:
    """Each card's rated reviews: (times in epoch s, stability proxy in days), oldest first."""
    assert col.db is not None
    history: dict[int, tuple[list[float], list[float]]] = {}
    for start in range(0, len(card_ids), _CHUNK):
        chunk = card_ids[start : start + _CHUNK]
        for card_id, revlog_id, interval in col.db.all(
            f"select cid, id, ivl from revlog where ease > 0 and cid in {ids2str(chunk)} order by cid, id"
        ):
            times, intervals = history.setdefault(card_id, ([], []))
            times.append(revlog_id / 1000)
            # a negative interval is a learning step in seconds
            intervals.append(float(interval) if interval > 0 else max(-interval / DAY_S, 0.01))
    return history
