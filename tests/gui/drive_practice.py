"""Driver: practising in the real Anki desktop; run by test_practice_desktop.py in a subprocess.

    python tests/gui/drive_practice.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_practice.py --report R.json drive --base DIR --deck D.apkg --package NAME

`drive` imports our deck, puts a clock of its own into the add-on (the test advances it; nothing sleeps), and through
Tools > Interview Readiness > Mock interview runs a coding mock (the approach found late, the code within its phase
but the whole over budget: Hard) and a system-design mock (every phase of the prompt's outline, within budget: Good).
For each it checks the phase and the overtime the window shows, the review in Anki's review log with the expected
rating, the practice-log entry, and that one Edit > Undo removes both (and Edit > Redo brings them back). Then more
mocks, Today's practice through its menu entry (and its undo), the readiness panel's practice section and the
deck-browser strip, with screenshots in light and night mode.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import AnkiDesktop, check, desktop_session, driver_main

MOCK_ENTRY = ("Interview Readiness", "Mock interview")
DAILY_ENTRY = ("Interview Readiness", "Today's practice")
PANEL_ENTRY = ("Interview Readiness", "Readiness panel")
HARD, GOOD = 2, 3


class TestClock:
    """The add-on's clock in this test: it moves only when the test advances it."""

    def __init__(self) -> None:
        self.seconds = 50_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, minutes: float) -> None:
        self.seconds += minutes * 60


@dataclass
class Run:
    desktop: AnkiDesktop
    addon: Any
    package: str
    clock: TestClock
    data: dict[str, Any]

    @property
    def mw(self) -> Any:
        return self.desktop.mw

    @property
    def dialog(self) -> Any:
        return self.addon.mock_dialog

    def module(self, name: str) -> Any:
        return sys.modules[f"{self.package}.{name}"]

    def log(self) -> list[Any]:
        return list(self.module("practice.log").read_log(self.mw.col))

    def check(self, ok: bool, message: str) -> None:
        check(self.data, ok, message)

    def screenshot(self, widget: Any, name: str, facts: dict[str, Any] | None = None) -> None:
        self.data["screenshots"].append(str(self.desktop.screenshot(widget, name, facts)))

    def mock_screenshot(self, name: str) -> None:
        """The mock window, with the stage it shows (tests/docs/test_screenshots.py checks the README's)."""
        stage = self.js("document.getElementById('mle-mock')?.dataset.stage || ''", "the stage shown")
        title = self.js("document.getElementById('mle-facts')?.dataset.title || ''", "the card shown")
        self.screenshot(self.dialog, name, {"kind": "mock", "stage": stage, "title": title})

    # The page

    def text(self, element: str = "document.body") -> str:
        return str(self.desktop.evaluate_js(self.dialog.web, f"{element}.innerText", "the page text"))

    def js(self, expression: str, what: str) -> Any:
        return self.desktop.evaluate_js(self.dialog.web, expression, what)

    def click(self, element_id: str) -> None:
        self.desktop.click(self.dialog.web, f"document.getElementById('{element_id}')", f"click #{element_id}")

    def wait_stage(self, stage: str) -> None:
        self.desktop.wait_for_operations()
        self.desktop.wait_until(lambda: self.dialog.state.stage == stage, f"the mock window's {stage} stage")
        element = "document.getElementById('mle-mock')"
        self.desktop.wait_for_js(
            self.dialog.web, f"!!{element} && {element}.dataset.stage === '{stage}'", f"the {stage} page"
        )

    def wait_text(self, element_id: str, text: str) -> str:
        """Until the element shows `text` (the window refreshes its timer by itself, twice a second)."""
        element = f"document.getElementById('{element_id}')"
        condition = f"!!{element} && {element}.innerText.includes({text!r})"
        self.desktop.wait_for_js(self.dialog.web, condition, f"{text!r} in #{element_id}")
        return self.text(element)

    def reviews(self, card_id: int) -> list[tuple[int, int]]:
        rows = self.mw.col.db.all("select id, ease from revlog where cid = ?", card_id)
        return [(int(review_id), int(ease)) for review_id, ease in rows]


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from aqt.operations import CollectionOp

    mw = desktop.mw
    module = desktop.addon_module(package)
    addon = module.gui.addon() if module is not None else None
    check(data, addon is not None, "the add-on started when Anki loaded it")
    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    run = Run(desktop, addon, package, TestClock(), data)
    addon.clock = run.clock

    # Tools > Interview Readiness > Mock interview
    desktop.trigger(mw.form.menuTools, *MOCK_ENTRY)
    run.check(run.dialog is not None and run.dialog.isVisible(), "the mock window opened")
    desktop.wait_until(lambda: run.dialog.state.counts.get("coding", 0) > 0, "the card counts")
    run.wait_text("mle-mock", "cards)")
    chooser = run.text()
    data["checks"]["counts"] = dict(run.dialog.state.counts)
    for title in ("Coding", "System design", "ML design", "ML breadth", "What I need most", "Surprise me"):
        run.check(title in chooser, f"the chooser offers {title!r}")

    _coding_mock(run)
    _design_mock(run)
    _more_attempts(run)
    _night_mode_mock(run)
    run.dialog.close()
    desktop.spin(200)
    _todays_practice(run)
    _panel_and_strip(run)


