"""Driver: reviewing with the readiness panel open, and the first answers after a profile opens, in the real desktop.

    python tests/gui/drive_reviewing.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_reviewing.py --report R.json drive --base DIR --deck D.apkg --package NAME

Run by test_reviewing_desktop.py. `drive` imports our deck, opens the Readiness panel, then studies through Anki's own
reviewer (show answer, Good) with the panel open:

- while the answers come, the panel computes nothing; after a pause without an answer it computes the report once,
  quietly; when the user leaves the reviewer, it shows the report and the trend again;
- the report after the session reads only the cards the session changed (the per-card cache);
- on a collection without FSRS, the memory-state estimates of the first report after the profile opens run beside
  Anki's collection operations: the driver holds the estimating step and answers a card meanwhile, which must go
  through at once. (Before, the estimates ran inside the report's operation, and the first answer waited seconds.)

The driver counts the add-on's reports by wrapping its `compute_report` (as the add-on's module calls it), and holds
the estimating step by wrapping the add-on's `EstimateCache.carry_out`: instrumentation of the add-on, not of Anki.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import AnkiDesktop, check, desktop_session, driver_main

PANEL_ENTRY = ("Interview Readiness", "Readiness panel")
ANSWERS = 8
# the add-on's pause, shortened for the test (NOTE: at 400 ms, one answer of eight took longer on a loaded machine)
PAUSE_MS = 2000


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


class _Counted:
    """The add-on's `compute_report`, counting its calls."""

    def __init__(self, module: Any) -> None:
        self.real = module.gui.compute_report
        self.calls = 0
        module.gui.compute_report = self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.real(*args, **kwargs)


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from aqt.operations import CollectionOp

    mw = desktop.mw
    module = desktop.addon_module(package)
    addon = module.gui.addon()
    checks = data["checks"]
    module.gui.PAUSE_MS = PAUSE_MS
    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()

    desktop.trigger(mw.form.menuTools, *PANEL_ENTRY)
    dialog = addon.dialog
    desktop.wait_for_js(dialog.web, "document.body.innerText.includes('Readiness over the last 90 days')", "the panel")
    desktop.wait_for_operations()
    cache = getattr(addon, "card_cache", None)
    fills = cache.fills if cache is not None else None
    reports = _Counted(module)

    _start_reviewing(desktop, "MLE Interview::Algorithms")
    delays = [_answer(desktop, data) for _ in range(ANSWERS)]
    checks["answer_delays_s"] = delays
    check(data, reports.calls == 0, f"no report while the answers come: {reports.calls}")
    desktop.wait_until(lambda: reports.calls == 1, "the report after a pause", timeout_s=30)
    desktop.wait_for_operations()
    changed = cache.last_changed if cache is not None else None
    checks["changed_after_session"] = changed
    check(data, cache is not None and cache.fills == fills, "the report after the session used the per-card cache")
    check(data, changed is not None and 0 < changed <= 3 * ANSWERS, f"it read again {changed} cards")
    trend_before = addon._trend_key
    mw.moveToState("overview")
    desktop.wait_for_operations()
    desktop.wait_until(lambda: addon._trend_key == addon._report_key != trend_before, "the trend after the reviewer")
    studied = addon.cached_report().categories["algorithms"]
    checks["algorithms_after_session"] = [studied.cards, studied.new]
    check(data, studied.cards - studied.new >= ANSWERS, f"the session's cards count as studied: {studied}")
    desktop.wait_for_js(
        dialog.web,
        "document.body.innerText.includes('Readiness over the last 90 days') && "
        "!document.body.innerText.includes('Computing the trend')",
        "the panel with the report and the trend again",
    )
    reports.calls = 0
    mw.moveToState("review")
    desktop.wait_until(lambda: mw.reviewer.state == "question", "the reviewer again")
    desktop.wait_for_js(mw.web, "typeof _showQuestion === 'function'", "the reviewer's page again")
    _answer(desktop, data)
    mw.moveToState("overview")  # leaving before the pause: the report comes once, now
    desktop.wait_for_operations()
    check(data, reports.calls == 1, f"one report on leaving the reviewer: {reports.calls}")
    dialog.close()
    desktop.spin(100)
    _sm2_estimates_do_not_hold_answers_back(desktop, module, data)


