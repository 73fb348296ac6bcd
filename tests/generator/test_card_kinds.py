"""Problem cards' difficulty and budget, and the prompt card kind: validated with located errors, rendered with the
data the add-on reads back, counted by `stats`, and imported and rendered by real Anki."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_helpers import Collection, import_package, notes_by_id
from conftest import TreeFactory

from addon import card_meta
from generator import Options, build, compile_tree, main, stats
from generator.notetypes import NOTE_TYPES

PROBLEM = """\
## Sum a list {{#sum-list}}

Prompt: Return the sum of a list of integers.
Difficulty: {difficulty}
{budget}Pattern: A single pass.
Approach: Add as you go.
Time: $O(n)$
Space: $O(1)$
Edge cases: the empty list.
Solution:
```python
def total(xs: list[int]) -> int:
    return sum(xs)
```
Tests:
```python
assert total([1, 2]) == 3
```
Source: CLRS, 3rd ed., §2.1
"""

PROMPT = """\
## Design a tiny URL shortener {{#tiny-prompt}}

{round}{budget}Outline:
- Requirements (5 min): shorten and redirect; 100 M new URLs a day.
- Estimates (3 min): about 1,160 writes/s ($10^8 / 86{{,}}400$).
- High-level design (10 min): an API tier, a key store, a cache
  in front of it for hot redirects.
- Deep dives (12 min): key generation; `301` vs `302`.
Deep dives: tiny-keys, tiny-redirects
Source: Alex Xu, *System Design Interview* vol. 1, ch. 8

## How are short keys generated? {{#tiny-keys}}

Base-62 of a unique id, or a hash with collision checks.

Source: Alex Xu, *System Design Interview* vol. 1, ch. 8

## Redirects {{#tiny-redirects}}

Cloze: A {{{{c1::301}}}} redirect is cached by browsers; a {{{{c2::302}}}} is not.

