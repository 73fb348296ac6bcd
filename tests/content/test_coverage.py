"""The decks meet the sizes the content issues set, counted the way `build.py stats` counts them."""

from __future__ import annotations

from conftest import PROJECT_ROOT

from generator import Options, compile_tree, stats

MINIMUM_NOTES = {"algorithms": 180, "system-design": 160, "ml-concepts": 200, "ml-design": 160}
MINIMUM_PROBLEMS = 60
MINIMUM_ML_DESIGN_PROMPTS = 6
STEPS = 9  # clarify, metrics, data, features, model, training, evaluation, serving, monitoring


def test_every_category_meets_its_minimum() -> None:
    compiled = compile_tree(PROJECT_ROOT / "content", Options(run_solutions=False))
    report = stats(compiled)
    counts = report["categories"]
    assert isinstance(counts, dict)
    short = {
        key: (counts.get(key, 0), minimum) for key, minimum in MINIMUM_NOTES.items() if counts.get(key, 0) < minimum
    }
    assert not short, f"categories below their minimum (have, need): {short}"
    problems = sum(1 for card in compiled.cards if card.kind == "problem" and card.path.startswith("algorithms/"))
    assert problems >= MINIMUM_PROBLEMS
    assert counts.get("(none)", 0) == 0, "every card of our tree sits in a category"


def test_ml_design_prompts_cover_all_nine_steps() -> None:
    prompts = sorted((PROJECT_ROOT / "content" / "ml-design" / "prompts").glob("*.md"))
    assert len(prompts) >= MINIMUM_ML_DESIGN_PROMPTS
    for prompt in prompts:
        cards = prompt.read_text(encoding="utf-8").count("\n## ")
        assert cards >= STEPS, f"{prompt.name}: {cards} cards, fewer than the {STEPS} steps"
