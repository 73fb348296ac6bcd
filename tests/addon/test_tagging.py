"""Tagging on real collections: which notes land in which category, and the etiquette of the writes.

Every scenario goes through the `anki` package against a fresh collection: rules by deck, tag and note type; one undo
step that restores every tag exactly; a second run that changes nothing at all; other tags never touched.
"""

from __future__ import annotations

import pytest
from addon_helpers import CollectionBuilder
from anki.collection import Collection

from addon.rules import TAGGING, Rule, Settings, default_settings
from addon.settings import load_settings
from addon.tagging import (
    EXCLUDED_TAG,
    SET_CATEGORY_UNDO,
    TAG_NOW_UNDO,
    notes_by_category,
    plan_tagging,
    set_category,
    tag_added_notes,
    tag_collection,
    use_rules,
)


@pytest.fixture
def build(col: Collection) -> CollectionBuilder:
    return CollectionBuilder(col)


def categories_of(col: Collection) -> dict[str, set[int]]:
    return {key: set(ids) for key, ids in notes_by_category(col).items() if ids}


def other_tags(rows: list[list[object]]) -> dict[object, list[str]]:
    """Each note's tags outside `interview::`, in stored order and case."""
    return {row[0]: [tag for tag in str(row[1]).split() if not tag.lower().startswith("interview::")] for row in rows}


def test_default_rules_place_our_decks_and_community_decks_by_name(col: Collection, build: CollectionBuilder) -> None:
    ours = build.note("MLE Interview::Algorithms::Two Pointers")
    ours_sd = build.note("MLE Interview::System Design")
    ours_mc = build.note("MLE Interview::ML Concepts::Metrics")
    ours_md = build.note("MLE Interview::ML Design")
    leetcode = build.note("LeetCode Top 150::Arrays")
    leetcode_lower = build.note("my leetcode grind")
    primer = build.note("System Design Primer")
    spanish = build.note("Spanish", tags=["vocab"])

    result = tag_collection(col, default_settings())

    assert categories_of(col) == {
        "algorithms": {ours, leetcode, leetcode_lower},
        "system-design": {ours_sd, primer},
        "ml-concepts": {ours_mc},
        "ml-design": {ours_md},
    }
    assert build.tags(leetcode) == ["interview::algorithms"]
    assert build.tags(spanish) == ["vocab"]
    assert result.plan.added == 7
    assert result.plan.uncategorized == 1
    assert "Algorithms: 3 notes (+3 new)" in result.summary()
    assert "ML Design: 1 notes (+1 new)" in result.summary()


def test_notes_that_already_carry_a_category_keep_it_and_are_counted(col: Collection, build: CollectionBuilder) -> None:
    topic = build.note("LeetCode", tags=["interview::system-design::caching", "mine"])
    shouted = build.note("Default", tags=["Interview::ML-Design"])
    before = build.rows()

    result = tag_collection(col, default_settings())

    assert result.plan.is_empty()
    assert build.rows() == before
    assert result.plan.totals["system-design"] == 1
    assert result.plan.totals["ml-design"] == 1
    assert categories_of(col) == {"system-design": {topic}, "ml-design": {shouted}}
    assert "up to date" in result.summary()


def test_tag_and_note_type_rules_and_first_match_wins(col: Collection, build: CollectionBuilder) -> None:
    settings = Settings(
        rules=(
            Rule("tag", "grind75", "algorithms"),
            Rule("note_type", "ML Flash*", "ml-concepts"),
            Rule("deck", "Papers", "ml-design"),
            Rule("tag", "paper*", "system-design"),
        )
    )
    build.notetype("ML Flashcard")
    by_tag_child = build.note("Default", tags=["Grind75::Easy"])
    by_notetype = build.note("Default", notetype="ML Flashcard")
    tag_beats_notetype = build.note("Default", tags=["grind75"], notetype="ML Flashcard")
    notetype_beats_deck = build.note("Papers", notetype="ML Flashcard")
    deck_beats_later_tag = build.note("Papers", tags=["papers"])
    by_later_tag = build.note("Default", tags=["paperwork"])
    nothing = build.note("Default", tags=["grind"])

    tag_collection(col, settings)

    assert categories_of(col) == {
        "algorithms": {by_tag_child, tag_beats_notetype},
        "ml-concepts": {by_notetype, notetype_beats_deck},
        "ml-design": {deck_beats_later_tag},
        "system-design": {by_later_tag},
    }
    assert build.tags(nothing) == ["grind"]


