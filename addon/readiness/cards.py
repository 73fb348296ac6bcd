"""Per-card results for the readiness report, kept across reports while the cards do not change.

The step between `read` and `model` (read -> cards -> model): a report after a study session should cost what the
session changed, not what the collection holds. `CardCache` keeps what the report needs of every card (its group, its
memory state, its last review, its due day) and, per group of cards, their recall at the report's clock. It is keyed
by each card's id and modification time, and its note's (the note holds the tags):

- the first report fills it from the grouped read (`read.card_groups`) and notes, in one scan per table, every row's
  id and modification time (`read.card_baseline`, `read.note_baseline`: kept as text, parsed only when a row
  changes);
- each later report checks each table (its row count, the sum of its `mod`, the rows modified since the last check),
  makes sure these rows explain the whole change, and reads only them again. Anything the newer rows do not explain
  (an undo or a sync brings a row back to an older state, a row was deleted) fills the cache again from scratch, as
  does a new day, a change of FSRS, interview dates or of the open collection;
- a group's figures are exact sums over its cards (`math.fsum`), so they do not depend on the order in which cards
  joined the group: a report from the cache equals a report from scratch.

It only reads, and imports `anki`, `read` and the add-on's Anki-free modules only.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from itertools import compress, islice
from typing import Any, cast

from anki.collection import Collection
from anki.dbproxy import DBProxy

from ..estimates import DEFAULT_DECAY, EstimateCache, card_mods
from .read import (
    DAY_S,
    ID_DIGITS,
    MATURE_IVL,
    MOD_DIGITS,
    RETENTION_DAYS,
    Baseline,
    CardGroup,
    CardRow,
    GroupSlice,
    TableCheck,
    card_baseline,
    card_groups,
    card_rows,
    categories_and_topics,
    db,
    group_reads,
    last_reviews,
    note_baseline,
    read_ahead,
    retention_counts_of,
    retention_window,
    table_check,
)

Progress = Callable[[str], None]
GroupKey = tuple[str, int, bool]  # the note's tags, the home deck, whether every card is new
_UNKNOWN = -1.0  # the last review of a card whose recall is unknown (counted 0)


class ReportGroup:
    """The cards of notes with the same tags, in the same home deck, all new or all studied, with their figures.

    Per card (aligned lists): FSRS's f/S, the last review (epoch s), the decay, and whether the memory state was
    estimated. The recall of every card at a clock and horizon is computed once and patched card by card.
    """

    def __init__(self, key: GroupKey, patchable: bool = True) -> None:
        self.key = key
        self.patchable = patchable  # False: filled once for one report, never patched (no card positions kept)
        self.tags, self.home_deck, self.unseen = key
        self.categories, self.topics = categories_and_topics(self.tags)
        self.ids: list[int] = []
        self.scales: list[float] = []
        self.reviewed: list[float] = []
        self.decays: list[float] = []
        self.estimated_flags: list[bool] = []
        self.young = 0
        self.mature = 0
        self.due_before: dict[int, int] = {}  # Anki day -> studied cards due before it
        self.reviews = 0  # true retention's counted reviews of these cards
        self.passed = 0
        self._position: dict[int, int] = {}
        self._estimated: int | None = None
        self._now: float | None = None
        self._values: dict[float, list[float]] = {}  # horizon -> recall of each card at `_now` + horizon days
        self._sums: dict[float, float] = {}
        self._confident: dict[tuple[float, float], int] = {}

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def estimated(self) -> int:
        if self._estimated is None:
            self._estimated = self.estimated_flags.count(True)
        return self._estimated

    def recall(self, now: float, horizon: float) -> list[float]:
        """Each card's recall `horizon` days after `now` (epoch s), if it is not reviewed again; 0 where unknown."""
        if now != self._now:
            self._now = now
            self._values.clear()
            self._sums.clear()
            self._confident.clear()
        values = self._values.get(horizon)
        if values is None:
            # NOTE: `_recall` inline (a call a card costs more than the arithmetic), in the same order, so that both
            # give the same floats
            values = self._values[horizon] = [
                0.0
                if at == _UNKNOWN
                else (1.0 + scale * ((now - at) / DAY_S + horizon if now > at else horizon)) ** -decay
                for scale, at, decay in zip(self.scales, self.reviewed, self.decays)  # noqa: B905 (3.9)
            ]
        return values

    def recall_sum(self, now: float, horizon: float) -> float:
        """The exact sum of `recall(now, horizon)`, whatever order the cards are in."""
        values = self.recall(now, horizon)
        total = self._sums.get(horizon)
        if total is None:
            total = self._sums[horizon] = math.fsum(values)
        return total

    def confident(self, now: float, horizon: float, desired: float) -> int:
        """How many cards have a recall of at least `desired` `horizon` days after `now`."""
        values = self.recall(now, horizon)
        count = self._confident.get((horizon, desired))
        if count is None:
            count = self._confident[(horizon, desired)] = sum(map(desired.__le__, values))  # value >= desired
        return count

    # Filling and patching

    def extend(
        self,
        ids: Sequence[int],
        scales: Sequence[float],
        reviewed: Sequence[float],
        decays: Sequence[float],
        estimated: bool = False,
    ) -> None:
        """Many cards at once, as the grouped read gives them (before any recall is computed)."""
        assert self._now is None, "extend only while filling"
        start = len(self.ids)
        self.ids += ids
        self.scales += scales
        self.reviewed += reviewed
        self.decays += decays
        self.estimated_flags += [estimated] * len(ids)
        self._estimated = None
        if self.patchable:
            self._position.update(zip(ids, range(start, start + len(ids))))  # noqa: B905 (3.9)

    def add(self, card_id: int, scale: float, reviewed: float, decay: float, estimated: bool) -> None:
        self._position[card_id] = len(self.ids)
        self.ids.append(card_id)
        self.scales.append(scale)
        self.reviewed.append(reviewed)
        self.decays.append(decay)
        self.estimated_flags.append(estimated)
        if self._now is not None:
            for horizon, values in self._values.items():
                value = _recall(scale, reviewed, decay, self._now, horizon)
                values.append(value)
                self._count_confident(horizon, value, 1)
        self._sums.clear()
        self._estimated = None

    def remove(self, card_id: int) -> None:
        """Take a card out; the last card takes its place (sums do not depend on the order)."""
        index = self._position.pop(card_id)
        last = len(self.ids) - 1
        for horizon, values in self._values.items():
            self._count_confident(horizon, values[index], -1)
        columns: list[list[int] | list[float] | list[bool]] = [
            self.ids,
            self.scales,
            self.reviewed,
            self.decays,
            self.estimated_flags,
            *self._values.values(),
        ]
        for column in columns:
            column[index] = column[last]  # type: ignore[call-overload]
            column.pop()
        if index != last:
            self._position[self.ids[index]] = index
        self._sums.clear()
        self._estimated = None

    def _count_confident(self, horizon: float, value: float, sign: int) -> None:
        """Keep the confident counts of a horizon up to date card by card (a count, so exact in any order)."""
        for (counted_horizon, desired), count in self._confident.items():
            if counted_horizon == horizon and value >= desired:
                self._confident[(counted_horizon, desired)] = count + sign


