"""content/syllabus.yaml maps every item of the shared syllabus's covered sections to cards that exist."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import PROJECT_ROOT

from generator import Options, compile_tree

SYLLABUS_YAML = PROJECT_ROOT / "content" / "syllabus.yaml"
SHARED_SYLLABUS = PROJECT_ROOT.parent / "shared" / "syllabus.md"
COVERED_PARTS = ("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.")  # concepts, prompts, problems, LLMs


# Items of these parts are answered by a card of one kind, named first: a design prompt, or a coding problem.
FIRST_CARD_KIND = {"5.": "prompt", "6.": "prompt", "7.": "problem"}


def _card_kinds() -> dict[str, str]:
    return {card.id: card.kind for card in compile_tree(PROJECT_ROOT / "content", Options(run_solutions=False)).cards}


def _mapping() -> dict[str, dict[str, dict[str, list[str]]]]:
    data = yaml.safe_load(SYLLABUS_YAML.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_item_names_existing_cards() -> None:
    kinds = _card_kinds()
    problems = []
    for part, sections in _mapping().items():
        wanted = next((kind for prefix, kind in FIRST_CARD_KIND.items() if part.startswith(prefix)), None)
        for section, items in sections.items():
            for item, card_ids in items.items():
                if not card_ids:
                    problems.append(f"{section} / {item}: no card")
                unknown = [card_id for card_id in card_ids or [] if card_id not in kinds]
                problems += [f"{section} / {item}: no card with id {card_id!r}" for card_id in unknown]
                if wanted and card_ids and kinds.get(card_ids[0], wanted) != wanted:
                    problems.append(f"{section} / {item}: the first card, {card_ids[0]!r}, is not a {wanted} card")
        assert part.startswith(COVERED_PARTS), f"{part}: not a covered part yet; add it to COVERED_PARTS"
    assert not problems, "\n".join(problems)


def _shared_items() -> list[tuple[str, str, str]]:
    items = []
    part = section = ""
    for line in SHARED_SYLLABUS.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^## (\d+\. .+?)(?: \(\d+ (?:concepts|prompts|problems)[^)]*\))?$", line):
            part = match.group(1)
        elif match := re.match(r"^### (\d+\.\d+ .+)$", line):
            section = match.group(1)
        elif (match := re.match(r"^- \[ \] (.+)$", line)) and part.startswith(COVERED_PARTS):
            items.append((part, section, match.group(1)))
    return items


@pytest.mark.skipif(not SHARED_SYLLABUS.exists(), reason="the shared syllabus sits beside the repository")
def test_the_yaml_is_a_complete_copy_of_the_shared_checklist() -> None:
    mapping = _mapping()
    expected = _shared_items()
    assert len(expected) > 100
    missing = [f"{s} / {i}" for p, s, i in expected if i not in mapping.get(p, {}).get(s, {})]
    assert not missing, "items missing from content/syllabus.yaml:\n" + "\n".join(missing)
    copied = [(p, s, i) for p, sections in mapping.items() for s, items in sections.items() for i in items]
    assert sorted(copied) == sorted(expected), "content/syllabus.yaml has items the shared syllabus does not"
