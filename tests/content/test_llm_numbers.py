"""Every worked figure on the LLM cards (part 8 of the syllabus), recomputed from its inputs.

A card that shows arithmetic (KV-cache bytes, parameter and FLOP counts, LoRA and quantization savings, speculative
decoding's expected tokens) must show the figure this file computes, written as the test formats it. So a typo on a
card, or an input changed without its result, fails here; each test names the card by id and reads it from the
compiled tree, the text a reviewer sees.
"""

from __future__ import annotations

import itertools
import math
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


def test_kaplan_doubling() -> None:
    factor = 2**-0.076
    shows("mlc-kaplan-doubling", f"\\approx {factor:.4f}", f"about {(1 - factor) * 100:.1f}% lower")


def test_chinchilla_and_gopher_compute() -> None:
    chinchilla = 6 * 70e9 * 1.4e12
    gopher = 6 * 280e9 * 300e9
    shows(
        "mlc-chinchilla-vs-gopher-flops",
        f"= {chinchilla / 1e23:.2f} \\times 10^{{23}}$",
        f"= {gopher / 1e23:.2f} \\times 10^{{23}}$",
        f"a quarter of the parameters and {1.4e12 / 300e9:.1f} times the tokens",
    )
    assert 70e9 / 280e9 == 1 / 4
    assert 1.4e12 / 70e9 == 20  # the rule-of-thumb card's 20 tokens per parameter
    shows("mlc-chinchilla-tokens-per-param", "{{c1::20}}", "{{c2::70B}}", "{{c3::1.4T}}")


def test_chinchilla_optimal_allocation() -> None:
    compute = 1e24
    params = math.sqrt(compute / 120)
    tokens = 20 * params
    assert math.isclose(6 * params * tokens, compute)
    shows(
        "mlc-chinchilla-optimal-worked",
        "$C = 120N^2$",
        f"\\approx {params / 1e10:.2f} \\times 10^{{10}}$, about {params / 1e9:.0f}B",
        f"\\approx {tokens / 1e12:.2f} \\times 10^{{12}}$, about {tokens / 1e12:.1f}T",
    )


def test_llama_tokens_per_parameter() -> None:
    shows("mlc-overtraining-for-inference", "after 1T tokens", f"about {1e12 / 7e9:.0f} tokens per parameter")


def test_gpt3_parameter_count() -> None:
    layers, width, vocab, context = 96, 12_288, 50_257, 2_048
    blocks, tokens, positions = 12 * layers * width**2, vocab * width, context * width
    shows(
        "mlc-gpt3-param-count",
        f"= {grouped(blocks)}$",
        f"= {grouped(tokens)}$",
        f"= {grouped(positions)}$",
        f"about ${(blocks + tokens + positions) / 1e9:.1f}$ billion",
    )


def test_llama2_7b_parameter_count() -> None:
    layers, width, ffn, vocab = 32, 4_096, 11_008, 32_000
    attention, mlp = 4 * width**2, 3 * width * ffn
    embeddings, norms = 2 * vocab * width, (2 * layers + 1) * width
    total = layers * (attention + mlp) + embeddings + norms
    assert total == 6_738_415_616  # the published parameter count of Llama-2-7B
    shows(
        "mlc-llama2-7b-param-count",
        f"$4d^2 = {grouped(attention)}$",
        f"= {grouped(mlp)}$",
        f"$32 \\times {grouped(attention + mlp)} = {grouped(layers * (attention + mlp))}$",
        f"= {grouped(embeddings)}$",
        f"RMSNorm weights ${grouped(norms)}$",
        f"Total ${grouped(total)}$",
        f"{total / 1e9:.2f}B parameters",
    )


def test_gpt3_training_flops_and_time() -> None:
    flops = 6 * 175e9 * 300e9
    shows("mlc-gpt3-training-flops", f"= {flops / 1e23:.2f} \\times 10^{{23}}$")
    rate = 1_024 * 312e12 * 0.4
    seconds = flops / rate
    shows(
        "mlc-training-time-estimate",
        f"= {rate / 1e17:.2f} \\times 10^{{17}}$ FLOP/s",
        f"\\approx {seconds / 1e6:.2f} \\times 10^6$ s, about {seconds / 86_400:.1f} days",
    )


def test_inference_flops_per_token() -> None:
    shows("mlc-inference-flops-2n", f"${2 * 7e9 / 1e10:.1f} \\times 10^{{10}}$ FLOPs ({2 * 7e9 / 1e9:.0f} GFLOPs)")


