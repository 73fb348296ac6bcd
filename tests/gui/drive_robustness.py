"""Driver: the add-on under a broken config and a collection that closes under its work, in the real Anki desktop.

    python tests/gui/drive_robustness.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_robustness.py --report R.json drive --base DIR --deck D.apkg --package NAME

Run by test_robustness_desktop.py, which writes a hand-edited `meta.json` between the phases: its `config` is a list.
`drive` starts Anki on it and checks that the deck list renders, that one message explains the config, and that Tag
cards and the Readiness panel work on the defaults. It then saves a `config` that is a text and switches profile
(the profile-open hooks run again). Last, with the config fixed, it closes the collection while a readiness report is
still computing: once by Switch Profile, once by quitting. A report that outlives its collection must be dropped
quietly: no error pop-up, no traceback, no message. And it switches profile while a slow Tag cards write runs: the
close waits for it, so the write is done whole. Each phase exits 0 only with an empty list of problems.

To close the collection under a running report every time, not by chance, the driver holds the add-on's report
computation (its `compute_report`, as the add-on's module calls it) until Anki has closed the collection, then lets it
run on: it then hits the closed collection exactly as a slow report would.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import AnkiDesktop, check, driver_main

TAG_ENTRY = ("Interview Readiness", "Tag cards by interview category")
PANEL_ENTRY = ("Interview Readiness", "Readiness panel")
CONFIG_MESSAGE = "Readiness config has"


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    desktop = AnkiDesktop(base)
    desktop.catcher.expected_dialogs.append(CONFIG_MESSAGE)
    try:
        desktop.start()
        _drive(desktop, deck, package, data)
    except BaseException:
        desktop.quit()
        raise
    finally:
        data["problems"] += desktop.catcher.problems


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from aqt.operations import CollectionOp

    mw = desktop.mw
    module = desktop.addon_module(package)
    checks = data["checks"]

    # 1. Started on a meta.json whose "config" is a list.
    _deck_list_renders(desktop, "Default", data, "config is a list")
    messages = _config_messages(desktop)
    checks["list_messages"] = messages
    check(data, len(messages) == 1 and "not a list" in messages[0], f"one message explains the list: {messages}")

    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    desktop.trigger(mw.form.menuTools, *TAG_ENTRY)
    checks["tag_tooltip"] = desktop.tooltip_text()
    check(data, "Interview categories are up to date" in desktop.tooltip_text(), "Tag cards works on the defaults")
    _panel_renders(desktop, module, data, "config is a list")
    _deck_list_renders(desktop, "MLE Interview", data, "config is a list, after the import")

    # 2. A "config" that is a text, then Switch Profile: the profile-open hooks run again on it.
    _write_meta_config(mw, package, "rules")
    _switch_profile(desktop)
    _deck_list_renders(desktop, "MLE Interview", data, "config is a text")
    messages = _config_messages(desktop)
    checks["text_messages"] = messages
    check(data, len(messages) == 2 and "not the text" in messages[1], f"the text is explained too: {messages}")
    desktop.trigger(mw.form.menuTools, *TAG_ENTRY)
    check(data, "Interview categories are up to date" in desktop.tooltip_text(), "Tag cards works on a text config")
    _panel_renders(desktop, module, data, "config is a text")

    # 3. The config fixed; Switch Profile while the panel's report is computing. A new note makes the strip's
    # cached report stale, so the panel must compute.
    _write_meta_config(mw, package, None)
    _switch_profile(desktop)
    _add_a_note(mw)
    held = _hold_reports_until_the_collection_closes(module)
    desktop.find_action(mw.form.menuTools, *PANEL_ENTRY).trigger()  # NOTE: no waiting: the report is held
    desktop.wait_until(held.started.is_set, "the panel's report to start")
    _switch_profile(desktop)
    desktop.wait_until(held.finished.is_set, "the held report to run on the closed collection")
    desktop.wait_for_operations()
    checks["switch_outcome"] = held.outcome
    check(data, held.outcome.startswith("raised"), f"the report really hit the closed collection: {held.outcome}")
    check(data, "failed" not in desktop.tooltip_text(), f"no failure message: {desktop.tooltip_text()!r}")
    held.release()
    addon = module.gui.addon()
    check(data, addon.cached_report() is None or addon.cached_report() is not held.result, "no stale report kept")
    _deck_list_renders(desktop, "Known now", data, "the strip after the switch (a fresh report, no date set)")

    # 4. Switch Profile while a write of the add-on is running: the close waits for it, so it completes whole.
    note_id = _add_a_note(mw, tags=[], deck="LeetCode")
    real_tag_collection = module.gui.tagging.tag_collection
    writing = threading.Event()

    def slow_tag_collection(*args: Any, **kwargs: Any) -> Any:
        writing.set()
        time.sleep(1.5)  # NOTE: a long write, still running when the profile starts to close
        return real_tag_collection(*args, **kwargs)

    module.gui.tagging.tag_collection = slow_tag_collection
    desktop.find_action(mw.form.menuTools, *TAG_ENTRY).trigger()
    desktop.wait_until(writing.is_set, "the write to start")
    _switch_profile(desktop)
    module.gui.tagging.tag_collection = real_tag_collection
    tags = mw.col.get_note(note_id).tags
    checks["tags_after_switch"] = tags
    check(data, tags == ["interview::algorithms"], f"the write completed before the collection closed: {tags}")

    # 5. Quit while the panel's report is computing.
    _add_a_note(mw)
    held = _hold_reports_until_the_collection_closes(module)
    desktop.find_action(mw.form.menuTools, *PANEL_ENTRY).trigger()
    desktop.wait_until(held.started.is_set, "the panel's report to start (before quitting)")
    desktop.catcher.sweep_dialogs()
    from aqt.qt import QTimer

    QTimer.singleShot(0, mw.unloadProfileAndExit)
    desktop.app.exec()
    desktop.mw = None  # quit already
    checks["quit_outcome"] = held.outcome
    check(data, held.finished.wait(10), "the held report ran on after the quit")
    check(data, held.outcome.startswith("raised"), f"the report hit the closed collection on quit: {held.outcome}")


class _HeldReport:
    """The add-on's first report computation from now on, held on Anki's background thread until the collection closes
    under it."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.real = module.gui.compute_report
        self.started = threading.Event()
        self.finished = threading.Event()
        self.outcome = "not run"
        self.result: Any = None

    def __call__(self, col: Any, *args: Any, **kwargs: Any) -> Any:
        if self.started.is_set():  # only the first report is held; the next profile's reports run as usual
            return self.real(col, *args, **kwargs)
        self.started.set()
        deadline = time.monotonic() + 60
        while col.db is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            self.result = self.real(col, *args, **kwargs)
            self.outcome = "returned a report"
            return self.result
        except BaseException as error:
            self.outcome = f"raised {type(error).__name__}: {error}"
            raise
        finally:
            self.finished.set()

    def release(self) -> None:
        self.module.gui.compute_report = self.real


