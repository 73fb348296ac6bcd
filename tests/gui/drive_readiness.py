"""Driver: the readiness panel in the real Anki desktop; run by test_readiness_desktop.py in a subprocess.

    python tests/gui/drive_readiness.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_readiness.py --report R.json drive --base DIR --deck D.apkg --package NAME

`drive` opens Tools > Interview Readiness > Readiness panel on the empty profile (the empty state), then imports our
deck and studies it for three simulated weeks through the real scheduler (FSRS on, a different New cards/day per
category, as a candidate would), as `tests/three_weeks.py` does for the logic tests. It then reads the panel back:
the three answers and the plan, the projection from Anki's simulator, the weakest studied topics and the topics not
started; sets dates with the page's pickers (a category's own date reaches the header and the strip; a wrong one is
refused with a message); shows a waiting deck update and applies it from the panel; runs Study and Start; and saves
the README's screenshots (panel light and night, the deck-browser strip) with the facts they show. Last, with FSRS
off, it checks the SM-2 estimates: a card at a time while there is a step to undo (which survives), and on one
private snapshot after a sync.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import ROOT, AnkiDesktop, check, desktop_session, driver_main

sys.path.insert(0, str(ROOT / "tests"))

PANEL_ENTRY = ("Interview Readiness", "Readiness panel")
# New cards a day per deck over the three weeks: what a candidate might have set, ML Design barely started.
NEW_PER_DAY = {
    "MLE Interview::Algorithms": 6,
    "MLE Interview::System Design": 4,
    "MLE Interview::ML Concepts": 8,
    "MLE Interview::ML Design": 2,
}
STUDY_DAYS = 21


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


def _page_text(desktop: AnkiDesktop, web: Any) -> str:
    return str(desktop.evaluate_js(web, "document.body.innerText", "the page text"))


def _open_panel(desktop: AnkiDesktop, addon: Any, data: dict[str, Any]) -> Any:
    desktop.trigger(desktop.mw.form.menuTools, *PANEL_ENTRY)
    dialog = addon.dialog
    check(data, dialog is not None and dialog.isVisible(), "the panel opened")
    desktop.wait_for_js(dialog.web, "document.body.innerText.includes('Interview Readiness')", "the panel")
    return dialog


def _wait_for_everything(desktop: AnkiDesktop, web: Any) -> None:
    """Until the report, the trend and the projections are on the page."""
    desktop.wait_for_operations()
    desktop.wait_for_js(web, "!document.body.innerText.includes('Computing the trend')", "the trend", timeout_s=60)
    desktop.wait_for_js(
        web, "document.getElementById('categories')?.dataset.projected === '1'", "the projections", timeout_s=60
    )


def _set_date(desktop: AnkiDesktop, web: Any, element: str, value: str) -> None:
    desktop.evaluate_js(
        web,
        f"(function() {{ const el = document.getElementById('{element}'); el.value = '{value}'; "
        "el.dispatchEvent(new Event('change')); return true; })()",
        f"set {element}",
    )
    desktop.wait_for_operations()


def _study_three_weeks(desktop: AnkiDesktop, deck: Path) -> None:
    """Our deck imported, FSRS on (as the deck options turn it on), and three weeks of study."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from aqt.operations import CollectionOp
    from review_history import study_weeks

    mw = desktop.mw
    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    mw.col.set_config("fsrs", True)  # NOTE: before any review, so every review stores its memory state
    study_weeks(mw.col, NEW_PER_DAY, days=STUDY_DAYS)
    mw.reset()
    desktop.wait_for_operations()


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    from aqt.theme import Theme

    mw = desktop.mw
    module = desktop.addon_module(package)
    addon = module.gui.addon() if module is not None else None
    check(data, addon is not None, "the add-on started when Anki loaded it")
    checks = data["checks"]

    # The empty state: a fresh profile, no interview card yet.
    dialog = _open_panel(desktop, addon, data)
    desktop.wait_for_operations()
    desktop.wait_for_js(dialog.web, "!!document.getElementById('empty-state')", "the empty state")
    text = _page_text(desktop, dialog.web)
    checks["empty_text"] = text
    check(data, "No interview cards yet" in text and "Import the MLE Interview deck" in text, "the empty state")
    dialog.close()
    desktop.spin(200)

    _study_three_weeks(desktop, deck)
    dialog = _open_panel(desktop, addon, data)
    web = dialog.web
    _wait_for_everything(desktop, web)
    text = _page_text(desktop, web)
    checks["panel_text"] = text
    check(data, "No interview cards yet" not in text, "no empty state once cards are there")
    for label in ("Studied", "Recall of studied", "On the day, going on", "On the day, stopping", "No interview date"):
        check(data, label in text, f"the panel shows {label!r}")

    # A date five weeks ahead, with the page's date picker: a plan and a projection for every category.
    today = addon.cached_report().today
    interview = today + timedelta(days=35)
    _set_date(desktop, web, "date-all", interview.isoformat())
    _wait_for_everything(desktop, web)
    stored = mw.pm.profile.get("mle_interview_readiness_dates")
    check(data, stored == {"*": interview.isoformat()}, f"the date is stored in the profile: {stored}")
    report = addon.cached_report()
    _check_the_answers(desktop, web, report, module.readiness.render, data)

    # ML Design gets its own date, from its picker at the bottom of the page: it reaches the header and the strip,
    # and the page stays where the user scrolled to while it renders again.
    own = today + timedelta(days=40)
    scrolled = desktop.evaluate_js(
        web, "document.getElementById('date-ml-design').scrollIntoView(), window.scrollY", "scroll to ML Design"
    )
    _set_date(desktop, web, "date-ml-design", own.isoformat())
    _wait_for_everything(desktop, web)
    kept = desktop.evaluate_js(web, "window.scrollY", "the scroll position")
    check(data, scrolled > 0 and kept == scrolled, f"the page keeps its scroll position: {scrolled} -> {kept}")
    text = _page_text(desktop, web)
    header = text.split("Interview date:", 1)[0]
    check(data, f"ML Design: interview in 40 days ({own.isoformat()})" in header, f"own date in the header: {header}")
    check(data, f"interview in 40 days ({own.isoformat()})" in text.split("ML Design", 2)[-1], "own date on its card")
    # The deck list behind the panel follows by itself: the new date, and the projections once they arrive (no "≥").
    strip = "(document.getElementById('mle-readiness-strip')?.innerText || '')"
    desktop.wait_for_js(
        mw.web, f"{strip}.includes({own.isoformat()!r}) && !{strip}.includes('≥')", "the strip behind the panel"
    )
    desktop.evaluate_js(web, "window.scrollTo(0, 0), true", "back to the top")

    # Wrong dates are refused with a message, and the stored dates stay.
    before = dict(mw.pm.profile.get("mle_interview_readiness_dates"))
    for value, reason in (((today - timedelta(days=3)).isoformat(), "in the past"), ("2999-01-01", "two years")):
        _set_date(desktop, web, "date-all", value)
        desktop.wait_for_js(web, f"document.body.innerText.includes({reason!r})", f"the message ({reason})")
    desktop.evaluate_js(web, "pycmd('mle-readiness:date:*:20260-01-01'), true", "a malformed date")
    desktop.wait_for_js(web, "document.body.innerText.includes('is not a date')", "the malformed-date message")
    check(data, mw.pm.profile.get("mle_interview_readiness_dates") == before, "refused dates change nothing")
    checks["refused_text"] = _page_text(desktop, web).split("Interview Readiness", 1)[0]
    _set_date(desktop, web, "date-all", interview.isoformat())  # a valid date clears the message
    _wait_for_everything(desktop, web)
    check(data, "not changed" not in _page_text(desktop, web), "the message goes with the next valid date")

    report = addon.cached_report()
    studied = sum(category.studied for category in report.categories.values())
    panel_facts = {
        "kind": "panel",
        "studied_cards": studied,
        "projected": all(category.projection is not None for category in report.categories.values() if category.cards),
    }
    data["screenshots"].append(str(desktop.screenshot(dialog, "readiness-panel-light.png", panel_facts)))

    mw.set_theme(Theme.DARK)
    desktop.spin(200)
    dialog.refresh()
    desktop.wait_for_js(web, "document.body.classList.contains('nightMode')", "night mode")
    _wait_for_everything(desktop, web)
    data["screenshots"].append(str(desktop.screenshot(dialog, "readiness-panel-night.png", panel_facts)))
    mw.set_theme(Theme.LIGHT)
    desktop.spin(200)

    _study_and_start(desktop, addon, dialog, data)
    _pending_update(desktop, addon, dialog, data)
    dialog.close()
    desktop.spin(200)

    # The deck-browser strip: each category with its own date.
    mw.resize(960, 720)  # NOTE: the strip sits below the deck list; the default offscreen window cuts it off
    mw.moveToState("deckBrowser")
    mw.deckBrowser.refresh()
    desktop.wait_for_operations()
    desktop.wait_for_js(mw.web, "!!document.getElementById('mle-readiness-strip')", "the deck-browser strip")
    strip = str(desktop.evaluate_js(mw.web, "document.getElementById('mle-readiness-strip').innerText", "the strip"))
    checks["strip"] = strip
    check(data, "ML Design" in strip and own.isoformat() in strip, f"ML Design's own date in the strip: {strip}")
    check(data, "Algorithms" in strip and interview.isoformat() in strip, f"the general date in the strip: {strip}")
    rows = int(desktop.evaluate_js(mw.web, "document.querySelectorAll('tr.deck').length", "the deck rows"))
    check(data, rows >= 5, f"the deck list shows our decks: {rows} rows")
    visible = desktop.evaluate_js(
        mw.web, "document.getElementById('mle-readiness-strip').getBoundingClientRect().bottom <= innerHeight", "fits"
    )
    check(data, visible is True, "the strip is inside the window, so the screenshot shows it")
    strip_facts = {"kind": "deck-list", "deck_rows": rows, "strip": strip, "strip_visible": visible is True}
    data["screenshots"].append(str(desktop.screenshot(mw, "readiness-deck-browser.png", strip_facts)))
    _sm2_estimates_in_bulk(desktop, addon, data)


