"""The tagging rules: their section of the config (`TAGGING`, checked by `config.py`) compiled into `Rule`s.

The defaults are the ones shipped in `config.json`. A wrong rule never breaks Anki: the add-on falls back to the default
rules and says why, rule by rule. Standard library and `categories` only, so the logic tests run without Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from .categories import CATEGORY_KEYS, SEPARATOR, is_category
from .config import Problems, Section, compact, json_type, true_or_false

ADDON_NAME = "MLE Interview Readiness"
DEFAULTS_PATH = Path(__file__).resolve().parent / "config.json"

# What a rule can look at, in the words the config uses.
RULE_KINDS: tuple[str, ...] = ("deck", "tag", "note_type")
_KIND_WORDS = {"deck": "deck", "tag": "tag", "note_type": "note type"}


def compile_glob(pattern: str) -> re.Pattern[str]:
    """`*` is any text (`::` included), `?` one character; everything else is literal, compared ignoring case.

    NOTE: not `fnmatch`, whose `[...]` classes would make deck names such as `[JP] Vocab` match nothing.
    """
    parts = (".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def ancestors_and_self(name: str) -> list[str]:
    """`A::B::C` -> `A`, `A::B`, `A::B::C`: a deck or tag rule also covers what sits below a match, as Anki's
    `deck:` and `tag:` searches do."""
    parts = name.split(SEPARATOR)
    return [SEPARATOR.join(parts[: depth + 1]) for depth in range(len(parts))]


@dataclass(frozen=True)
class Rule:
    """One line of the config: notes whose deck, tag or note type matches `pattern` belong to `category`."""

    kind: str  # one of RULE_KINDS
    pattern: str
    category: str  # a key from categories.CATEGORY_KEYS
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", compile_glob(self.pattern))

    def matches(self, name: str) -> bool:
        """Whether a deck name, tag or note-type name (by `kind`) falls under this rule."""
        if self.kind == "note_type":
            return self._regex.fullmatch(name) is not None
        return any(self._regex.fullmatch(candidate) for candidate in ancestors_and_self(name))

    def describe(self) -> str:
        return f'{_KIND_WORDS[self.kind]} "{self.pattern}" -> {self.category}'


@dataclass(frozen=True)
class Settings:
    """The checked config. The first rule that matches a note decides its category."""

    rules: tuple[Rule, ...]
    tag_new_notes: bool = True

    def rules_of_kind(self, kind: str) -> list[tuple[int, Rule]]:
        """(rank, rule) for the rules of one kind; the rank is the rule's position, lower wins."""
        return [(rank, rule) for rank, rule in enumerate(self.rules) if rule.kind == kind]


class ConfigError(Exception):
    """The shipped defaults are broken: a bug in the add-on, not a user's mistake."""


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    """The rules in the `config.json` shipped beside this module: the single place the defaults are written."""
    try:
        raw = json.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{DEFAULTS_PATH}: cannot read the default config: {error}") from error
    problems = Problems()
    settings = _read(raw if isinstance(raw, dict) else {}, problems, None)
    if problems.count:
        raise ConfigError(f"{DEFAULTS_PATH}: the default config is invalid: {'; '.join(problems.shown)}")
    return settings


def parse_tagging(raw: Mapping[str, Any], problems: Problems) -> Settings:
    """The tagging settings of a raw config; any problem with the rules means the default rules (a partial rule list
    would put notes in the wrong category), and a wrong `tag_new_notes` its default."""
    return _read(raw, problems, default_settings())


TAGGING = Section(
    "tagging",
    ("rules", "tag_new_notes"),
    parse_tagging,
    "The add-on uses its default rules until the rules are fixed.",
)


def _read(raw: Mapping[str, Any], problems: Problems, defaults: Settings | None) -> Settings:
    rules: tuple[Rule, ...] = defaults.rules if defaults else ()
    if "rules" in raw:
        parsed = _parse_rules(raw["rules"], problems)
        if parsed is not None:
            rules = parsed
    elif defaults is None:
        problems.add('"rules" is missing')
    tag_new_notes = true_or_false(raw, "tag_new_notes", defaults.tag_new_notes if defaults else True, problems)
    return Settings(rules, tag_new_notes)


def _parse_rules(raw_rules: object, problems: Problems) -> tuple[Rule, ...] | None:
    """The rules, or None when any of them is wrong (every problem is counted)."""
    if not isinstance(raw_rules, list):
        problems.add(f'"rules" must be a list of rules, not {json_type(raw_rules)}')
        return None
    if not raw_rules:
        problems.add(
            '"rules" is empty, so no note would ever get a category. To stop tagging new notes, set '
            '"tag_new_notes" to false instead.'
        )
        return None
    rules: list[Rule] = []
    wrong = 0
    for position, raw_rule in enumerate(raw_rules, start=1):
        rule, problem = _parse_rule(raw_rule)
        if rule is not None:
            rules.append(rule)
        if problem:
            wrong += 1
            problems.add(partial(_rule_problem, position, raw_rule, problem))
    return None if wrong else tuple(rules)


def _rule_problem(position: int, raw_rule: object, problem: str) -> str:
    return f"rule {position} ({compact(raw_rule)}): {problem}"


def _parse_rule(raw_rule: object) -> tuple[Rule | None, str]:
    shape = 'a rule is an object with "category" and one of "deck", "tag" or "note_type"'
    if not isinstance(raw_rule, dict):
        return None, f"{shape}, not {json_type(raw_rule)}"
    unknown = [key for key in raw_rule if key != "category" and key not in RULE_KINDS]
    if unknown:
        return None, f"unknown key {compact(unknown[0])}; {shape}"
    kinds = [key for key in RULE_KINDS if key in raw_rule]
    if len(kinds) != 1:
        found = ", ".join(f'"{kind}"' for kind in kinds) or "none of them"
        return None, f"{shape} (found {found})"
    kind = kinds[0]
    pattern = raw_rule[kind]
    if not isinstance(pattern, str) or not pattern.strip():
        return None, f'"{kind}" must be a non-empty text pattern, not {json_type(pattern)}'
    category = raw_rule.get("category")
    if not isinstance(category, str) or not is_category(category.strip().lower()):
        shown = compact(category) if isinstance(category, str) else json_type(category)
        return None, f"unknown category {shown}; use one of: {', '.join(CATEGORY_KEYS)}"
    return Rule(kind, pattern.strip(), category.strip().lower()), ""
