"""Today's practice: a filtered deck of a few problems (3 by default) in a set difficulty mix, the neediest first.

The set takes, for each difficulty, its share of the size (largest remainder: with 5 problems and a 1:2:1 mix,
1 easy, 3 medium, 1 hard; a tie in remainders goes to the easier level), and fills it with that difficulty's problems
in the order "what I need most" ranks them: marked for re-review, then due or weak, then unseen, then the rest. A
difficulty with too few problems leaves its places to the neediest problems of any difficulty. A problem in another
filtered deck stays there (Anki never takes a card from one filtered deck into another).

The deck is made through Anki's own filtered-deck API (by the add-on's one builder, `weakest.make_deck`), with
rescheduling on, as one undo step, so studying it counts as normal reviews and one Edit > Undo removes it; asking for
the same problems again writes nothing. Imports `anki` and the add-on's own modules only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from anki.collection import Collection, OpChanges
from anki.decks import DeckId

from ..card_meta import DIFFICULTIES
from ..weakest import make_deck
from .errors import PracticeError
from .pick import Ranked

DECK_NAME = "Today's practice"
UNDO_LABEL = "Today's practice"
DEFAULT_SIZE = 3


def quotas(size: int, mix: Mapping[str, int]) -> dict[str, int]:
    """How many problems of each difficulty: `size` shared by the mix's weights, by largest remainder."""
    weights = {level: max(0, int(mix.get(level, 0))) for level in DIFFICULTIES}
    total = sum(weights.values())
    if size <= 0:
        return dict.fromkeys(DIFFICULTIES, 0)
    if total == 0:
        weights, total = dict.fromkeys(DIFFICULTIES, 1), len(DIFFICULTIES)
    exact = {level: size * weight / total for level, weight in weights.items()}
    result = {level: int(value) for level, value in exact.items()}
    by_remainder = sorted(DIFFICULTIES, key=lambda level: (-(exact[level] - result[level]), DIFFICULTIES.index(level)))
    for level in by_remainder[: size - sum(result.values())]:
        result[level] += 1
    return result


def plan(ranked: Sequence[Ranked], size: int, mix: Mapping[str, int], own_deck: int = 0) -> list[Ranked]:
    """The problems of today's set, neediest first. `own_deck`: the existing "Today's practice" deck, whose cards
    may be taken again (they go home when it is rebuilt)."""
    eligible = [item for item in ranked if item.candidate.filtered_deck in (0, own_deck)]
    chosen: list[Ranked] = []
    notes: set[int] = set()

    def take(item: Ranked) -> None:
        chosen.append(item)
        notes.add(item.candidate.note_id)

    for level, quota in quotas(size, mix).items():
        of_level = [item for item in eligible if item.candidate.difficulty == level]
        for item in of_level:
            if sum(1 for taken in chosen if taken.candidate.difficulty == level) >= quota:
                break
            if item.candidate.note_id not in notes:
                take(item)
    for item in eligible:
        if len(chosen) >= size:
            break
        if item.candidate.note_id not in notes:
            take(item)
    return sorted(chosen, key=lambda item: item.key)


@dataclass
class DailyResult:
    deck_id: int
    cards: int
    by_difficulty: dict[str, int]
    changed: bool = True  # False: the deck already held exactly these problems, nothing was written
    changes: OpChanges = field(default_factory=OpChanges)  # NOTE: settable, as aqt's CollectionOp expects

    def summary(self) -> str:
        mix = ", ".join(f"{count} {level}" for level, count in self.by_difficulty.items() if count)
        already = " It already held them." if not self.changed else ""
        return f'"{DECK_NAME}": {self.cards} problem{"s" if self.cards != 1 else ""} ({mix}).{already}'


def own_deck_id(col: Collection) -> int:
    """The existing "Today's practice" deck, 0 when there is none."""
    return int(col.decks.id_for_name(DECK_NAME) or 0)


def make_daily_deck(col: Collection, chosen: Sequence[Ranked]) -> DailyResult:
    """Make, or rebuild, the "Today's practice" filtered deck with these problems, as one undo step (or nothing,
    when it already holds exactly them). Built by `weakest.make_deck`, the add-on's one filtered-deck builder: a deck
    of the user's with this name is never replaced, and cards Anki would refuse are left out before any write."""
    if not chosen:
        raise PracticeError("No problem to practise: tag your own problems difficulty::easy, ::medium or ::hard.")
    card_ids = [item.candidate.card_id for item in chosen]
    made = make_deck(col, DECK_NAME, UNDO_LABEL, card_ids, {"kind": "daily"}, "today's practice problems")
    in_deck = set(col.decks.cids(DeckId(made.deck_id)))
    by_difficulty = dict.fromkeys(DIFFICULTIES, 0)
    for item in chosen:
        if item.candidate.card_id in in_deck and item.candidate.difficulty in by_difficulty:
            by_difficulty[item.candidate.difficulty] += 1
    return DailyResult(made.deck_id, made.cards, by_difficulty, made.changed, made.changes)


def problems_left(col: Collection) -> tuple[int, int] | None:
    """(problems still in today's deck, problems it was built with), or None without the deck."""
    deck_id = own_deck_id(col)
    deck = col.decks.get(DeckId(deck_id)) if deck_id else None
    if deck is None or not deck.get("dyn"):
        return None
    terms = deck.get("terms") or []
    search = str(terms[0][0]) if terms and isinstance(terms[0], list) and terms[0] else ""
    planned = len(search[4:].split(",")) if search.startswith("cid:") else 0
    return len(col.decks.cids(DeckId(deck_id))), planned
