"""Extra cases and brute-force checks for content/algorithms/problems/dp-interval.md.

The first-release cards' extra cases live in ../problem_extras.py. References try every order (of bursts, of cuts),
every parenthesization, or every subsequence.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-min-cost-cut-stick": """\
assert min_cost(2, [1]) == 2
assert min_cost(10, [5, 2]) == 15
assert min_cost(10**6, [1, 2, 3]) == 10**6 + 5  # cut at 3 first, then the short piece
cuts = list(range(1, 101))
assert min_cost(101, cuts) == min_cost(101, cuts[::-1])
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-matrix-chain": """\
import random
rng = random.Random(152)


def every_order(dims, i, j):  # cost of the best parenthesization of A_i..A_j, trying all splits
    if i == j:
        return 0
    return min(
        every_order(dims, i, k) + every_order(dims, k + 1, j) + dims[i - 1] * dims[k] * dims[j] for k in range(i, j)
    )


for _ in range(300):
    dims = [rng.randint(1, 9) for _ in range(rng.randint(2, 7))]
    assert matrix_chain_cost(dims) == every_order(dims, 1, len(dims) - 1)
""",
    "alg-p-burst-balloons": """\
import itertools
import random
rng = random.Random(312)
for _ in range(300):
    nums = [rng.randint(0, 9) for _ in range(rng.randint(0, 6))]
    best = 0
    for order in itertools.permutations(range(len(nums))):  # every burst order, simulated
        alive, total = list(range(len(nums))), 0
        for i in order:
            k = alive.index(i)
            left = nums[alive[k - 1]] if k > 0 else 1
            right = nums[alive[k + 1]] if k + 1 < len(alive) else 1
            total += left * nums[i] * right
            alive.pop(k)
        best = max(best, total)
    assert max_coins(nums) == best
""",
    "alg-p-longest-palindromic-subsequence": """\
import itertools
import random
rng = random.Random(516)
for _ in range(300):
    s = "".join(rng.choice("abc") for _ in range(rng.randint(0, 9)))
    want = max(
        (size for size in range(len(s) + 1) for pos in itertools.combinations(range(len(s)), size)
         if [s[i] for i in pos] == [s[i] for i in reversed(pos)]),
        default=0,
    )
    assert longest_palindrome_subseq(s) == want
""",
    "alg-p-min-cost-cut-stick": """\
import bisect
import itertools
import random
rng = random.Random(1547)
for _ in range(300):
    n = rng.randint(2, 20)
    cuts = rng.sample(range(1, n), rng.randint(1, min(5, n - 1)))
    best = None
    for order in itertools.permutations(cuts):  # simulate every order of cuts
        made, total = [0, n], 0
        for x in order:
            k = bisect.bisect(made, x)
            total += made[k] - made[k - 1]
            made.insert(k, x)
        best = total if best is None else min(best, total)
    assert min_cost(n, cuts) == best
""",
}
