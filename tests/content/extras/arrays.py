"""Extra cases and brute-force checks for content/algorithms/problems/arrays.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-best-time-stock": """\
assert max_profit([5]) == 0
assert max_profit([1, 2]) == 1
assert max_profit([3, 3, 3]) == 0
assert max_profit([9, 1, 9, 0, 5]) == 8
assert max_profit([0, 10**4]) == 10**4
""",
    "alg-p-majority-element": """\
assert majority_element([1, 1, 2]) == 1
assert majority_element([2, 1, 1]) == 1
assert majority_element([-1, -1, -1, 5, 5]) == -1
assert majority_element([4, 5, 4, 5, 4]) == 4
""",
    "alg-p-rotate-array": """\
a = [1]
rotate_right(a, 5)
assert a == [1]
a = [1, 2]
rotate_right(a, 2)
assert a == [1, 2]
a = [1, 2, 3]
rotate_right(a, 4)
assert a == [3, 1, 2]
a = list(range(10**5))
rotate_right(a, 10**5 - 1)
assert a[:3] == [1, 2, 3] and a[-1] == 0
""",
    "alg-p-next-permutation": """\
a = [1]
next_permutation(a)
assert a == [1]
a = [2, 2]
next_permutation(a)
assert a == [2, 2]
a = [3, 7, 3, 1]
next_permutation(a)
assert a == [7, 1, 3, 3]
a = [4, 6, 2]
next_permutation(a)
assert a == [6, 2, 4]
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
    "alg-p-majority-element": """\
import random
from collections import Counter
rng = random.Random(169)
for _ in range(300):
    n = rng.randint(1, 11)
    major = rng.randint(-3, 3)
    count = n // 2 + 1
    nums = [major] * count + [rng.choice([v for v in range(-3, 4) if v != major]) for _ in range(n - count)]
    rng.shuffle(nums)
    assert majority_element(nums) == Counter(nums).most_common(1)[0][0] == major
""",
    "alg-p-rotate-array": """\
import random
rng = random.Random(189)
for _ in range(300):
    nums = [rng.randint(0, 9) for _ in range(rng.randint(1, 10))]
    k = rng.randint(0, 25)
    want = list(nums)
    for _ in range(k):  # one step at a time
        want.insert(0, want.pop())
    rotate_right(nums, k)
    assert nums == want
""",
    "alg-p-next-permutation": """\
import itertools
import random
rng = random.Random(31)
for _ in range(300):
    nums = [rng.randint(0, 3) for _ in range(rng.randint(1, 6))]
    perms = sorted(set(itertools.permutations(nums)))
    want = list(perms[(perms.index(tuple(nums)) + 1) % len(perms)])
    next_permutation(nums)
    assert nums == want
""",
}
