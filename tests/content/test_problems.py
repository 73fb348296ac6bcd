"""Every problem card's solution passes its own examples, the extra edge cases and the brute-force checks in
`problem_extras.py`."""

from __future__ import annotations

from conftest import PROJECT_ROOT
from problem_extras import BRUTE_FORCE, EXTRA_CASES, extra_tests

from addon.card_meta import DIFFICULTIES, difficulty_tag
from generator import Options, compile_tree

CONTENT = PROJECT_ROOT / "content"


def test_every_problem_card_has_extra_cases() -> None:
    compiled = compile_tree(CONTENT, Options(run_solutions=False))
    problem_ids = {card.id for card in compiled.cards if card.kind == "problem"}
    assert len(problem_ids) >= 60
    assert problem_ids == set(EXTRA_CASES), {
        "without extra cases": sorted(problem_ids - set(EXTRA_CASES)),
        "extra cases for no card": sorted(set(EXTRA_CASES) - problem_ids),
    }


def test_solutions_pass_their_examples_and_the_extra_cases() -> None:
    compiled = compile_tree(CONTENT, Options(extra_tests=extra_tests(), jobs=1))
    failures = [item.format() for item in compiled.findings if item.rule == "solution-fails"]
    assert not failures, "\n".join(failures)


def test_a_broken_extra_case_is_caught() -> None:
    """The extra cases really run: a false assert appended to one card fails that card and only that one."""
    victim = sorted(EXTRA_CASES)[0]
    compiled = compile_tree(CONTENT, Options(extra_tests={victim: "assert False, 'planted'"}, jobs=1))
    failures = [item for item in compiled.findings if item.rule == "solution-fails"]
    assert [victim in item.message and "planted" in item.message for item in failures] == [True]


def test_brute_force_checks_name_problem_cards() -> None:
    compiled = compile_tree(CONTENT, Options(run_solutions=False))
    problem_ids = {card.id for card in compiled.cards if card.kind == "problem"}
    assert set(BRUTE_FORCE) <= problem_ids, sorted(set(BRUTE_FORCE) - problem_ids)


def test_the_deck_keeps_200_problems_each_with_a_difficulty_and_100_brute_force_checks() -> None:
    """Issue 16's floor: at least 200 problem cards, every one with a known difficulty (its field and its tag), and
    at least 100 of them also checked against a slow reference on random inputs. Fails if any count drops."""
    compiled = compile_tree(CONTENT, Options(run_solutions=False))
    problems = [card for card in compiled.cards if card.kind == "problem"]
    assert len(problems) >= 200, f"only {len(problems)} problem cards"
    without = [card.id for card in problems if card.text("Difficulty") not in DIFFICULTIES]
    assert not without, f"problem cards without a known difficulty: {without}"
    untagged = [card.id for card in problems if difficulty_tag(card.text("Difficulty")) not in card.tags]
    assert not untagged, f"problem cards without their difficulty tag: {untagged}"
    checked = {card.id for card in problems} & set(BRUTE_FORCE)
    assert len(checked) >= 100, f"only {len(checked)} problem cards have a brute-force check"
