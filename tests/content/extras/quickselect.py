"""Brute-force checks for content/algorithms/problems/quickselect.md (its extra cases are in problem_extras.py)."""

BRUTE_FORCE: dict[str, str] = {
    "alg-p-kth-largest-quickselect": """\
import random
rng = random.Random(215)
for _ in range(300):
    nums = [rng.randint(-5, 5) for _ in range(rng.randint(1, 12))]
    k = rng.randint(1, len(nums))
    assert find_kth_largest(list(nums), k, random.Random(rng.random())) == sorted(nums)[-k]
""",
    "alg-p-sort-colors": """\
import random
rng = random.Random(75)
for _ in range(300):
    nums = [rng.randint(0, 2) for _ in range(rng.randint(0, 15))]
    want = sorted(nums)
    sort_colors(nums)
    assert nums == want
""",
}
