"""The add-on's Qt wiring: menu entries, hooks, the readiness dialog and strip.

Everything here is thin: the decisions live in `rules`, `tagging`, `readiness`, `trend` and `weakest`, which take a
`Collection` and never touch Qt, and the pages come from `readiness.render`, a pure function of the report.
Nothing runs at import time; `init()` only registers menu entries and hooks. Collection work always runs in a
background operation, and every operation, hook handler and menu entry goes through `background.Guard`, so a failure
or a late result never reaches the user as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any

from anki.collection import Collection, OpChanges
from anki.notes import Note, NoteId
from aqt import gui_hooks
from aqt.browser.browser import Browser
from aqt.deckbrowser import DeckBrowser, DeckBrowserContent
from aqt.main import AnkiQt
from aqt.qt import QAction, QDialog, QMenu, QVBoxLayout, qconnect
from aqt.utils import show_warning, tooltip
from aqt.webview import AnkiWebView

from . import deck_update, tagging, weakest
from .background import Guard
from .categories import CATEGORIES, CATEGORY_KEYS, get
from .config import LoadedConfig
from .estimates import EstimateCache
from .readiness import Report, compute_report, real_today, render
from .readiness_config import ALL_CATEGORIES, READINESS, ReadinessSettings, dump_dates, parse_dates
from .rules import ADDON_NAME, TAGGING, Settings
from .settings import load_settings
from .trend import Trend, compute_trend

MENU_TITLE = "Interview Readiness"
TAG_NOW_TITLE = "Tag cards by interview category"
DECK_UPDATE_TITLE = "Apply deck update"  # the undo step has the same name: deck_update.APPLY_UNDO
BROWSER_MENU_TITLE = "Interview category"
EXCLUDE_TITLE = "None (not interview material)"
BY_RULES_TITLE = "By rules (undo a manual choice)"
TOOLTIP_MS = 6000
PANEL_TITLE = "Readiness panel"
DATES_PROFILE_KEY = "mle_interview_readiness_dates"  # in the profile: {"*" or category: "YYYY-MM-DD"}


class InterviewReadiness:
    """The add-on inside Anki: owns its menu, its hooks and the checked config. State lives here, not on `mw`."""

    def __init__(self, mw: AnkiQt) -> None:
        self.mw = mw
        self.guard = Guard(mw, ADDON_NAME, _logger(mw))
        self.menu: QMenu | None = None  # Tools > Interview Readiness; the readiness panel adds its entry here
        self.tag_now_action: QAction | None = None
        self.deck_update_action: QAction | None = None
        self._config: LoadedConfig | None = None
        self._explained: set[str] = set()
        self.panel_action: QAction | None = None
        self.dialog: ReadinessDialog | None = None
        self.estimates = EstimateCache()  # SM-2 memory-state estimates, reused while a card is unchanged
        self._report: Report | None = None
        self._report_key: Hashable = None
        self._trend: Trend | None = None
        self._trend_key: Hashable = None
        self._waiting: list[Callable[[Report], None]] = []
        self._computing = False

    def register(self) -> None:
        menu = QMenu(MENU_TITLE, self.mw)
        self.mw.form.menuTools.addMenu(menu)
        self.tag_now_action = self.add_menu_entry(menu, TAG_NOW_TITLE, self.tag_now)
        self.panel_action = self.add_menu_entry(menu, PANEL_TITLE, self.open_panel)
        self.deck_update_action = self.add_menu_entry(menu, DECK_UPDATE_TITLE, self.apply_deck_update)
        self.menu = menu
        hook = self.guard.hook
        gui_hooks.profile_did_open.append(hook("Opening the profile", self._on_profile_did_open))
        gui_hooks.deck_browser_will_render_content.append(hook("The deck-browser strip", self._on_deck_browser))
        gui_hooks.operation_did_execute.append(hook("Refreshing the readiness panel", self._on_operation))
        gui_hooks.sync_did_finish.append(hook("Refreshing after a sync", self._on_sync))
        gui_hooks.profile_will_close.append(hook("Closing the profile", self._on_profile_will_close))
        gui_hooks.add_cards_did_add_note.append(hook("Tagging the new note", self._on_note_added))
        gui_hooks.browser_will_show_context_menu.append(hook("The Browser menu", self._on_browser_menu))
        self.mw.addonManager.setConfigUpdatedAction(__name__, hook("Reading the config", self._on_config_updated))

    def add_menu_entry(self, menu: QMenu, title: str, handler: Callable[[], None]) -> QAction:
        action = QAction(title, menu)
        guarded = self.guard.action(title, handler)
        qconnect(action.triggered, lambda _checked=False: guarded())
        menu.addAction(action)
        return action

    # Config

    @property
    def config(self) -> LoadedConfig:
        """Every setting, checked (`settings.py`); read when first needed after the profile opens."""
        if self._config is None:
            self._load_config(self._raw_config(), force_explain=False)
        assert self._config is not None
        return self._config

    @property
    def settings(self) -> Settings:
        return self.config.get(TAGGING)

    @property
    def readiness_settings(self) -> ReadinessSettings:
        return self.config.get(READINESS)

    def _raw_config(self) -> object:
        """The config as Anki merges it over `config.json`, or the saved value itself when it is not an object.

        NOTE: a hand-edited `meta.json` can hold a list or a text where the config object belongs. Anki's `getConfig`
        then merges it with `dict.update`, which raises (TypeError, ValueError) or, for a list of two-key objects,
        silently makes odd keys of them. So the saved value is checked first, and the message says what it is.
        """
        manager = self.mw.addonManager
        try:
            meta = manager.addonMeta(manager.addonFromModule(__name__))
        except Exception:  # NOTE: an unreadable meta.json: Anki itself explains it
            meta = {}
        saved = meta.get("config") if isinstance(meta, dict) else meta
        if saved is not None and not isinstance(saved, dict):
            return saved
        return manager.getConfig(__name__)

    def _load_config(self, raw: object, *, force_explain: bool) -> None:
        self._config = load_settings(raw)
        explanation = self._config.explanation(ADDON_NAME)
        # NOTE: once per distinct problem and session, unless the user has just saved the config and is looking.
        if explanation and (force_explain or explanation not in self._explained):
            self._explained.add(explanation)
            show_warning(explanation, parent=self.mw, title=ADDON_NAME)

    def _on_config_updated(self, raw: object) -> None:
        self._load_config(raw, force_explain=True)

    def _on_profile_did_open(self) -> None:
        self.guard.profile_opened()
        self._config = None
        self._report = self._trend = None
        self._waiting, self._computing = [], False
        self.estimates = EstimateCache()
        _ = self.settings  # read and check the config now, so a problem is explained before it matters

    # Tools > Interview Readiness > Tag cards by interview category

    def tag_now(self) -> None:
        settings = self.settings

        def op(col: Collection) -> tagging.TaggingResult:
            return tagging.tag_collection(col, settings, report=self._report_progress)

        self.guard.write(TAG_NOW_TITLE, op, self._on_tagged)

    def _report_progress(self, label: str) -> None:
        # NOTE: called on the background thread; Qt may only be touched on the main one. Long work stops here once
        # the profile is closing.
        self.guard.raise_if_closing()
        self.mw.taskman.run_on_main(lambda: self.mw.progress.update(label=label))

    def _on_tagged(self, result: tagging.TaggingResult) -> None:
        tooltip(result.summary().replace("\n", "<br>"), period=TOOLTIP_MS, parent=self.mw)

    # Tools > Interview Readiness > Apply deck update

    def apply_deck_update(self) -> None:
        """Move cards to their release's decks and retire dropped notes, as one undo step, in the background."""
        self.guard.write(DECK_UPDATE_TITLE, deck_update.update_decks, self._on_deck_update)

    def _on_deck_update(self, result: deck_update.DeckUpdateResult) -> None:
        tooltip(result.summary().replace("\n", "<br>"), period=TOOLTIP_MS, parent=self.mw)

    # New notes: tagged by the same rules as they are added

    def _on_note_added(self, note: Note) -> None:
        col = self.mw.col
        if col is None or not self.settings.tag_new_notes:
            return
        settings = self.settings
        note_ids = [note.id]
        add_step = col.undo_status().last_step

        def op(col: Collection) -> tagging.TaggingResult:
            return tagging.tag_added_notes(col, settings, note_ids, add_step)

        self.guard.write("Tagging the new note", op, automatic=True)

    # Browser: right-click > Interview category

    def _on_browser_menu(self, browser: Browser, menu: QMenu) -> None:
        submenu = menu.addMenu(BROWSER_MENU_TITLE)
        assert submenu is not None
        for category in CATEGORIES:
            self.add_menu_entry(submenu, category.title, self._setter(browser, category.key))
        submenu.addSeparator()
        self.add_menu_entry(submenu, EXCLUDE_TITLE, self._setter(browser, None))
        self.add_menu_entry(submenu, BY_RULES_TITLE, lambda: self._use_rules(browser))

    def _setter(self, browser: Browser, category: str | None) -> Callable[[], None]:
        def set_category() -> None:
            note_ids = browser.selected_notes()
            if not note_ids:
                return

            def op(col: Collection) -> OpChanges:
                return tagging.set_category(col, note_ids, category)

            label = get(category).title if category else "no category"
            done = f"{len(note_ids):,} notes set to {label}."
            self.guard.write(BROWSER_MENU_TITLE, op, lambda _: tooltip(done, parent=browser), parent=browser)

        return set_category

    def _use_rules(self, browser: Browser) -> None:
        note_ids: Sequence[NoteId] = browser.selected_notes()
        if not note_ids:
            return
        settings = self.settings

        def op(col: Collection) -> tagging.TaggingResult:
            return tagging.use_rules(col, note_ids, settings)

        def done(result: tagging.TaggingResult) -> None:
            tooltip(
                f"{len(note_ids):,} notes placed by the rules; {result.plan.added:,} got a category.", parent=browser
            )

        self.guard.write(BROWSER_MENU_TITLE, op, done, parent=browser)

    # Readiness: one cached report, keyed on the collection's modification time, the day, the dates and the settings

    def interview_dates(self) -> dict[str, date]:
        """Stored per profile (not in the collection): a personal plan, and changing it writes nothing to sync."""
        profile = self.mw.pm.profile if self.mw.pm else None
        return parse_dates(profile.get(DATES_PROFILE_KEY) if profile else None)

    def set_interview_date(self, key: str, value: date | None) -> None:
        if self.mw.pm is None or self.mw.pm.profile is None or (key != ALL_CATEGORIES and key not in CATEGORY_KEYS):
            return
        dates = self.interview_dates()
        if value is None:
            dates.pop(key, None)
        else:
            dates[key] = value
        self.mw.pm.profile[DATES_PROFILE_KEY] = dump_dates(dates)

    def _cache_key(self, col: Collection) -> Hashable:
        dates = tuple(sorted(self.interview_dates().items()))
        return (col.mod, real_today(col), dates, self.readiness_settings.new_card_lead_days)

    def cached_report(self) -> Report | None:
        col = self.mw.col
        if col is None or self._report is None or self._report_key != self._cache_key(col):
            return None
        return self._report

    def request_report(self, on_done: Callable[[Report], None], *, with_progress: bool) -> None:
        """Call `on_done` with a fresh report: at once from the cache, else after a background QueryOp."""
        col = self.mw.col
        if col is None or not self.guard.active:
            return
        cached = self.cached_report()
        if cached is not None:
            on_done(cached)
            return
        self._waiting.append(on_done)
        if self._computing:
            return
        key = self._cache_key(col)
        dates = self.interview_dates()
        lead_days = self.readiness_settings.new_card_lead_days
        estimates = self.estimates

        def op(col: Collection) -> Report:
            return compute_report(
                col,
                interview_date=dates or None,
                lead_days=lead_days,
                estimates=estimates,
                progress=self._report_progress if with_progress else None,
            )

        def done(report: Report) -> None:
            self._computing = False
            self._report, self._report_key = report, key
            waiting, self._waiting = self._waiting, []
            for callback in waiting:
                callback(report)

        def failed(_error: Exception) -> None:
            self._computing = False
            self._waiting = []

        progress = "Computing interview readiness..." if with_progress else None
        self._computing = self.guard.read(
            "The readiness report", op, done, progress=progress, on_failure=failed, automatic=not with_progress
        )
        if not self._computing:
            self._waiting = []

    def request_trend(self, report: Report, on_done: Callable[[Trend], None]) -> None:
        if self._trend is not None and self._trend_key == self._report_key:
            on_done(self._trend)
            return
        key = self._report_key

        def done(trend: Trend) -> None:
            self._trend, self._trend_key = trend, key
            on_done(trend)

        self.guard.read("The readiness trend", lambda col: compute_trend(col, report), done, automatic=True)

    def open_panel(self) -> None:
        if self.mw.col is None:
            return
        if self.dialog is None:
            self.dialog = ReadinessDialog(self)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.refresh()

    def study_weakest(self, category: str, parent: Any) -> None:
        report = self.cached_report()
        if report is None:
            self.request_report(lambda _report: self.study_weakest(category, parent), with_progress=True)
            return
        size = self.readiness_settings.weakest_deck_size

        def op(col: Collection) -> weakest.WeakestResult:
            return weakest.study_weakest(col, report, category, size)

        def done(result: weakest.WeakestResult) -> None:
            tooltip(f'"{result.deck_name}": {result.cards:,} cards to review.', period=TOOLTIP_MS, parent=parent)

        self.guard.write(f"Study weakest ({get(category).title})", op, done, parent=parent)

    def _on_deck_browser(self, deck_browser: DeckBrowser, content: DeckBrowserContent) -> None:
        if self.mw.col is None or not self.readiness_settings.deck_browser_strip:
            return
        report = self.cached_report()
        if report is not None:
            content.stats += render.render_strip(report)
            return

        def refresh(_report: Report) -> None:
            # NOTE: the guard drops a report that finishes after the profile closed
            if self.mw.state == "deckBrowser" and self.cached_report() is not None:
                self.mw.deckBrowser.refresh()

        self.request_report(refresh, with_progress=False)

    def _on_operation(self, changes: OpChanges, handler: object | None) -> None:
        if self.dialog is not None and self.dialog.isVisible() and (changes.card or changes.note_text or changes.tag):
            self.dialog.refresh()

    def _on_profile_will_close(self) -> None:
        self.guard.profile_closing()
        self._waiting, self._computing = [], False
        if self.dialog is not None:
            self.dialog.close()

    def _on_sync(self) -> None:
        self._report = None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()


