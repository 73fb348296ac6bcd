"""Every write of the add-on is one undo step, or nothing: the one place that makes a run of Anki's operations one step.

Anki's undo works by steps: `add_custom_undo_entry(label)` opens one, each undoable operation after it adds its own,
and `merge_undo_entries` folds them into the first. Two things can go wrong, and both leave Edit > Undo offering a
step that does nothing, or half of one:

- a write that has nothing to do must not open a step at all (an empty step still shows as "Undo <label>"); the
  callers plan first and write only a plan that is not empty;
- a write that fails half-way must not leave the half it did. Every failure a user can cause (a deck name taken, a
  filtered deck in the way) is checked before writing. For anything else (a bug, a damaged collection),
  `one_undo_step` takes back what was written, by merging it and undoing it, and lets the error through.

NOTE: Anki has no way to drop a step. The step taken back that way is then offered as Redo, and redoing it would write
the half again; what Undo offers, and the collection, are as they were before. Imports `anki` only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from anki.collection import Collection, OpChanges

T = TypeVar("T")


def one_undo_step(col: Collection, label: str, write: Callable[[], T]) -> tuple[T, OpChanges]:
    """Run `write` (Anki's undoable operations, at least one of which changes something) as one undo step named
    `label`; its result and the step's changes. If it raises, what it wrote is taken back and the error propagates."""
    target = col.add_custom_undo_entry(label)
    try:
        result = write()
    except BaseException:
        _take_back(col, target, label)
        raise
    return result, col.merge_undo_entries(target)


def _take_back(col: Collection, target: int, label: str) -> None:
    """Fold whatever was written since `target` into it, then undo it, so the collection is as it was."""
    with contextlib.suppress(Exception):  # NOTE: a failed operation can leave nothing to merge ("target not found")
        col.merge_undo_entries(target)
    if col.undo_status().undo == label:  # NOTE: never undo a step that is not ours
        col.undo()
