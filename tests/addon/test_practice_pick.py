"""The pick rule and today's practice set, on a real collection with a simulated history (`practice_history`).

"What I need most": re-review before due or weak before unseen before the rest, balancing difficulty within a tier,
never a note twice in a session. "Surprise me": uniform, checked by a chi-square test over many seeded draws.
Today's practice: the difficulty mix, the neediest first, one undo step.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection
from practice_history import History, graduate, make_practice_history, mock

from addon.errors import UserFacingError
from addon.practice import daily, grading, items, log, pick
from addon.practice.errors import PracticeError


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture
def history(col: Collection) -> History:
    return make_practice_history(col)


def _names(history: History) -> dict[int, str]:
    return {card_id: name for name, card_id in history.cards.items()}


def _session_order(col: Collection, recall: dict[int, float] | None = None) -> list[pick.Ranked]:
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col), recall)
    session = pick.Session()
    order = []
    while (chosen := pick.pick_need_most(ranked, session)) is not None:
        order.append(chosen)
        session = session.after(chosen.candidate)
    return order


def test_each_round_asks_only_its_cards(col: Collection, history: History) -> None:
    names = _names(history)
    coding = [names[c.card_id] for c in items.candidates(col, "coding")]
    assert sorted(coding) == sorted(f"{level}{i}" for level in "emh" for i in range(4)), (
        "problems with a difficulty tag; never one without it, never a suspended one"
    )
    by_name = {names[c.card_id]: c for c in items.candidates(col, "coding")}
    assert by_name["e1"].difficulty == "easy" and [p.minutes for p in by_name["e1"].phases] == [10, 5]
    assert by_name["h2"].difficulty == "hard" and [p.minutes for p in by_name["h2"].phases] == [30, 15]
    design = items.candidates(col, "system-design")
    assert [names[c.card_id] for c in design] == ["p0"]
    assert [(p.name, p.minutes) for p in design[0].phases] == [("Requirements", 5), ("Design", 25)]
    assert items.candidates(col, "ml-design") == []
    assert sorted(names[c.card_id] for c in items.candidates(col, "ml-breadth")) == ["c0", "c1", "c2"]
    assert [p.minutes for p in items.candidates(col, "ml-breadth")[0].phases] == [2]


def test_need_most_asks_re_review_then_due_then_unseen_then_the_rest(col: Collection, history: History) -> None:
    names = _names(history)
    order = _session_order(col)
    tiers = [item.tier for item in order]
    assert tiers == sorted(tiers), "a tier is asked only when the ones before it are exhausted"
    asked = [names[item.candidate.card_id] for item in order]
    assert asked[:2] == ["e0", "m0"], "needed-the-answer first, then over budget"
    assert set(asked[2:5]) == {"e1", "m1", "h1"}, "then the due problems"
    assert set(asked[5:10]) == {"e3", "m2", "m3", "h2", "h3"}, "then the unseen ones"
    assert set(asked[10:]) == {"e2", "h0"}, "then the rest: h0 was redone within budget, so it is no longer marked"
    assert len(asked) == len(set(asked)) == 12, "no repeat within a session, and every problem in the end"


def test_need_most_balances_difficulty_within_a_tier(col: Collection, history: History) -> None:
    names = _names(history)
    order = _session_order(col)
    due = [item for item in order if item.tier == pick.DUE_OR_WEAK]
    # After e0 and m0 (re-review), hard has had none of its share: the due hard problem comes first.
    assert [item.candidate.difficulty for item in due] == ["hard", "easy", "medium"]
    unseen = [names[item.candidate.card_id] for item in order if item.tier == pick.UNSEEN]
    # After e0 m0 (re-review) and e1 m1 h1: hard has had 1 of its share, easy and medium 2 each -> hard first.
    assert unseen[0] in {"h2", "h3"}, unseen
    levels = [name[0] for name in unseen]
    assert levels[:3].count("h") == 1 and set(levels[:3]) == {"e", "m", "h"}, levels


def test_a_mix_without_hard_asks_hard_ones_only_when_nothing_else_is_left(col: Collection, history: History) -> None:
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    session = pick.Session(mix={"easy": 1, "medium": 1, "hard": 0})
    asked = []
    while (chosen := pick.pick_need_most(ranked, session)) is not None:
        asked.append(chosen)
        session = session.after(chosen.candidate)
    for index, item in enumerate(asked):
        if item.candidate.difficulty == "hard":
            rest_of_tier = [later for later in asked[index:] if later.tier == item.tier]
            assert all(later.candidate.difficulty == "hard" for later in rest_of_tier)


def test_weak_cards_join_the_due_ones(col: Collection, history: History) -> None:
    names = _names(history)
    # e2 is not due, but predicted below its preset's desired retention (90 %); h0 is above it.
    recall = {history[name]: value for name, value in {"e1": 0.7, "m1": 0.8, "h1": 0.85, "e2": 0.5, "h0": 0.95}.items()}
    order = _session_order(col, recall)
    due_or_weak = [names[item.candidate.card_id] for item in order if item.tier == pick.DUE_OR_WEAK]
    # Hard has had none of its share yet (e0 and m0 were asked), so h1; then the weakest first as the balance allows.
    assert due_or_weak == ["h1", "e2", "m1", "e1"]


def test_a_bad_attempt_marks_a_card_and_a_good_one_clears_it(col: Collection, history: History) -> None:
    marked = pick.marked_for_re_review(log.read_log(col))
    assert set(marked) == {history["e0"], history["m0"]}
    mock(col, history["e0"], "coding", [5, 4], grading.WITHIN)
    assert set(pick.marked_for_re_review(log.read_log(col))) == {history["m0"]}


def test_surprise_never_repeats_in_a_session(col: Collection, history: History) -> None:
    candidates = items.candidates(col, "coding")
    session, asked = pick.Session(), []
    rng = random.Random(7)
    while (chosen := pick.pick_surprise(candidates, session, rng)) is not None:
        asked.append(chosen.card_id)
        session = session.after(chosen)
    assert sorted(asked) == sorted(c.card_id for c in candidates)


# Chi-square critical value, 11 degrees of freedom, p = 0.001 (scipy.stats.chi2.ppf(0.999, 11) = 31.264).
CHI2_CRITICAL_11_DF = 31.264


def test_surprise_is_uniform(col: Collection, history: History) -> None:
    candidates = items.candidates(col, "coding")
    assert len(candidates) == 12
    draws = 24_000
    counts: Counter[int] = Counter()
    for seed in range(draws):
        chosen = pick.pick_surprise(candidates, pick.Session(), random.Random(seed))
        assert chosen is not None
        counts[chosen.card_id] += 1
    expected = draws / len(candidates)
    chi2 = sum((counts[c.card_id] - expected) ** 2 / expected for c in candidates)
    assert chi2 < CHI2_CRITICAL_11_DF, (chi2, counts)
    # and the same draws are not "uniform" for a biased picker: the test can fail
    biased = Counter(c.card_id for c in candidates[:6] for _ in range(2)) + Counter(c.card_id for c in candidates)
    scale = draws / sum(biased.values())
    chi2_biased = sum((biased[c.card_id] * scale - expected) ** 2 / expected for c in candidates)
    assert chi2_biased > CHI2_CRITICAL_11_DF


def test_daily_quotas_share_the_size_by_largest_remainder() -> None:
    assert daily.quotas(3, {"easy": 1, "medium": 1, "hard": 1}) == {"easy": 1, "medium": 1, "hard": 1}
    assert daily.quotas(5, {"easy": 1, "medium": 2, "hard": 1}) == {"easy": 1, "medium": 3, "hard": 1}
    assert daily.quotas(4, {"easy": 1, "medium": 1, "hard": 1}) == {"easy": 2, "medium": 1, "hard": 1}
    assert daily.quotas(2, {"easy": 0, "medium": 0, "hard": 3}) == {"easy": 0, "medium": 0, "hard": 2}
    assert daily.quotas(3, {"easy": 0, "medium": 0, "hard": 0}) == {"easy": 1, "medium": 1, "hard": 1}


def test_daily_set_takes_the_mix_neediest_first(col: Collection, history: History) -> None:
    names = _names(history)
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    chosen = [names[item.candidate.card_id] for item in daily.plan(ranked, 3, pick.DEFAULT_MIX)]
    assert chosen == ["e0", "m0", "h1"], "re-review first (easy, medium), then the due hard one"
    five = [names[item.candidate.card_id] for item in daily.plan(ranked, 5, {"easy": 1, "medium": 3, "hard": 1})]
    assert sorted(five) == sorted(["e0", "m0", "m1", "m2", "h1"])
    # Only 4 hard problems exist; a set of 6 hard ones is topped up with the neediest others.
    six = daily.plan(ranked, 6, {"easy": 0, "medium": 0, "hard": 1})
    assert [item.candidate.difficulty for item in six].count("hard") == 4
    assert {names[item.candidate.card_id] for item in six} >= {"e0", "m0"}


def test_daily_deck_is_one_undo_step_and_skips_other_filtered_decks(col: Collection, history: History) -> None:
    names = _names(history)
    other = col.sched.get_or_create_filtered_deck(0)  # type: ignore[arg-type]
    other.name = "My filtered deck"
    other.config.search_terms[0].search = f"cid:{history['e0']}"
    other_id = col.sched.add_or_update_filtered_deck(other).id
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    chosen = daily.plan(ranked, 3, pick.DEFAULT_MIX, daily.own_deck_id(col))
    assert "e0" not in {names[item.candidate.card_id] for item in chosen}, "Anki keeps it in the other deck"

    result = daily.make_daily_deck(col, chosen)
    assert result.cards == 3 and result.by_difficulty == {"easy": 1, "medium": 1, "hard": 1}
    assert col.undo_status().undo == daily.UNDO_LABEL
    assert sorted(col.decks.cids(result.deck_id)) == sorted(item.candidate.card_id for item in chosen)
    assert daily.problems_left(col) == (3, 3)
    col.undo()
    assert col.decks.id_for_name(daily.DECK_NAME) is None, "one undo removes it"
    assert col.db.scalar("select count() from cards where odid != 0 and did != ?", other_id) == 0
    assert daily.problems_left(col) is None


def test_daily_deck_rebuilds_its_own_deck_and_refuses_a_users_deck(col: Collection, history: History) -> None:
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    first = daily.make_daily_deck(col, daily.plan(ranked, 3, pick.DEFAULT_MIX))
    again = daily.plan(ranked, 2, pick.DEFAULT_MIX, daily.own_deck_id(col))
    second = daily.make_daily_deck(col, again)
    assert second.deck_id == first.deck_id and second.cards == 2
    undo = col.undo_status()
    same = daily.make_daily_deck(col, again)
    assert not same.changed and col.undo_status() == undo, "the same problems again: nothing written, no undo step"
    assert "already held them" in same.summary()
    col.decks.remove([first.deck_id])  # type: ignore[list-item]
    col.decks.id(daily.DECK_NAME)  # a normal deck of the user's, with our name
    with pytest.raises(UserFacingError, match="already called"):
        daily.make_daily_deck(col, again)
    with pytest.raises(PracticeError, match="No problem"):
        daily.make_daily_deck(col, [])


def test_studied_problems_leave_todays_deck(col: Collection, history: History) -> None:
    ranked = pick.rank(col, items.candidates(col, "coding"), log.read_log(col))
    result = daily.make_daily_deck(col, daily.plan(ranked, 3, pick.DEFAULT_MIX))
    unseen = [card_id for card_id in col.decks.cids(result.deck_id) if col.get_card(card_id).type == 0]
    studied = unseen[0] if unseen else col.decks.cids(result.deck_id)[0]
    graduate(col, studied)
    left = daily.problems_left(col)
    assert left is not None and left[1] == 3 and left[0] <= 3
