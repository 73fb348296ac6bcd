"""Recording a graded mock interview: a real review through Anki's v3 scheduler and its practice-log entry, as ONE
undo step named after the round ("Mock interview: Coding"), through `undo.one_undo_step`, so a failure half-way
takes back what was written.

The review is the one Anki's reviewer would record for that button: the scheduler computes the card's next states
now (an early review for a card not yet due), and the answer goes through `answer_card`, so FSRS or SM-2, learning
steps, leech handling and the review log all behave as for any review. The time taken is the attempt's real time;
Anki caps it in the review log at the preset's maximum answer time, as for any review, and the practice log keeps
the uncapped figures. Imports `anki` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import anki.collection  # noqa: F401  (NOTE: before anki.scheduler.v3, or the import is circular)
from anki.cards import CardId
from anki.collection import Collection, OpChanges
from anki.errors import NotFoundError
from anki.scheduler.v3 import CardAnswer
from anki.scheduler.v3 import Scheduler as V3Scheduler

from ..card_meta import round_for
from ..undo import one_undo_step
from . import log
from .errors import PracticeError
from .grading import AGAIN, EASY, GOOD, HARD, rating_for
from .timing import Timing

UNDO_PREFIX = "Mock interview"
_RATINGS = {AGAIN: CardAnswer.AGAIN, HARD: CardAnswer.HARD, GOOD: CardAnswer.GOOD, EASY: CardAnswer.EASY}


@dataclass
class RecordResult:
    attempt: log.Attempt
    changes: OpChanges = field(default_factory=OpChanges)  # NOTE: settable, as aqt's CollectionOp expects


def undo_label(round_key: str) -> str:
    return f"{UNDO_PREFIX}: {round_for(round_key).title}"


def record_attempt(col: Collection, card_id: int, round_key: str, timing: Timing, grade: str) -> RecordResult:
    """Answer the card with the grade's rating and log the attempt, as one undo step. `ValueError` for a grade the
    clock contradicts; `PracticeError` (nothing written) when the card is gone."""
    rating = rating_for(grade, timing)
    scheduler = col.sched
    if not isinstance(scheduler, V3Scheduler):
        raise PracticeError("Mock interviews need Anki's v3 scheduler.")
    try:
        card = col.get_card(CardId(card_id))
    except NotFoundError:
        raise PracticeError("This card was deleted during the interview, so there is nothing to record.") from None

    def write() -> log.Attempt:
        states = col._backend.get_scheduling_states(card.id)  # NOTE: what the scheduler's own answerCard uses
        card.start_timer()  # build_answer reads the card's timer; the attempt's own time replaces it below
        answer = scheduler.build_answer(card=card, states=states, rating=_RATINGS[rating])
        answer.milliseconds_taken = int(timing.total_s * 1000)
        scheduler.answer_card(answer)
        attempt = log.Attempt(
            review_id=_latest_review(col, card.id),
            card_id=card.id,
            round=round_key,
            grade=grade,
            rating=rating,
            phase_seconds=timing.phase_seconds(),
            budget_minutes=timing.budget_s // 60,
        )
        log.append(col, attempt)
        return attempt

    attempt, changes = one_undo_step(col, undo_label(round_key), write)
    return RecordResult(attempt, changes)


def _latest_review(col: Collection, card_id: int) -> int:
    assert col.db is not None
    review_id = col.db.scalar("select max(id) from revlog where cid = ?", card_id)
    if not review_id:
        raise RuntimeError(f"Anki recorded no review for card {card_id}")
    return int(review_id)