def _check_the_answers(desktop: AnkiDesktop, web: Any, report: Any, render: Any, data: dict[str, Any]) -> None:
    """The page shows the report's figures: the three answers apart, the plan at the deck's limits, the weakest
    studied topics (never an unstudied one) and the topics not started."""
    text = _page_text(desktop, web)
    data["checks"]["panel_text_with_date"] = text
    algorithms = report.categories["algorithms"]
    check(data, algorithms.studied > 100, f"three weeks of algorithms: {algorithms.studied} studied")
    check(data, algorithms.projection is not None, "the algorithms projection arrived")
    # NOTE: the card's own text: the budget line above the cards names every category too
    section = str(desktop.evaluate_js(web, "document.getElementById('category-algorithms').innerText", "the card"))
    for name, value in (
        ("studied", algorithms.coverage),
        ("recall of studied", algorithms.recall_studied_now),
        ("going on", algorithms.projection.known_at_interview if algorithms.projection else None),
        ("stopping", algorithms.recall_at_interview),
    ):
        check(data, value is not None and render.percent(value) in section, f"{name} {value} on the Algorithms card")
    check(data, "Limits of MLE Interview::Algorithms: 6 new cards" in section, "the deck's own limit is shown")
    plan = render.plan_text("algorithms", algorithms, report.budget)
    check(data, f"Today: {plan}" in section, f"the plan: {plan!r} in {section!r}")
    check(data, algorithms.plan.new_per_day <= 30 and "6" in plan, f"the plan uses the deck's limit: {plan}")
    summary = render.budget_text(report)
    check(data, summary in text and "new cards in all" in summary, f"the budget line above the categories: {summary}")
    check(data, report.budget.planned <= report.budget.per_day == 30, f"within the budget: {report.budget}")
    tags = desktop.evaluate_js(
        web,
        "Array.from(document.querySelectorAll('#weakest-topics-algorithms button')).map(b => b.dataset.tag)",
        "tags",
    )
    expected = [topic.tag for topic in algorithms.weakest_studied_topics]
    check(data, tags == expected and bool(tags), f"the weakest studied topics on the page: {tags} vs {expected}")
    check(data, all(topic.studied > 0 for topic in algorithms.weakest_studied_topics), "only studied topics")
    starts = desktop.evaluate_js(
        web, "Array.from(document.querySelectorAll('#not-started-algorithms button')).map(b => b.dataset.tag)", "starts"
    )
    check(data, bool(starts) and not set(starts) & set(tags), f"not-started topics apart: {starts}")


