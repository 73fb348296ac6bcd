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
    # LLaMA "7B" has 6.7B parameters (Touvron et al. 2023, Table 2), not the name's 7B.
    shows("mlc-overtraining-for-inference", "after 1T tokens", f"about {1e12 / 6.7e9:.0f} tokens per parameter")


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


def attention_flops(context: int, width: int) -> int:
    """FLOPs for one token attending over `context` cached tokens in a layer: q.k per key, then the sum of values."""
    scores, weighted_values = 2 * context * width, 2 * context * width
    return scores + weighted_values


def test_attention_share_of_compute() -> None:
    width, context = 4_096, 4_096
    weights = 2 * 12 * width**2  # a multiply and an add for each of the layer's 12 d^2 weights
    break_even = next(n for n in itertools.count(1) if attention_flops(n, width) >= weights)
    assert math.isclose(attention_flops(context, width) / weights, context / (6 * width))
    shows(
        "mlc-attention-flops-share",
        "$2 \\times 12d^2 = 24d^2$",
        "$4 n_{\\text{ctx}} d$",
        f"it is {attention_flops(context, width) / weights * 100:.1f}% at {grouped(context)} tokens",
        f"at {grouped(break_even)} tokens",
    )
    shows("mlc-inference-flops-2n", "$4 n_{\\text{layer}} n_{\\text{ctx}} d$")


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


# 8.4 Retrieval, grounding and agents


def test_sentence_bert_pair_count() -> None:
    pairs = math.comb(10_000, 2)
    assert pairs == 10_000 * 9_999 // 2
    shows("mlc-sbert-why", f"$\\binom{{10,000}}{{2}} = {grouped(pairs)}$", "(10,000 passes)")


def test_dpr_in_batch_negatives() -> None:
    questions = 128
    passages = 2 * questions  # each question brings its gold passage and one BM25 negative
    shows(
        "mlc-dpr-batch-negatives",
        f"$2 \\times 128 = {passages}$",
        f"1 positive and {passages - 1} negatives",
        f"$128 \\times {passages}$ similarity matrix, {grouped(questions * passages)} dot products",
    )


DPR_PASSAGES = 21_015_324


def test_dense_index_memory() -> None:
    values = DPR_PASSAGES * 768
    binary_bytes = 768 // 8  # one bit per dimension
    shows(
        "mlc-embedding-index-memory",
        f"$21,015,324 \\times 768 \\times 4$ B $\\approx {values * 4 / 1e9:.1f}$ GB",
        f"float16: about {values * 2 / 1e9:.1f} GB",
        f"int8 scalar quantization: about {values / 1e9:.1f} GB",
        f"({binary_bytes} B per vector): about {DPR_PASSAGES * binary_bytes / 1e9:.1f} GB",
    )


def test_chunk_overlap_count() -> None:
    tokens, size, overlap = 1_000_000, 512, 128
    stride = size - overlap
    chunks = math.ceil((tokens - size) / stride) + 1
    assert (chunks - 1) * stride + size >= tokens > (chunks - 2) * stride + size  # the last window reaches the end
    shows(
        "mlc-chunk-overlap",
        f"$512 - 128 = {stride}$",
        f"= {grouped(chunks)}$ chunks",
        f"against {grouped(math.ceil(tokens / size))} without overlap",
        f"($512/384 \\approx {size / stride:.2f}$)",
    )


def test_long_context_prefill_versus_retrieval() -> None:
    corpus, retrieved = 200_000, 5 * 400
    shows(
        "mlc-long-context-vs-rag-cost",
        f"200,000 against {grouped(retrieved)}, {corpus // retrieved} times more",
        f"= {2 * 8e9 * corpus / 1e15:.1f} \\times 10^{{15}}$ FLOPs",
        f"against ${2 * 8e9 * retrieved / 1e13:.1f} \\times 10^{{13}}$",
    )


def test_cross_encoder_rerank_cost() -> None:
    params, tokens, rate = 1.1e8, 256, 0.5 * A100_BF16
    per_query = 2 * params * 100 * tokens
    shows(
        "mlc-rerank-cost",
        f"\\approx {per_query / 1e12:.2f} \\times 10^{{12}}$ FLOPs",
        f"about {per_query / rate * 1e3:.0f} ms",
        f"about {2 * params * tokens * DPR_PASSAGES / rate / 3_600:.1f} hours",
    )


def test_colbert_index_per_passage() -> None:
    colbert, dpr = 100 * 128 * 2, 768 * 4
    shows(
        "mlc-colbert-storage",
        f"$100 \\times 128 \\times 2 = {grouped(colbert)}$ bytes",
        f"$768 \\times 4 = {grouped(dpr)}$ bytes",
        f"about {colbert / dpr:.1f} times more",
    )