def _recall(scale: float, at: float, decay: float, now: float, horizon: float) -> float:
    """A card's recall `horizon` days after `now` (epoch s): FSRS's curve (1 + f/S * t) ^ -decay, t the days since its
    last review `at` (none if `at` is later), 0 where the recall is unknown."""
    if at == _UNKNOWN:
        return 0.0
    return float((1.0 + scale * ((now - at) / DAY_S + horizon if now > at else horizon)) ** -decay)


@dataclass(frozen=True)
class _Setting:
    """What the cached figures depend on besides the cards: a change of any of these fills the cache again."""

    db: DBProxy
    fsrs: bool
    today: int
    due_limits: tuple[int, ...]
    retention_end: int
    crt: int


class _Rows:
    """The id and modification time (and, for cards, class and due day) of every row of a table when the cache was
    filled, looked up in `Baseline`'s fixed-width records by binary search (nothing is parsed until a row changes);
    rows read since then override them."""

    def __init__(self, baseline: Baseline) -> None:
        self._records = baseline.records
        self._width = baseline.width
        self._count = len(baseline.records) // baseline.width if baseline.width else 0
        self.newer: dict[int, tuple[int, int, int] | None] = {}  # id -> (mod, class, due day), None: deleted

    def get(self, row_id: int) -> tuple[int, int, int] | None:
        if row_id in self.newer:
            return self.newer[row_id]
        key = f"{row_id:0{ID_DIGITS}d}"
        records, width, low, high = self._records, self._width, 0, self._count
        while low < high:  # NOTE: zero-padded ids in id order: text order is number order
            middle = (low + high) // 2
            if records[middle * width : middle * width + ID_DIGITS] < key:
                low = middle + 1
            else:
                high = middle
        start = low * width
        if low == self._count or records[start : start + ID_DIGITS] != key:
            return None
        record = records[start + ID_DIGITS : start + width]
        mod = int(record[:MOD_DIGITS])
        if width == ID_DIGITS + MOD_DIGITS:
            return mod, 0, 0
        return mod, int(record[MOD_DIGITS]), int(record[MOD_DIGITS + 1 :])


