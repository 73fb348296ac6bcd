"""Extra cases and brute-force checks for content/algorithms/problems/dp-knapsack.md.

The first-release cards' extra cases live in ../problem_extras.py. References enumerate every subset, every count
vector or every sign pattern.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-target-sum": """\
assert find_target_sum_ways([0], 0) == 2
assert find_target_sum_ways([1000], -1000) == 1
assert find_target_sum_ways([1] * 20, 0) == 184756
assert find_target_sum_ways([1, 2], 2) == 0
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-coin-change-min": """\
import random
rng = random.Random(322)
for _ in range(300):
    coins = rng.sample(range(1, 12), rng.randint(1, 4))
    amount = rng.randint(0, 40)
    level, seen, steps, want = {0}, {0}, 0, -1
    while level:  # BFS: amounts reachable with exactly `steps` coins
        if amount in level:
            want = steps
            break
        level = {a + c for a in level for c in coins if a + c <= amount} - seen
        seen |= level
        steps += 1
    assert coin_change(coins, amount) == want
""",
    "alg-p-coin-change-ways": """\
import itertools
import random
rng = random.Random(518)
for _ in range(300):
    coins = rng.sample(range(1, 8), rng.randint(1, 3))
    amount = rng.randint(0, 15)
    want = sum(  # every vector of coin counts
        1
        for counts in itertools.product(*(range(amount // c + 1) for c in coins))
        if sum(k * c for k, c in zip(counts, coins)) == amount
    )
    assert change(amount, coins) == want
""",
    "alg-p-knapsack-01": """\
import itertools
import random
rng = random.Random(101)
for _ in range(300):
    n = rng.randint(0, 8)
    weights = [rng.randint(1, 10) for _ in range(n)]
    values = [rng.randint(0, 20) for _ in range(n)]
    cap = rng.randint(0, 25)
    want = max(
        sum(values[i] for i in range(n) if mask[i])
        for mask in itertools.product((0, 1), repeat=n)
        if sum(weights[i] for i in range(n) if mask[i]) <= cap
    )
    assert knapsack(weights, values, cap) == want
""",
    "alg-p-partition-equal-subset": """\
import itertools
import random
rng = random.Random(416)
for _ in range(300):
    nums = [rng.randint(1, 12) for _ in range(rng.randint(1, 10))]
    want = any(
        2 * sum(x for x, take in zip(nums, mask) if take) == sum(nums)
        for mask in itertools.product((0, 1), repeat=len(nums))
    )
    assert can_partition(nums) is want
""",
    "alg-p-target-sum": """\
import itertools
import random
rng = random.Random(494)
for _ in range(300):
    nums = [rng.randint(0, 6) for _ in range(rng.randint(1, 10))]
    target = rng.randint(-12, 12)
    want = sum(
        sum(s * x for s, x in zip(signs, nums)) == target for signs in itertools.product((1, -1), repeat=len(nums))
    )
    assert find_target_sum_ways(nums, target) == want
""",
}
