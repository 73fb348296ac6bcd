"""The parser: front matter, card headings, ids and fields, each problem located by file, line and column."""

from __future__ import annotations

from generator.findings import Finding
from generator.source import Text, decode, parse


def _rules(text: str) -> list[tuple[str, int, int]]:
    return [(item.rule, item.line, item.col) for item in parse(text, "a.md").findings]


def test_front_matter_sets_defaults() -> None:
    parsed = parse("---\nsource: Book, ch. 1\ntags: [one, two]\n---\n## Q? {#q}\nA.\n", "a.md")
    assert parsed.findings == []
    assert parsed.front_matter.source == "Book, ch. 1"
    assert parsed.front_matter.tags == ["one", "two"]
    assert [card.id for card in parsed.cards] == ["q"]


def test_front_matter_errors_are_located() -> None:
    assert _rules("---\nsource: a\nsorce: b\n---\n") == [("unknown-key", 3, 1)]
    rule, line, _ = _rules("---\nsource: [unclosed\n---\n")[0]
    assert rule == "front-matter" and line in (2, 3)
    assert _rules("---\n- a list\n---\n") == [("front-matter", 2, 1)]
    assert _rules("---\ntags: {a: 1}\n---\n") == [("front-matter", 2, 1)]
    assert _rules("---\nsource: a\n") == [("front-matter", 1, 1)]
    message = parse("---\nsorce: b\n---\n", "a.md").findings[0].message
    assert "did you mean 'source'" in message


def test_ids_are_required_and_checked() -> None:
    assert _rules("## A question\nAnswer.\n") == [("missing-id", 1, 1)]
    assert _rules("## A question {#Bad_Id}\nAnswer.\n") == [("invalid-id", 1, 17)]
    assert _rules("## A question {#" + "a" * 65 + "}\nAnswer.\n")[0][0] == "invalid-id"


def test_fields_and_body_are_split_with_locations() -> None:
    text = "## Two Sum {#two-sum}\nPrompt: Find a pair.\nMore prompt.\nTime: O(n)\nSource: Book\n"
    card = parse(text, "a.md").cards[0]
    assert card.heading.value == "Two Sum"
    assert card.fields["Prompt"] == Text("Find a pair.\nMore prompt.", 2, 9)
    assert card.fields["Time"].value == "O(n)"
    assert card.body is None


def test_nothing_inside_a_code_fence_is_a_heading_or_a_field() -> None:
    text = "## Q? {#q}\n```python\n## not a heading\nSource: not a field\n```\nSource: real\n"
    parsed = parse(text, "a.md")
    assert len(parsed.cards) == 1
    assert parsed.cards[0].body is not None and "## not a heading" in parsed.cards[0].body.value
    assert parsed.cards[0].fields["Source"].value == "real"


def test_misspelt_field_is_an_error_but_ordinary_prose_is_not() -> None:
    assert _rules("## Q? {#q}\nA.\nSorce: a book\n") == [("unknown-key", 3, 1)]
    assert _rules("## Q? {#q}\nA.\nNote: prose that looks like a key\n") == []


def test_duplicate_field_and_orphan_text() -> None:
    assert _rules("intro\n## Q? {#q}\nA.\nSource: a\nSource: b\n") == [("orphan-text", 1, 1), ("duplicate-field", 5, 1)]


def test_text_locate_counts_lines_and_columns() -> None:
    text = Text("ab\ncd$e", 10, 5)
    assert text.locate(1) == (10, 6)
    assert text.locate(5) == (11, 3)


def test_crlf_files_parse_like_lf() -> None:
    assert parse("## Q? {#q}\r\nA.\r\n", "a.md").cards[0].body == parse("## Q? {#q}\nA.\n", "a.md").cards[0].body


# Issue 11: input that used to pass silently, each now a located error.


def test_an_unclosed_fence_is_an_error_where_it_opens() -> None:
    swallowing = "## A {#a}\nx\n```python\ncode\n\n## B {#b}\ny\n"
    assert _rules(swallowing) == [("unclosed-fence", 3, 1)]
    assert _rules("## A {#a}\nx\n~~~\ncode\n") == [("unclosed-fence", 3, 1)]
    assert _rules("## A {#a}\nx\n```\n## not a card\n```\n") == []


def test_headings_that_a_reader_would_take_for_cards_are_errors() -> None:
    text = "## A {#a}\nx\n##B {#b}\ny\n### C {#c}\nz\n # D {#d}\n#### A sub-heading of the answer\n"
    assert _rules(text) == [("malformed-heading", 3, 1), ("malformed-heading", 5, 1), ("malformed-heading", 7, 1)]
    assert [card.id for card in parse(text, "a.md").cards] == ["a"]


def test_control_characters_are_errors_at_their_place() -> None:
    assert _rules("## A {#a}\nx\x1fy\n") == [("control-character", 2, 2)]
    assert _rules("## A {#a}\n\x00\tx\x7f\n") == [("control-character", 2, 1), ("control-character", 2, 4)]
    assert _rules("## A {#a}\ntab\tand CRLF\r\n") == []


def test_a_byte_order_mark_does_not_hide_the_front_matter() -> None:
    parsed = parse("\ufeff---\nsource: Book\ntags: [t]\n---\n## A {#a}\nx\n", "a.md")
    assert parsed.findings == []
    assert parsed.front_matter.source == "Book" and parsed.front_matter.tags == ["t"]


def test_a_tag_with_a_space_is_an_error_not_two_tags() -> None:
    assert _rules('---\ntags: ["machine learning", ok]\n---\n') == [("front-matter", 2, 1)]


def test_question_and_answer_lines_are_not_silently_answer_text() -> None:
    findings = parse("## A {#a}\nQuestion: what?\nAnswer: this\n", "a.md").findings
    assert [(item.rule, item.line) for item in findings] == [("unknown-key", 2), ("unknown-key", 3)]
    assert "did you mean 'Q'" in findings[0].message and "did you mean 'A'" in findings[1].message


def test_a_yaml_error_points_at_the_construct_that_broke() -> None:
    findings = parse("---\nsource: a\ntags: [a, b\ndeck: x\ntopic: y\n---\n", "a.md").findings
    assert [(item.rule, item.line) for item in findings] == [("front-matter", 3)]


def test_decode_locates_a_bad_byte_in_characters() -> None:
    located = decode("## Caf\u00e9 {#a}\nna\u00efve \xe9t\u00e9\n".encode().replace(b"\xc3\xa9t", b"\xe9t"), "a.md")
    assert isinstance(located, Finding)
    assert (located.rule, located.line, located.col) == ("encoding", 2, 7)