class _TableState:
    """A table's checksum when last checked, and its rows."""

    def __init__(self, check: TableCheck, rows: _Rows, checked_at: int) -> None:
        self.rows = rows
        self.check = check
        self.since = 0
        self.checked(check, checked_at)

    def checked(self, check: TableCheck, checked_at: int) -> None:
        """Take `check` as the table's state; `checked_at`: the second the check began. The next check reads the rows
        modified since that second, that second included (NOTE: `mod` is in whole seconds, so a row changed again
        in the second of a check keeps its `mod`; a row changed after the check began has a `mod` of that second or
        later; a clock set back is caught by the checksum)."""
        self.check = check
        self.since = checked_at

    def explains(self, newer: TableCheck) -> bool:
        """Whether the rows modified since the last check account for the whole change of the checksum: then no
        row was deleted or brought back to an older state, and exactly the `newer` rows need reading again."""
        count, mod_sum = self.check.rows, self.check.mod_sum
        for row_id, mod in newer.newer.items():
            old = self.rows.get(row_id)
            if old is None:
                count += 1
            else:
                mod_sum -= old[0]
            mod_sum += mod
        return (count, mod_sum) == (newer.rows, newer.mod_sum)


class CardCache:
    """The report's per-card results for one collection, reused while its cards and notes are unchanged.

    Not thread-safe: one report at a time uses it (the desktop computes one report at a time).
    """

    def __init__(self, *, keep: bool = True) -> None:
        self.keep = keep  # False: for one report only, so it skips what only a later report would use
        self._setting: _Setting | None = None
        self._groups: dict[GroupKey, ReportGroup] = {}
        self._group_of: dict[int, ReportGroup] = {}
        self._cards: _TableState | None = None
        self._notes: _TableState | None = None
        self._window_last = 0  # the newest review-log entry of the window counted so far (ms)
        self.fills = 0  # reports that filled the cache from scratch (for tests and the benchmark)
        self.last_changed = 0  # cards read again by the last report

    def groups(
        self,
        col: Collection,
        *,
        fsrs: bool,
        today: int,
        due_limits: Sequence[int],
        retention_end: int,
        estimates: EstimateCache,
        progress: Progress | None = None,
    ) -> list[ReportGroup]:
        """Every group of the report's cards, in a fixed order, up to date with the collection."""
        setting = _Setting(db(col), fsrs, today, tuple(sorted(set(due_limits))), retention_end, int(col.crt))
        if not self.keep or setting != self._setting or not self._update(col, setting, estimates):
            self._fill(col, setting, estimates, progress)
        return [self._groups[key] for key in sorted(self._groups)]

    # From scratch

    def _fill(self, col: Collection, setting: _Setting, estimates: EstimateCache, progress: Progress | None) -> None:
        if self._cards is not None:
            # NOTE: estimates are kept per card and `mod`, in whole seconds; a card changed in the second of the last
            # check may keep its `mod`, so its estimate is made again.
            estimates.forget(db(col).list("select id from cards where mod >= ?", self._cards.since))
        self._setting = None
        self._groups, self._group_of = {}, {}
        checked_at = int(time.time())
        if self.keep:
            card_check, card_base = card_baseline(col, setting.today)
            note_check, note_base = note_baseline(col)
        # NOTE: the review-log read after the card slices, in the same second thread, while the last slice is parsed
        reads = group_reads(col, setting.today, setting.due_limits)
        start = (setting.retention_end - RETENTION_DAYS * DAY_S) * 1000
        window = partial(retention_window, col, start, setting.retention_end * 1000)
        calls: list[Callable[[], Any]] = [*reads, window]
        with closing(read_ahead(calls)) as results:
            slices = cast("Iterator[GroupSlice]", islice(results, len(reads)))
            self._fill_groups(
                col,
                setting,
                estimates,
                progress,
                (row for part in slices for row in card_groups(col, setting.fsrs, setting.due_limits, part)),
            )
            self._window_last, cards, passed = cast("tuple[int, list[int], list[bool]]", next(results))
        estimates.keep_only(self._group_of)
        if self.keep:
            self._cards = _TableState(card_check, _Rows(card_base), checked_at)
            self._notes = _TableState(note_check, _Rows(note_base), checked_at)
        self._count_retention(cards, passed)
        self._setting = setting
        self.fills += 1
        self.last_changed = len(self._group_of)

    def _fill_groups(
        self,
        col: Collection,
        setting: _Setting,
        estimates: EstimateCache,
        progress: Progress | None,
        read: Iterable[CardGroup],
    ) -> None:
        """The groups of the grouped read, with their cards' curves."""
        mods: Mapping[int, int] | None = None
        if not setting.fsrs:
            read = list(read)
            if progress:
                progress("Estimating memory states (SM-2 collection)...")
            studied = [card_id for group in read if not group.unseen for card_id in group.ids]
            mods = card_mods(col, studied)
            estimates.prefetch(col, mods, progress)
        estimated = 0
        for row in read:
            key: GroupKey = (row.tags, row.home_deck, row.unseen)
            group = self._groups.get(key)
            if group is None:
                group = self._groups[key] = ReportGroup(key, patchable=self.keep)
            estimated += _fill_group(col, group, row, estimates, mods)
            if progress and estimated:
                progress(f"Estimating memory states: {estimated:,} cards...")
            self._group_of.update(dict.fromkeys(row.ids, group))

    def _count_retention(self, cards: Sequence[int], passed: Sequence[bool]) -> None:
        """Entries that count for true retention (their cards, and whether each passed), added to the cards' groups.

        NOTE: no count is kept per card: when a card moves to another group, its entries are counted again from the
        review log (`retention_counts_of`), for the few cards that changed. Each card's group is looked up once."""
        groups = list(map(self._group_of.get, cards))
        for group, count in Counter(groups).items():
            if group is not None:
                group.reviews += count
        for group, count in Counter(compress(groups, passed)).items():
            if group is not None:
                group.passed += count

    # From what changed

    def _update(self, col: Collection, setting: _Setting, estimates: EstimateCache) -> bool:
        """Bring the cache up to date from the rows modified since the last report; False when they do not explain
        the change (then the caller fills it again)."""
        cards, notes = self._cards, self._notes
        assert cards is not None and notes is not None
        checked_at = int(time.time())
        card_check = table_check(col, "cards", cards.since)
        note_check = table_check(col, "notes", notes.since)
        if not cards.explains(card_check) or not notes.explains(note_check):
            return False
        rows = card_rows(col, setting.fsrs, setting.today, card_check.newer, note_check.newer)
        mods = {row.id: row.mod for row in rows if row.stability is None}
        estimates.forget(mods)
        start_ms = (setting.retention_end - RETENTION_DAYS * DAY_S) * 1000
        counted = retention_counts_of(col, [row.id for row in rows], start_ms, self._window_last + 1)
        for row in rows:
            self._replace(col, row, setting, estimates, mods, counted.get(row.id, (0, 0)))
        for note_id, mod in note_check.newer.items():
            notes.rows.newer[note_id] = (mod, 0, 0)
        # NOTE: new review-log entries come with the answers, after the newest one counted. An entry removed (an
        # undone answer) takes its card back to an older state, which the cards' checksum has already caught.
        after = max(self._window_last + 1, start_ms)
        last, new_cards, new_passed = retention_window(col, after, setting.retention_end * 1000)
        if last:
            self._count_retention(new_cards, new_passed)
            self._window_last = last
        cards.checked(card_check, checked_at)
        notes.checked(note_check, checked_at)
        self.last_changed = len(rows)
        return True

    def _replace(
        self,
        col: Collection,
        row: CardRow,
        setting: _Setting,
        estimates: EstimateCache,
        mods: Mapping[int, int],
        counted: tuple[int, int],
    ) -> None:
        """One card read again: out of its old group, into its new one (if it still counts), with the entries true
        retention counted for it so far (`counted`: reviews, passed)."""
        cards = self._cards
        assert cards is not None
        old_group = self._group_of.pop(row.id, None)
        reviews, passed = counted
        if old_group is not None:
            old = cards.rows.get(row.id)
            _, old_class, old_due = old if old is not None else (0, 0, 0)
            old_group.remove(row.id)
            _count_card(old_group, old_class, old_due, -1)
            old_group.reviews -= reviews
            old_group.passed -= passed
            if not old_group.ids:
                del self._groups[old_group.key]
        card_class = (2 if row.ivl >= MATURE_IVL else 1) if row.type == 2 else 0
        cards.rows.newer[row.id] = (row.mod, card_class, row.due_day)
        if row.queue == -1 or not categories_and_topics(row.tags)[0]:
            return
        key = (row.tags, row.home, row.type == 0)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = ReportGroup(key)
            group.due_before = dict.fromkeys(setting.due_limits, 0)
        scale, reviewed, decay, estimated = _card_curve(col, row, estimates, mods)
        group.add(row.id, scale, reviewed, decay, estimated)
        _count_card(group, card_class, row.due_day, 1)
        group.reviews += reviews
        group.passed += passed
        self._group_of[row.id] = group


