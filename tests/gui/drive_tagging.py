"""Drive the real Anki desktop through the add-on's tagging entries; run by test_tagging_desktop.py in a subprocess.

    python tests/gui/drive_tagging.py --report R.json install --base DIR --addon X.ankiaddon
    python tests/gui/drive_tagging.py --report R.json drive --base DIR --deck D.apkg --package NAME

`install` starts Anki with no add-on and installs ours through Anki's add-on manager, then quits. `drive` starts Anki
again, so the add-on loads the way it does for a user, then imports our deck, tags, checks, takes screenshots and
quits. Each phase exits 0 only with an empty list of problems in its report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness import AnkiDesktop, check, desktop_session, driver_main

TOOLS_ENTRY = ("Interview Readiness", "Tag cards by interview category")
COMMUNITY_NOTES = {  # deck -> (notes, their tags): the kind of decks users bring from elsewhere
    "LeetCode Top 150::Arrays": (3, ["leetcode", "Hard::Review"]),
    "System Design Primer": (2, ["sdp"]),
    "Spanish": (1, ["vocab"]),
}


def install(base: Path, addon: Path, data: dict[str, Any]) -> None:
    with desktop_session(base, data, install=addon) as desktop:
        data["checks"]["installed"] = sorted(meta.dir_name for meta in desktop.mw.addonManager.all_addon_meta())


def drive(base: Path, deck: Path, package: str, data: dict[str, Any]) -> None:
    with desktop_session(base, data) as desktop:
        _drive(desktop, deck, package, data)


def _drive(desktop: AnkiDesktop, deck: Path, package: str, data: dict[str, Any]) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from aqt.operations import CollectionOp

    mw = desktop.mw
    module = desktop.addon_module(package)
    check(data, module is not None and module.gui.addon() is not None, "the add-on started when Anki loaded it")
    checks = data["checks"]

    # Our built deck, through Anki's own importer, as a background operation like the import dialog's.
    request = ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
    CollectionOp(mw, lambda col: col.import_anki_package(request)).run_in_background()
    desktop.wait_for_operations()
    ours = _rows(mw.col, "select id, tags, mod from notes")
    checks["deck_notes"] = len(ours)
    check(data, len(ours) > 0, "our deck imported notes")

    for deck_name, (count, tags) in COMMUNITY_NOTES.items():
        deck_id = mw.col.decks.id(deck_name)
        for index in range(count):
            note = mw.col.new_note(mw.col.models.by_name("Basic"))
            note["Front"] = f"{deck_name} {index}"
            note.tags = list(tags)
            mw.col.add_note(note, deck_id)
    before = _rows(mw.col, "select id, tags, mod from notes")

    # Tools > Interview Readiness > Tag cards by interview category
    desktop.trigger(mw.form.menuTools, *TOOLS_ENTRY)
    tooltip = desktop.tooltip_text()
    checks["tooltip"] = tooltip
    check(data, "Tagged 5 notes by interview category" in tooltip, f"tooltip counts the new notes: {tooltip!r}")
    check(data, "Algorithms:" in tooltip and "ML Design:" in tooltip, "tooltip lists every category")
    check(data, mw.col.undo_status().undo == TOOLS_ENTRY[1], "one undo step named like the menu entry")
    after = _rows(mw.col, "select id, tags, mod from notes")
    leetcode = mw.col.find_notes('"deck:LeetCode Top 150"')
    primer = mw.col.find_notes('"deck:System Design Primer"')
    spanish = mw.col.find_notes("deck:Spanish")
    leetcode_tags = {n: sorted(after[n][0].split()) for n in leetcode}
    expected = sorted(["interview::algorithms", "leetcode", "Hard::Review"])
    check(data, all(t == expected for t in leetcode_tags.values()), f"LeetCode notes: {leetcode_tags}")
    check(data, all("interview::system-design" in after[n][0].split() for n in primer), "System Design Primer tags")
    check(data, all(after[n] == before[n] for n in spanish), "an unrelated deck is untouched")
    check(data, all(after[n] == before[n] for n in ours), "our deck's notes, already categorized, are untouched")
    by_category = {key: len(mw.col.find_notes(f"tag:interview::{key}")) for key in module.categories.CATEGORY_KEYS}
    checks["notes_by_category"] = by_category
    check(data, by_category["algorithms"] >= 3 and by_category["system-design"] >= 2, f"counts {by_category}")
    mw.deckBrowser.refresh()
    data["screenshots"].append(str(desktop.screenshot(mw, "tagging-main-window.png")))
    data["screenshots"].append(str(desktop.screenshot(desktop.tooltip_label(), "tagging-tooltip.png")))
    submenu = desktop.find_action(mw.form.menuTools, TOOLS_ENTRY[0]).menu()
    data["screenshots"].append(str(desktop.screenshot(submenu, "tagging-tools-menu.png")))

    # Again: nothing changes, no undo step.
    status = mw.col.undo_status()
    desktop.trigger(mw.form.menuTools, *TOOLS_ENTRY)
    check(data, "up to date" in desktop.tooltip_text(), "the second run says there is nothing to tag")
    check(data, _rows(mw.col, "select id, tags, mod from notes") == after, "the second run changes no note")
    check(data, mw.col.undo_status().undo == status.undo, "the second run adds no undo step")

    _browser_sets_a_category(desktop, primer, data)
    _added_note_is_tagged(desktop, data)
    _malformed_config_is_explained(desktop, package, data)


def _browser_sets_a_category(desktop: AnkiDesktop, note_ids: list[int], data: dict[str, Any]) -> None:
    """Right-click in the Browser > Interview category > ML Design, through the table's real context menu."""
    import aqt

    mw = desktop.mw
    browser = aqt.dialogs.open("Browser", mw)
    # NOTE: closing the Browser before its editor page has loaded makes Anki itself log "saveNow is not defined".
    desktop.wait_for_js(browser.editor.web, "typeof saveNow === 'function'", "the Browser's editor")
    selected = _browser_pick(desktop, browser, '"deck:System Design Primer"', len(note_ids), "ML Design")
    tags = {note_id: mw.col.get_note(note_id).tags for note_id in note_ids}
    check(data, all(t == ["interview::ml-design", "sdp"] for t in tags.values()), f"browser set ML Design: {tags}")
    check(data, mw.col.undo_status().undo == "Set interview category", "the browser change is one named undo step")
    browser.search_for("tag:interview::ml-design")
    desktop.spin(200)
    check(data, sorted(selected) == sorted(note_ids), f"the selection was the System Design Primer notes: {selected}")
    data["screenshots"].append(str(desktop.screenshot(browser, "tagging-browser.png")))
    mw.undo()
    desktop.wait_for_operations()
    tags = {note_id: mw.col.get_note(note_id).tags for note_id in note_ids}
    check(data, all(t == ["interview::system-design", "sdp"] for t in tags.values()), f"Edit > Undo restores: {tags}")
    _topic_tags_survive_the_browser_menu(desktop, browser, data)
    browser.close()
    desktop.spin(200)


