"""The practice screens as HTML: the mock-interview window, the panel's practice section and the strip's line.

Pure functions: the mock window is `render_mock(state, now)` (and its parts, which the window refreshes in place
every second without reloading the card), the panel section is `practice_section(summary)`, the strip's line is
`practice_strip(summary)`. No network, no external file; colours come from CSS with a `.nightMode` variant (the class
Anki puts on the body of its web views in night mode). Buttons call back into Python through Anki's `pycmd` bridge
with the commands named below. Standard library and the practice modules' types only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape

from ..card_meta import ROUNDS, round_for
from .grading import ANSWER, GRADE_TITLES, GRADES, RATING_TITLES, rating_for
from .mock import CHOOSE, GRADED, REVEALED, RUNNING, MockState
from .pick import MODE_TITLES, MODES, TIER_TITLES
from .stats import PracticeSummary, RoundPractice, Week
from .timing import CHECKLISTS, CODE, PhaseTiming, Timing, clock_text

COMMAND_PREFIX = "mle-mock:"
START = "start:"  # + "<round>:<mode>"
NEXT_PHASE = "next-phase"
REVEAL = "reveal"
GRADE = "grade:"  # + "<grade>"
NEXT = "next"
CHOOSE_AGAIN = "choose"
REGIONS = ("mle-timer", "mle-controls")  # the parts refreshed in place while the clock runs

MOCK_CSS = """
.mle-mock { font-family: system-ui, sans-serif; font-size: 14px; color: #1f2937; padding: 6px 12px; }
.nightMode .mle-mock { color: #e5e7eb; }
.mle-mock .head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.mle-mock .head h1 { font-size: 18px; margin: 4px 0; }
.mle-mock .muted { color: #6b7280; }
.nightMode .mle-mock .muted { color: #9ca3af; }
.mle-mock .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 14px; align-items: start; }
.mle-mock .side { position: sticky; top: 6px; }
.mle-mock .panel { border: 1px solid #d1d5db; border-radius: 8px; padding: 10px; margin-bottom: 10px;
  background: #f9fafb; }
.nightMode .mle-mock .panel { border-color: #4b5563; background: #1f2937; }
.mle-mock .phase-now { font-size: 15px; font-weight: 600; }
.mle-mock .big { font-size: 54px; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; }
.mle-mock .over { color: #b91c1c; }
.nightMode .mle-mock .over { color: #f87171; }
.mle-mock .ok { color: #047857; }
.nightMode .mle-mock .ok { color: #34d399; }
.mle-mock ol.phase-list { margin: 8px 0 0; padding-left: 20px; }
.mle-mock ol.phase-list li { margin: 2px 0; font-variant-numeric: tabular-nums; }
.mle-mock ol.phase-list li.current { font-weight: 700; }
.mle-mock ol.phase-list li.ahead { color: #6b7280; }
.nightMode .mle-mock ol.phase-list li.ahead { color: #9ca3af; }
.mle-mock ul.checklist { list-style: none; padding: 0; margin: 4px 0; }
.mle-mock ul.checklist li { margin: 3px 0; }
.mle-mock button { font-size: 14px; padding: 5px 10px; margin: 3px 4px 3px 0; }
.mle-mock button.primary { font-weight: 700; }
.mle-mock table.result { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.mle-mock table.result td, .mle-mock table.result th { border-bottom: 1px solid #d1d5db; padding: 3px 4px;
  text-align: right; }
.nightMode .mle-mock table.result td, .nightMode .mle-mock table.result th { border-color: #4b5563; }
.mle-mock table.result td:first-child, .mle-mock table.result th:first-child { text-align: left; }
.mle-mock .choose label { display: block; margin: 4px 0; }
.mle-mock .choose fieldset { border: 1px solid #d1d5db; border-radius: 8px; margin: 8px 0; }
.nightMode .mle-mock .choose fieldset { border-color: #4b5563; }
.mle-mock .message { margin: 6px 0; font-weight: 600; }
.mle-mock .card.mle-card { max-width: none; margin: 0; padding: 0; background: transparent; }
"""

MOCK_SCRIPT = f"""
function mleCmd(cmd) {{ pycmd('{COMMAND_PREFIX}' + cmd); }}
function mleStart() {{
  const round = document.querySelector('input[name=round]:checked');
  const mode = document.querySelector('input[name=mode]:checked');
  if (round && mode) {{ mleCmd('{START}' + round.value + ':' + mode.value); }}
}}
function mleUpdate(parts) {{
  for (const id in parts) {{ const el = document.getElementById(id); if (el) {{ el.innerHTML = parts[id]; }} }}
}}
function mleTypeset() {{
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {{
    MathJax.startup.promise.then(() => MathJax.typesetPromise ? MathJax.typesetPromise() : null).catch(() => null);
  }}
}}
"""


def _button(label: str, command: str, *, primary: bool = False, enabled: bool = True, element_id: str = "") -> str:
    attributes = f' id="{element_id}"' if element_id else ""
    attributes += ' class="primary"' if primary else ""
    attributes += "" if enabled else " disabled"
    return f"<button{attributes} onclick=\"mleCmd('{escape(command)}')\">{escape(label)}</button>"


# The mock window ######################################################################################


def render_mock(state: MockState, now: float) -> str:
    """The whole window body at `now` (HTML with its own <style> and <script>)."""
    body = _chooser(state) if state.stage == CHOOSE or state.item is None else _interview(state, now)
    return (
        f"<style>{MOCK_CSS}</style><script>{MOCK_SCRIPT}</script>"
        f'<div class="mle-mock" id="mle-mock" data-stage="{state.stage}">{body}</div>'
        "<script>mleTypeset();</script>"
    )


def render_regions(state: MockState, now: float) -> dict[str, str]:
    """The parts of the window that change while the clock runs, by element id."""
    if state.stage == CHOOSE or state.item is None:
        return {}
    return {"mle-timer": timer_html(state, now), "mle-controls": controls_html(state)}


def update_script(state: MockState, now: float) -> str:
    """The JavaScript that refreshes those parts in place."""
    return f"mleUpdate({json.dumps(render_regions(state, now))});"


def _chooser(state: MockState) -> str:
    rounds = "".join(
        f'<label><input type="radio" name="round" value="{item.key}" id="round-{item.key}"'
        f"{' checked' if item.key == state.round else ''}> {escape(item.title)} "
        f'<span class="muted">({state.counts.get(item.key, 0):,} cards)</span></label>'
        for item in ROUNDS
    )
    modes = "".join(
        f'<label><input type="radio" name="mode" value="{mode}" id="mode-{mode}"'
        f"{' checked' if mode == state.mode else ''}> {escape(MODE_TITLES[mode])}</label>"
        for mode in MODES
    )
    message = f'<p class="message" id="mle-message">{escape(state.message)}</p>' if state.message else ""
    return (
        '<div class="choose"><h1>Mock interview</h1>'
        '<p class="muted">Answer out loud, as in the interview. The clock runs per phase; Reveal stops it and shows '
        "the answer. Your grade is recorded as a review of the card.</p>"
        f"{message}<fieldset><legend>Round</legend>{rounds}</fieldset>"
        f"<fieldset><legend>Pick</legend>{modes}"
        '<p class="muted">What I need most: cards marked for re-review, then due or weak ones, then unseen ones, '
        "balancing difficulty. Surprise me: any card of the round, at random.</p></fieldset>"
        '<button class="primary" id="mle-start" onclick="mleStart()">Start</button></div>'
    )


def _interview(state: MockState, now: float) -> str:
    assert state.item is not None
    item = state.item
    candidate = item.candidate
    facts = []
    if candidate.difficulty:
        facts.append(escape(candidate.difficulty.capitalize()))
    facts.append(f"{candidate.budget_minutes} min")
    if state.tier is not None:
        facts.append(f"picked: {escape(TIER_TITLES[state.tier])}")
    else:
        facts.append("picked at random")
    facts.append(f"card {state.asked} of this session")
    side = "answer" if state.stage in (REVEALED, GRADED) else "question"
    content = item.answer_html if side == "answer" else item.question_html
    checklist = "".join(
        f'<li><label><input type="checkbox"> {escape(line)}</label></li>' for line in CHECKLISTS[candidate.round]
    )
    return (
        f'<div class="head"><h1>Mock interview: {escape(round_for(candidate.round).title)}</h1>'
        f'<div class="muted" id="mle-facts" data-title="{escape(item.title)}">{" · ".join(facts)}</div></div>'
        f'<div class="layout"><div id="mle-card-side" data-side="{side}">'
        f'<style>{item.css}</style><div class="card mle-card" id="mle-card">{content}</div></div>'
        f'<div class="side"><div class="panel" id="mle-timer">{timer_html(state, now)}</div>'
        f'<div class="panel" id="mle-controls">{controls_html(state)}</div>'
        f'<div class="panel"><b>Say out loud</b><ul class="checklist" id="mle-checklist">{checklist}</ul></div>'
        "</div></div>"
    )


def _phase_line(phase: PhaseTiming) -> str:
    budget = f"{phase.budget_s // 60} min"
    if phase.state == "ahead":
        return f'<li class="ahead">{escape(phase.name)} <span class="muted">{budget}</span></li>'
    over = f' <span class="over">+{clock_text(phase.over_s)}</span>' if phase.over_s > 0 else ""
    return (
        f'<li class="{phase.state}{" over" if phase.over_s > 0 else ""}">{escape(phase.name)} '
        f"{clock_text(phase.spent_s)} / {budget}{over}</li>"
    )


def timer_html(state: MockState, now: float) -> str:
    """The big clock of the running phase, its budget or overtime, the total, and every phase."""
    result = state.timing(now)
    phases = "".join(_phase_line(phase) for phase in result.phases)
    total = (
        f'<div id="mle-total">Total {clock_text(result.total_s)} of {clock_text(result.budget_s)}'
        + (f' <span class="over">+{clock_text(result.over_s)} over</span>' if result.over_s > 0 else "")
        + "</div>"
    )
    if result.current is None:
        verdict = _verdict(result)
        return f'<div class="phase-now" id="mle-phase">Clock stopped: {verdict}</div>{_result_table(result)}{total}'
    current = result.phases[result.current]
    if current.over_s > 0:
        status = f'<div class="over" id="mle-status">Overtime: +{clock_text(current.over_s)} over this phase</div>'
    else:
        status = f'<div class="muted" id="mle-status">{clock_text(current.budget_s - current.spent_s)} left</div>'
    return (
        f'<div class="phase-now" id="mle-phase">Phase {result.current + 1} of {len(result.phases)}: '
        f"{escape(current.name)} ({current.budget_s // 60} min)</div>"
        f'<div class="big{" over" if current.over_s > 0 else ""}" id="mle-clock">{clock_text(current.spent_s)}</div>'
        f"{status}{total}"
        f'<ol class="phase-list" id="mle-phases">{phases}</ol>'
    )


def _verdict(result: Timing) -> str:
    """What the stopped clock says. NOTE: an answer revealed before the last phase is never "within budget", even if
    little time passed: it can only be graded "needed the answer", so the clock says where it stopped instead."""
    if not result.finished:
        reached = [phase.name for phase in result.phases if phase.state != "ahead"]
        where = escape(reached[-1]) if reached else "the first phase"
        return f'<span class="over">answer revealed during {where}</span>'
    if result.within_budget:
        return '<span class="ok">within budget</span>'
    return f'<span class="over">over budget by {clock_text(result.over_s)}</span>'


def _result_table(result: Timing) -> str:
    rows = "".join(
        f'<tr class="{"over" if phase.over_s > 0 else ""}"><td>{escape(phase.name)}</td>'
        f"<td>{phase.budget_s // 60} min</td><td>{clock_text(phase.spent_s) if phase.state != 'ahead' else '–'}</td>"
        f"<td>{('+' + clock_text(phase.over_s)) if phase.over_s > 0 else ''}</td></tr>"
        for phase in result.phases
    )
    return (
        '<table class="result" id="mle-result"><tr><th>Phase</th><th>Budget</th><th>Time</th><th>Over</th></tr>'
        f"{rows}</table>"
    )


def controls_html(state: MockState) -> str:
    """The buttons of the stage: next phase and reveal; the grades; next card."""
    if state.stage == RUNNING and state.item is not None and state.marks is not None:
        phases = state.item.candidate.phases
        reached = len(state.marks.phase_starts) + 1
        buttons = []
        if reached < len(phases):
            coming = phases[reached].name
            label = "Approach found: start coding" if coming == CODE else f"Next: {coming}"
            buttons.append(_button(label, NEXT_PHASE, element_id="mle-next-phase"))
        buttons.append(_button("Reveal the answer", REVEAL, primary=True, element_id="mle-reveal"))
        return "".join(buttons)
    if state.stage == REVEALED:
        return _grade_buttons(state)
    if state.stage == GRADED and state.rating is not None and state.grade is not None:
        message = f'<p class="message" id="mle-message">{escape(state.message)}</p>' if state.message else ""
        return (
            f'<p id="mle-recorded">Recorded: <b>{escape(GRADE_TITLES[state.grade])}</b>, a review rated '
            f"<b>{RATING_TITLES[state.rating]}</b>. Edit &gt; Undo removes it.</p>{message}"
            + _button("Next card", NEXT, primary=True, element_id="mle-next")
            + _button("Change round", CHOOSE_AGAIN, element_id="mle-choose")
        )
    return ""


def _grade_buttons(state: MockState) -> str:
    result = state.timing(0.0)
    allowed = state.allowed_grades()
    buttons = []
    for grade in GRADES:
        enabled = grade in allowed
        rating = rating_for(grade, result) if enabled else None
        label = GRADE_TITLES[grade] + (f" → {RATING_TITLES[rating]}" if rating else "")
        buttons.append(
            _button(
                label, GRADE + grade, primary=enabled and grade != ANSWER, enabled=enabled, element_id=f"grade-{grade}"
            )
        )
    why = (
        "The clock decides within or over budget."
        if result.finished
        else "You revealed the answer before the last phase, so it counts as needed."
    )
    return (
        "<b>How did it go?</b><br>" + "<br>".join(buttons) + f'<p class="muted" id="mle-grade-note">{why} Your '
        "grade is recorded as a review of this card.</p>"
    )


# The readiness panel's practice section ###############################################################

PRACTICE_CSS = """
.mle-practice .rounds { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
.mle-practice .figures { margin: 4px 0; }
.mle-practice .bar-within { fill: #10b981; }
.mle-practice .bar-other { fill: #9ca3af; }
.nightMode .mle-practice .bar-other { fill: #6b7280; }
.mle-practice svg text { fill: currentColor; font-size: 10px; }
.mle-strip.mle-practice-strip { display: flex; gap: 14px; justify-content: center; font-size: 12px; margin: 4px 0; }
"""


def _figure(value: float | None, text: str) -> str:
    return "–" if value is None else text


def weeks_svg(round_key: str, weeks: Sequence[Week]) -> str:
    """Attempts per week (the last bar is this week): within budget in green, the others in grey."""
    width, height, bar, gap = 8 * 26, 54, 18, 8
    top = max([week.attempts for week in weeks] + [1])
    parts = [
        f'<svg role="img" aria-label="Practice trend, {escape(round_key)}" width="{width}" height="{height + 12}">'
    ]
    for index, week in enumerate(weeks):
        x = index * (bar + gap)
        other_h = height * (week.attempts - week.within) / top
        within_h = height * week.within / top
        parts.append(
            f'<rect class="bar-other" x="{x}" y="{height - other_h - within_h:.1f}" width="{bar}" '
            f'height="{other_h:.1f}"/>'
        )
        parts.append(
            f'<rect class="bar-within" x="{x}" y="{height - within_h:.1f}" width="{bar}" height="{within_h:.1f}"/>'
        )
        if week.attempts:
            parts.append(f'<text x="{x + bar / 2}" y="{height + 10}" text-anchor="middle">{week.attempts}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _round_card(practice: RoundPractice) -> str:
    title = escape(round_for(practice.round).title)
    time_label = "to an approach" if practice.round == "coding" else "per answer"
    plural = "" if practice.attempts_30d == 1 else "s"
    figures = (
        f'<div class="figures">{practice.attempts_30d:,} attempt{plural} in 30 days · '
        f"{_figure(practice.within_share, f'{(practice.within_share or 0) * 100:.0f}%')} within budget · "
        f"median {_figure(practice.median_minutes, f'{practice.median_minutes or 0:.0f} min')} {time_label}</div>"
    )
    if practice.re_review:
        items = "".join(
            f'<li data-card="{item.card_id}">{escape(item.title)} <span class="muted">'
            f"({escape(GRADE_TITLES[item.grade].lower())}, {datetime.fromtimestamp(item.epoch_s).date().isoformat()})"
            "</span></li>"
            for item in practice.re_review
        )
        more = practice.re_review_count - len(practice.re_review)
        extra = f'<li class="muted">and {more:,} more</li>' if more > 0 else ""
        re_review = f"<div>Re-review ({practice.re_review_count:,}):<ul>{items}{extra}</ul></div>"
    else:
        re_review = '<div class="muted">Nothing marked for re-review.</div>'
    return (
        f'<div class="card" id="practice-{practice.round}"><h3>{title}</h3>{figures}'
        f'<div class="muted">Attempts per week, last 8 weeks (green: within budget)</div>'
        f"{weeks_svg(practice.round, practice.weeks)}{re_review}</div>"
    )


def practice_section(summary: PracticeSummary | None) -> str:
    """The panel's practice section: per round, how the candidate does under interview conditions."""
    if summary is None:
        return '<div class="mle-practice" id="practice"><h2>Practice</h2><p class="muted">Computing…</p></div>'
    if not summary.any_practice:
        body = (
            '<p class="muted">No mock interview yet. Tools &gt; Interview Readiness &gt; Mock interview times you on '
            "a problem or a design prompt; Today's practice makes a deck of a few problems.</p>"
        )
    else:
        body = '<div class="rounds">' + "".join(_round_card(summary.rounds[item.key]) for item in ROUNDS) + "</div>"
    return (
        f'<style>{PRACTICE_CSS}</style><div class="mle-practice" id="practice"><h2>Practice under interview '
        f"conditions</h2>{_today(summary)}{body}</div>"
    )


def _today(summary: PracticeSummary) -> str:
    parts = [f"{summary.today_attempts:,} mock interview{'s' if summary.today_attempts != 1 else ''} today"]
    if summary.daily_left is not None:
        left, planned = summary.daily_left
        parts.append(f"today's practice: {left:,} of {planned:,} problems left")
    return f'<p id="practice-today">{escape(", ".join(parts).capitalize())}.</p>'


def practice_strip(summary: PracticeSummary) -> str:
    """The deck browser's line: today's practice count (and what is left of today's practice deck)."""
    parts = [f"<span><b>Practice today</b> {summary.today_attempts:,}</span>"]
    if summary.daily_left is not None:
        left, planned = summary.daily_left
        parts.append(f"<span><b>Today's practice</b> {left:,} of {planned:,} left</span>")
    return (
        f'<style>{PRACTICE_CSS}</style><div class="mle-strip mle-practice-strip" id="mle-practice-strip">'
        f"{''.join(parts)}</div>"
    )


def counts_text(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{round_for(key).title}: {count:,}" for key, count in counts.items())
