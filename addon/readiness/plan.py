"""What to do today for one category: the study plan, from the report's counts and the deck's actual limits.

Part of the model step (read -> model -> render): a pure function of numbers, so every branch is tested without a
collection. The plan asks for new cards only while there is time to learn them (until `lead_days` before the
interview), compares what that takes with the deck's own "New cards/day", and never asks for more than a sustainable
number a day: near the date it says to review, not to start new material. Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# NOTE: the most new cards a day the plan suggests. Each new card a day adds several reviews a day for weeks (Anki's
# manual: about ten times as many reviews as new cards once the deck is running), so 30 new cards a day already means
# a couple of hundred reviews a day; beyond it the plan says what share the user will have seen instead.
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "advice": self.advice,
            "days_left": self.days_left,
            "new_cutoff": self.new_cutoff.isoformat() if self.new_cutoff else None,
            "study_days": self.study_days,
            "new_per_day": self.new_per_day,
            "seen_at_limit": self.seen_at_limit,
            "seen_suggested": self.seen_suggested,
        }


def make_plan(cards: int, new: int, today: date, interview: date | None, lead_days: int, new_limit: int) -> Plan:
    """The plan for a category of `cards` cards, `new` of them never studied, with the deck's `new_limit` a day."""
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

    base = Plan(ON_TRACK, days_left, cutoff, study_days, new_limit, seen(new_limit), seen(new_limit))
    if new == 0:
        return Plan(ALL_SEEN, days_left, cutoff, study_days, 0, 1.0, 1.0)
    needed = math.ceil(new / study_days)
    if needed <= new_limit:
        return base
    if needed <= MAX_NEW_PER_DAY:
        return Plan(RAISE_LIMIT, days_left, cutoff, study_days, needed, seen(new_limit), seen(needed))
    suggested = max(new_limit, MAX_NEW_PER_DAY)
    return Plan(TOO_MANY, days_left, cutoff, study_days, suggested, seen(new_limit), seen(suggested))
