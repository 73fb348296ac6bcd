"""A synthetic card tree of any size, for benchmarks: a fifth of the cards carry code, a fifth carry math.

The same cards are written in this project's format and in ankdown's, so both tools build the same notes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

CARDS_PER_FILE = 100
_WORD_LIST = (
    "latency throughput replica shard index cache queue leader follower quorum partition stream batch model "
    "feature label gradient loss metric ranking retrieval embedding vector heap graph tree array window pointer"
)
WORDS = _WORD_LIST.split()

CODE = """```python
def window_{n}(values: list[int], k: int) -> int:
    best = total = sum(values[:k])
    for i in range(k, len(values)):
        total += values[i] - values[i - k]
        best = max(best, total)
    return best
```"""

MATH = (
    "$$\\mathrm{{NDCG}}@{n} = \\frac{{1}}{{Z}} \\sum_{{i=1}}^{{k}} \\frac{{2^{{r_i}} - 1}}{{\\log_2(i + 1)}}$$"
    " and $x_{n}^2$"
)


@dataclass(frozen=True)
class SyntheticCard:
    id: str
    question: str
    answer: str


def cards(count: int, seed: int = 7) -> list[SyntheticCard]:
    rng = random.Random(seed)
    result = []
    for n in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45)))
        question = f"What does the {rng.choice(WORDS)} {rng.choice(WORDS)} do in case {n}?"
        answer = f"The **{rng.choice(WORDS)}** part: {words}, with `{rng.choice(WORDS)}()`."
        if n % 5 == 1:
            answer += "\n\n" + CODE.format(n=n)
        elif n % 5 == 2:
            answer += "\n\n" + MATH.format(n=n)
        result.append(SyntheticCard(f"syn-{n:05d}", question, answer))
    return result


def write_tree(root: Path, count: int) -> list[SyntheticCard]:
    """Our format: category folders, files of 100 cards."""
    all_cards = cards(count)
    (root / "tree.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "tree.yaml").write_text("name: Synthetic\npackage: synthetic\nnamespace: synthetic\n")
    categories = ("algorithms", "system-design", "ml-concepts", "ml-design")
    for start in range(0, count, CARDS_PER_FILE):
        chunk = all_cards[start : start + CARDS_PER_FILE]
        path = root / categories[(start // CARDS_PER_FILE) % 4] / f"topic-{start // CARDS_PER_FILE:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "---\nsource: Synthetic benchmark source\n---\n\n" + "\n\n".join(
            f"## {card.question} {{#{card.id}}}\n\n{card.answer}" for card in chunk
        )
        path.write_text(body + "\n", encoding="utf-8")
    return all_cards


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"\$(.+?)\$")


def ankdown_math(text: str) -> str:
    """`$$…$$` and `$…$` as ankdown expects them by default: `\\[…\\]` and `\\(…\\)`.

    ankdown (misaka's `math` extension) turns `$$…$$` into `\\(…\\)` inside a paragraph and leaves a single `$…$`
    as text, so `$x_1^2$` would reach Anki unconverted. Its `dollar: True` option would convert them, but it is set
    only through `--config`, which calls `yaml.load` without a Loader and fails on PyYAML 6. Writing the TeX brackets
    is ankdown's documented input, and gives the same notes.
    """
    text = _DISPLAY_MATH.sub(lambda match: f"\\[{match.group(1)}\\]", text)
    return _INLINE_MATH.sub(lambda match: f"\\({match.group(1)}\\)", text)


def write_ankdown_tree(root: Path, count: int) -> None:
    """ankdown's format: question, a `%` line, the answer, a `---` line between cards (checked in ankdown 0.7.1's
    `produce_cards`: a line that strips to `%` ends a field, one that strips to `---` ends a card)."""
    all_cards = cards(count)
    for start in range(0, count, CARDS_PER_FILE):
        chunk = all_cards[start : start + CARDS_PER_FILE]
        path = root / f"topic-{start // CARDS_PER_FILE:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "\n\n---\n\n".join(f"{card.question}\n\n%\n\n{ankdown_math(card.answer)}" for card in chunk) + "\n",
            encoding="utf-8",
        )