Source: RFC 9110 §15.4
"""


def _findings(root: Path) -> list[tuple[str, int, int, str]]:
    compiled = compile_tree(root, Options(jobs=1))
    return [(item.rule, item.line, item.col, item.message) for item in compiled.findings]


def _problem_tree(make_tree: TreeFactory, difficulty: str = "hard", budget: str = "") -> Path:
    return make_tree({"algorithms/problems/sums.md": PROBLEM.format(difficulty=difficulty, budget=budget)})


def _prompt_tree(make_tree: TreeFactory, round_line: str = "", budget: str = "", folder: str = "system-design") -> Path:
    return make_tree({f"{folder}/prompts/tiny.md": PROMPT.format(round=round_line, budget=budget)})


def test_a_problem_carries_its_difficulty_and_the_default_budget(make_tree: TreeFactory) -> None:
    compiled = compile_tree(_problem_tree(make_tree), Options(jobs=1))
    assert compiled.errors == []
    (card,) = compiled.cards
    assert "difficulty::hard" in card.tags
    prompt = compiled.notes[0].fields[NOTE_TYPES["problem"].fields.index("Prompt")]
    assert card_meta.parse_problem_meta(prompt) == ("hard", card_meta.DEFAULT_BUDGETS["hard"])
    assert prompt.endswith("Return the sum of a list of integers.</p>")
    assert "30 min to an approach, then 15 to code" in prompt


def test_a_budget_overrides_the_default(make_tree: TreeFactory) -> None:
    root = _problem_tree(make_tree, "Easy", "Budget: approach 12 min, code 8\n")
    compiled = compile_tree(root, Options(jobs=1))
    assert compiled.errors == []
    prompt = compiled.notes[0].fields[NOTE_TYPES["problem"].fields.index("Prompt")]
    assert card_meta.parse_problem_meta(prompt) == ("easy", card_meta.Budget(12, 8))


def test_a_missing_or_unknown_difficulty_is_a_located_error(make_tree: TreeFactory) -> None:
    missing = make_tree(
        {"algorithms/problems/sums.md": PROBLEM.replace("Difficulty: {difficulty}\n", "").format(budget="")}
    )
    assert [f[:3] for f in _findings(missing)] == [("missing-field", 1, 1)]
    assert "Difficulty: easy, medium or hard" in _findings(missing)[0][3]

    (unknown,) = _findings(_problem_tree(make_tree, "hrad"))
    assert unknown[:3] == ("invalid-value", 4, 13)
    assert "did you mean 'hard'" in unknown[3]


def test_a_malformed_budget_is_a_located_error(make_tree: TreeFactory) -> None:
    (problem,) = _findings(_problem_tree(make_tree, "medium", "Budget: 25 minutes\n"))
    assert problem[:3] == ("invalid-value", 5, 9)


def test_a_prompt_card_renders_its_round_budget_phases_and_deep_dives(make_tree: TreeFactory) -> None:
    compiled = compile_tree(_prompt_tree(make_tree, budget="Budget: 30\n"), Options(jobs=1))
    assert compiled.errors == []
    prompt = next(note for note in compiled.notes if note.note_type.kind == "prompt")
    fields = dict(zip(prompt.note_type.fields, prompt.fields, strict=True))
    assert fields["Title"] == "Design a tiny URL shortener"
    assert card_meta.parse_round(fields["Round"]) == card_meta.round_for("system-design")
    assert fields["Budget"] == "30"
    phases = card_meta.parse_phases(fields["Outline"])
    assert [(phase.name, phase.minutes) for phase in phases] == [
        ("Requirements", 5),
        ("Estimates", 3),
        ("High-level design", 10),
        ("Deep dives", 12),
    ]
    assert "in front of it for hot redirects" in fields["Outline"]  # a continuation line belongs to its phase
    assert "\\(10^8 / 86{,}400\\)" in fields["Outline"]  # math in a phase goes to MathJax
    assert '<span class="dd-q">How are short keys generated?</span>' in fields["DeepDives"]
    assert '<span class="dd-q">Redirects</span> <span class="dd-id">tiny-redirects</span>' in fields["DeepDives"]


def test_the_budget_defaults_to_45_minutes_and_phases_must_add_up(make_tree: TreeFactory) -> None:
    # With no Budget, the phases (30 min) do not add up to the default 45.
    (problem,) = _findings(_prompt_tree(make_tree, budget=""))
    assert problem[:3] == ("invalid-value", 3, 9)
    assert "add up to 30 min, but the budget is 45 min" in problem[3]


def test_prompt_errors_are_located(make_tree: TreeFactory) -> None:
    root = make_tree(
        {
            "system-design/prompts/tiny.md": PROMPT.format(round="Round: sys-design\n", budget="Budget: 30\n")
            .replace("tiny-keys, tiny-redirects", "tiny-keys, tiny-nope")
            .replace("- Estimates (3 min)", "- Estimates (3 mins)")
        }
    )
    findings = _findings(root)
    assert findings[0][:3] == ("invalid-value", 3, 8) and "did you mean 'system-design'" in findings[0][3]
    assert findings[1][:3] == ("invalid-value", 7, 1)
    assert "'- Phase name (N min): what to say'" in findings[1][3]
    assert findings[2][:3] == ("unknown-card", 11, 24)


def test_a_prompt_outside_a_category_needs_a_round(make_tree: TreeFactory) -> None:
    findings = _findings(_prompt_tree(make_tree, budget="Budget: 30\n", folder="misc"))
    assert [f[:3] for f in findings] == [("missing-field", 1, 1)]


def test_a_prompt_outside_a_category_may_name_its_round(make_tree: TreeFactory) -> None:
    root = _prompt_tree(make_tree, round_line="Round: ml-design\n", budget="Budget: 30\n", folder="elsewhere")
    assert _findings(root) == []


def test_stats_count_prompts_by_category_and_problems_by_difficulty(
    make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree({"algorithms/problems/sums.md": PROBLEM.format(difficulty="medium", budget="")})
    root = _prompt_tree(make_tree, budget="Budget: 30\n")
    report = stats(compile_tree(root, Options(jobs=1)))
    assert report["prompts by category"] == {"system-design": 1}
    assert report["problems by difficulty"] == {"medium": 1}
    assert main(["stats", "--content", str(root)]) == 0
    out = capsys.readouterr().out
    assert "prompts by category:\n       1  system-design" in out
    assert "problems by difficulty:\n       1  medium" in out


def test_real_anki_imports_renders_and_finds_them(
    make_tree: TreeFactory, tmp_path: Path, collection: Collection
) -> None:
    make_tree({"algorithms/problems/sums.md": PROBLEM.format(difficulty="hard", budget="")})
    root = _prompt_tree(make_tree, budget="Budget: 30\n")
    build(root, tmp_path / "dist", Options(jobs=1))
    log = import_package(collection, tmp_path / "dist" / "test-deck.apkg")
    assert len(log.new) == 4
    notes = notes_by_id(collection)
    prompt = notes["tiny-prompt"]
    assert prompt.note_type()["id"] == 1842310574 and prompt.note_type()["name"] == "MLE Interview: Prompt"
    (prompt_card,) = prompt.cards()
    assert "Design a tiny URL shortener" in prompt_card.question()
    assert "System design</span> round · 30 min" in prompt_card.question()
    assert 'data-phase="Estimates" data-minutes="3"' in prompt_card.answer()
    assert "How are short keys generated?" in prompt_card.answer()
    assert collection.find_notes("tag:difficulty::hard") == [notes["sum-list"].id]
    assert collection.find_notes("tag:difficulty::easy") == []
    problem_card = notes["sum-list"].cards()[0]
    assert "30 min to an approach, then 15 to code" in problem_card.question()
