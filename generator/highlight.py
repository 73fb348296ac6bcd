"""Code highlighting: Pygments' tokens and Pygments' HTML, with a faster loop for its regular-expression lexers.

Pygments' `RegexLexer` tries the rules of the current state one after another, one Python call per regular
expression; the Python lexer makes about 40 of them per token, which was most of a cold build. Here each state's
rules are joined into one alternation, `(?:r1)()|(?:r2)()|...`, which the `re` engine tries in the same order, so
the first rule that matches wins exactly as in Pygments; the empty group that closes each alternative says which
rule it was. Everything else (actions, state changes, the formatter) is Pygments' own. A lexer that is not a plain
`RegexLexer`, or a state whose rules cannot be joined safely, runs the way Pygments runs it.
`tests/generator/test_highlight.py` checks the tokens and the HTML against Pygments on every code block of the
content and on fuzzed code.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer, RegexLexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import Error, Whitespace, _TokenType
from pygments.util import ClassNotFound

try:
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # NOTE: CPython's own, private; without them every rule counts as starting anywhere (still exact)
    _constants = _parser = None

CODE_CSS_CLASS = "codehilite"

Rule = tuple[Callable[[str, int], "re.Match[str] | None"], Any, Any]  # Pygments' (match, action, new state)
Token = tuple[_TokenType, str]

_SCOPED_FLAGS = (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL))
_SCOPABLE = re.IGNORECASE | re.MULTILINE | re.DOTALL
# NOTE: numbered back-references and conditionals would point at the wrong group once the rules are numbered
# together; verbose patterns may end in a comment that would swallow the next alternative. Such rules are not joined.
_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
_LEADING_GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")


class _Joined(NamedTuple):
    match: Callable[[str, int], re.Match[str] | None] | None  # the rules as one alternation; None: one by one
    by_marker: dict[int, Rule]  # the number of the empty group closing a rule's alternative -> that rule
    rules: list[Rule]


def _join(rules: list[Rule]) -> _Joined:
    one_by_one = _Joined(None, {}, rules)
    patterns: list[re.Pattern[str]] = []
    for rule in rules:
        pattern = getattr(rule[0], "__self__", None)  # Pygments compiles every rule to `re.compile(...).match`
        if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
            return one_by_one
        patterns.append(pattern)
    if not patterns:
        return one_by_one
    base = patterns[0].flags
    parts: list[str] = []
    by_marker: dict[int, Rule] = {}
    groups = 0
    for rule, pattern in zip(rules, patterns, strict=True):
        source = pattern.pattern
        flags = pattern.flags
        if (flags ^ base) & ~_SCOPABLE or flags & re.VERBOSE or _UNJOINABLE.search(source):
            return one_by_one
        on = "".join(letter for letter, flag in _SCOPED_FLAGS if flags & flag and not base & flag)
        off = "".join(letter for letter, flag in _SCOPED_FLAGS if base & flag and not flags & flag)
        source = _LEADING_GLOBAL_FLAGS.sub("", source)  # they are in `flags`; only a scoped group may carry them
        scope = f"?{on}-{off}:" if off else f"?{on}:"
        groups += pattern.groups + 1
        by_marker[groups] = rule
        parts.append(f"({scope}{source})()")
    try:
        joined = re.compile("|".join(parts), base)
    except (re.error, RecursionError, OverflowError):
        return one_by_one
    if joined.groups != groups:
        return one_by_one
    return _Joined(joined.match, by_marker, rules)


# NOTE: a rule whose character sets are costly to compile is not joined: `re` would optimise them again, tens of
# milliseconds each time, in every list the rule is part of. Pygments' own compiled copy is tried on its own, in its
# turn. Costly: a long pattern (the identifier classes of Unicode-aware lexers, thousands of ranges), or a range of
# more than a few hundred code points (Julia's `[a-zA-Z_¡-\U0010ffff]`: a 78-character pattern, 12 ms to compile).
_LONG_PATTERN = 2000
_WIDE_RANGE = 256


def _costly(pattern: object) -> bool:
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return False
    if len(pattern.pattern) > _LONG_PATTERN:
        return True
    try:
        return _has_wide_range(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # NOTE: CPython's own parser, private: without it, only the length counts
        return False


def _has_wide_range(items: Any) -> bool:
    for op, argument in items:
        if op is _constants.IN:
            if any(kind is _constants.RANGE and value[1] - value[0] > _WIDE_RANGE for kind, value in argument):
                return True
        elif op is _constants.SUBPATTERN:
            if _has_wide_range(argument[3]):
                return True
        elif op is _constants.BRANCH:
            if any(_has_wide_range(branch) for branch in argument[1]):
                return True
        elif op in _REPEATS:
            if _has_wide_range(argument[2]):
                return True
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT) and _has_wide_range(argument[1]):
            return True
    return False


Segment = tuple[Callable[[str, int], "re.Match[str] | None"], dict[int, Rule] | None, Rule | None]


class _Candidates(NamedTuple):
    """Rules in Pygments' order, as segments tried in turn: joined rules (with their markers), or one rule alone."""

    segments: tuple[Segment, ...]
    rules: list[Rule]


