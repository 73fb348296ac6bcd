"""FSRS memory states for cards that have none (collections on SM-2), estimated by Anki without writing to them.

Two ways, both Anki's own FSRS code and neither of them a write to the user's collection:
- a card at a time: `col.compute_memory_state(card_id)`, which does not save (about 0.13 ms a card);
- many cards at once: a private snapshot of the collection (SQLite's `VACUUM INTO`, a read of the collection), on
  which Anki's deck options turn FSRS on and compute every card's memory state in one pass, as they would for the
  user. The snapshot is read and deleted. It costs a copy of the file, so it pays only for thousands of cards, and
  it is taken only when the collection has nothing to undo (see `snapshot_memory_states`).

The snapshot's states are the ones Anki would store: rounded in `cards.data` (a few decimal places) exactly as an
FSRS collection's are. Imports `anki` only.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.cards import CardId
from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.decks import DeckId
from anki.utils import ids2str

DEFAULT_DECAY = 0.5  # FSRS-4.5/5 decay, for memory states written before FSRS-6 stored one
BULK_FROM = 4000  # stale estimates: at this many, one snapshot beats a call a card (copy ~0.4 s per 100k cards)
SPACE_MARGIN = 2  # free space wanted in the temporary folder, as a multiple of the collection's size
SNAPSHOT_PREFIX = "interview-readiness-"
STALE_SNAPSHOT_S = 86400
_SNAPSHOT_FILE = "snapshot.anki2"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class MemoryState:
    stability: float  # days
    decay: float


@dataclass(frozen=True)
class EstimatePlan:
    stale: Mapping[int, int]  # card id -> mod, for the studied cards with no estimate at that mod
    snapshot: str | None = None  # a private snapshot's folder, taken for them


class EstimateCache:
    """Estimated memory states, kept per card while the card's `mod` is unchanged.

    NOTE: estimating is the slow part on SM-2 collections, and a review changes only the cards it touches, so the
    add-on keeps one cache for the session and a report estimates only what changed: in bulk from `bulk_from` stale
    cards, else a card at a time.
    """

    def __init__(self, bulk_from: int = BULK_FROM) -> None:
        self._states: dict[int, tuple[int, MemoryState | None]] = {}
        self.bulk_from = bulk_from
        self.bulk_runs = 0  # snapshots taken, for tests and the benchmark

    def get(self, col: Collection, card_id: int, card_mod: int) -> MemoryState | None:
        cached = self._states.get(card_id)
        if cached is not None and cached[0] == card_mod:
            return cached[1]
        computed = col.compute_memory_state(CardId(card_id))
        state = None
        if computed.stability is not None and computed.stability > 0:
            decay = getattr(computed, "decay", None)  # NOTE: Anki 24.11 has no decay (FSRS-5: 0.5)
            state = MemoryState(float(computed.stability), float(decay) if decay else DEFAULT_DECAY)
        self._states[card_id] = (card_mod, state)
        return state

    def prefetch(self, col: Collection, mods: Mapping[int, int], progress: Progress | None = None) -> None:
        """Estimate every card of `mods` (card id -> `mod`) not cached at that `mod`, in one snapshot if there are
        `bulk_from` or more of them. If no snapshot is taken (something to undo, no space, a busy database), `get`
        estimates them a card at a time instead."""
        stale = [card_id for card_id, mod in mods.items() if self._states.get(card_id, (None,))[0] != mod]
        if not stale or len(stale) < self.bulk_from or not nothing_to_undo(col):
            return
        if progress:
            progress(f"Estimating {len(stale):,} memory states with Anki's FSRS on a private copy...")
        states = snapshot_memory_states(col)
        if states is None:
            return
        self.bulk_runs += 1
        for card_id in stale:
            self._states[card_id] = (mods[card_id], states.get(card_id))

    def plan(self, col: Collection) -> EstimatePlan:
        """What estimating the studied cards' stale states takes, decided where no other operation can interleave (in
        Anki's collection operations): the stale cards, and a snapshot when there are `bulk_from` of them and nothing
        to undo. `carry_out` then does the slow part anywhere; NOTE: split so that the seconds it takes on a large
        collection never hold Anki's collection operations (the user's answers) back."""
        mods = studied_mods(col)
        stale = {card_id: mod for card_id, mod in mods.items() if self._states.get(card_id, (None,))[0] != mod}
        snapshot = take_snapshot(col) if len(stale) >= self.bulk_from else None
        return EstimatePlan(stale, snapshot)

    def carry_out(self, col: Collection, plan: EstimatePlan, progress: Progress | None = None) -> None:
        """Estimate the plan's cards: from its snapshot (deleted after), else a card at a time through `col`, whose
        `compute_memory_state` only reads."""
        states = states_of_snapshot(plan.snapshot) if plan.snapshot is not None else None
        if states is not None:
            self.bulk_runs += 1
            for card_id, mod in plan.stale.items():
                self._states[card_id] = (mod, states.get(card_id))
            return
        for done, (card_id, mod) in enumerate(plan.stale.items(), start=1):
            self.get(col, card_id, mod)
            if progress and done % 1000 == 0:
                progress(f"Estimating memory states: {done:,} of {len(plan.stale):,} cards...")

    def forget(self, card_ids: Iterable[int]) -> None:
        """Drop these cards' estimates: they changed (NOTE: `mod` is in whole seconds, so a card answered twice in one
        second keeps its `mod`; a caller that knows a card changed says so)."""
        for card_id in card_ids:
            self._states.pop(card_id, None)

    def keep_only(self, card_ids: Iterable[int]) -> None:
        """Forget cards that are gone (deleted, suspended, untagged) so the cache cannot grow without bound."""
        if not self._states:
            return
        keep = set(card_ids)
        self._states = {card_id: value for card_id, value in self._states.items() if card_id in keep}

    def __len__(self) -> int:
        return len(self._states)


def studied_mods(col: Collection) -> dict[int, int]:
    """Every studied, non-suspended card's `mod`: the cards a report may need estimates for."""
    row = _db(col).first("select group_concat(id), group_concat(mod) from cards where type != 0 and queue != -1")
    if not row or not row[0]:
        return {}
    return dict(zip(map(int, row[0].split(",")), map(int, row[1].split(","))))  # noqa: B905 (3.9)


