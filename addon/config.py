"""Checking the add-on's config: one validation for every setting, and one message that stays short.

Users edit the config in Anki's config editor or by hand in `meta.json`, so anything can arrive: a list or a text
instead of an object, unknown keys, wrong values, 60,000 bad rules. A malformed config must never break Anki, and its
message must fit on a screen. Each feature declares its settings as a `Section`: its keys and a parser that reads
them, gives every wrong value its default and records a problem. `load_config` runs every section over the raw
config, and `LoadedConfig.explanation()` lists the first few problems and counts the rest. Standard library only; the
add-on's own sections are listed in `settings.py`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")
SHOWN_PROBLEMS = 5  # problems spelled out in a message; the others are counted
_COMPACT_CHARS = 80


class Problems:
    """The problems found so far: every one counted, the first `keep` spelled out.

    A problem can be given as a function that makes its text, so a config with thousands of bad entries costs a count
    each, not a message each.
    """

    def __init__(self, keep: int = SHOWN_PROBLEMS) -> None:
        self.keep = keep
        self.count = 0
        self._shown: list[str] = []

    def add(self, problem: str | Callable[[], str]) -> None:
        self.count += 1
        if len(self._shown) < self.keep:
            self._shown.append(problem if isinstance(problem, str) else problem())

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self._shown)


@dataclass(frozen=True)
class Section(Generic[T]):
    """The settings of one feature: its top-level keys, and a parser that checks them.

    `parse(raw, problems)` reads its keys from the raw config (a mapping; a key may be missing), returns the checked
    settings with every wrong value at its default, and adds a problem for each wrong value. `on_problem` says, in a
    sentence for the user, what the add-on does meanwhile.
    """

    name: str
    keys: tuple[str, ...]
    parse: Callable[[Mapping[str, Any], Problems], T]
    on_problem: str = "A wrong value takes its default."


@dataclass(frozen=True)
class LoadedConfig:
    """The checked settings of every section, and the problems found (none when the config is fine)."""

    values: Mapping[str, Any]  # section name -> its settings
    problems: tuple[str, ...] = ()  # the first few, spelled out
    problem_count: int = 0
    consequences: tuple[str, ...] = ()  # what the add-on does meanwhile, one sentence per section with a problem

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def get(self, section: Section[T]) -> T:
        value: T = self.values[section.name]
        return value

    def explanation(self, title: str) -> str:
        """A short message for the user, empty when there is nothing to explain."""
        if self.ok:
            return ""
        count = "a problem" if self.problem_count == 1 else f"{self.problem_count:,} problems"
        lines = [f"- {problem}" for problem in self.problems]
        hidden = self.problem_count - len(self.problems)
        if hidden:
            lines.append(f"- and {hidden:,} more {'problem' if hidden == 1 else 'problems'}")
        head = f"The {title} config has {count}. Fix it in Tools > Add-ons > {title} > Config. " + " ".join(
            self.consequences
        )
        return "\n".join([head, *lines])


def load_config(raw: object, sections: Sequence[Section[Any]]) -> LoadedConfig:
    """Check a config as Anki returns it (`None`: no config, so the defaults, silently) against `sections`."""
    problems = Problems()
    consequences: list[str] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        problems.add(f"the config must be a JSON object, not {json_type(raw)}")
        consequences.append("The add-on uses its default settings, the default rules included.")
        raw = {}
    known = [key for section in sections for key in section.keys]
    for key in raw:
        if key not in known:
            problems.add(partial(_unknown_key, key, known))
    values: dict[str, Any] = {}
    for section in sections:
        before = problems.count
        values[section.name] = section.parse(raw, problems)
        if problems.count > before:
            consequences.append(section.on_problem)
    return LoadedConfig(values, problems.shown, problems.count, tuple(consequences))


def _unknown_key(key: object, known: Sequence[str]) -> str:
    return f"unknown setting {compact(key)} (ignored); the settings are: {', '.join(known)}"


# Checks of single values, for the sections' parsers


def whole_number(raw: Mapping[str, Any], key: str, default: int, low: int, high: int, problems: Problems) -> int:
    """`raw[key]` as a whole number from `low` to `high` (`7` and `7.0` alike); else the default and a problem."""
    value = raw.get(key, default)
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    if number is None or not low <= number <= high:
        problems.add(f'"{key}" must be a whole number from {low} to {high}, not {json_type(value)}')
        return default
    return number


def true_or_false(raw: Mapping[str, Any], key: str, default: bool, problems: Problems) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        problems.add(f'"{key}" must be true or false, not {json_type(value)}')
        return default
    return value


def json_type(value: Any) -> str:
    """A value as the config editor's user wrote it: `a list`, `the text "x"`, `the number 3`, `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= _COMPACT_CHARS else value[: _COMPACT_CHARS - 3] + "..."
        return f'the text "{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def compact(value: object) -> str:
    """A value as JSON, cut to one short line."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _COMPACT_CHARS else text[: _COMPACT_CHARS - 3] + "..."
