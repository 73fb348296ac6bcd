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
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
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


# 8.3 Inference and serving


def kv_bytes_per_token(layers: int, kv_heads: int, head_dim: int, bytes_per_value: int = 2) -> int:
    return 2 * layers * kv_heads * head_dim * bytes_per_value


def test_existing_kv_cache_example() -> None:
    per_token = kv_bytes_per_token(32, 32, 128)
    assert per_token == MIB // 2 and per_token * 4_096 == 2 * GIB
    shows("mlc-kv-cache-example", "$= 524,288$ bytes $= 0.5$ MiB per token", "needs 2 GiB")


def test_gqa_kv_cache_of_llama2_70b() -> None:
    gqa, mha = kv_bytes_per_token(80, 8, 128), kv_bytes_per_token(80, 64, 128)
    shows(
        "mlc-kv-cache-gqa-70b",
        f"$2 \\times 80 \\times 8 \\times 128 \\times 2 = {grouped(gqa)}$ bytes $= {gqa // KIB}$ KiB",
        f"needs {gqa * 4_096 / GIB:.2f} GiB",
        f"it would be {mha / MIB:.1f} MiB per token and {mha * 4_096 / GIB:.0f} GiB per sequence",
        f"cut the cache {mha // gqa}×",
    )


def test_sequences_that_fit_beside_llama2_7b() -> None:
    weights = 2 * LLAMA2_7B_PARAMS
    per_sequence = kv_bytes_per_token(32, 32, 128) * 4_096
    free = 80e9 - weights
    shows(
        "mlc-kv-cache-batch-capacity",
        f"$2 \\times 6.74 \\times 10^9 \\approx {weights / 1e9:.1f}$ GB, leaving about {free / 1e9:.1f} GB",
        f"$= {per_sequence // GIB}$ GiB $\\approx {per_sequence / 1e9:.2f}$ GB",
        f"so about {int(free // per_sequence)} sequences",
    )


def test_kv_cache_equals_weights() -> None:
    weights, per_token = 2 * LLAMA2_7B_PARAMS, kv_bytes_per_token(32, 32, 128)
    tokens = weights / per_token
    shows(
        "mlc-kv-cache-vs-weights",
        f"${grouped(weights)}$ bytes",
        f"${grouped(per_token)}$ bytes per token",
        f"about {grouped(round(tokens))} tokens",
        f"roughly {NUMBER_WORDS[round(tokens / 4_096)]} 4,096-token sequences",
    )


def test_mistral_sliding_window_cache() -> None:
    per_token = kv_bytes_per_token(32, 8, 128)
    shows(
        "mlc-sliding-window-kv",
        f"$2 \\times 32 \\times 8 \\times 128 \\times 2 = {grouped(per_token)}$ bytes $= {per_token // KIB}$ KiB",
        f"stops growing at {per_token * 4_096 // MIB} MiB",
    )


def test_absmax_int8_scale() -> None:
    assert 2 ** (8 - 1) - 1 == 127
    shows("mlc-affine-quantization", "$\\max|x| / 127$")


def test_group_quantization_overhead() -> None:
    with_scale, with_zero = 4 + 16 / 128, 4 + 32 / 128
    shows(
        "mlc-group-quant-overhead",
        f"$4 + 16/128 = {with_scale}$",
        f"(${with_zero}$ with",
        f"$70 \\times 10^9 \\times {with_scale} / 8 \\approx {70e9 * with_scale / 8 / 1e9:.1f}$ GB",
        f"against {70e9 * 2 / 1e9:.0f} GB in fp16",
    )


def test_int8_and_int4_sizes_of_a_70b_model() -> None:
    sizes = [70e9 * bits / 8 / 1e9 for bits in (16, 8, 4)]
    shows("mlc-int8-vs-int4", "{:.0f} GB in fp16, {:.0f} GB in int8 and {:.0f} GB in int4".format(*sizes))


def test_int8_tensor_cores_double_fp16() -> None:
    assert 624 / 312 == 2
    shows("mlc-weight-only-vs-activation-quant", "twice fp16's peak", "624 int8 TOPS vs 312 fp16 TFLOPS")


def expected_tokens(alpha: float, drafted: int) -> float:
    return (1 - alpha ** (drafted + 1)) / (1 - alpha)


def test_speculative_expected_tokens() -> None:
    tokens = expected_tokens(0.8, 4)
    assert math.isclose(tokens, 1 + 0.8 + 0.8**2 + 0.8**3 + 0.8**4)  # the accepted prefix plus one target token
    shows(
        "mlc-speculative-expected-tokens",
        f"{{{{c2::{tokens:.2f}}}}}",
        f"$(1 - 0.8^5)/(1 - 0.8) = (1 - {0.8**5:.5f})/0.2 = {tokens:.4f}$",
    )


def test_speculative_speedups() -> None:
    tokens = expected_tokens(0.8, 4)
    cheap, heavy = 4 * 0.05 + 1, 4 * 0.25 + 1
    shows(
        "mlc-speculative-speedup",
        f"${tokens:.4f} / {cheap:g} \\approx {tokens / cheap:.2f}\\times$",
        f"${tokens:.4f} / {heavy:g} \\approx {tokens / heavy:.2f}\\times$",
    )


