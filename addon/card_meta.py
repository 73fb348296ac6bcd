"""What a problem or prompt note carries for practice: its difficulty, its time budget and its phases.

The generator writes these into the notes' HTML (fields of a released note type never change, so they ride inside
existing fields as `data-` attributes), and the add-on reads them back to time mock interviews. Both sides import
this module, so the HTML written and the HTML read can never disagree. It imports nothing from Anki.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .categories import get as category

DIFFICULTY_ROOT = "difficulty"
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
PROMPT_MINUTES = 45  # a design round's usual length


@dataclass(frozen=True)
class Budget:
    """Minutes to find the approach, then minutes to code it."""

    approach: int
    code: int

    @property
    def total(self) -> int:
        return self.approach + self.code


# NOTE: candidates who passed these loops give themselves 20 to 30 minutes to find an approach and 5 to 10 to code
# it; easy problems get half of a medium's time, hard ones the top of the range.
DEFAULT_BUDGETS: dict[str, Budget] = {
    "easy": Budget(approach=10, code=5),
    "medium": Budget(approach=20, code=10),
    "hard": Budget(approach=30, code=15),
}


@dataclass(frozen=True)
class Round:
    """An interview round: the category whose cards practise it, and its usual length."""

    key: str
    title: str
    category: str
    minutes: int


ROUNDS: tuple[Round, ...] = (
    Round("coding", "Coding", "algorithms", 45),
    Round("system-design", "System design", "system-design", PROMPT_MINUTES),
    Round("ml-design", "ML design", "ml-design", PROMPT_MINUTES),
    Round("ml-breadth", "ML breadth", "ml-concepts", 30),
)
ROUND_KEYS: tuple[str, ...] = tuple(item.key for item in ROUNDS)
_ROUND_BY_KEY = {item.key: item for item in ROUNDS}
_ROUND_BY_CATEGORY = {item.category: item for item in ROUNDS}

for _round in ROUNDS:
    category(_round.category)  # every round practises a known category


def difficulty_tag(level: str) -> str:
    """`difficulty::<level>` for a known level; `ValueError` for another."""
    if level not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {level!r}")
    return f"{DIFFICULTY_ROOT}::{level}"


def difficulty_of_tags(tags: Iterable[str]) -> str | None:
    """The level of the first `difficulty::<level>` tag, case-insensitively, or None."""
    for tag in tags:
        root, _, level = tag.lower().partition("::")
        if root == DIFFICULTY_ROOT and level in DIFFICULTIES:
            return level
    return None


def round_for(key: str) -> Round:
    """The round with this key; `KeyError` for an unknown one."""
    return _ROUND_BY_KEY[key]


def round_of_category(category_key: str) -> Round | None:
    return _ROUND_BY_CATEGORY.get(category_key)


_BUDGET = re.compile(r"approach\s+(\d{1,3})(?:\s*min)?\s*[,;]\s*code\s+(\d{1,3})(?:\s*min)?", re.IGNORECASE)


def parse_budget(text: str) -> Budget | None:
    """`approach 25, code 10` (minutes, "min" optional) -> Budget; None when the text is not of that form."""
    match = _BUDGET.fullmatch(text.strip())
    if match is None:
        return None
    budget = Budget(int(match.group(1)), int(match.group(2)))
    return budget if budget.approach > 0 and budget.code > 0 else None


# --- problem notes: a line at the top of the Prompt field ---

_PROBLEM_META = re.compile(
    r'<div class="problem-meta" data-difficulty="(easy|medium|hard)" data-approach-min="(\d+)" data-code-min="(\d+)">'
)


def problem_meta_html(difficulty: str, budget: Budget) -> str:
    """The line shown above a problem's statement: its difficulty and how long to think, then to code."""
    return (
        f'<div class="problem-meta" data-difficulty="{difficulty}" data-approach-min="{budget.approach}" '
        f'data-code-min="{budget.code}"><span class="difficulty {difficulty}">{difficulty.capitalize()}</span> '
        f'<span class="budget">{budget.approach} min to an approach, then {budget.code} to code</span></div>'
    )


def parse_problem_meta(prompt_html: str) -> tuple[str, Budget] | None:
    """The difficulty and budget written by `problem_meta_html`, or None for a note without them."""
    match = _PROBLEM_META.search(prompt_html)
    if match is None:
        return None
    return match.group(1), Budget(int(match.group(2)), int(match.group(3)))


# --- prompt notes: the outline's phases ---


@dataclass(frozen=True)
class Phase:
    name: str
    minutes: int


_PHASE_ITEM = re.compile(r'<li class="phase" data-phase="([^"]*)" data-minutes="(\d+)">')


def phases_html(phases: Sequence[tuple[Phase, str]]) -> str:
    """The outline of a strong answer: each phase with its minutes and its rendered (HTML) text."""
    items = "".join(
        f'<li class="phase" data-phase="{html.escape(phase.name)}" data-minutes="{phase.minutes}">'
        f'<span class="phase-name">{html.escape(phase.name)}</span> <span class="phase-min">{phase.minutes} min</span>'
        f'<div class="phase-text">{text}</div></li>'
        for phase, text in phases
    )
    return f'<ol class="phases">{items}</ol>'


def parse_phases(outline_html: str) -> list[Phase]:
    """The phases written by `phases_html`, in order."""
    return [Phase(html.unescape(name), int(minutes)) for name, minutes in _PHASE_ITEM.findall(outline_html)]


def round_html(item: Round) -> str:
    return f'<span class="round" data-round="{item.key}">{html.escape(item.title)}</span>'


_ROUND_SPAN = re.compile(r'data-round="([a-z-]+)"')


def parse_round(round_field: str) -> Round | None:
    match = _ROUND_SPAN.search(round_field)
    return _ROUND_BY_KEY.get(match.group(1)) if match else None
