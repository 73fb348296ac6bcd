"""Apply deck update: finish what Anki's import cannot do when a new release of our decks arrives.

Import updates the notes that changed and adds the new ones, but it never moves an existing card to its note's new
deck and never removes a note the release dropped. The release manifest (`deck_manifest.py`), refreshed in the root
deck's description by every import, says which notes the release holds and where. From it this module:

- moves the cards of the release's notes to their new decks. Only cards inside the release's root deck move: a card
  the user put in a deck of their own stays there. A card in a filtered deck counts for its home deck, and moving it
  takes it out of the filtered deck;
- retires the tree's notes the release no longer holds: their cards are suspended and the note is tagged
  `interview::retired`. Review history stays, and nothing is deleted;
- restores a retired note that a later release brings back.

All of it is one undo step. A second run finds nothing to do, writes nothing and adds no undo step. Imports `anki`
only, like `tagging`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from anki.cards import CardId
from anki.collection import Collection, OpChanges
from anki.dbproxy import DBProxy
from anki.decks import DeckId
from anki.notes import NoteId
from anki.utils import ids2str

from .categories import RETIRED_TAG
from .deck_manifest import DeckManifest, ManifestError, find

APPLY_UNDO = "Apply deck update"
_ID_FIELD = "Id"
_SUSPENDED = -1


@dataclass(frozen=True)
class DeckUpdatePlan:
    """What a run will do. Card and note ids are sorted, so two plans of the same collection compare equal."""

    releases: tuple[str, ...] = ()  # the root decks whose manifest was read
    moves: Mapping[str, Sequence[CardId]] = field(default_factory=dict)  # deck name -> cards that move there
    retire: Sequence[NoteId] = ()  # notes to tag `interview::retired`
    suspend: Sequence[CardId] = ()  # their cards that are not suspended yet
    restore: Sequence[NoteId] = ()  # retired notes the release holds again
    unsuspend: Sequence[CardId] = ()  # their suspended cards
    problems: tuple[str, ...] = ()  # manifests that could not be read

    @property
    def moved(self) -> int:
        return sum(len(card_ids) for card_ids in self.moves.values())

    def is_empty(self) -> bool:
        return not (self.moves or self.retire or self.suspend or self.restore or self.unsuspend)


@dataclass
class DeckUpdateResult:
    """A finished run. NOTE: not frozen, because aqt's `CollectionOp` sets `changes` on its result."""

    plan: DeckUpdatePlan
    changes: OpChanges = field(default_factory=OpChanges)

    def summary(self) -> str:
        plan = self.plan
        lines = [f"Release manifest unreadable: {problem}" for problem in plan.problems]
        if not plan.releases:
            if not plan.problems:
                lines.append("No deck release found: import the release's .apkg first (File > Import).")
            return "\n".join(lines)
        releases = ", ".join(plan.releases)
        if plan.is_empty():
            return "\n".join([*lines, f"{releases}: your decks already match the release; nothing to do."])
        lines.append(f"{releases}: deck update applied.")
        if plan.moved:
            lines.append(f"Moved {_count(plan.moved, 'card')} to their new decks.")
        if plan.retire:
            lines.append(
                f"Retired {_count(len(plan.retire), 'note')} the release dropped (suspended, tagged {RETIRED_TAG})."
            )
        if plan.restore:
            lines.append(f"Restored {_count(len(plan.restore), 'retired note')} the release brings back.")
        return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def find_manifests(col: Collection) -> tuple[list[DeckManifest], list[str]]:
    """The release manifests in the collection, and a message for each one that cannot be read.

    NOTE: only a manifest in the deck that bears its root name counts. The importer refreshes that deck; a copy left
    in a deck the user renamed describes an older release.
    """
    manifests: list[DeckManifest] = []
    problems: list[str] = []
    for entry in col.decks.all_names_and_ids():
        deck = col.decks.get(DeckId(entry.id))
        description = deck.get("desc", "") if deck else ""
        if not description:
            continue
        try:
            manifest = find(description)
        except ManifestError as error:
            problems.append(f"deck {entry.name!r}: {error}")
            continue
        if manifest is not None and manifest.name.casefold() == entry.name.casefold():
            manifests.append(manifest)
    return manifests, problems


