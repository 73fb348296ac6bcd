"""The add-on's Qt wiring, and the only module that imports `aqt`: menu entries, hooks, the readiness dialog and strip.

Everything here is thin: the decisions live in `rules`, `tagging`, `readiness`, `trend` and `weakest`, which take a
`Collection` and never touch Qt, and the pages come from `readiness.render`, a pure function of the report.
Nothing runs at import time; `init()` only registers menu entries and hooks, and collection work always runs in a
background operation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from anki.collection import Collection, OpChanges
from anki.notes import Note, NoteId
from aqt import gui_hooks
from aqt.browser.browser import Browser
from aqt.deckbrowser import DeckBrowser, DeckBrowserContent
from aqt.main import AnkiQt
from aqt.operations import CollectionOp, QueryOp
from aqt.qt import QAction, QDialog, QMenu, QVBoxLayout, qconnect
from aqt.utils import show_warning, tooltip
from aqt.webview import AnkiWebView

from . import deck_update, tagging, weakest
from .categories import CATEGORIES, CATEGORY_KEYS, category_of_tag, get
from .estimates import EstimateCache
from .readiness import Report, compute_report, real_today, render
from .readiness.model import Projection
from .readiness.project import projections
from .readiness_config import (
    ALL_CATEGORIES,
    ReadinessSettings,
    check_interview_date,
    dump_dates,
    load_readiness_settings,
    parse_dates,
)
from .rules import ADDON_NAME, LoadedConfig, Settings, load_config
from .trend import Trend, compute_trend

MENU_TITLE = "Interview Readiness"
TAG_NOW_TITLE = "Tag cards by interview category"
DECK_UPDATE_TITLE = "Apply deck update"  # the undo step has the same name: deck_update.APPLY_UNDO
BROWSER_MENU_TITLE = "Interview category"
EXCLUDE_TITLE = "None (not interview material)"
BY_RULES_TITLE = "By rules (undo a manual choice)"
TOOLTIP_MS = 6000
START_DEFAULT = 10  # new cards in a "Start" deck when neither the plan nor the deck asks for any
PANEL_TITLE = "Readiness panel"
DATES_PROFILE_KEY = "mle_interview_readiness_dates"  # in the profile: {"*" or category: "YYYY-MM-DD"}


class InterviewReadiness:
    """The add-on inside Anki: owns its menu, its hooks and the checked config. State lives here, not on `mw`."""

    def __init__(self, mw: AnkiQt) -> None:
        self.mw = mw
        self.menu: QMenu | None = None  # Tools > Interview Readiness; the readiness panel adds its entry here
        self.tag_now_action: QAction | None = None
        self.deck_update_action: QAction | None = None
        self._config: LoadedConfig | None = None
        self._readiness: ReadinessSettings | None = None
        self._explained: set[str] = set()
        self.panel_action: QAction | None = None
        self.dialog: ReadinessDialog | None = None
        self.estimates = EstimateCache()  # SM-2 memory-state estimates, reused while a card is unchanged
        self._report: Report | None = None
        self._report_key: Hashable = None
        self._trend: Trend | None = None
        self._trend_key: Hashable = None
        self._extras: Extras | None = None  # the projections and the pending deck update of `_report_key`
        self._extras_waiting: list[Callable[[Extras], None]] = []
        self._extras_computing = False
        self._building: set[str] = set()  # filtered decks being made: a second click meanwhile does nothing
        self._waiting: list[Callable[[Report], None]] = []
        self._computing = False
        self._closing = False  # the profile is closing: start no more work on its collection

    def register(self) -> None:
        menu = QMenu(MENU_TITLE, self.mw)
        self.mw.form.menuTools.addMenu(menu)
        self.tag_now_action = self.add_menu_entry(menu, TAG_NOW_TITLE, self.tag_now)
        self.panel_action = self.add_menu_entry(menu, PANEL_TITLE, self.open_panel)
        self.deck_update_action = self.add_menu_entry(menu, DECK_UPDATE_TITLE, self.apply_deck_update)
        self.menu = menu
        gui_hooks.profile_did_open.append(self._on_profile_did_open)
        gui_hooks.deck_browser_will_render_content.append(self._on_deck_browser)
        gui_hooks.operation_did_execute.append(self._on_operation)
        gui_hooks.sync_did_finish.append(self._on_sync)
        gui_hooks.profile_will_close.append(self._on_profile_will_close)
        gui_hooks.add_cards_did_add_note.append(self._on_note_added)
        gui_hooks.browser_will_show_context_menu.append(self._on_browser_menu)
        self.mw.addonManager.setConfigUpdatedAction(__name__, self._on_config_updated)

    @staticmethod
    def add_menu_entry(menu: QMenu, title: str, handler: Callable[[], None]) -> QAction:
        action = QAction(title, menu)
        qconnect(action.triggered, lambda _checked=False: handler())
        menu.addAction(action)
        return action

    # Config

    @property
    def settings(self) -> Settings:
        if self._config is None:
            self._load_config(self.mw.addonManager.getConfig(__name__), force_explain=False)
        assert self._config is not None
        return self._config.settings

    @property
    def readiness_settings(self) -> ReadinessSettings:
        if self._readiness is None:
            _ = self.settings
        return self._readiness or ReadinessSettings()

    def _load_config(self, raw: object, *, force_explain: bool) -> None:
        self._config = load_config(raw)
        self._readiness, problems = load_readiness_settings(raw)
        explanation = self._config.explanation()
        if problems:
            lines = "\n".join(f"- {problem}" for problem in problems)
            explanation = (explanation + "\n\n" if explanation else "") + (
                f"The {ADDON_NAME} config has a problem in the readiness settings; these values use their defaults:"
                f"\n{lines}"
            )
        # NOTE: once per distinct problem and session, unless the user has just saved the config and is looking.
        if explanation and (force_explain or explanation not in self._explained):
            self._explained.add(explanation)
            show_warning(explanation, parent=self.mw, title=ADDON_NAME)

    def _on_config_updated(self, raw: object) -> None:
        self._load_config(raw, force_explain=True)

    def _on_profile_did_open(self) -> None:
        self._closing = False
        self._config = None
        self._report = self._trend = self._extras = None
        self.estimates = EstimateCache()
        _ = self.settings  # read and check the config now, so a problem is explained before it matters

    # Tools > Interview Readiness > Tag cards by interview category

    def tag_now(self) -> None:
        if self.mw.col is None:
            return
        settings = self.settings

        def op(col: Collection) -> tagging.TaggingResult:
            return tagging.tag_collection(col, settings, report=self._report_progress)

        CollectionOp(self.mw, op).success(self._on_tagged).run_in_background()

    def _report_progress(self, label: str) -> None:
        # NOTE: called on the background thread; Qt may only be touched on the main one.
        self.mw.taskman.run_on_main(lambda: self.mw.progress.update(label=label))

    def _on_tagged(self, result: tagging.TaggingResult) -> None:
        tooltip(result.summary().replace("\n", "<br>"), period=TOOLTIP_MS, parent=self.mw)

    # Tools > Interview Readiness > Apply deck update

    def apply_deck_update(self) -> None:
        """Move cards to their release's decks and retire dropped notes, as one undo step, in the background."""
        if self.mw.col is None:
            return
        CollectionOp(self.mw, deck_update.update_decks).success(self._on_deck_update).run_in_background()

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

        CollectionOp(self.mw, op).run_in_background()

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
            CollectionOp(browser, op).success(lambda _: tooltip(done, parent=browser)).run_in_background()

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

        CollectionOp(browser, op).success(done).run_in_background()

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
        if col is None:
            return
        cached = self.cached_report()
        if cached is not None:
            on_done(cached)
            return
        self._waiting.append(on_done)
        if self._computing:
            return
        self._computing = True
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

        def failed(error: Exception) -> None:
            self._computing = False
            self._waiting = []
            raise error

        query = QueryOp(parent=self.mw, op=op, success=done).failure(failed)
        if with_progress:
            query = query.with_progress("Computing interview readiness...")
        query.run_in_background()

    def request_trend(self, report: Report, on_done: Callable[[Trend], None]) -> None:
        if self._trend is not None and self._trend_key == self._report_key:
            on_done(self._trend)
            return
        key = self._report_key

        def done(trend: Trend) -> None:
            self._trend, self._trend_key = trend, key
            on_done(trend)

        QueryOp(parent=self.mw, op=lambda col: compute_trend(col, report), success=done).run_in_background()

    def request_extras(self, report: Report, on_done: Callable[[Extras], None]) -> None:
        """The slower parts of the panel, after the report: each category's projection from Anki's simulator and
        whether a deck update is waiting. In the background; the cached report gains the projections."""
        key = self._report_key
        if self._extras is not None and self._extras.key == key:
            on_done(self._extras)
            return
        self._extras_waiting.append(on_done)
        if self._extras_computing:
            return
        self._extras_computing = True

        def op(col: Collection) -> Extras:
            problem = None
            projected: Mapping[str, Projection | None] = {}
            try:
                found = projections(col, report)
                projected, problem = found.by_category, found.deferred
            except Exception as error:  # NOTE: the simulator refusing odd settings must not break the panel
                problem = f"The projection is unavailable: {error}"
            plan = deck_update.plan_deck_update(col)
            pending = None
            if not plan.is_empty():
                moves = plan.moved
                pending = render.PendingUpdate(plan.releases, moves, len(plan.retire), len(plan.restore))
            return Extras(key, report.with_projections(projected), pending, problem)

        def done(extras: Extras) -> None:
            self._extras_computing = False
            waiting, self._extras_waiting = self._extras_waiting, []
            if self._closing or self.mw.col is None:
                return  # NOTE: the profile is closing: nothing to show them in
            if extras.key == self._report_key:
                self._extras, self._report = extras, extras.report
                for callback in waiting:
                    callback(extras)
            elif self._report is not None:  # the collection changed meanwhile: again, for the report as it is now
                for callback in waiting:
                    self.request_extras(self._report, callback)

        def failed(error: Exception) -> None:
            self._extras_computing = False
            self._extras_waiting = []
            raise error

        QueryOp(parent=self.mw, op=op, success=done).failure(failed).run_in_background()

    def open_panel(self) -> None:
        if self.mw.col is None:
            return
        if self.dialog is None:
            self.dialog = ReadinessDialog(self)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.refresh()

    def study_weakest(self, category: str, parent: Any) -> None:
        size = self.readiness_settings.weakest_deck_size
        self._filtered_deck(
            weakest.deck_name(category), lambda col, report: weakest.study_weakest(col, report, category, size), parent
        )

    def study_topic(self, tag: str, parent: Any) -> None:
        self._filtered_deck(
            weakest.topic_deck_name(weakest.STUDY, tag),
            lambda col, report: weakest.study_topic(col, report, tag),
            parent,
        )

    def start_topic(self, tag: str, parent: Any) -> None:
        def op(col: Collection, report: Report) -> weakest.WeakestResult:
            category = report.categories.get(category_of_tag(tag) or "")
            plan_count = category.plan.new_per_day if category else 0
            deck_count = category.deck.new_per_day if category and category.deck else 0
            return weakest.start_topic(col, report, tag, plan_count or deck_count or START_DEFAULT)

        self._filtered_deck(weakest.topic_deck_name(weakest.START, tag), op, parent)

    def _filtered_deck(
        self, name: str, make: Callable[[Collection, Report], weakest.WeakestResult], parent: Any
    ) -> None:
        """Make a filtered deck from the current report, in the background, as one undo step. A click while the same
        deck is being made does nothing (12.7); a refused deck is a tooltip, and nothing is written."""
        if name in self._building:
            return
        report = self.cached_report()
        if report is None:
            self.request_report(lambda _report: self._filtered_deck(name, make, parent), with_progress=True)
            return
        self._building.add(name)

        def done(result: weakest.WeakestResult) -> None:
            self._building.discard(name)
            state = "" if result.changed else " (it already held them)"
            tooltip(f'"{result.deck_name}": {result.cards:,} cards to study{state}.', period=TOOLTIP_MS, parent=parent)

        def failed(error: Exception) -> None:
            self._building.discard(name)
            if isinstance(error, weakest.NothingToStudyError):
                tooltip(str(error), period=TOOLTIP_MS, parent=parent)
                return
            raise error

        op = CollectionOp(parent, lambda col: make(col, report))
        op.success(done).failure(failed).run_in_background()

    def _on_deck_browser(self, deck_browser: DeckBrowser, content: DeckBrowserContent) -> None:
        if self.mw.col is None or not self.readiness_settings.deck_browser_strip:
            return
        report = self.cached_report()
        if report is not None:
            content.stats += render.render_strip(report)
            return

        def refresh(_report: Report) -> None:
            # NOTE: a report can finish as the profile closes; a refresh then would query a closed collection.
            if self._closing or self.mw.col is None:
                return
            if self.mw.state == "deckBrowser" and self.cached_report() is not None:
                self.mw.deckBrowser.refresh()

        self.request_report(refresh, with_progress=False)

    def _on_operation(self, changes: OpChanges, handler: object | None) -> None:
        if self.dialog is not None and self.dialog.isVisible() and (changes.card or changes.note_text or changes.tag):
            self.dialog.refresh()

    def _on_profile_will_close(self) -> None:
        self._closing = True
        if self.dialog is not None:
            self.dialog.close()

    def _on_sync(self) -> None:
        self._report = self._extras = None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()


