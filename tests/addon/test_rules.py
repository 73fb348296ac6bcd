"""The config: defaults that cover our decks and the common community decks, globs, and malformed configs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from addon import categories
from addon.rules import DEFAULTS_PATH, Rule, Settings, compile_glob, default_settings, load_config


def category_for(settings: Settings, kind: str, name: str) -> str | None:
    """The category of the first rule of `kind` that matches `name` (what tagging does per deck, tag, note type)."""
    return next((rule.category for _, rule in settings.rules_of_kind(kind) if rule.matches(name)), None)


def test_the_defaults_cover_every_category_deck_of_ours_and_its_subdecks() -> None:
    settings = default_settings()
    for category in categories.CATEGORIES:
        deck = f"MLE Interview::{category.title}"
        assert category_for(settings, "deck", deck) == category.key
        assert category_for(settings, "deck", f"{deck}::Some Topic::Deeper") == category.key
    assert category_for(settings, "deck", "MLE Interview") is None
    assert category_for(settings, "deck", "MLE Interview::Other") is None


@pytest.mark.parametrize(
    ("deck", "category"),
    [
        ("LeetCode", "algorithms"),
        ("leetcode top 150", "algorithms"),
        ("My Decks::LEETCODE::Arrays", "algorithms"),
        ("System Design", "system-design"),
        ("Grokking the SYSTEM DESIGN interview::Caching", "system-design"),
        ("Spanish", None),
        ("Systems Design", None),
    ],
)
def test_the_defaults_cover_community_decks_by_name_in_any_case(deck: str, category: str | None) -> None:
    assert category_for(default_settings(), "deck", deck) == category


def test_the_shipped_config_json_is_exactly_the_defaults() -> None:
    shipped = json.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    assert load_config(shipped).ok
    assert load_config(shipped).settings == default_settings()
    assert default_settings().tag_new_notes is True


def test_glob_is_literal_apart_from_star_and_question_mark() -> None:
    assert compile_glob("[JP] Vocab").fullmatch("[jp] vocab")
    assert not compile_glob("[JP] Vocab").fullmatch("J")
    assert compile_glob("a.c").fullmatch("A.C")
    assert not compile_glob("a.c").fullmatch("abc")
    assert compile_glob("system?design").fullmatch("System-Design")
    assert not compile_glob("system?design").fullmatch("SystemDesign")
    assert compile_glob("LeetCode::*").fullmatch("leetcode::arrays::easy")


def test_deck_and_tag_rules_cover_what_lies_below_a_match_like_anki_searches() -> None:
    tag_rule = Rule("tag", "leetcode", "algorithms")
    assert tag_rule.matches("LeetCode")
    assert tag_rule.matches("leetcode::easy::arrays")
    assert not tag_rule.matches("leetcode-ish")
    assert not tag_rule.matches("my::leetcode")
    notetype_rule = Rule("note_type", "LeetCode", "algorithms")
    assert notetype_rule.matches("leetcode")
    assert not notetype_rule.matches("LeetCode::Sub")


def test_a_valid_user_config_replaces_the_rules_in_its_order() -> None:
    loaded = load_config(
        {
            "rules": [
                {"tag": "grind75", "category": "algorithms"},
                {"note_type": "ML *", "category": "ML-Concepts"},
                {"deck": "DDIA", "category": "system-design"},
            ],
            "tag_new_notes": False,
        }
    )
    assert loaded.ok, loaded.explanation()
    assert [(rule.kind, rule.pattern, rule.category) for rule in loaded.settings.rules] == [
        ("tag", "grind75", "algorithms"),
        ("note_type", "ML *", "ml-concepts"),
        ("deck", "DDIA", "system-design"),
    ]
    assert loaded.settings.tag_new_notes is False
    assert loaded.explanation() == ""


def test_missing_keys_take_their_defaults_and_none_means_defaults() -> None:
    assert load_config({}) == load_config(None)
    assert load_config({}).settings == default_settings()
    assert load_config({"tag_new_notes": False}).settings.rules == default_settings().rules
    assert load_config({"rules": []}).settings.rules == ()


MALFORMED: list[tuple[Any, str]] = [
    ([], "must be a JSON object, not a list"),
    ("rules", 'must be a JSON object, not the text "rules"'),
    ({"rules": {"deck": "x"}}, '"rules" must be a list of rules, not an object'),
    ({"rules": ["LeetCode"]}, 'rule 1 ("LeetCode"): a rule is an object'),
    ({"rules": [{"deck": "x"}]}, 'rule 1 ({"deck": "x"}): unknown category null'),
    ({"rules": [{"deck": "x", "category": "algo"}]}, 'unknown category "algo"; use one of: algorithms, system-design'),
    ({"rules": [{"deck": "x", "category": 3}]}, "unknown category the number 3"),
    ({"rules": [{"category": "algorithms"}]}, "(found none of them)"),
    ({"rules": [{"deck": "x", "tag": "y", "category": "algorithms"}]}, '(found "deck", "tag")'),
    ({"rules": [{"decks": "x", "category": "algorithms"}]}, 'unknown key "decks"'),
    ({"rules": [{"deck": "  ", "category": "algorithms"}]}, '"deck" must be a non-empty text pattern'),
    ({"rules": [{"tag": ["a"], "category": "algorithms"}]}, '"tag" must be a non-empty text pattern, not a list'),
    ({"tag_new_notes": "yes"}, '"tag_new_notes" must be true or false, not the text "yes"'),
    ({"tag_new_notes": 1}, '"tag_new_notes" must be true or false, not the number 1'),
    ({"rulez": []}, 'unknown setting "rulez"'),
]


@pytest.mark.parametrize(("raw", "expected"), MALFORMED)
def test_a_malformed_config_falls_back_to_the_defaults_and_says_why(raw: Any, expected: str) -> None:
    loaded = load_config(raw)
    assert not loaded.ok
    assert loaded.settings == default_settings()
    assert expected in loaded.explanation()
    assert "uses its default rules" in loaded.explanation()


def test_every_problem_is_listed_once_with_the_rule_position() -> None:
    loaded = load_config(
        {
            "rules": [
                {"deck": "fine", "category": "algorithms"},
                {"deck": "x", "category": "nope"},
                {"deck": "y"},
            ],
            "tag_new_notes": None,
        }
    )
    assert loaded.settings == default_settings()
    assert len(loaded.problems) == 3
    assert loaded.problems[0].startswith("rule 2 ")
    assert loaded.problems[1].startswith("rule 3 ")
    assert "not null" in loaded.problems[2]


def test_a_long_rule_is_shortened_in_the_message() -> None:
    loaded = load_config({"rules": [{"deck": "x" * 200, "category": "nope"}]})
    assert "..." in loaded.problems[0]
    assert len(loaded.problems[0]) < 200
