"""Extra cases and brute-force checks for content/algorithms/problems/monotonic-stack.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-remove-k-digits": """\
assert remove_k_digits("9", 1) == "0"
assert remove_k_digits("9", 0) == "9"
assert remove_k_digits("12345", 2) == "123"
assert remove_k_digits("54321", 2) == "321"
assert remove_k_digits("300400", 1) == "400"
assert remove_k_digits("1111111", 3) == "1111"
""",
    "alg-p-stock-span": """\
s = StockSpanner()
assert [s.next(p) for p in [1, 2, 3, 4]] == [1, 2, 3, 4]
s = StockSpanner()
assert [s.next(p) for p in [4, 3, 2, 1]] == [1, 1, 1, 1]
s = StockSpanner()
assert [s.next(p) for p in [3, 5, 8, 9, 12]] == [1, 2, 3, 4, 5]
""",
    "alg-p-sum-subarray-mins": """\
assert sum_subarray_mins([5]) == 5
assert sum_subarray_mins([1, 2, 3]) == 10
assert sum_subarray_mins([3, 2, 1]) == 10
assert sum_subarray_mins([30000] * 30000) == (30000 * (30000 * 30001 // 2)) % (10**9 + 7)
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-remove-k-digits": """\
import itertools
import random
rng = random.Random(402)
for _ in range(300):
    num = str(rng.randint(0, 10**rng.randint(0, 7)))
    k = rng.randint(0, len(num))
    options = ["".join(num[i] for i in keep) for keep in itertools.combinations(range(len(num)), len(num) - k)]
    want = min(options, key=lambda s: int(s) if s else 0)
    assert remove_k_digits(num, k) == (str(int(want)) if want else "0"), (num, k)
""",
    "alg-p-stock-span": """\
import random
rng = random.Random(901)
for _ in range(300):
    prices = [rng.randint(1, 6) for _ in range(rng.randint(1, 12))]
    s = StockSpanner()
    for day, p in enumerate(prices):
        span = 0
        while day - span >= 0 and prices[day - span] <= p:
            span += 1
        assert s.next(p) == span
""",
    "alg-p-sum-subarray-mins": """\
import random
rng = random.Random(907)
for _ in range(300):
    arr = [rng.randint(1, 5) for _ in range(rng.randint(1, 10))]
    n = len(arr)
    want = sum(min(arr[i:j]) for i in range(n) for j in range(i + 1, n + 1)) % (10**9 + 7)
    assert sum_subarray_mins(arr) == want, arr
""",
    "alg-p-daily-temperatures": """\
import random
rng = random.Random(739)
for _ in range(300):
    temps = [rng.randint(30, 36) for _ in range(rng.randint(0, 12))]
    want = []
    for i, t in enumerate(temps):
        later = [j - i for j in range(i + 1, len(temps)) if temps[j] > t]
        want.append(later[0] if later else 0)
    assert daily_temperatures(temps) == want
""",
    "alg-p-largest-rectangle-histogram": """\
import random
rng = random.Random(84)
for _ in range(300):
    h = [rng.randint(0, 6) for _ in range(rng.randint(0, 10))]
    n = len(h)
    want = max([0] + [min(h[i:j]) * (j - i) for i in range(n) for j in range(i + 1, n + 1)])
    assert largest_rectangle(h) == want
""",
    "alg-p-next-greater-circular": """\
import random
rng = random.Random(503)
for _ in range(300):
    nums = [rng.randint(0, 5) for _ in range(rng.randint(0, 10))]
    n = len(nums)
    want = []
    for i in range(n):
        later = [nums[(i + d) % n] for d in range(1, n) if nums[(i + d) % n] > nums[i]]
        want.append(later[0] if later else -1)
    assert next_greater_circular(nums) == want
""",
}