def test_confidence_target_scoring() -> None:
    target = 0.75
    penalty = target / (1 - target)
    guess = 0.5 * 1 - 0.5 * penalty
    assert guess < 0  # so a 50% guess should abstain, and only p > t breaks even
    assert math.isclose(target * 1 - (1 - target) * penalty, 0)
    shows("mlc-hallucination-scoring", f"at $t = 0.75$, {penalty:g} points", f"$0.5 - 0.5 \\times 3 = {guess:g}$")


def test_semantic_entropy_of_two_clusters() -> None:
    clusters = [8 / 10, 2 / 10]
    entropy = -sum(p * math.log(p) for p in clusters)
    shows("mlc-semantic-entropy", f"\\approx {entropy:.3f}$ nats", f"$\\ln 10 \\approx {math.log(10):.3f}$")


def test_agent_error_compounding() -> None:
    shows(
        "mlc-agent-error-compounding",
        f"$0.95^{{20}} \\approx {0.95**20:.3f}$",
        f"$0.99^{{20}} \\approx {0.99**20:.3f}$",
    )


def test_pass_at_k_versus_pass_hat_k() -> None:
    success, tries = 0.6, 8
    at_least_one = 1 - (1 - success) ** tries
    every_time = success**tries
    binomial = [math.comb(tries, wins) * success**wins * (1 - success) ** (tries - wins) for wins in range(tries + 1)]
    assert math.isclose(at_least_one, sum(binomial[1:])) and math.isclose(every_time, binomial[-1])
    shows("mlc-pass-hat-k", f"$1 - 0.4^8 \\approx {at_least_one:.4f}$", f"$0.6^8 \\approx {every_time:.4f}$")


def test_agent_context_growth() -> None:
    base, per_step, steps = 2_000, 500, 10
    total = sum(base + per_step * step for step in range(steps))
    assert sum(range(steps)) == 45
    shows(
        "mlc-agent-context-growth",
        "$\\sum_{i=0}^{9} (2,000 + 500\\, i)$",
        f"$= 20,000 + 500 \\times 45 = {grouped(total)}$ tokens",
        f"the last step alone is {grouped(base + per_step * (steps - 1))}",
    )


# 8.5 Evaluating LLMs


def test_unbiased_pass_at_k() -> None:
    samples, correct, k = 10, 2, 5
    estimate = 1 - math.comb(samples - correct, k) / math.comb(samples, k)
    # the same probability by enumeration: a random k-subset of the samples holds at least one correct one
    subsets = list(itertools.combinations(range(samples), k))
    assert math.isclose(estimate, sum(any(i < correct for i in subset) for subset in subsets) / len(subsets))
    shows(
        "mlc-pass-at-k",
        "$1 - \\binom{8}{5}/\\binom{10}{5}",
        f"= 1 - {math.comb(8, 5)}/{math.comb(10, 5)} \\approx {estimate:.3f}$",
    )
    assert 1 - (1 - correct / samples) ** k < estimate  # the naive estimate is lower: the card calls it biased low


def elo_expected(lead: float) -> float:
    return 1 / (1 + 10 ** (-lead / 400))


def test_elo_expected_score() -> None:
    assert math.isclose(elo_expected(400), 10 / 11)
    shows("mlc-elo-expected-score", f"= 10/11 \\approx {elo_expected(400):.2f}$", f"about {elo_expected(100):.2f}")


def test_elo_update() -> None:
    expected, k = elo_expected(200), 32
    gain = k * (1 - expected)
    shows(
        "mlc-elo-update",
        f"\\approx {expected:.3f}$",
        f"$32 \\times (1 - {expected:.3f}) \\approx {gain:.1f}$ points ({1_200 + gain:,.1f})",
        f"({1_000 - gain:.1f})",
        f"$32 \\times {expected:.3f} \\approx {k * expected:.1f}$",
    )


def test_elo_gap_from_win_rate() -> None:
    def gap(win_rate: float) -> float:
        return 400 * math.log10(win_rate / (1 - win_rate))

    assert math.isclose(elo_expected(gap(0.6)), 0.6)
    shows(
        "mlc-elo-gap-from-win-rate",
        f"= 400 \\log_{{10}} 1.5 \\approx {gap(0.6):.0f}$ points",
        f"$400 \\log_{{10}} 3 \\approx {gap(0.75):.0f}$ points, 90% about {gap(0.9):.0f}",
    )


def test_perplexity_as_choices() -> None:
    vocabulary = 50_257
    uniform_nll = -math.log(1 / vocabulary)
    assert math.isclose(math.exp(uniform_nll), vocabulary)
    shows("mlc-perplexity-choices", "perplexity {{c2::$V$}}", f"{{{{c3::$e^{{2}} \\approx {math.exp(2):.2f}$}}}}")


