"""How a mock interview's outcome becomes an Anki rating, so that "mark for re-review" is what Anki's scheduler does.

The candidate says whether they solved it; the clock says whether that was within the budget:
- solved within budget -> Good, or Easy when it took at most half the budget (a very fast solve);
- solved over budget -> Hard;
- needed the answer -> Again (Anki relearns the card: it comes back soon, as a re-review should).
The clock is the judge of "within": the grade that contradicts it is refused, so the log's "share solved within
budget" means what it says. And a solve goes through every phase: an answer revealed before the last phase (a
problem before "start coding", a design before its last phase) can only be "needed the answer". Standard library
and `timing` only.
"""

from __future__ import annotations

from collections.abc import Mapping

from .timing import Timing

WITHIN = "within"
OVER = "over"
ANSWER = "answer"
GRADES: tuple[str, ...] = (WITHIN, OVER, ANSWER)
GRADE_TITLES: Mapping[str, str] = {
    WITHIN: "Solved within budget",
    OVER: "Solved over budget",
    ANSWER: "Needed the answer",
}
BAD_GRADES = frozenset({OVER, ANSWER})  # an attempt that marks the card for re-review

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # Anki's answer buttons, as the review log's `ease` stores them
RATING_TITLES: Mapping[int, str] = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
EASY_SHARE = 0.5  # solved within this share of the budget: a very fast solve, rated Easy


def allowed_grades(timing: Timing) -> tuple[str, ...]:
    """The grades the clock allows: "within" or "over" (whichever is true) once every phase was reached, and
    "needed the answer" always."""
    solved = WITHIN if timing.within_budget else OVER
    return (solved, ANSWER) if timing.finished else (ANSWER,)


def rating_for(grade: str, timing: Timing) -> int:
    """The Anki rating (1 Again .. 4 Easy) of an attempt; `ValueError` for a grade the clock contradicts."""
    if grade not in GRADES:
        raise ValueError(f"unknown grade {grade!r}")
    if grade not in allowed_grades(timing):
        raise ValueError(
            f"{GRADE_TITLES[grade]!r} contradicts the clock: {timing.total_s:.0f} s for a {timing.budget_s} s "
            f"budget, {'every phase' if timing.finished else 'not every phase'} reached"
        )
    if grade == ANSWER:
        return AGAIN
    if grade == OVER:
        return HARD
    return EASY if timing.total_s <= EASY_SHARE * timing.budget_s else GOOD
