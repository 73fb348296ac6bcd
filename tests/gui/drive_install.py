"""Install from file, then upgrade the decks, in the real Anki desktop; run by test_install_desktop.py.

    python tests/gui/drive_install.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_install.py --report R.json upgrade --base DIR --package NAME --defaults config.json \
        --release1 v1.apkg --release2 v2.apkg --edited ID --removed ID --moved ID

`install` starts Anki with no add-on and installs ours the way Tools > Add-ons > "Install from file..." does once the
file is picked (`AddonsDialog.onInstallFiles`), then quits. `upgrade` restarts Anki, so the add-on loads as it does
for a user; opens the add-on's config editor (Tools > Add-ons > Config) and reads its text back; imports release N
and then N+1 through File > Import's dialog with its default options, reviewing cards in between; then applies the
deck update and undoes it. Each phase exits 0 only with an empty list of problems in its report.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from harness import AnkiDesktop, check, desktop_session, driver_report

MENU = "Interview Readiness"
DECK_UPDATE_ENTRY = "Apply deck update"


def install(base: Path, addon: Path, data: dict[str, Any]) -> None:
    import aqt

    with desktop_session(base, data) as desktop:
        dialog = aqt.dialogs.open("AddonsDialog", desktop.mw.addonManager)  # Tools > Add-ons
        desktop.spin(200)
        desktop.catcher.expected_dialogs.append("Installation complete")
        dialog.onInstallFiles([str(addon)])  # "Install from file...", after the file picker
        desktop.spin(300)
        installed = sorted(meta.dir_name for meta in desktop.mw.addonManager.all_addon_meta())
        data["checks"]["installed"] = installed
        data["screenshots"].append(str(desktop.screenshot(dialog, "install-addons-dialog.png")))
        dialog.close()


def upgrade(args: argparse.Namespace, data: dict[str, Any]) -> None:
    with desktop_session(args.base, data) as desktop:
        module = desktop.addon_module(args.package)
        check(data, module is not None and module.gui.addon() is not None, "the add-on loaded after the restart")
        meta = desktop.mw.addonManager.addon_meta(args.package)
        data["checks"]["human_version"] = meta.human_version
        _config_editor_shows_defaults(desktop, args, data)
        _upgrade_through_the_import_dialog(desktop, args, data)


def _config_editor_shows_defaults(desktop: AnkiDesktop, args: argparse.Namespace, data: dict[str, Any]) -> None:
    """Tools > Add-ons, select ours, Config: Anki's own ConfigEditor, read back."""
    import aqt
    from aqt.addons import ConfigEditor
    from aqt.qt import QApplication

    dialog = aqt.dialogs.open("AddonsDialog", desktop.mw.addonManager)
    desktop.spin(200)
    names = [dialog.addons[row].dir_name for row in range(len(dialog.addons))]
    dialog.form.addonList.setCurrentRow(names.index(args.package))
    dialog.onConfig()
    desktop.spin(200)
    editors = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ConfigEditor)]
    editors += [child for child in dialog.findChildren(ConfigEditor)]
    check(data, len(editors) >= 1, "the config editor opened")
    if editors:
        editor = editors[0]
        shown = json.loads(editor.form.editor.toPlainText())
        defaults = json.loads(args.defaults.read_text(encoding="utf-8"))
        data["checks"]["config_keys"] = sorted(shown)
        check(data, shown == defaults, f"the config editor shows the documented defaults: {shown}")
        data["screenshots"].append(str(desktop.screenshot(editor, "install-config-editor.png")))
        editor.reject()
    dialog.close()
    desktop.spin(100)


