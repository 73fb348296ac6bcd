"""Python-Markdown with the card extension: it renders whatever the fast path in `markup.py` does not take.

It lives apart so that a build that renders nothing new (a warm rebuild) never imports Python-Markdown. Three things
are added to plain Python-Markdown:

- fenced code and math are lifted out before Markdown can mangle them (`spans.py` finds them);
- two guards keep Python-Markdown linear: its link parser rescans to the end of the text for every `[` that closes
  no link, and the standard library's HTML parser it uses for raw HTML rescans for every `<` that closes no tag.
  Such a `[` or `<` is handed over as a literal before Markdown sees it (what Markdown would have printed anyway);
- its output, author HTML included, passes the allow-list sanitizer. The code blocks the generator highlighted
  are trusted and set aside while it runs, so sanitizing costs nothing on them.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache

import markdown
from markdown import inlinepatterns
from markdown.preprocessors import Preprocessor

from .highlight import highlight_code, line_blocks
from .sanitize import COMPLETE_TAG as _COMPLETE_TAG
from .sanitize import Sanitized, Violation, sanitize, stray_angles
from .spans import Span, math_body, mathjax, scan, split_fence

_INDENTED = re.compile(r"^(?:\t| {4})", re.MULTILINE)  # may be an indented code block
_SPECIAL_INLINE = re.compile(r"[<\[&\\]")
_MARKDOWN_TAG = re.compile(inlinepatterns.HTML_RE)  # what Markdown itself takes for an inline tag
_ENTITY = re.compile(inlinepatterns.ENTITY_RE)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# Markdown's own autolinks, `<https://...>` and `<someone@example.com>`, are not tags but must stay as written.
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>|<[^<> !]+@[^@<> ]+>")
_BRACKET_OR_PAREN = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_REFERENCE_DEFINITION = re.compile(r"\]:")  # a reference definition may follow; then any [x] may be a link
_TITLED_DESTINATION = re.compile(r"""\s*<?[^\s"'()<>]*>?\s+(?:"[^"\n]*"|'[^'\n]*')\s*""")
EXTENSIONS = ("tables", "sane_lists")
_MAX_LINK_NESTING = 3  # brackets inside more than this many others are text: each level rescans its contents


class _StashPreprocessor(Preprocessor):
    """Lift fenced code and math out of the text, and neutralise what Markdown would rescan, before Markdown runs."""

    def __init__(self, md: markdown.Markdown, trusted: list[str], guards: bool) -> None:
        super().__init__(md)
        self.trusted = trusted  # highlighted code blocks of this conversion, set aside from the sanitizer
        self.guards = guards

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        pieces: list[str] = []
        cursor = 0
        for span in scan(text):
            if span.kind == "code":  # inline code spans stay with Markdown
                continue
            pieces.append(text[cursor : span.start])
            pieces.append(self._replacement(text, span))
            cursor = span.end
        pieces.append(text[cursor:])
        lifted = "".join(pieces)
        return (self._neutralise(lifted) if self.guards else lifted).split("\n")

    def _replacement(self, text: str, span: Span) -> str:
        stash = self.md.htmlStash.store
        if span.kind == "fence":
            block = text[span.start : span.end]
            indent, language, code = split_fence(block)
            highlighted = line_blocks(highlight_code(code, language))
            self.trusted.append(highlighted)
            return f"\n{indent}{stash(highlighted)}\n"  # a block of its own
        if span.kind in ("math-inline", "math-display"):
            return stash(mathjax(math_body(text, span), display=span.kind == "math-display"))
        return stash("$")  # an escaped or a lone dollar sign is a literal one

    def _neutralise(self, text: str) -> str:
        """Hand Markdown, as literals it need not parse, what it would otherwise rescan the text for, in one pass.

        A `<` that opens no tag and a `[` that opens no link become the characters they stand for. Inline tags,
        entities and backslash escapes outside code spans become what Markdown would have output for them: it
        handles each by rebuilding the paragraph, so ten thousand of them cost ten thousand paragraphs.
        """
        if not _SPECIAL_INLINE.search(text):
            return text
        replacements = _literals(text, self.md)
        if not replacements:
            return text
        pieces: list[str] = []
        cursor = 0
        index = 0
        while index < len(replacements):
            start, end, html_text = replacements[index]
            run = [html_text]
            index += 1
            while index < len(replacements) and replacements[index][0] == end:  # one stash entry for a run
                end = replacements[index][1]
                run.append(replacements[index][2])
                index += 1
            pieces += [text[cursor:start], self.md.htmlStash.store("".join(run))]
            cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces)


