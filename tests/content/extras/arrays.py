"""Extra cases and brute-force checks for content/algorithms/problems/arrays.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-best-time-stock": """\
assert max_profit([5]) == 0
assert max_profit([1, 2]) == 1
assert max_profit([3, 3, 3]) == 0
assert max_profit([9, 1, 9, 0, 5]) == 8
assert max_profit([0, 10**4]) == 10**4
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-best-time-stock": """\
import random
rng = random.Random(121)
for _ in range(300):
    prices = [rng.randint(0, 20) for _ in range(rng.randint(1, 12))]
    n = len(prices)
    want = max([0] + [prices[j] - prices[i] for i in range(n) for j in range(i + 1, n)])
    assert max_profit(prices) == want, prices
""",
}