def _hold_reports_until_the_collection_closes(module: Any) -> _HeldReport:
    held = _HeldReport(module)
    module.gui.compute_report = held
    return held


def _switch_profile(desktop: AnkiDesktop) -> None:
    """File > Switch Profile, then open the same profile again from the profile manager."""
    mw = desktop.mw
    mw.unloadProfileAndShowProfileManager()
    desktop.wait_until(lambda: mw.state == "profileManager" and mw.col is None, "the profile manager")
    mw.onOpenProfile()
    desktop.wait_until(lambda: mw.col is not None and mw.state == "deckBrowser", "the profile to open again")
    desktop.wait_for_operations()


def _deck_list_renders(desktop: AnkiDesktop, expected: str, data: dict[str, Any], when: str) -> None:
    mw = desktop.mw
    mw.deckBrowser.refresh()
    desktop.wait_for_operations()
    desktop.spin(300)
    try:
        desktop.wait_for_js(mw.web, f"document.body.innerText.includes({json.dumps(expected)})", when, timeout_s=30)
    except TimeoutError:
        text = desktop.evaluate_js(mw.web, "document.body.innerText", "the deck list")
        check(data, False, f"the deck list shows {expected!r} ({when}): {text!r}")


def _panel_renders(desktop: AnkiDesktop, module: Any, data: dict[str, Any], when: str) -> None:
    desktop.trigger(desktop.mw.form.menuTools, *PANEL_ENTRY)
    dialog = module.gui.addon().dialog
    check(data, dialog is not None and dialog.isVisible(), f"the panel opened ({when})")
    if dialog is None:
        return
    desktop.wait_for_js(dialog.web, "document.body.innerText.includes('Algorithms')", f"the panel ({when})")
    desktop.wait_for_operations()
    dialog.close()
    desktop.spin(100)


def _config_messages(desktop: AnkiDesktop) -> list[str]:
    desktop.catcher.sweep_dialogs()
    return [text for text in desktop.catcher.dialogs if CONFIG_MESSAGE in text]


def _add_a_note(mw: Any, tags: list[str] | None = None, deck: str = "Default") -> int:
    note = mw.col.new_note(mw.col.models.by_name("Basic"))
    note["Front"] = f"a note at {time.time()}"
    note.tags = ["interview::algorithms"] if tags is None else tags
    mw.col.add_note(note, mw.col.decks.id(deck))
    return int(note.id)


def _write_meta_config(mw: Any, package: str, config: Any) -> None:
    """What a user's hand edit of meta.json does: `config` replaced (or removed with None)."""
    path = Path(mw.addonManager.addonsFolder(package)) / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    if config is None:
        meta.pop("config", None)
    else:
        meta["config"] = config
    path.write_text(json.dumps(meta), encoding="utf-8")


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
