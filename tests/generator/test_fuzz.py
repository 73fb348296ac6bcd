"""Hypothesis fuzzes the whole front end: any text yields cards or located findings, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import lint
from generator.cards import build_cards
from generator.render import MediaResolver, RenderCache, render_cards
from generator.source import parse
from generator.tree import Tree

FRAGMENTS = [
    "---",
    "source: a book",
    "tags: [a, b]",
    "deck: X::Y",
    "category: algorithms",
    "sorce: x",
    "## What is $x$? {#q1}",
    "## Heading {#q1}",
    "## {#Bad Id}",
    "## no id",
    "##",
    "# Title",
    "Q: question?",
    "A: answer",
    "A:",
    "Cloze: {{c1::x}} and {{c2::y::hint}}",
    "Cloze: {{c1::unclosed",
    "Prompt: do it",
    "Solution:",
    "Tests:",
    "Edge cases: none",
    "Time: $O(n)$",
    "Source: CLRS",
    "Tags: t1, t2",
    "Extra: more",
    "```python",
    "```",
    "~~~",
    "assert f() == 1",
    "def f(): return 1",
    "$$",
    "\\$",
    "| a | b |",
    "|---|---|",
    "- item",
    "1. item",
    "![img](img/x.svg)",
    "![remote](http://x/y.png)",
    "<script>x</script>",
    '<a onclick="x">',
    "[l](javascript:x)",
    "`code $x$`",
    "}}",
    "",
]

lines = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30))
documents = st.lists(lines, max_size=25).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents)
def test_any_text_gives_cards_or_located_findings(text: str, tmp_path: Path) -> None:
    tree = Tree(tmp_path, "Fuzz", "fuzz", "fuzz")
    parsed = parse(text, "algorithms/fuzz.md")
    cards, findings = build_cards(tree, parsed, tmp_path)
    findings += parsed.findings + lint.tree_rules(cards)
    for card in cards:
        findings += lint.card_rules(card)
    rendered = render_cards(cards, RenderCache(None), jobs=1)
    resolver = MediaResolver(tmp_path)
    for card, result in zip(cards, rendered, strict=True):
        findings += resolver.resolve(card, result)[1]
        assert all(isinstance(value, str) for value in result.fields.values())
    line_count = text.count("\n") + text.count("\r") + 2
    for item in findings:
        assert item.path == "algorithms/fuzz.md"
        assert 1 <= item.line <= line_count and item.col >= 1, item
        assert item.format().startswith(f"algorithms/fuzz.md:{item.line}:{item.col}: {item.rule}: ")
