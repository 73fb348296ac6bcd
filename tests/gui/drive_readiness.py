"""Driver: the readiness panel in the real Anki desktop; run by test_readiness_desktop.py in a subprocess.

    python tests/gui/drive_readiness.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_readiness.py --report R.json drive --base DIR --deck D.apkg --package NAME

`drive` imports our deck, studies some cards through the real scheduler, opens Tools > Interview Readiness >
Readiness panel, reads the page text back, sets an interview date with the page's date picker, runs "Study weakest",
checks the deck-browser strip, and saves screenshots of the panel in light and night mode. Last, with FSRS off, it
checks the SM-2 estimates: a card at a time while there is a step to undo (which survives), and on one private
snapshot after a sync.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import AnkiDesktop, check, desktop_session, driver_main

PANEL_ENTRY = ("Interview Readiness", "Readiness panel")


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


def _page_text(desktop: AnkiDesktop, web: Any) -> str:
    return str(desktop.evaluate_js(web, "document.body.innerText", "the page text"))


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    import anki.collection  # noqa: F401
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.scheduler.v3 import CardAnswer
    from aqt.operations import CollectionOp
    from aqt.theme import Theme

    mw = desktop.mw
    module = desktop.addon_module(package)
    addon = module.gui.addon() if module is not None else None
    check(data, addon is not None, "the add-on started when Anki loaded it")
    checks = data["checks"]

    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    # Some history: answer the first 30 algorithm cards through the v3 scheduler.
    mw.col.decks.select(mw.col.decks.id("MLE Interview::Algorithms"))
    for _ in range(30):
        queued = mw.col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        card = mw.col.get_card(queued.cards[0].card.id)
        card.start_timer()
        mw.col.sched.answer_card(
            mw.col.sched.build_answer(card=card, states=queued.cards[0].states, rating=CardAnswer.GOOD)
        )
    mw.reset()
    desktop.wait_for_operations()

    # Tools > Interview Readiness > Readiness panel
    desktop.trigger(mw.form.menuTools, *PANEL_ENTRY)
    dialog = addon.dialog
    check(data, dialog is not None and dialog.isVisible(), "the panel opened")
    web = dialog.web
    desktop.wait_for_js(web, "document.body.innerText.includes('Readiness over the last 90 days')", "the panel")
    desktop.wait_for_js(web, "!document.body.innerText.includes('Computing the trend')", "the trend", timeout_s=60)
    text = _page_text(desktop, web)
    checks["panel_text"] = text
    for title in ("Algorithms", "System Design", "ML Concepts", "ML Design", "No interview date set"):
        check(data, title in text, f"the panel shows {title!r}")
    check(data, "%" in text and "cards:" in text, "the panel shows numbers")
    check(data, desktop.evaluate_js(web, "document.querySelectorAll('svg').length", "svg") == 5, "five SVG charts")
    report = addon.cached_report()
    algorithms = report.categories["algorithms"]
    check(data, algorithms.cards > 0 and algorithms.new < algorithms.cards, f"studied algorithms: {algorithms}")
    check(data, f"{algorithms.cards:,} cards:" in text, "the algorithms card count is on the page")

    # The date picker: set an interview date 21 days ahead.
    interview = date.today() + timedelta(days=21)
    desktop.evaluate_js(
        web,
        f"(function() {{ const el = document.getElementById('date-all'); el.value = '{interview.isoformat()}'; "
        "el.dispatchEvent(new Event('change')); return true; })()",
        "set the date",
    )
    desktop.wait_for_operations()
    desktop.wait_for_js(web, "document.body.innerText.includes('to the interview')", "the countdown")
    desktop.wait_for_js(web, "!document.body.innerText.includes('Computing the trend')", "the trend again")
    text = _page_text(desktop, web)
    checks["panel_text_with_date"] = text
    check(data, "days to the interview" in text, "the countdown shows")
    check(data, "new cards a day" in text, "the study plan shows")
    stored = mw.pm.profile.get("mle_interview_readiness_dates")
    check(data, stored == {"*": interview.isoformat()}, f"the date is stored in the profile: {stored}")
    data["screenshots"].append(str(desktop.screenshot(dialog, "readiness-panel-light.png")))

    # Study weakest (Algorithms): one named undo step, a filtered deck of studied cards.
    desktop.evaluate_js(web, "document.getElementById('weakest-algorithms').click(), true", "click Study weakest")
    desktop.wait_for_operations()
    deck_id = mw.col.decks.id_for_name("Weakest: Algorithms")
    check(data, bool(deck_id) and mw.col.decks.is_filtered(deck_id), "the Weakest: Algorithms filtered deck exists")
    cards = len(mw.col.decks.cids(deck_id)) if deck_id else 0
    checks["weakest_cards"] = cards
    check(data, cards > 0, "the filtered deck has cards")
    check(data, mw.col.undo_status().undo == "Study weakest: Algorithms", "one named undo step")
    check(data, "cards to review" in desktop.tooltip_text(), f"a tooltip says so: {desktop.tooltip_text()!r}")

    # Night mode: the page follows Anki's theme.
    mw.set_theme(Theme.DARK)
    desktop.spin(200)
    dialog.refresh()
    desktop.wait_for_operations()
    desktop.wait_for_js(web, "document.body.classList.contains('nightMode')", "night mode")
    desktop.wait_for_js(web, "!document.body.innerText.includes('Computing the trend')", "the trend (night)")
    data["screenshots"].append(str(desktop.screenshot(dialog, "readiness-panel-night.png")))
    mw.set_theme(Theme.LIGHT)
    desktop.spin(200)
    dialog.close()
    desktop.spin(200)

    # The deck-browser strip, from the warm cache.
    mw.moveToState("deckBrowser")
    mw.deckBrowser.refresh()
    desktop.wait_for_operations()
    desktop.wait_for_js(mw.web, "document.body.innerText.includes('Interview recall')", "the deck-browser strip")
    data["screenshots"].append(str(desktop.screenshot(mw, "readiness-deck-browser.png")))
    _sm2_estimates_in_bulk(desktop, addon, data)


def _sm2_estimates_in_bulk(desktop: AnkiDesktop, addon: Any, data: dict[str, Any]) -> None:
    """On SM-2, the report estimates memory states on a private snapshot from inside Anki's background operation, but
    only while there is nothing to undo; and the profile's collection stays as it was: FSRS off, no state written."""
    from aqt import gui_hooks

    mw = desktop.mw
    estimates_type = type(addon.estimates)
    mw.col.set_config("fsrs", False)
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


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