def _start(run: Run, round_key: str, mode: str) -> Any:
    if run.dialog.state.stage != "choose":
        run.click("mle-choose")
        run.wait_stage("choose")
    run.click(f"round-{round_key}")
    run.click(f"mode-{mode}")
    run.click("mle-start")
    run.wait_stage("running")
    return run.dialog.state.item


def _grade(run: Run, grade: str, rating: int, label: str) -> tuple[Any, int]:
    """Click the grade; the card's review log and the practice log each get the attempt. Returns (entry, review)."""
    candidate = run.dialog.state.item.candidate
    before = run.reviews(candidate.card_id)
    run.click(f"grade-{grade}")
    run.wait_stage("graded")
    reviews = run.reviews(candidate.card_id)
    new = [review for review in reviews if review not in before]
    run.check(len(new) == 1 and new[0][1] == rating, f"one new review rated {rating} in the review log: {reviews}")
    entry = run.log()[-1]
    run.check(
        (entry.card_id, entry.round, entry.grade, entry.rating) == (candidate.card_id, candidate.round, grade, rating),
        f"the practice log has the attempt: {entry}",
    )
    run.check(bool(new) and entry.review_id == new[0][0], "the log entry names its review")
    run.check(run.mw.col.undo_status().undo == label, f"one undo step named {label!r}")
    return entry, new[0][0] if new else 0


def _undo_and_redo(run: Run, card_id: int, review_id: int, label: str) -> None:
    """One Edit > Undo removes the review and its log entry; Edit > Redo brings both back."""
    mw = run.mw
    run.desktop.spin(100)
    undo_text = mw.form.actionUndo.text().replace("&", "").replace("\u2068", "").replace("\u2069", "")
    run.check(undo_text == f"Undo {label}", f"Edit > Undo names the step: {undo_text!r}")
    entries = len(run.log())
    mw.form.actionUndo.trigger()
    run.desktop.wait_for_operations()
    run.check(review_id not in dict(run.reviews(card_id)), "one Edit > Undo removes the review")
    run.check(review_id not in {entry.review_id for entry in run.log()}, "and its log entry")
    run.check(len(run.log()) == entries - 1, "and nothing else of the log")
    run.wait_text("mle-controls", "Undone")
    mw.form.actionRedo.trigger()
    run.desktop.wait_for_operations()
    run.check(review_id in dict(run.reviews(card_id)), "Edit > Redo brings the review back")
    run.check(review_id in {entry.review_id for entry in run.log()}, "and its log entry")


def _coding_mock(run: Run) -> None:
    item = _start(run, "coding", "need")
    candidate = item.candidate
    approach, code = (phase.minutes for phase in candidate.phases)
    run.data["checks"]["coding"] = {"title": item.title, "difficulty": candidate.difficulty, "budget": [approach, code]}
    run.check([phase.name for phase in candidate.phases] == ["Approach", "Code"], "a problem: approach, then code")
    run.check(run.dialog.state.tier == 2 and candidate.unseen, "a fresh collection: an unseen problem first")
    text = run.wait_text("mle-timer", f"Phase 1 of 2: Approach ({approach} min)")
    run.check("0:00" in text and f"{approach}:00 left" in text, f"the clock starts: {text!r}")
    run.check(item.title in run.text(), "the window shows the problem")

    run.clock.advance(approach + 2)  # no approach within its budget: two minutes over
    text = run.wait_text("mle-timer", "Overtime: +2:00 over this phase")
    run.data["checks"]["coding_overtime_text"] = text
    run.check(f"{approach + 2}:00" in text, f"the big clock shows the time in the phase: {text!r}")
    run.mock_screenshot("practice-mock-running-light.png")

    run.click("mle-next-phase")  # "Approach found: start coding"
    run.clock.advance(code - 1)
    text = run.wait_text("mle-timer", f"Phase 2 of 2: Code ({code} min)")
    text = run.wait_text("mle-timer", "1:00 left")
    run.check(f"Total {approach + code + 1}:00 of {approach + code}:00" in text, f"total over budget: {text!r}")
    run.check(f"Approach {approach + 2}:00 / {approach} min +2:00" in text, f"the approach's overtime: {text!r}")

    run.click("mle-reveal")
    run.wait_stage("revealed")
    text = run.text()
    run.data["checks"]["coding_revealed_text"] = text
    run.check("Clock stopped: over budget by 1:00" in text, "Reveal stops the clock: one minute over budget")
    run.check(run.js("document.getElementById('grade-within').disabled", "within") is True, "no 'within budget'")
    run.check("Solved over budget → Hard" in text, "over budget means Hard")
    entry, review_id = _grade(run, "over", HARD, "Mock interview: Coding")
    run.data["checks"]["coding_log_entry"] = entry.to_json()
    run.check(entry.phase_seconds == ((approach + 2) * 60, (code - 1) * 60), f"time per phase: {entry}")
    run.mock_screenshot("practice-mock-result-light.png")
    _undo_and_redo(run, candidate.card_id, review_id, "Mock interview: Coding")


