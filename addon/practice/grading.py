"""How a mock interview's outcome becomes an Anki rating, so that "mark for re-review" is what Anki's scheduler does.

The candidate says whether they solved it; the clock says whether that was within the budget:
- solved within budget -> Good, or Easy when it took at most half the budget (a very fast solve);
- solved over budget -> Hard;
- needed the answer -> Again (Anki relearns the card: it comes back soon, as a re-review should).
The clock is the judge of "within": the grade that contradicts it is refused, so the log's "share solved within
budget" means what it says. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping

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


def allowed_grades(total_s: float, budget_s: float) -> tuple[str, ...]:
    """The grades the clock allows: "within" or "over" (whichever is true), and "needed the answer" always."""
    return (WITHIN if total_s <= budget_s else OVER, ANSWER)


def rating_for(grade: str, total_s: float, budget_s: float) -> int:
    """The Anki rating (1 Again .. 4 Easy) of an attempt; `ValueError` for a grade the clock contradicts."""
    if grade not in GRADES:
        raise ValueError(f"unknown grade {grade!r}")
    if grade not in allowed_grades(total_s, budget_s):
        raise ValueError(
            f"{GRADE_TITLES[grade]!r} contradicts the clock: {total_s:.0f} s for a {budget_s:.0f} s budget"
        )
    if grade == ANSWER:
        return AGAIN
    if grade == OVER:
        return HARD
    return EASY if total_s <= EASY_SHARE * budget_s else GOOD