def _literals(text: str, md: markdown.Markdown) -> list[tuple[int, int, str]]:
    """(start, end, the HTML Markdown would print) for each stretch of `text` Markdown need not parse, in order."""
    literal_brackets = _literal_brackets(text)
    # NOTE: after an HTML comment, Python-Markdown's raw-HTML block parser reads a later `<` of its own accord
    # (`<!-- c --><word<br/>`): there it decides. The field cap bounds what the parser's rescans can cost.
    stray = _stray_angles(text) if "<!--" not in text else set()
    # NOTE: tags, entities and escapes are only taken where there is no code and no block of raw HTML: inside code
    # (a code span, whose backslash rules are Python-Markdown's own, or an indented block) all of them are code, and
    # inside a raw HTML block all of them stay as written.
    plain = "`" not in text and not _INDENTED.search(text) and _raw_html_block(md).search(text) is None
    escapable = set(md.ESCAPED_CHARS) - {"'", '"'}
    references = _REFERENCE_DEFINITION.search(text) is not None
    found: list[tuple[int, int, str]] = []
    reached = 0
    for match in _SPECIAL_INLINE.finditer(text):
        start = match.start()
        if start < reached:
            continue
        literal = _literal_at(text, start, not plain, references, literal_brackets, stray, escapable, md)
        if literal is not None:
            found.append(literal)
            reached = literal[1]
    return found


def _literal_at(
    text: str,
    start: int,
    maybe_code: bool,
    references: bool,
    literal_brackets: set[int],
    stray: set[int],
    escapable: set[str],
    md: markdown.Markdown,
) -> tuple[int, int, str] | None:
    char = text[start]
    if char == "[":
        return (start, start + 1, "[") if start in literal_brackets else None
    if char == "<" and start in stray:
        # NOTE: Markdown's own inline-tag pattern is looser than a complete tag (`<snake_case**b**>`); where it
        # matches, Markdown keeps the text between as written, so it decides. It never matches a `<` left open.
        return None if _MARKDOWN_TAG.match(text, start) else (start, start + 1, "&lt;")
    if maybe_code:
        return None  # the two above print the same inside a code span and out of it; these would not
    if char == "<":
        tag = _COMPLETE_TAG.match(text, start)
        if tag is None or not _MARKDOWN_TAG.fullmatch(tag.group(0)) or "\n" in tag.group(0):
            return None  # NOTE: a tag across lines may be cut by a block (`<b\n> c` is a quote): Markdown decides
        name = _TAG_NAME.match(tag.group(0))
        if name is None or md.is_block_level(name.group(1).lower()):
            return None  # a block of raw HTML is Markdown's own business
        return start, tag.end(), tag.group(0)
    if char == "&":
        entity = _ENTITY.match(text, start)
        return (start, entity.end(), entity.group(0)) if entity else None
    following = text[start + 1 : start + 2]
    if references and following in ("[", "]"):
        return None  # `\[` keeps a reference definition's label from spanning it (`[a \[b]: u`): Markdown decides
    if following in escapable:
        return start, start + 2, html.escape(following, quote=False)
    return None


@lru_cache(maxsize=1)
def _raw_html_block(md: markdown.Markdown) -> re.Pattern[str]:
    names = "|".join(sorted(md.block_level_elements, key=len, reverse=True))
    return re.compile(rf"<(?:!|/?(?:{names})(?![A-Za-z0-9-]))", re.IGNORECASE)


def _stray_angles(text: str) -> set[int]:
    """Offsets of the `<` that start no complete tag, comment or autolink."""
    if "<" not in text:
        return set()
    return {position for position in stray_angles(text) if not _AUTOLINK.match(text, position)}


