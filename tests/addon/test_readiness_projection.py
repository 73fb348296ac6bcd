"""The projection "if you keep going" against Anki's own FSRS simulator, called here directly on the same collection,
with the request built the way the deck options' "Simulate" button builds it from the deck's options.

Also: the projection never writes to the collection (the simulator writes memory states into SM-2 cards), and on
SM-2 it equals the simulator run on a copy of the collection with FSRS turned on by the deck options.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from anki import scheduler_pb2
from anki.collection import Collection
from three_weeks import ALGORITHMS

from addon.readiness import compute_report, real_today
from addon.readiness.project import COPY_PREFIX, METHOD_COPY, METHOD_DIRECT, METHOD_NOTHING, projections

DAYS = 30


def state(col: Collection) -> tuple[Any, ...]:
    """Everything the projection must leave as it was."""
    assert col.db is not None
    return (
        col.mod,
        col.db.all("select * from cards order by id"),
        col.db.all("select * from revlog order by id"),
        col.get_config("fsrs", False),
        str(col.undo_status()),
    )


def deck_options_request(
    col: Collection, deck_name: str, search: str, days: int
) -> scheduler_pb2.SimulateFsrsReviewRequest:
    """What the deck options' Simulate sends (ts/routes/deck-options/FsrsOptions.svelte), read from the deck's legacy
    options dict, written out here independently of the add-on."""
    deck = col.decks.by_name(deck_name)
    assert deck is not None
    config = col.decks.config_dict_for_deck_id(deck["id"])
    params = config.get("fsrsParams6") or config.get("fsrsParams5") or config.get("fsrsWeights") or []
    new_limit = deck.get("newLimit") if deck.get("newLimit") is not None else config["new"]["perDay"]
    review_limit = deck.get("reviewLimit") if deck.get("reviewLimit") is not None else config["rev"]["perDay"]
    request = scheduler_pb2.SimulateFsrsReviewRequest(
        params=params,
        desired_retention=config["desiredRetention"],
        deck_size=0,
        days_to_simulate=days,
        new_limit=new_limit,
        review_limit=review_limit,
        max_interval=config["rev"]["maxIvl"],
        search=search,
    )
    fields = request.DESCRIPTOR.fields_by_name
    if "easy_days_percentages" in fields:  # NOTE: Anki 24.11's request has none of these
        request.new_cards_ignore_review_limit = bool(col.get_config("newCardsIgnoreReviewLimit", False))
        request.easy_days_percentages.extend(config.get("easyDaysPercentages", [1.0] * 7))
        request.review_order = config.get("reviewOrder", 0)
        request.historical_retention = config.get("sm2Retention", 0.9)
        request.learning_step_count = len(config["new"]["delays"])
        request.relearning_step_count = len(config["lapse"]["delays"])
    return request


def simulated_share(col: Collection, deck_name: str, category: str, days: int) -> tuple[float, Any]:
    search = f"tag:interview::{category} -is:suspended"
    request = deck_options_request(col, deck_name, search, days)
    raw = col._backend.simulate_fsrs_review_raw(request.SerializeToString())  # NOTE: 24.11 takes no message
    response = scheduler_pb2.SimulateFsrsReviewResponse.FromString(raw)
    cards = len(col.find_cards(search))
    return response.accumulated_knowledge_acquisition[-1] / cards, response


def test_fsrs_projection_is_ankis_simulator_on_the_collection(studied: Collection) -> None:
    before = state(studied)
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    projected = projections(studied, report).by_category
    assert state(studied) == before, "the projection writes nothing and leaves the undo history alone"

    algorithms = projected["algorithms"]
    assert algorithms is not None and algorithms.method == METHOD_DIRECT
    expected, response = simulated_share(studied, ALGORITHMS, "algorithms", DAYS)
    assert algorithms.known_at_interview == pytest.approx(expected, abs=1e-6)
    assert algorithms.days == DAYS and algorithms.new_per_day == 5
    assert algorithms.new_cards == sum(response.daily_new_count) and algorithms.reviews == sum(
        response.daily_review_count
    )
    assert max(response.daily_new_count) <= 5, "the simulation respects the deck's new-card limit"
    # Going on beats stopping: the no-review floor is below the projection.
    assert report.categories["algorithms"].recall_at_interview < algorithms.known_at_interview
    assert projected["ml-design"] is None, "no cards, no projection"
    assert projected["ml-concepts"] is not None and projected["ml-concepts"].method == METHOD_NOTHING
    assert projected["ml-concepts"].known_at_interview == 0.0  # nothing studied, 0 new cards a day


def test_the_decks_own_limit_and_retention_are_used(studied: Collection) -> None:
    deck = studied.decks.by_name(ALGORITHMS)
    assert deck is not None
    deck["newLimit"] = 2  # the deck options' "This deck" limit, over the preset's 5
    studied.decks.save(deck)
    config = studied.decks.config_dict_for_deck_id(deck["id"])
    config["desiredRetention"] = 0.85
    studied.decks.update_config(config)
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    algorithms = report.categories["algorithms"]
    assert algorithms.deck is not None and algorithms.deck.new_per_day == 2
    assert algorithms.deck.desired_retention == pytest.approx(0.85)
    projection = projections(studied, report).by_category["algorithms"]
    assert projection is not None and projection.new_per_day == 2
    expected, response = simulated_share(studied, ALGORITHMS, "algorithms", DAYS)
    assert max(response.daily_new_count) == 2
    assert projection.known_at_interview == pytest.approx(expected, abs=1e-6)


def test_a_card_without_memory_state_sends_the_fsrs_projection_to_a_copy(studied: Collection) -> None:
    """The simulator would save a state into such a card: the projection runs on a private copy instead."""
    assert studied.db is not None
    card_id = studied.find_cards("tag:interview::algorithms -is:new")[0]
    studied.db.execute("update cards set data = '' where id = ?", card_id)
    before = state(studied)
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    projection = projections(studied, report).by_category["algorithms"]
    assert state(studied) == before
    assert projection is not None and projection.method == METHOD_COPY


def copy_with_fsrs_on(col: Collection, folder: Path) -> Collection:
    """The collection copied and switched to FSRS the way the deck options do when the user ticks FSRS and saves."""
    from anki import deck_config_pb2

    assert col.path
    col.close()
    shutil.copyfile(col.path, folder / "fsrs-on.anki2")
    col.reopen()
    copy = Collection(str(folder / "fsrs-on.anki2"))
    current = copy._backend.get_deck_configs_for_update(1)
    request = deck_config_pb2.UpdateDeckConfigsRequest(
        target_deck_id=1,
        configs=[entry.config for entry in current.all_config],
        limits=current.current_deck.limits,
        new_cards_ignore_review_limit=current.new_cards_ignore_review_limit,
        apply_all_parent_limits=current.apply_all_parent_limits,
        fsrs=True,
    )
    copy._backend.update_deck_configs_raw(request.SerializeToString())
    return copy


def test_sm2_projection_runs_on_a_private_copy_and_writes_nothing(studied_sm2: Collection, tmp_path: Path) -> None:
    col = studied_sm2
    assert col.db is not None
    card_id = col.find_cards("tag:interview::algorithms -is:new")[0]
    col.sched.suspend_cards([card_id])  # type: ignore[list-item]
    before = state(col)
    assert col.db.scalar("select count() from cards where data like '%\"s\":%'") == 0
    report = compute_report(col, interview_date=real_today(col) + timedelta(days=DAYS))
    projected = projections(col, report).by_category
    assert state(col) == before, "no memory state written, FSRS still off, the suspension still undoable"
    assert col.db.scalar("select count() from cards where data like '%\"s\":%'") == 0
    assert not list(Path(col.path).parent.glob("*.apkg"))
    col.undo()  # the user's last step is still theirs to undo
    assert col.get_card(card_id).queue != -1  # type: ignore[arg-type]
    col.sched.suspend_cards([card_id])  # type: ignore[list-item]

    algorithms = projected["algorithms"]
    assert algorithms is not None and algorithms.method == METHOD_COPY
    copy = copy_with_fsrs_on(col, tmp_path)
    try:
        expected, _ = simulated_share(copy, ALGORITHMS, "algorithms", DAYS)
    finally:
        copy.close()
    # NOTE: the same cards, review history and options, and memory states computed from the same history by the same
    # code: the same figure.
    assert algorithms.known_at_interview == pytest.approx(expected, abs=1e-6)


def test_sm2_with_nothing_to_undo_uses_a_snapshot(
    studied_sm2: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the profile opens (nothing to undo), the copy is a snapshot of the file: the same figures."""
    # NOTE: a temporary folder of the test's own: the system's is shared with other test runs, whose copies come and go
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    col = studied_sm2
    col.close()
    col.reopen()
    report = compute_report(col, interview_date=real_today(col) + timedelta(days=DAYS))
    before = state(col)
    found = projections(col, report)
    assert state(col) == before and found.deferred is None
    algorithms = found.by_category["algorithms"]
    assert algorithms is not None and algorithms.method == METHOD_COPY
    copy = copy_with_fsrs_on(col, tmp_path)
    try:
        expected, _ = simulated_share(copy, ALGORITHMS, "algorithms", DAYS)
    finally:
        copy.close()
    assert algorithms.known_at_interview == pytest.approx(expected, abs=1e-6)
    assert not list(Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*")), "the copy is deleted"


def test_sm2_too_big_to_export_while_something_is_undoable_is_deferred(
    studied_sm2: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    col = studied_sm2
    col.sched.suspend_cards(col.find_cards("tag:interview::algorithms -is:new")[:1])  # type: ignore[arg-type]
    monkeypatch.setattr("addon.readiness.project.EXPORT_MAX_CARDS", 10)
    report = compute_report(col, interview_date=real_today(col) + timedelta(days=DAYS))
    before = state(col)
    found = projections(col, report)
    assert state(col) == before
    assert found.deferred is not None and "nothing to undo" in found.deferred
    assert all(projection is None for projection in found.by_category.values())


def test_no_projection_without_an_upcoming_date(studied: Collection) -> None:
    today = real_today(studied)
    for dates in (None, today, today - timedelta(days=2), {"*": today + timedelta(days=DAYS), "algorithms": today}):
        report = compute_report(studied, interview_date=dates)
        projected = projections(studied, report).by_category
        assert projected["algorithms"] is None, dates
    report = compute_report(studied, interview_date={"*": today, "system-design": today + timedelta(days=3)})
    projected = projections(studied, report).by_category
    assert projected["algorithms"] is None and projected["system-design"] is not None
    assert projected["system-design"].days == 3


def test_report_with_projections_keeps_every_other_figure(studied: Collection) -> None:
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=DAYS))
    projected = report.with_projections(projections(studied, report).by_category)
    for key, category in projected.to_dict()["categories"].items():
        plain = report.to_dict()["categories"][key]
        assert {k: v for k, v in category.items() if k != "projection"} == {
            k: v for k, v in plain.items() if k != "projection"
        }
    assert projected.to_dict()["categories"]["algorithms"]["projection"]["method"] == METHOD_DIRECT
