"""Extra cases and brute-force checks for content/algorithms/problems/dp-1d.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-max-product-subarray": """\
assert max_product([0]) == 0
assert max_product([-2, -3]) == 6
assert max_product([2, -5, -2, -4, 3]) == 24
assert max_product([-1, -1, -1]) == 1
assert max_product([0, -1, 0]) == 0
assert max_product([10] * 20) == 10**20
""",
    "alg-p-house-robber-ii": """\
assert rob_circle([1, 2]) == 2
assert rob_circle([0, 0, 0]) == 0
assert rob_circle([20, 150, 30, 90, 140]) == 290
assert rob_circle([7, 60, 5, 9, 4, 50]) == 119
""",
    "alg-p-min-cost-climbing-stairs": """\
assert min_cost_climbing_stairs([7, 3]) == 3
assert min_cost_climbing_stairs([1, 1, 1, 1]) == 2
assert min_cost_climbing_stairs([0, 999, 0, 999, 0]) == 0
assert min_cost_climbing_stairs([999] * 1000) == 999 * 500
""",
    "alg-p-stock-cooldown": """\
assert max_profit([2, 1]) == 0
assert max_profit([1, 3, 1, 3]) == 2
assert max_profit([1, 4, 2, 7]) == 6
assert max_profit([8, 2, 5, 3, 6, 9]) == 7
assert max_profit(list(range(5000))) == 4999
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-max-product-subarray": """\
import math
import random
rng = random.Random(152)
for _ in range(300):
    nums = [rng.randint(-4, 4) for _ in range(rng.randint(1, 9))]
    n = len(nums)
    want = max(math.prod(nums[i:j]) for i in range(n) for j in range(i + 1, n + 1))
    assert max_product(nums) == want, nums
""",
    "alg-p-house-robber-ii": """\
import random
rng = random.Random(213)
for _ in range(300):
    money = [rng.randint(0, 9) for _ in range(rng.randint(1, 10))]
    n, best = len(money), 0
    for mask in range(1 << n):  # every set of houses with no two neighbours on the circle
        if n > 1 and any(mask >> i & 1 and mask >> (i + 1) % n & 1 for i in range(n)):
            continue
        best = max(best, sum(money[i] for i in range(n) if mask >> i & 1))
    assert rob_circle(money) == best, money
""",
    "alg-p-house-robber": """\
import random
rng = random.Random(198)
for _ in range(300):
    money = [rng.randint(0, 9) for _ in range(rng.randint(0, 10))]
    n, best = len(money), 0
    for mask in range(1 << n):
        if mask & (mask >> 1) == 0:
            best = max(best, sum(money[i] for i in range(n) if mask >> i & 1))
    assert rob(money) == best
""",
    "alg-p-max-subarray": """\
import random
rng = random.Random(53)
for _ in range(300):
    nums = [rng.randint(-9, 9) for _ in range(rng.randint(1, 10))]
    n = len(nums)
    assert max_subarray(nums) == max(sum(nums[i:j]) for i in range(n) for j in range(i + 1, n + 1))
""",
    "alg-p-word-break": """\
import random
rng = random.Random(139)
for _ in range(300):
    words = list({"".join(rng.choice("ab") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(0, 4))})
    s = "".join(rng.choice("ab") for _ in range(rng.randint(0, 8)))

    def splits(rest):
        return rest == "" or any(rest.startswith(w) and splits(rest[len(w) :]) for w in words)

    assert word_break(s, words) is splits(s), (s, words)
""",
    "alg-p-decode-ways": """\
import random
rng = random.Random(91)
for _ in range(300):
    s = "".join(rng.choice("0121263") for _ in range(rng.randint(1, 10)))

    def ways(rest):
        if rest == "":
            return 1
        total = ways(rest[1:]) if rest[0] != "0" else 0
        if len(rest) >= 2 and 10 <= int(rest[:2]) <= 26:
            total += ways(rest[2:])
        return total

    assert num_decodings(s) == ways(s), s
""",
    "alg-p-climbing-stairs": """\
import itertools
for n in range(1, 16):
    count = sum(  # every sequence of 1s and 2s, filtered by its sum
        1
        for k in range(n + 1)
        for steps in itertools.product((1, 2), repeat=k)
        if sum(steps) == n
    )
    assert climb_stairs(n) == count
""",
    "alg-p-min-cost-climbing-stairs": """\
import random
rng = random.Random(746)


def cheapest(cost, i):  # every route from step i over the top
    if i >= len(cost):
        return 0
    return cost[i] + min(cheapest(cost, i + 1), cheapest(cost, i + 2))


for _ in range(300):
    cost = [rng.randint(0, 9) for _ in range(rng.randint(2, 12))]
    assert min_cost_climbing_stairs(cost) == min(cheapest(cost, 0), cheapest(cost, 1))
""",
    "alg-p-stock-cooldown": """\
import random
rng = random.Random(309)


def best(prices, day, holding, cooling):  # try every action on every day
    if day == len(prices):
        return 0
    p = prices[day]
    options = [best(prices, day + 1, holding, False)]  # do nothing
    if holding:
        options.append(p + best(prices, day + 1, False, True))
    elif not cooling:
        options.append(-p + best(prices, day + 1, True, False))
    return max(options)


for _ in range(300):
    prices = [rng.randint(0, 9) for _ in range(rng.randint(1, 10))]
    assert max_profit(prices) == best(prices, 0, False, False)
""",
}
