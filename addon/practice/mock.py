"""A mock-interview session as a plain value: the stage it is at, the card asked, and the clock marks of the attempt.

The window's content is a pure function of this state and the clock (`render.py`), and each user action is a pure
transition to a new state, so a test drives a whole interview without a window and without waiting:

    choose -> (a card is picked) running -> next phase ... -> reveal -> revealed -> grade -> graded -> next card

A session is the run of cards asked in one round since the window opened (or the round changed): it never asks a note
twice and balances difficulty (`pick.Session`). Imports nothing from Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .grading import allowed_grades, rating_for
from .items import CODING, PracticeItem
from .pick import NEED_MOST, Session
from .timing import Marks, Timing, timing

CHOOSE, RUNNING, REVEALED, GRADED = "choose", "running", "revealed", "graded"


@dataclass(frozen=True)
class MockState:
    stage: str = CHOOSE
    round: str = CODING
    mode: str = NEED_MOST
    counts: Mapping[str, int] = field(default_factory=dict)  # cards each round can ask, for the chooser
    session: Session = field(default_factory=Session)
    item: PracticeItem | None = None
    tier: int | None = None  # why "what I need most" picked it (pick.TIER_TITLES); None for "surprise me"
    marks: Marks | None = None
    grade: str | None = None
    rating: int | None = None
    message: str | None = None  # a line for the user: no card left, the grade was recorded or undone...

    @property
    def asked(self) -> int:
        return len(self.session.notes)

    def choose(self, round_key: str, mode: str) -> MockState:
        """Back to the chooser with this round and mode; a new round starts a new session."""
        session = self.session if round_key == self.round else Session(mix=self.session.mix)
        return replace(
            self,
            stage=CHOOSE,
            round=round_key,
            mode=mode,
            session=session,
            item=None,
            marks=None,
            grade=None,
            rating=None,
            tier=None,
        )

    def start(self, item: PracticeItem, tier: int | None, now: float) -> MockState:
        """Ask `item` now: the timer starts in its first phase."""
        return replace(
            self,
            stage=RUNNING,
            round=item.candidate.round,
            session=self.session.after(item.candidate),
            item=item,
            tier=tier,
            marks=Marks(now),
            grade=None,
            rating=None,
            message=None,
        )

    def nothing_left(self, message: str) -> MockState:
        return replace(self, stage=CHOOSE, item=None, marks=None, message=message)

    def next_phase(self, now: float) -> MockState:
        """Move on to the next phase (the approach is found: code now); nothing after the last phase."""
        if self.stage != RUNNING or self.item is None or self.marks is None:
            return self
        if len(self.marks.phase_starts) + 1 >= len(self.item.candidate.phases):
            return self
        return replace(self, marks=self.marks.next_phase(max(now, self._last_mark())))

    def reveal(self, now: float) -> MockState:
        """Stop the clock and show the answer."""
        if self.stage != RUNNING or self.marks is None:
            return self
        return replace(self, stage=REVEALED, marks=self.marks.end(max(now, self._last_mark())))

    def graded(self, grade: str) -> MockState:
        """The grade was recorded as a review (`ValueError` for a grade the clock contradicts)."""
        rating = rating_for(grade, self.timing(0.0))
        return replace(self, stage=GRADED, grade=grade, rating=rating)

    def with_message(self, message: str | None) -> MockState:
        return replace(self, message=message)

    def with_counts(self, counts: Mapping[str, int]) -> MockState:
        return replace(self, counts=dict(counts))

    def allowed_grades(self) -> tuple[str, ...]:
        if self.stage != REVEALED:
            return ()
        return allowed_grades(self.timing(0.0))

    def timing(self, now: float) -> Timing:
        """Where the time went at `now` (the clock is ignored once the answer is revealed)."""
        if self.item is None or self.marks is None:
            raise ValueError("no attempt is running")
        return timing(self.item.candidate.phases, self.marks, now)

    def _last_mark(self) -> float:
        assert self.marks is not None
        return max((self.marks.started, *self.marks.phase_starts))