def _count_card(group: ReportGroup, card_class: int, due_day: int, sign: int) -> None:
    """A card's part in its group's counts: young or mature, and due before each limit if studied."""
    if card_class == 1:
        group.young += sign
    elif card_class == 2:
        group.mature += sign
    if not group.unseen:
        for limit in group.due_before:
            if due_day < limit:
                group.due_before[limit] += sign


def _fill_group(
    col: Collection, group: ReportGroup, row: CardGroup, estimates: EstimateCache, mods: Mapping[int, int] | None
) -> int:
    """A group of the grouped read into `group`; how many memory states were estimated."""
    ids = row.ids
    group.young += row.young
    group.mature += row.mature
    for limit, count in row.due_before.items():
        group.due_before[limit] = group.due_before.get(limit, 0) + (0 if row.unseen else count)
    if row.unseen:
        group.extend(ids, [0.0] * len(ids), [_UNKNOWN] * len(ids), [DEFAULT_DECAY] * len(ids))
        return 0
    stabilities = row.stabilities
    decays = [value or DEFAULT_DECAY for value in row.decays]
    reviewed = row.reviewed
    if None in reviewed:
        last = last_reviews(col, [card_id for card_id, at in zip(ids, reviewed) if at is None])  # noqa: B905 (3.9)
        reviewed = [at or last.get(card_id) for card_id, at in zip(ids, reviewed)]  # noqa: B905 (3.9)
    factors = {decay: 0.9 ** (-1.0 / decay) - 1.0 for decay in set(decays)}
    if None not in stabilities and None not in reviewed:  # NOTE: the common FSRS case, a list at a time
        if len(factors) == 1:  # NOTE: one decay for the group (one preset): the same quotients, without a lookup
            factor = next(iter(factors.values()))
            scales = [factor / stability for stability in stabilities]
        else:
            scales = [factors[decay] / stability for decay, stability in zip(decays, stabilities)]  # noqa: B905
        group.extend(ids, scales, reviewed, decays)  # type: ignore[arg-type]
        return 0
    if mods is None:
        mods = card_mods(col, [card_id for card_id, stored in zip(ids, stabilities) if stored is None])  # noqa: B905
    estimated = 0
    for card_id, stored, at, stored_decay in zip(ids, stabilities, reviewed, decays):  # noqa: B905 (3.9)
        stability, decay = stored, stored_decay
        if stability is None:
            state = estimates.get(col, card_id, mods.get(card_id, 0))
            estimated += 1
            if state is not None:
                stability, decay = state.stability, state.decay
        if stability is None or at is None:
            group.add(card_id, 0.0, _UNKNOWN, decay, stored is None)
            continue
        factor = factors.get(decay) or 0.9 ** (-1.0 / decay) - 1.0
        group.add(card_id, factor / stability, at, decay, stored is None)
    return estimated


def _card_curve(
    col: Collection, row: CardRow, estimates: EstimateCache, mods: Mapping[int, int]
) -> tuple[float, float, float, bool]:
    """One card's f/S, last review, decay and whether its state was estimated, as `_fill_group` gives them."""
    if row.type == 0:
        return 0.0, _UNKNOWN, DEFAULT_DECAY, False
    stability, decay, at = row.stability, row.decay or DEFAULT_DECAY, row.reviewed
    if at is None:
        at = last_reviews(col, [row.id]).get(row.id)
    estimated = stability is None
    if stability is None:
        state = estimates.get(col, row.id, mods.get(row.id, row.mod))
        if state is not None:
            stability, decay = state.stability, state.decay
    if stability is None or at is None:
        return 0.0, _UNKNOWN, decay, estimated
    return (0.9 ** (-1.0 / decay) - 1.0) / stability, at, decay, estimated
