"""One guard for all of the add-on's background work and hook handlers, so no failure of ours reaches the user as a
traceback or one of Anki's error pop-ups.

Anki runs collection work on its background thread (`QueryOp` for reads, `CollectionOp` for undoable writes) and hands
the result back on the main thread later. By then the user may have switched profile or quit, and the collection the
work ran on is closed: a late result must then be dropped, and the error the work hit (`the collection is closed`,
`CollectionNotOpen`) means nothing to the user. So every operation and every hook handler of the add-on goes through
`Guard`, which:

- starts no work while no collection is open or the profile is closing;
- drops, quietly, a result or a failure that arrives after the profile closed or changed;
- reports a failure once: a `UserFacingError` as its message, anything else (a bug) as one line naming the add-on,
  with the traceback in the add-on's log. Work the user did not ask for (`automatic=True`: the deck-browser strip, a
  hook) reports each distinct failure once per profile session;
- before the profile closes, waits for the add-on's writes in flight, so a write is never cut in half.

This module and `gui.py` are the add-on's only Qt modules; it holds no add-on logic, so the next screens reuse it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from anki.collection import Collection
from aqt.main import AnkiQt
from aqt.operations import CollectionOp, QueryOp, ResultWithChanges
from aqt.qt import QEventLoop, QTimer, QWidget
from aqt.utils import tooltip

from .errors import UserFacingError

T = TypeVar("T")
TOOLTIP_MS = 8000
CLOSE_WAIT_S = 30.0  # the longest the profile's close waits for a write of ours to finish
_SUMMARY_CHARS = 200


class StaleWorkError(Exception):
    """The profile closed or changed under a running operation: its result would mean nothing now."""


class Guard:
    """Runs the add-on's background operations and hook handlers; see the module docstring for the rules."""

    def __init__(self, mw: AnkiQt, title: str, logger: logging.Logger | None = None) -> None:
        self.mw = mw
        self.title = title  # the add-on's name, in every message
        self.logger = logger or logging.getLogger(f"addon.{__name__.split('.', maxsplit=1)[0]}")
        # NOTE: with no handler anywhere, Python's last-resort handler would print to stderr, which Anki turns into
        # its error pop-up; a NullHandler keeps records on the normal path (Anki's add-on log file, stdout).
        self.logger.addHandler(logging.NullHandler())
        self._generation = 0  # bumped when a profile opens or closes: older work is stale
        self._closing = False
        self._writes_running = 0
        self._reported: set[str] = set()  # automatic failures already reported this session

    # The profile's life: gui.py calls these from Anki's hooks

    def profile_opened(self) -> None:
        self._generation += 1
        self._closing = False
        self._reported.clear()

    def profile_closing(self) -> None:
        """Nothing new starts, late results are dropped, and the writes in flight finish before the collection
        closes (Anki closes it right after this hook, on the main thread)."""
        self._generation += 1
        self._closing = True
        deadline = time.monotonic() + CLOSE_WAIT_S
        while self._writes_running > 0 and time.monotonic() < deadline:
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    @property
    def active(self) -> bool:
        """A collection is open and the profile is not closing: work may start."""
        return self.mw.col is not None and not self._closing

    def raise_if_closing(self) -> None:
        """For long work on the background thread (its progress callback): stop early once the profile closes."""
        if self._closing:
            raise StaleWorkError("the profile is closing")

    # Operations

    def read(
        self,
        what: str,
        op: Callable[[Collection], T],
        on_done: Callable[[T], object],
        *,
        parent: QWidget | None = None,
        progress: str | None = None,
        on_failure: Callable[[Exception], object] | None = None,
        automatic: bool = False,
        holds_collection: bool = True,
    ) -> bool:
        """Run `op` in a `QueryOp` (a progress window with `progress`); `on_done(result)` on the main thread.

        `what` names the work in a failure message ("Readiness report"). `on_failure(error)` runs after a failure
        was reported (to reset the caller's state), never for dropped stale work. False when nothing started.
        `holds_collection=False`: slow work that only reads through calls that do not need Anki's collection
        operations to wait for it (its own copy of the collection, read-only backend calls); it then runs beside them
        (`QueryOp.without_collection`), so the user's answers are not held back.
        """
        if not self.active:
            return False
        token = self._generation
        query = QueryOp(
            parent=self._parent(parent),
            op=self._guarded_op(token, op),
            success=lambda result: self._succeeded(token, what, on_done, result, parent, automatic),
        ).failure(lambda error: self._failed(token, what, error, on_failure, parent, automatic))
        if progress:
            query = query.with_progress(progress)
        if not holds_collection:
            query = query.without_collection()
        query.run_in_background()
        return True

    def write(
        self,
        what: str,
        op: Callable[[Collection], ResultWithChanges],
        on_done: Callable[[ResultWithChanges], object] | None = None,
        *,
        parent: QWidget | None = None,
        on_failure: Callable[[Exception], object] | None = None,
        automatic: bool = False,
    ) -> bool:
        """Run an undoable write in a `CollectionOp`; the same rules as `read`. The op itself must make one undo
        step or none (see `undo.py`)."""
        if not self.active:
            return False
        token = self._generation
        self._writes_running += 1

        def succeeded(result: ResultWithChanges) -> None:
            self._writes_running -= 1
            if on_done is not None:
                self._succeeded(token, what, on_done, result, parent, automatic)

        def failed(error: Exception) -> None:
            self._writes_running -= 1
            self._failed(token, what, error, on_failure, parent, automatic)

        CollectionOp(self._parent(parent), self._guarded_op(token, op)).success(succeeded).failure(
            failed
        ).run_in_background()
        return True

    # Hook handlers and menu entries

    def hook(self, what: str, handler: Callable[..., object]) -> Callable[..., None]:
        """`handler`, made safe to hand to Anki: an exception is reported (once a session), never raised into Anki."""

        def guarded(*args: Any, **kwargs: Any) -> None:
            try:
                handler(*args, **kwargs)
            except Exception as error:
                self.report(what, error, automatic=True)

        return guarded

    def action(self, what: str, handler: Callable[[], object]) -> Callable[[], None]:
        """A menu entry or button: the same as `hook`, but each failure is reported, as the user asked for it."""

        def guarded() -> None:
            try:
                handler()
            except Exception as error:
                self.report(what, error)

        return guarded

    def report(
        self, what: str, error: BaseException, *, parent: QWidget | None = None, automatic: bool = False
    ) -> None:
        """Tell the user, in one line naming the add-on; a bug's traceback goes to the add-on's log only."""
        if isinstance(error, UserFacingError):
            message = f"{self.title}: {error}"
        else:
            self.logger.error("%s failed", what, exc_info=error)
            summary = " ".join(f"{type(error).__name__}: {error}".split())
            if len(summary) > _SUMMARY_CHARS:
                summary = summary[: _SUMMARY_CHARS - 3] + "..."
            message = f"{self.title}: {what} failed ({summary}). The details are in the add-on's log."
        if automatic:
            if message in self._reported:
                return
            self._reported.add(message)
        tooltip(message, period=TOOLTIP_MS, parent=self._parent(parent))

    # Internals

    def _stale(self, token: int) -> bool:
        return token != self._generation or self.mw.col is None

    def _guarded_op(self, token: int, op: Callable[[Collection], T]) -> Callable[[Collection], T]:
        def guarded(col: Collection | None) -> T:
            # NOTE: runs on the background thread; aqt passes `mw.col` as it is when the op starts.
            if col is None or token != self._generation:
                raise StaleWorkError("the collection closed before the work started")
            return op(col)

        return guarded

    def _succeeded(
        self,
        token: int,
        what: str,
        on_done: Callable[[T], object],
        result: T,
        parent: QWidget | None,
        automatic: bool,
    ) -> None:
        if self._stale(token):
            self.logger.debug("%s: result dropped, the profile closed or changed", what)
            return
        try:
            on_done(result)
        except Exception as error:
            self.report(what, error, parent=parent, automatic=automatic)

    def _failed(
        self,
        token: int,
        what: str,
        error: Exception,
        on_failure: Callable[[Exception], object] | None,
        parent: QWidget | None,
        automatic: bool,
    ) -> None:
        if isinstance(error, StaleWorkError) or self._stale(token):
            self.logger.debug("%s: dropped after the profile closed or changed: %r", what, error)
            return
        self.report(what, error, parent=parent, automatic=automatic)
        if on_failure is not None:
            try:
                on_failure(error)
            except Exception as second:
                self.report(what, second, parent=parent, automatic=automatic)

    def _parent(self, parent: QWidget | None) -> QWidget:
        return parent if parent is not None and parent.isVisible() else self.mw
