"""The panel and the strip as a user reads them, the interview dates, and the JSON contract of the report.

On a collection after three weeks of study, and on an empty one. The renderer is a pure function of `PanelView`, so
each state is rendered directly; the desktop tests show the same pages inside Anki.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from html import unescape

import pytest
from anki.collection import Collection
from conftest import PROJECT_ROOT

from addon.readiness import compute_report, real_today, render
from addon.readiness.model import NewTopic
from addon.readiness.project import projections
from addon.readiness_config import MAX_DAYS_AHEAD, check_interview_date


def text_of(html: str) -> str:
    """Roughly what a reader sees: tags dropped, entities decoded."""
    without_style = re.sub(r"<style>.*?</style>|<script>.*?</script>", "", html, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", without_style))


def test_the_three_answers_are_labelled_apart(studied: Collection) -> None:
    today = real_today(studied)
    dates = {"*": today + timedelta(days=30)}
    report = compute_report(studied, interview_date=dates)
    projected = report.with_projections(projections(studied, report).by_category)
    algorithms = projected.categories["algorithms"]
    assert algorithms.projection is not None
    page = text_of(render.render_panel(render.PanelView(projected, dates, 7, projected=True)))
    for label in ("Studied", "Recall of studied", "On the day, going on", "On the day, stopping", "Today:"):
        assert label in page
    section = page.split("Algorithms", 1)[1]
    for value in (
        algorithms.coverage,
        algorithms.recall_studied_now,
        algorithms.projection.known_at_interview,
        algorithms.recall_at_interview,
    ):
        assert render.percent(value) in section
    assert f"{algorithms.studied:,} studied" in page
    assert "Limits of MLE Interview::Algorithms: 5 new cards" in page
    # Before the projection arrives, its bar is empty and marked as coming, not 0 %.
    waiting = render.render_panel(render.PanelView(report, dates, 7))
    assert "…" in waiting and "fsrs-simulator" not in waiting


def bar_figure(svg: str, label: str) -> str:
    """The figure printed beside a bar of `bars_svg`."""
    found = re.search(rf">{label}</text>(?:<rect[^>]*/>)*<text[^>]*>([^<]*)</text>", svg)
    assert found, svg
    return unescape(found.group(1))


def test_on_the_interview_day_going_on_is_what_you_recall_now(studied: Collection) -> None:
    """On the day itself there is nothing to project: what you know on the day is what you recall now, so the bar
    shows it, never an empty track. With no date or a past one there is no projection either: "–" and why."""
    today = real_today(studied)
    report = compute_report(studied, interview_date=today)
    algorithms = report.categories["algorithms"]
    assert algorithms.plan.days_left == 0 and algorithms.projection is None
    for projected in (False, True):
        svg = render.bars_svg("algorithms", algorithms, projected)
        assert bar_figure(svg, "On the day, going on") == render.percent(algorithms.recall_now) != "–"
        assert "…" not in svg
    width = re.search(r'<rect x="140" y="40" width="([0-9.]+)"', render.bars_svg("algorithms", algorithms, True))
    assert width and float(width.group(1)) > 0, "the bar is drawn, not an empty track"
    undated = compute_report(studied).categories["algorithms"]
    assert bar_figure(render.bars_svg("algorithms", undated, True), "On the day, going on") == "– no date"
    coming = compute_report(studied, interview_date=today + timedelta(days=5)).categories["algorithms"]
    assert bar_figure(render.bars_svg("algorithms", coming, False), "On the day, going on") == "…"
    assert bar_figure(render.bars_svg("algorithms", coming, True), "On the day, going on") == "–"


def test_weakest_and_not_started_topics_have_their_buttons(studied: Collection) -> None:
    report = compute_report(studied, interview_date=real_today(studied) + timedelta(days=30))
    html = render.render_panel(render.PanelView(report, {}, 7))
    algorithms = report.categories["algorithms"]
    studied_tags = re.findall(r'<button class="study" data-tag="([^"]+)"', html)
    start_tags = re.findall(r'<button class="start" data-tag="([^"]+)"', html)
    assert [tag for tag in studied_tags if "algorithms" in tag] == [t.tag for t in algorithms.weakest_studied_topics]
    assert [tag for tag in start_tags if "algorithms" in tag] == [t.tag for t in algorithms.not_started_topics]
    assert 'onclick="mleStudy(&quot;interview::algorithms::' in html
    assert not set(studied_tags) & set(start_tags)


def test_every_topic_not_started_is_reachable(studied: Collection) -> None:
    """More topics not started than the list shows at once: the rest are under a <details>, each with its Start
    button; none is only counted. Near the date every tag is still listed, without Start."""
    today = real_today(studied)
    for days, startable in ((30, True), (3, False)):
        report = compute_report(studied, interview_date=today + timedelta(days=days))
        topics = tuple(NewTopic(f"interview::algorithms::topic-{index:02}", index + 1) for index in range(15))
        algorithms = replace(report.categories["algorithms"], not_started_topics=topics)
        report = replace(report, categories={**report.categories, "algorithms": algorithms})
        html = render.render_panel(render.PanelView(report, {}, 7))
        section = html.split('id="not-started-algorithms"', 1)[1].split("</ul><div", 1)[0]
        listed = re.findall(r'<li data-tag="([^"]+)"', section)
        assert listed == [topic.tag for topic in topics]
        starts = re.findall(r'<button class="start" data-tag="([^"]+)"', section)
        assert starts == (listed if startable else [])
        more = section.split('<details id="not-started-more-algorithms">', 1)[1]
        assert f"{15 - render.NOT_STARTED_SHOWN} more topics not started" in more
        assert re.findall(r'<li data-tag="([^"]+)"', more) == listed[render.NOT_STARTED_SHOWN :]
        assert "and 9 more" not in text_of(html)


def test_no_start_button_when_the_plan_says_no_new_material(studied: Collection) -> None:
    """Three days, a day or none before the interview the plan says not to start new material: the topics not started
    are still listed (what is not covered), without a Start button that would contradict it."""
    today = real_today(studied)
    for days in (3, 1, 0):
        report = compute_report(studied, interview_date=today + timedelta(days=days))
        algorithms = report.categories["algorithms"]
        assert algorithms.plan.new_per_day == 0 and algorithms.not_started_topics, days
        html = render.render_panel(render.PanelView(report, {}, 7))
        assert '<button class="start"' not in html, days
        assert 'id="not-started-algorithms"' in html and "too close to the interview to start them" in html
        assert '<button class="study"' in html, "the studied topics keep their Study buttons"


def test_each_category_shows_its_own_date_in_the_header_and_the_strip(studied: Collection) -> None:
    today = real_today(studied)
    dates = {"*": today + timedelta(days=30), "algorithms": today + timedelta(days=12)}
    report = compute_report(studied, interview_date=dates)
    page = text_of(render.render_panel(render.PanelView(report, dates, 7)))
    header = page.split("Interview date:", 1)[0]
    assert f"Interview in 30 days ({(today + timedelta(days=30)).isoformat()})" in header
    assert f"Algorithms: interview in 12 days ({(today + timedelta(days=12)).isoformat()})" in header
    strip = text_of(render.render_strip(report))
    assert re.search(rf"Algorithms\s+≥\d+%\s+on {(today + timedelta(days=12)).isoformat()}", strip)
    assert re.search(rf"System Design\s+≥\d+%\s+on {(today + timedelta(days=30)).isoformat()}", strip)
    projected = report.with_projections(projections(studied, report).by_category)
    strip = text_of(render.render_strip(projected))
    known = projected.categories["algorithms"].projection
    assert known is not None
    assert f"Algorithms {render.percent(known.known_at_interview)} on {(today + timedelta(days=12)).isoformat()}" in (
        " ".join(strip.split())
    )


def test_the_strip_without_a_date_says_now_not_the_interview_day(studied: Collection) -> None:
    """No interview date: there is no interview day to speak of, so the strip gives what is known now, and says so.
    A date for one category only: that one is labelled with its date, the others "now"."""
    report = compute_report(studied)
    strip = " ".join(text_of(render.render_strip(report)).split())
    assert "interview day" not in strip and "≥" not in strip
    assert strip.startswith("Known now (no interview date set):")
    algorithms = report.categories["algorithms"]
    assert f"Algorithms {render.percent(algorithms.recall_now)} now" in strip
    when = real_today(studied) + timedelta(days=12)
    mixed = compute_report(studied, interview_date={"algorithms": when})
    strip = " ".join(text_of(render.render_strip(mixed)).split())
    assert strip.startswith("Known:") and "interview day" not in strip
    assert re.search(rf"Algorithms ≥\d+% on {when.isoformat()}", strip)
    assert f"System Design {render.percent(mixed.categories['system-design'].recall_now)} now" in strip


def test_empty_pending_and_refused_states_come_first(col: Collection, studied: Collection) -> None:
    empty = compute_report(col)
    page = render.render_panel(render.PanelView(empty, {}, 7))
    assert 'id="empty-state"' in page and "Import the MLE Interview deck" in text_of(page)
    assert page.index('id="empty-state"') < page.index("<h1>")
    report = compute_report(studied)
    assert 'id="empty-state"' not in render.render_panel(render.PanelView(report, {}, 7))
    pending = render.PendingUpdate(("MLE Interview",), moves=3, retirements=1, restores=0)
    page = render.render_panel(render.PanelView(report, {}, 7, pending_update=pending, message="2030-13-01: no."))
    shown = text_of(page)
    assert "A deck update is waiting" in shown and "3 cards to move" in shown and "1 notes" in shown
    assert 'id="apply-update" onclick="mleApplyUpdate()"' in page
    assert page.index('id="message"') < page.index('id="pending-update"') < page.index("<h1>")
    page = render.render_panel(render.PanelView(report, {}, 7, notice="The projection waits."))
    assert '<div class="banner" id="notice">The projection waits.</div>' in page


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("", True),
        ("2026-03-01", True),
        ("2026-03-20", True),
        ("2026-02-28", False),  # yesterday
        ("20260-01-01", False),
        ("2026-02-30", False),
        ("next week", False),
        ((date(2026, 3, 1) + timedelta(days=MAX_DAYS_AHEAD)).isoformat(), True),
        ((date(2026, 3, 1) + timedelta(days=MAX_DAYS_AHEAD + 1)).isoformat(), False),
    ],
)
def test_interview_dates_are_checked(text: str, ok: bool) -> None:
    when, problem = check_interview_date(text, date(2026, 3, 1))
    assert (problem is None) is ok, problem
    if ok:
        assert when == (date.fromisoformat(text) if text else None)
    else:
        assert when is None and "not changed" in (problem or "")


# The JSON contract ######################################################

# Every key of `Report.to_dict()` before issue 13; each must stay, with its meaning (checked field by field against
# independent computations in test_readiness.py).
KEYS_BEFORE = {"today", "interview_date", "memory_model", "categories", "notes"}
CATEGORY_KEYS_BEFORE = {
    "cards", "new", "learning", "young", "mature", "coverage", "recall_now", "recall_at_interview", "confident_share",
    "true_retention_30d", "reviews_30d", "due_before_interview", "new_per_day_needed", "weakest_topics",
    "interview_date",
}  # fmt: skip


def documented_fields() -> set[str]:
    """The field names in the tables of docs/readiness.md (first column, in backticks, dotted for nested ones)."""
    doc = (PROJECT_ROOT / "docs" / "readiness.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z_.<>0-9\[\]]+)` \|", doc, flags=re.MULTILINE))


def test_every_key_stays_and_every_new_key_is_documented(studied: Collection) -> None:
    today = real_today(studied)
    report = compute_report(studied, interview_date={"*": today + timedelta(days=30)})
    data = report.with_projections(projections(studied, report).by_category).to_dict()
    assert set(data) >= KEYS_BEFORE
    documented = documented_fields()
    assert set(data) - {"categories"} <= documented
    for category in data["categories"].values():
        assert set(category) >= CATEGORY_KEYS_BEFORE
        for key, value in category.items():
            assert key in documented, f"categories.<key>.{key} is not in docs/readiness.md"
            if isinstance(value, dict):
                missing = {f"{key}.{inner}" for inner in value} - documented
                assert not missing, missing
            if isinstance(value, list) and value and isinstance(value[0], dict):
                missing = {f"{key}[].{inner}" for inner in value[0]} - documented
                assert not missing, missing
