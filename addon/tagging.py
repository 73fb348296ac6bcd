"""Put notes under an interview category: decide each note's category from the rules, then tag it `interview::<key>`.

The collection is read with a few bulk SQL queries; every write goes through Anki's undoable tag operations and ends
as one named undo step. Only tags under `interview::` are ever added or removed. A note that already has a tag under
`interview::<category>` (our decks' topic tags, an earlier run, the user's own choice) keeps it: rules only place
notes that are in no category yet, which is what makes a second run change nothing. Imports `anki` only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from anki.collection import Collection, OpChanges
from anki.dbproxy import DBProxy
from anki.notes import NoteId
from anki.utils import ids2str

from .categories import (
    CATEGORY_KEYS,
    PARKED_ROOT,
    SEPARATOR,
    TAG_ROOT,
    category_of_tag,
    category_tag,
    get,
    is_managed_tag,
)
from .rules import Settings
from .undo import one_undo_step

TAG_NOW_UNDO = "Tag cards by interview category"
SET_CATEGORY_UNDO = "Set interview category"
# A note the user took out of every category; rules leave it alone until the user puts it back under the rules.
EXCLUDED_TAG = f"{TAG_ROOT}{SEPARATOR}excluded"

_NO_RULE = 1 << 30  # the rank of "no rule matched"; any real rule index is smaller


@dataclass(frozen=True)
class TaggingPlan:
    """What a run will do: the notes that get a category tag, and how many notes each category holds afterwards."""

    additions: Mapping[str, Sequence[NoteId]]  # category key -> notes that get `interview::<key>`
    totals: Mapping[str, int]  # category key -> notes in that category once the plan is applied
    notes: int = 0  # notes looked at
    excluded: int = 0  # notes the user took out of every category

    @property
    def added(self) -> int:
        return sum(len(note_ids) for note_ids in self.additions.values())

    @property
    def uncategorized(self) -> int:
        """Notes in no category afterwards (a note in two categories counts once in each total)."""
        return max(self.notes - self.excluded - sum(self.totals.values()), 0)

    def is_empty(self) -> bool:
        return self.added == 0


@dataclass
class TaggingResult:
    """A finished run; `changes` is what Anki's `CollectionOp` hands to the rest of the UI.

    NOTE: not frozen: aqt's `CollectionOp` types its result as a protocol with a settable `changes`.
    """

    plan: TaggingPlan
    changes: OpChanges = field(default_factory=OpChanges)

    def summary(self) -> str:
        """One line per category with its total and the notes this run added, e.g. for a tooltip."""
        lines = []
        for key in CATEGORY_KEYS:
            added = len(self.plan.additions.get(key, ()))
            suffix = f" (+{added:,} new)" if added else ""
            lines.append(f"{get(key).title}: {self.plan.totals.get(key, 0):,} notes{suffix}")
        if self.plan.is_empty():
            head = "Interview categories are up to date: nothing to tag."
        else:
            head = f"Tagged {self.plan.added:,} notes by interview category."
        return "\n".join([head, *lines])


def plan_tagging(col: Collection, settings: Settings, note_ids: Sequence[NoteId] | None = None) -> TaggingPlan:
    """Decide the category of every note (or of `note_ids` only) without writing anything."""
    note_filter = card_filter = ""
    if note_ids is not None:
        if not note_ids:
            return TaggingPlan(additions={}, totals={})
        ids = ids2str(note_ids)
        note_filter, card_filter = f" where id in {ids}", f" where nid in {ids}"

    matcher = _Matcher(col, settings)
    # NOTE: a card in a filtered deck counts for its home deck (odid), where the user put it.
    deck_rank_of_note: dict[int, int] = {}
    for note_id, deck_id in _db(col).all(
        f"select nid, case when odid != 0 then odid else did end from cards{card_filter}"
    ):
        rank = matcher.deck_rank.get(deck_id, _NO_RULE)
        if rank < deck_rank_of_note.get(note_id, _NO_RULE):
            deck_rank_of_note[note_id] = rank

    additions: dict[str, list[NoteId]] = {key: [] for key in CATEGORY_KEYS}
    totals = dict.fromkeys(CATEGORY_KEYS, 0)
    notes = excluded = 0
    for note_id, notetype_id, tags in _db(col).all(f"select id, mid, tags from notes{note_filter}"):
        notes += 1
        tags_info = matcher.tags_info(tags)
        if tags_info.categories:
            for key in tags_info.categories:
                totals[key] += 1
            continue
        if tags_info.excluded:
            excluded += 1
            continue
        rank = min(
            tags_info.rank, matcher.notetype_rank.get(notetype_id, _NO_RULE), deck_rank_of_note.get(note_id, _NO_RULE)
        )
        if rank != _NO_RULE:
            key = settings.rules[rank].category
            additions[key].append(NoteId(note_id))
            totals[key] += 1
    return TaggingPlan(
        additions={key: ids for key, ids in additions.items() if ids}, totals=totals, notes=notes, excluded=excluded
    )


def apply_plan(col: Collection, plan: TaggingPlan, undo_label: str = TAG_NOW_UNDO) -> OpChanges:
    """Add the planned tags as one undo step named `undo_label`; an empty plan writes nothing and adds no undo step."""
    if plan.is_empty():
        return OpChanges()

    def write() -> None:
        for key, note_ids in plan.additions.items():
            col.tags.bulk_add(note_ids, category_tag(key))

    return one_undo_step(col, undo_label, write)[1]


def tag_collection(col: Collection, settings: Settings, report: Callable[[str], None] | None = None) -> TaggingResult:
    """The "Tag now" action: apply the rules to the whole collection as one undo step.

    `report` hears what is happening, in words for a progress window.
    """
    if report:
        report("Reading notes, decks and tags...")
    plan = plan_tagging(col, settings)
    if report and not plan.is_empty():
        report(f"Tagging {plan.added:,} notes...")
    return TaggingResult(plan, apply_plan(col, plan))


def tag_added_notes(col: Collection, settings: Settings, note_ids: Sequence[NoteId], add_step: int) -> TaggingResult:
    """Tag notes that were just added. If the add is still the last undo step (`add_step`), the tags join it, so one
    undo removes the note and its tag together; otherwise they become their own step."""
    plan = plan_tagging(col, settings, note_ids)
    if plan.is_empty():
        return TaggingResult(plan)
    if col.undo_status().last_step != add_step:
        return TaggingResult(plan, apply_plan(col, plan))
    for key, ids in plan.additions.items():
        col.tags.bulk_add(ids, category_tag(key))
    return TaggingResult(plan, col.merge_undo_entries(add_step))


def set_category(col: Collection, note_ids: Sequence[NoteId], category: str | None) -> OpChanges:
    """The browser's "Interview category" entries, as one undo step.

    A category key puts the notes in that category only: the bare tags of the other categories and the exclusion go,
    and their topic tags are parked (`interview::parked::<category>::<topic>`), not deleted; the category's own
    parked topic tags come back. `None` takes the notes out of every category (all topic tags parked) and marks them
    excluded, so rules leave them alone. "By rules" (`use_rules`) restores every parked topic.
    """
    if category is not None:
        get(category)  # a KeyError for an unknown key is a bug in the caller
    others = [key for key in CATEGORY_KEYS if key != category]

    def write() -> None:
        _park_topics(col, note_ids, others)
        bare = [*others, *([] if category is None else ["excluded"])]
        _remove_exact(col, note_ids, [f"{TAG_ROOT}{SEPARATOR}{name}" for name in bare])
        if category is not None:
            _unpark_topics(col, note_ids, [category])
        col.tags.bulk_add(note_ids, category_tag(category) if category else EXCLUDED_TAG)

    return one_undo_step(col, SET_CATEGORY_UNDO, write)[1]


def use_rules(col: Collection, note_ids: Sequence[NoteId], settings: Settings) -> TaggingResult:
    """The browser's "By rules" entry, as one undo step: forget the user's choice for these notes (the exclusion and
    the bare `interview::<category>` tags go, every parked topic tag comes back), then let the rules place the notes
    that are in no category."""

    def write() -> TaggingPlan:
        _remove_exact(col, note_ids, [EXCLUDED_TAG, *(category_tag(key) for key in CATEGORY_KEYS)])
        _unpark_topics(col, note_ids, CATEGORY_KEYS)
        plan = plan_tagging(col, settings, note_ids)
        for key, ids in plan.additions.items():
            col.tags.bulk_add(ids, category_tag(key))
        return plan

    plan, changes = one_undo_step(col, SET_CATEGORY_UNDO, write)
    return TaggingResult(plan, changes)


def _park_topics(col: Collection, note_ids: Sequence[NoteId], categories: Sequence[str]) -> None:
    """`interview::<category>::<topic>` -> `interview::parked::<category>::<topic>`, for these categories."""
    _move_prefix(col, note_ids, TAG_ROOT, PARKED_ROOT, categories)


def _unpark_topics(col: Collection, note_ids: Sequence[NoteId], categories: Sequence[str]) -> None:
    _move_prefix(col, note_ids, PARKED_ROOT, TAG_ROOT, categories)


def _move_prefix(col: Collection, note_ids: Sequence[NoteId], old: str, new: str, categories: Sequence[str]) -> None:
    """`<old>::<category>::...` -> `<new>::<category>::...` in the notes' tags, ignoring case."""
    keys = "|".join(map(re.escape, categories))
    search = f"^{re.escape(old + SEPARATOR)}({keys}){SEPARATOR}"
    col.tags.find_and_replace(note_ids, search, f"{new}{SEPARATOR}${{1}}{SEPARATOR}", regex=True, match_case=False)


