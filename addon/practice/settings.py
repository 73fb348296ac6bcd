"""The practice section of the add-on config (`PRACTICE`, checked with every other section by `config.py`).

- `practice_daily_size`: how many problems Today's practice holds;
- `practice_difficulty_mix`: the weights of easy, medium and hard problems, for Today's practice and for the
  difficulty balance of "what I need most" in a mock interview.
A wrong value takes its default and is explained once, as for every setting. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..card_meta import DIFFICULTIES
from ..config import Problems, Section, compact, json_type, whole_number

DAILY_SIZE_KEY = "practice_daily_size"
MIX_KEY = "practice_difficulty_mix"
PRACTICE_KEYS: tuple[str, ...] = (DAILY_SIZE_KEY, MIX_KEY)
MAX_DAILY_SIZE = 20
MAX_WEIGHT = 10


def _default_mix() -> dict[str, int]:
    return dict.fromkeys(DIFFICULTIES, 1)


@dataclass(frozen=True)
class PracticeSettings:
    daily_size: int = 3
    difficulty_mix: Mapping[str, int] = field(default_factory=_default_mix)


def parse_practice(raw: Mapping[str, Any], problems: Problems) -> PracticeSettings:
    """The practice settings of a raw config; each wrong value takes its default and adds a problem."""
    defaults = PracticeSettings()
    size = whole_number(raw, DAILY_SIZE_KEY, defaults.daily_size, 1, MAX_DAILY_SIZE, problems)
    return PracticeSettings(size, _mix(raw.get(MIX_KEY), defaults.difficulty_mix, problems))


def _mix(value: object, default: Mapping[str, int], problems: Problems) -> Mapping[str, int]:
    if value is None:
        return dict(default)
    shape = f'"{MIX_KEY}" must be an object of whole numbers from 0 to {MAX_WEIGHT} for ' + ", ".join(
        f'"{level}"' for level in DIFFICULTIES
    )
    if not isinstance(value, Mapping):
        problems.add(f"{shape}, not {json_type(value)}")
        return dict(default)
    unknown = [key for key in value if key not in DIFFICULTIES]
    if unknown:
        problems.add(f"{shape}; {compact(unknown[0])} is not a difficulty")
        return dict(default)
    mix = dict(default)
    for level in DIFFICULTIES:
        if level in value:
            mix[level] = whole_number(value, level, -1, 0, MAX_WEIGHT, Problems())
            if mix[level] < 0:
                problems.add(f"{shape}, not {json_type(value[level])} for {level!r}")
                return dict(default)
    if not any(mix.values()):
        problems.add(f'"{MIX_KEY}" gives every difficulty 0, so no problem could be picked')
        return dict(default)
    return mix


PRACTICE = Section("practice", PRACTICE_KEYS, parse_practice, "A wrong practice setting takes its default.")