def _import_through_the_dialog(desktop: AnkiDesktop, package: Path, name: str, data: dict[str, Any]) -> str:
    """File > Import with `package` picked: Anki's import dialog, its options left as they are, then Import."""
    from aqt.import_export.import_dialog import ImportDialog
    from aqt.import_export.importing import import_file
    from aqt.qt import QApplication

    import_file(desktop.mw, str(package))
    desktop.wait_until(
        lambda: any(isinstance(w, ImportDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
        "the import dialog",
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())
    import_button = "Array.from(document.querySelectorAll('button')).find(b => b.innerText.trim() === 'Import')"
    desktop.wait_for_js(dialog.web, f"!!{import_button}", "the import dialog's Import button")
    desktop.spin(300)
    data["screenshots"].append(str(desktop.screenshot(dialog, f"upgrade-{name}-import-dialog.png")))
    desktop.evaluate_js(dialog.web, f"{import_button}.click(), true", "a click on Import")
    desktop.wait_for_js(dialog.web, "/found in file/.test(document.body.innerText)", "the import log", 120)
    desktop.wait_for_operations()
    log = str(desktop.evaluate_js(dialog.web, "document.body.innerText", "the import log"))
    log = log.split("Details", maxsplit=1)[0].replace("\u2068", "").replace("\u2069", "").strip()
    data["screenshots"].append(str(desktop.screenshot(dialog, f"upgrade-{name}-import-log.png")))
    dialog.reject()
    desktop.spin(200)
    return log


def _upgrade_through_the_import_dialog(desktop: AnkiDesktop, args: argparse.Namespace, data: dict[str, Any]) -> None:
    import aqt
    from anki.scheduler.v3 import CardAnswer

    mw = desktop.mw
    checks = data["checks"]
    checks["import_log_1"] = _import_through_the_dialog(desktop, args.release1, "release-1", data)
    notes = _notes(mw.col)
    checks["notes_1"] = len(notes)
    check(data, len(notes) > 1000, f"release N imported: {len(notes)} notes")

    # Review the edited and the moved card, through the real v3 scheduler.
    reviewed = []
    for card_id in (args.edited, args.moved):
        card = mw.col.get_card(mw.col.card_ids_of_note(notes[card_id][0])[0])
        # NOTE: to the front of the new queue, as the Browser's Reposition does, so the scheduler shows it first
        mw.col.sched.reposition_new_cards([card.id], starting_from=0, step_size=1, randomize=False, shift_existing=True)
        mw.col.decks.select(card.did)
        top = mw.col.sched.get_queued_cards(fetch_limit=1).cards[0]
        assert top.card.id == card.id, "the repositioned card comes first"
        card = mw.col.get_card(card.id)
        card.start_timer()
        mw.col.sched.answer_card(mw.col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD))
        reviewed.append(card.id)
    history = mw.col.db.all("select * from revlog order by id")
    check(data, len(history) == 2, f"two reviews: {len(history)}")
    cards_before = mw.col.db.all("select id, nid, did, ord, queue, type, due, ivl, reps, data from cards order by id")

    checks["import_log_2"] = _import_through_the_dialog(desktop, args.release2, "release-2", data)
    after = _notes(mw.col)
    check(data, len(after) == len(notes) + 1, f"nothing duplicated: {len(notes)} -> {len(after)} (+1 new note)")
    check(data, all(after[key][0] == notes[key][0] for key in notes), "every note kept its id")
    check(data, after[args.edited][1] != notes[args.edited][1], "the edited note was updated")
    changed = [key for key in notes if after[key][1:] != notes[key][1:]]
    check(data, changed == [args.edited], f"exactly the edited note changed: {changed}")
    check(data, mw.col.db.all("select * from revlog order by id") == history, "review history is kept")
    check(data, all(mw.col.get_card(card_id).reps == 1 for card_id in reviewed), "reviewed cards keep their state")
    cards_after = mw.col.db.all("select id, nid, did, ord, queue, type, due, ivl, reps, data from cards order by id")
    after_by_id = {row[0]: row for row in cards_after}
    differ = [(row, after_by_id.get(row[0])) for row in cards_before if after_by_id.get(row[0]) != row][:3]
    check(data, not differ, f"existing cards are untouched by the import: {differ}")
    moved_card = mw.col.get_card(mw.col.card_ids_of_note(after[args.moved][0])[0])
    deck_before = mw.col.decks.name(moved_card.did)

    # Tools > Interview Readiness > Apply deck update, through the real menu entry.
    status = mw.col.undo_status()
    desktop.trigger(mw.form.menuTools, MENU, DECK_UPDATE_ENTRY)
    checks["deck_update_tooltip"] = desktop.tooltip_text()
    check(data, mw.col.undo_status().undo == DECK_UPDATE_ENTRY, "one undo step named Apply deck update")
    moved_card.load()
    deck_after = mw.col.decks.name(moved_card.did)
    checks["moved"] = [deck_before, deck_after]
    check(
        data, deck_after != deck_before and deck_after.endswith(args.moved_to), f"moved: {deck_before} -> {deck_after}"
    )
    removed = mw.col.get_note(after[args.removed][0])
    check(data, "interview::retired" in removed.tags, f"the removed note is retired: {removed.tags}")
    check(data, {card.queue for card in removed.cards()} == {-1}, "its cards are suspended")
    check(data, mw.col.get_card(reviewed[1]).reps == 1, "the moved card keeps its history")
    _browser_after_update(desktop, moved_card.id, removed.id, data)

    mw.undo()  # Edit > Undo
    desktop.wait_for_operations()
    moved_card.load()
    check(data, mw.col.decks.name(moved_card.did) == deck_before, "Edit > Undo moves the card back")
    check(data, "interview::retired" not in mw.col.get_note(removed.id).tags, "Edit > Undo un-retires")
    check(data, mw.col.undo_status().undo == status.undo, "Edit > Undo removed exactly that step")
    _ = aqt


def _browser_after_update(desktop: AnkiDesktop, moved_card: int, retired_note: int, data: dict[str, Any]) -> None:
    """The result, as the user checks it: the Browser on the moved card and the retired note's cards, with their decks
    and the retired note's tag (suspended cards show yellow)."""
    import aqt

    mw = desktop.mw
    search = f"cid:{moved_card} or nid:{retired_note}"
    browser = aqt.dialogs.open("Browser", mw, search=(search,))
    browser.resize(1200, 420)
    browser.sidebarDockWidget.setVisible(False)  # NOTE: room for the table's Deck column
    browser.form.splitter.setSizes([760, 440])
    desktop.wait_until(lambda: browser.table.len() > 0, "the Browser's rows")
    # NOTE: the editor of the selected row must have loaded: closing the Browser earlier makes it call a `saveNow`
    # the page does not have yet (a JS error)
    desktop.wait_for_js(browser.editor.web, "typeof saveNow === 'function'", "the Browser's editor")
    desktop.spin(300)
    rows = browser.table.len()
    expected = len(mw.col.find_cards(search))
    check(data, rows == expected >= 2, f"the Browser shows the moved card and the retired note: {rows} of {expected}")
    facts = {"kind": "browser", "rows": rows, "search": search}
    data["screenshots"].append(str(desktop.screenshot(browser, "upgrade-after-deck-update.png", facts)))
    browser.close()
    desktop.spin(200)


def _notes(col: Any) -> dict[str, tuple[Any, ...]]:
    """Our notes by their Id field: (note id, fields, tags, mod)."""
    rows: dict[str, tuple[Any, ...]] = {}
    for note_id, fields, tags, mod in col.db.all("select id, flds, tags, mod from notes"):
        rows[fields.split("\x1f")[-1]] = (note_id, fields, tags, mod)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, required=True)
    phases = parser.add_subparsers(dest="phase", required=True)
    install_args = phases.add_parser("install")
    install_args.add_argument("--base", type=Path, required=True)
    install_args.add_argument("--addon", type=Path, required=True)
    upgrade_args = phases.add_parser("upgrade")
    upgrade_args.add_argument("--base", type=Path, required=True)
    upgrade_args.add_argument("--package", required=True)
    upgrade_args.add_argument("--defaults", type=Path, required=True)
    upgrade_args.add_argument("--release1", type=Path, required=True)
    upgrade_args.add_argument("--release2", type=Path, required=True)
    upgrade_args.add_argument("--edited", required=True)
    upgrade_args.add_argument("--removed", required=True)
    upgrade_args.add_argument("--moved", required=True)
    upgrade_args.add_argument("--moved-to", required=True)
    args = parser.parse_args(argv)
    with driver_report(args.report) as data:
        if args.phase == "install":
            install(args.base, args.addon, data)
        else:
            upgrade(args, data)


if __name__ == "__main__":
    main()
