"""The panel's study buttons as filtered decks: the weakest cards of a category, the studied cards of a weak topic
("Study"), or a day's new cards of a topic not started ("Start"). Each click is one undo step, or nothing at all.

The cards come from the readiness report, and the decks are made through Anki's own filtered-deck API, so Anki moves
the cards, rebuilds and empties the deck as it does for any filtered deck. Three rules keep the user's collection
safe:
- a deck of the same name that the add-on did not make (a normal deck, or the user's own filtered deck) is never
  replaced: the user gets a message instead. The add-on's decks carry a marker in the deck's JSON (`MARKER_KEY`);
- the cards Anki would refuse (suspended, buried, or in another filtered deck) are left out before anything is
  written, so the build cannot fail half-way. NOTE: when Anki's build fails it wipes the whole undo history, so a
  failure must never reach it;
- a click that would rebuild the deck with exactly the cards it holds writes nothing and adds no undo step, so two
  clicks make one deck and one undo step.
Imports `anki` and the add-on's Anki-free modules only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from anki.collection import Collection, OpChanges
from anki.decks import DeckId
from anki.utils import ids2str

from .categories import SEPARATOR, category_of_tag, get
from .errors import UserFacingError
from .readiness import Report

DEFAULT_DECK_SIZE = 50
UNDO_PREFIX = "Study weakest"
MARKER_KEY = "mleInterviewReadiness"  # in the JSON of the decks the add-on makes: {"kind", "category"[, "tag"]}
WEAKEST, STUDY, START = "weakest", "study", "start"
_EXCLUDED_QUEUES = (-1, -2, -3)  # suspended, buried (Anki's filtered decks skip these)


class NothingToStudyError(UserFacingError):
    """A user-facing reason why no deck was made (no studied card, a deck name taken...). Nothing was written."""


@dataclass
class WeakestResult:
    deck_id: int
    cards: int
    deck_name: str
    changed: bool = True  # False: the deck already held exactly these cards, nothing was written
    changes: OpChanges = field(default_factory=OpChanges)  # NOTE: settable, as aqt's CollectionOp expects


def deck_name(category: str) -> str:
    return f"Weakest: {get(category).title}"


def undo_label(category: str) -> str:
    return f"{UNDO_PREFIX}: {get(category).title}"


def topic_title(tag: str) -> str:
    """`interview::algorithms::graphs` -> `Algorithms - graphs` (no `::`: that would make a subdeck)."""
    category = category_of_tag(tag)
    topic = tag.split(SEPARATOR, 2)[-1].replace(SEPARATOR, " / ")
    return f"{get(category).title} - {topic}" if category else topic


def topic_deck_name(kind: str, tag: str) -> str:
    return f"{'Study' if kind == STUDY else 'Start'}: {topic_title(tag)}"


def topic_undo_label(kind: str, tag: str) -> str:
    return f"{'Study topic' if kind == STUDY else 'Start topic'}: {topic_title(tag)}"


def study_weakest(col: Collection, report: Report, category: str, limit: int = DEFAULT_DECK_SIZE) -> WeakestResult:
    """Create, or refresh, the category's "Weakest" filtered deck with its `limit` weakest studied cards."""
    title = get(category).title
    card_ids = report.weakest_cards(category, max(limit, 1))
    if not card_ids:
        raise NothingToStudyError(
            f"{title}: no studied card yet, so there is nothing weak to review. Study new cards first."
        )
    marker = {"kind": WEAKEST, "category": category}
    return make_deck(col, deck_name(category), undo_label(category), card_ids, marker, f"{title}'s weakest cards")


def study_topic(col: Collection, report: Report, tag: str) -> WeakestResult:
    """A filtered deck of exactly the topic's studied cards: the ones whose recall the panel shows for it."""
    category = _category(tag)
    card_ids = report.topic_cards(tag, studied=True)
    if not card_ids:
        raise NothingToStudyError(f"{topic_title(tag)}: no studied card yet. Use Start for a topic not started.")
    marker = {"kind": STUDY, "category": category, "tag": tag}
    name, label = topic_deck_name(STUDY, tag), topic_undo_label(STUDY, tag)
    return make_deck(col, name, label, card_ids, marker, f"the studied cards of {topic_title(tag)}")


def start_topic(col: Collection, report: Report, tag: str, count: int) -> WeakestResult:
    """A filtered deck of the topic's first `count` new cards (in the order they were added)."""
    category = _category(tag)
    card_ids = report.topic_cards(tag, studied=False)
    if not card_ids:
        raise NothingToStudyError(f"{topic_title(tag)}: every card is started already. Use Study instead.")
    marker = {"kind": START, "category": category, "tag": tag}
    name, label = topic_deck_name(START, tag), topic_undo_label(START, tag)
    return make_deck(col, name, label, card_ids[: max(count, 1)], marker, f"the new cards of {topic_title(tag)}")