def test_a_card_in_a_filtered_deck_counts_for_its_home_deck(col: Collection, build: CollectionBuilder) -> None:
    note_id = build.note("LeetCode")
    filtered = col.sched.get_or_create_filtered_deck(deck_id=0)  # type: ignore[arg-type]
    filtered.name = "Cram"
    filtered.config.search_terms[0].search = "deck:LeetCode"
    col.sched.add_or_update_filtered_deck(filtered)
    assert build.db.scalar("select count() from cards where odid != 0") == 1

    tag_collection(col, default_settings())

    assert build.tags(note_id) == ["interview::algorithms"]


def test_undo_is_one_named_step_that_restores_every_tag_exactly(col: Collection, build: CollectionBuilder) -> None:
    for index in range(30):
        build.note("LeetCode", tags=["ZZ", f"user::tag{index}", "aa"])
        build.note("System Design", tags=["Mixed_Case"])
        build.note("MLE Interview::ML Design", tags=["interview::retired"])
        build.note("Elsewhere", tags=["keep"])
    before = build.rows()
    step_before = col.undo_status()

    result = tag_collection(col, default_settings())
    assert result.plan.added == 90
    assert col.undo_status().undo == TAG_NOW_UNDO
    assert other_tags(build.rows()) == other_tags(before)

    col.undo()

    assert build.rows() == before
    assert col.undo_status().undo == step_before.undo
    assert col.undo_status().redo == TAG_NOW_UNDO


def test_a_second_run_changes_nothing_no_undo_step_and_no_mod_bump(col: Collection, build: CollectionBuilder) -> None:
    for _ in range(20):
        build.note("LeetCode")
        build.note("MLE Interview::Algorithms", tags=["interview::algorithms::two-pointers"])
        build.note("Elsewhere")
    tag_collection(col, default_settings())
    rows = build.rows()
    status = col.undo_status()
    col_mod = col.mod

    second = tag_collection(col, default_settings())

    assert second.plan.is_empty()
    assert not col.op_made_changes(second.changes)
    assert build.rows() == rows
    assert col.undo_status() == status
    assert col.mod == col_mod
    assert second.plan.totals["algorithms"] == 40


def test_user_tags_are_never_touched(col: Collection, build: CollectionBuilder) -> None:
    odd_tags = ["leetcode", "LeetCode::Hard", "interviewing", "interview_prep", "system-design", "marked", "日本語"]
    note_ids = [build.note("LeetCode", tags=odd_tags), build.note("Other", tags=odd_tags, notetype="Cloze")]
    before = build.rows()

    tag_collection(col, load_settings({"rules": [{"tag": "leetcode", "category": "algorithms"}]}).get(TAGGING))

    assert other_tags(build.rows()) == other_tags(before)
    for note_id in note_ids:
        assert [tag for tag in build.tags(note_id) if tag.startswith("interview")] == [
            "interview::algorithms",
            "interview_prep",
            "interviewing",
        ]


def test_the_browser_sets_one_category_as_one_undo_step(col: Collection, build: CollectionBuilder) -> None:
    ours = build.note("MLE Interview::Algorithms", tags=["interview::algorithms::two-pointers", "mine"])
    plain = build.note("Default", tags=["other"])
    before = build.rows()

    set_category(col, [ours, plain], "ml-design")

    assert build.tags(ours) == ["interview::ml-design", "interview::parked::algorithms::two-pointers", "mine"]
    assert build.tags(plain) == ["interview::ml-design", "other"]
    assert categories_of(col) == {"ml-design": {ours, plain}}, "a parked topic counts for no category"
    assert col.undo_status().undo == SET_CATEGORY_UNDO
    col.undo()
    assert build.rows() == before


