"""The config, checked in one pass (`addon/config.py`, `addon/settings.py`): every section, every malformed shape, and
a message that stays short however many problems there are."""

from __future__ import annotations

import json
from typing import Any

import pytest

from addon.config import SHOWN_PROBLEMS, Problems, Section, load_config, whole_number
from addon.readiness.plan import MAX_NEW_PER_DAY
from addon.readiness_config import READINESS, ReadinessSettings
from addon.rules import DEFAULTS_PATH, TAGGING, default_settings
from addon.settings import SECTIONS, load_settings

TITLE = "MLE Interview Readiness"


def test_the_shipped_config_json_is_exactly_the_defaults() -> None:
    shipped = json.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    loaded = load_settings(shipped)
    assert loaded.ok, loaded.explanation(TITLE)
    assert loaded.get(TAGGING) == default_settings()
    assert loaded.get(READINESS) == ReadinessSettings()
    assert sorted(shipped) == sorted(key for section in SECTIONS for key in section.keys), "every key is documented"


def test_a_valid_user_config_replaces_the_rules_in_its_order() -> None:
    loaded = load_settings(
        {
            "rules": [
                {"tag": "grind75", "category": "algorithms"},
                {"note_type": "ML *", "category": "ML-Concepts"},
                {"deck": "DDIA", "category": "system-design"},
            ],
            "tag_new_notes": False,
        }
    )
    assert loaded.ok, loaded.explanation(TITLE)
    settings = loaded.get(TAGGING)
    assert [(rule.kind, rule.pattern, rule.category) for rule in settings.rules] == [
        ("tag", "grind75", "algorithms"),
        ("note_type", "ML *", "ml-concepts"),
        ("deck", "DDIA", "system-design"),
    ]
    assert settings.tag_new_notes is False
    assert loaded.explanation(TITLE) == ""


def test_missing_keys_take_their_defaults_and_none_means_defaults() -> None:
    assert load_settings({}) == load_settings(None)
    assert load_settings({}).get(TAGGING) == default_settings()
    assert load_settings({"tag_new_notes": False}).get(TAGGING).rules == default_settings().rules


MALFORMED: list[tuple[Any, str]] = [
    ([], "must be a JSON object, not a list"),
    ("rules", 'must be a JSON object, not the text "rules"'),
    ({"rules": {"deck": "x"}}, '"rules" must be a list of rules, not an object'),
    ({"rules": []}, '"rules" is empty, so no note would ever get a category'),
    ({"rules": ["LeetCode"]}, 'rule 1 ("LeetCode"): a rule is an object'),
    ({"rules": [{"deck": "x"}]}, 'rule 1 ({"deck": "x"}): unknown category null'),
    ({"rules": [{"deck": "x", "category": "algo"}]}, 'unknown category "algo"; use one of: algorithms, system-design'),
    ({"rules": [{"deck": "x", "category": 3}]}, "unknown category the number 3"),
    ({"rules": [{"category": "algorithms"}]}, "(found none of them)"),
    ({"rules": [{"deck": "x", "tag": "y", "category": "algorithms"}]}, '(found "deck", "tag")'),
    ({"rules": [{"decks": "x", "category": "algorithms"}]}, 'unknown key "decks"'),
    ({"rules": [{"deck": "  ", "category": "algorithms"}]}, '"deck" must be a non-empty text pattern'),
    ({"rules": [{"tag": ["a"], "category": "algorithms"}]}, '"tag" must be a non-empty text pattern, not a list'),
]


@pytest.mark.parametrize(("raw", "expected"), MALFORMED)
def test_a_malformed_rule_config_falls_back_to_the_default_rules_and_says_why(raw: Any, expected: str) -> None:
    loaded = load_settings(raw)
    assert not loaded.ok
    assert loaded.get(TAGGING) == default_settings()
    assert expected in loaded.explanation(TITLE)
    assert "default rules" in loaded.explanation(TITLE)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"tag_new_notes": "yes"}, '"tag_new_notes" must be true or false, not the text "yes"'),
        ({"tag_new_notes": 1}, '"tag_new_notes" must be true or false, not the number 1'),
        ({"new_card_lead_days": 7.5}, '"new_card_lead_days" must be a whole number from 0 to 365, not the number 7.5'),
        ({"weakest_deck_size": True}, '"weakest_deck_size" must be a whole number from 1 to 9999, not true'),
        ({"deck_browser_strip": None}, '"deck_browser_strip" must be true or false, not null'),
        (
            {"max_new_cards_per_day": 0},
            '"max_new_cards_per_day" must be a whole number from 1 to 999, not the number 0',
        ),
        ({"max_new_cards_per_day": "30"}, '"max_new_cards_per_day" must be a whole number from 1 to 999, not the text'),
        ({"rulez": []}, 'unknown setting "rulez" (ignored)'),
    ],
)
def test_a_wrong_value_takes_its_default_and_the_rest_stays(raw: dict[str, Any], expected: str) -> None:
    rules = [{"tag": "grind75", "category": "algorithms"}]
    loaded = load_settings({**raw, "rules": rules, "new_card_lead_days": raw.get("new_card_lead_days", 3)})
    assert loaded.problem_count == 1
    assert expected in loaded.explanation(TITLE), loaded.explanation(TITLE)
    assert [rule.pattern for rule in loaded.get(TAGGING).rules] == ["grind75"], "the valid rules are kept"
    if "new_card_lead_days" not in raw:
        assert loaded.get(READINESS).new_card_lead_days == 3