def _topic_tags_survive_the_browser_menu(desktop: AnkiDesktop, browser: Any, data: dict[str, Any]) -> None:
    """One of our notes with a topic tag, moved to another category and back through the menu, then "By rules"."""
    mw = desktop.mw
    note_id = mw.col.find_notes("tag:interview::algorithms::*")[0]
    original = mw.col.get_note(note_id).tags
    search = f"nid:{note_id}"
    _browser_pick(desktop, browser, search, 1, "ML Design")
    moved = mw.col.get_note(note_id).tags
    _browser_pick(desktop, browser, search, 1, "Algorithms")
    back = mw.col.get_note(note_id).tags
    _browser_pick(desktop, browser, search, 1, "None (not interview material)")
    _browser_pick(desktop, browser, search, 1, "By rules (undo a manual choice)")
    restored = mw.col.get_note(note_id).tags
    data["checks"]["topic_tags"] = {"original": original, "moved": moved, "back": back, "restored": restored}
    topics = [tag for tag in original if tag.count("::") >= 2]
    check(data, bool(topics), f"the note has a topic tag: {original}")
    check(data, not any(tag in moved for tag in topics), f"ML Design takes it out of algorithms: {moved}")
    check(data, all(tag in back for tag in topics), f"Algorithms brings the topic back: {back}")
    check(data, restored == original, f"By rules restores the original tags: {original} -> {restored}")


