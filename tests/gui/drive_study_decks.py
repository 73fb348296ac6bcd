"""Driver: the panel's filtered-deck buttons against the user's own filtered decks, in the real Anki desktop; run by
test_study_decks_desktop.py in a subprocess (issue 12, items 1 and 7).

    python tests/gui/drive_study_decks.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_study_decks.py --report R.json drive --base DIR --deck D.apkg --package NAME

`drive` imports our deck, studies some algorithm cards, and clicks the panel's "Study the N weakest cards" for
Algorithms (the button of every version of the panel, `#weakest-algorithms`) three times over:
1. every studied algorithm card sits in the user's own filtered deck "Cram": Anki cannot build the deck. The user
   gets a message naming "Cram", no error, nothing written, and Edit > Undo still undoes the user's last step;
2. the user has a filtered deck of their own called "Weakest: Algorithms": it is left as it is, with a message;
3. two quick clicks: one deck and one undo step, which one Edit > Undo removes entirely.
Any exception, error output or unexpected dialog fails the test (the harness records them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drive_tagging import install
from harness import AnkiDesktop, check, desktop_session, driver_main

PANEL_ENTRY = ("Interview Readiness", "Readiness panel")
WEAKEST = "Weakest: Algorithms"
STUDIED = '"deck:MLE Interview::Algorithms" -is:new'


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


def _user_filtered_deck(desktop: AnkiDesktop, name: str, search: str, limit: int = 9999) -> int:
    """A filtered deck made as the user makes one (Tools > Create Filtered Deck, Build): one "Build Deck" step."""
    from anki.decks import DeckId
    from aqt.operations import CollectionOp

    made: list[int] = []

    def op(col: Any) -> Any:
        deck = col.sched.get_or_create_filtered_deck(DeckId(0))
        deck.name = name
        del deck.config.search_terms[1:]
        deck.config.search_terms[0].search = search
        deck.config.search_terms[0].limit = limit
        result = col.sched.add_or_update_filtered_deck(deck)
        made.append(result.id)
        return result

    CollectionOp(desktop.mw, op).run_in_background()
    desktop.wait_for_operations()
    return made[0]


def _click_weakest(desktop: AnkiDesktop, web: Any, times: int = 1) -> None:
    """Click the button once the panel has settled, then wait for what the click started and its tooltip.

    NOTE: a write re-renders the panel (`operation_did_execute`); a click while the page reloads finds no button."""
    desktop.wait_for_operations()
    _clear_tooltip()
    desktop.click(web, "document.getElementById('weakest-algorithms')", "click Study the weakest", times)
    desktop.spin(300)
    desktop.wait_for_operations()
    desktop.wait_until(lambda: bool(desktop.tooltip_text()), "the tooltip after the click", timeout_s=30)


def _clear_tooltip() -> None:
    from aqt.utils import closeTooltip

    closeTooltip()


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    import anki.collection  # noqa: F401
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.scheduler.v3 import CardAnswer
    from aqt.operations import CollectionOp

    mw = desktop.mw
    module = desktop.addon_module(package)
    addon = module.gui.addon() if module is not None else None
    check(data, addon is not None, "the add-on started when Anki loaded it")
    checks = data["checks"]
    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    mw.col.decks.select(mw.col.decks.id("MLE Interview::Algorithms"))
    for _ in range(20):
        queued = mw.col.sched.get_queued_cards(fetch_limit=1)
        card = mw.col.get_card(queued.cards[0].card.id)
        card.start_timer()
        mw.col.sched.answer_card(
            mw.col.sched.build_answer(card=card, states=queued.cards[0].states, rating=CardAnswer.GOOD)
        )
    mw.reset()
    desktop.wait_for_operations()

    desktop.trigger(mw.form.menuTools, *PANEL_ENTRY)
    dialog = addon.dialog
    web = dialog.web
    desktop.wait_for_js(web, "!!document.getElementById('weakest-algorithms')", "the Study-weakest button")

    # 1. (12.1) The weakest cards are all in the user's "Cram" deck.
    cram = _user_filtered_deck(desktop, "Cram", STUDIED)
    check(data, mw.col.undo_status().undo == "Build Deck", f"the user's step: {mw.col.undo_status()}")
    _click_weakest(desktop, web)
    checks["cram_tooltip"] = desktop.tooltip_text()
    check(data, "Cram" in desktop.tooltip_text(), f"the message names the deck: {desktop.tooltip_text()!r}")
    check(data, mw.col.decks.id_for_name(WEAKEST) is None, "no deck made")
    check(data, mw.col.undo_status().undo == "Build Deck", f"the undo history is intact: {mw.col.undo_status()}")
    mw.undo()  # Edit > Undo: the user's own step is still there
    desktop.wait_for_operations()
    check(data, mw.col.decks.id_for_name("Cram") is None, "Edit > Undo removed the Cram deck")
    _ = cram

    # 2. (12.7) The user's own filtered deck has our name.
    own = _user_filtered_deck(desktop, WEAKEST, STUDIED, limit=5)
    own_search = mw.col.decks.get(own)["terms"][0][0]
    own_cards = sorted(mw.col.decks.cids(own))
    _click_weakest(desktop, web)
    checks["own_tooltip"] = desktop.tooltip_text()
    check(data, "your own" in desktop.tooltip_text(), f"a message instead: {desktop.tooltip_text()!r}")
    check(data, mw.col.decks.get(own)["terms"][0][0] == own_search, "the user's search is kept")
    check(data, sorted(mw.col.decks.cids(own)) == own_cards, "the user's cards are kept")
    check(data, mw.col.undo_status().undo == "Build Deck", f"nothing written: {mw.col.undo_status()}")
    mw.undo()
    desktop.wait_for_operations()
    check(data, mw.col.decks.id_for_name(WEAKEST) is None, "the user's deck is gone after their undo")

    # 3. (12.7) Two quick clicks: one deck, one undo step.
    before = mw.col.undo_status().undo
    _click_weakest(desktop, web, times=2)
    decks = [entry for entry in mw.col.decks.all_names_and_ids() if entry.name.startswith("Weakest")]
    checks["decks_after_two_clicks"] = [entry.name for entry in decks]
    check(data, len(decks) == 1, f"one deck: {[entry.name for entry in decks]}")
    check(data, mw.col.undo_status().undo == "Study weakest: Algorithms", f"undo: {mw.col.undo_status()}")
    _click_weakest(desktop, web)  # a third click, the same cards: nothing to do
    check(data, "already held them" in desktop.tooltip_text(), f"said so: {desktop.tooltip_text()!r}")
    mw.undo()
    desktop.wait_for_operations()
    check(data, mw.col.decks.id_for_name(WEAKEST) is None, "one Edit > Undo removes the deck")
    check(data, mw.col.undo_status().undo == before, f"and only that step: {mw.col.undo_status()}")
    check(data, mw.col.db.scalar("select count() from cards where odid != 0") == 0, "every card is home")
    dialog.close()


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
