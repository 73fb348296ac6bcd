"""Brute-force checks for content/algorithms/problems/dp-subsequences.md.

The cards' extra cases live in ../problem_extras.py. References enumerate subsequences, chains of envelopes, or run
a breadth-first search over single-letter edits.
"""

EXTRA_CASES: dict[str, str] = {}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-longest-increasing-subsequence": """\
import itertools
import random
rng = random.Random(300)
for _ in range(300):
    nums = [rng.randint(-5, 5) for _ in range(rng.randint(0, 10))]
    want = max(
        (k for k in range(len(nums) + 1) for pos in itertools.combinations(range(len(nums)), k)
         if all(nums[a] < nums[b] for a, b in zip(pos, pos[1:]))),
        default=0,
    )
    assert length_of_lis(nums) == want
""",
    "alg-p-russian-doll-envelopes": """\
import itertools
import random
rng = random.Random(354)
for _ in range(300):
    env = [[rng.randint(1, 5), rng.randint(1, 5)] for _ in range(rng.randint(1, 7))]
    want = max(
        k
        for k in range(1, len(env) + 1)
        for chain in itertools.combinations(sorted(env), k)  # sorted by width: a nest must be in this order
        if all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
    )
    assert max_envelopes(env) == want
""",
    "alg-p-longest-common-subsequence": """\
import itertools
import random
rng = random.Random(1143)


def is_subsequence(small, big):
    it = iter(big)
    return all(ch in it for ch in small)


for _ in range(300):
    a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 7)))
    b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 7)))
    want = max(
        (k for k in range(len(a) + 1) for pos in itertools.combinations(range(len(a)), k)
         if is_subsequence([a[i] for i in pos], b)),
        default=0,
    )
    assert lcs_length(a, b) == want
""",
    "alg-p-edit-distance": """\
import random
rng = random.Random(72)
for _ in range(300):
    a = "".join(rng.choice("ab") for _ in range(rng.randint(0, 5)))
    b = "".join(rng.choice("ab") for _ in range(rng.randint(0, 5)))
    cap = max(len(a), len(b))  # deletions first, insertions last: no need to grow past the longer string
    dist, level = {a: 0}, [a]
    while b not in dist:  # BFS over strings, one insert, delete or substitute per step
        nxt = []
        for s in level:
            edits = {s[:i] + s[i + 1 :] for i in range(len(s))}
            edits |= {s[:i] + ch + s[i + 1 :] for i in range(len(s)) for ch in "ab"}
            if len(s) < cap:
                edits |= {s[:i] + ch + s[i:] for i in range(len(s) + 1) for ch in "ab"}
            for t in edits:
                if t not in dist:
                    dist[t] = dist[s] + 1
                    nxt.append(t)
        level = nxt
    assert edit_distance(a, b) == dist[b]
""",
}
