"""The undo property, for every add-on entry that writes: it completes as exactly one undo step, whose undo restores
the collection row for row, or it changes nothing and leaves the undo history as it was. Failure paths included.

`check_write` compares every table a write can touch, and the labels Edit > Undo and Edit > Redo offer, before the
write, after it, and after one undo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from addon_helpers import CollectionBuilder
from anki.collection import Collection
from anki.decks import DeckId
from anki.errors import FilteredDeckError
from practice_history import History, make_practice_history, mock
from test_deck_update_compat import ROOT, _note, _notetype, _release
from test_readiness import make_history

from addon import deck_update, tagging, weakest
from addon.categories import CATEGORY_KEYS
from addon.practice import daily, grading, items, log, pick, record
from addon.practice.errors import PracticeError
from addon.practice.timing import Marks, timing
from addon.readiness import compute_report
from addon.rules import default_settings
from addon.undo import one_undo_step

TABLES = ("cards", "notes", "decks", "revlog", "tags", "graves", "config", "deck_config")


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


def state(col: Collection) -> dict[str, list[Any]]:
    assert col.db is not None
    return {table: col.db.all(f"select * from {table} order by 1") for table in TABLES}


def offered(col: Collection) -> tuple[str, str]:
    status = col.undo_status()
    return status.undo, status.redo


def check_write(col: Collection, write: Callable[[], object], label: str | None) -> object:
    """Run `write` and check the property. `label`: the one step it must make, or None when it must change nothing
    (raising or not). Returns what `write` returned, or the exception it raised."""
    before, history = state(col), offered(col)
    try:
        outcome: object = write()
    except Exception as error:
        outcome = error
    after = state(col)
    if label is None:
        assert after == before, f"nothing changed ({outcome!r})"
        assert offered(col) == history, "the undo history is as it was"
        return outcome
    assert not isinstance(outcome, Exception), outcome
    assert after != before, "the write changed something"
    assert offered(col)[0] == label, "exactly one step, with its name"
    col.undo()
    assert state(col) == before, "one undo takes all of it back"
    assert offered(col) == (history[0], label), "and the step before it is the last one again"
    col.redo()
    assert state(col) == after, "redo brings it back"
    return outcome


# Tagging ###############################################################################################


def test_tagging_entries(col: Collection) -> None:
    build = CollectionBuilder(col)
    leetcode = build.note("LeetCode::Arrays", tags=["mine"])
    ours = build.note("MLE Interview::Algorithms", tags=["interview::algorithms::graphs"])
    settings = default_settings()

    check_write(col, lambda: tagging.tag_collection(col, settings), tagging.TAG_NOW_UNDO)
    check_write(col, lambda: tagging.tag_collection(col, settings), None)  # nothing left to tag
    for category in (*CATEGORY_KEYS, None):
        check_write(col, lambda c=category: tagging.set_category(col, [ours, leetcode], c), tagging.SET_CATEGORY_UNDO)
    check_write(col, lambda: tagging.use_rules(col, [ours, leetcode], settings), tagging.SET_CATEGORY_UNDO)
    error = check_write(col, lambda: tagging.set_category(col, [ours], "no-such-category"), None)
    assert isinstance(error, KeyError)


def test_a_new_notes_tags_join_its_add_step_or_make_their_own(col: Collection) -> None:
    build = CollectionBuilder(col)
    settings = default_settings()
    build.deck("LeetCode::Graphs")  # NOTE: the Add window adds to a deck that exists

    def add_and_tag() -> None:
        note_id = build.note("LeetCode::Graphs")
        tagging.tag_added_notes(col, settings, [note_id], col.undo_status().last_step)

    check_write(col, add_and_tag, "Add Note")  # one step: the note and its tag
    note_id = build.note("LeetCode::Trees")
    add_step = col.undo_status().last_step
    col.tags.bulk_add([build.note("Spanish")], "vocab")  # another step after the add
    check_write(col, lambda: tagging.tag_added_notes(col, settings, [note_id], add_step), tagging.TAG_NOW_UNDO)
    spanish = build.note("Spanish")
    check_write(col, lambda: tagging.tag_added_notes(col, settings, [spanish], col.undo_status().last_step), None)


# Apply deck update ######################################################################################


def test_deck_update_entries(col: Collection) -> None:
    notetype_id = _notetype(col)
    moved = _note(col, notetype_id, "moved", f"{ROOT}::A")
    _note(col, notetype_id, "dropped", f"{ROOT}::A")
    blocked = _note(col, notetype_id, "blocked", f"{ROOT}::A")
    _release(col, notetype_id, {f"{ROOT}::B": ("moved",), f"{ROOT}::C::Deep": ("blocked",)})
    filtered = col.sched.get_or_create_filtered_deck(DeckId(0))
    filtered.name = f"{ROOT}::C"  # a filtered deck where the release wants a normal one: no move can go there
    filtered.config.search_terms[0].search = "deck:nothing-matches"
    filtered.allow_empty = True
    col.sched.add_or_update_filtered_deck(filtered)

    result = check_write(col, lambda: deck_update.update_decks(col), deck_update.APPLY_UNDO)
    assert isinstance(result, deck_update.DeckUpdateResult)
    assert "filtered deck is in the way" in result.summary()
    assert [col.decks.name(card.did) for card in col.get_note(moved).cards()] == [f"{ROOT}::B"]  # type: ignore[arg-type]
    assert [col.decks.name(card.did) for card in col.get_note(blocked).cards()] == [f"{ROOT}::A"]  # type: ignore[arg-type]
    check_write(col, lambda: deck_update.update_decks(col), None)  # nothing more it can do

    copy = col.decks.get(col.decks.id("Copy"))  # type: ignore[arg-type]
    copy["desc"] = col.decks.get(col.decks.id_for_name(ROOT))["desc"]  # type: ignore[index]
    col.decks.save(copy)
    col.decks.rename(col.decks.id_for_name(ROOT), "Renamed")  # type: ignore[arg-type]
    ambiguous = check_write(col, lambda: deck_update.update_decks(col), None)
    assert "more than one root deck" in ambiguous.summary()  # type: ignore[attr-defined]


# Study weakest and the practice decks (filtered decks) ##################################################


@pytest.fixture
def studied(col: Collection) -> Collection:
    make_history(col, fsrs=True)
    return col


def test_study_weakest(studied: Collection) -> None:
    col = studied
    report = compute_report(col)
    check_write(col, lambda: weakest.study_weakest(col, report, "algorithms", 3), weakest.undo_label("algorithms"))
    error = check_write(col, lambda: weakest.study_weakest(col, report, "system-design", 3), None)
    assert isinstance(error, weakest.NothingToStudyError)


def test_study_weakest_when_anki_cannot_build_the_deck(studied: Collection) -> None:
    col = studied
    report = compute_report(col)
    cram = col.sched.get_or_create_filtered_deck(DeckId(0))
    cram.name = "Cram"
    cram.config.search_terms[0].search = "tag:interview::algorithms -is:new"
    col.sched.add_or_update_filtered_deck(cram)  # every studied card is in another filtered deck
    check_write(col, lambda: weakest.study_weakest(col, report, "algorithms", 3), None)


def test_study_and_start_a_topic(studied: Collection) -> None:
    col = studied
    build = CollectionBuilder(col)
    for index in range(3):
        build.note("MLE Interview::Algorithms", tags=["interview::algorithms::tries"], front=f"new {index}")
    report = compute_report(col)
    studied_topic = report.categories["algorithms"].weakest_studied_topics[0].tag
    new_topic = "interview::algorithms::tries"
    study_label = weakest.topic_undo_label(weakest.STUDY, studied_topic)
    start_label = weakest.topic_undo_label(weakest.START, new_topic)

    check_write(col, lambda: weakest.study_topic(col, report, studied_topic), study_label)
    check_write(col, lambda: weakest.study_topic(col, report, studied_topic), None)  # it holds them already
    check_write(col, lambda: weakest.start_topic(col, report, new_topic, 2), start_label)
    for write in (
        lambda: weakest.study_topic(col, report, new_topic),  # not started: nothing to study
        lambda: weakest.start_topic(col, report, studied_topic, 2),  # every card started
        lambda: weakest.study_topic(col, report, "leetcode::graphs"),  # not an interview topic
    ):
        assert isinstance(check_write(col, write, None), weakest.NothingToStudyError)
    col.decks.remove([DeckId(col.decks.id_for_name(weakest.topic_deck_name(weakest.STUDY, studied_topic)))])
    col.decks.id(weakest.topic_deck_name(weakest.STUDY, studied_topic))  # a normal deck of the user's, our name
    taken = check_write(col, lambda: weakest.study_topic(col, report, studied_topic), None)
    assert isinstance(taken, weakest.NothingToStudyError)


@pytest.fixture
def practice(col: Collection) -> History:
    return make_practice_history(col)


def test_practice_entries(col: Collection, practice: History) -> None:
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    chosen = daily.plan(ranked, 3, pick.DEFAULT_MIX)
    check_write(col, lambda: daily.make_daily_deck(col, chosen), daily.UNDO_LABEL)
    assert isinstance(check_write(col, lambda: daily.make_daily_deck(col, []), None), PracticeError)

    check_write(col, lambda: mock(col, practice["e3"], "coding", [9, 4], grading.WITHIN), "Mock interview: Coding")
    contradicted = check_write(col, lambda: mock(col, practice["m2"], "coding", [40, 20], grading.WITHIN), None)
    assert isinstance(contradicted, ValueError)
    candidate = next(c for c in items.candidates(col, "coding") if c.card_id == practice["h0"])
    col.remove_notes([candidate.note_id])  # type: ignore[list-item]
    attempt = timing(candidate.phases, Marks(0.0, (), 60.0), 60.0)
    gone = check_write(
        col, lambda: record.record_attempt(col, candidate.card_id, "coding", attempt, grading.ANSWER), None
    )
    assert isinstance(gone, PracticeError)


# The helper itself, on a write that fails half-way for real ##############################################


def test_a_write_that_fails_half_way_is_taken_back(col: Collection) -> None:
    build = CollectionBuilder(col)
    note_id = build.note("A")
    card_ids = [card.id for card in col.get_note(note_id).cards()]
    filtered = col.sched.get_or_create_filtered_deck(DeckId(0))
    filtered.name = "F"
    filtered.allow_empty = True
    filtered_id = col.sched.add_or_update_filtered_deck(filtered).id
    before, history = state(col), offered(col)

    def half_way() -> None:
        col.tags.bulk_add([note_id], "first-half")
        col.set_deck(card_ids, DeckId(filtered_id))  # Anki refuses: cards cannot move into a filtered deck

    with pytest.raises(FilteredDeckError):
        one_undo_step(col, "Half a write", half_way)
    assert state(col) == before, "the half that was written is taken back"
    assert offered(col) == (history[0], "Half a write"), "Undo offers what it offered; the step is left as Redo"
