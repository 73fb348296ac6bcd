"""The practice section of the config: defaults, valid values, and every malformed shape explained, never a crash."""

from __future__ import annotations

from typing import Any

import pytest

from addon.practice.settings import PRACTICE, PracticeSettings
from addon.settings import load_settings

TITLE = "MLE Interview Readiness"


def test_defaults_and_valid_values() -> None:
    assert load_settings({}).get(PRACTICE) == PracticeSettings(3, {"easy": 1, "medium": 1, "hard": 1})
    loaded = load_settings({"practice_daily_size": 5.0, "practice_difficulty_mix": {"medium": 2, "hard": 0}})
    assert loaded.ok, loaded.explanation(TITLE)
    assert loaded.get(PRACTICE) == PracticeSettings(5, {"easy": 1, "medium": 2, "hard": 0})


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"practice_daily_size": 0}, '"practice_daily_size" must be a whole number from 1 to 20, not the number 0'),
        ({"practice_daily_size": "3"}, 'not the text "3"'),
        ({"practice_difficulty_mix": [1, 1, 1]}, "not a list"),
        ({"practice_difficulty_mix": {"easy": 1, "expert": 2}}, '"expert" is not a difficulty'),
        ({"practice_difficulty_mix": {"easy": -1}}, "not the number -1 for 'easy'"),
        ({"practice_difficulty_mix": {"hard": True}}, "not true for 'hard'"),
        ({"practice_difficulty_mix": {"easy": 0, "medium": 0, "hard": 0}}, "gives every difficulty 0"),
    ],
)
def test_a_wrong_value_takes_its_default_and_is_explained(raw: dict[str, Any], problem: str) -> None:
    loaded = load_settings(raw)
    assert loaded.get(PRACTICE) == PracticeSettings() or "practice_daily_size" not in raw
    assert not loaded.ok
    explanation = loaded.explanation(TITLE)
    assert problem in explanation, explanation
    assert "A wrong practice setting takes its default." in explanation
