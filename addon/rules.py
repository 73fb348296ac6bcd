"""The add-on's config, checked and compiled into tagging rules.

Users edit the config in Anki's config editor, so anything can arrive here. A malformed config must never break Anki:
`load_config` falls back to the defaults shipped in `config.json` and explains every problem in words a user can act
on. Standard library and `categories` only, so the logic tests run without Qt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .categories import CATEGORY_KEYS, SEPARATOR, is_category
from .readiness_config import READINESS_KEYS

ADDON_NAME = "MLE Interview Readiness"
DEFAULTS_PATH = Path(__file__).resolve().parent / "config.json"

# What a rule can look at, in the words the config uses.
RULE_KINDS: tuple[str, ...] = ("deck", "tag", "note_type")
_KIND_WORDS = {"deck": "deck", "tag": "tag", "note_type": "note type"}
_TOP_LEVEL_KEYS = ("rules", "tag_new_notes", *READINESS_KEYS)  # the readiness keys: readiness_config.py


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


@dataclass(frozen=True)
class LoadedConfig:
    """The settings to use, and the problems that made us fall back to the defaults (empty when the config is fine)."""

    settings: Settings
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def explanation(self) -> str:
        """A message for the user; empty when there is nothing to explain."""
        if self.ok:
            return ""
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        return (
            f"The {ADDON_NAME} config has a problem, so the add-on uses its default rules until it is fixed "
            f"(Tools > Add-ons > {ADDON_NAME} > Config):\n{lines}"
        )


class ConfigError(Exception):
    """The shipped defaults are broken: a bug in the add-on, not a user's mistake."""


def load_config(raw: object) -> LoadedConfig:
    """Check a config as Anki's `getConfig` returns it; on any problem, the defaults and the list of problems.

    `None` (Anki found no config at all) means the defaults, silently. Keys that are missing take their default, as
    Anki merges the user's keys over `config.json`.
    """
    defaults = default_settings()
    if raw is None:
        return LoadedConfig(defaults)
    settings, problems = _parse(raw, defaults)
    if problems or settings is None:
        return LoadedConfig(defaults, tuple(problems))
    return LoadedConfig(settings)


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    """The rules in the `config.json` shipped beside this module: the single place the defaults are written."""
    try:
        raw = json.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{DEFAULTS_PATH}: cannot read the default config: {error}") from error
    settings, problems = _parse(raw, None)
    if problems or settings is None:
        raise ConfigError(f"{DEFAULTS_PATH}: the default config is invalid: {'; '.join(problems)}")
    return settings


def _parse(raw: object, defaults: Settings | None) -> tuple[Settings | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"the config must be a JSON object, not {_json_type(raw)}"]
    problems = [
        f'unknown setting "{key}"; the settings are: {", ".join(_TOP_LEVEL_KEYS)}'
        for key in raw
        if key not in _TOP_LEVEL_KEYS
    ]

    rules: tuple[Rule, ...] = defaults.rules if defaults else ()
    if "rules" in raw:
        parsed_rules, rule_problems = _parse_rules(raw["rules"])
        rules = tuple(parsed_rules)
        problems += rule_problems
    elif defaults is None:
        problems.append('"rules" is missing')

    tag_new_notes = defaults.tag_new_notes if defaults else True
    if "tag_new_notes" in raw:
        value = raw["tag_new_notes"]
        if isinstance(value, bool):
            tag_new_notes = value
        else:
            problems.append(f'"tag_new_notes" must be true or false, not {_json_type(value)}')
    return Settings(rules, tag_new_notes), problems


def _parse_rules(raw_rules: object) -> tuple[list[Rule], list[str]]:
    if not isinstance(raw_rules, list):
        return [], [f'"rules" must be a list of rules, not {_json_type(raw_rules)}']
    rules: list[Rule] = []
    problems: list[str] = []
    for position, raw_rule in enumerate(raw_rules, start=1):
        rule, problem = _parse_rule(raw_rule)
        if rule is not None:
            rules.append(rule)
        if problem:
            problems.append(f"rule {position} ({_compact(raw_rule)}): {problem}")
    return rules, problems


def _parse_rule(raw_rule: object) -> tuple[Rule | None, str]:
    shape = 'a rule is an object with "category" and one of "deck", "tag" or "note_type"'
    if not isinstance(raw_rule, dict):
        return None, f"{shape}, not {_json_type(raw_rule)}"
    unknown = [key for key in raw_rule if key != "category" and key not in RULE_KINDS]
    if unknown:
        return None, f'unknown key "{unknown[0]}"; {shape}'
    kinds = [key for key in RULE_KINDS if key in raw_rule]
    if len(kinds) != 1:
        found = ", ".join(f'"{kind}"' for kind in kinds) or "none of them"
        return None, f"{shape} (found {found})"
    kind = kinds[0]
    pattern = raw_rule[kind]
    if not isinstance(pattern, str) or not pattern.strip():
        return None, f'"{kind}" must be a non-empty text pattern, not {_json_type(pattern)}'
    category = raw_rule.get("category")
    if not isinstance(category, str) or not is_category(category.strip().lower()):
        shown = f'"{category}"' if isinstance(category, str) else _json_type(category)
        return None, f"unknown category {shown}; use one of: {', '.join(CATEGORY_KEYS)}"
    return Rule(kind, pattern.strip(), category.strip().lower()), ""


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _compact(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
