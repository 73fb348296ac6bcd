"""Extra cases and brute-force checks for content/algorithms/problems/binary-search.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-binary-search": """\
assert binary_search([5], 4) == -1
assert binary_search([1, 2], 2) == 1
assert binary_search([1, 2], 0) == -1
assert binary_search([-5, -3], -5) == 0
assert binary_search(list(range(0, 20000, 2)), 19998) == 9999
""",
    "alg-p-search-2d-matrix": """\
assert search_matrix([[1, 3]], 3) is True
assert search_matrix([[1], [3]], 2) is False
assert search_matrix([[1, 2], [3, 4]], 0) is False
assert search_matrix([[1, 2], [3, 4]], 5) is False
assert search_matrix([[-5, -1], [2, 7]], 2) is True
""",
    "alg-p-median-two-sorted": """\
assert find_median([2], []) == 2.0
assert find_median([1, 2, 3], [4, 5, 6]) == 3.5
assert find_median([4, 5, 6], [1, 2, 3]) == 3.5
assert find_median([1, 1], [1, 1]) == 1.0
assert find_median([-5], [-3, -1]) == -3.0
""",
    "alg-p-time-based-kv": """\
tm = TimeMap()
assert tm.get("a", 1) == ""
tm.set("a", "x", 5)
tm.set("b", "y", 6)
assert tm.get("a", 4) == "" and tm.get("a", 5) == "x" and tm.get("b", 100) == "y"
tm.set("a", "z", 10)
assert tm.get("a", 9) == "x" and tm.get("a", 10) == "z"
""",
    "alg-p-find-peak-element": """\
assert find_peak([1, 2]) == 1
assert find_peak([2, 1]) == 0
assert find_peak(list(range(1000))) == 999
assert find_peak(list(range(1000, 0, -1))) == 0
""",
    "alg-p-ship-within-days": """\
assert ship_within_days([5], 1) == 5
assert ship_within_days([1, 1, 1, 10], 4) == 10
assert ship_within_days([1, 1, 1, 10], 1) == 13
assert ship_within_days([500] * 100, 100) == 500
""",
    "alg-p-integer-sqrt": """\
assert my_sqrt(2) == 1
assert my_sqrt(3) == 1
assert my_sqrt(15) == 3
assert my_sqrt(2**31 - 1) == 46340
""",
    "alg-p-split-array-largest-sum": """\
assert split_array([5], 1) == 5
assert split_array([0, 0, 0], 2) == 0
assert split_array([1, 2, 3], 1) == 6
assert split_array([10, 1, 1, 1], 2) == 10
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-binary-search": """\
import random
rng = random.Random(704)
for _ in range(300):
    nums = sorted(rng.sample(range(-30, 30), rng.randint(1, 15)))
    target = rng.randint(-32, 32)
    assert binary_search(nums, target) == (nums.index(target) if target in nums else -1)
""",
    "alg-p-search-2d-matrix": """\
import random
rng = random.Random(74)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    flat = sorted(rng.sample(range(-50, 50), m * n))
    grid = [flat[r * n : (r + 1) * n] for r in range(m)]
    target = rng.randint(-52, 52)
    assert search_matrix(grid, target) is any(target in row for row in grid)
""",
    "alg-p-median-two-sorted": """\
import random
rng = random.Random(4)
for _ in range(300):
    a = sorted(rng.randint(-9, 9) for _ in range(rng.randint(0, 8)))
    b = sorted(rng.randint(-9, 9) for _ in range(rng.randint(0 if a else 1, 8)))
    merged = sorted(a + b)
    k = len(merged)
    want = merged[k // 2] if k % 2 else (merged[k // 2 - 1] + merged[k // 2]) / 2
    assert find_median(a, b) == want, (a, b)
""",
    "alg-p-time-based-kv": """\
import random
rng = random.Random(981)
for _ in range(300):
    tm, log = TimeMap(), []
    t = 0
    for _ in range(rng.randint(1, 15)):
        t += rng.randint(1, 3)
        key, value = rng.choice("ab"), rng.choice(["p", "q", "r"])
        tm.set(key, value, t)
        log.append((key, value, t))
    for _ in range(10):
        key, when = rng.choice("abc"), rng.randint(0, t + 2)
        hits = [v for k, v, s in log if k == key and s <= when]
        assert tm.get(key, when) == (hits[-1] if hits else "")
""",
    "alg-p-find-peak-element": """\
import random
rng = random.Random(162)
for _ in range(300):
    nums = [rng.randint(0, 6)]
    for _ in range(rng.randint(0, 12)):
        nums.append(rng.choice([v for v in range(7) if v != nums[-1]]))
    i = find_peak(nums)
    padded = [float("-inf")] + nums + [float("-inf")]
    assert padded[i] < padded[i + 1] > padded[i + 2], (nums, i)
""",
    "alg-p-ship-within-days": """\
import random
rng = random.Random(1011)
for _ in range(300):
    weights = [rng.randint(1, 9) for _ in range(rng.randint(1, 10))]
    days = rng.randint(1, len(weights))
    cap = max(weights)
    while True:  # the smallest capacity that works, trying each in turn
        used, load = 1, 0
        for w in weights:
            if load + w > cap:
                used, load = used + 1, 0
            load += w
        if used <= days:
            break
        cap += 1
    assert ship_within_days(weights, days) == cap
""",
    "alg-p-integer-sqrt": """\
import math
import random
rng = random.Random(69)
for x in list(range(300)) + [rng.randint(0, 2**31 - 1) for _ in range(300)]:
    assert my_sqrt(x) == math.isqrt(x), x
""",
    "alg-p-split-array-largest-sum": """\
import itertools
import random
rng = random.Random(410)
for _ in range(300):
    nums = [rng.randint(0, 9) for _ in range(rng.randint(1, 8))]
    k = rng.randint(1, len(nums))
    best = min(
        max(sum(nums[a:b]) for a, b in zip((0,) + cuts, cuts + (len(nums),)))
        for cuts in itertools.combinations(range(1, len(nums)), k - 1)
    )
    assert split_array(nums, k) == best, (nums, k)
""",
    "alg-p-search-range": """\
import random
rng = random.Random(34)
for _ in range(300):
    nums = sorted(rng.randint(0, 6) for _ in range(rng.randint(0, 12)))
    t = rng.randint(-1, 7)
    hits = [i for i, v in enumerate(nums) if v == t]
    assert search_range(nums, t) == ([hits[0], hits[-1]] if hits else [-1, -1])
""",
    "alg-p-search-rotated": """\
import random
rng = random.Random(33)
for _ in range(300):
    base = sorted(rng.sample(range(-20, 20), rng.randint(1, 12)))
    r = rng.randrange(len(base))
    nums = base[r:] + base[:r]
    t = rng.randint(-21, 21)
    assert search_rotated(nums, t) == (nums.index(t) if t in nums else -1)
""",
    "alg-p-find-min-rotated": """\
import random
rng = random.Random(153)
for _ in range(300):
    base = sorted(rng.sample(range(-20, 20), rng.randint(1, 12)))
    r = rng.randrange(len(base))
    assert find_min_rotated(base[r:] + base[:r]) == base[0]
""",
    "alg-p-koko-eating-bananas": """\
import random
rng = random.Random(875)
for _ in range(300):
    piles = [rng.randint(1, 20) for _ in range(rng.randint(1, 6))]
    h = rng.randint(len(piles), 3 * len(piles) + 5)
    k = 1
    while sum(-(-p // k) for p in piles) > h:
        k += 1
    assert min_eating_speed(piles, h) == k
""",
}
