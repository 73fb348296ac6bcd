"""Weakest studied topics, not-started topics, and the filtered decks behind Study, Start and "Study the weakest".

On a collection after three weeks of study. The weakest list is checked against a computation written out here from
each card's stored FSRS state; the decks against the cards the list describes; and every deck button against the
undo rules: one click is one undo step or nothing, a refusal writes nothing, a user's deck is never replaced.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from anki.collection import Collection
from anki.decks import DeckId
from three_weeks import ALGORITHM_TOPICS, WEAK_TOPIC

from addon.readiness import compute_report, real_today
from addon.weakest import (
    MARKER_KEY,
    NothingToStudyError,
    deck_name,
    start_topic,
    study_topic,
    study_weakest,
    topic_deck_name,
)

ALG = "interview::algorithms"
DAYS = 14


def recall_on_the_day(col: Collection, card_id: int, days: int, now: float) -> float:
    """FSRS's curve from the card's stored state, `days` after now."""
    assert col.db is not None
    data = json.loads(col.db.scalar("select data from cards where id = ?", card_id) or "{}")
    decay = data.get("decay", 0.5)
    factor = 0.9 ** (-1 / decay) - 1
    # NOTE: Anki 24.11 writes no `lrt`: the last rated review in the log then
    last = data.get("lrt") or col.db.scalar("select max(id) from revlog where cid = ? and ease > 0", card_id) / 1000
    elapsed = (now - last) / 86400 + days
    return float((1 + factor * elapsed / data["s"]) ** -decay)


def test_weakest_studied_topics_never_list_an_unstudied_topic(studied: Collection) -> None:
    now = __import__("time").time()
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS), now=now)
    algorithms = report.categories["algorithms"]
    expected = {}
    for topic in ALGORITHM_TOPICS:
        tag = f"{ALG}::{topic}"
        card_ids = studied.find_cards(f"tag:{tag} -is:new -is:suspended")
        if card_ids:
            values = [recall_on_the_day(studied, card_id, DAYS, now) for card_id in card_ids]
            expected[tag] = (sum(values) / len(values), len(card_ids))
    ranked = sorted(expected, key=lambda tag: (expected[tag][0], tag))
    assert [topic.tag for topic in algorithms.weakest_studied_topics] == ranked[:5]
    for topic in algorithms.weakest_studied_topics:
        assert topic.studied == expected[topic.tag][1] > 0
        assert topic.recall_at_interview == pytest.approx(expected[topic.tag][0], abs=1e-9)
    assert f"{ALG}::{WEAK_TOPIC}" in ranked[:2], "the topic answered Again most is among the weakest"
    not_started = [topic.tag for topic in algorithms.not_started_topics]
    assert not_started == [f"{ALG}::tries"]
    assert not set(not_started) & set(ranked)
    assert report.categories["ml-concepts"].weakest_studied_topics == ()
    # The old list keeps its meaning: every topic, unseen cards at 0.
    assert {topic.tag for topic in algorithms.weakest_topics} == {f"{ALG}::{t}" for t in ALGORITHM_TOPICS}


def test_study_makes_a_deck_of_exactly_the_listed_topics_studied_cards(studied: Collection) -> None:
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    weakest = report.categories["algorithms"].weakest_studied_topics[0]
    result = study_topic(studied, report, weakest.tag)
    deck_id = DeckId(result.deck_id)
    assert studied.decks.name(deck_id) == topic_deck_name("study", weakest.tag)
    assert "::" not in studied.decks.name(deck_id), "no subdeck"
    expected = studied.find_cards(f"tag:{weakest.tag} -is:new -is:suspended")
    assert sorted(studied.decks.cids(deck_id)) == sorted(expected)
    assert result.cards == weakest.studied == len(expected)
    assert studied.undo_status().undo.startswith("Study topic: Algorithms - ")
    assert studied.decks.get(deck_id)[MARKER_KEY]["tag"] == weakest.tag  # type: ignore[index]
    studied.undo()
    assert studied.decks.id_for_name(result.deck_name) is None
    assert studied.db.scalar("select count() from cards where odid != 0") == 0  # type: ignore[union-attr]


def test_start_makes_a_deck_of_a_days_new_cards_of_a_topic(studied: Collection) -> None:
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    tag = report.categories["algorithms"].not_started_topics[0].tag
    result = start_topic(studied, report, tag, 5)
    cards = studied.decks.cids(DeckId(result.deck_id))
    assert len(cards) == 5 and result.deck_name == topic_deck_name("start", tag)
    assert set(cards) <= set(studied.find_cards(f"tag:{tag} is:new"))
    assert studied.undo_status().undo.startswith("Start topic: ")
    with pytest.raises(NothingToStudyError, match="no studied card"):
        study_topic(studied, report, tag)


def snapshot(col: Collection) -> tuple[Any, ...]:
    assert col.db is not None
    return (
        col.db.all("select id, did, odid, queue, due from cards order by id"),
        [(entry.id, entry.name) for entry in col.decks.all_names_and_ids()],
        str(col.undo_status()),
    )


def cram(col: Collection, search: str) -> int:
    """The user's own filtered deck "Cram" over `search`, made as the user would."""
    deck = col.sched.get_or_create_filtered_deck(DeckId(0))
    deck.name = "Cram"
    del deck.config.search_terms[1:]
    deck.config.search_terms[0].search = search
    deck.config.search_terms[0].limit = 9999
    return int(col.sched.add_or_update_filtered_deck(deck).id)


