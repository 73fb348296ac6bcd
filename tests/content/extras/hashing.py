"""Extra cases and brute-force checks for content/algorithms/problems/hashing.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-contains-duplicate": """\
assert contains_duplicate([0, 0]) is True
assert contains_duplicate([-1, 1]) is False
assert contains_duplicate(list(range(10**5))) is False
assert contains_duplicate(list(range(10**5)) + [99999]) is True
assert contains_duplicate([10**9, -(10**9), 10**9]) is True
""",
    "alg-p-contains-duplicate-ii": """\
assert nearby_duplicate([1, 1], 0) is False
assert nearby_duplicate([1, 1], 1) is True
assert nearby_duplicate([5], 3) is False
assert nearby_duplicate([1, 2, 1, 9, 9, 1], 1) is True
assert nearby_duplicate([7, 1, 2, 3, 7, 1, 2, 3], 3) is False
""",
    "alg-p-valid-sudoku": """\
empty = [["."] * 9 for _ in range(9)]
b = [row[:] for row in empty]
b[0][0] = b[0][8] = "5"
assert is_valid_sudoku(b) is False
b = [row[:] for row in empty]
b[0][0] = b[2][2] = "5"  # same box only
assert is_valid_sudoku(b) is False
b = [row[:] for row in empty]
b[0][0] = b[3][3] = b[6][6] = "5"
assert is_valid_sudoku(b) is True
""",
    "alg-p-four-sum-count": """\
assert four_sum_count([0, 0], [0, 0], [0, 0], [0, 0]) == 16
assert four_sum_count([2, -2], [1, -1], [-1, 1], [-2, 2]) == 4
assert four_sum_count([2**28], [-(2**28)], [0], [0]) == 1
""",
    "alg-p-valid-anagram": """\
assert is_anagram("a", "a")
assert not is_anagram("ab", "aa")
assert is_anagram("ab" * 25000, "ba" * 25000)
assert is_anagram("écrit", "récit")
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
    "alg-p-contains-duplicate-ii": """\
import random
rng = random.Random(219)
for _ in range(300):
    nums = [rng.randint(0, 5) for _ in range(rng.randint(1, 12))]
    k = rng.randint(0, 5)
    n = len(nums)
    want = any(nums[i] == nums[j] and j - i <= k for i in range(n) for j in range(i + 1, n))
    assert nearby_duplicate(nums, k) is want
""",
    "alg-p-valid-sudoku": """\
import random
rng = random.Random(36)
for _ in range(300):
    b = [["."] * 9 for _ in range(9)]
    for _ in range(rng.randint(0, 12)):
        b[rng.randrange(9)][rng.randrange(9)] = str(rng.randint(1, 9))
    units = [[(r, c) for c in range(9)] for r in range(9)]
    units += [[(r, c) for r in range(9)] for c in range(9)]
    units += [[(r, c) for r in range(br, br + 3) for c in range(bc, bc + 3)] for br in (0, 3, 6) for bc in (0, 3, 6)]
    want = True
    for unit in units:
        digits = [b[r][c] for r, c in unit if b[r][c] != "."]
        want = want and len(digits) == len(set(digits))
    assert is_valid_sudoku(b) is want
""",
    "alg-p-four-sum-count": """\
import itertools
import random
rng = random.Random(454)
for _ in range(300):
    n = rng.randint(1, 4)
    a, b, c, d = ([rng.randint(-3, 3) for _ in range(n)] for _ in range(4))
    want = sum(1 for t in itertools.product(a, b, c, d) if sum(t) == 0)
    assert four_sum_count(a, b, c, d) == want
""",
    "alg-p-valid-anagram": """\
import random
rng = random.Random(242)
for _ in range(300):
    s = "".join(rng.choice("abc") for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.5:
        t = "".join(rng.sample(s, len(s)))  # a real anagram
    else:
        t = "".join(rng.choice("abc") for _ in range(rng.randint(1, 8)))
    assert is_anagram(s, t) == (sorted(s) == sorted(t))
""",
}
