"""The study plan as a property: any input gives a sustainable plan (hypothesis; not in the Anki 24.11 compat run)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from addon.readiness import plan as plans
from addon.readiness.plan import MAX_NEW_PER_DAY, make_plan

hypothesis = pytest.importorskip("hypothesis")
given, st = hypothesis.given, hypothesis.strategies
TODAY = date(2026, 3, 1)


@given(
    cards=st.integers(0, 5000),
    new_share=st.floats(0, 1),
    days=st.integers(-30, 800),
    lead=st.integers(0, 365),
    limit=st.integers(0, 9999),
)
def test_any_plan_is_sustainable(cards: int, new_share: float, days: int, lead: int, limit: int) -> None:
    """Whatever the input: never more new cards a day than the larger of the user's limit and the cap; none in the
    last `lead_days` or the last day; and the shares are shares."""
    new = round(cards * new_share)
    plan = make_plan(cards, new, TODAY, TODAY + timedelta(days=days), lead, limit)
    assert plan.new_per_day <= max(limit, MAX_NEW_PER_DAY)
    assert plan.share <= plan.needed and plan.share <= MAX_NEW_PER_DAY
    if days <= 1 or days - lead + 1 <= 0:  # the last day, or no study day left before the lead time
        assert plan.new_per_day == 0
    for share in (plan.seen_at_limit, plan.seen_suggested):
        assert share is None or 0.0 <= share <= 1.0
    if plan.advice == plans.RAISE_LIMIT:
        assert limit < plan.new_per_day <= MAX_NEW_PER_DAY


category = st.tuples(
    st.integers(0, 3000),  # cards
    st.floats(0, 1),  # share of them new
    st.integers(-10, 400),  # days to the interview
    st.integers(0, 9999),  # the deck's New cards/day
)


@given(
    categories=st.lists(category, min_size=1, max_size=6),
    lead=st.integers(0, 60),
    budget=st.integers(1, 200),
)
def test_the_plans_never_ask_for_more_than_the_budget_in_all(
    categories: list[tuple[int, float, int, int]], lead: int, budget: int
) -> None:
    """For any categories, dates and limits: the new cards a day the plans suggest sum to at most the budget (exactly
    the budget when the needs exceed it), none above its need; and each plan's numbers agree with its share."""
    inputs = {
        f"c{index}": plans.PlanInput(cards, round(cards * new_share), TODAY + timedelta(days=days), limit)
        for index, (cards, new_share, days, limit) in enumerate(categories)
    }
    planned, total = plans.plan_categories(inputs, TODAY, lead, budget)
    shares = [plan.share for plan in planned.values()]
    needs = [plan.needed for plan in planned.values()]
    assert sum(shares) <= budget and total.planned == sum(shares)
    assert total.needed == sum(needs)
    assert sum(shares) == min(budget, sum(needs))
    for key, plan in planned.items():
        item = inputs[key]
        assert 0 <= plan.share <= plan.needed
        alone = make_plan(item.cards, item.new, TODAY, item.interview, lead, item.new_limit, budget)
        assert plan.needed == alone.needed
        if plan.advice in (plans.RAISE_LIMIT, plans.TOO_MANY):
            assert plan.new_per_day == plan.share  # what the text says it asks for
        if plan.advice == plans.ON_TRACK:
            assert plan.share == plan.needed <= item.new_limit == plan.new_per_day
        if plan.seen_suggested is not None and plan.advice != plans.ALL_SEEN:
            seen = (item.cards - item.new + min(item.new, plan.new_per_day * plan.study_days)) / item.cards
            assert plan.seen_suggested == seen
        if not total.over:
            assert plan == alone