def _literal_brackets(text: str) -> set[int]:
    """Offsets of the `[` that cannot start a link or image, so Markdown need not look for one."""
    if "[" not in text:
        return set()
    bracket_close: dict[int, int] = {}
    paren_close: dict[int, int] = {}
    depth_of: dict[int, int] = {}
    brackets: list[int] = []
    parens: list[int] = []
    for match in _BRACKET_OR_PAREN.finditer(text):
        char = match.group(0)
        start = match.start()
        if char == "[":
            depth_of[start] = len(brackets)
            brackets.append(start)
        elif char == "]" and brackets:
            bracket_close[brackets.pop()] = start
        elif char == "(":
            parens.append(start)
        elif char == ")" and parens:
            paren_close[parens.pop()] = start
    references = _REFERENCE_DEFINITION.search(text) is not None
    literal: set[int] = set()
    for start, depth in depth_of.items():
        close = bracket_close.get(start)
        if (
            close is None
            or depth > _MAX_LINK_NESTING
            or not (references or _opens_destination(text, close + 1, paren_close))
        ):
            literal.add(start)
    return literal


def _opens_destination(text: str, position: int, paren_close: dict[int, int]) -> bool:
    """Whether `](` or `][` at `position` starts a link destination Markdown can read without rescanning."""
    following = text[position : position + 2]
    if following.startswith("[") or following == " [":
        return True
    if not following.startswith("("):
        return False
    close = paren_close.get(position)
    if close is None:
        return False
    inside = text[position + 1 : close]
    # NOTE: a quote makes Markdown read a title, and an unfinished title sends it to the end of the text.
    return ('"' not in inside and "'" not in inside) or _TITLED_DESTINATION.fullmatch(inside) is not None


class CardExtension(markdown.Extension):
    """The card preprocessor; without `guards`, Python-Markdown as it is, which the tests compare against."""

    def __init__(self, trusted: list[str], guards: bool = True) -> None:
        super().__init__()
        self.trusted = trusted
        self.guards = guards

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.preprocessors.register(_StashPreprocessor(md, self.trusted, self.guards), "card-stash", 25)


@lru_cache(maxsize=1)
def _markdown() -> tuple[markdown.Markdown, list[str]]:
    """The converter, and the list its preprocessor fills with the highlighted blocks of each conversion."""
    trusted: list[str] = []
    converter = markdown.Markdown(extensions=[*EXTENSIONS, CardExtension(trusted)], output_format="html")
    return converter, trusted


def convert(text: str) -> Sanitized:
    """The card HTML for `text`, sanitized, and what the sanitizer left out."""
    converter, trusted = _markdown()
    converter.reset()
    trusted.clear()
    output = str(converter.convert(text)).strip()
    if _PLACEHOLDER in output or _PLACEHOLDER_END in output:
        return _unrenderable(output)
    blocks = list(trusted)
    if not blocks:
        cleaned = sanitize(output)
        return Sanitized(_wrap_tables(cleaned.html), cleaned.violations)
    # NOTE: each block is replaced by a token that the sanitizer copies as text, then put back. The token carries a
    # hash of the text, so an author cannot write one.
    nonce = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    pieces: list[str] = []
    cursor = 0
    for index, block in enumerate(blocks):
        found = output.find(block, cursor)
        if found != -1:
            pieces += [output[cursor:found], f"\ue000{nonce}:{index}\ue001"]
            cursor = found + len(block)
    pieces.append(output[cursor:])
    cleaned = sanitize("".join(pieces))
    token = re.compile(f"\ue000{nonce}:(\\d+)\ue001")
    restored = token.sub(lambda match: blocks[int(match.group(1))], cleaned.html)
    return Sanitized(_wrap_tables(restored), cleaned.violations)


# NOTE: Python-Markdown stands its own placeholders in for inline HTML and entities while it pairs emphasis; some
# runs of `*` (`*a**b*&amp;`) make it lose one, and the placeholder, with its control characters, reaches the output.
_PLACEHOLDER, _PLACEHOLDER_END = markdown.util.STX, markdown.util.ETX


def _unrenderable(output: str) -> Sanitized:
    """Text Python-Markdown rendered with one of its placeholders left in: refused, located at the first `*` or `_`."""
    violation = Violation(
        "markdown-failure",
        "Python-Markdown cannot render this text: its emphasis markers do not pair, and a placeholder would show "
        "on the card; escape the stray `*` or `_` as `\\*` or `\\_`",
        ("*", "_"),
    )
    cleaned = sanitize(output.replace(_PLACEHOLDER, "").replace(_PLACEHOLDER_END, ""))
    return Sanitized(_wrap_tables(cleaned.html), (*cleaned.violations, violation))


def _wrap_tables(rendered: str) -> str:
    """Each table in a box of its own that scrolls sideways on a narrow screen, so the page never does."""
    if "<table>" not in rendered:
        return rendered
    return rendered.replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