def make_deck(
    col: Collection, name: str, label: str, card_ids: Sequence[int], marker: Mapping[str, str], what: str
) -> WeakestResult:
    """Make or refresh the filtered deck `name` holding `card_ids`, as one undo step named `label`; or write nothing
    when it already holds exactly those cards. `NothingToStudyError` (and nothing written) when it cannot."""
    existing = col.decks.id_for_name(name)
    if existing:
        _check_ours(col, existing, name)
    eligible = _eligible(col, card_ids, int(existing or 0))
    if not eligible:
        raise NothingToStudyError(_why_none(col, card_ids, int(existing or 0), what))
    search = "cid:" + ",".join(map(str, eligible))
    if existing and _holds_exactly(col, existing, search, eligible):
        return WeakestResult(int(existing), len(eligible), name, changed=False)
    target = col.add_custom_undo_entry(label)
    deck = col.sched.get_or_create_filtered_deck(DeckId(existing or 0))
    deck.name = name
    terms = deck.config.search_terms
    del terms[1:]
    terms[0].search = search
    terms[0].limit = len(eligible)
    deck.config.reschedule = True
    deck.allow_empty = True  # NOTE: a failed build wipes the undo history; the cards were checked just above
    added = col.sched.add_or_update_filtered_deck(deck)
    stored = col.decks.get(DeckId(added.id))
    if stored is not None:
        stored[MARKER_KEY] = dict(marker)
        col.decks.save(stored)
    cards = len(col.decks.cids(DeckId(added.id)))
    return WeakestResult(int(added.id), cards, name, changes=col.merge_undo_entries(target))


def is_ours(deck: Mapping[str, Any], name: str) -> bool:
    """A filtered deck the add-on made: it carries the marker, or (decks made before the marker existed) it has one
    of our names and the `cid:` search the add-on writes."""
    if not deck.get("dyn"):
        return False
    if isinstance(deck.get(MARKER_KEY), Mapping):
        return True
    terms = deck.get("terms") or []
    search = terms[0][0] if terms and isinstance(terms[0], list) and terms[0] else ""
    return name.startswith(("Weakest: ", "Study: ", "Start: ")) and str(search).startswith("cid:")


def _check_ours(col: Collection, deck_id: int, name: str) -> None:
    if not col.decks.is_filtered(DeckId(deck_id)):
        raise NothingToStudyError(f'A normal deck is already called "{name}". Rename it, then try again.')
    deck = col.decks.get(DeckId(deck_id))
    if deck is None or not is_ours(deck, name):
        raise NothingToStudyError(
            f'A filtered deck of your own is already called "{name}", and the add-on never replaces it. '
            "Rename or delete it, then try again."
        )


def _eligible(col: Collection, card_ids: Sequence[int], own_deck: int) -> list[int]:
    """The cards Anki's filtered-deck build would take, in the given order: not suspended or buried, and not in a
    filtered deck other than `own_deck` (whose cards go home first when it is rebuilt)."""
    rows = _db(col).all(
        f"select id from cards where id in {ids2str(card_ids)} and queue not in {ids2str(_EXCLUDED_QUEUES)} "
        "and (odid = 0 or did = ?)",
        own_deck,
    )
    allowed = {int(row[0]) for row in rows}
    return [card_id for card_id in card_ids if card_id in allowed]


def _holds_exactly(col: Collection, deck_id: int, search: str, card_ids: Sequence[int]) -> bool:
    deck = col.sched.get_or_create_filtered_deck(DeckId(deck_id))
    terms = deck.config.search_terms
    same_search = len(terms) == 1 and terms[0].search == search and deck.config.reschedule
    return same_search and sorted(col.decks.cids(DeckId(deck_id))) == sorted(card_ids)


def _why_none(col: Collection, card_ids: Sequence[int], own_deck: int, what: str) -> str:
    """Why none of the cards can go into the deck, for the user."""
    elsewhere = _db(col).list(
        f"select distinct did from cards where id in {ids2str(card_ids)} and odid != 0 and did != ?", own_deck
    )
    names = sorted(col.decks.name(DeckId(deck_id)) for deck_id in elsewhere)
    if names:
        decks = ", ".join(f'"{deck}"' for deck in names)
        return (
            f"Anki cannot put {what} in a new filtered deck: they are in the filtered deck {decks}, or suspended or "
            "buried. Empty that deck (or study it), then try again."
        )
    return f"Anki cannot put {what} in a filtered deck: they are suspended or buried."


def _category(tag: str) -> str:
    category = category_of_tag(tag)
    if category is None:
        raise NothingToStudyError(f"{tag} is not an interview topic tag.")
    return category


def _db(col: Collection) -> Any:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db
