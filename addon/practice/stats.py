"""The practice figures the readiness panel and the deck-browser strip show, per round, from the practice log.

Every figure counts Anki days (they end at the day cutoff, the "next day starts at" hour), as Anki's statistics do:
- *attempts (30 days)*: graded mock interviews of the round in the 30 days that end at the next cutoff;
- *solved within budget*: the share of those graded "solved within budget" (rated Good or Easy);
- *median minutes to an approach* (coding): the median time of the Approach phase, over those attempts where the
  candidate found an approach (moved on to code); for the other rounds, the median time of a whole answer;
- *re-review*: the round's cards whose latest attempt, however old, went badly (needed the answer first, then over
  budget, the oldest first);
- *trend*: per week (seven Anki days) of the last eight, the attempts and how many were within budget;
- *today*: attempts of every round since the last cutoff, and what is left of today's practice deck.
It only reads. Imports `anki` only.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anki.cards import CardId
from anki.collection import Collection
from anki.errors import NotFoundError
from anki.utils import ids2str

from ..card_meta import ROUND_KEYS
from .daily import problems_left
from .grading import ANSWER, WITHIN
from .items import CODING, title_of
from .log import Attempt, read_log
from .pick import marked_for_re_review

DAY_S = 86400
WINDOW_DAYS = 30
TREND_WEEKS = 8
RE_REVIEW_SHOWN = 8


@dataclass(frozen=True)
class ReReview:
    card_id: int
    title: str
    grade: str
    epoch_s: float


@dataclass(frozen=True)
class Week:
    attempts: int
    within: int


@dataclass(frozen=True)
class RoundPractice:
    round: str
    attempts_30d: int = 0
    within_share: float | None = None
    median_minutes: float | None = None  # to an approach (coding), per answer (the other rounds)
    re_review: tuple[ReReview, ...] = ()  # the first RE_REVIEW_SHOWN
    re_review_count: int = 0
    weeks: tuple[Week, ...] = ()  # oldest first, the current week last


@dataclass(frozen=True)
class PracticeSummary:
    rounds: dict[str, RoundPractice]
    today_attempts: int
    daily_left: tuple[int, int] | None  # (left, planned) in today's practice deck, None without one
    logged: int  # entries in the practice log

    @property
    def any_practice(self) -> bool:
        return self.logged > 0


def practice_summary(col: Collection, attempts: Sequence[Attempt] | None = None) -> PracticeSummary:
    """The figures above for the collection's practice log (or `attempts`, read from it by default)."""
    log = list(read_log(col) if attempts is None else attempts)
    cutoff = col.sched.day_cutoff
    flagged = marked_for_re_review(log)
    existing = _existing_cards(col, flagged)
    rounds = {
        key: _round(col, key, [a for a in log if a.round == key], flagged, existing, cutoff) for key in ROUND_KEYS
    }
    today = sum(1 for attempt in log if attempt.epoch_s >= cutoff - DAY_S)
    return PracticeSummary(rounds, today, problems_left(col), len(log))


def _round(
    col: Collection,
    key: str,
    attempts: Sequence[Attempt],
    flagged: dict[int, Attempt],
    existing: set[int],
    cutoff: int,
) -> RoundPractice:
    recent = [attempt for attempt in attempts if attempt.epoch_s >= cutoff - WINDOW_DAYS * DAY_S]
    within = sum(1 for attempt in recent if attempt.grade == WITHIN)
    if key == CODING:
        times = [attempt.phase_seconds[0] for attempt in recent if len(attempt.phase_seconds) >= 2]
    else:
        times = [attempt.seconds for attempt in recent]
    bad = sorted(
        (attempt for attempt in flagged.values() if attempt.round == key and attempt.card_id in existing),
        key=lambda attempt: (attempt.grade != ANSWER, attempt.review_id),
    )
    shown = [item for item in (_re_review(col, attempt) for attempt in bad[:RE_REVIEW_SHOWN]) if item is not None]
    weeks = []
    for index in range(TREND_WEEKS, 0, -1):
        start, end = cutoff - index * 7 * DAY_S, cutoff - (index - 1) * 7 * DAY_S
        week = [attempt for attempt in attempts if start <= attempt.epoch_s < end]
        weeks.append(Week(len(week), sum(1 for attempt in week if attempt.grade == WITHIN)))
    return RoundPractice(
        round=key,
        attempts_30d=len(recent),
        within_share=within / len(recent) if recent else None,
        median_minutes=statistics.median(times) / 60 if times else None,
        re_review=tuple(shown),
        re_review_count=len(bad),
        weeks=tuple(weeks),
    )


def _existing_cards(col: Collection, card_ids: Iterable[int]) -> set[int]:
    """The cards that still exist (a deleted card's entries stay in the log until the round's cap drops them)."""
    assert col.db is not None
    return set(col.db.list(f"select id from cards where id in {ids2str(card_ids)}"))


def _re_review(col: Collection, attempt: Attempt) -> ReReview | None:
    try:
        note_id = col.get_card(CardId(attempt.card_id)).nid
    except NotFoundError:
        return None
    return ReReview(attempt.card_id, title_of(col, note_id), attempt.grade, attempt.epoch_s)
