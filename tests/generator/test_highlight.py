"""The faster lexer loop must give exactly Pygments' tokens and HTML, on real code blocks and on fuzzed code."""

from __future__ import annotations

import html
import os
import re

import pytest
from conftest import PROJECT_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexers import PythonLexer

from generator.highlight import (
    _END,
    _EVERY,
    _NON_ASCII,
    _costly,
    _states,
    first_characters,
    highlight_code,
    lexer_for,
    pygments_highlight,
    tokens,
)
from generator.markup import scan, split_fence
from generator.source import parse
from generator.tree import load_tree

LANGUAGES = ["python", "markdown", "yaml", "text", "", "bash", "json", "sql", "c", "cpp", "javascript", "go", "rust"]

PIECES = [
    "def ",
    "class ",
    "return ",
    "lambda ",
    "x",
    "K",
    "k",
    "_",
    "0x1F",
    "1_000.5e-3j",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\\\n",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "=",
    "->",
    "'",
    '"',
    '"""',
    "'''",
    "f'{a!r:>{w}}'",
    "rb'\\x00'",
    "# comment",
    "@decorator",
    "<div>",
    "&amp;",
    "```",
    "---",
    "- item",
    "key: value",
    "$HOME",
    "/* c */",
    "// c",
    "SELECT",
    "\u212a",  # KELVIN SIGN: folds to "k" under IGNORECASE
    "\u017f",  # LATIN SMALL LETTER LONG S: folds to "s"
    "\u0130",
    "é",
    "\u00a0",
    "\u3000",
    "\ufeff",
]


def _blocks() -> list[tuple[str, str]]:
    """(language, code) of every fenced code block in the content tree."""
    tree = load_tree(PROJECT_ROOT / "content")
    found = []
    for path in tree.markdown_files():
        for card in parse(path.read_text(encoding="utf-8"), tree.relative(path)).cards:
            for text in [*card.fields.values(), *([card.body] if card.body else [])]:
                for span in scan(text.value):
                    if span.kind == "fence":
                        _, language, code = split_fence(text.value[span.start : span.end])
                        found.append((language, code))
    return found


def test_every_code_block_of_the_content_highlights_as_pygments_does() -> None:
    blocks = _blocks()
    assert len(blocks) > 100
    for language, code in blocks:
        assert list(tokens(lexer_for(language), code)) == list(lexer_for(language).get_tokens(code)), code
        assert highlight_code(code, language) == pygments_highlight(code, language), code


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None)
@given(code=st.lists(st.sampled_from(PIECES) | st.characters(), max_size=40).map("".join))
def test_fuzzed_code_highlights_as_pygments_does(language: str, code: str) -> None:
    lexer = lexer_for(language)
    assert list(tokens(lexer, code)) == list(lexer.get_tokens(code))
    assert highlight_code(code, language) == pygments_highlight(code, language)


def test_without_cpythons_regex_parser_the_tokens_are_still_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    """`re._parser` is private to CPython: without it, every rule counts as starting anywhere, and nothing changes."""
    monkeypatch.setattr("generator.highlight._parser", None)
    _states.cache_clear()
    try:
        assert first_characters(re.compile("def")) == _EVERY
        for language, code in _blocks()[:40]:
            assert list(tokens(lexer_for(language), code)) == list(lexer_for(language).get_tokens(code)), code
    finally:
        _states.cache_clear()


def test_rules_costly_to_compile_run_alone() -> None:
    """A wide character range (Julia's identifiers) or a very long pattern is not compiled again into joined lists."""
    assert _costly(re.compile("[a-zA-Z_\u00a1-\U0010ffff][a-zA-Z_0-9!]*"))
    assert _costly(re.compile("(?:x|(?=[\u0100-\u2000]))"))
    assert _costly(re.compile("a" * 2001))
    assert not _costly(re.compile("[a-zA-Z_][a-zA-Z0-9_]*|0x[0-9a-fA-F]+"))
    assert not _costly(re.compile("[\u00e0-\u00ff]+"))  # 31 code points


def test_the_python_lexer_takes_the_fast_path() -> None:
    lexer_for("python")
    root = _states(PythonLexer)["root"]
    for text in ("def", " ", "'", "1", "é"):
        candidates = root.at(text, 0)
        assert len(candidates.segments) < len(candidates.rules)  # joined
    assert root.at("", 0).rules == []  # no rule of Python's root state can match at the end of the text
    assert sum(1 for starts in root.starts if starts != _EVERY) > len(root.starts) // 2
    assert len(root.at("d", 0).rules) < len(root.rules) // 2


def _chars(mask: int) -> str:
    return "".join(chr(code) for code in range(128) if mask >> code & 1)


def test_first_characters() -> None:
    assert _chars(first_characters(re.compile(r"def\b"))) == "d"
    assert _chars(first_characters(re.compile(r"(?<!\.)(?:ab|[0-2]|\s)"))) == "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f 012a"
    assert _chars(first_characters(re.compile(r"(x?)y"))) == "xy"
    assert first_characters(re.compile(r"x*")) == _EVERY  # can match nothing: every position
    assert first_characters(re.compile(r".")) == _EVERY
    assert _chars(first_characters(re.compile("\u212a", re.IGNORECASE))) == "Kk"  # the engine's own case folding
    assert _chars(first_characters(re.compile(r"(?i:s)"))) == "Ss"
    assert _chars(first_characters(re.compile(r"[^\W\d]", re.ASCII))) == _chars(_EVERY)  # not understood: all


def test_first_characters_beyond_ascii_and_at_the_end() -> None:
    non_ascii, end = 1 << _NON_ASCII, 1 << _END
    assert not first_characters(re.compile(r"def|[a-z0-9]")) & (non_ascii | end)
    assert first_characters(re.compile(r"[^a]")) & non_ascii
    assert first_characters(re.compile(r"\w")) & non_ascii
    assert first_characters(re.compile("[\u00e0-\u00ff]")) == non_ascii
    assert first_characters(re.compile("k", re.IGNORECASE)) & non_ascii  # the Kelvin sign
    assert first_characters(re.compile(r"\w+")) & end == 0
    assert first_characters(re.compile(r"\w*")) & end  # only a pattern that can match nothing matches at the end


def test_line_blocks_keep_the_code_and_mark_each_line_with_its_indent() -> None:
    from generator.cardstyle import MAX_INDENT_CLASS
    from generator.highlight import highlight_code, line_blocks

    code = 'def f(x):\n    s = """two\nlines"""\n\n' + " " * 50 + "deep\n"
    wrapped = line_blocks(highlight_code(code, "python"), MAX_INDENT_CLASS)
    lines = re.findall(r'<span class="(ln(?: i\d+)?)">(.*?)\n</span>', wrapped, re.DOTALL)
    assert [classes for classes, _ in lines] == ["ln", "ln i4", "ln", "ln", f"ln i{MAX_INDENT_CLASS}"]
    assert html.unescape(re.sub(r"<[^>]+>", "", wrapped)) == code
    for _, line in lines:  # every line is balanced HTML on its own: Pygments closes its spans at line ends
        assert line.count("<span") == line.count("</span>")
