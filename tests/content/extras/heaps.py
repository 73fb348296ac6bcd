"""Extra cases and brute-force checks for content/algorithms/problems/heaps.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-last-stone-weight": """\
assert last_stone_weight([1, 1, 1]) == 1
assert last_stone_weight([10, 4, 2, 10]) == 2
assert last_stone_weight([1000] * 30) == 0
assert last_stone_weight([9, 3]) == 6
""",
    "alg-p-kth-largest-stream": """\
kl = KthLargest(2, [1])
assert kl.add(0) == 0 and kl.add(2) == 1 and kl.add(-1) == 1 and kl.add(-3) == 1 and kl.add(4) == 2
kl = KthLargest(2, [5, 5, 5])
assert kl.add(5) == 5 and kl.add(6) == 5 and kl.add(7) == 6
""",
    "alg-p-k-smallest-pairs": """\
assert k_smallest_pairs([1], [1], 1) == [[1, 1]]
assert k_smallest_pairs([1, 2, 3], [1], 3) == [[1, 1], [2, 1], [3, 1]]
assert k_smallest_pairs([-10, 0], [-5, 100], 4) == [[-10, -5], [0, -5], [-10, 100], [0, 100]]
""",
    "alg-p-reorganize-string": """\
assert reorganize_string("aa") == ""
assert reorganize_string("ab") in ("ab", "ba")
got = reorganize_string("aaabbc")
assert sorted(got) == sorted("aaabbc") and all(x != y for x, y in zip(got, got[1:]))
got = reorganize_string("a" * 250 + "b" * 250)
assert len(got) == 500 and all(x != y for x, y in zip(got, got[1:]))
assert reorganize_string("a" * 251 + "b" * 249) == ""
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-last-stone-weight": """\
import random
rng = random.Random(1046)
for _ in range(300):
    stones = [rng.randint(1, 12) for _ in range(rng.randint(1, 8))]
    pile = sorted(stones)
    while len(pile) > 1:
        y, x = pile.pop(), pile.pop()
        if y != x:
            pile.append(y - x)
            pile.sort()
    assert last_stone_weight(stones) == (pile[0] if pile else 0)
""",
    "alg-p-kth-largest-stream": """\
import random
rng = random.Random(703)
for _ in range(300):
    k = rng.randint(1, 4)
    start = [rng.randint(-5, 5) for _ in range(rng.randint(k - 1, 6))]
    kl, seen = KthLargest(k, start), list(start)
    for _ in range(rng.randint(1, 8)):
        x = rng.randint(-5, 5)
        seen.append(x)
        assert kl.add(x) == sorted(seen)[-k]
""",
    "alg-p-k-smallest-pairs": """\
import random
rng = random.Random(373)
for _ in range(300):
    a = sorted(rng.randint(-5, 5) for _ in range(rng.randint(1, 5)))
    b = sorted(rng.randint(-5, 5) for _ in range(rng.randint(1, 5)))
    k = rng.randint(1, len(a) * len(b))
    got = k_smallest_pairs(a, b, k)
    sums = sorted(x + y for x in a for y in b)
    assert [x + y for x, y in got] == sums[:k]
    # Each pair really comes from the lists, used no more often than available.
    from collections import Counter
    available = Counter((x, y) for x in a for y in b)
    assert not Counter(map(tuple, got)) - available
""",
    "alg-p-reorganize-string": """\
import random
from collections import Counter
rng = random.Random(767)
for _ in range(300):
    s = "".join(rng.choice("aabbc") for _ in range(rng.randint(1, 10)))
    got = reorganize_string(s)
    possible = max(Counter(s).values()) <= (len(s) + 1) // 2
    if possible:
        assert sorted(got) == sorted(s) and all(x != y for x, y in zip(got, got[1:])), s
    else:
        assert got == "", s
""",
    "alg-p-top-k-frequent": """\
import random
from collections import Counter
rng = random.Random(347)
for _ in range(300):
    nums = [rng.randint(0, 6) for _ in range(rng.randint(1, 15))]
    counts = sorted(Counter(nums).items(), key=lambda kv: -kv[1])
    k = rng.randint(1, len(counts))
    if k < len(counts) and counts[k - 1][1] == counts[k][1]:
        continue  # the card assumes no tie at the k-th place
    got = top_k_frequent(nums, k)
    assert sorted(got) == sorted(v for v, _ in counts[:k])
    assert [Counter(nums)[v] for v in got] == sorted((Counter(nums)[v] for v in got), reverse=True)
""",
    "alg-p-merge-k-sorted": """\
import random
rng = random.Random(23)
for _ in range(300):
    lists = [sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 5))]
    assert merge_k_sorted(lists) == sorted(x for lst in lists for x in lst)
""",
    "alg-p-median-stream": """\
import random
rng = random.Random(295)
for _ in range(300):
    m, seen = MedianFinder(), []
    for _ in range(rng.randint(1, 10)):
        x = rng.randint(-9, 9)
        m.add(x)
        seen.append(x)
        s, n = sorted(seen), len(seen)
        want = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
        assert m.median() == want
""",
    "alg-p-k-closest-points": """\
import random
rng = random.Random(973)
for _ in range(300):
    pts = [[rng.randint(-5, 5), rng.randint(-5, 5)] for _ in range(rng.randint(1, 8))]
    k = rng.randint(1, len(pts))
    d = sorted(x * x + y * y for x, y in pts)
    if k < len(d) and d[k - 1] == d[k]:
        continue  # a tie at the k-th distance allows several answers
    got = k_closest([list(p) for p in pts], k)
    assert sorted(x * x + y * y for x, y in got) == d[:k]
""",
}