def _candidates(rules: list[Rule]) -> _Candidates:
    segments: list[Segment] = []
    run: list[Rule] = []

    def flush() -> None:
        joined = _join(run) if len(run) > 1 else None
        if joined is not None and joined.match is not None:
            segments.append((joined.match, joined.by_marker, None))
        else:
            segments.extend((rule[0], None, rule) for rule in run)
        run.clear()

    for rule in rules:
        if _costly(getattr(rule[0], "__self__", None)):
            flush()
            segments.append((rule[0], None, rule))
        else:
            run.append(rule)
    flush()
    return _Candidates(tuple(segments), rules)


class _State:
    """One lexer state's rules, joined, for each kind of text position: the rules that can start with the ASCII
    character there, those that can start with a non-ASCII one, and those that can match at the end of the text.
    Nothing is worked out before it is first needed: a small build highlights a few blocks."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._starts: list[int] | None = None
        self.by_position: list[_Candidates | None] = [None] * (_END + 1)
        self._by_rules: dict[tuple[int, ...], _Candidates] = {}

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [first_characters(getattr(rule[0], "__self__", None)) for rule in self.rules]
        return self._starts

    def at(self, text: str, pos: int) -> _Candidates:
        code = min(ord(text[pos]), _NON_ASCII) if pos < len(text) else _END
        found = self.by_position[code]
        if found is None:
            bit = 1 << code
            chosen = tuple(index for index, starts in enumerate(self.starts) if starts & bit)
            found = self._by_rules.get(chosen)
            if found is None:
                found = self._by_rules[chosen] = _candidates([self.rules[index] for index in chosen])
            self.by_position[code] = found
        return found


# First characters: which characters can begin a match of a pattern, as a bit mask: bits 0-127 for the ASCII
# characters, bit 128 for any other character, and bit 129 for the end of the text (a pattern that can match the
# empty string is the only kind that can match there).
# NOTE: an over-estimate is always safe (a rule is tried where it cannot match, and fails); so anything not
# understood here, and any pattern that can match the empty string, counts as "every position".
_NON_ASCII = 128
_END = 129
_EVERY = (1 << (_END + 1)) - 1
_CATEGORIES = (
    {
        _constants.CATEGORY_DIGIT: r"\d",
        _constants.CATEGORY_NOT_DIGIT: r"\D",
        _constants.CATEGORY_SPACE: r"\s",
        _constants.CATEGORY_NOT_SPACE: r"\S",
        _constants.CATEGORY_WORD: r"\w",
        _constants.CATEGORY_NOT_WORD: r"\W",
    }
    if _constants
    else {}
)
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT) if _constants else ()
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT) if _constants else ()


def first_characters(pattern: object) -> int:
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return _EVERY
    if pattern.flags & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE):
        return _EVERY  # ASCII or locale classes
    try:
        starts, can_be_empty = _first(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
    except Exception:  # NOTE: CPython's own parser, private: whatever it does, "every character" is still right
        return _EVERY
    return _EVERY if can_be_empty else starts


def _first(items: Any, ignore_case: bool) -> tuple[int, bool]:
    """The first characters of a parsed sequence, and whether it can match the empty string."""
    starts = 0
    for op, argument in items:
        if op in _ZERO_WIDTH:
            continue  # lookarounds and anchors consume nothing; skipping them only over-estimates
        if op in (_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN):
            leaf = tuple(argument) if op is _constants.IN else argument
            return starts | _character_class(op, leaf, ignore_case), False
        if op is _constants.SUBPATTERN:
            _, add_flags, del_flags, sub = argument
            if (add_flags | del_flags) & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE):
                return _EVERY, False
            scoped = (ignore_case or bool(add_flags & re.I)) and not del_flags & re.I
            more, can_be_empty = _first(sub, scoped)
        elif op is _constants.BRANCH:
            more, can_be_empty = 0, False
            for branch in argument[1]:
                branch_starts, branch_empty = _first(branch, ignore_case)
                more |= branch_starts
                can_be_empty = can_be_empty or branch_empty
        elif op in _REPEATS:
            low, _, sub = argument
            more, can_be_empty = _first(sub, ignore_case)
            can_be_empty = can_be_empty or low == 0
        elif op is _constants.ATOMIC_GROUP:
            more, can_be_empty = _first(argument, ignore_case)
        else:
            return _EVERY, False  # any character, back-references, conditionals: anything
        starts |= more
        if not can_be_empty:
            return starts, False
    return starts, True


@lru_cache(maxsize=4096)
def _character_class(op: Any, argument: Any, ignore_case: bool) -> int:
    """The characters one literal or class matches: the ASCII ones asked of the `re` engine itself (it knows case
    folding), and whether it may match any other."""
    if op is _constants.IN:
        negate = bool(argument) and argument[0][0] is _constants.NEGATE
        pieces = []
        for kind, value in argument[1:] if negate else argument:
            if kind is _constants.LITERAL:
                pieces.append(re.escape(chr(value)))
            elif kind is _constants.RANGE:
                pieces.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _constants.CATEGORY and value in _CATEGORIES:
                pieces.append(_CATEGORIES[value])
            else:
                return _EVERY
        source = f"[{'^' if negate else ''}{''.join(pieces)}]" if pieces else ("(?s:.)" if negate else "(?!)")
        ascii_only = not negate and all(
            (kind is _constants.LITERAL and value < _NON_ASCII) or (kind is _constants.RANGE and value[1] < _NON_ASCII)
            for kind, value in argument
        )
    else:
        character = re.escape(chr(argument))
        source = character if op is _constants.LITERAL else f"[^{character}]"
        ascii_only = op is _constants.LITERAL and argument < _NON_ASCII
    compiled = re.compile(source, re.IGNORECASE if ignore_case else 0)
    starts = sum(1 << code for code in range(_NON_ASCII) if compiled.fullmatch(chr(code)))
    if ignore_case or not ascii_only:  # NOTE: case folding reaches across ("K" matches the Kelvin sign)
        starts |= 1 << _NON_ASCII
    return starts


@lru_cache(maxsize=64)
def _states(lexer_class: type[Lexer]) -> dict[str, _State]:
    tokendefs: dict[str, list[Rule]] = lexer_class._tokens  # type: ignore[attr-defined]
    return {name: _State(rules) for name, rules in tokendefs.items()}


def _is_plain_regex_lexer(lexer: Lexer) -> bool:
    kind = type(lexer)
    return (
        isinstance(lexer, RegexLexer)
        and kind.get_tokens_unprocessed is RegexLexer.get_tokens_unprocessed
        and kind.get_tokens is Lexer.get_tokens
        and not lexer.filters
        and hasattr(kind, "_tokens")
        and hasattr(lexer, "_preprocess_lexer_input")
    )


def tokens(lexer: Lexer, code: str) -> Iterator[Token]:
    """What `lexer.get_tokens(code)` yields."""
    if not _is_plain_regex_lexer(lexer):
        return lexer.get_tokens(code)
    text = lexer._preprocess_lexer_input(code)  # type: ignore[attr-defined]
    return _regex_tokens(lexer, text, _states(type(lexer)))


def _regex_tokens(lexer: Lexer, text: str, states: dict[str, _State]) -> Iterator[Token]:
    """`RegexLexer.get_tokens_unprocessed` from Pygments 2.21, rule for rule, with the joined states."""
    pos = 0
    stack = ["root"]
    state = states["root"]
    while True:
        found: re.Match[str] | None = None
        rule: Rule | None = None
        for match, by_marker, alone in state.at(text, pos).segments:
            found = match(text, pos)
            if found is not None:
                if by_marker is None:
                    rule = alone
                else:
                    rule = by_marker[found.lastindex or 0]
                    if type(rule[1]) is not _TokenType:
                        found = rule[0](text, pos)  # callbacks get the rule's own match, with its own groups
                break
        if found is None or rule is None:
            if pos >= len(text):
                return
            if text[pos] == "\n":  # at the end of a line, back to "root"
                stack = ["root"]
                state = states["root"]
                yield Whitespace, "\n"
                pos += 1
                continue
            yield Error, text[pos]
            pos += 1
            continue
        _, action, new_state = rule
        if action is not None:
            if type(action) is _TokenType:
                yield action, found.group()
            else:
                for _, token_type, value in action(lexer, found):
                    yield token_type, value
        pos = found.end()
        if new_state is not None:
            if isinstance(new_state, tuple):
                for name in new_state:
                    if name == "#pop":
                        if len(stack) > 1:
                            stack.pop()
                    elif name == "#push":
                        stack.append(stack[-1])
                    else:
                        stack.append(name)
            elif isinstance(new_state, int):
                if abs(new_state) >= len(stack):  # pop, but keep at least one state
                    del stack[1:]
                else:
                    del stack[new_state:]
            elif new_state == "#push":
                stack.append(stack[-1])
            else:
                raise AssertionError(f"wrong state def: {new_state!r}")
            state = states[stack[-1]]


@lru_cache(maxsize=64)
def lexer_for(language: str) -> Lexer:
    lexer: Lexer
    try:
        lexer = get_lexer_by_name(language.lower(), stripnl=False) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    return lexer


_FORMATTER = HtmlFormatter(cssclass=CODE_CSS_CLASS, nowrap=False)


def highlight_code(code: str, language: str) -> str:
    """Exactly `pygments.highlight(code, lexer, HtmlFormatter(cssclass="codehilite"))`, stripped."""
    lexer = lexer_for(language)
    if not _is_plain_regex_lexer(lexer):
        return str(highlight(code, lexer, _FORMATTER)).strip()
    out = io.StringIO()
    _FORMATTER.format(tokens(lexer, code), out)
    return out.getvalue().strip()


def pygments_highlight(code: str, language: str) -> str:
    """Pygments' own way, for the tests to compare with."""
    return str(highlight(code, lexer_for(language), _FORMATTER)).strip()


_FORMATTED = re.compile(r'\A<div class="codehilite"><pre><span></span>(.*)</pre></div>\Z', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def line_blocks(highlighted: str, max_indent: int = 40) -> str:
    """Pygments' HTML with each code line in its own `<span class="ln iN">`, N its leading spaces (capped).

    The card's CSS wraps long lines inside these spans with a hanging indent, so a continuation sits right of its
    line's own indentation and no line end is hidden at phone width. Pygments closes every token's span at the end of
    a line, so each line is balanced HTML on its own. The newline stays inside the line's span: copying the code, or
    showing it without the card's CSS (Anki's editor), still gives the original lines.
    """
    found = _FORMATTED.match(highlighted)
    if found is None:
        return highlighted
    lines = found.group(1).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = ['<div class="codehilite"><pre>']
    for line in lines:
        text = _TAG.sub("", line)
        indent = min(len(text) - len(text.lstrip(" ")), max_indent)
        classes = f"ln i{indent}" if indent else "ln"
        out.append(f'<span class="{classes}">{line}\n</span>')
    out.append("</pre></div>")
    return "".join(out)
