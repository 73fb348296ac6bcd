"""The per-card cache (`addon/readiness/cards.py`): a report from the cache, after any change to the collection, is
exactly the report computed from scratch, and it reads again only what changed.

Every change goes through Anki's own API: answers through the v3 scheduler, tags, suspensions, deck moves, deletions,
undo. Raw SQL plays a sync that brings rows back with older modification times.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from addon_helpers import CollectionBuilder
from anki.collection import Collection
from review_history import AGAIN, GOOD, pass_days, study
from test_readiness import make_history

from addon.estimates import EstimateCache
from addon.readiness import Report, compute_report
from addon.readiness.cards import CardCache
from addon.rules import default_settings
from addon.tagging import set_category, use_rules

INTERVIEW_IN = 12  # days


@pytest.fixture(params=[True, False], ids=["fsrs", "sm2"])
def col(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        make_history(collection, fsrs=request.param)
        yield collection
    finally:
        collection.close()


class Reports:
    """Reports of one collection at one clock, from a kept cache and from scratch, compared."""

    def __init__(self, col: Collection) -> None:
        pass_days(col, 10)  # cards due to answer, and reviews inside the 30 days true retention counts
        # NOTE: the history was made within a second or two; one day older, the test's changes have later mods.
        assert col.db is not None
        col.db.execute("update cards set mod = mod - 86400 - id % 1000")
        col.db.execute("update notes set mod = mod - 86400 - id % 1000")
        self.col = col
        self.cache = CardCache()
        self.estimates = EstimateCache(bulk_from=10**9)
        self.now = time.time()
        self.dates: Any = {"*": date.today() + timedelta(days=INTERVIEW_IN), "system-design": date.today()}

    def cached(self) -> Report:
        return compute_report(
            self.col, interview_date=self.dates, now=self.now, cache=self.cache, estimates=self.estimates
        )

    def same_as_from_scratch(self) -> Report:
        from_cache = self.cached()
        fresh = compute_report(self.col, interview_date=self.dates, now=self.now)
        assert from_cache.to_dict() == fresh.to_dict(), _differences(from_cache.to_dict(), fresh.to_dict())
        assert from_cache.estimated_states == fresh.estimated_states
        assert sorted(from_cache.card_recall) == sorted(fresh.card_recall)
        for key in ("algorithms", "system-design"):
            assert from_cache.weakest_cards(key, 5) == fresh.weakest_cards(key, 5)
        return from_cache


def _differences(cached: Any, fresh: Any, path: str = "") -> list[str]:
    """Where two reports' dicts differ, for the failure message."""
    if isinstance(cached, dict) and isinstance(fresh, dict):
        return [found for key in cached for found in _differences(cached[key], fresh.get(key), f"{path}.{key}")]
    if isinstance(cached, list) and isinstance(fresh, list) and len(cached) == len(fresh):
        pairs = enumerate(zip(cached, fresh))  # noqa: B905 (3.9)
        return [found for i, pair in pairs for found in _differences(*pair, f"{path}[{i}]")]
    return [] if cached == fresh else [f"{path}: cached {cached!r}, fresh {fresh!r}"]


def test_answers_are_read_again_card_by_card(col: Collection) -> None:
    reports = Reports(col)
    first = reports.same_as_from_scratch()
    assert reports.cache.fills == 1
    col.decks.select(col.decks.id("MLE Interview::Algorithms"))  # type: ignore[arg-type]
    answered = study(col, lambda card_id: (AGAIN, GOOD)[card_id % 2], limit=6)
    assert answered == 6

    after = reports.same_as_from_scratch()
    assert reports.cache.fills == 1, "no refill after answers"
    assert 0 < reports.cache.last_changed < len(first.card_recall), "only what changed is read again"
    assert after.to_dict() != first.to_dict()
    reports.same_as_from_scratch()
    # NOTE: the cards changed in the current second are read again until the second has passed (`mod` is in seconds)
    assert reports.cache.fills == 1 and reports.cache.last_changed <= answered


def test_tags_suspensions_deck_moves_and_new_notes(col: Collection) -> None:
    reports = Reports(col)
    reports.same_as_from_scratch()
    build = CollectionBuilder(col)
    studied = col.find_cards("tag:interview::algorithms -is:new")
    note_of = {card_id: col.get_card(card_id).nid for card_id in studied}

    set_category(col, [note_of[studied[0]]], "system-design")  # a studied card changes category
    reports.same_as_from_scratch()
    set_category(col, [note_of[studied[1]]], None)  # out of every category
    reports.same_as_from_scratch()
    use_rules(col, [note_of[studied[1]]], default_settings())  # back
    reports.same_as_from_scratch()
    col.sched.suspend_cards([studied[2]])
    reports.same_as_from_scratch()
    col.sched.unsuspend_cards(col.find_cards("is:suspended"))
    reports.same_as_from_scratch()
    col.set_deck([studied[3]], col.decks.id("My Own"))  # type: ignore[arg-type]
    reports.same_as_from_scratch()
    build.note("MLE Interview::ML Design", tags=["interview::ml-design::ranking"], front="new one")
    reports.same_as_from_scratch()
    assert reports.cache.fills == 1, "forward changes never refill"


def test_what_newer_rows_cannot_explain_fills_the_cache_again(col: Collection) -> None:
    reports = Reports(col)
    reports.same_as_from_scratch()
    col.decks.select(col.decks.id("MLE Interview::Algorithms"))  # type: ignore[arg-type]
    study(col, lambda _card_id: GOOD, limit=2)
    reports.same_as_from_scratch()

    col.undo()  # the last answer: the card's row and its review-log entry go back
    reports.same_as_from_scratch()
    assert reports.cache.fills == 2

    col.remove_notes([col.get_card(col.find_cards("tag:interview::algorithms")[0]).nid])
    reports.same_as_from_scratch()
    assert reports.cache.fills == 3

    # A sync that brings a card back with an older modification time (another device's state).
    card_id = col.find_cards("tag:interview::algorithms -is:new")[0]
    assert col.db is not None
    col.db.execute("update cards set ivl = ivl + 30, mod = mod - 86400 where id = ?", card_id)
    reports.same_as_from_scratch()
    assert reports.cache.fills == 4


def test_a_new_clock_or_new_dates_recompute_without_reading_again(col: Collection) -> None:
    reports = Reports(col)
    reports.same_as_from_scratch()
    reports.now += 3600
    reports.same_as_from_scratch()
    assert reports.cache.fills == 1
    reports.dates = {"*": date.today() + timedelta(days=30)}  # new due limits: from scratch
    reports.same_as_from_scratch()
    assert reports.cache.fills == 2


def test_a_cache_never_crosses_collections(tmp_path: Path) -> None:
    cache = CardCache()
    for name in ("one", "two"):
        col = Collection(str(tmp_path / f"{name}.anki2"))
        try:
            make_history(col, fsrs=True)
            now = time.time()
            assert compute_report(col, now=now, cache=cache).to_dict() == compute_report(col, now=now).to_dict()
        finally:
            col.close()
    assert cache.fills == 2
