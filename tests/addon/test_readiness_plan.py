"""The study plan: what to do today, at the deck's actual limits, and nothing absurd near the date.

`make_plan` is a pure function, checked branch by branch and as a property over any input; then on a collection
after three weeks of study, against the deck limits Anki applies.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

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
    assert plan.new_per_day == plan.share == MAX_NEW_PER_DAY and plan.needed == 92
    assert plan.seen_suggested == pytest.approx((114 + 30 * 4) / 480)
    # The user's own limit is higher: the plan still asks for the budget, and says to lower the limit or stop there.
    own = make_plan(480, 366, TODAY, TODAY + timedelta(days=10), 7, 50)
    assert own.advice == plans.TOO_MANY and own.new_per_day == MAX_NEW_PER_DAY
    assert own.seen_at_limit == pytest.approx((114 + 50 * 4) / 480)


# The shared budget ######################################################


def behind(days: int, limit: int) -> plans.PlanInput:
    """A category of 480 cards, 366 new, interview in `days` days."""
    return plans.PlanInput(480, 366, TODAY + timedelta(days=days), limit)


def test_needs_that_fit_the_budget_plan_each_category_as_if_alone() -> None:
    inputs = {"algorithms": behind(60, 6), "system-design": behind(60, 20), "ml-concepts": behind(3, 20)}
    planned, budget = plans.plan_categories(inputs, TODAY, 7, 30)
    for key, item in inputs.items():
        assert planned[key] == make_plan(item.cards, item.new, TODAY, item.interview, 7, item.new_limit, 30)
    assert budget.needed == 2 * math.ceil(366 / 54) == 14 and not budget.over  # ml-concepts: review only, needs 0
    assert dict(budget.shares) == {"algorithms": 7, "system-design": 7, "ml-concepts": 0}
    assert planned["algorithms"].advice == plans.RAISE_LIMIT and planned["system-design"].advice == plans.ON_TRACK


def test_four_categories_behind_share_one_budget() -> None:
    """The audit's case: four categories behind, each needing 25-30 new cards a day. Planned alone, each asked for
    its need (over 100 a day in all); within a budget of 30, the parts sum to 30, each says its share."""
    inputs = {key: behind(20, 20) for key in ("algorithms", "system-design", "ml-concepts", "ml-design")}
    alone = [make_plan(*item[:2], TODAY, item.interview, 7, item.new_limit) for item in inputs.values()]
    assert sum(plan.new_per_day for plan in alone) == 4 * 27  # what the panel used to ask for
    planned, budget = plans.plan_categories(inputs, TODAY, 7, 30)
    assert budget.over and budget.needed == 4 * 27 and budget.planned == 30
    assert [planned[key].share for key in inputs] == [8, 8, 7, 7]  # equal needs: the remainder to the first listed
    for plan in planned.values():
        assert plan.advice == plans.TOO_MANY and plan.new_per_day == plan.share
        assert plan.seen_suggested == pytest.approx((114 + plan.share * 14) / 480)


def test_the_budget_keeps_what_the_decks_give_when_that_fits() -> None:
    """Deck limits 5, 2 and 0 (7 in all) fit a budget of 9: each keeps its limit, and the 2 left go by what each
    still needs. With a budget of 5 they do not fit: the whole budget goes by the needs."""
    needs = {"algorithms": 6, "system-design": 3, "ml-concepts": 2}
    floors = {"algorithms": 5, "system-design": 2, "ml-concepts": 0}
    assert plans.share_budget(needs, floors, 9) == {"algorithms": 6, "system-design": 2, "ml-concepts": 1}
    assert plans.share_budget(needs, floors, 5) == {"algorithms": 3, "system-design": 1, "ml-concepts": 1}
    assert plans.share_budget(needs, floors, 11) == needs


def test_the_panel_says_each_share_and_the_total(studied: Collection) -> None:
    """Three weeks in, 14 days to go: the categories need 6, 3 and 2 new cards a day. Within a budget of 5 the plan
    asks for 5 in all, each category's text says its share and the share of it seen by the cutoff at that pace, and
    the JSON says the same."""
    today = real_today(studied)
    report = compute_report(studied, interview_date=today + timedelta(days=14), new_budget=5)
    budget = report.budget
    assert budget.per_day == 5 and budget.needed == 11 and budget.planned == 5 and budget.over
    shares = {key: category.plan.share for key, category in report.categories.items()}
    assert shares == {"algorithms": 3, "system-design": 1, "ml-concepts": 1, "ml-design": 0}
    summary = render.budget_text(report)
    assert summary.startswith("Today: 5 new cards in all (3 in Algorithms, 1 in System Design, 1 in ML Concepts)")
    assert "budget of 5 a day" in summary and "11 a day" in summary and "max_new_cards_per_day" in summary
    algorithms = report.categories["algorithms"]
    assert algorithms.plan.advice == plans.TOO_MANY and algorithms.plan.new_per_day == 3
    assert algorithms.plan.seen_suggested == pytest.approx((algorithms.studied + 3 * 8) / algorithms.cards)
    text = render.plan_text("algorithms", algorithms, budget)
    assert "The share of Algorithms is 3 a day" in text
    assert f"At 3 a day you will have seen {render.percent(algorithms.plan.seen_suggested)} of Algorithms" in text
    assert "New cards/day is 5 in the deck options of MLE Interview::Algorithms: lower it to 3" in text
    ml = report.categories["ml-concepts"]
    assert "Raise New cards/day from 0 to 1" in render.plan_text("ml-concepts", ml, budget)
    page = render.render_panel(render.PanelView(report, {}, 7))
    assert page.index('id="budget"') < page.index('id="categories"') and "Today: 5 new cards in all" in page
    data = report.to_dict()
    assert data["new_budget"] == {"per_day": 5, "needed": 11, "planned": 5}
    assert data["categories"]["algorithms"]["plan"]["share"] == 3
    assert data["categories"]["algorithms"]["plan"]["needed"] == 6

    roomy = compute_report(studied, interview_date=today + timedelta(days=14))  # the default budget, 30: room
    assert roomy.budget.planned == roomy.budget.needed == 11 and not roomy.budget.over
    assert render.budget_text(roomy).startswith("Today: 11 new cards in all (6 in Algorithms,")
    assert all(category.plan.advice != plans.TOO_MANY for category in roomy.categories.values())


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


def test_today_is_ankis_day_not_the_calendars(studied: Collection) -> None:
    """Before the day rolls over (Preferences > Next day starts at), Anki's day is still yesterday's: the report's
    "today", its days left and the plan's cutoff follow Anki's scheduler, not the calendar date."""
    now = datetime.now()
    if now.hour == 23:
        pytest.skip("no later hour today to roll over at")
    studied.set_config("rollover", now.hour + 1)
    studied.close()
    studied.reopen()  # NOTE: Anki caches its day; a new rollover takes effect on reopening
    calendar = now.date()
    assert real_today(studied) == calendar - timedelta(days=1)
    report = compute_report(studied, interview_date=calendar + timedelta(days=10))
    plan = report.categories["algorithms"].plan
    assert report.today == calendar - timedelta(days=1)
    assert plan.days_left == 11 and plan.new_cutoff == calendar + timedelta(days=3)
    assert plan.study_days == 5  # Anki's today up to the cutoff, both included
