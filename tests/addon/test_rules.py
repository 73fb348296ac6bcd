"""The tagging rules: defaults that cover our decks and the common community decks, and the glob patterns."""

from __future__ import annotations

import pytest

from addon import categories
from addon.rules import Rule, Settings, compile_glob, default_settings


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