def _start_reviewing(desktop: AnkiDesktop, deck_name: str) -> None:
    mw = desktop.mw
    mw.col.decks.select(mw.col.decks.id(deck_name))
    mw.moveToState("overview")
    desktop.wait_for_js(mw.web, "document.body.innerText.includes('Study Now')", "the deck's overview")
    desktop.spin(300)
    mw.moveToState("review")
    desktop.wait_until(lambda: mw.state == "review" and mw.reviewer.state == "question", "the reviewer's question")
    desktop.wait_for_js(mw.web, "typeof _showQuestion === 'function'", "the reviewer's page")


def _answer(desktop: AnkiDesktop, data: dict[str, Any]) -> float:
    """Show the answer and press Good, as the user does; the time until the next question is shown."""
    mw = desktop.mw
    card_id = mw.reviewer.card.id
    mw.reviewer._showAnswer()
    desktop.wait_until(lambda: mw.reviewer.state == "answer", "the answer")
    started = time.perf_counter()
    mw.reviewer._answerCard(3)
    desktop.wait_until(
        lambda: mw.reviewer.state == "question" and mw.reviewer.card is not None, "the next question", timeout_s=60
    )
    delay = time.perf_counter() - started
    check(data, mw.col.db.scalar("select count() from revlog where cid = ?", card_id) >= 1, "the answer is recorded")
    _settle(desktop)
    return delay


def _settle(desktop: AnkiDesktop) -> None:
    """Until the reviewer's page has run the scripts Anki queued for it (the next question): leaving the reviewer
    before that makes Anki run them on the next screen's page, and log JS errors a user would not see."""
    desktop.wait_for_js(desktop.mw.web, "typeof _showQuestion === 'function'", "the reviewer's page")
    desktop.evaluate_js(desktop.mw.web, "true", "the reviewer's queued scripts")


def _sm2_estimates_do_not_hold_answers_back(desktop: AnkiDesktop, module: Any, data: dict[str, Any]) -> None:
    """Without FSRS, as after a profile opens (nothing to undo): the strip's first report estimates memory states on a
    private snapshot. The driver holds that step; meanwhile an answer in the reviewer must go through."""
    from aqt import gui_hooks

    mw = desktop.mw
    addon = module.gui.addon()
    mw.col.set_config("fsrs", False)
    mw.col.close(downgrade=False)
    mw.col.reopen()
    gui_hooks.sync_did_finish()
    addon.estimates = module.estimates.EstimateCache(bulk_from=1)  # the snapshot path, as on a large collection
    addon._report = None
    started, release = threading.Event(), threading.Event()
    real_carry_out, real_plan = addon.estimates.carry_out, addon.estimates.plan
    plans: list[Any] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(120)
        return real_carry_out(*args, **kwargs)

    def plan(col: Any) -> Any:
        plans.append(real_plan(col))
        return plans[-1]

    addon.estimates.carry_out, addon.estimates.plan = held, plan
    mw.moveToState("deckBrowser")  # the strip asks for its first report
    desktop.wait_until(started.is_set, "the estimating step")
    desktop.wait_for_js(mw.web, "document.body.innerText.includes('Studied')", "the deck list")
    desktop.spin(300)
    _start_reviewing(desktop, "MLE Interview::Algorithms")
    delay = _answer(desktop, data)
    data["checks"]["sm2_answer_while_estimating_s"] = delay
    data["checks"]["sm2_plan"] = [(len(found.stale), found.snapshot is not None) for found in plans]
    check(data, plans and plans[0].snapshot is not None, f"a snapshot for the estimates: {data['checks']['sm2_plan']}")
    check(data, not release.is_set() and started.is_set(), "the answer went through while the estimates ran")
    release.set()
    mw.moveToState("deckBrowser")
    desktop.wait_for_operations()
    desktop.wait_until(lambda: addon.cached_report() is not None, "the SM-2 report")
    report = addon.cached_report()
    check(data, report.memory_model == "sm2-estimate" and report.estimated_states > 0, f"estimates: {report}")
    check(data, addon.estimates.bulk_runs == 1, "on one private snapshot")


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