def _design_mock(run: Run) -> None:
    item = _start(run, "system-design", "need")
    phases = item.candidate.phases
    budget = sum(phase.minutes for phase in phases)
    run.data["checks"]["design"] = {"title": item.title, "phases": [[p.name, p.minutes] for p in phases]}
    run.check(len(phases) >= 4 and item.title.startswith("Design"), f"a design prompt with its outline: {item.title}")
    for index, phase in enumerate(phases):
        text = run.wait_text("mle-timer", f"Phase {index + 1} of {len(phases)}: {phase.name} ({phase.minutes} min)")
        run.clock.advance(phase.minutes - 1 if index % 2 == 0 else phase.minutes + 0.5)
        if index == 1:
            text = run.wait_text("mle-timer", "Overtime: +0:30 over this phase")
            run.check(phase.name in text, f"overtime in the design phase {phase.name!r}: {text!r}")
        if index + 1 < len(phases):
            run.click("mle-next-phase")
    run.click("mle-reveal")
    run.wait_stage("revealed")
    text = run.text("document.getElementById('mle-timer')")
    run.data["checks"]["design_result_text"] = text
    run.check("Clock stopped: within budget" in text, f"the design answer stays within {budget} min: {text!r}")
    entry, review_id = _grade(run, "within", GOOD, "Mock interview: System design")
    run.check(len(entry.phase_seconds) == len(phases) and entry.budget_minutes == budget, f"every phase: {entry}")
    _undo_and_redo(run, item.candidate.card_id, review_id, "Mock interview: System design")


def _more_attempts(run: Run) -> None:
    """A few more coding mocks, as a week of practice would give the panel: no problem asked twice."""
    marked = run.log()[0].card_id  # the first coding mock went over budget
    asked: set[int] = set()
    outcomes = [("answer", 1, 1.2), ("within", 3, 0.7), ("within", 4, 0.4), ("over", 2, 1.3)]
    for index, (grade, rating, share) in enumerate(outcomes):
        if index == 0:
            _start(run, "coding", "need")
        else:
            run.click("mle-next")
            run.wait_stage("running")
        candidate = run.dialog.state.item.candidate
        if index == 0:
            run.check(candidate.card_id == marked and run.dialog.state.tier == 0, "a new session: re-review first")
        run.check(candidate.card_id not in asked, "no repeat within a session")
        asked.add(candidate.card_id)
        approach, code = (phase.minutes for phase in candidate.phases)
        run.clock.advance(approach * share)
        if grade != "answer":
            run.click("mle-next-phase")
            run.clock.advance(code * share)
        run.click("mle-reveal")
        run.wait_stage("revealed")
        _grade(run, grade, rating, "Mock interview: Coding")
    run.data["checks"]["attempts"] = len(run.log())


def _night_mode_mock(run: Run) -> None:
    """An ML-design prompt picked at random, in night mode: every phase, the second one over, the whole within."""
    from aqt.theme import Theme

    run.mw.set_theme(Theme.DARK)
    run.desktop.spin(200)
    item = _start(run, "ml-design", "surprise")
    run.check(run.dialog.state.tier is None, "surprise me: picked at random")
    run.desktop.wait_for_js(run.dialog.web, "document.body.classList.contains('nightMode')", "night mode")
    phases = item.candidate.phases
    for index, phase in enumerate(phases):
        run.clock.advance(phase.minutes + 1 if index == 1 else phase.minutes - 1)
        if index == 2:
            run.wait_text("mle-timer", f"Phase 3 of {len(phases)}")
            run.mock_screenshot("practice-mock-running-night.png")
        if index + 1 < len(phases):
            run.click("mle-next-phase")
    run.click("mle-reveal")
    run.wait_stage("revealed")
    run.mock_screenshot("practice-mock-result-night.png")
    _grade(run, "within", GOOD, "Mock interview: ML design")
    run.mw.set_theme(Theme.LIGHT)
    run.desktop.spin(200)