def _study_and_start(desktop: AnkiDesktop, addon: Any, dialog: Any, data: dict[str, Any]) -> None:
    """Study on the weakest topic: a filtered deck of exactly its studied cards, one undo step; Start on a topic not
    started: a deck of its new cards."""
    mw, web = desktop.mw, dialog.web
    report = addon.cached_report()
    weakest = report.categories["algorithms"].weakest_studied_topics[0]
    desktop.click(web, "document.querySelector('#weakest-topics-algorithms button')", "click Study")
    desktop.wait_for_operations()
    name = f"Study: Algorithms - {weakest.tag.split('::', 2)[-1].replace('::', ' / ')}"
    deck_id = mw.col.decks.id_for_name(name)
    expected = sorted(mw.col.find_cards(f'"tag:{weakest.tag}" -is:new -is:suspended'))
    cards = sorted(mw.col.decks.cids(deck_id)) if deck_id else []
    data["checks"]["study_deck"] = [name, len(cards)]
    check(data, bool(cards) and cards == expected, f"{name}: exactly the topic's studied cards")
    check(data, mw.col.undo_status().undo.startswith("Study topic: Algorithms"), f"undo: {mw.col.undo_status()}")
    desktop.wait_until(lambda: "cards to study" in desktop.tooltip_text(), "the tooltip after Study", timeout_s=30)
    _wait_for_everything(desktop, web)

    start = desktop.evaluate_js(web, "document.querySelector('#not-started-algorithms button').dataset.tag", "Start")
    desktop.click(web, "document.querySelector('#not-started-algorithms button')", "click Start")
    desktop.wait_for_operations()
    started = [d for d in mw.col.decks.all_names_and_ids() if d.name.startswith("Start: Algorithms")]
    new_cards = set(mw.col.find_cards(f'"tag:{start}" is:new'))
    in_deck = set(mw.col.decks.cids(started[0].id)) if started else set()
    data["checks"]["start_deck"] = [started[0].name if started else None, len(in_deck)]
    check(data, bool(in_deck) and in_deck <= new_cards, f"Start: new cards of {start}")
    _wait_for_everything(desktop, web)


