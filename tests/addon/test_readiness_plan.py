"""The study plan: what to do today, at the deck's actual limits, and nothing absurd near the date.

`make_plan` is a pure function, checked branch by branch and as a property over any input; then on a collection
after three weeks of study, against the deck limits Anki applies.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from anki.collection import Collection
from three_weeks import ALGORITHMS

from addon.readiness import compute_report, real_today, render
from addon.readiness import plan as plans
from addon.readiness.plan import MAX_NEW_PER_DAY, make_plan

TODAY = date(2026, 3, 1)


def test_the_issue_example_asks_to_raise_the_limit_and_says_what_happens_if_not() -> None:
    """366 new cards of 480, a limit of 6 a day: raise it to what is needed, or see this share by the cutoff."""
    plan = make_plan(480, 366, TODAY, TODAY + timedelta(days=30), 7, 6)
    assert plan.advice == plans.RAISE_LIMIT
    assert plan.study_days == 24 and plan.new_cutoff == TODAY + timedelta(days=23)
    assert plan.new_per_day == math.ceil(366 / 24) == 16
    assert plan.seen_at_limit == pytest.approx((114 + 6 * 24) / 480)
    assert plan.seen_suggested == 1.0


@pytest.mark.parametrize(
    ("days", "advice"),
    [(0, plans.TODAY), (1, plans.TOMORROW), (2, plans.REVIEW_ONLY), (6, plans.REVIEW_ONLY), (-3, plans.PAST)],
)
def test_near_the_date_no_new_material(days: int, advice: str) -> None:
    plan = make_plan(480, 366, TODAY, TODAY + timedelta(days=days), 7, 6)
    assert plan.advice == advice
    assert plan.new_per_day == 0, "never new cards in the last days, let alone hundreds"


def test_too_many_new_cards_for_the_time_left_caps_the_pace() -> None:
    plan = make_plan(480, 366, TODAY, TODAY + timedelta(days=10), 7, 6)  # 4 study days: 92 a day needed
    assert plan.advice == plans.TOO_MANY
    assert plan.new_per_day == MAX_NEW_PER_DAY
    assert plan.seen_suggested == pytest.approx((114 + 30 * 4) / 480)
    own = make_plan(480, 366, TODAY, TODAY + timedelta(days=10), 7, 50)  # the user's own limit is higher: kept
    assert own.advice == plans.TOO_MANY and own.new_per_day == 50


def test_on_track_all_seen_no_date_no_cards() -> None:
    assert make_plan(480, 100, TODAY, TODAY + timedelta(days=60), 7, 20).advice == plans.ON_TRACK
    assert make_plan(480, 0, TODAY, TODAY + timedelta(days=60), 7, 20).advice == plans.ALL_SEEN
    assert make_plan(480, 100, TODAY, None, 7, 20).advice == plans.NO_DATE
    assert make_plan(0, 0, TODAY, TODAY + timedelta(days=60), 7, 20).advice == plans.NO_CARDS


def test_the_report_plans_at_the_decks_limits(studied: Collection) -> None:
    """Three weeks in, 30 days to go: the plan uses the Algorithms deck's 5 new cards a day; the panel's text names the
    deck and both numbers, and never asks for more than the cap."""
    today = real_today(studied)
    report = compute_report(studied, interview_date=today + timedelta(days=30))
    algorithms = report.categories["algorithms"]
    assert algorithms.deck is not None and algorithms.deck.name == ALGORITHMS and algorithms.deck.new_per_day == 5
    assert algorithms.plan.study_days == 24
    needed = math.ceil(algorithms.new / 24)
    assert algorithms.plan.new_per_day == (5 if needed <= 5 else needed)

    deck = studied.decks.by_name(ALGORITHMS)
    assert deck is not None
    deck["newLimit"] = 1  # the deck's own limit, as set in the deck options ("This deck")
    studied.decks.save(deck)
    report = compute_report(studied, interview_date=today + timedelta(days=30))
    algorithms = report.categories["algorithms"]
    assert algorithms.plan.advice == plans.RAISE_LIMIT
    assert algorithms.plan.seen_at_limit == pytest.approx((algorithms.studied + 24) / algorithms.cards)
    text = render.plan_text("algorithms", algorithms)
    assert f"from 1 to {algorithms.plan.new_per_day}" in text and ALGORITHMS in text
    assert render.percent(algorithms.plan.seen_at_limit) in text

    for days in (0, 1, 3):
        near = compute_report(studied, interview_date=today + timedelta(days=days)).categories["algorithms"]
        assert near.plan.new_per_day == 0, days
        assert "new cards a day" not in render.plan_text("algorithms", near)


def test_a_card_whose_deck_is_missing_plans_with_the_default_decks_limits(studied: Collection) -> None:
    """An odd collection (Check Database would repair it): the report still plans, with the Default deck's limits."""
    assert studied.db is not None
    studied.db.execute("update cards set did = 424242")
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=30))
    algorithms = report.categories["algorithms"]
    assert algorithms.deck is not None and algorithms.deck.deck_id == 1
    assert algorithms.deck.name == studied.decks.name(1)  # type: ignore[arg-type]


def test_the_plan_uses_the_deck_a_category_is_studied_from(studied: Collection) -> None:
    """A subdeck holding most of the new cards (as our Prompts subdecks do) has its own options; the category is
    studied from its parent, whose limit caps the subdeck: the plan uses the parent's."""
    sub = studied.decks.id(f"{ALGORITHMS}::Problems")
    assert sub is not None
    assert studied.db is not None
    new = studied.find_cards(f'"deck:{ALGORITHMS}" is:new')
    studied.set_deck(new, sub)  # type: ignore[arg-type]
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=30))
    deck = report.categories["algorithms"].deck
    assert deck is not None and deck.name == ALGORITHMS and deck.new_per_day == 5