def test_the_new_card_budget_is_read_and_its_default_is_the_plans() -> None:
    assert ReadinessSettings().max_new_cards_per_day == MAX_NEW_PER_DAY
    loaded = load_settings({"max_new_cards_per_day": 45.0})
    assert loaded.ok and loaded.get(READINESS).max_new_cards_per_day == 45
    assert load_settings({"max_new_cards_per_day": 1000}).get(READINESS).max_new_cards_per_day == MAX_NEW_PER_DAY


def test_whole_numbers_are_accepted_however_json_writes_them() -> None:
    loaded = load_settings({"new_card_lead_days": 7.0, "weakest_deck_size": 20.0})
    assert loaded.ok, loaded.explanation(TITLE)
    assert loaded.get(READINESS) == ReadinessSettings(new_card_lead_days=7, weakest_deck_size=20)
    assert isinstance(loaded.get(READINESS).new_card_lead_days, int)
    problems = Problems()
    for value in (float("nan"), float("inf"), -1, 366, "7", 1e300):
        assert whole_number({"n": value}, "n", 5, 0, 365, problems) == 5
    assert problems.count == 6


def test_every_problem_is_counted_with_the_rule_position() -> None:
    loaded = load_settings(
        {
            "rules": [
                {"deck": "fine", "category": "algorithms"},
                {"deck": "x", "category": "nope"},
                {"deck": "y"},
            ],
            "tag_new_notes": None,
        }
    )
    assert loaded.get(TAGGING) == default_settings()
    assert loaded.problem_count == 3
    assert loaded.problems[0].startswith("rule 2 ")
    assert loaded.problems[1].startswith("rule 3 ")
    assert "not null" in loaded.problems[2]
    assert loaded.explanation(TITLE).startswith(f"The {TITLE} config has 3 problems.")


def test_a_long_rule_is_shortened_in_the_message() -> None:
    loaded = load_settings({"rules": [{"deck": "x" * 200, "category": "nope" * 100}]})
    assert "..." in loaded.problems[0]
    assert len(loaded.problems[0]) < 300


@pytest.mark.parametrize("bad_rules", [30, 60_000])
def test_many_bad_rules_make_a_short_message_with_a_count(bad_rules: int) -> None:
    raw = {"rules": [{"deck": f"deck {index}", "category": "algo"} for index in range(bad_rules)]}
    loaded = load_settings(raw)
    explanation = loaded.explanation(TITLE)
    lines = explanation.splitlines()
    assert loaded.problem_count == bad_rules
    assert len(lines) == 1 + SHOWN_PROBLEMS + 1, explanation
    assert lines[-1] == f"- and {bad_rules - SHOWN_PROBLEMS:,} more problems"
    assert f"{bad_rules:,} problems" in lines[0]
    assert len(explanation) < 1500


def test_a_section_of_a_later_feature_is_checked_in_the_same_pass() -> None:
    def parse_practice(raw: Any, problems: Problems) -> int:
        return whole_number(raw, "mock_minutes", 45, 5, 180, problems)

    practice = Section("practice", ("mock_minutes",), parse_practice, "A wrong practice setting takes its default.")
    loaded = load_config({"mock_minutes": 2, "new_card_lead_days": "x"}, (*SECTIONS, practice))
    assert loaded.get(practice) == 45
    assert loaded.problem_count == 2
    assert "A wrong practice setting takes its default." in loaded.explanation(TITLE)
    assert load_config({"mock_minutes": 30.0}, (*SECTIONS, practice)).get(practice) == 30