def test_paged_attention_block_size() -> None:
    per_token = kv_bytes_per_token(32, 32, 128)
    shows("mlc-paged-attention-numbers", f"$16 \\times 0.5$ MiB $= {16 * per_token // MIB}$ MiB")


def test_attention_matrix_memory() -> None:
    per_head = 8_192**2 * 2
    shows(
        "mlc-attention-matrix-memory",
        f"$8,192^2 \\times 2$ bytes $= {per_head // MIB}$ MiB per head",
        f"$32 \\times {per_head // MIB}$ MiB $= {32 * per_head // GIB}$ GiB",
    )


def test_end_to_end_latency() -> None:
    ttft, tpot, tokens = 0.2, 0.025, 500
    latency = ttft + (tokens - 1) * tpot
    shows(
        "mlc-e2e-latency-worked",
        f"$0.2 + 499 \\times 0.025 = {latency:.3f}$ s, about {latency:.1f} s",
        f"saves over {int((tokens - 1) * tpot / 2)} s",
        f"only {ttft / 2:.1f} s",
    )


A100_BANDWIDTH = 2.039e12
A100_BF16 = 312e12


def test_decode_floor_at_batch_one() -> None:
    weights = 2 * LLAMA2_7B_PARAMS
    step = weights / A100_BANDWIDTH
    int4 = LLAMA2_7B_PARAMS * 0.5
    shows(
        "mlc-decode-bandwidth-bound",
        f"${weights / 1e9:.2f} \\times 10^9$ bytes",
        f"\\approx {step * 1e3:.1f}$ ms",
        f"about {1 / step:.0f} tokens per second",
        f"(about {int4 / 1e9:.1f} GB)",
        f"about {int4 / A100_BANDWIDTH * 1e3:.1f} ms",
    )


def test_decode_batch_where_compute_binds() -> None:
    shows(
        "mlc-decode-batch-compute-bound",
        f"\\approx {A100_BF16 / A100_BANDWIDTH:.0f}$",
        f"$B \\approx {A100_BF16 / A100_BANDWIDTH:.0f}$",
    )


def test_prefill_time() -> None:
    flops = 2 * LLAMA2_7B_PARAMS * 2_000
    shows(
        "mlc-prefill-ttft-worked",
        f"\\approx {flops / 1e13:.2f} \\times 10^{{13}}$ FLOPs",
        f"about {flops / (0.5 * A100_BF16):.2f} s",
    )


def test_three_d_parallelism() -> None:
    gpus, sustained = 8 * 64 * 6, 502e15
    per_gpu = sustained / gpus
    shows(
        "mlc-3d-parallelism",
        f"$= {grouped(gpus)}$ A100",
        f"about {per_gpu / 1e12:.0f} TFLOP/s per GPU",
        f"{per_gpu / A100_BF16 * 100:.0f}% of the A100's 312",
    )


def test_pipeline_bubble() -> None:
    stages, micro_batches, chunks = 8, 32, 4
    shows(
        "mlc-pipeline-bubble-worked",
        f"$(p - 1)/m = 7/32 \\approx {(stages - 1) / micro_batches * 100:.1f}\\%$",
        f"$(p - 1)/(vm) = 7/128 \\approx {(stages - 1) / (chunks * micro_batches) * 100:.1f}\\%$",
    )


def test_tensor_parallel_degree_for_llama2_70b() -> None:
    layers, width, kv_width, ffn, vocab = 80, 8_192, 8 * 128, 28_672, 32_000
    params = layers * (2 * width**2 + 2 * width * kv_width + 3 * width * ffn) + 2 * vocab * width
    params += (2 * layers + 1) * width
    weights = 2 * params
    shows(
        "mlc-tp-degree-70b",
        f"{grouped(params)} parameters",
        f"$2 \\times {params / 1e9:.2f} \\times 10^9 \\approx {weights / 1e9:.1f}$ GB",
        f"each GPU holds {weights / 2 / 1e9:.1f} GB, leaving about {80 - weights / 2 / 1e9:.0f} GB",
        f"with 4, {weights / 4 / 1e9:.1f} GB each, leaving about {80 - weights / 4 / 1e9:.0f} GB",
    )


# Figures on the earlier LLM and training-at-scale cards that part 8 builds on


def test_lora_saving_on_one_matrix() -> None:
    rank, rows, cols = 8, 4_096, 4_096
    trainable, full = rank * (rows + cols), rows * cols
    shows(
        "mlc-lora-param-example",
        f"$r(d + k) = 8 \\times {rows + cols} = {grouped(trainable)}$",
        f"$4096^2 \\approx {full / 1e6:.1f}$M",
        f"a {full // trainable}× reduction",
    )


def test_bytes_per_parameter_of_mixed_precision_adam() -> None:
    per_param = 2 + 2 + 3 * 4
    shows("mlc-zero-memory", f"About {per_param} bytes", f"about {per_param * 7.5e9 / 1e9:.0f} GB")


def test_transformer_layer_parameters() -> None:
    width = 1  # in units of d squared
    attention, mlp = 4 * width, 2 * 4 * width
    shows("mlc-transformer-layer-params", f"About ${attention + mlp}d^2$", f"${attention}d^2$", f"${mlp}d^2$")
