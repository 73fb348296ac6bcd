"""Apply deck update: finish what Anki's import cannot do when a new release of our decks arrives.

Import updates the notes that changed and adds the new ones, but it never moves an existing card to its note's new
deck and never removes a note the release dropped. The release manifest (`deck_manifest.py`), refreshed in the root
deck's description by every import, says which notes the release holds and where. From it this module:

- moves the cards of the release's notes to their new decks. Only cards inside the release's root deck move: a card
  the user put in a deck of their own stays there. A card in a filtered deck counts for its home deck, and moving it
  takes it out of the filtered deck;
- retires the tree's notes the release no longer holds: their cards are suspended and the note is tagged
  `interview::retired`. Review history stays, and nothing is deleted;
- restores a retired note that a later release brings back: its cards are unsuspended and the tag removed.

A retired note is also recorded in the collection's config (`RETIRED_KEY`, its GUID), which syncs with it: a release
that brings the note back with a newer `mod` makes the import replace its tags, so the tag alone would be lost and the
cards left suspended for good.

The tree is found by its manifest, not by its name: a user may rename the root deck. The importer, which matches decks
by name, then re-creates the release's tree beside it for the new notes. Apply deck update works in the user's tree
(the release's deck names under the new root), moves the new notes' cards there, carries the newer manifest over, and
removes the re-created decks once they are empty. A card of the release the user keeps in a deck of their own stays
there, and the summary says how many.

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
from .deck_manifest import DeckManifest, ManifestError, find, replace_in
from .undo import one_undo_step

APPLY_UNDO = "Apply deck update"
RETIRED_KEY = "mleInterviewRetiredNotes"  # the GUIDs of the notes Apply deck update retired, sorted
_ID_FIELD = "Id"
_SUSPENDED = -1
_SEPARATOR = "::"


@dataclass(frozen=True)
class DeckTree:
    """One release's tree in the collection: its newest manifest and the root deck the user keeps it under."""

    manifest: DeckManifest
    root: str  # the root deck's name now: the release's root name, or the name the user gave it
    root_id: int
    recreated: str | None = None  # renamed root: the tree the importer made again under the release's name

    def deck_for(self, release_deck: str) -> str:
        """Where a deck of the release lives in the user's tree: the same path below the user's root."""
        name = self.manifest.name
        if release_deck.casefold() == name.casefold():
            return self.root
        if release_deck.casefold().startswith(f"{name}{_SEPARATOR}".casefold()):
            return self.root + release_deck[len(name) :]
        return release_deck

    def holds(self, deck_name: str) -> bool:
        """Whether a deck is the user's tree or below it, or the re-created one or below it."""
        return any(_within(deck_name, root) for root in (self.root, self.recreated) if root)


@dataclass(frozen=True)
class DeckUpdatePlan:
    """What a run will do. Card and note ids are sorted, so two plans of the same collection compare equal."""

    releases: tuple[str, ...] = ()  # the root decks the trees are kept under
    moves: Mapping[str, Sequence[CardId]] = field(default_factory=dict)  # deck name -> cards that move there
    retire: Sequence[NoteId] = ()  # notes to tag `interview::retired`
    suspend: Sequence[CardId] = ()  # their cards that are not suspended yet
    restore: Sequence[NoteId] = ()  # retired notes the release holds again
    unsuspend: Sequence[CardId] = ()  # their suspended cards
    problems: tuple[str, ...] = ()  # manifests that could not be read, trees that could not be told apart
    manifests: Mapping[int, str] = field(default_factory=dict)  # renamed root deck id -> its new description
    remove_decks: Sequence[int] = ()  # re-created decks that are empty once the cards moved (top-most only)
    recreated: tuple[str, ...] = ()  # the re-created roots, for the summary
    kept_outside: int = 0  # cards of the release the user keeps in decks of their own: they stay there

    @property
    def moved(self) -> int:
        return sum(len(card_ids) for card_ids in self.moves.values())

    def is_empty(self) -> bool:
        return not (
            self.moves
            or self.retire
            or self.suspend
            or self.restore
            or self.unsuspend
            or self.manifests
            or self.remove_decks
        )


