"""A graded mock interview as a real review plus its log entry, one undo step; the timing model, the grading map, the
practice log's bounds and robustness, the session state and its HTML, and the panel's practice figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection
from practice_history import History, make_practice_history, mock, pass_days_and_log

from addon.card_meta import Phase
from addon.practice import grading, items, log, pick, record, render, stats
from addon.practice.errors import PracticeError
from addon.practice.mock import CHOOSE, GRADED, REVEALED, RUNNING, MockState
from addon.practice.timing import Marks, Timing, clock_text, timing


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture
def history(col: Collection) -> History:
    return make_practice_history(col)


def _revlog(col: Collection, card_id: int) -> list[tuple[int, int]]:
    return [(int(row[0]), int(row[1])) for row in col.db.all("select id, ease from revlog where cid = ?", card_id)]


# Timing and grading ##################################################################################

PHASES = (Phase("Approach", 20), Phase("Code", 10))


def test_timing_splits_the_time_by_phase_and_flags_overtime() -> None:
    running = timing(PHASES, Marks(100.0), 100.0 + 22 * 60)
    assert running.current == 0 and running.phases[0].state == "current" and running.phases[1].state == "ahead"
    assert running.phases[0].over_s == 120 and running.total_s == 22 * 60 and running.within_budget
    coding = timing(PHASES, Marks(100.0, (100.0 + 22 * 60,)), 100.0 + 31 * 60)
    assert [p.state for p in coding.phases] == ["done", "current"]
    assert [p.spent_s for p in coding.phases] == [22 * 60, 9 * 60] and coding.phases[1].over_s == 0
    ended = timing(PHASES, Marks(100.0, (100.0 + 22 * 60,), 100.0 + 33 * 60), 10_000_000.0)
    assert ended.current is None and ended.total_s == 33 * 60 and ended.over_s == 180 and not ended.within_budget
    assert ended.phase_seconds() == (1320, 660)
    revealed_early = timing(PHASES, Marks(0.0, (), 300.0), 900.0)
    assert revealed_early.phase_seconds() == (300,) and revealed_early.phases[1].state == "ahead"
    assert timing(PHASES, Marks(50.0), 10.0).total_s == 0, "a clock behind the start counts as the start"
    assert [clock_text(s) for s in (0, 59.9, 61, 3600, 3725)] == ["0:00", "0:59", "1:01", "1:00:00", "1:02:05"]


def _solved_in(seconds: float) -> Timing:
    """Approach found at half the time, then coded: a 20 + 10 minute problem revealed after `seconds`."""
    return timing(PHASES, Marks(0.0, (seconds / 2,), seconds), seconds)


def test_grades_map_to_ratings_and_the_clock_is_the_judge() -> None:
    assert grading.rating_for(grading.WITHIN, _solved_in(20 * 60)) == grading.GOOD
    assert grading.rating_for(grading.WITHIN, _solved_in(15 * 60)) == grading.EASY, "half the budget: very fast"
    assert grading.rating_for(grading.WITHIN, _solved_in(15 * 60 + 1)) == grading.GOOD
    assert grading.rating_for(grading.WITHIN, _solved_in(30 * 60)) == grading.GOOD, "exactly the budget is within"
    assert grading.rating_for(grading.OVER, _solved_in(31 * 60)) == grading.HARD
    assert grading.rating_for(grading.ANSWER, _solved_in(5 * 60)) == grading.AGAIN
    assert grading.rating_for(grading.ANSWER, _solved_in(50 * 60)) == grading.AGAIN
    assert grading.allowed_grades(_solved_in(30 * 60)) == (grading.WITHIN, grading.ANSWER)
    assert grading.allowed_grades(_solved_in(30 * 60 + 1)) == (grading.OVER, grading.ANSWER)
    with pytest.raises(ValueError, match="contradicts the clock"):
        grading.rating_for(grading.WITHIN, _solved_in(31 * 60))
    with pytest.raises(ValueError, match="contradicts the clock"):
        grading.rating_for(grading.OVER, _solved_in(29 * 60))
    with pytest.raises(ValueError, match="unknown grade"):
        grading.rating_for("great", _solved_in(60))


def test_an_answer_revealed_before_the_last_phase_was_needed() -> None:
    no_approach = timing(PHASES, Marks(0.0, (), 300.0), 300.0)
    assert not no_approach.finished and no_approach.within_budget
    assert grading.allowed_grades(no_approach) == (grading.ANSWER,)
    with pytest.raises(ValueError, match="not every phase reached"):
        grading.rating_for(grading.WITHIN, no_approach)


# Recording ###########################################################################################


@pytest.mark.parametrize(
    ("grade", "minutes", "rating"),
    [
        (grading.WITHIN, [8, 6], grading.GOOD),
        (grading.WITHIN, [4, 3], grading.EASY),
        (grading.OVER, [14, 6], grading.HARD),
        (grading.ANSWER, [3], grading.AGAIN),
        (grading.ANSWER, [9, 7], grading.AGAIN),
    ],
)
def test_a_graded_attempt_is_a_real_review_and_a_log_entry_in_one_undo_step(
    col: Collection, history: History, grade: str, minutes: list[float], rating: int
) -> None:
    card_id = history["e3"]  # an unseen easy problem: 10 + 5 minutes
    card_before = col.db.first("select type, queue, due, ivl, reps from cards where id = ?", card_id)
    log_before = col.get_config(log.LOG_KEY)

    result = mock(col, card_id, "coding", minutes, grade)

    assert _revlog(col, card_id) == [(result.attempt.review_id, rating)], "Anki's review log has the rating"
    assert col.get_card(card_id).reps == 1
    assert col.undo_status().undo == "Mock interview: Coding"
    entry = log.read_log(col)[-1]
    assert entry == result.attempt
    assert (entry.card_id, entry.round, entry.grade, entry.rating) == (card_id, "coding", grade, rating)
    assert entry.phase_seconds == tuple(round(m * 60) for m in minutes) and entry.budget_minutes == 15

    col.undo()
    assert _revlog(col, card_id) == [], "one undo removes the review"
    assert col.db.first("select type, queue, due, ivl, reps from cards where id = ?", card_id) == card_before
    assert col.get_config(log.LOG_KEY) == log_before, "and its log entry"
    col.redo()
    assert _revlog(col, card_id) == [(result.attempt.review_id, rating)] and log.read_log(col)[-1] == entry


def test_the_review_keeps_the_real_time_in_the_log_and_anki_caps_its_own(col: Collection, history: History) -> None:
    result = mock(col, history["m2"], "coding", [18, 9], grading.WITHIN)
    capped = col.db.scalar("select time from revlog where id = ?", result.attempt.review_id)
    assert capped == col.get_card(history["m2"]).time_limit() == 60_000, "Anki's cap: the preset's maximum time"
    assert result.attempt.seconds == 27 * 60


def test_a_grade_the_clock_contradicts_writes_nothing(col: Collection, history: History) -> None:
    before = (col.db.scalar("select count() from revlog"), col.get_config(log.LOG_KEY), col.undo_status().undo)
    with pytest.raises(ValueError, match="contradicts"):
        mock(col, history["e3"], "coding", [14, 6], grading.WITHIN)
    assert (col.db.scalar("select count() from revlog"), col.get_config(log.LOG_KEY), col.undo_status().undo) == before


def test_a_card_deleted_during_the_interview_writes_nothing(col: Collection, history: History) -> None:
    candidate = next(c for c in items.candidates(col, "coding") if c.card_id == history["e3"])
    col.remove_notes([candidate.note_id])  # type: ignore[list-item]
    undo = col.undo_status().undo
    result = timing(candidate.phases, Marks(0.0, (), 60.0), 60.0)
    with pytest.raises(PracticeError, match="deleted"):
        record.record_attempt(col, candidate.card_id, "coding", result, grading.ANSWER)
    assert col.undo_status().undo == undo


def test_a_failure_half_way_takes_the_review_back(
    col: Collection, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_id = history["e3"]
    state = "select type, queue, due, reps from cards where id = ?"
    before = (col.db.first(state, card_id), col.undo_status().undo)

    def broken(*_args: object) -> None:
        raise RuntimeError("the log could not be written")

    monkeypatch.setattr(log, "append", broken)  # NOTE: our own code fails after Anki recorded the review
    with pytest.raises(RuntimeError, match="could not be written"):
        mock(col, card_id, "coding", [8, 6], grading.WITHIN)
    assert _revlog(col, card_id) == [], "the review is taken back"
    assert (col.db.first(state, card_id), col.undo_status().undo) == before


def test_a_design_prompt_is_timed_by_its_outline(col: Collection, history: History) -> None:
    result = mock(col, history["p0"], "system-design", [4, 20], grading.WITHIN)
    assert col.undo_status().undo == "Mock interview: System design"
    assert result.attempt.phase_seconds == (240, 1200) and result.attempt.budget_minutes == 30
    assert _revlog(col, history["p0"])[0][1] == grading.GOOD


# The practice log ####################################################################################


def _attempt(index: int, round_key: str = "coding", phases: int = 2) -> log.Attempt:
    return log.Attempt(
        1_800_000_000_000 + index, 1_700_000_000_000 + index, round_key, grading.WITHIN, 3, (1234,) * phases, 45
    )


def test_the_log_keeps_the_newest_attempts_of_each_round_and_stays_small() -> None:
    flood = [_attempt(i, "ml-breadth", 1) for i in range(500)] + [_attempt(1000 + i) for i in range(30)]
    kept = log.bounded(flood)
    assert len([a for a in kept if a.round == "ml-breadth"]) == log.MAX_PER_ROUND["ml-breadth"] == 100
    assert next(a.review_id for a in kept if a.round == "ml-breadth") == flood[400].review_id, "the newest"
    assert len([a for a in kept if a.round == "coding"]) == 30, "a busy round never evicts another round"
    # The largest log: every round full, design answers in 8 phases, every phase over 1,000 s, 13-digit ids.
    full = (
        [_attempt(i, "coding", 2) for i in range(100)]
        + [_attempt(200 + i, "system-design", 8) for i in range(50)]
        + [_attempt(400 + i, "ml-design", 8) for i in range(50)]
        + [_attempt(600 + i, "ml-breadth", 1) for i in range(100)]
    )
    size = log.encoded_size(full)
    assert size == log.encoded_size([*full, _attempt(900, "coding")]), "full: a new attempt drops the oldest"
    assert size < 32_000, size
    assert log.encoded_size(full[:90]) < 9_000, "a month of three problems a day"


def test_a_malformed_log_is_read_as_its_valid_entries(col: Collection) -> None:
    good = _attempt(1).to_json()
    broken = [
        None, 3, "x", [], {}, {**good, "id": "1"}, {**good, "r": "poetry"}, {**good, "g": "great"}, {**good, "e": 5},
        {**good, "p": "12"}, {**good, "p": [1, -2]}, {**good, "c": True}, {**good, "b": 1.5},
    ]  # fmt: skip
    col.set_config(log.LOG_KEY, {"v": 1, "attempts": [*broken, good]})
    assert log.read_log(col) == [_attempt(1)]
    for value in (None, [], "text", 12, {"attempts": "no"}, {"attempts": None}):
        col.set_config(log.LOG_KEY, value)
        assert log.read_log(col) == []
    col.set_config(log.LOG_KEY, {"v": 1, "attempts": [*broken, good]})
    log.append(col, _attempt(2))
    stored = col.get_config(log.LOG_KEY)
    assert stored["attempts"] == [_attempt(1).to_json(), _attempt(2).to_json()], "a write keeps only valid entries"
    assert json.dumps(stored)


# The session state and its HTML #######################################################################


def test_a_session_runs_through_its_stages_and_the_html_shows_phases_and_overtime(
    col: Collection, history: History
) -> None:
    candidate = next(c for c in items.candidates(col, "coding") if c.card_id == history["m2"])
    item = items.load_item(col, candidate)
    assert "m2" in item.question_html and item.title == "m2"
    state = MockState().start(item, pick.UNSEEN, now=1000.0)
    assert state.stage == RUNNING and state.asked == 1
    html = render.render_mock(state, 1000.0 + 5 * 60)
    assert "Phase 1 of 2: Approach (20 min)" in html and "5:00" in html and "15:00 left" in html
    assert "Overtime" not in html and "Approach found: start coding" in html
    assert 'data-title="m2"' in html and "Mock interview: Coding" in html
    late = render.timer_html(state, 1000.0 + 23 * 60)
    assert "Overtime: +3:00 over this phase" in late and "23:00" in late
    state = state.next_phase(1000.0 + 23 * 60)
    coding = render.timer_html(state, 1000.0 + 36 * 60)
    assert "Phase 2 of 2: Code (10 min)" in coding and "+6:00 over" in coding and "Total 36:00 of 30:00" in coding
    assert "Approach found" not in render.controls_html(state)
    state = state.reveal(1000.0 + 36 * 60)
    assert state.stage == REVEALED and state.allowed_grades() == (grading.OVER, grading.ANSWER)
    result = render.render_mock(state, 99_999.0)
    assert "over budget by 6:00" in result and 'id="mle-result"' in result and 'data-side="answer"' in result
    assert 'id="grade-within" disabled' in result and "Solved over budget → Hard" in result
    with pytest.raises(ValueError):
        state.graded(grading.WITHIN)
    state = state.graded(grading.OVER)
    assert state.stage == GRADED and state.rating == grading.HARD
    assert "a review rated <b>Hard</b>" in render.controls_html(state)
    back = state.choose("coding", pick.SURPRISE)
    assert back.stage == CHOOSE and back.session.notes == {candidate.note_id}, "the session remembers its cards"
    assert back.choose("system-design", pick.NEED_MOST).session.notes == frozenset(), "a new round, a new session"


def test_an_answer_revealed_early_is_never_called_within_budget(col: Collection, history: History) -> None:
    """Revealed five minutes into the approach: the stopped clock says so, not "within budget" next to the only grade
    it allows, "needed the answer"."""
    candidate = next(c for c in items.candidates(col, "coding") if c.card_id == history["m2"])
    state = MockState().start(items.load_item(col, candidate), pick.UNSEEN, now=0.0).reveal(5 * 60.0)
    assert state.allowed_grades() == (grading.ANSWER,)
    stopped = render.timer_html(state, 99_999.0)
    assert 'Clock stopped: <span class="over">answer revealed during Approach</span>' in stopped
    assert "within budget" not in stopped
    finished = MockState().start(items.load_item(col, candidate), pick.UNSEEN, now=0.0).next_phase(60.0).reveal(120.0)
    assert 'Clock stopped: <span class="ok">within budget</span>' in render.timer_html(finished, 99_999.0)


def test_the_chooser_lists_every_round_and_mode() -> None:
    html = render.render_mock(MockState(counts={"coding": 12}).with_message("No card left."), 0.0)
    for expected in ("Coding", "System design", "ML design", "ML breadth", "(12 cards)", "What I need most",
                     "Surprise me", "No card left.", 'id="mle-start"'):  # fmt: skip
        assert expected in html


# The panel's figures #################################################################################


def test_practice_figures_per_round(col: Collection, history: History) -> None:
    summary = stats.practice_summary(col)
    coding = summary.rounds["coding"]
    assert coding.attempts_30d == 4 and coding.within_share == 0.25
    assert coding.median_minutes == 25, "the Approach phases took 12, 25, 40 and 25 minutes"
    assert [item.title for item in coding.re_review] == ["e0", "m0"] and coding.re_review_count == 2
    assert coding.weeks[-1] == stats.Week(4, 1) and sum(week.attempts for week in coding.weeks) == 4
    assert summary.today_attempts == 4 and summary.rounds["system-design"].attempts_30d == 0
    html = render.practice_section(summary)
    assert "4 attempts in 30 days" in html and "25% within budget" in html and "Re-review (2)" in html
    assert "4 mock interviews today" in html
    assert "Practice today</b> 4" in render.practice_strip(summary)


def test_old_attempts_leave_the_30_day_figures_but_stay_marked(col: Collection, history: History) -> None:
    pass_days_and_log(col, 31)
    summary = stats.practice_summary(col)
    coding = summary.rounds["coding"]
    assert coding.attempts_30d == 0 and coding.within_share is None and coding.median_minutes is None
    assert coding.re_review_count == 2 and summary.today_attempts == 0