def test_attention_share_of_compute() -> None:
    width, context = 4_096, 4_096
    assert 2 * 12 * width**2 == 24 * width**2
    shows(
        "mlc-attention-flops-share",
        f"it is {context / (12 * width) * 100:.1f}% at {grouped(context)} tokens",
        f"at {grouped(12 * width)} tokens",
    )


def test_switch_loss_at_uniform_routing() -> None:
    experts, alpha = 8, 0.01
    uniform = alpha * experts * sum((1 / experts) * (1 / experts) for _ in range(experts))
    assert math.isclose(uniform, alpha)
    shows("mlc-switch-aux-loss", "$\\alpha N \\cdot N \\cdot (1/N)^2 = \\alpha$", "$\\alpha = 10^{-2}$")


def test_expert_capacity() -> None:
    shows("mlc-moe-expert-capacity", f"$= 4,096 / 64 \\times 1.25 = {grouped(4_096 / 64 * 1.25)}$ tokens")


def test_mixtral_parameter_count() -> None:
    layers, width, ffn, experts, active, kv_width, vocab = 32, 4_096, 14_336, 8, 2, 8 * 128, 32_000
    expert = 3 * width * ffn
    attention = 2 * width**2 + 2 * width * kv_width
    rest = 2 * vocab * width + layers * width * experts + (2 * layers + 1) * width  # embeddings, router, norms
    total = expert * experts * layers + attention * layers + rest
    shows(
        "mlc-mixtral-param-count",
        f"= {grouped(expert)}$",
        f"\\times 8 \\times 32 = {grouped(expert * experts * layers)}$",
        f"= {grouped(attention)}$ per layer; ${grouped(attention * layers)}$",
        f"${grouped(rest)}$",
        f"Total ${grouped(total)}$",
        f"${grouped(expert * active * layers + attention * layers + rest)}$ active",
    )
    assert round(total / 1e9) == 47 and round((total - expert * (experts - active) * layers) / 1e9) == 13


# 8.2 Adaptation and alignment

LLAMA2_7B_PARAMS = 6_738_415_616


def test_reward_model_comparisons_per_prompt() -> None:
    shows("mlc-reward-model-rankings", f"{math.comb(4, 2)} for $K = 4$", f"{math.comb(9, 2)} for $K = 9$")


def test_lora_versus_full_finetuning_memory() -> None:
    full = 16 * LLAMA2_7B_PARAMS
    lora = 32 * 2 * (2 * 4_096 * 8)
    shows(
        "mlc-lora-memory-worked",
        f"$16 \\times {grouped(LLAMA2_7B_PARAMS)} \\approx {full / 1e9:.1f}$ GB",
        f"= {grouped(lora)}$ trainable",
        f"({lora / LLAMA2_7B_PARAMS * 100:.2f}%)",
        f"about {16 * lora / 1e6:.1f} MB",
        f"{2 * LLAMA2_7B_PARAMS / 1e9:.1f} GB of frozen fp16 weights",
    )


def test_lora_budget_on_gpt3() -> None:
    one_type_rank_8 = 96 * 2 * 12_288 * 8
    two_types_rank_4 = 96 * 2 * (2 * 12_288 * 4)
    assert one_type_rank_8 == two_types_rank_4
    shows("mlc-lora-gpt3-budget", f"= {grouped(one_type_rank_8)}$", f"About {one_type_rank_8 / 1e6:.1f}M")


def test_qlora_double_quantization() -> None:
    single = 32 / 64
    double = 8 / 64 + 32 / (64 * 256)
    saved = single - double
    shows(
        "mlc-qlora-double-quant",
        f"$32/64 = {single}$",
        f"\\approx {double:.3f}$ bits",
        f"about {saved:.3f} bits",
        f"about {65e9 * saved / 8 / 1e9:.0f} GB on a 65B model",
    )


def test_qlora_65b_fits_one_gpu() -> None:
    params = 65e9
    nf4, constants, fp16 = params * 4 / 8, params * (8 / 64 + 32 / (64 * 256)) / 8, params * 2
    assert nf4 + constants < 48e9
    shows(
        "mlc-qlora-65b-memory",
        f"$= {nf4 / 1e9:.1f}$ GB",
        f"about {constants / 1e9:.1f} GB",
        f"take {fp16 / 1e9:.0f} GB",
    )
