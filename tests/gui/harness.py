"""The real Anki desktop, headless, for tests: build the release, start Anki in a subprocess, catch every error.

Two halves, one file, so the next screens' tests (the readiness panel, install from file) reuse all of it:

- pytest side, no Qt: `build_release` runs `build.py build`, `run_driver` runs a driver script in a fresh Python
  process (Qt can start only once per process) and reads back the JSON report it writes.
- driver side: `AnkiDesktop` starts real `aqt` offscreen on a fresh profile (shared/anki-notes.md §4), installs the
  add-on through Anki's own add-on manager, and records Anki's swallowed errors in the places it swallows them:
  `sys.excepthook`, the stderr `ErrorHandler`, failed add-on imports, `show_exception` (failed operations), JS console
  errors, and any message box that opens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PROFILE = "User 1"
DRIVER_TIMEOUT_S = 240


# pytest side ############################################################


@dataclass(frozen=True)
class Release:
    deck: Path  # our built .apkg
    addon: Path  # our built .ankiaddon
    package: str  # the add-on folder name, from manifest.json


def build_release(out_dir: Path) -> Release:
    """`python build.py build --out DIR`, exactly as a release is made, from a copy of the content tree.

    NOTE: a copy, so that the build's ledger update never touches the repository's committed ledger.
    """
    content = out_dir.parent / "content-copy"
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    result = subprocess.run(
        [sys.executable, "build.py", "build", "--content", str(content), "--out", str(out_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"build.py failed:\n{result.stdout}\n{result.stderr}"
    package = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))["package"]
    decks = sorted(out_dir.glob("*.apkg"))
    addon = out_dir / f"{package}.ankiaddon"
    assert decks, f"build.py wrote no .apkg into {out_dir}"
    assert addon.is_file(), f"build.py wrote no {addon.name} into {out_dir}"
    return Release(deck=decks[0], addon=addon, package=package)


def artifacts_dir() -> Path:
    """Where screenshots go: $MLE_ANKI_ARTIFACTS, else a folder in the system temp dir. Kept after the run."""
    folder = Path(os.environ.get("MLE_ANKI_ARTIFACTS") or Path(tempfile.gettempdir()) / "mle-anki-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class DriverRun:
    returncode: int
    output: str
    report: dict[str, Any]

    @property
    def problems(self) -> list[str]:
        return list(self.report.get("problems", ["the driver wrote no report"]))


def run_driver(script: Path, report: Path, *args: str, timeout_s: float = DRIVER_TIMEOUT_S) -> DriverRun:
    """Run `script` in its own Python process; it must write its JSON report to `report`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "PYTEST_"))}
    result = subprocess.run(
        [sys.executable, str(script), "--report", str(report), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    data = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    return DriverRun(result.returncode, f"{result.stdout}\n{result.stderr}", data)


# driver side: everything below runs inside the subprocess ##############################


def prepare_environment(base: Path) -> None:
    """Environment variables Anki and QtWebEngine need headless; must run before PyQt6 is imported."""
    runtime = base / "xdg-runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "QTWEBENGINE_DISABLE_SANDBOX": "1",  # as root, Chromium otherwise exits at once, silently
            "ANKI_SINGLE_INSTANCE_KEY": str(base.resolve()),
            "XDG_RUNTIME_DIR": str(runtime),
            "NO_PROXY": "127.0.0.1,localhost",
        }
    )


def create_profile(base: Path) -> None:
    """A fresh profile with the first-run dialogs already answered, through aqt's own ProfileManager."""
    import anki.lang

    anki.lang.set_lang("en_US")  # NOTE: aqt must not be imported before a language is set
    from aqt.profiles import ProfileManager

    if (base / "prefs21.db").exists():
        return
    manager = ProfileManager(ProfileManager.get_created_base_folder(str(base)))
    manager.setupMeta()
    manager.setLang("en_US")
    manager.meta["firstRun"] = False
    manager.meta["check_for_updates"] = False  # no network here: Anki's update checks would only report errors
    manager.meta["check_for_addon_updates"] = False
    manager.create(PROFILE)
    manager.load(PROFILE)
    assert manager.profile is not None
    manager.profile["autoSync"] = False
    manager.save()