def card_mods(col: Collection, card_ids: Sequence[int]) -> dict[int, int]:
    """The cards' `mod`, the estimate cache's key."""
    if not card_ids:
        return {}
    rows = _db(col).all(f"select id, mod from cards where id in {ids2str(card_ids)}")
    return {int(card_id): int(mod) for card_id, mod in rows}


def snapshot_memory_states(col: Collection) -> dict[int, MemoryState] | None:
    """The memory state Anki computes for each studied card when FSRS is turned on, computed on a temporary snapshot
    of `col`; None if no snapshot was taken. `col` is only read. (`take_snapshot`, then `states_of_snapshot`.)"""
    folder = take_snapshot(col)
    return states_of_snapshot(folder) if folder is not None else None


def take_snapshot(col: Collection) -> str | None:
    """A private copy of `col` in a new temporary folder (its path), or None when none can be taken now.

    NOTE: Anki's DB proxy counts any statement that returns no rows, `VACUUM INTO` included, as a change: it drops
    the undo history and the study queues, and marks the collection for a new modification time at the next commit
    of legacy `col.db.transact` code. So the snapshot is taken only when there is nothing to undo or redo (after the
    profile opens, after a sync); otherwise the caller estimates a card at a time. It must run where no other
    operation on `col` can come in between the check and the copy: in Anki's collection operations.
    """
    if not nothing_to_undo(col):
        return None
    db = _db(col)
    size = int(db.scalar("pragma page_count") or 0) * int(db.scalar("pragma page_size") or 0)
    try:
        _remove_stale_snapshots()
        folder = tempfile.mkdtemp(prefix=SNAPSHOT_PREFIX)
    except OSError:
        return None
    try:
        if shutil.disk_usage(folder).free < SPACE_MARGIN * size:
            raise OSError("not enough free space for a snapshot")
        db.execute("vacuum into ?", str(Path(folder) / _SNAPSHOT_FILE))  # NOTE: a consistent copy, Anki's connection
    except Exception:  # NOTE: e.g. a transaction is open, or too little space: the caller goes a card at a time
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return folder


def states_of_snapshot(folder: str) -> dict[int, MemoryState] | None:
    """Every studied card's memory state in the snapshot at `folder`, computed there by Anki's FSRS; the folder is
    deleted. None if the copy cannot be read. It does not touch the user's collection, so it may run outside Anki's
    collection operations (on its own backend)."""
    try:
        rows = _states_of_copy(str(Path(folder) / _SNAPSHOT_FILE))
    except Exception:  # NOTE: an odd copy: the caller goes a card at a time
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    states = {}
    for card_id, stability, decay in rows:
        if isinstance(stability, (int, float)) and stability > 0:
            positive = isinstance(decay, (int, float)) and decay > 0
            states[int(card_id)] = MemoryState(float(stability), float(decay) if positive else DEFAULT_DECAY)
    return states


def nothing_to_undo(col: Collection) -> bool:
    status = col.undo_status()
    return not status.undo and not status.redo


def _remove_stale_snapshots() -> None:
    """Snapshots left behind by an Anki that was killed mid-estimate: ours, in the temporary folder, over a day old."""
    cutoff = time.time() - STALE_SNAPSHOT_S
    for folder in Path(tempfile.gettempdir()).glob(f"{SNAPSHOT_PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _states_of_copy(path: str) -> list[Sequence[Any]]:
    """(card id, s, decay) of every studied card of the collection at `path`, once Anki has turned FSRS on in it."""
    snapshot = Collection(path)
    try:
        turn_fsrs_on(snapshot)
        return _db(snapshot).all(
            "select id, data ->> '$.s', data ->> '$.decay' from cards where type != 0 and json_valid(data)"
        )
    finally:
        snapshot.close(downgrade=False)


def turn_fsrs_on(col: Collection) -> None:
    """What the deck options screen does when the user turns FSRS on and saves: every preset unchanged, FSRS on, no
    rescheduling. Anki then computes every card's memory state with its preset's parameters."""
    from anki import deck_config_pb2

    deck_id = DeckId(1)  # the Default deck: it always exists and is never filtered
    current = col._backend.get_deck_configs_for_update(deck_id)
    this_preset = current.current_deck.config_id
    # NOTE: the target deck takes the preset that comes last in the list, so its own preset goes last.
    configs = sorted((entry.config for entry in current.all_config), key=lambda config: config.id == this_preset)
    request = deck_config_pb2.UpdateDeckConfigsRequest(
        target_deck_id=deck_id,
        configs=configs,
        limits=current.current_deck.limits,
        card_state_customizer=current.card_state_customizer,
        new_cards_ignore_review_limit=current.new_cards_ignore_review_limit,
        apply_all_parent_limits=current.apply_all_parent_limits,
        fsrs=True,
    )
    col._backend.update_deck_configs_raw(request.SerializeToString())  # NOTE: raw: fields differ across Anki versions


def _db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db
