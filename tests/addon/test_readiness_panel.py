"""Study weakest, the 90-day trend, the panel's HTML and the readiness settings, on real collections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection
from test_readiness import make_history

from addon import readiness
from addon.categories import CATEGORY_KEYS
from addon.estimates import MemoryState
from addon.readiness import compute_report, render
from addon.readiness_config import READINESS, ReadinessSettings, parse_dates
from addon.rules import default_settings
from addon.settings import load_settings
from addon.trend import compute_trend
from addon.weakest import NothingToStudyError, deck_name, study_weakest


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        make_history(collection, fsrs=True)
        yield collection
    finally:
        collection.close()


def test_study_weakest_is_one_undo_step_and_refreshes(col: Collection) -> None:
    report = compute_report(col)
    weakest = report.weakest_cards("algorithms", 3)
    assert len(weakest) == 3
    recall = {card.card_id: card.recall_at_interview for card in report.card_recall}
    others = [card.card_id for card in report.card_recall if card.studied and "algorithms" in card.categories]
    assert max(recall[c] for c in weakest) <= min(recall[c] for c in others if c not in weakest)

    result = study_weakest(col, report, "algorithms", 3)

    deck_id = col.decks.id_for_name(deck_name("algorithms"))
    assert deck_id == result.deck_id and col.decks.is_filtered(deck_id)
    assert sorted(col.decks.cids(deck_id)) == sorted(weakest) and result.cards == 3
    assert col.undo_status().undo == "Study weakest: Algorithms"

    again = study_weakest(col, compute_report(col), "algorithms", 2)  # a refresh reuses the deck
    assert again.deck_id == deck_id and len(col.decks.cids(deck_id)) == 2
    col.undo()
    col.undo()
    assert col.decks.id_for_name(deck_name("algorithms")) is None, "one undo step each"
    assert col.db.scalar("select count() from cards where odid != 0") == 0


def test_study_weakest_explains_when_there_is_nothing(col: Collection) -> None:
    report = compute_report(col)
    with pytest.raises(NothingToStudyError, match="no studied card"):
        study_weakest(col, report, "system-design")
    col.decks.id(deck_name("algorithms"))  # a normal deck with our name
    with pytest.raises(NothingToStudyError, match="normal deck"):
        study_weakest(col, report, "algorithms")


def test_trend_is_rebuilt_from_the_review_log(col: Collection) -> None:
    report = compute_report(col)
    trend = compute_trend(col, report)
    assert trend.days[-1] == report.today and trend.days[0] == report.today - timedelta(days=89)
    algorithms = trend.readiness["algorithms"]
    assert len(algorithms) == len(trend.days)
    assert all(value is None or 0 <= value <= 1 for value in algorithms)
    # The history spans 14 days: before it, nothing existed; during it, readiness is positive.
    assert algorithms[0] is None
    assert algorithms[-1] is not None and algorithms[-1] > 0
    assert set(v for v in trend.readiness["system-design"] if v is not None) == {0.0}
    assert all(v is None for v in trend.readiness["ml-design"])


DAY_MS = 86_400_000


def reference_trend(col: Collection, report: readiness.Report, sample_ends: list[float]) -> dict[str, list]:
    """The trend's definition, a card and a sample at a time: the mean over the cards that existed at each sample's
    end (created, or reviewed, by then) of FSRS's recall at decay 0.5, the last review's interval standing for the
    stability (a learning step's seconds as days, at least 0.01)."""
    sums = {key: [0.0] * len(sample_ends) for key in CATEGORY_KEYS}
    counts = {key: [0] * len(sample_ends) for key in CATEGORY_KEYS}
    for card in report.card_recall:
        reviews = col.db.all("select id, ivl from revlog where cid = ? and ease > 0 order by id", card.card_id)
        times = [revlog_id / 1000 for revlog_id, _ in reviews]
        exists_from = min([card.card_id / 1000, *times])
        for index, end in enumerate(sample_ends):
            if exists_from > end:
                continue
            before = [(at, ivl) for at, (_, ivl) in zip(times, reviews) if at <= end]  # noqa: B905 (3.9)
            recall = 0.0
            if before:
                at, ivl = before[-1]
                stability = ivl if ivl > 0 else max(-ivl / 86400, 0.01)
                recall = readiness.retrievability(MemoryState(stability, 0.5), (end - at) / 86400)
            for key in card.categories:
                sums[key][index] += recall
                counts[key][index] += 1
    return {key: [s / c if c else None for s, c in zip(sums[key], counts[key])] for key in CATEGORY_KEYS}  # noqa: B905


def add_edge_reviews(col: Collection, card_ids: list[int]) -> None:
    """Reviews exactly at a day's end (to the millisecond), one before it, imported ones long before the card was
    made, learning steps (negative intervals), a zero interval, and one in the future; and for cards never studied,
    one review exactly at a day's end, so that is the moment the card begins to exist."""
    end_ms = col.sched.day_cutoff * 1000
    used = set(col.db.list("select id from revlog"))
    unseen = set(col.db.list("select id from cards where type = 0"))
    for index, card_id in enumerate(card_ids):
        reviews = [
            (end_ms - (index % 3) * DAY_MS, 3),
            (end_ms - 5 * DAY_MS - 1, -600),
            (end_ms - 40 * DAY_MS, 0),
            (end_ms - (index % 7) * DAY_MS, -86400),
            (end_ms + 5 * DAY_MS, 5),
        ]
        if card_id in unseen:
            reviews = [(end_ms - (10 + index % 3) * DAY_MS, 2)]  # days no other edge review uses
        for wanted, interval in reviews:
            revlog_id = wanted
            while revlog_id in used:
                revlog_id += 1
            used.add(revlog_id)
            col.db.execute(
                "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                "values (?, ?, 0, 3, ?, 0, 2500, 1000, 1)",
                revlog_id,
                card_id,
                interval,
            )


@pytest.mark.parametrize("page", [100_000, 1, 7], ids=["one-page", "a-review-a-page", "pages-of-7"])
@pytest.mark.parametrize("edges", [False, True], ids=["history", "edge-reviews"])
def test_trend_equals_its_definition(col: Collection, page: int, edges: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast pass over the review log in time order, in pages of any size, gives the same numbers as the
    definition computed card by card."""
    monkeypatch.setattr("addon.trend._PAGE", page)
    if edges:
        add_edge_reviews(col, [card.card_id for card in compute_report(col).card_recall])
    report = compute_report(col)
    trend = compute_trend(col, report, days=30, step=1)
    end_of_today = col.sched.day_cutoff
    sample_ends = [end_of_today - (report.today - day).days * 86400 for day in trend.days]
    expected = reference_trend(col, report, sample_ends)
    assert any(value for value in expected["algorithms"])
    assert any(v is None for v in expected["algorithms"]) is not edges  # imported reviews: cards exist from the start
    for key in CATEGORY_KEYS:
        assert trend.readiness[key] == pytest.approx(expected[key], abs=1e-12), key


def test_panel_html_is_self_contained_and_shows_the_numbers(col: Collection) -> None:
    today = readiness.real_today(col)
    dates = {"*": today + timedelta(days=10)}
    report = compute_report(col, interview_date=dates)
    trend = compute_trend(col, report)
    html = render.render_panel(render.PanelView(report, dates, 7, 50, trend.days, trend.readiness))
    assert "Interview in 10 days" in html
    for title in ("Algorithms", "System Design", "ML Concepts", "ML Design"):
        assert title in html
    assert render.percent(report.categories["algorithms"].recall_at_interview) in html
    assert html.count("<svg") == 3  # the two categories with cards, and the trend
    assert "http" not in html and "src=" not in html, "no network, no CDN"
    assert ".nightMode" in html
    assert 'id="weakest-algorithms"' in html
    strip = render.render_strip(report)
    assert "Algorithms" in strip and "ML Design" not in strip


def test_readiness_settings_are_checked() -> None:
    loaded = load_settings({"new_card_lead_days": -1, "deck_browser_strip": "yes"})
    assert loaded.get(READINESS) == ReadinessSettings()
    assert loaded.problem_count == 2
    assert load_settings({"new_card_lead_days": 3}).get(READINESS).new_card_lead_days == 3
    assert default_settings().tag_new_notes is True
    assert load_settings({"weakest_deck_size": 10}).ok
    assert parse_dates({"*": "2030-01-02", "algorithms": "bad", "nope": "2030-01-01"}) == {"*": date(2030, 1, 2)}