@dataclass(frozen=True)
class Extras:
    """What the panel shows after the report: the report with its projections, and a waiting deck update."""

    key: Hashable  # the report's cache key
    report: Report
    pending_update: render.PendingUpdate | None
    problem: str | None = None


class ReadinessDialog(QDialog):
    """Tools > Interview Readiness > Readiness panel: one web view, rendered from the cached report."""

    def __init__(self, addon: InterviewReadiness) -> None:
        super().__init__(addon.mw)
        self.addon = addon
        self.setWindowTitle(f"{ADDON_NAME}")
        self.web = AnkiWebView(self, title="interview readiness")
        self.web.set_bridge_command(self._on_bridge_command, self)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.web)
        self.setLayout(layout)
        self.resize(1000, 860)
        self.report: Report | None = None
        self.trend: Trend | None = None
        self.extras: Extras | None = None
        self.message: str | None = None  # shown at the top until the next input
        self.web.stdHtml("<p>Computing interview readiness...</p>", context=self)

    def refresh(self) -> None:
        self.addon.request_report(self._show, with_progress=True)

    def _show(self, report: Report) -> None:
        self.report = report
        if self.extras is not None and self.extras.key != self.addon._report_key:
            self.extras = None
        self._render()
        self.addon.request_trend(report, self._show_trend)
        self.addon.request_extras(report, self._show_extras)

    def _show_trend(self, trend: Trend) -> None:
        if self.report is not None and trend.days and trend.days[-1] == self.report.today:
            self.trend = trend
            self._render()

    def _show_extras(self, extras: Extras) -> None:
        if extras.key == self.addon._report_key:
            self.extras = extras
            self.report = extras.report
            self._render()

    def view(self) -> render.PanelView | None:
        """What the panel shows now; `render.render_panel` turns it into the page."""
        if self.report is None:
            return None
        trend, extras, settings = self.trend, self.extras, self.addon.readiness_settings
        return render.PanelView(
            report=self.report,
            dates=self.addon.interview_dates(),
            lead_days=settings.new_card_lead_days,
            weakest_deck_size=settings.weakest_deck_size,
            trend_days=trend.days if trend else (),
            trend=trend.readiness if trend else None,
            projected=extras is not None,
            pending_update=extras.pending_update if extras else None,
            message=self.message,
            notice=extras.problem if extras else None,
        )

    def _render(self) -> None:
        view = self.view()
        if view is not None:
            self.web.stdHtml(render.render_panel(view), context=self)

    def _on_bridge_command(self, command: str) -> Any:
        if command.startswith(render.SET_DATE):
            key, _, value = command[len(render.SET_DATE) :].partition(":")
            self._set_date(key, value)
        elif command.startswith(render.STUDY_WEAKEST):
            category = command[len(render.STUDY_WEAKEST) :]
            if category in CATEGORY_KEYS:
                self.addon.study_weakest(category, self)
        elif command.startswith(render.STUDY_TOPIC):
            self.addon.study_topic(command[len(render.STUDY_TOPIC) :], self)
        elif command.startswith(render.START_TOPIC):
            self.addon.start_topic(command[len(render.START_TOPIC) :], self)
        elif command == render.APPLY_UPDATE:
            self.addon.apply_deck_update()
        return None

    def _set_date(self, key: str, value: str) -> None:
        """A date from a picker: stored if valid, else refused with a message at the top of the panel."""
        col = self.addon.mw.col
        if col is None:
            return
        when, problem = check_interview_date(value, real_today(col))
        self.message = problem
        if problem is not None:
            self._render()  # NOTE: nothing changed but the message; the date picker shows the stored date again
            return
        self.addon.set_interview_date(key, when)
        self.trend = self.extras = None
        self.refresh()

    def closeEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
        self.web.cleanup()
        self.addon.dialog = None
        super().closeEvent(event)


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