def test_bits_per_byte() -> None:
    nats = 2.0 * 1_000
    bits = nats / math.log(2)
    shows(
        "mlc-bits-per-byte",
        f"$2,000$ nats $= 2,000/\\ln 2 \\approx {grouped(round(bits))}$ bits",
        f"${grouped(round(bits))}/4,000 \\approx {bits / 4_000:.3f}$",
    )


# 8.6 Generative models beyond text


def test_gaussian_kl_of_one_latent_dimension() -> None:
    mean, std = 0.0, 0.5
    closed_form = 0.5 * (mean**2 + std**2 - math.log(std**2) - 1)
    # the same KL by numerical integration of q log(q/p) over a fine grid
    step = 1e-3
    grid = [i * step for i in range(-10_000, 10_001)]
    q = [math.exp(-((x - mean) ** 2) / (2 * std**2)) / (std * math.sqrt(2 * math.pi)) for x in grid]
    p = [math.exp(-(x**2) / 2) / math.sqrt(2 * math.pi) for x in grid]
    numeric = sum(qi * math.log(qi / pi) * step for qi, pi in zip(q, p, strict=True) if qi > 0)
    assert math.isclose(numeric, closed_form, rel_tol=1e-4)
    shows("mlc-vae-gaussian-kl", f"$\\frac12(0.25 - \\ln 0.25 - 1) \\approx {closed_form:.3f}$ nats")


def test_gan_value_at_the_optimum() -> None:
    value = math.log(0.5) + math.log(1 - 0.5)  # D = 1/2 on both terms
    assert math.isclose(value, -math.log(4))
    shows("mlc-gan-optimal-discriminator", f"$-\\log 4 \\approx {value:.3f}$")


def test_generator_gradients_through_the_logit() -> None:
    d_of_fake = 0.01
    logit = math.log(d_of_fake / (1 - d_of_fake))
    step = 1e-6

    def saturating(a: float) -> float:
        return math.log(1 - 1 / (1 + math.exp(-a)))

    def non_saturating(a: float) -> float:
        return -math.log(1 / (1 + math.exp(-a)))

    slow = abs(saturating(logit + step) - saturating(logit - step)) / (2 * step)
    fast = abs(non_saturating(logit + step) - non_saturating(logit - step)) / (2 * step)
    assert math.isclose(slow, 0.01, rel_tol=1e-6) and math.isclose(fast, 0.99, rel_tol=1e-6)
    shows("mlc-gan-nonsaturating", f"magnitude {slow:.2f}", f"magnitude {fast:.2f}", f"That is {fast / slow:.0f} times")


def test_ddpm_linear_schedule() -> None:
    steps = 1_000
    betas = [1e-4 + (0.02 - 1e-4) * i / (steps - 1) for i in range(steps)]
    alpha_bars = list(itertools.accumulate((1 - beta for beta in betas), lambda a, b: a * b))
    final, middle = alpha_bars[-1], alpha_bars[499]
    shows(
        "mlc-ddpm-schedule",
        f"$\\sum_t \\beta_t \\approx {sum(betas):.2f}$",
        f"\\approx e^{{-{sum(betas):.2f}}} \\approx {math.exp(-sum(betas)) * 1e5:.0f} \\times 10^{{-5}}$",
        f"${final * 1e5:.2f} \\times 10^{{-5}}$",
        f"$x_T \\approx {math.sqrt(final):.4f}\\, x_0 + {math.sqrt(1 - final):.1f}\\, \\epsilon$",
        f"$\\bar\\alpha \\approx {middle:.3f}$",
        f"$x_t \\approx {math.sqrt(middle):.2f}\\, x_0 + {math.sqrt(1 - middle):.2f}\\, \\epsilon$",
    )


def test_guidance_doubles_network_evaluations() -> None:
    shows("mlc-cfg-tradeoff", f"50 steps cost {2 * 50} network evaluations")


