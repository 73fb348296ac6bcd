"""The readiness panel and the deck-browser strip as HTML: pure functions of a view of the report, with inline SVG.

The last step of the report (read -> model -> project -> render): `render_panel(view)` takes a `PanelView` (the
report, its projections once they are computed, the trend, the dates and what the page should say at the top) and
returns a string. It never sees the collection; the page is a list of section functions of the view
(`PANEL_SECTIONS`), so a new section is one more function.

No network, no CDN, no external file: everything is in the returned string. Colours come from CSS, with a `.nightMode`
variant (the class Anki puts on the body of its web views in night mode). Buttons and date pickers call back into
Python through Anki's `pycmd` bridge with the commands named below. Standard library and the report's types only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from ..categories import CATEGORY_KEYS, SEPARATOR, get
from ..readiness_config import ALL_CATEGORIES
from . import plan as plans
from .model import MODEL_FSRS, CategoryReport, NewTopic, Report

COMMAND_PREFIX = "mle-readiness"
SET_DATE = f"{COMMAND_PREFIX}:date:"  # + "<category or *>:<YYYY-MM-DD or empty>"
STUDY_WEAKEST = f"{COMMAND_PREFIX}:weakest:"  # + "<category>"
STUDY_TOPIC = f"{COMMAND_PREFIX}:study:"  # + "<topic tag>"
START_TOPIC = f"{COMMAND_PREFIX}:start:"  # + "<topic tag>"
APPLY_UPDATE = f"{COMMAND_PREFIX}:apply-update"
COLOURS = {"algorithms": "#3b82f6", "system-design": "#10b981", "ml-concepts": "#f59e0b", "ml-design": "#ef4444"}
NOT_STARTED_SHOWN = 6  # not-started topics listed at once; the rest under a <details> that opens to them
SCROLL_KEY = "mleReadinessScroll"  # where the page keeps its scroll position between renders

CSS = """
.mle-readiness { font-family: system-ui, sans-serif; font-size: 14px; color: #1f2937; padding: 4px 12px; }
.nightMode .mle-readiness { color: #e5e7eb; }
.mle-readiness h1 { font-size: 20px; margin: 8px 0; }
.mle-readiness h2 { font-size: 16px; margin: 0; }
.mle-readiness h3 { font-size: 13px; margin: 8px 0 2px; }
.mle-readiness h3 .muted { font-weight: normal; font-size: 12px; }
.mle-readiness .countdown { font-size: 16px; margin-bottom: 6px; }
.mle-readiness .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 12px; }
.mle-readiness .card { border: 1px solid #d1d5db; border-radius: 8px; padding: 10px; background: #ffffff; }
.nightMode .mle-readiness .card { border-color: #4b5563; background: #1f2937; }
.mle-readiness .head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.mle-readiness .when { font-weight: 600; }
.mle-readiness .muted { color: #6b7280; }
.nightMode .mle-readiness .muted { color: #9ca3af; }
.mle-readiness .banner { border-radius: 8px; padding: 8px 12px; margin: 8px 0; border: 1px solid #f59e0b;
  background: #fffbeb; }
.nightMode .mle-readiness .banner { background: #3b2f14; border-color: #b45309; }
.mle-readiness .banner.error { border-color: #ef4444; background: #fef2f2; }
.nightMode .mle-readiness .banner.error { background: #3f1d1d; border-color: #b91c1c; }
.mle-readiness svg text { fill: currentColor; font-size: 11px; }
.mle-readiness .track { fill: #e5e7eb; }
.nightMode .mle-readiness .track { fill: #374151; }
.mle-readiness .grid-line { stroke: #d1d5db; stroke-width: 1; }
.nightMode .mle-readiness .grid-line { stroke: #4b5563; }
.mle-readiness ul { margin: 2px 0; padding-left: 18px; }
.mle-readiness li button { margin: 1px 0 1px 6px; font-size: 12px; padding: 0 6px; }
.mle-readiness li.more { list-style: none; margin-left: -18px; }
.mle-readiness summary { cursor: pointer; }
.mle-readiness .plan { margin: 6px 0; }
.mle-readiness .footer { display: flex; justify-content: space-between; align-items: center; margin-top: 6px; }
.mle-readiness .notes { font-size: 12px; }
.mle-strip { display: flex; gap: 14px; justify-content: center; flex-wrap: wrap; font-size: 12px; margin: 6px 0; }
.mle-strip span b { font-weight: 600; }
"""

SCRIPT = (
    f"function mleSetDate(key, input) {{ pycmd('{SET_DATE}' + key + ':' + (input.value || '')); }}\n"
    f"function mleWeakest(key) {{ pycmd('{STUDY_WEAKEST}' + key); }}\n"
    f"function mleStudy(tag) {{ pycmd('{STUDY_TOPIC}' + tag); }}\n"
    f"function mleStart(tag) {{ pycmd('{START_TOPIC}' + tag); }}\n"
    f"function mleApplyUpdate() {{ pycmd('{APPLY_UPDATE}'); }}\n"
    # NOTE: the panel re-renders as a new page whenever a figure arrives or the collection changes (a Study click
    # lower down, a date set on the last category). The page keeps its scroll position across those loads in the web
    # view's own session storage, so the user stays where they were; a panel opened again starts at the top. It is
    # saved as the user scrolls, not as the page goes: figures can arrive back to back, and a page replaced before it
    # had scrolled back would save the top. A page too short to scroll back that far (one rendered while a figure is
    # on its way) ends at its bottom: that scroll is not the user's, so the position kept is not lowered to it.
    "addEventListener('scroll', function () { try { "
    f"var kept = Number(sessionStorage.getItem('{SCROLL_KEY}')) || 0; "
    "if (scrollY < kept && scrollY >= document.documentElement.scrollHeight - innerHeight - 1) { return; } "
    f"sessionStorage.setItem('{SCROLL_KEY}', String(scrollY)); }} catch (e) {{}} }});\n"
    "addEventListener('DOMContentLoaded', function () { try { "
    f"var y = Number(sessionStorage.getItem('{SCROLL_KEY}')) || 0; if (y > 0) {{ scrollTo(0, y); }} }} "
    "catch (e) {} });\n"
)


@dataclass(frozen=True)
class PendingUpdate:
    """A deck release imported but not applied yet ("Apply deck update" has something to do)."""

    releases: tuple[str, ...]
    moves: int
    retirements: int
    restores: int


@dataclass(frozen=True)
class PanelView:
    """Everything the panel shows; `render_panel` is a pure function of it."""

    report: Report
    dates: Mapping[str, date]
    lead_days: int
    weakest_deck_size: int = 50
    trend_days: Sequence[date] = ()
    trend: Mapping[str, Sequence[float | None]] | None = None
    projected: bool = False  # the report's projections are filled in (else they are being computed)
    pending_update: PendingUpdate | None = None
    message: str | None = None  # a problem to show at the top, e.g. a date the panel refused
    notice: str | None = None  # something to know, e.g. why the projection is not there yet
    practice: str = ""  # the practice section's HTML (`practice.render.practice_section`), shown after the categories


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


_BAR_X, _BAR_W = 140, 180  # the labels' column, then the bars


def _bar(label: str, value: float | None, colour: str, y: int, missing: str = "") -> str:
    """One bar; without a value, `missing` in place of the figure (empty while the projection is coming)."""
    width = 0.0 if value is None else max(0.0, min(value, 1.0)) * _BAR_W
    shown = escape(missing) if value is None else percent(value)
    return (
        f'<text x="0" y="{y + 11}">{escape(label)}</text>'
        f'<rect class="track" x="{_BAR_X}" y="{y}" width="{_BAR_W}" height="14" rx="3"/>'
        f'<rect x="{_BAR_X}" y="{y}" width="{width:.1f}" height="14" rx="3" fill="{colour}"/>'
        f'<text x="{_BAR_X + _BAR_W + 6}" y="{y + 11}">{shown}</text>'
    )


def bars_svg(category: str, report: CategoryReport, projected: bool) -> str:
    """Four bars that cannot be confused: how much is studied, how well the studied part is recalled now, and the
    share of the whole category known on the day, if the user keeps going and if they stop reviewing today."""
    colour = COLOURS.get(category, "#6b7280")
    keep_going, why_not = going_on(report, projected)
    rows = (
        ("Studied", report.coverage, ""),
        ("Recall of studied", report.recall_studied_now, ""),
        ("On the day, going on", keep_going, why_not),
        ("On the day, stopping", report.recall_at_interview, ""),
    )
    body = "".join(
        _bar(label, value, colour, index * 20, missing) for index, (label, value, missing) in enumerate(rows)
    )
    return f'<svg role="img" aria-label="{escape(get(category).title)} bars" width="400" height="80">{body}</svg>'


def going_on(report: CategoryReport, projected: bool) -> tuple[float | None, str]:
    """The "On the day, going on" bar: (its value, what to show without one).

    The projection once it is there; on the interview day itself, what you recall now (nothing is left to study, so
    what you know on the day is what you know now: the mean recall over every card, unseen ones 0); "…" while the
    projection is coming; else "–" and why there is none."""
    if report.projection is not None:
        return report.projection.known_at_interview, ""
    advice = report.plan.advice
    if advice == plans.TODAY:
        return report.recall_now, ""
    if advice == plans.NO_DATE:
        return None, "– no date"
    if advice == plans.PAST:
        return None, "– date passed"
    return None, "–" if projected else "…"


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


def days_text(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} ago"
    return f"in {days} days"


def countdown(report: Report, dates: Mapping[str, date]) -> str:
    """The header: the general date's countdown, then each category's own date."""
    general = dates.get(ALL_CATEGORIES)
    if general is None:
        lines = ["No interview date set. Pick one below for a study plan and a projection."]
    else:
        days = (general - report.today).days
        if days < 0:
            lines = [f"The interview date {general.isoformat()} has passed. Pick the next one below."]
        elif days == 0:
            lines = [f"Interview today ({general.isoformat()}). Good luck!"]
        else:
            lines = [f"Interview {days_text(days)} ({general.isoformat()})."]
    for key in CATEGORY_KEYS:
        own = dates.get(key)
        if own is not None:
            lines.append(f"{get(key).title}: interview {days_text((own - report.today).days)} ({own.isoformat()}).")
    return " ".join(lines)


def plan_text(key: str, report: CategoryReport, budget: plans.Budget | None = None) -> str:
    """What to do today, in words, from the plan's advice code and numbers; `budget`: the report's daily budget of new
    cards (without it, the default budget, for this category alone)."""
    plan, title, deck = report.plan, get(key).title, report.deck
    due = report.due_before_interview
    reviews = f" {due:,} reviews fall due before the interview." if due else ""
    fixed = {
        plans.NO_CARDS: "No cards in this category yet.",
        plans.NO_DATE: "Set an interview date for a plan.",
        plans.PAST: "The interview date has passed. Set the next one.",
        plans.TODAY: "Interview today: no new cards. Skim your weakest topic if you like, then rest. Good luck!",
        plans.TOMORROW: "Interview tomorrow: no new material. Do the reviews that are due, one weak topic, then rest.",
        plans.REVIEW_ONLY: f"{plan.days_left} days left: too late to learn new cards well. Review what is due and "
        f"your weakest topics.{reviews}",
        plans.ALL_SEEN: f"Every card of {title} is studied: keep up with the reviews.{reviews}",
    }
    if plan.advice in fixed:
        return fixed[plan.advice]
    cutoff = plan.new_cutoff.isoformat() if plan.new_cutoff else ""
    limit = deck.new_per_day if deck else 0
    where = f" in the deck options of {deck.name}" if deck else ""
    if plan.advice == plans.ON_TRACK:
        return f"On track: at {limit} new cards a day you will have seen every card by {cutoff}.{reviews}"
    if plan.advice == plans.RAISE_LIMIT:
        return (
            f"Raise New cards/day from {limit} to {plan.new_per_day}{where} to see every card by {cutoff}, "
            f"or you will have seen {percent(plan.seen_at_limit)} of {title} by then.{reviews}"
        )
    per_day = budget.per_day if budget else plans.MAX_NEW_PER_DAY
    share = plan.share
    if budget is not None and budget.needed > plan.needed:
        head = f"Your share of the {per_day}-a-day budget: {share} new cards a day (all by {cutoff}: {plan.needed})."
    else:
        head = (
            f"All by {cutoff} would take {plan.needed} new cards a day, over your budget of {per_day}: {share} a day."
        )
    if share > limit:
        setting = f" Raise New cards/day from {limit} to {share}{where}."
    elif share < limit:
        setting = f" Lower New cards/day from {limit} to {share}{where}, or stop after {share}."
    else:
        setting = ""
    return (
        f"{head}{setting} By then you will have seen {percent(plan.seen_suggested)} of {title}: start with the "
        f"topics you expect to be asked.{reviews}"
    )


def budget_text(report: Report) -> str:
    """The line above the categories: the new cards a day the plans ask for in all, against the budget."""
    budget = report.budget
    parts = [
        f"{share:,} in {get(key).title}" for key, share in budget.shares.items() if share and key in report.categories
    ]
    shares = f" ({', '.join(parts)})" if parts else ""
    setting = "max_new_cards_per_day in the add-on's config"
    if budget.over:
        return (
            f"Today: {budget.planned:,} new cards in all{shares}, your whole budget of {budget.per_day:,} a day. "
            f"Every new card in time would take {budget.needed:,} a day; each category gets a share "
            f"({setting})."
        )
    return f"Today: {budget.planned:,} new cards in all{shares}, of a budget of {budget.per_day:,} a day ({setting})."


def _topic_name(tag: str) -> str:
    return tag.split(SEPARATOR, 2)[-1]


def _js_string(text: str) -> str:
    """A JS string literal that is safe inside an HTML attribute."""
    return escape(json.dumps(text), quote=True)


def _topic_button(kind: str, function: str, tag: str) -> str:
    call = f"{function}({_js_string(tag)})"
    return f'<button class="{kind}" data-tag="{escape(tag)}" onclick="{call}">{kind.title()}</button>'


def _weakest_studied(key: str, report: CategoryReport) -> str:
    if not report.weakest_studied_topics:
        return ""
    items = "".join(
        f"<li>{escape(_topic_name(topic.tag))}: {percent(topic.recall_at_interview)} "
        f'<span class="muted">({topic.studied:,} of {topic.cards:,} cards studied)</span>'
        f"{_topic_button('study', 'mleStudy', topic.tag)}</li>"
        for topic in report.weakest_studied_topics
    )
    return (
        '<h3>Weakest studied topics <span class="muted">(recall on the day if you stop reviewing; Study makes a '
        f'filtered deck of their studied cards)</span></h3><ul id="weakest-topics-{key}">{items}</ul>'
    )


# The plan's advice when no new material should be started: the topics not started are listed without Start.
NO_NEW_MATERIAL = frozenset({plans.TODAY, plans.TOMORROW, plans.REVIEW_ONLY})


def _not_started(key: str, report: CategoryReport) -> str:
    topics = report.not_started_topics
    if not topics:
        return ""
    startable = report.plan.advice not in NO_NEW_MATERIAL

    def item(topic: NewTopic) -> str:
        button = _topic_button("start", "mleStart", topic.tag) if startable else ""
        return (
            f'<li data-tag="{escape(topic.tag)}">{escape(_topic_name(topic.tag))} '
            f'<span class="muted">({topic.cards:,} cards)</span>{button}</li>'
        )

    items = "".join(item(topic) for topic in topics[:NOT_STARTED_SHOWN])
    rest = topics[NOT_STARTED_SHOWN:]
    if rest:
        label = f"{len(rest):,} more topic{'s' if len(rest) != 1 else ''} not started"
        items += (
            f'<li class="more"><details id="not-started-more-{key}"><summary class="muted">{label}</summary>'
            f"<ul>{''.join(item(topic) for topic in rest)}</ul></details></li>"
        )
    hint = (
        "Start makes a filtered deck of a day's new cards"
        if startable
        else "too close to the interview to start them: review what you studied"
    )
    return f'<h3>Not started <span class="muted">({hint})</span></h3><ul id="not-started-{key}">{items}</ul>'


def _deck_line(report: CategoryReport) -> str:
    deck = report.deck
    if deck is None:
        return ""
    return (
        f'<div class="muted">Limits of {escape(deck.name)}: {deck.new_per_day:,} new cards and '
        f"{deck.reviews_per_day:,} reviews a day; desired retention {percent(deck.desired_retention)}.</div>"
    )


def _category_body(key: str, report: CategoryReport, projected: bool, budget: plans.Budget) -> str:
    if report.cards == 0:
        return '<p class="muted">No cards in this category yet.</p>'
    retention = (
        f"True retention (30 days): {percent(report.true_retention_30d)} over {report.reviews_30d:,} reviews."
        if report.reviews_30d
        else "No reviews in the last 30 days."
    )
    return (
        f'<div class="muted">{report.cards:,} cards: {report.studied:,} studied, {report.new:,} new</div>'
        f"{bars_svg(key, report, projected)}"
        f"{_deck_line(report)}"
        f'<p class="plan" id="plan-{key}"><b>Today:</b> {escape(plan_text(key, report, budget))}</p>'
        f"{_weakest_studied(key, report)}{_not_started(key, report)}"
        f'<div class="muted">{escape(retention)}</div>'
    )


def category_section(key: str, view: PanelView) -> str:
    report = view.report.categories[key]
    own = view.dates.get(key)
    when = report.interview_date
    when_text = (
        f"interview {days_text((when - view.report.today).days)} ({when.isoformat()})" if when else "no interview date"
    )
    weakest_button = (
        f'<button id="weakest-{key}" onclick="mleWeakest(\'{key}\')">'
        f"Study the {view.weakest_deck_size:,} weakest cards</button>"
        if report.studied
        else ""
    )
    return (
        f'<div class="card" id="category-{key}"><div class="head"><h2>{escape(get(key).title)}</h2>'
        f'<span class="when" id="when-{key}">{escape(when_text)}</span></div>'
        f"{_category_body(key, report, view.projected, view.report.budget)}"
        f'<div class="footer"><label>Own interview date: <input type="date" id="date-{key}" '
        f'value="{own.isoformat() if own else ""}" onchange="mleSetDate(\'{key}\', this)"></label>'
        f"{weakest_button}</div></div>"
    )


def states_section(view: PanelView) -> str:
    """What needs attention first: a refused input, no interview cards at all, a deck update waiting."""
    parts = []
    if view.message:
        parts.append(f'<div class="banner error" id="message">{escape(view.message)}</div>')
    if view.notice:
        parts.append(f'<div class="banner" id="notice">{escape(view.notice)}</div>')
    if all(category.cards == 0 for category in view.report.categories.values()):
        parts.append(
            '<div class="banner" id="empty-state"><b>No interview cards yet.</b> Import the MLE Interview deck '
            "(File &gt; Import), or tag your own notes (Tools &gt; Interview Readiness &gt; Tag cards by interview "
            "category).</div>"
        )
    update = view.pending_update
    if update is not None:
        changes = [
            text
            for count, text in (
                (update.moves, f"{update.moves:,} cards to move to their new decks"),
                (update.retirements, f"{update.retirements:,} notes the release dropped to retire"),
                (update.restores, f"{update.restores:,} notes to restore"),
            )
            if count
        ]
        parts.append(
            f'<div class="banner" id="pending-update"><b>A deck update is waiting</b> '
            f"({escape(', '.join(update.releases))}): {escape('; '.join(changes))}. "
            '<button id="apply-update" onclick="mleApplyUpdate()">Apply</button></div>'
        )
    return "".join(parts)


def header_section(view: PanelView) -> str:
    report = view.report
    general = view.dates.get(ALL_CATEGORIES)
    fsrs = report.memory_model == MODEL_FSRS
    memory = "FSRS memory states" if fsrs else "memory states estimated from your review history (SM-2; FSRS stays off)"
    simulator = "Anki's FSRS simulator" if fsrs else "Anki's FSRS simulator, on a private copy with FSRS on"
    return (
        "<h1>Interview Readiness</h1>"
        f'<div class="countdown" id="countdown">{escape(countdown(report, view.dates))}</div>'
        f'<label>Interview date: <input type="date" id="date-all" value="{general.isoformat() if general else ""}" '
        f"onchange=\"mleSetDate('{ALL_CATEGORIES}', this)\"></label>"
        '<p class="muted" id="legend"><b>Studied</b>: the share of the category\'s cards you have studied. '
        "<b>Recall of studied</b>: how much of what you studied you would recall now. "
        "<b>On the day</b>: the share of the whole category you will know on the interview day if you go on at your "
        f"deck's limits ({simulator}), and if you stop reviewing today (a floor). "
        f"Based on {memory}. Today is {report.today.isoformat()}.</p>"
    )


def categories_section(view: PanelView) -> str:
    sections = "".join(category_section(key, view) for key in view.report.categories)
    budget = f'<p class="plan" id="budget">{escape(budget_text(view.report))}</p>' if view.report.budget.needed else ""
    return f'{budget}<div class="grid" id="categories" data-projected="{int(view.projected)}">{sections}</div>'


def practice_section(view: PanelView) -> str:
    return view.practice


def trend_section(view: PanelView) -> str:
    trend_html = (
        trend_svg(view.trend_days, view.trend)
        if view.trend is not None
        else '<p class="muted">Computing the trend…</p>'
    )
    return (
        "<h2>Readiness over the last 90 days</h2>"
        '<p class="muted">The share of each category you would have recalled, day by day.</p>'
        f"{trend_html}"
    )


def notes_section(view: PanelView) -> str:
    notes = "".join(f"<li>{escape(note)}</li>" for note in view.report.notes)
    return f'<div class="notes muted"><ul>{notes}</ul></div>' if notes else ""


# The panel, top to bottom. A new section is a function of the view, added here.
PANEL_SECTIONS: tuple[Callable[[PanelView], str], ...] = (
    states_section,
    header_section,
    categories_section,
    practice_section,
    trend_section,
    notes_section,
)


def render_panel(view: PanelView, sections: Sequence[Callable[[PanelView], str]] = PANEL_SECTIONS) -> str:
    """The whole panel body (HTML with its own <style> and <script>)."""
    body = "".join(section(view) for section in sections)
    return f'<style>{CSS}</style><script>{SCRIPT}</script><div class="mle-readiness">{body}</div>'


def render_strip(report: Report) -> str:
    """The line below the deck list: per category with cards, the share known on its own interview day if the user
    goes on (once projected), else at least the no-review floor, labelled with its date. A category with no upcoming
    date has no interview day to speak of: the share it knows now (`recall_now`), labelled "now"."""
    items = []
    dated = 0
    for key, category in report.categories.items():
        if not category.cards:
            continue
        when = category.interview_date
        if when is not None and when >= report.today:
            dated += 1
            known = category.projection.known_at_interview if category.projection else None
            figure = percent(known) if known is not None else f"≥{percent(category.recall_at_interview)}"
            label = f"on {when.isoformat()}"
        else:
            figure = percent(category.recall_now)
            label = "now" if when is None else f"now (the date {when.isoformat()} has passed)"
        items.append(f'<span id="strip-{key}"><b>{escape(get(key).title)}</b> {figure} {escape(label)}</span>')
    if not items:
        return ""
    if dated == len(items):
        head = "Known on the interview day:"
    elif dated == 0:
        head = "Known now (no interview date set):"
    else:
        head = "Known:"
    return f'<style>{CSS}</style><div class="mle-strip" id="mle-readiness-strip">{head} {"".join(items)}</div>'
