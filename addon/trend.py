"""Readiness over the last 90 days, rebuilt from the review log, so the trend exists from the first day of use.

For each sampled day, a category's readiness is the mean recall at the end of that day of the cards that existed then
(unseen cards count 0). The review log keeps no memory state, so each review's new interval stands for the stability
after it (NOTE: exact for FSRS at a desired retention of 0.9 before fuzz; an approximation for SM-2 and other
retentions), with FSRS's curve at decay 0.5. Imports `anki` only; reads, never writes.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from anki.collection import Collection

from .categories import CATEGORY_KEYS
from .estimates import DEFAULT_DECAY
from .readiness import DAY_S, Report, real_today

TREND_DAYS = 90
STEP_DAYS = 3
_PAGE = 100_000  # review-log rows read at a time


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

    # Cards in slots, those with the same categories side by side, so a sample sums whole slices.
    by_categories: dict[tuple[str, ...], list[int]] = {}
    for card in report.card_recall:
        by_categories.setdefault(card.categories, []).append(card.card_id)
    slot_of: dict[int, int] = {}
    slices = []
    for categories, card_ids in by_categories.items():
        start = len(slot_of)
        slot_of.update(zip(card_ids, range(start, start + len(card_ids))))  # noqa: B905 (3.9)
        slices.append((categories, start, len(slot_of)))
    exists_from = [card_id / 1000 for card_id in slot_of]  # NOTE: a card's id is its creation time in ms
    last_review = [0.0] * len(slot_of)
    scale = [math.inf] * len(slot_of)  # FSRS's f/S per second since the last review; inf (recall 0): none yet

    sums = {key: [0.0] * len(offsets) for key in CATEGORY_KEYS}
    sample = 0
    reviews = _reviews_in_time_order(col, sample_ends[-1]) if slot_of else iter(())
    for times, card_ids, scales in reviews:
        slots = list(map(slot_of.get, card_ids))
        start = 0
        while start < len(times):
            stop = bisect_right(times, sample_ends[sample], start)  # the reviews up to the next sample's end
            # NOTE: only each card's last review before the sample matters (a dict keeps the last position), and its
            # first review ever, when the log says it was studied before it was added (imported history)
            reviewed = slots[start:stop]
            first = dict(zip(reversed(reviewed), range(stop - 1, start - 1, -1)))  # noqa: B905 (3.9)
            for slot, position in dict(zip(reviewed, range(start, stop))).items():  # noqa: B905 (3.9)
                if slot is not None:
                    if scale[slot] == math.inf:
                        exists_from[slot] = min(exists_from[slot], times[first[slot]])
                    last_review[slot] = times[position]
                    scale[slot] = scales[position]
            start = stop
            if start < len(times):  # the page goes on past this sample's end
                _add_sample(sums, sample, sample_ends[sample], slices, last_review, scale)
                sample += 1
    for index in range(sample, len(sample_ends)):
        _add_sample(sums, index, sample_ends[index], slices, last_review, scale)

    counts = {key: [0] * len(offsets) for key in CATEGORY_KEYS}
    for categories, start, stop in slices:
        since = sorted(exists_from[start:stop])
        for index, end in enumerate(sample_ends):
            existing = bisect_right(since, end)  # cards that existed by the day's end (a review at it counts too)
            for key in categories:
                counts[key][index] += existing
    readiness = {
        key: tuple(total / count if count else None for total, count in zip(sums[key], counts[key]))  # noqa: B905
        for key in CATEGORY_KEYS
    }
    return Trend(sample_days, readiness)


_FACTOR = 0.9 ** (-1.0 / DEFAULT_DECAY) - 1.0  # FSRS's f at the trend's decay: R(t) = (1 + f·t/S)^(−decay)


def _add_sample(
    sums: dict[str, list[float]],
    index: int,
    end: float,
    slices: list[tuple[tuple[str, ...], int, int]],
    last_review: list[float],
    scale: list[float],
) -> None:
    """Add each card's recall at `end` to its categories' sums. A card not reviewed by then has scale inf: recall 0
    (a card that did not exist yet cannot have been reviewed)."""
    for categories, start, stop in slices:
        total = sum(
            [
                (1.0 + (end - at) * per_second) ** -DEFAULT_DECAY
                for at, per_second in zip(last_review[start:stop], scale[start:stop])  # noqa: B905 (3.9)
            ]
        )
        for key in categories:
            sums[key][index] += total


def _reviews_in_time_order(col: Collection, until: float) -> Iterator[tuple[list[float], list[int], list[float]]]:
    """Every rated review up to `until` (epoch s), oldest first, a page at a time: times (epoch s), card ids and FSRS's
    f/S per second after the review.

    NOTE: read in the review log's own order (its primary key is the time): reading it ordered by card costs 4x more,
    and one row a review through the DB proxy 10x more."""
    assert col.db is not None
    after = -1
    while True:
        row = col.db.first(
            "select group_concat(id), group_concat(cid), group_concat(ivl), max(id) from (select id, cid, ivl from "
            "revlog where ease > 0 and id > ? and id <= ? order by id limit ?)",
            after,
            int(until * 1000),
            _PAGE,
        )
        if not row or row[3] is None:
            return
        revlog_ids, card_ids, intervals = (list(map(int, text.split(","))) for text in row[:3])
        if revlog_ids != sorted(revlog_ids):  # NOTE: SQLite keeps the subquery's order in practice; not promised
            revlog_ids, card_ids, intervals = map(list, zip(*sorted(zip(revlog_ids, card_ids, intervals))))  # noqa: B905
        # the interval stands for the stability; a negative interval is a learning step in seconds
        scales = [_FACTOR / (interval * DAY_S if interval > 0 else max(-interval, 864.0)) for interval in intervals]
        yield [revlog_id / 1000 for revlog_id in revlog_ids], card_ids, scales
        after = int(row[3])
