"""Hypothesis fuzzes the whole front end: any text yields cards or located findings, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import lint
from generator.files import compile_file
from generator.render import MediaResolver
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
    result = compile_file(tree, tmp_path / "algorithms" / "fuzz.md", text.encode("utf-8", "surrogatepass"))
    cards, findings = result.cards, result.findings + lint.tree_rules(result.cards)
    resolver = MediaResolver(tmp_path)
    for card, rendered in zip(cards, result.rendered, strict=True):
        findings += resolver.resolve(card, rendered)[1]
        assert all(isinstance(value, str) for value in rendered.fields.values())
    line_count = text.count("\n") + text.count("\r") + 2
    for item in findings:
        assert item.path == "algorithms/fuzz.md"
        assert 1 <= item.line <= line_count and item.col >= 1, item
        assert item.format().startswith(f"algorithms/fuzz.md:{item.line}:{item.col}: {item.rule}: ")
