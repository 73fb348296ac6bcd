"""The readiness panel and the deck-browser strip as HTML: pure functions of a report, with inline SVG charts.

The last layer of the report (read -> model -> render): it takes a `Report` (and the dates and settings it shows)
and returns a string; it never sees the collection, so a section is added by adding a function of the report.

No network, no CDN, no external file: everything is in the returned string. Colours come from CSS, with a `.nightMode`
variant (the class Anki puts on the body of its web views in night mode). Buttons and date pickers call back into
Python through Anki's `pycmd` bridge with the commands named below. Standard library and the report's types only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from ..categories import CATEGORY_KEYS, get
from ..readiness_config import ALL_CATEGORIES
from .model import CategoryReport, Report

COMMAND_PREFIX = "mle-readiness"
SET_DATE = f"{COMMAND_PREFIX}:date:"  # + "<category or *>:<YYYY-MM-DD or empty>"
STUDY_WEAKEST = f"{COMMAND_PREFIX}:weakest:"  # + "<category>"
COLOURS = {"algorithms": "#3b82f6", "system-design": "#10b981", "ml-concepts": "#f59e0b", "ml-design": "#ef4444"}

CSS = """
.mle-readiness { font-family: system-ui, sans-serif; font-size: 14px; color: #1f2937; padding: 4px 12px; }
.nightMode .mle-readiness { color: #e5e7eb; }
.mle-readiness h1 { font-size: 20px; margin: 8px 0; }
.mle-readiness h2 { font-size: 16px; margin: 0 0 6px; }
.mle-readiness .countdown { font-size: 16px; margin-bottom: 10px; }
.mle-readiness .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 12px; }
.mle-readiness .card { border: 1px solid #d1d5db; border-radius: 8px; padding: 10px; background: #ffffff; }
.nightMode .mle-readiness .card { border-color: #4b5563; background: #1f2937; }
.mle-readiness .muted { color: #6b7280; }
.nightMode .mle-readiness .muted { color: #9ca3af; }
.mle-readiness svg text { fill: currentColor; font-size: 11px; }
.mle-readiness .track { fill: #e5e7eb; }
.nightMode .mle-readiness .track { fill: #374151; }
.mle-readiness .grid-line { stroke: #d1d5db; stroke-width: 1; }
.nightMode .mle-readiness .grid-line { stroke: #4b5563; }
.mle-readiness ul { margin: 4px 0; padding-left: 18px; }
.mle-readiness button { margin-top: 6px; }
.mle-readiness .notes { font-size: 12px; }
.mle-strip { display: flex; gap: 14px; justify-content: center; flex-wrap: wrap; font-size: 12px; margin: 6px 0; }
.mle-strip span b { font-weight: 600; }
"""

SCRIPT = (
    f"function mleSetDate(key, input) {{ pycmd('{SET_DATE}' + key + ':' + (input.value || '')); }}\n"
    f"function mleWeakest(key) {{ pycmd('{STUDY_WEAKEST}' + key); }}\n"
)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _bar(label: str, value: float | None, colour: str, y: int) -> str:
    width = 0.0 if value is None else max(0.0, min(value, 1.0)) * 200
    return (
        f'<text x="0" y="{y + 11}">{escape(label)}</text>'
        f'<rect class="track" x="110" y="{y}" width="200" height="14" rx="3"/>'
        f'<rect x="110" y="{y}" width="{width:.1f}" height="14" rx="3" fill="{colour}"/>'
        f'<text x="316" y="{y + 11}">{percent(value)}</text>'
    )


def bars_svg(category: str, report: CategoryReport) -> str:
    colour = COLOURS.get(category, "#6b7280")
    rows = (
        ("Coverage", report.coverage),
        ("Recall now", report.recall_now),
        ("At interview", report.recall_at_interview),
        ("Confident", report.confident_share),
    )
    body = "".join(_bar(label, value, colour, index * 20) for index, (label, value) in enumerate(rows))
    return f'<svg role="img" aria-label="{escape(get(category).title)} bars" width="350" height="80">{body}</svg>'


def trend_svg(days: Sequence[date], readiness: Mapping[str, Sequence[float | None]]) -> str:
    """A line per category: mean recall over the sampled days, 0-100%."""
    width, height, left, bottom = 640, 170, 34, 20
    plot_w, plot_h = width - left - 10, height - bottom - 10
    parts = [f'<svg role="img" aria-label="Readiness trend" width="{width}" height="{height}">']
    for level in (0, 0.5, 1):
        y = 10 + plot_h * (1 - level)
        parts.append(f'<line class="grid-line" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="0" y="{y + 4:.1f}">{level * 100:.0f}%</text>')
    count = len(days)
    for key in CATEGORY_KEYS:
        values = readiness.get(key, ())
        points = [
            f"{left + (plot_w * index / max(count - 1, 1)):.1f},{10 + plot_h * (1 - value):.1f}"
            for index, value in enumerate(values)
            if value is not None
        ]
        if len(points) > 1:
            parts.append(
                f'<polyline fill="none" stroke="{COLOURS[key]}" stroke-width="2" points="{" ".join(points)}"/>'
            )
    if days:
        parts.append(f'<text x="{left}" y="{height - 4}">{days[0].isoformat()}</text>')
        parts.append(f'<text x="{width - 80}" y="{height - 4}">{days[-1].isoformat()}</text>')
    parts.append("</svg>")
    legend = " ".join(f'<span style="color:{COLOURS[key]}">■</span> {escape(get(key).title)}' for key in CATEGORY_KEYS)
    return "".join(parts) + f'<div class="muted">{legend}</div>'


def countdown(report: Report, dates: Mapping[str, date]) -> str:
    general = dates.get(ALL_CATEGORIES)
    if general is None:
        return "No interview date set. Pick one below to get a study plan."
    days = (general - report.today).days
    if days < 0:
        return f"The interview date {general.isoformat()} has passed. Pick the next one below."
    if days == 0:
        return f"Interview today ({general.isoformat()}). Good luck!"
    return f"{days} day{'s' if days != 1 else ''} to the interview ({general.isoformat()})."


def _plan(report: CategoryReport, lead_days: int) -> str:
    if report.cards == 0:
        return '<p class="muted">No cards in this category yet.</p>'
    if report.interview_date is None or report.due_before_interview is None:
        plan = "Set an upcoming interview date for a study plan."
    else:
        plan = (
            f"{report.due_before_interview:,} reviews fall due before the interview; "
            f"{report.new_per_day_needed or 0:,} new cards a day to see all {report.new:,} new cards "
            f"{lead_days} days ahead."
        )
    retention = (
        f"True retention (30 days): {percent(report.true_retention_30d)} over {report.reviews_30d:,} reviews."
        if report.reviews_30d
        else "No reviews in the last 30 days."
    )
    return f"<p>{escape(plan)}<br>{escape(retention)}</p>"


def category_section(key: str, report: CategoryReport, dates: Mapping[str, date], lead_days: int) -> str:
    title = escape(get(key).title)
    own = dates.get(key)
    weakest = "".join(
        f"<li>{escape(topic.tag.split('::', 2)[-1])}: {percent(topic.recall_at_interview)} "
        f'<span class="muted">({topic.cards:,} cards)</span></li>'
        for topic in report.weakest_topics
    )
    return (
        f'<div class="card" id="category-{key}"><h2>{title}</h2>'
        f'<div class="muted">{report.cards:,} cards: {report.new:,} new, {report.learning:,} learning, '
        f"{report.young:,} young, {report.mature:,} mature</div>"
        f"{bars_svg(key, report)}"
        f"{_plan(report, lead_days)}"
        + (f"<div>Weakest topics:<ul>{weakest}</ul></div>" if weakest else "")
        + f'<label>Own interview date: <input type="date" id="date-{key}" value="{own.isoformat() if own else ""}" '
        f"onchange=\"mleSetDate('{key}', this)\"></label><br>"
        f'<button id="weakest-{key}" onclick="mleWeakest(\'{key}\')">Study weakest</button></div>'
    )


def render_panel(
    report: Report,
    dates: Mapping[str, date],
    lead_days: int,
    trend_days: Sequence[date] = (),
    trend: Mapping[str, Sequence[float | None]] | None = None,
    practice: str = "",
) -> str:
    """The whole panel body (HTML with its own <style> and <script>); `practice`: the practice section's HTML."""
    general = dates.get(ALL_CATEGORIES)
    sections = "".join(category_section(key, report.categories[key], dates, lead_days) for key in report.categories)
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    memory = (
        "FSRS memory states"
        if report.memory_model == "fsrs"
        else "memory states estimated from your review history (SM-2 collection; FSRS stays off)"
    )
    trend_html = trend_svg(trend_days, trend) if trend is not None else '<p class="muted">Computing the trend…</p>'
    return (
        f"<style>{CSS}</style><script>{SCRIPT}</script>"
        f'<div class="mle-readiness"><h1>Interview Readiness</h1>'
        f'<div class="countdown" id="countdown">{escape(countdown(report, dates))}</div>'
        f'<label>Interview date: <input type="date" id="date-all" value="{general.isoformat() if general else ""}" '
        f"onchange=\"mleSetDate('{ALL_CATEGORIES}', this)\"></label>"
        f'<p class="muted">Recall "at interview" assumes no further reviews: it is a floor. Based on {memory}. '
        f"Today is {report.today.isoformat()}.</p>"
        f'<div class="grid">{sections}</div>'
        f"{practice}"
        f"<h2>Readiness over the last 90 days</h2>{trend_html}"
        + (f'<div class="notes muted"><ul>{notes}</ul></div>' if notes else "")
        + "</div>"
    )


def render_strip(report: Report) -> str:
    """The compact line above the deck list: recall at interview per category that has cards."""
    items = "".join(
        f"<span><b>{escape(get(key).title)}</b> {percent(category.recall_at_interview)}</span>"
        for key, category in report.categories.items()
        if category.cards
    )
    if not items:
        return ""
    when = f" on {report.interview_date.isoformat()}" if report.interview_date else " today"
    return f'<style>{CSS}</style><div class="mle-strip" id="mle-readiness-strip">Interview recall{when}: {items}</div>'