@dataclass
class ErrorCatcher:
    """Collects what Anki would otherwise swallow or turn into a pop-up. Empty `problems` means a clean run."""

    problems: list[str] = field(default_factory=list)
    expected_dialogs: list[str] = field(default_factory=list)  # texts of message boxes a test asked for
    dialogs: list[str] = field(default_factory=list)
    toolbar_errors: list[str] = field(default_factory=list)  # Anki's own toolbar pages: recorded, not failures

    def install(self) -> None:
        import aqt.errors  # NOTE: replaces sys.excepthook on import; ours must wrap the replacement
        import aqt.operations
        from aqt.webview import AnkiWebPage
        from PyQt6.QtWebEngineCore import QWebEnginePage

        previous_hook = sys.excepthook

        def excepthook(kind: Any, value: Any, tb: Any) -> None:
            self.problems.append("uncaught exception:\n" + "".join(traceback.format_exception(kind, value, tb)))
            previous_hook(kind, value, tb)

        sys.excepthook = excepthook

        def on_error_output(handler: Any) -> None:
            # Anki's ErrorHandler turns stderr output into an error pop-up; record it instead.
            text, handler.pool = handler.pool, ""
            if text.strip() and "DeprecationWarning" not in text:
                self.problems.append(f"error output (would be an Anki error pop-up):\n{text}")

        setattr(aqt.errors.ErrorHandler, "onTimeout", on_error_output)  # noqa: B010

        original_show_exception = aqt.errors.show_exception

        def show_exception(*, parent: Any, exception: Exception) -> None:
            text = "".join(traceback.format_exception(type(exception), exception, exception.__traceback__))
            self.problems.append(f"exception shown to the user:\n{text}")
            original_show_exception(parent=parent, exception=exception)

        aqt.errors.show_exception = show_exception
        setattr(aqt.operations, "show_exception", show_exception)  # noqa: B010  (imported by name there)

        original_console = AnkiWebPage.javaScriptConsoleMessage
        error_level = QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel

        # NOTE: Anki's own toolbars re-render on every state change, and their legacy page script can hit a null
        # element when a re-render overtakes the previous one ("reading 'offsetHeight'"). The add-on draws nothing
        # there, so their errors are recorded but do not fail a test; every other page's errors do.
        toolbar_kinds = {"AnkiWebViewKind.TOP_TOOLBAR", "AnkiWebViewKind.BOTTOM_TOOLBAR"}

        def console(page: Any, level: Any, message: str | None, line: int, source: str | None) -> None:
            if level == error_level:
                view = getattr(page, "_parent", None) or page.parent()
                kind = str(getattr(view, "kind", ""))
                where = f"{type(view).__name__} {getattr(view, 'title', '')!r} {kind}"
                report = f"JS console error in {where}: {source}:{line}: {message}"
                (self.toolbar_errors if kind in toolbar_kinds else self.problems).append(report)
            original_console(page, level, message, line, source)

        setattr(AnkiWebPage, "javaScriptConsoleMessage", console)  # noqa: B010

    def sweep_dialogs(self) -> None:
        """Record and close any open message box or dialog; an unexpected one is a problem."""
        from aqt.qt import QApplication, QDialog, QMessageBox

        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox):
                text = widget.text()
            elif isinstance(widget, QDialog) and type(widget).__name__ in {"QDialog"}:
                text = widget.windowTitle()  # aqt's showText/showInfo variants
            else:
                continue
            self.dialogs.append(text)
            if not any(expected in text for expected in self.expected_dialogs):
                self.problems.append(f"unexpected dialog: {text}")
            widget.close()