def _pending_update(desktop: AnkiDesktop, addon: Any, dialog: Any, data: dict[str, Any]) -> None:
    """A card of our deck sits in the wrong subdeck (as after importing a release that moved it): the panel says a
    deck update is waiting, and its Apply button applies it as one undo step."""
    mw, web = desktop.mw, dialog.web
    card_id = mw.col.find_cards('"deck:MLE Interview::Algorithms" -"deck:MLE Interview::Algorithms::*" is:new')[0]
    elsewhere = mw.col.decks.id_for_name("MLE Interview::ML Design")
    mw.col.set_deck([card_id], elsewhere)
    dialog.refresh()
    _wait_for_everything(desktop, web)
    desktop.wait_for_js(web, "!!document.getElementById('pending-update')", "the pending update")
    text = _page_text(desktop, web)
    check(data, "A deck update is waiting" in text and "1 cards to move" in text, f"pending: {text[:300]}")
    data["checks"]["pending_text"] = text.split("Interview Readiness", 1)[0]
    desktop.click(web, "document.getElementById('apply-update')", "click Apply")
    desktop.wait_for_operations()
    check(data, mw.col.undo_status().undo == "Apply deck update", f"applied: {mw.col.undo_status()}")
    check(
        data,
        mw.col.decks.name(mw.col.get_card(card_id).did) == "MLE Interview::Algorithms",
        "the card is back in its release's deck",
    )
    dialog.refresh()
    _wait_for_everything(desktop, web)
    desktop.wait_for_js(web, "!document.getElementById('pending-update')", "no pending update once applied")


