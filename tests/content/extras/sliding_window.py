"""Extra cases and brute-force checks for content/algorithms/problems/sliding-window.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-permutation-in-string": """\
assert check_inclusion("a", "a") is True
assert check_inclusion("a", "b") is False
assert check_inclusion("aab", "baa") is True
assert check_inclusion("aab", "abbba") is False
assert check_inclusion("pqr", "qrqp") is True
assert check_inclusion("z" * 100, "z" * 10**4) is True
""",
    "alg-p-min-size-subarray-sum": """\
assert min_subarray_len(1, [1]) == 1
assert min_subarray_len(5, [1, 1, 1, 1, 1]) == 5
assert min_subarray_len(6, [1, 1, 1, 1, 1]) == 0
assert min_subarray_len(15, [2, 3, 4, 6]) == 4
assert min_subarray_len(10**4, [10**4] * 10) == 1
""",
    "alg-p-max-consecutive-ones-iii": """\
assert longest_ones([1], 0) == 1
assert longest_ones([0], 0) == 0
assert longest_ones([0], 1) == 1
bits = [1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1]
assert longest_ones(bits, 3) == 9
""",
    "alg-p-longest-k-distinct": """\
assert longest_k_distinct("", 2) == 0
assert longest_k_distinct("a", 0) == 0
assert longest_k_distinct("abcabc", 3) == 6
assert longest_k_distinct("abaccc", 2) == 4
""",
    "alg-p-subarray-product-less-than-k": """\
assert count_small_products([5], 5) == 0
assert count_small_products([5], 6) == 1
assert count_small_products([2, 2, 2], 1) == 0
assert count_small_products([1000] * 3, 10**6) == 3
""",
    "alg-p-longest-repeating-replacement": """\
assert character_replacement("BBCBA", 1) == 4
assert character_replacement("ABCBB", 2) == 5
assert character_replacement("ABCDE", 5) == 5
assert character_replacement("AAAA", 0) == 4
assert character_replacement("AB" * 50000, 0) == 1
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-permutation-in-string": """\
import random
rng = random.Random(567)
for _ in range(300):
    s1 = "".join(rng.choice("abc") for _ in range(rng.randint(1, 4)))
    s2 = "".join(rng.choice("abc") for _ in range(rng.randint(1, 10)))
    m = len(s1)
    want = any(sorted(s2[i : i + m]) == sorted(s1) for i in range(len(s2) - m + 1))
    assert check_inclusion(s1, s2) is want, (s1, s2)
""",
    "alg-p-longest-substring-no-repeat": """\
import random
rng = random.Random(3)
for _ in range(300):
    s = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 12)))
    n = len(s)
    want = max([0] + [j - i for i in range(n) for j in range(i + 1, n + 1) if len(set(s[i:j])) == j - i])
    assert longest_unique_substring(s) == want, s
""",
    "alg-p-min-window-substring": """\
import random
from collections import Counter
rng = random.Random(76)
for _ in range(300):
    s = "".join(rng.choice("abc") for _ in range(rng.randint(0, 10)))
    t = "".join(rng.choice("abc") for _ in range(rng.randint(1, 3)))
    need, want = Counter(t), ""
    for size in range(1, len(s) + 1):
        hits = [s[i : i + size] for i in range(len(s) - size + 1) if not need - Counter(s[i : i + size])]
        if hits:
            want = hits[0]
            break
    assert min_window(s, t) == want, (s, t)
""",
    "alg-p-sliding-window-maximum": """\
import random
rng = random.Random(239)
for _ in range(300):
    nums = [rng.randint(-5, 5) for _ in range(rng.randint(1, 12))]
    k = rng.randint(1, len(nums))
    assert max_sliding_window(nums, k) == [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]
""",
    "alg-p-find-anagrams": """\
import random
rng = random.Random(438)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(0, 10)))
    p = "".join(rng.choice("ab") for _ in range(rng.randint(1, 3)))
    want = [i for i in range(len(s) - len(p) + 1) if sorted(s[i : i + len(p)]) == sorted(p)]
    assert find_anagrams(s, p) == want
""",
    "alg-p-min-size-subarray-sum": """\
import random
rng = random.Random(209)
for _ in range(300):
    nums = [rng.randint(1, 6) for _ in range(rng.randint(1, 10))]
    target = rng.randint(1, 30)
    n = len(nums)
    lengths = [j - i for i in range(n) for j in range(i + 1, n + 1) if sum(nums[i:j]) >= target]
    assert min_subarray_len(target, nums) == min(lengths, default=0)
""",
    "alg-p-max-consecutive-ones-iii": """\
import random
rng = random.Random(1004)
for _ in range(300):
    bits = [rng.randint(0, 1) for _ in range(rng.randint(1, 12))]
    k = rng.randint(0, 4)
    n = len(bits)
    want = max([0] + [j - i for i in range(n) for j in range(i + 1, n + 1) if bits[i:j].count(0) <= k])
    assert longest_ones(bits, k) == want
""",
    "alg-p-longest-k-distinct": """\
import random
rng = random.Random(340)
for _ in range(300):
    s = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 12)))
    k = rng.randint(0, 4)
    n = len(s)
    want = max([0] + [j - i for i in range(n) for j in range(i + 1, n + 1) if len(set(s[i:j])) <= k])
    assert longest_k_distinct(s, k) == want
""",
    "alg-p-subarray-product-less-than-k": """\
import math
import random
rng = random.Random(713)
for _ in range(300):
    nums = [rng.randint(1, 6) for _ in range(rng.randint(1, 10))]
    k = rng.randint(0, 60)
    n = len(nums)
    want = sum(1 for i in range(n) for j in range(i + 1, n + 1) if math.prod(nums[i:j]) < k)
    assert count_small_products(nums, k) == want
""",
    "alg-p-longest-repeating-replacement": """\
import random
from collections import Counter

rng = random.Random(424)
for _ in range(300):
    s = "".join(rng.choice("ABC") for _ in range(rng.randint(1, 12)))
    k = rng.randint(0, 4)
    want = max(
        j - i
        for i in range(len(s))
        for j in range(i + 1, len(s) + 1)
        if (j - i) - max(Counter(s[i:j]).values()) <= k  # change everything but the commonest letter
    )
    assert character_replacement(s, k) == want
""",
}