class AnkiDesktop:
    """One real Anki desktop in this process: start, drive, screenshot, quit."""

    def __init__(self, base: Path, catcher: ErrorCatcher | None = None) -> None:
        self.base = base
        self.catcher = catcher or ErrorCatcher()
        self.app: Any = None
        self.mw: Any = None

    def start(self, install: Path | None = None) -> AnkiDesktop:
        """Start Anki on `base` with its one profile. With `install`, add that .ankiaddon first through Anki's own
        add-on manager (what "Install from file" runs), then load add-ons as at start-up."""
        prepare_environment(self.base)
        create_profile(self.base)
        import aqt
        from aqt.qt import QTimer

        self.catcher.install()
        self.app = aqt._run(["anki", "-b", str(self.base), "-p", PROFILE], exec=False)
        assert self.app is not None, "aqt._run returned None: another Anki holds ANKI_SINGLE_INSTANCE_KEY"
        self.mw = aqt.mw
        sweeper = QTimer(self.mw)
        sweeper.timeout.connect(self.catcher.sweep_dialogs)
        sweeper.start(100)
        if install is not None:
            from aqt.addons import InstallOk

            outcome = self.mw.addonManager.install(str(install))
            assert isinstance(outcome, InstallOk), f"Anki refused {install.name}: {outcome}"
            self.mw.addonManager.loadAddons()
        self.wait_until(lambda: self.mw.col is not None and self.mw.state == "deckBrowser", "the deck browser")
        return self

    def addon_module(self, package: str) -> Any:
        """The add-on's package as Anki imported it; a failed import is recorded, not raised."""
        module = sys.modules.get(package)
        if module is None:
            self.catcher.problems.append(f"add-on {package} was not imported (see the output above)")
        return module

    def spin(self, ms: int = 20) -> None:
        from aqt.qt import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(self, predicate: Callable[[], bool], what: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}")
            self.spin()

    def evaluate_js(self, web: Any, expression: str, what: str) -> Any:
        """The value of a JS expression in a web view, once the page answers."""
        results: list[Any] = []
        web.evalWithCallback(expression, results.append)
        self.wait_until(lambda: bool(results), what)
        return results[0]

    def wait_for_js(self, web: Any, condition: str, what: str, timeout_s: float = 60) -> None:
        """Until a JS condition holds in a web view (its scripts have loaded, say)."""
        deadline = time.monotonic() + timeout_s
        while self.evaluate_js(web, condition, what) is not True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}")
            self.spin(50)

    def click(self, web: Any, element: str, what: str, times: int = 1) -> None:
        """Click `element` (a JS expression) in a web view `times` times, once it exists and Anki's bridge is up.

        NOTE: the bridge (`pycmd`) comes with a script the page loads after its HTML; on a loaded machine a click
        before it ran raised "pycmd is not a function" in the page and did nothing."""
        self.wait_for_js(web, f"typeof pycmd === 'function' && !!({element})", f"{what}: the page and Anki's bridge")
        clicks = "".join("b.click();" for _ in range(times))
        self.evaluate_js(web, f"(function() {{ const b = {element}; {clicks} return true; }})()", what)

    def wait_for_operations(self) -> None:
        """Until every CollectionOp/QueryOp has finished and its success callback has run."""
        self.spin(50)
        self.wait_until(lambda: self.mw._background_op_count == 0, "background operations")
        self.spin(50)

    def find_action(self, menu: Any, *path: str) -> Any:
        """The QAction at `path` (menu titles, then the entry) below `menu`, by visible text without `&`."""
        current = menu
        for depth, title in enumerate(path):
            found = [action for action in current.actions() if action.text().replace("&", "") == title]
            assert found, f"no menu entry {' > '.join(path[: depth + 1])!r}"
            if depth == len(path) - 1:
                return found[0]
            current = found[0].menu()
            assert current is not None, f"{title!r} is not a submenu"
        raise AssertionError("empty menu path")

    def trigger(self, menu: Any, *path: str) -> None:
        self.find_action(menu, *path).trigger()
        self.wait_for_operations()

    def tooltip_label(self) -> Any:
        """The tooltip Anki shows now (aqt.utils.tooltip), or None."""
        import aqt.utils

        label = aqt.utils._tooltipLabel
        return label if label is not None and label.isVisible() else None

    def tooltip_text(self) -> str:
        label = self.tooltip_label()
        return label.text() if label is not None else ""

    def screenshot(self, widget: Any, name: str, facts: dict[str, Any] | None = None) -> Path:
        """Save `widget` as `name` in the artifacts folder. `facts`, read from the live screen when it was taken (the
        deck rows shown, the studied cards on the panel...), go beside it as `<name>.json`; scripts/screenshots.py
        records them for tests/docs/test_screenshots.py, which refuses an empty deck list or an unstudied panel."""
        self.spin(100)
        path = artifacts_dir() / name
        assert widget.grab().save(str(path)), f"could not save {path}"
        facts_path = path.with_name(path.name + ".json")
        if facts is not None:
            facts_path.write_text(json.dumps(facts, indent=2, sort_keys=True), encoding="utf-8")
        elif facts_path.exists():
            facts_path.unlink()
        print(f"screenshot: {path}")
        return path

    def quit(self) -> None:
        from aqt.qt import QTimer

        if self.mw is None:
            return
        # NOTE: let operations in flight finish first (a deck-browser refresh, say), as a user pausing before quitting
        # would. Anki closes the collection under a running operation otherwise, and shows its CollectionNotOpen.
        try:
            self.wait_for_operations()
        except TimeoutError as error:
            self.catcher.problems.append(f"operations still running at quit: {error}")
        self.catcher.sweep_dialogs()
        QTimer.singleShot(0, self.mw.unloadProfileAndExit)
        self.app.exec()