def test_latent_compression() -> None:
    def ratio(height: int, factor: int, channels: int) -> float:
        return (height * height * 3) / ((height // factor) ** 2 * channels)

    assert ratio(512, 8, 4) == 3 * 8**2 / 4 == 48 and ratio(512, 4, 3) == 16
    shows("mlc-ldm-compression", "{{c1::$3f^2/c$}}", "{{c2::64×64×4}}", "{{c3::48×}}", "{{c4::16×}}")


def test_attention_at_pixel_versus_latent_resolution() -> None:
    pixels, latents = 512**2, 64**2
    shows(
        "mlc-ldm-attention-cost",
        f"$512^2 = {grouped(pixels)}$ positions against $64^2 = {grouped(latents)}$",
        f"{pixels // latents} times more tokens, so $64^2 = {grouped((pixels // latents) ** 2)}$ times more",
    )


def test_fid_of_two_one_dimensional_gaussians() -> None:
    real_mean, real_var, fake_mean, fake_var = 0.0, 1.0, 1.0, 4.0
    fid = (real_mean - fake_mean) ** 2 + real_var + fake_var - 2 * math.sqrt(real_var * fake_var)
    # the squared 2-Wasserstein distance of 1-D Gaussians, which FID is: (mu1 - mu2)^2 + (sigma1 - sigma2)^2
    assert math.isclose(fid, (real_mean - fake_mean) ** 2 + (math.sqrt(real_var) - math.sqrt(fake_var)) ** 2)
    shows("mlc-fid-one-dimension", f"= 1 + 5 - 4 = {fid:g}$")


def test_clip_batch() -> None:
    batch = 32_768
    shows(
        "mlc-clip-batch-size",
        f"1 positive and {grouped(batch - 1)} negatives",
        f"$32,768^2 = {grouped(batch**2)}$ entries",
    )
    shows("mlc-clip-numbers", "{{c2::32,768}}")


def vit_tokens(image: int, patch: int) -> int:
    return (image // patch) ** 2 + 1  # the patches plus the [CLS] token


def test_vit_tokens() -> None:
    assert 224 % 16 == 0 and vit_tokens(224, 16) == 197
    shows("mlc-vit-tokens", "$224/16 = 14$", "$14^2 = 196$", "197 tokens", f"$16 \\times 16 \\times 3 = {16 * 16 * 3}$")
    shows(
        "mlc-vit-l14-tokens",
        f"$224/14 = 16$ per side, $16^2 + 1 = {vit_tokens(224, 14)}$ tokens",
        f"$336/14 = 24$, $24^2 + 1 = {vit_tokens(336, 14)}$ tokens",
    )
    patches16, patches8 = vit_tokens(224, 16) - 1, vit_tokens(224, 8) - 1
    shows(
        "mlc-vit-patch-size",
        f"$14^2 = {patches16}$ to $28^2 = {patches8}$",
        f"$4^2 = {(patches8 // patches16) ** 2}$ times",
    )


def ctc_collapse(frames: str, blank: str = "_") -> str:
    merged = [label for i, label in enumerate(frames) if i == 0 or label != frames[i - 1]]
    return "".join(label for label in merged if label != blank)


def test_ctc_collapse() -> None:
    frames = "hh_ell_loo"
    assert ctc_collapse(frames) == "hello"
    assert ctc_collapse("hh_elll_oo") == "helo"  # without a blank between them the two l's merge
    shows("mlc-ctc-collapse", f"`{' '.join(frames)}`", "`h _ e l _ l o`", '"hello"')


def test_whisper_frames() -> None:
    rate, seconds = 16_000, 30
    hop, window = rate * 10 // 1_000, rate * 25 // 1_000
    frames = seconds * rate // hop
    shows(
        "mlc-whisper-frames",
        f"$30 \\times 16,000 = {grouped(seconds * rate)}$ samples",
        f"a 10 ms hop is {hop} samples and a window {window}",
        f"$480,000 / 160 = {grouped(frames)}$ frames",
        f"leaving {grouped(frames // 2)} positions",
    )


def word_edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, hyp_word in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word)))
        previous = current
    return previous[-1]


def test_word_error_rate() -> None:
    reference = ["the", "cat", "sat", "on", "the", "mat", "near", "the", "old", "door"]
    # one substitution (cat -> hat), one deletion (old), two insertions (very, big)
    hypothesis = ["the", "hat", "sat", "on", "the", "very", "big", "mat", "near", "the", "door"]
    errors = word_edit_distance(reference, hypothesis)
    assert len(reference) == 10 and errors == 1 + 1 + 2
    shows("mlc-wer", f"$\\text{{WER}} = (S + D + I)/N = (1 + 1 + 2)/10 = {errors / len(reference):g}$")


def test_wavenet_receptive_field() -> None:
    dilations = [2**layer for layer in range(10)]
    field = 1 + sum(dilations) * (2 - 1)  # filter width 2
    assert dilations[-1] == 512
    shows(
        "mlc-wavenet-receptive-field",
        # NOTE: display math ($$...$$), so the formula gets a line of its own on a phone
        f"$$1 + (1 + 2 + \\dots + 512) = 1 + {grouped(sum(dilations))} = {grouped(field)}$$ samples",
        f"is {field * 1_000 // 16_000} ms",
    )
