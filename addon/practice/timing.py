"""The timing model of a mock interview: the phases a card is answered in, their budgets, and where the time went.

A problem is answered in two phases, approach then code, with the minutes its note carries (`card_meta`), or, for a
user's own card, the defaults of its `difficulty::<level>` tag. A design prompt is answered in the phases of its
outline. An ML-breadth question is one short phase. The clock itself is not here: the times are arguments (seconds on
any monotonic clock), so the same attempt always gives the same figures and tests never wait. Standard library and
`card_meta` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..card_meta import DEFAULT_BUDGETS, Budget, Phase

APPROACH = "Approach"
CODE = "Code"
ANSWER = "Answer"
QUICK_FIRE_MINUTES = 2  # an ML-breadth question: say it in two minutes, as in a breadth screen
DEFAULT_DIFFICULTY = "medium"  # a problem with neither a budget nor a difficulty tag is timed as a medium one

# What the candidate should say out loud, by round: the interviewer listens for these.
CHECKLISTS: dict[str, tuple[str, ...]] = {
    "coding": (
        "Explain the approach before you code",
        "State your assumptions (input size, ranges, duplicates)",
        "Give the time and space complexity",
        "Walk through the edge cases",
        "Name the tests you would write",
    ),
    "system-design": (
        "Clarify requirements and scale before you draw",
        "State your assumptions and numbers",
        "Sketch the whole design before any deep dive",
        "Name the trade-off behind each choice",
        "Say how you would test, monitor and roll it out",
    ),
    "ml-design": (
        "Clarify the goal and the business metric first",
        "State your assumptions about data and labels",
        "Frame it as an ML task with an offline and an online metric",
        "Name the trade-off behind each choice",
        "Say how you would evaluate, monitor and roll it out",
    ),
    "ml-breadth": (
        "Define it in one sentence",
        "Say why it matters and where it is used",
        "Give an example or a number",
        "Name a limitation or a failure mode",
    ),
}


def problem_phases(budget: Budget) -> tuple[Phase, ...]:
    return (Phase(APPROACH, budget.approach), Phase(CODE, budget.code))


def default_problem_phases(difficulty: str | None) -> tuple[Phase, ...]:
    """A user's own problem: the budget of its difficulty tag (a medium one's without a tag)."""
    return problem_phases(DEFAULT_BUDGETS[difficulty or DEFAULT_DIFFICULTY])


QUICK_FIRE_PHASES: tuple[Phase, ...] = (Phase(ANSWER, QUICK_FIRE_MINUTES),)


@dataclass(frozen=True)
class Marks:
    """When an attempt started, when each later phase began, and when it ended (Reveal), in clock seconds."""

    started: float
    phase_starts: tuple[float, ...] = ()  # the start of the 2nd, 3rd... phase, as they were reached
    ended: float | None = None

    def next_phase(self, now: float) -> Marks:
        return Marks(self.started, (*self.phase_starts, now), self.ended)

    def end(self, now: float) -> Marks:
        return Marks(self.started, self.phase_starts, now if self.ended is None else self.ended)


@dataclass(frozen=True)
class PhaseTiming:
    name: str
    budget_s: int
    spent_s: float
    state: str  # "done", "current" or "ahead" (not reached)

    @property
    def over_s(self) -> float:
        return max(0.0, self.spent_s - self.budget_s)


@dataclass(frozen=True)
class Timing:
    """Where the time went at a moment: per phase, and in total against the total budget."""

    phases: tuple[PhaseTiming, ...]
    total_s: float
    budget_s: int
    current: int | None  # the index of the running phase; None once the attempt ended

    @property
    def over_s(self) -> float:
        return max(0.0, self.total_s - self.budget_s)

    @property
    def within_budget(self) -> bool:
        return self.total_s <= self.budget_s

    @property
    def finished(self) -> bool:
        """Every phase was reached (the last one is running or done)."""
        return all(phase.state != "ahead" for phase in self.phases)

    def phase_seconds(self) -> tuple[int, ...]:
        """Whole seconds spent in each phase reached, in order: what the practice log keeps."""
        return tuple(round(phase.spent_s) for phase in self.phases if phase.state != "ahead")


def timing(phases: Sequence[Phase], marks: Marks, now: float) -> Timing:
    """The timing of an attempt at `now` (or at its end, once it ended). A phase is reached when the candidate moved
    on to it; the last phase reached runs until the end. Time never runs backwards: a clock earlier than a mark counts
    as that mark."""
    end = marks.ended if marks.ended is not None else max(now, marks.started)
    starts = [marks.started, *marks.phase_starts][: len(phases)]
    rows: list[PhaseTiming] = []
    for index, phase in enumerate(phases):
        budget_s = phase.minutes * 60
        if index >= len(starts):
            rows.append(PhaseTiming(phase.name, budget_s, 0.0, "ahead"))
            continue
        stop = starts[index + 1] if index + 1 < len(starts) else end
        running = index == len(starts) - 1 and marks.ended is None
        rows.append(PhaseTiming(phase.name, budget_s, max(0.0, stop - starts[index]), "current" if running else "done"))
    current = len(starts) - 1 if marks.ended is None else None
    total = sum(row.spent_s for row in rows)
    return Timing(tuple(rows), total, sum(phase.minutes for phase in phases) * 60, current)


def clock_text(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss` from an hour), for the timer."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