@contextmanager
def desktop_session(base: Path, data: dict[str, Any], install: Path | None = None) -> Iterator[AnkiDesktop]:
    """A started desktop for a driver phase; it quits whatever happens, and what it caught goes into `data`."""
    desktop = AnkiDesktop(base)
    try:
        desktop.start(install)
        yield desktop
    finally:
        desktop.quit()
        data["problems"] += desktop.catcher.problems


def install_and_drive(driver: Path, tmp_path: Path) -> tuple[Release, DriverRun, DriverRun]:
    """Build a release, install its add-on into a fresh profile, then drive Anki with it: each in its own process.

    The driver script takes the phases `install --base --addon` and `drive --base --deck --package`
    (see `driver_main`). Either phase failing, or a blank screenshot, fails the calling test.
    """
    release = build_release(tmp_path / "dist")
    base = tmp_path / "anki-base"
    installed = run_driver(
        driver, tmp_path / "install.json", "install", "--base", str(base), "--addon", str(release.addon)
    )
    assert installed.returncode == 0 and not installed.problems, "\n\n".join([*installed.problems, installed.output])
    driven = run_driver(
        driver,
        tmp_path / "drive.json",
        "drive",
        "--base",
        str(base),
        "--deck",
        str(release.deck),
        "--package",
        release.package,
    )
    print("\n".join(f"screenshot: {path}" for path in driven.report.get("screenshots", [])))
    assert driven.returncode == 0 and not driven.problems, "\n\n".join([*driven.problems, driven.output])
    for path in driven.report["screenshots"]:
        assert Path(path).stat().st_size > 1_000, f"{path} looks blank"
    return release, installed, driven


def driver_main(
    doc: str | None,
    install: Callable[[Path, Path, dict[str, Any]], None],
    drive: Callable[[Path, Path, str, dict[str, Any]], None],
    argv: list[str] | None = None,
) -> None:
    """The command line of a driver with the two phases `install_and_drive` runs."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, required=True)
    phases = parser.add_subparsers(dest="phase", required=True)
    install_args = phases.add_parser("install")
    install_args.add_argument("--base", type=Path, required=True)
    install_args.add_argument("--addon", type=Path, required=True)
    drive_args = phases.add_parser("drive")
    drive_args.add_argument("--base", type=Path, required=True)
    drive_args.add_argument("--deck", type=Path, required=True)
    drive_args.add_argument("--package", required=True)
    args = parser.parse_args(argv)
    with driver_report(args.report) as data:
        if args.phase == "install":
            install(args.base, args.addon, data)
        else:
            drive(args.base, args.deck, args.package, data)


@contextmanager
def driver_report(report: Path) -> Iterator[dict[str, Any]]:
    """Collect a driver's findings into `report` as JSON, whatever happens; the exit code says pass or fail."""
    data: dict[str, Any] = {"problems": [], "screenshots": [], "checks": {}}
    try:
        yield data
    except BaseException as error:  # NOTE: the report must be written for any failure
        data["problems"].append(
            "driver failed:\n" + "".join(traceback.format_exception(type(error), error, error.__traceback__))
        )
    finally:
        report.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    sys.exit(1 if data["problems"] else 0)


def check(data: dict[str, Any], ok: bool, message: str) -> None:
    """Record a failed expectation without stopping the driver, so it still quits Anki cleanly."""
    if not ok:
        data["problems"].append(f"check failed: {message}")