def _remove_exact(col: Collection, note_ids: Sequence[NoteId], tags: Sequence[str]) -> None:
    """Remove exactly these tags, not the tags below them (`bulk_remove` would take those too)."""
    exact = "|".join(map(re.escape, tags))
    col.tags.find_and_replace(note_ids, f"^(?:{exact})$", "", regex=True, match_case=False)


def notes_by_category(col: Collection, note_ids: Iterable[NoteId] | None = None) -> dict[str, set[NoteId]]:
    """Which notes carry a tag under each category; what the readiness report and the tests look at."""
    note_filter = f" where id in {ids2str(note_ids)}" if note_ids is not None else ""
    result: dict[str, set[NoteId]] = {key: set() for key in CATEGORY_KEYS}
    for note_id, tags in _db(col).all(f"select id, tags from notes{note_filter}"):
        for tag in tags.split():
            key = category_of_tag(tag)
            if key is not None:
                result[key].add(NoteId(note_id))
    return result


def _db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


@dataclass(frozen=True)
class _TagsInfo:
    categories: frozenset[str]  # categories the note is already in
    excluded: bool
    rank: int  # the best tag rule that matches, or _NO_RULE


class _Matcher:
    """The rules resolved once per run against the collection's decks, note types and distinct tag strings."""

    def __init__(self, col: Collection, settings: Settings) -> None:
        self._tag_rules = settings.rules_of_kind("tag")
        self.deck_rank = self._ranks(((deck.id, deck.name) for deck in col.decks.all_names_and_ids()), settings, "deck")
        self.notetype_rank = self._ranks(
            ((notetype.id, notetype.name) for notetype in col.models.all_names_and_ids()), settings, "note_type"
        )
        # NOTE: notes repeat the same tag string a lot (a whole deck often shares one), so cache per string.
        self._tags_cache: dict[str, _TagsInfo] = {}
        self._tag_rank_cache: dict[str, int] = {}

    @staticmethod
    def _ranks(named_ids: Iterable[tuple[int, str]], settings: Settings, kind: str) -> dict[int, int]:
        rules = settings.rules_of_kind(kind)
        ranks: dict[int, int] = {}
        for object_id, name in named_ids:
            rank = next((rank for rank, rule in rules if rule.matches(name)), _NO_RULE)
            if rank != _NO_RULE:
                ranks[object_id] = rank
        return ranks

    def tags_info(self, tags: str) -> _TagsInfo:
        info = self._tags_cache.get(tags)
        if info is None:
            info = self._tags_cache[tags] = self._read_tags(tags)
        return info

    def _read_tags(self, tags: str) -> _TagsInfo:
        categories: set[str] = set()
        excluded = False
        rank = _NO_RULE
        for tag in tags.split():
            key = category_of_tag(tag)
            if key is not None:
                categories.add(key)
            elif tag.lower() == EXCLUDED_TAG:
                excluded = True
            elif self._tag_rules and not is_managed_tag(tag):  # NOTE: our own tags (parked, retired) place nothing
                rank = min(rank, self._tag_rank(tag))
        return _TagsInfo(frozenset(categories), excluded, rank)

    def _tag_rank(self, tag: str) -> int:
        rank = self._tag_rank_cache.get(tag)
        if rank is None:
            rank = next((rank for rank, rule in self._tag_rules if rule.matches(tag)), _NO_RULE)
            self._tag_rank_cache[tag] = rank
        return rank
