"""Python-Markdown with the card extension: it renders whatever the fast path in `markup.py` does not take.

It lives apart so that a build that renders nothing new (a warm rebuild) never imports Python-Markdown.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
from markdown.preprocessors import Preprocessor

from .highlight import highlight_code, line_blocks
from .markup import Span, math_body, mathjax, scan, split_fence


class _StashPreprocessor(Preprocessor):
    """Lift fenced code and math out of the text before Markdown sees it, as raw-HTML placeholders."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        pieces: list[str] = []
        cursor = 0
        for span in scan(text):
            if span.kind != "code":  # inline code spans stay with Markdown
                pieces.append(text[cursor : span.start])
                pieces.append(self._replacement(text, span))
                cursor = span.end
        pieces.append(text[cursor:])
        return "".join(pieces).split("\n")

    def _replacement(self, text: str, span: Span) -> str:
        stash = self.md.htmlStash.store
        if span.kind == "fence":
            block = text[span.start : span.end]
            indent, language, code = split_fence(block)
            return f"\n{indent}{stash(line_blocks(highlight_code(code, language)))}\n"  # a block of its own
        if span.kind in ("math-inline", "math-display"):
            return stash(mathjax(math_body(text, span), display=span.kind == "math-display"))
        return stash("$")  # an escaped or a lone dollar sign is a literal one


class _CardExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.preprocessors.register(_StashPreprocessor(md), "card-stash", 25)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", _CardExtension()], output_format="html")


def convert(text: str) -> str:
    converter = _markdown()
    converter.reset()
    return _wrap_tables(str(converter.convert(text)).strip())


def _wrap_tables(rendered: str) -> str:
    """Each table in a box of its own that scrolls sideways on a narrow screen, so the page never does."""
    if "<table>" not in rendered:
        return rendered
    return rendered.replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