@dataclass
class DeckUpdateResult:
    """A finished run. NOTE: not frozen, because aqt's `CollectionOp` sets `changes` on its result."""

    plan: DeckUpdatePlan
    changes: OpChanges = field(default_factory=OpChanges)

    def summary(self) -> str:
        plan = self.plan
        lines = [f"Not applied: {problem}" for problem in plan.problems]
        if not plan.releases:
            if not plan.problems:
                lines.append("No deck release found: import the release's .apkg first (File > Import).")
            return "\n".join(lines)
        releases = ", ".join(plan.releases)
        kept = (
            [f"{_count(plan.kept_outside, 'card')} of the release stay in decks of your own, where you put them."]
            if plan.kept_outside
            else []
        )
        if plan.is_empty():
            done = [] if plan.problems else [f"{releases}: your decks already match the release; nothing to do."]
            return "\n".join([*lines, *done, *kept])
        lines.append(f"{releases}: deck update applied.")
        if plan.moved:
            lines.append(f"Moved {_count(plan.moved, 'card')} to their new decks.")
        if plan.retire:
            lines.append(
                f"Retired {_count(len(plan.retire), 'note')} the release dropped (suspended, tagged {RETIRED_TAG})."
            )
        if plan.restore:
            lines.append(f"Restored {_count(len(plan.restore), 'retired note')} the release brings back.")
        if plan.recreated:
            lines.append(
                f"The import made {', '.join(plan.recreated)} again beside your renamed deck; its cards are now in "
                f"{releases}{' and its empty decks are removed' if plan.remove_decks else ''}."
            )
        return "\n".join([*lines, *kept])


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _within(deck_name: str, root: str) -> bool:
    name, root = deck_name.casefold(), root.casefold()
    return name == root or name.startswith(f"{root}{_SEPARATOR}")


def find_trees(col: Collection) -> tuple[list[DeckTree], list[str]]:
    """The releases' trees in the collection, found by the manifest in their root deck's description, and a message
    for each manifest that cannot be read and each tree that cannot be told apart.

    NOTE: the importer refreshes the description of the deck that bears the release's root name. A manifest in a deck
    of another name is the user's renamed root: the tree to work in. When both exist, the one under the release's name
    was made again by the import, and its manifest is the newer one. Trees are told apart by their namespace.
    """
    found: dict[str, list[tuple[str, int, DeckManifest]]] = {}
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
        if manifest is not None:
            found.setdefault(manifest.namespace, []).append((entry.name, int(entry.id), manifest))
    trees: list[DeckTree] = []
    for decks in found.values():
        named = [deck for deck in decks if deck[0].casefold() == deck[2].name.casefold()]
        renamed = [deck for deck in decks if deck not in named]
        if len(renamed) > 1 or len(named) > 1:
            roots = ", ".join(repr(name) for name, _, _ in decks)
            problems.append(
                f"the release {decks[0][2].name!r} has more than one root deck ({roots}); keep one of them, "
                "move your cards into it and delete the others, then apply again"
            )
        elif renamed:
            name, deck_id, manifest = renamed[0]
            newest = named[0][2] if named else manifest
            trees.append(DeckTree(newest, name, deck_id, named[0][0] if named else None))
        else:
            name, deck_id, manifest = named[0]
            trees.append(DeckTree(manifest, name, deck_id))
    return trees, problems


def find_manifests(col: Collection) -> tuple[list[DeckManifest], list[str]]:
    """The newest manifest of each release in the collection, and a message for each problem (see `find_trees`)."""
    trees, problems = find_trees(col)
    return [tree.manifest for tree in trees], problems


def plan_deck_update(col: Collection) -> DeckUpdatePlan:
    """Read the manifests and the collection, and decide every move and retirement without writing anything."""
    trees, problems = find_trees(col)
    deck_names = {int(entry.id): entry.name for entry in col.decks.all_names_and_ids()}
    moves: dict[str, list[CardId]] = {}
    retire: list[NoteId] = []
    suspend: list[CardId] = []
    restore: list[NoteId] = []
    unsuspend: list[CardId] = []
    manifests: dict[int, str] = {}
    remove_decks: list[int] = []
    kept_outside = 0
    recorded = retired_guids(col)
    for tree in trees:
        notes = _tree_notes(col, tree.manifest, recorded)
        cards_by_note = _cards_of(col, [note_id for note_id, _, _ in notes])
        moving: set[int] = set()
        for note_id, release_deck, retired in notes:
            cards = cards_by_note.get(note_id, [])
            if release_deck is None:
                if not retired:
                    retire.append(note_id)
                    suspend.extend(card_id for card_id, _, queue in cards if queue != _SUSPENDED)
                continue
            if retired:
                restore.append(note_id)
                unsuspend.extend(card_id for card_id, _, queue in cards if queue == _SUSPENDED)
            deck = tree.deck_for(release_deck)
            for card_id, home_deck, _ in cards:
                current = deck_names.get(home_deck, "")
                if not tree.holds(current):
                    kept_outside += 1
                elif current.casefold() != deck.casefold():
                    moves.setdefault(deck, []).append(card_id)
                    moving.add(card_id)
        if tree.recreated is not None:
            description = _description(col, tree.root_id)
            updated = replace_in(description, tree.manifest)
            if updated != description:
                manifests[tree.root_id] = updated
            remove_decks += _empty_after(col, tree.recreated, moving)
    for deck in [deck for deck in moves if _filtered_on_the_way(col, deck)]:
        problems.append(
            f"{_count(len(moves.pop(deck)), 'card')} belong in {deck!r}, but a filtered deck is in the way; rename "
            "it, then apply again"
        )
    return DeckUpdatePlan(
        releases=tuple(tree.root for tree in trees),
        moves={deck: sorted(card_ids) for deck, card_ids in sorted(moves.items())},
        retire=sorted(retire),
        suspend=sorted(suspend),
        restore=sorted(restore),
        unsuspend=sorted(unsuspend),
        problems=tuple(problems),
        manifests=manifests,
        remove_decks=sorted(remove_decks),
        recreated=tuple(tree.recreated for tree in trees if tree.recreated is not None),
        kept_outside=kept_outside,
    )


