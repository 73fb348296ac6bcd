"""Extra cases and brute-force checks for content/algorithms/problems/topological-sort.md.

The first-release cards' extra cases live in ../problem_extras.py. References: a cycle exists when some node reaches
itself; an alphabet order exists when some permutation of the letters sorts the word list.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-min-height-trees": """\
assert find_min_height_trees(3, [[0, 1], [1, 2]]) == [1]
assert find_min_height_trees(4, [[0, 1], [1, 2], [2, 3]]) == [1, 2]
n = 2 * 10**4
assert find_min_height_trees(n, [[i, i + 1] for i in range(n - 1)]) == [n // 2 - 1, n // 2]
assert find_min_height_trees(n, [[0, i] for i in range(1, n)]) == [0]
""",
}

CYCLE = """\
def has_cycle(n, pairs):
    succ = [[] for _ in range(n)]
    for a, b in pairs:
        succ[b].append(a)
    for s in range(n):  # does s reach itself?
        seen, stack = set(), list(succ[s])
        while stack:
            v = stack.pop()
            if v == s:
                return True
            if v not in seen:
                seen.add(v)
                stack.extend(succ[v])
    return False
"""

BRUTE_FORCE: dict[str, str] = {
    "alg-p-course-schedule": CYCLE
    + """\
import random
rng = random.Random(207)
for _ in range(300):
    n = rng.randint(1, 7)
    pairs = [[rng.randrange(n), rng.randrange(n)] for _ in range(rng.randint(0, 8))]
    assert can_finish(n, pairs) == (not has_cycle(n, pairs))
""",
    "alg-p-course-order": CYCLE
    + """\
import random
rng = random.Random(210)
for _ in range(300):
    n = rng.randint(1, 7)
    pairs = [[rng.randrange(n), rng.randrange(n)] for _ in range(rng.randint(0, 8))]
    order = find_order(n, pairs)
    if has_cycle(n, pairs):
        assert order == []
    else:
        pos = {c: i for i, c in enumerate(order)}
        assert sorted(order) == list(range(n)) and all(pos[b] < pos[a] for a, b in pairs)
""",
    "alg-p-alien-dictionary": """\
import itertools
import random
rng = random.Random(269)
for _ in range(300):
    if rng.random() < 0.5:  # words really sorted in a hidden alphabet
        rank = {ch: i for i, ch in enumerate(rng.sample("abcd", 4))}
        pool = ["".join(rng.choice("abcd") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))]
        words = sorted(pool, key=lambda w: [rank[ch] for ch in w])
    else:
        words = ["".join(rng.choice("abc") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 5))]
    letters = sorted({ch for w in words for ch in w})
    possible = any(consistent("".join(p), words) for p in itertools.permutations(letters))
    got = alien_order(words)
    if possible:
        assert sorted(got) == letters and consistent(got, words)
    else:
        assert got == ""
""",
    "alg-p-min-height-trees": """\
import random
from collections import deque

rng = random.Random(310)
for _ in range(300):
    n = rng.randint(1, 10)
    edges = [[rng.randrange(i), i] for i in range(1, n)]
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    heights = []
    for root in range(n):  # BFS height from every root
        dist = {root: 0}
        queue = deque([root])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        heights.append(max(dist.values()))
    want = [r for r in range(n) if heights[r] == min(heights)]
    assert find_min_height_trees(n, edges) == want
""",
}
