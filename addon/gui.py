"""The add-on's Qt wiring, and the only module that imports `aqt`: menu entries, hooks and config messages.

Everything here is thin: the decisions live in `rules` and `tagging`, which take a `Collection` and never touch Qt.
Nothing runs at import time; `init()` only registers menu entries and hooks, and collection work always runs in a
background operation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from anki.collection import Collection, OpChanges
from anki.notes import Note, NoteId
from aqt import gui_hooks
from aqt.browser.browser import Browser
from aqt.main import AnkiQt
from aqt.operations import CollectionOp
from aqt.qt import QAction, QMenu, qconnect
from aqt.utils import show_warning, tooltip

from . import tagging
from .categories import CATEGORIES, get
from .rules import ADDON_NAME, LoadedConfig, Settings, load_config

MENU_TITLE = "Interview Readiness"
TAG_NOW_TITLE = "Tag cards by interview category"
BROWSER_MENU_TITLE = "Interview category"
EXCLUDE_TITLE = "None (not interview material)"
BY_RULES_TITLE = "By rules (undo a manual choice)"
TOOLTIP_MS = 6000


class InterviewReadiness:
    """The add-on inside Anki: owns its menu, its hooks and the checked config. State lives here, not on `mw`."""

    def __init__(self, mw: AnkiQt) -> None:
        self.mw = mw
        self.menu: QMenu | None = None  # Tools > Interview Readiness; the readiness panel adds its entry here
        self.tag_now_action: QAction | None = None
        self._config: LoadedConfig | None = None
        self._explained: set[str] = set()

    def register(self) -> None:
        menu = QMenu(MENU_TITLE, self.mw)
        self.mw.form.menuTools.addMenu(menu)
        self.tag_now_action = self.add_menu_entry(menu, TAG_NOW_TITLE, self.tag_now)
        self.menu = menu
        gui_hooks.profile_did_open.append(self._on_profile_did_open)
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

    def _load_config(self, raw: object, *, force_explain: bool) -> None:
        self._config = load_config(raw)
        explanation = self._config.explanation()
        # NOTE: once per distinct problem and session, unless the user has just saved the config and is looking.
        if explanation and (force_explain or explanation not in self._explained):
            self._explained.add(explanation)
            show_warning(explanation, parent=self.mw, title=ADDON_NAME)

    def _on_config_updated(self, raw: object) -> None:
        self._load_config(raw, force_explain=True)

    def _on_profile_did_open(self) -> None:
        self._config = None
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
