"""The add-on's Qt wiring: menu entries, hooks, the readiness dialog and strip.

Everything here is thin: the decisions live in `rules`, `tagging`, `readiness`, `trend` and `weakest`, which take a
`Collection` and never touch Qt, and the pages come from `readiness.render`, a pure function of the report.
Nothing runs at import time; `init()` only registers menu entries and hooks. Collection work always runs in a
background operation, and every operation, hook handler and menu entry goes through `background.Guard`, so a failure
or a late result never reaches the user as a traceback.
"""

from __future__ import annotations

import logging
import random
import time
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
from aqt.qt import QAction, QDialog, QMenu, QTimer, QVBoxLayout, qconnect
from aqt.utils import show_warning, tooltip
from aqt.webview import AnkiWebView

from . import deck_update, tagging, weakest
from .background import Guard
from .card_meta import ROUND_KEYS
from .categories import CATEGORIES, CATEGORY_KEYS, category_of_tag, get
from .config import LoadedConfig
from .estimates import EstimateCache, EstimatePlan
from .practice import daily, items, log, pick, record, stats
from .practice import render as practice_render
from .practice.mock import CHOOSE, GRADED, REVEALED, RUNNING, MockState
from .practice.settings import PRACTICE, PracticeSettings
from .readiness import Report, compute_report, real_today, render, report_clock
from .readiness.cards import CardCache
from .readiness.model import Projection
from .readiness.project import projections
from .readiness_config import (
    ALL_CATEGORIES,
    READINESS,
    ReadinessSettings,
    check_interview_date,
    dump_dates,
    parse_dates,
)
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
PAUSE_MS = 5000  # while reviewing, the open panel refreshes after this long without an answer
MOCK_TITLE = "Mock interview"
DAILY_TITLE = "Today's practice"
TICK_MS = 500  # the mock window's timer refresh; the time itself comes from `InterviewReadiness.clock`
START_DEFAULT = 10  # new cards in a "Start" deck when neither the plan nor the deck asks for any
MATHJAX = ["js/mathjax.js", "js/vendor/mathjax/tex-chtml-full.js"]  # Anki's own, as its card previewer loads them


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
        self.card_cache = CardCache()  # the report's per-card results, reused while a card is unchanged
        # While the user reviews, the open panel waits for a pause (or for the user to leave the reviewer) instead of
        # computing again after every answer.
        self._pause = QTimer(mw)
        self._pause.setSingleShot(True)
        qconnect(self._pause.timeout, self.guard.hook("Refreshing the readiness panel", self._after_pause))
        self._changed_while_reviewing = False
        self._report: Report | None = None
        self._report_key: Hashable = None
        self._trend: Trend | None = None
        self._trend_key: Hashable = None
        self._waiting: list[Callable[[Report], None]] = []
        self._computing = False
        self._extras: Extras | None = None  # the projections and the pending deck update of `_report_key`
        self._extras_waiting: list[Callable[[Extras], None]] = []
        self._building: set[str] = set()  # filtered decks being made: a second click meanwhile does nothing
        # Practice: the mock interview's clock (seconds, monotonic; tests put their own here and advance it), the
        # random generator of "surprise me", and the practice figures cached like the report.
        self.clock: Callable[[], float] = time.monotonic
        self.rng = random.Random()
        self.mock_action: QAction | None = None
        self.daily_action: QAction | None = None
        self.mock_dialog: MockDialog | None = None
        self._practice: stats.PracticeSummary | None = None
        self._practice_key: Hashable = None
        self._practice_waiting: list[Callable[[stats.PracticeSummary], None]] = []

    def register(self) -> None:
        menu = QMenu(MENU_TITLE, self.mw)
        self.mw.form.menuTools.addMenu(menu)
        self.tag_now_action = self.add_menu_entry(menu, TAG_NOW_TITLE, self.tag_now)
        self.panel_action = self.add_menu_entry(menu, PANEL_TITLE, self.open_panel)
        self.deck_update_action = self.add_menu_entry(menu, DECK_UPDATE_TITLE, self.apply_deck_update)
        menu.addSeparator()
        self.mock_action = self.add_menu_entry(menu, MOCK_TITLE, self.open_mock)
        self.daily_action = self.add_menu_entry(menu, DAILY_TITLE, self.todays_practice)
        self.menu = menu
        hook = self.guard.hook
        gui_hooks.profile_did_open.append(hook("Opening the profile", self._on_profile_did_open))
        gui_hooks.deck_browser_will_render_content.append(hook("The deck-browser strip", self._on_deck_browser))
        gui_hooks.operation_did_execute.append(hook("Refreshing the readiness panel", self._on_operation))
        gui_hooks.sync_did_finish.append(hook("Refreshing after a sync", self._on_sync))
        gui_hooks.profile_will_close.append(hook("Closing the profile", self._on_profile_will_close))
        gui_hooks.state_did_change.append(hook("Refreshing the readiness panel", self._on_state_change))
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

    @property
    def practice_settings(self) -> PracticeSettings:
        return self.config.get(PRACTICE)

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
        self._report = self._trend = self._extras = None
        self._waiting, self._computing = [], False
        self._extras_waiting, self._building = [], set()
        self._practice, self._practice_waiting = None, []
        self.estimates = EstimateCache()
        self.card_cache = CardCache()
        self._pause.stop()
        self._changed_while_reviewing = False
        _ = self.settings  # read and check the config now, so a problem is explained before it matters

    # Tools > Interview Readiness > Tag cards by interview category

    def tag_now(self) -> None:
        settings = self.settings

        def op(col: Collection) -> tagging.TaggingResult:
            return tagging.tag_collection(col, settings, report=self._write_progress)

        self.guard.write(TAG_NOW_TITLE, op, self._on_tagged)

    def _report_progress(self, label: str) -> None:
        """Progress of a read. NOTE: called on the background thread; Qt may only be touched on the main one. A long
        read stops here once the profile is closing (its result would be dropped anyway)."""
        self.guard.raise_if_closing()
        self._write_progress(label)

    def _write_progress(self, label: str) -> None:
        """Progress of a write: it goes on to the end (the profile's close waits for it), so it is done whole."""
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
        self._redraw_strip()  # its redraw asks for the report of the new dates

    def _redraw_strip(self) -> None:
        """Redraw the deck list when it shows the strip, for figures Anki does not know changed: a date set in the
        panel (not a collection change), the projections once they arrive. NOTE: otherwise the deck list behind the
        panel keeps the old figures until something else redraws it, and contradicts the panel."""
        if self.mw.state == "deckBrowser" and self.readiness_settings.deck_browser_strip:
            self.mw.deckBrowser.refresh()

    def _cache_key(self, col: Collection) -> Hashable:
        dates = tuple(sorted(self.interview_dates().items()))
        settings = self.readiness_settings
        return (
            col.mod,
            real_today(col),
            report_clock(col),
            dates,
            settings.new_card_lead_days,
            settings.max_new_cards_per_day,
        )

    def cached_report(self) -> Report | None:
        col = self.mw.col
        if col is None or self._report is None or self._report_key != self._cache_key(col):
            return None
        return self._report

    def request_report(self, on_done: Callable[[Report], None], *, with_progress: bool) -> None:
        """Call `on_done` with a fresh report: at once from the cache, else after background operations.

        The report reuses the per-card results of the last one (`card_cache`), at the hour's clock (`report_clock`),
        so after a study session it reads and computes only what changed. On a collection without FSRS, estimating
        memory states comes first, in its own operation that does not hold Anki's collection operations back: the
        user's first answers after the profile opens are not kept waiting by the seconds it can take.
        """
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
        clock = report_clock(col)
        dates = self.interview_dates()
        lead_days = self.readiness_settings.new_card_lead_days
        new_budget = self.readiness_settings.max_new_cards_per_day
        estimates, cache = self.estimates, self.card_cache
        progress = self._report_progress if with_progress else None

        def op(col: Collection) -> Report:
            return compute_report(
                col,
                interview_date=dates or None,
                lead_days=lead_days,
                now=clock,
                new_budget=new_budget,
                estimates=estimates,
                cache=cache,
                progress=progress,
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

        label = "Computing interview readiness..." if with_progress else None

        def compute(_estimated: object = None) -> None:
            if not self.guard.read(
                "The readiness report", op, done, progress=label, on_failure=failed, automatic=not with_progress
            ):
                failed(RuntimeError("no collection"))

        self._computing = True
        if col.get_config("fsrs", False):
            compute()
            return

        def estimate(plan: EstimatePlan) -> None:
            if not plan.stale:
                compute()
            elif not self.guard.read(
                "Estimating memory states",
                lambda col: estimates.carry_out(col, plan, progress),
                compute,
                progress=label,
                on_failure=failed,
                automatic=not with_progress,
                holds_collection=False,
            ):
                failed(RuntimeError("no collection"))

        if not self.guard.read(
            "Estimating memory states", estimates.plan, estimate, on_failure=failed, automatic=not with_progress
        ):
            failed(RuntimeError("no collection"))

    def request_trend(self, report: Report, on_done: Callable[[Trend], None]) -> None:
        if self._trend is not None and self._trend_key == self._report_key:
            on_done(self._trend)
            return
        key = self._report_key

        def done(trend: Trend) -> None:
            self._trend, self._trend_key = trend, key
            on_done(trend)

        self.guard.read("The readiness trend", lambda col: compute_trend(col, report), done, automatic=True)

    def request_extras(self, report: Report, on_done: Callable[[Extras], None]) -> None:
        """The slower parts of the panel, after the report: each category's projection from Anki's simulator and
        whether a deck update is waiting. In the background; the cached report gains the projections."""
        key = self._report_key
        if self._extras is not None and self._extras.key == key:
            on_done(self._extras)
            return
        self._extras_waiting.append(on_done)
        if len(self._extras_waiting) > 1:
            return  # NOTE: already computing; the waiting callbacks run when it ends

        def op(col: Collection) -> Extras:
            problem = None
            projected: Mapping[str, Projection | None] = {}
            try:
                found = projections(col, report)
                projected, problem = found.by_category, found.deferred
            except Exception as error:  # NOTE: the simulator refusing odd settings must not take the panel down
                self.guard.logger.error("The projection failed", exc_info=error)
                problem = f"The projection is unavailable ({type(error).__name__}: {error})."
            plan = deck_update.plan_deck_update(col)
            pending = None
            if not plan.is_empty():
                pending = render.PendingUpdate(plan.releases, plan.moved, len(plan.retire), len(plan.restore))
            return Extras(key, report.with_projections(projected), pending, problem)

        def done(extras: Extras) -> None:
            waiting, self._extras_waiting = self._extras_waiting, []
            if extras.key == self._report_key:
                self._extras, self._report = extras, extras.report
                for callback in waiting:
                    callback(extras)
                self._redraw_strip()  # the strip shows the projections from now on
            elif self._report is not None:  # the collection changed meanwhile: again, for the report as it is now
                for callback in waiting:
                    self.request_extras(self._report, callback)

        def failed(_error: Exception) -> None:
            self._extras_waiting = []

        if not self.guard.read("The readiness projection", op, done, on_failure=failed, automatic=True):
            self._extras_waiting = []

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

        def make(col: Collection, report: Report) -> weakest.WeakestResult:
            return weakest.study_weakest(col, report, category, size)

        self._filtered_deck(weakest.deck_name(category), f"Study weakest ({get(category).title})", make, parent)

    def study_topic(self, tag: str, parent: Any) -> None:
        def make(col: Collection, report: Report) -> weakest.WeakestResult:
            return weakest.study_topic(col, report, tag)

        self._filtered_deck(weakest.topic_deck_name(weakest.STUDY, tag), "Study", make, parent)

    def start_topic(self, tag: str, parent: Any) -> None:
        def make(col: Collection, report: Report) -> weakest.WeakestResult:
            category = report.categories.get(category_of_tag(tag) or "")
            plan_count = category.plan.new_per_day if category else 0
            deck_count = category.deck.new_per_day if category and category.deck else 0
            return weakest.start_topic(col, report, tag, plan_count or deck_count or START_DEFAULT)

        self._filtered_deck(weakest.topic_deck_name(weakest.START, tag), "Start", make, parent)

    def _filtered_deck(
        self, name: str, what: str, make: Callable[[Collection, Report], weakest.WeakestResult], parent: Any
    ) -> None:
        """Make a filtered deck from the current report, in the background, as one undo step or none. A click while
        the same deck is being made does nothing (two clicks, one deck); a refusal is the guard's tooltip."""
        if name in self._building:
            return
        report = self.cached_report()
        if report is None:
            self.request_report(lambda _report: self._filtered_deck(name, what, make, parent), with_progress=True)
            return

        def done(result: weakest.WeakestResult) -> None:
            self._building.discard(name)
            state = "" if result.changed else " (it already held them)"
            tooltip(f'"{result.deck_name}": {result.cards:,} cards to study{state}.', period=TOOLTIP_MS, parent=parent)

        def failed(_error: Exception) -> None:
            self._building.discard(name)

        if self.guard.write(what, lambda col: make(col, report), done, parent=parent, on_failure=failed):
            self._building.add(name)

    def _on_deck_browser(self, deck_browser: DeckBrowser, content: DeckBrowserContent) -> None:
        if self.mw.col is None or not self.readiness_settings.deck_browser_strip:
            return
        report = self.cached_report()
        practice = self.cached_practice()
        if report is not None:
            content.stats += render.render_strip(report)
        if practice is not None:
            content.stats += practice_render.practice_strip(practice)
        if report is not None and practice is not None:
            return

        def refresh(_result: object) -> None:
            # NOTE: the guard drops a result that finishes after the profile closed
            if self.mw.state != "deckBrowser":
                return
            ready = self.cached_report() is not None and self.cached_practice() is not None
            if ready or (self.cached_report() is None and not self._computing):
                # NOTE: in the second case the collection changed while the report was computed (an answer, say):
                # the new render asks again, for the collection as it is now
                self.mw.deckBrowser.refresh()

        if report is None:
            self.request_report(refresh, with_progress=False)
        if practice is None:
            self.request_practice(refresh)

    @property
    def reviewing(self) -> bool:
        return self.mw.state == "review"

    def _on_operation(self, changes: OpChanges, handler: object | None) -> None:
        if self.dialog is not None and self.dialog.isVisible() and (changes.card or changes.note_text or changes.tag):
            if self.reviewing:
                # NOTE: not after every answer: after a pause, or when the user leaves the reviewer
                self._changed_while_reviewing = True
                self._pause.start(PAUSE_MS)
            else:
                self.dialog.refresh()
        if self.mock_dialog is not None and self.mock_dialog.isVisible() and changes.card:
            self.mock_dialog.check_recorded()

    def _on_profile_will_close(self) -> None:
        self.guard.profile_closing()
        self._waiting, self._computing = [], False
        self._practice_waiting = []
        if self.dialog is not None:
            self.dialog.close()
        if self.mock_dialog is not None:
            self.mock_dialog.close()

    # Practice: Tools > Interview Readiness > Mock interview, Today's practice; the practice figures

    def open_mock(self) -> None:
        if self.mw.col is None:
            return
        if self.mock_dialog is None:
            self.mock_dialog = MockDialog(self)
        self.mock_dialog.show()
        self.mock_dialog.raise_()
        self.mock_dialog.activateWindow()

    def todays_practice(self) -> None:
        """Make (or rebuild) the "Today's practice" filtered deck: the report's recall judges what is weak."""
        self.request_report(self._make_daily_deck, with_progress=True)

    def _make_daily_deck(self, report: Report) -> None:
        recall = recall_now(report)
        settings = self.practice_settings

        def op(col: Collection) -> daily.DailyResult:
            ranked = pick.rank(col, items.candidates(col, items.CODING), log.read_log(col), recall)
            chosen = daily.plan(ranked, settings.daily_size, settings.difficulty_mix, daily.own_deck_id(col))
            return daily.make_daily_deck(col, chosen)

        def done(result: daily.DailyResult) -> None:
            tooltip(result.summary(), period=TOOLTIP_MS, parent=self.mw)

        self.guard.write(DAILY_TITLE, op, done)

    def _practice_cache_key(self, col: Collection) -> Hashable:
        return (col.mod, real_today(col))

    def cached_practice(self) -> stats.PracticeSummary | None:
        col = self.mw.col
        if col is None or self._practice is None or self._practice_key != self._practice_cache_key(col):
            return None
        return self._practice

    def request_practice(self, on_done: Callable[[stats.PracticeSummary], None]) -> None:
        """Call `on_done` with fresh practice figures: at once from the cache, else after a background read."""
        col = self.mw.col
        if col is None or not self.guard.active:
            return
        cached = self.cached_practice()
        if cached is not None:
            on_done(cached)
            return
        self._practice_waiting.append(on_done)
        if len(self._practice_waiting) > 1:
            return  # NOTE: already computing; the waiting callbacks run when it ends
        key = self._practice_cache_key(col)

        def done(summary: stats.PracticeSummary) -> None:
            self._practice, self._practice_key = summary, key
            waiting, self._practice_waiting = self._practice_waiting, []
            for callback in waiting:
                callback(summary)

        def failed(_error: Exception) -> None:
            self._practice_waiting = []

        if not self.guard.read("The practice figures", stats.practice_summary, done, on_failure=failed, automatic=True):
            self._practice_waiting = []

    def _after_pause(self) -> None:
        """No answer for a while: the open panel shows the report again (the trend waits for the reviewer to close)."""
        if self.dialog is not None and self.dialog.isVisible() and self._changed_while_reviewing:
            self._changed_while_reviewing = False
            self.dialog.refresh()

    def _on_state_change(self, new_state: str, old_state: str) -> None:
        if old_state == "review" and new_state != "review":
            self._pause.stop()
            self._changed_while_reviewing = False
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.refresh()

    def _on_sync(self) -> None:
        self._report = self._extras = None
        self.card_cache = CardCache()  # NOTE: a sync can bring many rows back at once: the next report starts afresh
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()


@dataclass(frozen=True)
class Extras:
    """What the panel shows after the report: the report with its projections, and a waiting deck update."""

    key: Hashable  # the report's cache key
    report: Report
    pending_update: render.PendingUpdate | None
    problem: str | None = None  # why a projection is missing


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
        self.resize(1000, 860)
        self.report: Report | None = None
        self.trend: Trend | None = None
        self.extras: Extras | None = None
        self.practice: stats.PracticeSummary | None = None
        self.message: str | None = None  # shown at the top until the next input
        self.web.stdHtml("<p>Computing interview readiness...</p>", context=self)

    def refresh(self) -> None:
        """The report again, from the cache when nothing changed. While the user reviews: quietly (no progress
        window), and without the slower parts (the trend, the practice figures), which follow when the reviewer
        closes."""
        reviewing = self.addon.reviewing
        self.addon.request_report(self._show, with_progress=not reviewing)
        if not reviewing:
            self.addon.request_practice(self._show_practice)

    def _show_practice(self, practice: stats.PracticeSummary) -> None:
        self.practice = practice
        self._render()

    def _show(self, report: Report) -> None:
        self.report = report
        if self.extras is not None and self.extras.key != self.addon._report_key:
            self.extras = None
        self._render()
        if not self.addon.reviewing:  # NOTE: the slower parts wait for the reviewer to close
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
            practice=practice_render.practice_section(self.practice),
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


def recall_now(report: Report | None) -> dict[int, float] | None:
    """Per studied card, its predicted recall now: what "weak" is judged on."""
    if report is None:
        return None
    return {card.card_id: card.recall_now for card in report.card_recall if card.studied}


class MockDialog(QDialog):
    """Tools > Interview Readiness > Mock interview: one web view showing `practice.render.render_mock(state, now)`.

    The state (`practice.mock.MockState`) changes only through its pure transitions; this class runs the picks and
    the recording in background operations, reads the time from the add-on's clock, and refreshes the timer in place
    twice a second while an attempt runs.
    """

    def __init__(self, addon: InterviewReadiness) -> None:
        super().__init__(addon.mw)
        self.addon = addon
        self.setWindowTitle(f"{MOCK_TITLE} - {ADDON_NAME}")
        self.web = AnkiWebView(self, title="mock interview")
        self.web.set_bridge_command(addon.guard.hook("The mock interview", self._on_bridge_command), self)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.web)
        self.setLayout(layout)
        self.resize(1120, 780)
        self.state = MockState(session=pick.Session(mix=dict(addon.practice_settings.difficulty_mix)))
        self.attempt: log.Attempt | None = None  # the last one recorded
        self.busy = False  # a pick or a recording is running: ignore clicks meanwhile
        self.timer = QTimer(self)
        qconnect(self.timer.timeout, addon.guard.hook("The mock interview's timer", self.tick))
        self.timer.start(TICK_MS)
        self.show_state()
        self._count_cards()

    def now(self) -> float:
        return self.addon.clock()

    def show_state(self) -> None:
        self.web.stdHtml(practice_render.render_mock(self.state, self.now()), js=MATHJAX, context=self)

    def tick(self) -> None:
        if self.state.stage == RUNNING:
            self.web.eval(practice_render.update_script(self.state, self.now()))

    def _count_cards(self) -> None:
        def op(col: Collection) -> dict[str, int]:
            return {key: len(items.candidates(col, key)) for key in ROUND_KEYS}

        def done(counts: Mapping[str, int]) -> None:
            self.state = self.state.with_counts(counts)
            if self.state.stage == CHOOSE:
                self.show_state()

        self.addon.guard.read("Counting the cards of each round", op, done, parent=self)

    def _on_bridge_command(self, command: str) -> Any:
        if not command.startswith(practice_render.COMMAND_PREFIX) or self.busy:
            return None
        action = command[len(practice_render.COMMAND_PREFIX) :]
        if action.startswith(practice_render.START):
            round_key, _, mode = action[len(practice_render.START) :].partition(":")
            if round_key in ROUND_KEYS and mode in pick.MODES:
                self.state = self.state.choose(round_key, mode)
                self.ask_next()
        elif action == practice_render.NEXT_PHASE:
            self.state = self.state.next_phase(self.now())
            self.tick()
        elif action == practice_render.REVEAL and self.state.stage == RUNNING:
            self.state = self.state.reveal(self.now())
            self.show_state()
        elif action.startswith(practice_render.GRADE):
            self.grade(action[len(practice_render.GRADE) :])
        elif action == practice_render.NEXT and self.state.stage == GRADED:
            self.ask_next()
        elif action == practice_render.CHOOSE_AGAIN:
            self.state = self.state.choose(self.state.round, self.state.mode)
            self.show_state()
            self._count_cards()
        return None

    def ask_next(self) -> None:
        """Pick the round's next card by the chosen rule ("what I need most" needs the report's recall)."""
        if self.state.mode == pick.NEED_MOST:
            self.addon.request_report(self._pick, with_progress=True)
        else:
            self._pick(None)

    def _pick(self, report: Report | None) -> None:
        if self.busy:
            return
        recall = recall_now(report)
        session, round_key, mode, rng = self.state.session, self.state.round, self.state.mode, self.addon.rng

        def op(col: Collection) -> tuple[items.PracticeItem | None, int | None, int]:
            candidates = items.candidates(col, round_key)
            if mode == pick.SURPRISE:
                drawn = pick.pick_surprise(candidates, session, rng)
                return (items.load_item(col, drawn) if drawn else None), None, len(candidates)
            chosen = pick.pick_need_most(pick.rank(col, candidates, log.read_log(col), recall), session)
            item = items.load_item(col, chosen.candidate) if chosen else None
            return item, (chosen.tier if chosen else None), len(candidates)

        def done(result: tuple[items.PracticeItem | None, int | None, int]) -> None:
            self.busy = False
            item, tier, count = result
            if item is None:
                self.state = self.state.nothing_left(
                    f"This session has asked all {count:,} cards of the round. Close the window to start a new one."
                    if count
                    else "No card of this round in your collection yet (see the add-on's help on practising)."
                )
            else:
                self.state = self.state.start(item, tier, self.now())
            self.show_state()

        def failed(_error: Exception) -> None:
            self.busy = False

        self.busy = self.addon.guard.read("Picking a card", op, done, parent=self, on_failure=failed)

    def grade(self, grade: str) -> None:
        """Record the grade as a review of the card, with its log entry, as one undo step."""
        if self.state.stage != REVEALED or self.state.item is None or grade not in self.state.allowed_grades():
            return
        candidate = self.state.item.candidate
        result = self.state.timing(self.now())

        def op(col: Collection) -> record.RecordResult:
            return record.record_attempt(col, candidate.card_id, candidate.round, result, grade)

        def done(recorded: record.RecordResult) -> None:
            self.busy = False
            self.attempt = recorded.attempt
            self.state = self.state.graded(grade)
            self.show_state()

        def failed(_error: Exception) -> None:
            self.busy = False

        self.busy = self.addon.guard.write(record.undo_label(candidate.round), op, done, parent=self, on_failure=failed)

    def check_recorded(self) -> None:
        """After an undo (or redo), say whether the last grade's review is still in the collection."""
        attempt = self.attempt
        if self.state.stage != GRADED or attempt is None:
            return

        def op(col: Collection) -> bool:
            assert col.db is not None
            return bool(col.db.scalar("select 1 from revlog where id = ?", attempt.review_id))

        def done(present: bool) -> None:
            if self.state.stage == GRADED and self.attempt is attempt:
                message = None if present else "Undone: this review and its log entry were removed."
                if message != self.state.message:
                    self.state = self.state.with_message(message)
                    self.show_state()

        self.addon.guard.read("Checking the recorded review", op, done, parent=self, automatic=True)

    def closeEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
        self.timer.stop()
        self.web.cleanup()
        self.addon.mock_dialog = None
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
