"""The card design at the generator level: the header every card carries, the templates' parts, and the palette.

How cards actually render (widths, label sizes, rendered contrast) is tested in the real Anki desktop by
tests/gui/test_cards_desktop.py; these tests are the fast, exact half: what the build writes.
"""

from __future__ import annotations

import re

import pytest
from conftest import TreeFactory

from generator import Options, compile_tree
from generator.cardstyle import _COLOURS
from generator.diagrams import PALETTE
from generator.notetypes import CSS, NOTE_TYPES


def _source_field(make_tree: TreeFactory, files: dict[str, str]) -> dict[str, str]:
    compiled = compile_tree(make_tree(files), Options(jobs=1, run_solutions=False))
    return {
        note.fields[note.note_type.fields.index("Id")]: note.fields[note.note_type.fields.index("Source")]
        for note in compiled.notes
    }


def test_the_header_names_the_category_and_the_files_title(make_tree: TreeFactory) -> None:
    fields = _source_field(
        make_tree,
        {
            "algorithms/heaps.md": "---\nsource: CLRS\n---\n# Heaps *and* queues\n\n## Why O(n)? {#a}\n\nBecause.\n",
            "algorithms/no-title.md": "## What? {#b}\n\nThat.\n",
            "loose/notes.md": "# Loose notes\n\n## Who? {#c}\n\nThem.\n\nSource: *A book*, ch. 2\n",
        },
    )
    assert fields["a"] == (
        '<span class="card-topic">Algorithms · Heaps and queues</span><span class="card-src">CLRS</span>'
    )
    assert fields["b"] == '<span class="card-topic">Algorithms · No title</span>'
    assert fields["c"] == (
        '<span class="card-topic">Loose notes</span><span class="card-src"><em>A book</em>, ch. 2</span>'
    )


def test_moving_a_file_to_another_folder_does_not_change_its_notes(make_tree: TreeFactory) -> None:
    before = _source_field(make_tree, {"algorithms/x/cards.md": "## Q? {#q}\n\nA.\n"})
    root = make_tree({})
    (root / "algorithms" / "x").rename(root / "algorithms" / "y")
    after = _source_field(make_tree, {})
    assert before == after


@pytest.mark.parametrize("note_type", list(NOTE_TYPES.values()), ids=list(NOTE_TYPES))
def test_every_template_opens_with_the_header_inside_one_card_column(note_type: object) -> None:
    for template in (note_type.front, note_type.back):  # type: ignore[attr-defined]
        assert template.startswith('<div class="mle-card mle-') and template.endswith("</div>")
        assert '<header class="card-head">{{#Source}}{{Source}}{{/Source}}</header>' in template
    assert "{{Source}}" in note_type.back and '<footer class="source">' in note_type.back  # type: ignore[attr-defined]


def test_the_problem_card_labels_its_solution_and_tests() -> None:
    back = NOTE_TYPES["problem"].back
    assert '<div class="label">Solution</div>{{Solution}}' in back
    assert '<div class="label">Tests</div>{{Tests}}' in back
    assert re.search(r"@media \(max-width: 540px\) \{\s*dl\.facts \{ display: block; \}", CSS), "facts stack"


def test_the_stylesheet_is_offline_and_has_no_inverting_filter() -> None:
    assert "url(" not in CSS and "@import" not in CSS and "invert(" not in CSS and "<script" not in CSS
    assert ".nightMode.card" in CSS and ".night_mode .card" in CSS and ".mobile .card" in CSS


def _luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", ["light", "night"])
def test_every_text_colour_has_4_5_to_1_contrast_on_every_background_it_meets(mode: str) -> None:
    colours, diagram = _COLOURS[mode], PALETTE[mode]
    pairs = [(text, "bg") for text in ("fg", "muted", "accent", "cloze", "easy", "medium", "hard")]
    pairs += [("fg", "surface"), ("cloze", "cloze-bg"), ("fg", "inline-code-bg")]
    pairs += [(token, "code-bg") for token in colours if token.startswith("c-")] + [("code-fg", "code-bg")]
    failures = [
        f"{text} on {back}: {contrast(colours[text], colours[back]):.2f}"
        for text, back in pairs
        if contrast(colours[text], colours[back]) < 4.5
    ]
    fills = ["box-fill", "b1-fill", "b2-fill", "b3-fill", "b4-fill"]
    for text in ("fg", "muted", "hl"):
        for fill in fills:
            if contrast(diagram[text], diagram[fill]) < 4.5:
                failures.append(f"diagram {text} on {fill}: {contrast(diagram[text], diagram[fill]):.2f}")
        if contrast(diagram[text], colours["bg"]) < 4.5:
            failures.append(f"diagram {text} on the card: {contrast(diagram[text], colours['bg']):.2f}")
    assert not failures, failures
