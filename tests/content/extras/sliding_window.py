"""Extra cases and brute-force checks for content/algorithms/problems/sliding-window.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-permutation-in-string": """\
assert check_inclusion("a", "a") is True
assert check_inclusion("a", "b") is False
assert check_inclusion("aab", "baa") is True
assert check_inclusion("aab", "abbba") is False
assert check_inclusion("adc", "dcda") is True
assert check_inclusion("z" * 100, "z" * 10**4) is True
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
}