def apply_plan(col: Collection, plan: DeckUpdatePlan) -> OpChanges:
    """Carry out `plan` as one undo step named "Apply deck update"; an empty plan writes nothing."""
    if plan.is_empty():
        return OpChanges()
    return one_undo_step(col, APPLY_UNDO, lambda: _write(col, plan))[1]


def _write(col: Collection, plan: DeckUpdatePlan) -> None:
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
    if plan.retire or plan.restore:
        recorded = retired_guids(col)
        updated = (recorded | set(_guids(col, plan.retire))) - set(_guids(col, plan.restore))
        if updated != recorded:
            col.set_config(RETIRED_KEY, sorted(updated), undoable=True)
    for root_id, description in plan.manifests.items():
        root = col.decks.get(DeckId(root_id))
        if root is not None:
            root["desc"] = description
            col.decks.update_dict(root)
    if plan.remove_decks:
        col.decks.remove([DeckId(deck_id) for deck_id in plan.remove_decks])


def update_decks(col: Collection) -> DeckUpdateResult:
    """The "Apply deck update" action: plan, then apply as one undo step."""
    plan = plan_deck_update(col)
    return DeckUpdateResult(plan, apply_plan(col, plan))


def _filtered_on_the_way(col: Collection, deck: str) -> bool:
    """Whether a deck, or a deck above it, is a filtered deck: Anki moves no card into one and puts no deck below it,
    so such a move would fail half-way (NOTE: checked before writing, so a run changes everything or nothing)."""
    parts = deck.split(_SEPARATOR)
    for depth in range(1, len(parts) + 1):
        deck_id = col.decks.id_for_name(_SEPARATOR.join(parts[:depth]))
        if deck_id is not None and col.decks.is_filtered(deck_id):
            return True
    return False


def _description(col: Collection, deck_id: int) -> str:
    deck = col.decks.get(DeckId(deck_id))
    return str(deck.get("desc", "")) if deck else ""


def _empty_after(col: Collection, root: str, moving: set[int]) -> list[int]:
    """The top-most normal decks of the tree under `root` whose whole subtree holds no card once `moving` moved out.

    NOTE: removing a deck removes the decks below it and their cards, so a deck goes only when nothing below it
    holds a card; a card in a filtered deck counts for its home deck, and filtered decks are left alone.
    """
    decks = {int(entry.id): entry.name for entry in col.decks.all_names_and_ids() if _within(entry.name, root)}
    if not decks:
        return []
    holding: set[str] = set()
    for card_id, deck_id, home_id in _db(col).all(
        f"select id, did, odid from cards where did in {ids2str(decks)} or odid in {ids2str(decks)}"
    ):
        if card_id not in moving:
            holding.update(decks[deck] for deck in (deck_id, home_id) if deck in decks)
    busy = {name.casefold() for name in holding}
    busy |= {name.casefold() for deck_id, name in decks.items() if col.decks.is_filtered(DeckId(deck_id))}
    empty = [(deck_id, name) for deck_id, name in decks.items() if not any(_within(other, name) for other in busy)]
    empty_names = {name.casefold() for _, name in empty}
    return [
        deck_id
        for deck_id, name in empty
        if not any(_within(name, parent) and name.casefold() != parent for parent in empty_names)
    ]


def retired_guids(col: Collection) -> set[str]:
    """The GUIDs of the notes Apply deck update retired and has not restored; a damaged value counts as none."""
    value = col.get_config(RETIRED_KEY, [])
    return {guid for guid in value if isinstance(guid, str)} if isinstance(value, list) else set()


def _guids(col: Collection, note_ids: Sequence[NoteId]) -> list[str]:
    return [str(guid) for guid in _db(col).list(f"select guid from notes where id in {ids2str(note_ids)}")]


def _tree_notes(col: Collection, manifest: DeckManifest, recorded: set[str]) -> list[tuple[NoteId, str | None, bool]]:
    """(note, its deck in the release or None when the release dropped it, already retired) for each of the tree's
    notes in the collection: a note of one of the release's note types whose GUID the tree's namespace gives it. A
    note is retired when it has the tag, or when its GUID is `recorded` (an import replaced its tags)."""
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
            retired = guid in recorded or retired_tag in (tag.casefold() for tag in tags.split())
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
