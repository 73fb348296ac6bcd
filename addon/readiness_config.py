"""The readiness panel's section of the add-on config (`READINESS`, checked by `config.py`), and the interview dates'
format.

Anki-free (standard library only), so it is tested without Anki. A wrong value never breaks Anki: it takes its default
and the problem is explained in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .categories import CATEGORY_KEYS
from .config import Problems, Section, true_or_false, whole_number

LEAD_DAYS_KEY = "new_card_lead_days"
STRIP_KEY = "deck_browser_strip"
DECK_SIZE_KEY = "weakest_deck_size"
BUDGET_KEY = "max_new_cards_per_day"
READINESS_KEYS: tuple[str, ...] = (LEAD_DAYS_KEY, STRIP_KEY, DECK_SIZE_KEY, BUDGET_KEY)
MIN_BUDGET, MAX_BUDGET = 1, 999  # the daily budget of new cards, over all categories
ALL_CATEGORIES = "*"  # the key of the interview date that applies to every category without its own
MAX_DAYS_AHEAD = 730  # an interview date further ahead than two years is a typo (a year 20260, say)


@dataclass(frozen=True)
class ReadinessSettings:
    new_card_lead_days: int = 7
    deck_browser_strip: bool = True
    weakest_deck_size: int = 50
    max_new_cards_per_day: int = 30  # NOTE: `readiness.plan.MAX_NEW_PER_DAY`; this module stays Anki-free


def parse_readiness(raw: Mapping[str, Any], problems: Problems) -> ReadinessSettings:
    """The readiness settings of a raw config; each wrong value takes its default and adds a problem."""
    defaults = ReadinessSettings()
    return ReadinessSettings(
        new_card_lead_days=whole_number(raw, LEAD_DAYS_KEY, defaults.new_card_lead_days, 0, 365, problems),
        deck_browser_strip=true_or_false(raw, STRIP_KEY, defaults.deck_browser_strip, problems),
        weakest_deck_size=whole_number(raw, DECK_SIZE_KEY, defaults.weakest_deck_size, 1, 9999, problems),
        max_new_cards_per_day=whole_number(
            raw, BUDGET_KEY, defaults.max_new_cards_per_day, MIN_BUDGET, MAX_BUDGET, problems
        ),
    )


READINESS = Section("readiness", READINESS_KEYS, parse_readiness, "A wrong readiness setting takes its default.")


def parse_dates(raw: object) -> dict[str, date]:
    """Interview dates as stored in the profile ({"*" or category: "YYYY-MM-DD"}); anything malformed is dropped."""
    dates: dict[str, date] = {}
    if not isinstance(raw, Mapping):
        return dates
    for key, value in raw.items():
        if key != ALL_CATEGORIES and key not in CATEGORY_KEYS:
            continue
        try:
            dates[key] = date.fromisoformat(str(value))
        except ValueError:
            continue
    return dates


def dump_dates(dates: Mapping[str, date]) -> dict[str, str]:
    return {key: value.isoformat() for key, value in dates.items()}


def check_interview_date(text: str, today: date) -> tuple[date | None, str | None]:
    """A date typed or picked in the panel: (the date, None), (None, None) to clear it, or (None, a message) when it
    is not a date, is in the past, or is more than `MAX_DAYS_AHEAD` days ahead."""
    if not text.strip():
        return None, None
    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        return None, f"{text!r} is not a date: pick one with the date picker (YYYY-MM-DD). The date was not changed."
    if when < today:
        return None, f"{when.isoformat()} is in the past: pick today or a later day. The date was not changed."
    if when > today + timedelta(days=MAX_DAYS_AHEAD):
        latest = (today + timedelta(days=MAX_DAYS_AHEAD)).isoformat()
        return None, f"{when.isoformat()} is more than two years ahead (latest {latest}). The date was not changed."
    return when, None