def test_cards_in_another_filtered_deck_are_refused_before_anything_is_written(studied: Collection) -> None:
    """12.1: every weakest card is in the user's "Cram" deck. Anki's build would fail and wipe the undo history; the
    add-on says why instead, writes nothing, and the user can still undo their last step."""
    cram(studied, f"tag:{ALG} -is:new")
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    before = snapshot(studied)
    assert studied.undo_status().undo == "Build Deck"
    with pytest.raises(NothingToStudyError, match='"Cram"'):
        study_weakest(studied, report, "algorithms", 50)
    tag = report.categories["algorithms"].weakest_studied_topics[0].tag
    with pytest.raises(NothingToStudyError, match='"Cram"'):
        study_topic(studied, report, tag)
    assert snapshot(studied) == before
    studied.undo()  # the user's own step is still there
    assert studied.decks.id_for_name("Cram") is None


def test_cards_partly_in_another_filtered_deck_leave_the_rest(studied: Collection) -> None:
    cram(studied, f"tag:{ALG}::graphs -is:new")
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    result = study_weakest(studied, report, "algorithms", 1000)
    in_cram = set(studied.decks.cids(DeckId(studied.decks.id_for_name("Cram"))))  # type: ignore[arg-type]
    studied_cards = set(studied.find_cards(f"tag:{ALG} -is:new"))
    assert set(studied.decks.cids(DeckId(result.deck_id))) == studied_cards - in_cram
    assert studied.undo_status().undo == "Study weakest: Algorithms"


def test_a_users_own_filtered_deck_of_the_same_name_is_never_replaced(studied: Collection) -> None:
    """12.7: the user made a filtered deck called "Weakest: Algorithms" themselves."""
    deck = studied.sched.get_or_create_filtered_deck(DeckId(0))
    deck.name = deck_name("algorithms")
    deck.config.search_terms[0].search = f"tag:{ALG}::heaps"
    own_id = studied.sched.add_or_update_filtered_deck(deck).id
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    before = snapshot(studied)
    with pytest.raises(NothingToStudyError, match="your own"):
        study_weakest(studied, report, "algorithms", 50)
    assert snapshot(studied) == before
    assert (
        studied.sched.get_or_create_filtered_deck(DeckId(own_id)).config.search_terms[0].search == f"tag:{ALG}::heaps"
    )


def test_two_clicks_make_one_deck_and_one_undo_step(studied: Collection) -> None:
    """12.7: a second click with the same cards writes nothing; one undo removes the deck."""
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    first = study_weakest(studied, report, "algorithms", 20)
    after_first = snapshot(studied)
    second = study_weakest(
        studied, compute_report(studied, report.today, real_today(studied) + timedelta(days=DAYS)), "algorithms", 20
    )
    assert second.deck_id == first.deck_id and not second.changed
    assert snapshot(studied) == after_first, "no write, no second undo step"
    assert len([d for d in studied.decks.all_names_and_ids() if d.name.startswith("Weakest")]) == 1
    studied.undo()
    assert studied.decks.id_for_name(deck_name("algorithms")) is None
    assert studied.undo_status().undo != "Study weakest: Algorithms"


def test_a_deck_made_by_an_earlier_version_is_still_ours(studied: Collection) -> None:
    """Decks made before the marker: our name and a `cid:` search. They are refreshed, not refused."""
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    made = study_weakest(studied, report, "algorithms", 5)
    legacy = studied.decks.get(DeckId(made.deck_id))
    assert legacy is not None
    del legacy[MARKER_KEY]
    studied.decks.save(legacy)
    again = study_weakest(studied, report, "algorithms", 10)
    assert again.deck_id == made.deck_id and again.cards == 10
    assert MARKER_KEY in studied.decks.get(DeckId(made.deck_id))  # type: ignore[operator]