def plan_deck_update(col: Collection) -> DeckUpdatePlan:
    """Read the manifests and the collection, and decide every move and retirement without writing anything."""
    manifests, problems = find_manifests(col)
    deck_names = {int(entry.id): entry.name for entry in col.decks.all_names_and_ids()}
    moves: dict[str, list[CardId]] = {}
    retire: list[NoteId] = []
    suspend: list[CardId] = []
    restore: list[NoteId] = []
    unsuspend: list[CardId] = []
    for manifest in manifests:
        root = manifest.name.casefold()
        notes = _tree_notes(col, manifest)
        cards_by_note = _cards_of(col, [note_id for note_id, _, _ in notes])
        for note_id, deck, retired in notes:
            cards = cards_by_note.get(note_id, [])
            if deck is None:
                if not retired:
                    retire.append(note_id)
                    suspend.extend(card_id for card_id, _, queue in cards if queue != _SUSPENDED)
                continue
            if retired:
                restore.append(note_id)
                unsuspend.extend(card_id for card_id, _, queue in cards if queue == _SUSPENDED)
            for card_id, home_deck, _ in cards:
                current = deck_names.get(home_deck, "").casefold()
                inside = current == root or current.startswith(f"{root}::")
                if inside and current != deck.casefold():
                    moves.setdefault(deck, []).append(card_id)
    return DeckUpdatePlan(
        releases=tuple(manifest.name for manifest in manifests),
        moves={deck: sorted(card_ids) for deck, card_ids in sorted(moves.items())},
        retire=sorted(retire),
        suspend=sorted(suspend),
        restore=sorted(restore),
        unsuspend=sorted(unsuspend),
        problems=tuple(problems),
    )


def apply_plan(col: Collection, plan: DeckUpdatePlan) -> OpChanges:
    """Carry out `plan` as one undo step named "Apply deck update"; an empty plan writes nothing."""
    if plan.is_empty():
        return OpChanges()
    target = col.add_custom_undo_entry(APPLY_UNDO)
    for deck, card_ids in plan.moves.items():
        existing = col.decks.id_for_name(deck)
        # NOTE: a deck the user deleted since the import is made again, inside the same undo step
        deck_id = existing if existing is not None else col.decks.add_normal_deck_with_name(deck).id
        col.set_deck(card_ids, deck_id)
    if plan.suspend:
        col.sched.suspend_cards(plan.suspend)
    if plan.retire:
        col.tags.bulk_add(plan.retire, RETIRED_TAG)
    if plan.unsuspend:
        col.sched.unsuspend_cards(plan.unsuspend)
    if plan.restore:
        col.tags.bulk_remove(plan.restore, RETIRED_TAG)
    return col.merge_undo_entries(target)


def update_decks(col: Collection) -> DeckUpdateResult:
    """The "Apply deck update" action: plan, then apply as one undo step."""
    plan = plan_deck_update(col)
    return DeckUpdateResult(plan, apply_plan(col, plan))


def _tree_notes(col: Collection, manifest: DeckManifest) -> list[tuple[NoteId, str | None, bool]]:
    """(note, its deck in the release or None when the release dropped it, already retired) for each of the tree's
    notes in the collection: a note of one of the release's note types whose GUID the tree's namespace gives it."""
    found: list[tuple[NoteId, str | None, bool]] = []
    retired_tag = RETIRED_TAG.casefold()
    for kind, notetype_id in manifest.note_types.items():
        notetype = col.models.get(notetype_id)  # type: ignore[arg-type]
        if notetype is None:
            continue
        names = [item["name"] for item in notetype["flds"]]
        if _ID_FIELD not in names:
            continue
        position = names.index(_ID_FIELD)
        for note_id, guid, fields, tags in _db(col).all(
            "select id, guid, flds, tags from notes where mid = ?", notetype_id
        ):
            values = fields.split("\x1f")
            card_id = values[position].strip() if position < len(values) else ""
            if not card_id or guid != manifest.guid(kind, card_id):
                continue  # the user's own note, or another tree's
            retired = retired_tag in (tag.casefold() for tag in tags.split())
            found.append((NoteId(note_id), manifest.deck_of(kind, card_id), retired))
    return found


def _cards_of(col: Collection, note_ids: Sequence[NoteId]) -> dict[NoteId, list[tuple[CardId, int, int]]]:
    """note -> (card, home deck, queue) for each of its cards; a card in a filtered deck counts for its home deck."""
    cards: dict[NoteId, list[tuple[CardId, int, int]]] = {}
    if not note_ids:
        return cards
    for note_id, card_id, home_deck, queue in _db(col).all(
        "select nid, id, case when odid != 0 then odid else did end, queue from cards "
        f"where nid in {ids2str(note_ids)} order by nid, ord"
    ):
        cards.setdefault(NoteId(note_id), []).append((CardId(card_id), home_deck, queue))
    return cards


def _db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db