def test_topic_tags_survive_every_manual_choice_and_by_rules_restores_them(
    col: Collection, build: CollectionBuilder
) -> None:
    original = ["interview::algorithms::graphs", "Interview::Algorithms::Trees::BST", "mine"]  # as Anki orders them
    note_id = build.note("MLE Interview::Algorithms", tags=original)
    assert build.tags(note_id) == original
    other = build.note("MLE Interview::ML Design", tags=["interview::ml-design::ranking"])

    set_category(col, [note_id, other], "ml-design")
    assert categories_of(col) == {"ml-design": {note_id, other}}
    assert "interview::ml-design::ranking" in build.tags(other), "the chosen category's topics stay"

    set_category(col, [note_id], "algorithms")
    assert build.tags(note_id) == ["interview::algorithms", *original[:2], "mine"], "the topics come back"

    set_category(col, [note_id], "system-design")
    set_category(col, [note_id], None)
    assert build.tags(note_id) == [
        EXCLUDED_TAG,
        "interview::parked::algorithms::graphs",
        "interview::parked::Algorithms::Trees::BST",
        "mine",
    ]
    assert categories_of(col) == {"ml-design": {other}}
    assert tag_collection(col, default_settings()).plan.is_empty(), "rules leave an excluded note alone"

    result = use_rules(col, [note_id, other], default_settings())
    assert build.tags(note_id) == original
    assert build.tags(other) == ["interview::ml-design::ranking"]
    assert result.plan.added == 0, "the restored topics place both notes; no bare tag is needed"
    assert categories_of(col) == {"algorithms": {note_id}, "ml-design": {other}}


def test_tag_rules_ignore_the_add_ons_own_tags(col: Collection, build: CollectionBuilder) -> None:
    parked = build.note("Default", tags=["interview::parked::algorithms::graphs"])
    settings = load_settings({"rules": [{"tag": "interview*", "category": "system-design"}]}).get(TAGGING)
    assert tag_collection(col, settings).plan.is_empty()
    assert build.tags(parked) == ["interview::parked::algorithms::graphs"]


def test_clearing_excludes_the_notes_until_they_go_back_under_the_rules(
    col: Collection, build: CollectionBuilder
) -> None:
    note_id = build.note("LeetCode", tags=["interview::algorithms", "mine"])

    set_category(col, [note_id], None)
    assert build.tags(note_id) == [EXCLUDED_TAG, "mine"]
    assert tag_collection(col, default_settings()).plan.excluded == 1
    assert build.tags(note_id) == [EXCLUDED_TAG, "mine"]

    result = use_rules(col, [note_id], default_settings())
    assert result.plan.added == 1
    assert build.tags(note_id) == ["interview::algorithms", "mine"]
    assert col.undo_status().undo == SET_CATEGORY_UNDO


def test_by_rules_keeps_topic_tags_and_drops_a_manual_choice(col: Collection, build: CollectionBuilder) -> None:
    ours = build.note("MLE Interview::Algorithms", tags=["interview::algorithms::heaps", "interview::ml-design"])
    leetcode = build.note("LeetCode", tags=["interview::ml-design"])

    use_rules(col, [ours, leetcode], default_settings())

    assert build.tags(ours) == ["interview::algorithms::heaps"]
    assert build.tags(leetcode) == ["interview::algorithms"]


def test_a_new_note_is_tagged_within_its_add_step(col: Collection, build: CollectionBuilder) -> None:
    note_id = build.note("LeetCode::Graphs", tags=["mine"])
    add_step = col.undo_status().last_step

    result = tag_added_notes(col, default_settings(), [note_id], add_step)

    assert result.plan.added == 1
    assert build.tags(note_id) == ["interview::algorithms", "mine"]
    assert col.undo_status().last_step == add_step
    col.undo()
    assert build.db.scalar("select count() from notes") == 0


def test_a_new_note_outside_every_rule_writes_nothing(col: Collection, build: CollectionBuilder) -> None:
    note_id = build.note("Spanish")
    status = col.undo_status()
    rows = build.rows()

    result = tag_added_notes(col, default_settings(), [note_id], status.last_step)

    assert result.plan.is_empty()
    assert col.undo_status() == status
    assert build.rows() == rows


def test_a_new_note_after_another_step_gets_its_own_undo_step(col: Collection, build: CollectionBuilder) -> None:
    note_id = build.note("LeetCode")
    add_step = col.undo_status().last_step
    build.note("Spanish")

    tag_added_notes(col, default_settings(), [note_id], add_step)

    assert col.undo_status().undo == TAG_NOW_UNDO
    col.undo()
    assert build.tags(note_id) == []


def test_planning_for_some_notes_looks_at_those_notes_only(col: Collection, build: CollectionBuilder) -> None:
    first = build.note("LeetCode")
    build.note("LeetCode")
    plan = plan_tagging(col, default_settings(), [first])
    assert plan.notes == 1
    assert dict(plan.additions) == {"algorithms": [first]}
    assert plan_tagging(col, default_settings(), []).notes == 0
