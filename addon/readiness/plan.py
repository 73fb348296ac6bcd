"""What to do today in each category: the study plan, from the report's counts, the deck's actual limits and one
daily budget of new cards shared by every category.

Part of the model step (read -> model -> render): pure functions of numbers, so every branch is tested without a
collection. The plan asks for new cards only while there is time to learn them (until `lead_days` before the
interview), compares what that takes with the deck's own "New cards/day", and never asks for more new cards a day, over
all categories together, than the budget (`max_new_cards_per_day`): near the date it says to review, not to start new
material. Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

# NOTE: the default budget: the most new cards a day the plan suggests over all categories together. Each new card a
# day adds several reviews a day for weeks (Anki's manual: about ten times as many reviews as new cards once the deck
# is running), so 30 new cards a day already means a couple of hundred reviews a day; beyond it the plan shares the
# budget and says what share of each category the user will have seen instead. The add-on's config sets it.
MAX_NEW_PER_DAY = 30

# The advice codes of `Plan.advice`: stable strings in the JSON report, worded by the renderer.
NO_CARDS = "no-cards"
NO_DATE = "no-date"
PAST = "past"
TODAY = "today"
TOMORROW = "tomorrow"
REVIEW_ONLY = "review-only"
ALL_SEEN = "all-seen"
ON_TRACK = "on-track"
RAISE_LIMIT = "raise-limit"
TOO_MANY = "too-many"


@dataclass(frozen=True)
class Plan:
    advice: str
    days_left: int | None = None  # days from today to the interview; None without a date
    new_cutoff: date | None = None  # the last day to start new cards: `lead_days` before the interview
    study_days: int = 0  # days from today to `new_cutoff`, both included
    new_per_day: int = 0  # the new cards a day the plan asks for (0: no new cards)
    seen_at_limit: float | None = None  # share of the category seen by `new_cutoff` at the deck's limit
    seen_suggested: float | None = None  # the same at `new_per_day`
    needed: int = 0  # new cards a day to see every new card by `new_cutoff`: ceil(new / study_days); 0 when none
    share: int = 0  # the category's part of the daily budget: at most `needed`

    def to_dict(self) -> dict[str, Any]:
        return {
            "advice": self.advice,
            "days_left": self.days_left,
            "new_cutoff": self.new_cutoff.isoformat() if self.new_cutoff else None,
            "study_days": self.study_days,
            "new_per_day": self.new_per_day,
            "seen_at_limit": self.seen_at_limit,
            "seen_suggested": self.seen_suggested,
            "needed": self.needed,
            "share": self.share,
        }


def make_plan(
    cards: int,
    new: int,
    today: date,
    interview: date | None,
    lead_days: int,
    new_limit: int,
    cap: int = MAX_NEW_PER_DAY,
) -> Plan:
    """The plan for a category of `cards` cards, `new` of them never studied, with the deck's `new_limit` a day, asking
    for at most `cap` new cards a day (the whole budget for a category planned alone, else its share)."""
    if cards == 0:
        return Plan(NO_CARDS)
    if interview is None:
        return Plan(NO_DATE)
    days_left = (interview - today).days
    if days_left < 0:
        return Plan(PAST, days_left)
    if days_left == 0:
        return Plan(TODAY, 0)
    if days_left == 1:
        return Plan(TOMORROW, 1)
    cutoff = interview - timedelta(days=lead_days)
    study_days = (cutoff - today).days + 1
    if study_days <= 0:
        return Plan(REVIEW_ONLY, days_left)
    studied = cards - new

    def seen(per_day: int) -> float:
        return (studied + min(new, per_day * study_days)) / cards

    if new == 0:
        return Plan(ALL_SEEN, days_left, cutoff, study_days, 0, 1.0, 1.0)
    needed = math.ceil(new / study_days)
    at_limit = seen(new_limit)
    if needed <= cap:
        if needed <= new_limit:
            return Plan(ON_TRACK, days_left, cutoff, study_days, new_limit, at_limit, at_limit, needed, needed)
        return Plan(RAISE_LIMIT, days_left, cutoff, study_days, needed, at_limit, seen(needed), needed, needed)
    suggested = max(cap, 0)
    return Plan(TOO_MANY, days_left, cutoff, study_days, suggested, at_limit, seen(suggested), needed, suggested)


class PlanInput(NamedTuple):
    """What `plan_categories` needs of one category."""

    cards: int
    new: int
    interview: date | None
    new_limit: int  # the deck's New cards/day


@dataclass(frozen=True)
class Budget:
    """The daily budget of new cards and how the plans share it."""

    per_day: int  # the most new cards a day the plans ask for, over all categories together
    needed: int  # the new cards a day every category together needs to see all its new cards in time
    shares: Mapping[str, int]  # category -> its plan's `share`

    @property
    def planned(self) -> int:
        """The new cards a day the plans ask for in all: the sum of the shares, at most `per_day`."""
        return sum(self.shares.values())

    @property
    def over(self) -> bool:
        """The categories need more new cards a day than the budget: each gets a share of it."""
        return self.needed > self.per_day

    def to_dict(self) -> dict[str, Any]:
        return {"per_day": self.per_day, "needed": self.needed, "planned": self.planned}


def plan_categories(
    inputs: Mapping[str, PlanInput], today: date, lead_days: int, budget: int = MAX_NEW_PER_DAY
) -> tuple[dict[str, Plan], Budget]:
    """Every category's plan within one daily `budget` of new cards.

    Each category needs ceil(new / study days) new cards a day. When the needs fit the budget, each category is planned
    on its own, as if it were alone. When they do not, the budget is shared (`share_budget`) and each category is
    planned at its share."""
    alone = {
        key: make_plan(item.cards, item.new, today, item.interview, lead_days, item.new_limit, budget)
        for key, item in inputs.items()
    }
    needs = {key: plan.needed for key, plan in alone.items()}
    needed = sum(needs.values())
    if needed <= budget:
        return alone, Budget(budget, needed, needs)
    floors = {key: min(inputs[key].new_limit, need) for key, need in needs.items()}
    shares = share_budget(needs, floors, budget)
    plans = {
        key: make_plan(item.cards, item.new, today, item.interview, lead_days, item.new_limit, shares[key])
        if needs[key]
        else alone[key]
        for key, item in inputs.items()
    }
    return plans, Budget(budget, needed, {key: plan.share for key, plan in plans.items()})


def share_budget(needs: Mapping[str, int], floors: Mapping[str, int], budget: int) -> dict[str, int]:
    """`budget` new cards a day shared among categories that need more in all: parts that sum to the budget exactly
    (or to the needs, if they fit), none above its need.

    NOTE: what each deck's New cards/day already gives (its `floors`, at most the need) is kept when the floors fit the
    budget together, so the plan never asks a category to slow down below its deck's limit for another's sake; the
    rest of the budget goes in proportion to what each still needs. When the floors do not fit, the whole budget goes
    in proportion to the needs. Largest remainders round the parts, so they sum exactly to what is shared; ties go to
    the larger need, then to the category listed first."""
    total = sum(needs.values())
    if total <= budget:
        return dict(needs)
    base = {key: min(floors.get(key, 0), need) for key, need in needs.items()}
    if sum(base.values()) > budget:
        base = dict.fromkeys(needs, 0)
    rest = {key: need - base[key] for key, need in needs.items()}
    extra = _largest_remainder(rest, budget - sum(base.values()))
    return {key: base[key] + extra[key] for key in needs}


def _largest_remainder(weights: Mapping[str, int], amount: int) -> dict[str, int]:
    """`amount` split in proportion to `weights` (whole numbers, `amount` below their sum): Hamilton's method."""
    total = sum(weights.values())
    if total <= 0 or amount <= 0:
        return dict.fromkeys(weights, 0)
    parts = {key: amount * weight // total for key, weight in weights.items()}
    order = list(weights)
    by_remainder = sorted(order, key=lambda key: (-(amount * weights[key] % total), -weights[key], order.index(key)))
    for key in by_remainder[: amount - sum(parts.values())]:
        parts[key] += 1
    return parts
