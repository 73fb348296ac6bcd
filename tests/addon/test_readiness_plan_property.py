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
    if days <= 1 or days - lead + 1 <= 0:  # the last day, or no study day left before the lead time
        assert plan.new_per_day == 0
    for share in (plan.seen_at_limit, plan.seen_suggested):
        assert share is None or 0.0 <= share <= 1.0
    if plan.advice == plans.RAISE_LIMIT:
        assert limit < plan.new_per_day <= MAX_NEW_PER_DAY
