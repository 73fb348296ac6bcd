"""Extra cases and brute-force checks for content/algorithms/problems/two-pointers.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-move-zeroes": """\
a = [1, 2, 3]
move_zeroes(a)
assert a == [1, 2, 3]
a = [0, 0, 1]
move_zeroes(a)
assert a == [1, 0, 0]
a = [-1, 0, -2, 0]
move_zeroes(a)
assert a == [-1, -2, 0, 0]
""",
    "alg-p-merge-sorted-array": """\
a = [1]
merge_into(a, 1, [], 0)
assert a == [1]
a = [4, 5, 6, 0, 0, 0]
merge_into(a, 3, [1, 2, 3], 3)
assert a == [1, 2, 3, 4, 5, 6]
a = [2, 2, 0, 0]
merge_into(a, 2, [2, 2], 2)
assert a == [2, 2, 2, 2]
a = [-3, 0, 0]
merge_into(a, 1, [-5, 7], 2)
assert a == [-5, -3, 7]
""",
    "alg-p-boats-to-save-people": """\
assert num_rescue_boats([5], 5) == 1
assert num_rescue_boats([1, 1, 1, 1], 2) == 2
assert num_rescue_boats([2, 2, 2], 3) == 3
assert num_rescue_boats([1, 4, 2, 3], 5) == 2
""",
    "alg-p-three-sum-closest": """\
assert three_sum_closest([-5, -4, -3], 0) == -12
assert three_sum_closest([1, 2, 3], 6) == 6
assert three_sum_closest([6, -1, 2, -6, 4, 1, -1, 0, -5], -2) == -2
assert three_sum_closest([1000, 1000, 1000], -3000) == 3000
""",
    "alg-p-valid-palindrome": """\
assert is_palindrome("a")
assert is_palindrome("Aa")
assert is_palindrome("Step on no pets!")
assert not is_palindrome("ab")
assert is_palindrome("1a2, 2A1")
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-move-zeroes": """\
import random
rng = random.Random(283)
for _ in range(300):
    nums = [rng.choice([0, 0, 1, 2, -3]) for _ in range(rng.randint(1, 10))]
    want = [x for x in nums if x != 0] + [0] * nums.count(0)
    move_zeroes(nums)
    assert nums == want
""",
    "alg-p-merge-sorted-array": """\
import random
rng = random.Random(88)
for _ in range(300):
    a = sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 6)))
    b = sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 6)))
    nums1 = a + [0] * len(b)
    merge_into(nums1, len(a), b, len(b))
    assert nums1 == sorted(a + b)
""",
    "alg-p-boats-to-save-people": """\
import functools
import random
rng = random.Random(881)
for _ in range(300):
    limit = rng.randint(1, 10)
    people = [rng.randint(1, limit) for _ in range(rng.randint(1, 8))]
    n = len(people)

    @functools.lru_cache(maxsize=None)
    def boats(mask):
        # Fewest boats for the people in mask: the lowest one goes alone or with any partner that fits.
        if mask == 0:
            return 0
        i = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << i)
        best = 1 + boats(rest)
        for j in range(n):
            if rest >> j & 1 and people[i] + people[j] <= limit:
                best = min(best, 1 + boats(rest & ~(1 << j)))
        return best

    assert num_rescue_boats(people, limit) == boats((1 << n) - 1), (people, limit)
""",
    "alg-p-three-sum-closest": """\
import itertools
import random
rng = random.Random(16)
for _ in range(300):
    nums = [rng.randint(-10, 10) for _ in range(rng.randint(3, 8))]
    target = rng.randint(-25, 25)
    sums = {sum(c) for c in itertools.combinations(nums, 3)}
    best = min(abs(s - target) for s in sums)
    got = three_sum_closest(nums, target)
    assert got in sums and abs(got - target) == best, (nums, target)
""",
    "alg-p-two-sum-sorted": """\
import random
rng = random.Random(167)
for _ in range(300):
    nums = sorted(rng.sample(range(-30, 30), rng.randint(2, 10)))
    i, j = sorted(rng.sample(range(len(nums)), 2))
    assert two_sum_sorted(nums, nums[i] + nums[j]) in (
        [a, b] for a in range(len(nums)) for b in range(a + 1, len(nums)) if nums[a] + nums[b] == nums[i] + nums[j]
    )
""",
    "alg-p-three-sum": """\
import itertools
import random
rng = random.Random(15)
for _ in range(300):
    nums = [rng.randint(-5, 5) for _ in range(rng.randint(0, 9))]
    want = sorted({tuple(sorted(c)) for c in itertools.combinations(nums, 3) if sum(c) == 0})
    assert sorted(map(tuple, three_sum(nums))) == want
""",
    "alg-p-container-most-water": """\
import random
rng = random.Random(11)
for _ in range(300):
    h = [rng.randint(0, 10) for _ in range(rng.randint(2, 12))]
    n = len(h)
    assert max_area(h) == max(min(h[i], h[j]) * (j - i) for i in range(n) for j in range(i + 1, n))
""",
    "alg-p-trapping-rain-water": """\
import random
rng = random.Random(42)
for _ in range(300):
    h = [rng.randint(0, 6) for _ in range(rng.randint(0, 12))]
    want = sum(max(0, min(max(h[: i + 1]), max(h[i:])) - h[i]) for i in range(len(h)))
    assert trap(h) == want, h
""",
    "alg-p-valid-palindrome": """\
import random
rng = random.Random(125)
for _ in range(300):
    s = "".join(rng.choice("aAb1 ,.") for _ in range(rng.randint(1, 10)))
    if rng.random() < 0.4:
        s = s + s[::-1].swapcase()
    kept = [ch.lower() for ch in s if ch.isalnum()]
    assert is_palindrome(s) == (kept == kept[::-1])
""",
}
