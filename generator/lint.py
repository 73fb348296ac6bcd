"""Lint rules over cards: one small function a rule, listed in one place (`CARD_RULES`).

Rules see the Markdown source of each field with its location, so a finding points at the exact line and column.
Rules that need the whole tree (duplicates) run in `tree_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from .cards import Card
from .findings import Finding, finding
from .source import Text
from .spans import scan

WORD_LIMIT = 60
LIST_LIMIT = 5
# NOTE: code wraps on a phone (cardstyle.py): about 43 characters of code fit on one row at 390 px, and a wrapped line
# continues right of its own indent. A line over PEP 8's 79 characters wraps more than once there: hard to read.
CODE_LINE_LIMIT = 79
RUN_ON_ITEMS = 5  # semicolon-separated items in one sentence that should be a list
RUN_ON_NUMBERED = 4  # inline "(1) ... (2) ..." items that should be a numbered list

CardRule = Callable[[Card], Iterator[Finding]]

_NOT_NEWLINE = re.compile(r"[^\n]")
_STRAY_DOLLAR = (
    "unmatched '$': close the math (an opening '$' is not followed by a space, a closing one not preceded by one, "
    "and both are in one paragraph), or write \\$ for a dollar sign"
)
_CLOZE_OPEN = re.compile(r"\{\{c\d+::")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S", re.MULTILINE)
# NOTE: a word is a whitespace-separated token with a letter or a digit in it. Matching from its first letter or digit
# to its end counts each such token once, in one pass (`str.split` and `\s` share Python's idea of whitespace).
_WORD_TOKEN = re.compile(r"[^\W_]\S*")


@lru_cache(maxsize=4096)
def _blank(text: str, kinds: frozenset[str]) -> str:
    """The text with spans of the given kinds replaced by spaces, so offsets still line up."""
    spans = [span for span in scan(text) if span.kind in kinds]
    if not spans:
        return text
    pieces = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        hidden = text[span.start : span.end]
        pieces.append(_NOT_NEWLINE.sub(" ", hidden) if "\n" in hidden else " " * len(hidden))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


_CODE = frozenset({"fence", "code"})
_CODE_AND_MATH = frozenset({"fence", "code", "math-inline", "math-display", "dollar"})


def _at(card: Card, text: Text, offset: int, rule: str, message: str) -> Finding:
    line, col = text.locate(offset)
    return finding(card.path, line, col, rule, message)


def _first_on_each_line(card: Card, text: Text, offsets: list[int], rule: str, message: str) -> Iterator[Finding]:
    """One finding per line, at the first offset, counting the others: a pasted blob gives a few, not thousands."""
    counts: dict[int, tuple[int, int]] = {}  # line -> (first column, how many)
    for offset in offsets:
        line, col = text.locate(offset)
        first, count = counts.get(line, (col, 0))
        counts[line] = (first, count + 1)
    for line, (col, count) in counts.items():
        more = f" ({count} on this line; this is the first)" if count > 1 else ""
        yield finding(card.path, line, col, rule, message + more)


def unbalanced_math(card: Card) -> Iterator[Finding]:
    for text in card.fields.values():
        strays = [span.start for span in scan(text.value) if span.kind == "stray"]
        yield from _first_on_each_line(card, text, strays, "unbalanced-math", _STRAY_DOLLAR)


def unbalanced_cloze(card: Card) -> Iterator[Finding]:
    for name, text in card.fields.items():
        is_cloze_text = card.kind == "cloze" and name == "Text"
        if not is_cloze_text and "{{c" not in text.value:
            continue
        plain = _blank(text.value, _CODE_AND_MATH)
        if not is_cloze_text:
            found = _CLOZE_OPEN.search(plain)
            if found:
                yield _at(card, text, found.start(), "unbalanced-cloze", "a cloze deletion outside a Cloze: field")
            continue
        opened: list[int] = []
        unopened: list[int] = []
        for token in re.finditer(r"\{\{c\d+::|\}\}", plain):
            if token.group(0) == "}}":
                if opened:
                    opened.pop()
                else:
                    unopened.append(token.start())
            else:
                opened.append(token.start())
        yield from _first_on_each_line(card, text, unopened, "unbalanced-cloze", "'}}' closes no cloze deletion")
        yield from _first_on_each_line(
            card, text, opened, "unbalanced-cloze", "cloze deletion is never closed with '}}'"
        )
        if not _CLOZE_OPEN.search(plain):
            yield _at(card, text, 0, "missing-field", "a cloze card needs at least one {{c1::...}} deletion")


def long_answer(card: Card) -> Iterator[Finding]:
    name = {"basic": "Back", "cloze": "Text"}.get(card.kind)
    text = card.fields.get(name or "")
    if text is None:
        return
    words = len(_WORD_TOKEN.findall(_blank(text.value, _CODE_AND_MATH)))
    if words > WORD_LIMIT:
        yield _at(card, text, 0, "long-answer", f"{words} words (limit {WORD_LIMIT}): split it into several cards")


def long_list(card: Card) -> Iterator[Finding]:
    text = card.fields.get("Back")
    if card.kind != "basic" or text is None or text.value.count("\n") < LIST_LIMIT - 1:
        return  # list items start lines: fewer lines than the limit cannot hold enough of them
    items = _LIST_ITEM.findall(_blank(text.value, _CODE))
    if len(items) >= LIST_LIMIT:
        yield _at(card, text, 0, "long-list", f"a list of {len(items)} items: make it cloze deletions")


def long_code_line(card: Card) -> Iterator[Finding]:
    for text in card.fields.values():
        if "```" not in text.value and "~~~" not in text.value:
            continue
        for span in scan(text.value):
            if span.kind != "fence":
                continue
            block = text.value[span.start : span.end]
            offset = span.start
            for number, line in enumerate(block.split("\n")):
                if number and len(line.rstrip()) > CODE_LINE_LIMIT and not line.lstrip().startswith(("```", "~~~")):
                    yield _at(
                        card,
                        text,
                        offset + CODE_LINE_LIMIT,
                        "long-code-line",
                        f"a code line of {len(line.rstrip())} characters (limit {CODE_LINE_LIMIT}): a phone shows "
                        "about 43 per row, so it wraps more than once there; break it or shorten names",
                    )
                offset += len(line) + 1


_WORD = re.compile(r"[a-z0-9]+")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "how", "in", "is", "it", "its", "of", "on", "or"}
    | {"the", "their", "to", "versus", "vs", "what", "when", "which", "with"}
)
_REPEAT_WORDS = 3  # content words of the context that the text may not repeat in a row
_REPEAT_START = 6  # ... within its first words


def _words(text: str) -> list[str]:
    """Lower-case words, a plural `s` dropped, so "Two pointers" repeats "Two-pointer"."""
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in _WORD.findall(text.lower())]


def _original_words(text: str, start: int, length: int) -> str:
    return " ".join(found.group(0) for found in list(_WORD.finditer(text.lower()))[start : start + length])


def _deletion_answers(text: str) -> str:
    """The cloze text with each deletion replaced by its answer, its hint dropped.

    NOTE: one pass with a forward search for each closing `}}`: a regular expression that looks for the closing
    `}}` from every `{{c1::` rescans to the end of the text for each one that is never closed (a pasted blob of
    5,000 took minutes).
    """
    pieces: list[str] = []
    cursor = 0
    close = -2  # where the next "}}" is; -1 when there is none
    for opener in _CLOZE_OPEN.finditer(text):
        if opener.start() < cursor:
            continue
        if close != -1 and close < opener.end():
            close = text.find("}}", opener.end())
        if close == -1:
            break
        body = text[opener.end() : close]
        hint = body.find("::", body.rfind("}") + 1)  # Anki's hint: after the first `::` followed by no `}`
        pieces += [text[cursor : opener.start()], body[:hint] if hint != -1 else body]
        cursor = close + 2
    pieces.append(text[cursor:])
    return "".join(pieces)


def cloze_context_repeats(card: Card) -> Iterator[Finding]:
    context = card.fields.get("Context")
    text = card.fields.get("Text")
    if card.kind != "cloze" or context is None or text is None:
        return
    cue_text = _blank(context.value, _CODE_AND_MATH)
    cue = _words(cue_text)
    answer = _blank(_deletion_answers(text.value), _CODE_AND_MATH)
    opening = _words(answer)[: _REPEAT_START + len(cue)]
    content_words = [word for word in cue if word not in _SMALL_WORDS]
    for start in range(min(_REPEAT_START, len(opening))):
        for cue_start in range(len(cue)):
            length = 0
            while (
                cue_start + length < len(cue)
                and start + length < len(opening)
                and cue[cue_start + length] == opening[start + length]
            ):
                length += 1
            repeated = [word for word in cue[cue_start : cue_start + length] if word not in _SMALL_WORDS]
            whole = len(content_words) >= 2 and len(repeated) == len(content_words)
            if len(repeated) >= _REPEAT_WORDS or whole:
                shown = _original_words(cue_text, cue_start, length)
                yield _at(
                    card,
                    context,
                    0,
                    "cloze-context-repeats",
                    f"the context repeats the text's opening words ({shown!r}): make it a cue the text does not say",
                )
                return


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$`*({\[])")
_NUMBERED_ITEM = re.compile(r"\((\d{1,2})\)\s")


def _top_level_semicolons(sentence: str) -> int:
    """Semicolons outside brackets and cloze deletions: the separators of an inline enumeration."""
    depth = 0
    count = 0
    for index, char in enumerate(sentence):
        if char in "([" or sentence.startswith("{{", index):
            depth += 1
        elif char in ")]" or (char == "}" and sentence.startswith("}}", index)):
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            count += 1
    return count


def run_on_list(card: Card) -> Iterator[Finding]:
    for name, text in card.fields.items():
        if name in ("Source", "Solution", "Tests") or (";" not in text.value and "(4)" not in text.value):
            continue
        plain = _blank(text.value, _CODE_AND_MATH)
        for paragraph in re.finditer(r"[^\n](?:[^\n]|\n(?![ \t]*\n))*", plain):
            block = paragraph.group(0)
            if _LIST_ITEM.match(block) or block.lstrip().startswith(("|", ">")):
                continue
            numbers = [int(found.group(1)) for found in _NUMBERED_ITEM.finditer(block)]
            if len(numbers) >= RUN_ON_NUMBERED and numbers[:RUN_ON_NUMBERED] == list(range(1, RUN_ON_NUMBERED + 1)):
                yield _at(
                    card,
                    text,
                    paragraph.start(),
                    "run-on-list",
                    f"{len(numbers)} numbered items run on in one paragraph: make them a numbered list ('1. ...')",
                )
                continue
            for sentence in _SENTENCE_END.split(block):
                items = _top_level_semicolons(sentence) + 1
                if items >= RUN_ON_ITEMS:
                    yield _at(
                        card,
                        text,
                        paragraph.start() + max(0, block.find(sentence[:20])),
                        "run-on-list",
                        f"{items} items separated by ';' run on in one sentence: make them a list ('- ...' lines)",
                    )
                    break


def no_source(card: Card) -> Iterator[Finding]:
    if "Source" not in card.fields:
        yield finding(card.path, card.line, 1, "no-source", "no Source: line and no `source` in the front matter")


CARD_RULES: tuple[CardRule, ...] = (
    unbalanced_math,
    unbalanced_cloze,
    long_answer,
    long_list,
    long_code_line,
    cloze_context_repeats,
    run_on_list,
    no_source,
)


def card_rules(card: Card) -> list[Finding]:
    return [item for rule in CARD_RULES for item in rule(card)]


def tree_rules(cards: list[Card]) -> list[Finding]:
    findings: list[Finding] = []
    first_by_id: dict[str, Card] = {}
    first_by_question: dict[str, Card] = {}
    for card in cards:
        earlier = first_by_id.setdefault(card.id, card)
        if earlier is not card:
            where = f"{earlier.path}:{earlier.line}"
            findings.append(
                finding(card.path, card.line, 1, "duplicate-id", f"id {card.id!r} is already used at {where}")
            )
        if card.kind != "basic" or not card.question:
            continue
        same = first_by_question.setdefault(card.question, card)
        if same is not card:
            where = f"{same.path}:{same.line}"
            findings.append(
                finding(card.path, card.line, 1, "duplicate-question", f"the same question as {same.id!r} at {where}")
            )
    return findings
