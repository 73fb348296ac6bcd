"""Extra cases and brute-force checks for content/algorithms/problems/prefix-sums.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-contiguous-array": """\
assert find_max_length([0]) == 0
assert find_max_length([1, 0, 1, 0, 1, 0]) == 6
assert find_max_length([1, 1, 1, 0]) == 2
assert find_max_length([0, 1] * 5000) == 10**4
""",
    "alg-p-subarray-sums-divisible-by-k": """\
assert subarrays_div_by_k([0], 2) == 1
assert subarrays_div_by_k([0, 0], 3) == 3
assert subarrays_div_by_k([-5], 5) == 1
assert subarrays_div_by_k([4, -4, 4, -7], 8) == 2
""",
    "alg-p-pivot-index": """\
assert pivot_index([0]) == 0
assert pivot_index([1, -1, 5]) == 2
assert pivot_index([0, 0, 0]) == 0
assert pivot_index([-3, -2, -1, -2, -3, 0]) == 2
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-contiguous-array": """\
import random
rng = random.Random(525)
for _ in range(300):
    bits = [rng.randint(0, 1) for _ in range(rng.randint(1, 12))]
    n = len(bits)
    want = max([0] + [j - i for i in range(n) for j in range(i + 1, n + 1) if 2 * sum(bits[i:j]) == j - i])
    assert find_max_length(bits) == want
""",
    "alg-p-subarray-sums-divisible-by-k": """\
import random
rng = random.Random(974)
for _ in range(300):
    nums = [rng.randint(-9, 9) for _ in range(rng.randint(1, 10))]
    k = rng.randint(2, 7)
    n = len(nums)
    want = sum(1 for i in range(n) for j in range(i + 1, n + 1) if sum(nums[i:j]) % k == 0)
    assert subarrays_div_by_k(nums, k) == want
""",
    "alg-p-pivot-index": """\
import random
rng = random.Random(724)
for _ in range(300):
    nums = [rng.randint(-3, 3) for _ in range(rng.randint(1, 10))]
    hits = [i for i in range(len(nums)) if sum(nums[:i]) == sum(nums[i + 1 :])]
    assert pivot_index(nums) == (hits[0] if hits else -1)
""",
    "alg-p-subarray-sum-equals-k": """\
import random
rng = random.Random(560)
for _ in range(300):
    nums = [rng.randint(-3, 3) for _ in range(rng.randint(0, 10))]
    k = rng.randint(-4, 4)
    n = len(nums)
    assert subarray_sum(nums, k) == sum(1 for i in range(n) for j in range(i + 1, n + 1) if sum(nums[i:j]) == k)
""",
    "alg-p-product-except-self": """\
import math
import random
rng = random.Random(238)
for _ in range(300):
    nums = [rng.randint(-3, 3) for _ in range(rng.randint(2, 8))]
    want = [math.prod(nums[:i] + nums[i + 1 :]) for i in range(len(nums))]
    assert product_except_self(nums) == want
""",
    "alg-p-range-sum-2d": """\
import random
rng = random.Random(304)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[rng.randint(-5, 5) for _ in range(n)] for _ in range(m)]
    nm = NumMatrix(g)
    r1, r2 = sorted(rng.randrange(m) for _ in range(2))
    c1, c2 = sorted(rng.randrange(n) for _ in range(2))
    want = sum(g[r][c] for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
    assert nm.region(r1, c1, r2, c2) == want
""",
}