def _browser_pick(desktop: AnkiDesktop, browser: Any, search: str, count: int, entry: str) -> list[int]:
    """Search, select every result, and pick Interview category > `entry` from the table's real context menu."""
    from aqt.qt import QApplication, QMenu, QPoint, QTimer

    browser.search_for(search)
    desktop.wait_until(lambda: browser.table.len() == count, f"{count} results for {search} in the Browser")
    browser.table.select_all()
    desktop.wait_until(lambda: len(browser.selected_notes()) == count, "every result to be selected")
    selected = list(browser.selected_notes())
    picked: list[str] = []
    at_trigger: list[int] = []

    def pick() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(50, pick)
            return
        action = desktop.find_action(popup, "Interview category", entry)
        picked.append(action.text())
        at_trigger.extend(browser.selected_notes())
        popup.close()
        action.trigger()

    QTimer.singleShot(50, pick)
    browser.table._on_context_menu(QPoint(0, 0))  # blocks in QMenu.exec until pick() closes it
    desktop.wait_for_operations()
    assert picked == [entry], f"the context menu had Interview category > {entry}: {picked}"
    assert at_trigger == selected, f"the notes selected when {entry} was picked: {at_trigger}, not {selected}"
    return selected


def _added_note_is_tagged(desktop: AnkiDesktop, data: dict[str, Any]) -> None:
    """Tools > Add (the default Add window): a note added to a LeetCode deck arrives tagged."""
    import aqt

    mw = desktop.mw
    deck_id = mw.col.decks.id("LeetCode Top 150::Arrays")
    add_cards = aqt.dialogs.open("AddCards", mw)
    desktop.wait_until(lambda: add_cards.editor.note is not None, "the Add window's note")
    desktop.wait_for_js(add_cards.editor.web, "typeof saveNow === 'function'", "the Add window's editor")
    add_cards.deck_chooser.selected_deck_id = deck_id
    add_cards.editor.note["Front"] = "Two sum"
    add_cards.editor.note["Back"] = "hash map"
    add_cards.editor.loadNote()
    desktop.spin(200)
    existing = set(mw.col.find_notes(""))
    add_cards.add_current_note()
    desktop.wait_until(lambda: len(mw.col.find_notes("")) > len(existing), "the note to be added", timeout_s=30)
    desktop.wait_for_operations()
    new = [note_id for note_id in mw.col.find_notes("") if note_id not in existing]
    tags = [mw.col.get_note(note_id).tags for note_id in new]
    data["checks"]["added_note_tags"] = tags
    check(data, tags == [["interview::algorithms"]], f"the added note is tagged by the rules: {tags}")
    check(data, mw.col.undo_status().undo == "Add Note", "its tag joined the Add Note undo step")
    data["screenshots"].append(str(desktop.screenshot(add_cards, "tagging-add-window.png")))
    add_cards.close()
    desktop.spin(200)


def _malformed_config_is_explained(desktop: AnkiDesktop, package: str, data: dict[str, Any]) -> None:
    """Saving a broken config in Anki's config editor: one message, then the defaults keep working."""
    mw = desktop.mw
    broken = {"rules": [{"deck": "LeetCode", "category": "algo"}]}
    desktop.catcher.expected_dialogs.append("config has a problem")
    mw.addonManager.writeConfig(package, broken)
    mw.addonManager._configUpdatedActions[package](broken)  # what the config editor's Save calls
    desktop.spin(300)
    explained = [text for text in desktop.catcher.dialogs if "config has a problem" in text]
    data["checks"]["config_message"] = explained
    check(data, len(explained) == 1 and 'unknown category "algo"' in explained[0], f"one message: {explained}")
    desktop.trigger(mw.form.menuTools, *TOOLS_ENTRY)
    check(data, "up to date" in desktop.tooltip_text(), "tagging still works on the default rules")
    check(data, len([t for t in desktop.catcher.dialogs if "config has a problem" in t]) == 1, "explained only once")


def _rows(col: Any, sql: str) -> dict[int, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in col.db.all(sql)}


if __name__ == "__main__":
    driver_main(__doc__, install, drive)
