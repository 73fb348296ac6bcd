"""Golden files: Markdown fields in `golden/*.md`, the card HTML they must render to in `golden/*.html`.

Run with UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.markup import mathjax, render

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.md"))


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_render_matches_golden(case: Path) -> None:
    rendered = render(case.read_text(encoding="utf-8")) + "\n"
    expected = case.with_suffix(".html")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


def test_no_script_and_no_remote_resources_in_any_golden_output() -> None:
    for case in CASES:
        html = case.with_suffix(".html").read_text(encoding="utf-8")
        assert "<script" not in html and "http" not in html


def test_mathjax_never_emits_a_double_closing_brace() -> None:
    assert "}}" not in mathjax("\\frac{1}{x^{2}}}", display=False)
    assert mathjax("a<b", display=True) == "\\[a&lt;b\\]"


def test_inline_fields_drop_the_paragraph() -> None:
    assert render("Two *words*", inline=True) == "Two <em>words</em>"
    assert render("One\n\nTwo", inline=True).startswith("<p>")
