"""'Study weakest': a filtered deck of the cards of one category with the lowest predicted recall, as one undo step.

The cards come from the readiness report (its per-card recall on the interview date), and the deck is made through
Anki's own filtered-deck API, so Anki moves the cards, rebuilds and empties the deck as it does for any filtered deck.
Imports `anki` and the add-on's Anki-free modules only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anki.collection import Collection, OpChanges
from anki.decks import DeckId
from anki.errors import FilteredDeckError

from .categories import get
from .errors import UserFacingError
from .readiness import Report

DEFAULT_DECK_SIZE = 50
UNDO_PREFIX = "Study weakest"


class NothingToStudyError(UserFacingError):
    """A user-facing reason why no deck was made (no studied card, a deck name taken by a normal deck...)."""


@dataclass
class WeakestResult:
    deck_id: int
    cards: int
    deck_name: str
    changes: OpChanges = field(default_factory=OpChanges)  # NOTE: settable, as aqt's CollectionOp expects


def deck_name(category: str) -> str:
    return f"Weakest: {get(category).title}"


def undo_label(category: str) -> str:
    return f"{UNDO_PREFIX}: {get(category).title}"


def study_weakest(col: Collection, report: Report, category: str, limit: int = DEFAULT_DECK_SIZE) -> WeakestResult:
    """Create, or refresh, the category's "Weakest" filtered deck with its `limit` weakest studied cards."""
    title = get(category).title
    card_ids = report.weakest_cards(category, max(limit, 1))
    if not card_ids:
        raise NothingToStudyError(
            f"{title}: no studied card yet, so there is nothing weak to review. Study new cards first."
        )
    name = deck_name(category)
    existing = col.decks.id_for_name(name)
    if existing and not col.decks.is_filtered(existing):
        raise NothingToStudyError(f'A normal deck is already called "{name}". Rename it, then try again.')
    target = col.add_custom_undo_entry(undo_label(category))
    deck = col.sched.get_or_create_filtered_deck(DeckId(existing or 0))
    deck.name = name
    terms = deck.config.search_terms
    del terms[1:]
    terms[0].search = "cid:" + ",".join(str(card_id) for card_id in card_ids)
    terms[0].limit = len(card_ids)
    deck.config.reschedule = True
    try:
        added = col.sched.add_or_update_filtered_deck(deck)
    except FilteredDeckError as error:
        col.merge_undo_entries(target)
        raise NothingToStudyError(f"{title}: Anki could not build the deck: {error}") from None
    cards = len(col.decks.cids(DeckId(added.id)))
    return WeakestResult(deck_id=added.id, cards=cards, deck_name=name, changes=col.merge_undo_entries(target))
