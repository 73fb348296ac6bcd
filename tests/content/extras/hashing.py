"""Extra cases and brute-force checks for content/algorithms/problems/hashing.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-contains-duplicate": """\
assert contains_duplicate([0, 0]) is True
assert contains_duplicate([-1, 1]) is False
assert contains_duplicate(list(range(10**5))) is False
assert contains_duplicate(list(range(10**5)) + [99999]) is True
assert contains_duplicate([10**9, -(10**9), 10**9]) is True
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-contains-duplicate": """\
import random
rng = random.Random(217)
for _ in range(300):
    nums = [rng.randint(-10, 10) for _ in range(rng.randint(1, 10))]
    n = len(nums)
    want = any(nums[i] == nums[j] for i in range(n) for j in range(i + 1, n))
    assert contains_duplicate(nums) is want
""",
    "alg-p-two-sum": """\
import random
rng = random.Random(1)
for _ in range(300):
    nums = rng.sample(range(-50, 50), rng.randint(2, 10))
    i, j = sorted(rng.sample(range(len(nums)), 2))
    target = nums[i] + nums[j]
    pairs = [[a, b] for a in range(len(nums)) for b in range(a + 1, len(nums)) if nums[a] + nums[b] == target]
    if len(pairs) == 1:  # the card promises exactly one pair
        assert two_sum(nums, target) == pairs[0]
""",
    "alg-p-group-anagrams": """\
import random
rng = random.Random(49)
for _ in range(300):
    words = ["".join(rng.choice("abc") for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(0, 8))]
    got = group_anagrams(words)
    assert sorted(w for g in got for w in g) == sorted(words)
    for g in got:
        assert all(sorted(w) == sorted(g[0]) for w in g)
    assert len({"".join(sorted(g[0])) for g in got}) == len(got)
""",
    "alg-p-longest-consecutive": """\
import random
rng = random.Random(128)
for _ in range(300):
    nums = [rng.randint(-10, 10) for _ in range(rng.randint(0, 12))]
    values, best = set(nums), 0
    for v in values:
        run = 0
        while v + run in values:
            run += 1
        best = max(best, run)
    assert longest_consecutive(nums) == best
""",
}
