"""Which card a mock interview asks next: "what I need most", or "surprise me".

**What I need most** ranks every card of the round in four tiers, and asks from the first tier that has a card left:
1. *re-review*: the card's latest mock attempt went badly (needed the answer, then over budget; the oldest first);
2. *due or weak*: Anki has it due now, or its predicted recall now is below its preset's desired retention (the
   weakest first);
3. *unseen*: never studied (in Anki's new-card order);
4. the rest (the weakest first).
Within the tier, it balances difficulty: it takes the difficulty asked least so far in the session, relative to the
configured mix (1:1:1 by default), and the first card of that difficulty in the tier's order. Ties go to the card
that comes first in the tier.

**Surprise me** draws uniformly among the round's cards, as a friend picking a problem would.

Both never ask a note twice in a session. The rule is deterministic given the collection, the log, the recall figures
and (for "surprise me") the random generator, so tests replay it. It only reads. Imports `anki` only.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from anki.collection import Collection
from anki.decks import DeckId

from ..card_meta import DIFFICULTIES
from .grading import ANSWER, BAD_GRADES
from .items import Candidate
from .log import Attempt

NEED_MOST = "need"
SURPRISE = "surprise"
MODES: tuple[str, ...] = (NEED_MOST, SURPRISE)
MODE_TITLES: Mapping[str, str] = {NEED_MOST: "What I need most", SURPRISE: "Surprise me"}

RE_REVIEW, DUE_OR_WEAK, UNSEEN, REST = 0, 1, 2, 3
TIER_TITLES: Mapping[int, str] = {
    RE_REVIEW: "marked for re-review",
    DUE_OR_WEAK: "due or weak",
    UNSEEN: "not studied yet",
    REST: "studied, not due",
}
DEFAULT_DESIRED_RETENTION = 0.9
DEFAULT_MIX: Mapping[str, int] = {level: 1 for level in DIFFICULTIES}
_NO_DIFFICULTY = ""


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    tier: int
    order: tuple[float, ...]  # the order within the tier, lowest first

    @property
    def key(self) -> tuple[int, tuple[float, ...], int]:
        return (self.tier, self.order, self.candidate.card_id)


@dataclass(frozen=True)
class Session:
    """What a mock-interview session has asked so far: no note twice, and difficulty balanced."""

    notes: frozenset[int] = frozenset()
    difficulties: tuple[str, ...] = ()
    mix: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_MIX))

    def after(self, candidate: Candidate) -> Session:
        asked = (*self.difficulties, candidate.difficulty or _NO_DIFFICULTY)
        return Session(self.notes | {candidate.note_id}, asked, self.mix)

    def allows(self, candidate: Candidate) -> bool:
        return candidate.note_id not in self.notes


def latest_attempts(attempts: Iterable[Attempt]) -> dict[int, Attempt]:
    """Per card, its latest attempt."""
    latest: dict[int, Attempt] = {}
    for attempt in attempts:
        current = latest.get(attempt.card_id)
        if current is None or attempt.review_id > current.review_id:
            latest[attempt.card_id] = attempt
    return latest


def marked_for_re_review(attempts: Iterable[Attempt]) -> dict[int, Attempt]:
    """The cards whose latest attempt went badly, with that attempt."""
    return {card: attempt for card, attempt in latest_attempts(attempts).items() if attempt.grade in BAD_GRADES}


def desired_retentions(col: Collection, deck_ids: Iterable[int]) -> dict[int, float]:
    """Per home deck, the desired retention of its preset (the level FSRS keeps a card above)."""
    result: dict[int, float] = {}
    for deck_id in set(deck_ids):
        try:
            value = col.decks.config_dict_for_deck_id(DeckId(deck_id)).get("desiredRetention")
        except Exception:  # NOTE: a deck deleted meanwhile, or a preset of an odd shape: use the default
            value = None
        valid = isinstance(value, (int, float)) and 0 < value < 1
        result[deck_id] = float(value) if valid else DEFAULT_DESIRED_RETENTION  # type: ignore[arg-type]
    return result


def rank(
    col: Collection,
    candidates: Sequence[Candidate],
    attempts: Iterable[Attempt],
    recall: Mapping[int, float] | None = None,
) -> list[Ranked]:
    """Every candidate with its tier and its order in it, neediest first. `recall`: predicted recall now per card
    id (the readiness report's); without it, "weak" is not judged and only due cards make tier 2."""
    flagged = marked_for_re_review(attempts)
    due = {int(card_id) for card_id in col.find_cards("is:due")} if candidates else set()
    retention = desired_retentions(col, (candidate.home_deck for candidate in candidates))
    ranked = [_ranked(candidate, flagged, due, retention, recall) for candidate in candidates]
    return sorted(ranked, key=lambda item: item.key)


def _ranked(
    candidate: Candidate,
    flagged: Mapping[int, Attempt],
    due: set[int],
    retention: Mapping[int, float],
    recall: Mapping[int, float] | None,
) -> Ranked:
    attempt = flagged.get(candidate.card_id)
    if attempt is not None:
        return Ranked(candidate, RE_REVIEW, (0 if attempt.grade == ANSWER else 1, attempt.review_id))
    if candidate.unseen:
        return Ranked(candidate, UNSEEN, (candidate.due,))
    predicted = recall.get(candidate.card_id) if recall is not None else None
    weak = predicted is not None and predicted < retention.get(candidate.home_deck, DEFAULT_DESIRED_RETENTION)
    order = (predicted if predicted is not None else 0.0,)
    return Ranked(candidate, DUE_OR_WEAK if candidate.card_id in due or weak else REST, order)


def _share(session: Session, difficulty: str) -> float:
    """How much of its share of the mix a difficulty has had this session (a level weighted 0 is never preferred)."""
    weight = session.mix.get(difficulty, 1 if difficulty == _NO_DIFFICULTY else 0)
    asked = session.difficulties.count(difficulty)
    return (asked + 1) / weight if weight > 0 else float("inf")


def pick_need_most(ranked: Sequence[Ranked], session: Session) -> Ranked | None:
    """The next card by "what I need most" (see the module docstring), or None when the session asked them all."""
    open_items = [item for item in ranked if session.allows(item.candidate)]
    if not open_items:
        return None
    tier = min(item.tier for item in open_items)
    in_tier = [item for item in open_items if item.tier == tier]  # already in need order
    best: Ranked | None = None
    for item in in_tier:
        if best is None or _share(session, item.candidate.difficulty or "") < _share(
            session, best.candidate.difficulty or ""
        ):
            best = item
    return best


def pick_surprise(candidates: Sequence[Candidate], session: Session, rng: random.Random) -> Candidate | None:
    """A card drawn uniformly among the round's cards the session has not asked, or None when none is left."""
    pool = sorted((item for item in candidates if session.allows(item)), key=lambda item: item.card_id)
    return rng.choice(pool) if pool else None