def _todays_practice(run: Run) -> None:
    mw = run.mw
    daily = run.module("practice.daily")
    run.desktop.trigger(mw.form.menuTools, *DAILY_ENTRY)
    deck_id = mw.col.decks.id_for_name(daily.DECK_NAME)
    run.check(bool(deck_id) and mw.col.decks.is_filtered(deck_id), "Today's practice made its filtered deck")
    cards = mw.col.decks.cids(deck_id) if deck_id else []
    levels = sorted(
        next(tag.split("::")[1] for tag in mw.col.get_card(card_id).note().tags if tag.startswith("difficulty::"))
        for card_id in cards
    )
    run.data["checks"]["daily"] = {"cards": len(cards), "levels": levels, "tooltip": run.desktop.tooltip_text()}
    run.check(levels == ["easy", "hard", "medium"], f"three problems, one of each difficulty: {levels}")
    marked = {entry.card_id for entry in run.log() if entry.grade in ("over", "answer")}
    run.check(bool(marked & set(cards)), "a problem marked for re-review is in today's set")
    run.check(mw.col.undo_status().undo == "Today's practice", "one undo step")
    mw.form.actionUndo.trigger()
    run.desktop.wait_for_operations()
    run.check(mw.col.decks.id_for_name(daily.DECK_NAME) is None, "one Edit > Undo removes it")
    mw.form.actionRedo.trigger()
    run.desktop.wait_for_operations()


def _panel_and_strip(run: Run) -> None:
    from aqt.theme import Theme

    mw = run.mw
    run.desktop.trigger(mw.form.menuTools, *PANEL_ENTRY)
    panel = run.addon.dialog
    web = panel.web
    practice = "document.getElementById('practice')"
    run.desktop.wait_for_js(web, f"!!{practice} && {practice}.innerText.includes('in 30 days')", "practice")
    text = str(run.desktop.evaluate_js(web, f"{practice}.innerText", "the practice section"))
    run.data["checks"]["panel_practice_text"] = text
    coding = [entry for entry in run.log() if entry.round == "coding"]
    within = sum(1 for entry in coding if entry.grade == "within")
    run.check(f"{len(coding)} attempts in 30 days" in text, f"the coding attempts: {text!r}")
    run.check(f"{round(100 * within / len(coding))}% within budget" in text, f"share within budget: {text!r}")
    run.check("Re-review (" in text and "to an approach" in text, f"the re-review list, the approach time: {text!r}")
    _panel_screenshot(run, panel, "practice-panel-light.png", len(run.log()))
    mw.set_theme(Theme.DARK)
    run.desktop.spin(200)
    panel.refresh()
    run.desktop.wait_for_operations()
    run.desktop.wait_for_js(web, "document.body.classList.contains('nightMode')", "night mode")
    _panel_screenshot(run, panel, "practice-panel-night.png", len(run.log()))
    mw.set_theme(Theme.LIGHT)
    run.desktop.spin(200)
    panel.close()
    run.desktop.spin(200)

    mw.moveToState("deckBrowser")
    mw.deckBrowser.refresh()
    run.desktop.wait_for_operations()
    strip = "document.getElementById('mle-practice-strip')"
    run.desktop.wait_for_js(mw.web, f"!!{strip}", "the practice line of the deck-browser strip")
    line = str(run.desktop.evaluate_js(mw.web, f"{strip}.innerText", "the strip"))
    run.data["checks"]["strip"] = line
    run.check(f"Practice today {len(run.log())}" in line, f"today's practice count in the strip: {line!r}")
    run.check("Today's practice 3 of 3 left" in line, f"what is left of today's deck: {line!r}")


def _panel_screenshot(run: Run, panel: Any, name: str, attempts: int) -> None:
    """The panel scrolled to its practice section, once everything on it has arrived (a page still re-rendering for
    the trend or the projections would jump back to where it was)."""
    web, practice = panel.web, "document.getElementById('practice')"
    run.desktop.wait_for_operations()
    run.desktop.wait_for_js(web, f"!!{practice} && {practice}.innerText.includes('in 30 days')", "the practice section")
    run.desktop.wait_for_js(web, "!document.body.innerText.includes('Computing the trend')", "the trend")
    run.desktop.wait_for_js(web, "document.getElementById('categories')?.dataset.projected === '1'", "the projections")
    run.desktop.wait_for_operations()
    run.desktop.evaluate_js(web, f"{practice}.scrollIntoView(), true", "scroll to the practice section")
    run.desktop.spin(200)
    top = run.desktop.evaluate_js(web, f"{practice}.getBoundingClientRect().top", "where the practice section is")
    in_view = bool(0 <= top < 100)
    run.check(in_view, f"{name}: the practice section at the top of the window ({top} px)")
    run.screenshot(panel, name, {"kind": "practice-panel", "practice_in_view": in_view, "attempts": attempts})


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