def _sm2_estimates_in_bulk(desktop: AnkiDesktop, addon: Any, data: dict[str, Any]) -> None:
    """On SM-2, the report estimates memory states on a private snapshot from inside Anki's background operation, but
    only while there is nothing to undo; and the profile's collection stays as it was: FSRS off, no state written."""
    from aqt import gui_hooks

    mw = desktop.mw
    estimates_type = type(addon.estimates)
    mw.col.set_config("fsrs", False)
    # NOTE: as a collection that never had FSRS on: no stored state (the drive studied with FSRS on). Raw SQL drops
    # the undo history, so a step to undo is made after it.
    mw.col.db.execute("update cards set data = json_remove(data, '$.s', '$.d', '$.decay') where json_valid(data)")
    mw.col.sched.suspend_cards(mw.col.find_cards("deck:Default")[:1] or mw.col.find_cards("is:new")[:1])
    studied = "select count() from cards where type != 0 and data like '%\"s\":%'"
    states_before = mw.col.db.scalar(studied)

    def report_with_bulk_estimates() -> Any:
        addon.estimates = estimates_type(bulk_from=1)
        done: list[Any] = []
        addon.request_report(done.append, with_progress=True)
        desktop.wait_until(lambda: bool(done), "the SM-2 report")
        return done[0]

    undo = mw.col.undo_status().undo
    check(data, bool(undo), f"a step to undo before the report: {undo!r}")
    report = report_with_bulk_estimates()
    check(data, addon.estimates.bulk_runs == 0, "no snapshot while there is something to undo")
    check(data, mw.col.undo_status().undo == undo, "the undo step survives the report")
    check(data, report.estimated_states > 0, "states estimated a card at a time")

    # As after a sync: the collection reopened (nothing to undo) and Anki's "sync finished" hook, which drops the
    # add-on's cached report.
    mw.col.close(downgrade=False)
    mw.col.reopen()
    gui_hooks.sync_did_finish()
    check(data, not mw.col.undo_status().undo, f"nothing to undo after reopening: {mw.col.undo_status()}")
    report = report_with_bulk_estimates()
    data["checks"]["sm2_estimated_states"] = report.estimated_states
    check(data, report.memory_model == "sm2-estimate", f"the SM-2 model: {report.memory_model}")
    check(data, addon.estimates.bulk_runs == 1, "one snapshot estimated the states")
    check(data, report.estimated_states > 0, f"states estimated: {report.estimated_states}")
    check(data, report.categories["algorithms"].recall_now > 0, "recall from the estimates")
    check(data, mw.col.get_config("fsrs", False) is False, "FSRS stays off")
    check(data, mw.col.db.scalar(studied) == states_before, "no memory state written to the collection")

    # The SM-2 projection: Anki's simulator on a private copy with FSRS on, never on the profile's collection.
    projected: list[Any] = []
    addon.request_extras(report, projected.append)
    desktop.wait_until(lambda: bool(projected), "the SM-2 projection", timeout_s=120)
    projection = projected[0].report.categories["algorithms"].projection
    data["checks"]["sm2_projection"] = projection.to_dict() if projection else None
    check(data, projection is not None and projection.method == "fsrs-simulator-copy", f"on a copy: {projection}")
    check(data, mw.col.get_config("fsrs", False) is False, "FSRS stays off after the projection")
    check(data, mw.col.db.scalar(studied) == states_before, "the projection wrote no memory state")


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