class ReadinessDialog(QDialog):
    """Tools > Interview Readiness > Readiness panel: one web view, rendered from the cached report."""

    def __init__(self, addon: InterviewReadiness) -> None:
        super().__init__(addon.mw)
        self.addon = addon
        self.setWindowTitle(f"{ADDON_NAME}")
        self.web = AnkiWebView(self, title="interview readiness")
        self.web.set_bridge_command(addon.guard.hook("The readiness panel", self._on_bridge_command), self)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.web)
        self.setLayout(layout)
        self.resize(960, 820)
        self.report: Report | None = None
        self.trend: Trend | None = None
        self.web.stdHtml("<p>Computing interview readiness...</p>", context=self)

    def refresh(self) -> None:
        self.addon.request_report(self._show, with_progress=True)

    def _show(self, report: Report) -> None:
        self.report = report
        self._render()
        self.addon.request_trend(report, self._show_trend)

    def _show_trend(self, trend: Trend) -> None:
        if self.report is not None and trend.days and trend.days[-1] == self.report.today:
            self.trend = trend
            self._render()

    def _render(self) -> None:
        if self.report is None:
            return
        trend = self.trend
        html = render.render_panel(
            self.report,
            self.addon.interview_dates(),
            self.addon.readiness_settings.new_card_lead_days,
            trend.days if trend else (),
            trend.readiness if trend else None,
        )
        self.web.stdHtml(html, context=self)

    def _on_bridge_command(self, command: str) -> Any:
        if command.startswith(render.SET_DATE):
            key, _, value = command[len(render.SET_DATE) :].partition(":")
            try:
                when = date.fromisoformat(value) if value else None
            except ValueError:
                return None
            self.addon.set_interview_date(key, when)
            self.trend = None
            self.refresh()
        elif command.startswith(render.STUDY_WEAKEST):
            category = command[len(render.STUDY_WEAKEST) :]
            if category in CATEGORY_KEYS:
                self.addon.study_weakest(category, self)
        return None

    def closeEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
        self.web.cleanup()
        self.addon.dialog = None
        super().closeEvent(event)


def _logger(mw: AnkiQt) -> logging.Logger:
    """The add-on's own log (a file in Anki's logs folder since 23.10), where a bug's traceback goes."""
    get_logger = getattr(mw.addonManager, "get_logger", None)
    return get_logger(__name__) if get_logger else logging.getLogger(f"addon.{__name__.split('.', maxsplit=1)[0]}")


_running: list[InterviewReadiness] = []  # at most one: the add-on started by init()


def init() -> None:
    """Called once by the package inside Anki, when add-ons load (the main window exists, no profile yet)."""
    from aqt import mw

    if mw is None or _running:
        return
    _running.append(InterviewReadiness(mw))
    _running[0].register()


def addon() -> InterviewReadiness | None:
    """The running add-on, for the next screens (the readiness panel) and the desktop tests."""
    return _running[0] if _running else None
