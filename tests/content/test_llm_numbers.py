"""Every worked figure on the LLM cards (part 8 of the syllabus), recomputed from its inputs.

A card that shows arithmetic (KV-cache bytes, parameter and FLOP counts, LoRA and quantization savings, speculative
decoding's expected tokens) must show the figure this file computes, written as the test formats it. So a typo on a
card, or an input changed without its result, fails here; each test names the card by id and reads it from the
compiled tree, the text a reviewer sees.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache

from conftest import PROJECT_ROOT

from generator import Options, compile_tree

KIB = 2**10
MIB = 2**20
GIB = 2**30


@cache
def _texts() -> dict[str, str]:
    compiled = compile_tree(PROJECT_ROOT / "content", Options(run_solutions=False))
    return {card.id: " ".join(field.value for field in card.fields.values()) for card in compiled.cards}


def card_text(card_id: str) -> str:
    """The card's fields as one string, with MathJax's `{,}` thousands separator read as a comma."""
    text = _texts().get(card_id)
    assert text is not None, f"no card with id {card_id!r}"
    return re.sub(r"\s+", " ", text.replace("{,}", ","))


def shows(card_id: str, *figures: str) -> None:
    text = card_text(card_id)
    missing = [figure for figure in figures if figure not in text]
    assert not missing, f"{card_id} does not show {missing}"


def grouped(value: float) -> str:
    """An integer with thousands separators, as the cards write exact counts: 524,288."""
    assert value == int(value), value
    return f"{int(value):,}"


def sig(value: float, digits: int = 3) -> str:
    """A value rounded to `digits` significant figures, without trailing zeros after the point."""
    text = f"{value:.{digits}g}"
    return text if "e" not in text else f"{float(text):.{max(digits - 1, 0)}e}"


def fixed(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


# 8.1 Language-model foundations


def _bpe_merges(word_counts: dict[str, int], merges: int) -> list[tuple[str, str, int]]:
    """Plain BPE on a word-frequency table: the merged pair and its count, in order."""
    words = {tuple(word): count for word, count in word_counts.items()}
    learned = []
    for _ in range(merges):
        pairs: Counter[tuple[str, str]] = Counter()
        for symbols, count in words.items():
            for pair in itertools.pairwise(symbols):
                pairs[pair] += count
        (left, right), count = max(pairs.items(), key=lambda item: item[1])
        learned.append((left, right, count))
        merged = {}
        for symbols, word_count in words.items():
            out: list[str] = []
            i = 0
            while i < len(symbols):
                if symbols[i : i + 2] == (left, right):
                    out.append(left + right)
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] = word_count
        words = merged
    return learned


def test_bpe_worked_example() -> None:
    corpus = {"tea": 4, "ten": 3, "tent": 2, "net": 1}
    (first_l, first_r, first_n), (second_l, second_r, second_n) = _bpe_merges(corpus, 2)
    assert (first_l + first_r, second_l + second_r) == ("te", "ten")
    assert (first_n, second_n) == (9, 5)
    shows("mlc-bpe-worked-example", "$4 + 3 + 2 = 9$", "$3 + 2 = 5$", "(4)", "is 5")


def test_position_interpolation_scale() -> None:
    trained, extended, position = 2048, 32768, 30_000
    assert extended // trained == 16
    interpolated = position * trained / extended
    shows("mlc-position-interpolation", "$2048/32768 = 1/16$", grouped(position), grouped(interpolated))


def test_alibi_slopes_for_eight_heads() -> None:
    slopes = [2 ** (-8 * head / 8) for head in range(1, 9)]
    assert slopes[0] == 1 / 2 and slopes[-1] == 1 / 256
    shows("mlc-alibi", "1/2, 1/4, …, 1/256")
