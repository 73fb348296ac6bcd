"""Extra cases and brute-force checks for content/algorithms/problems/bfs.md.

The first-release cards' extra cases live in ../problem_extras.py; their brute-force checks are here, with slow
references: relaxation until nothing changes, and all-pairs word comparison.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-is-bipartite": """\
assert is_bipartite([[1], [0]])
assert is_bipartite([[], [], []])
assert not is_bipartite([[1, 2], [0, 2], [0, 1]])
ring = [[(i - 1) % 100, (i + 1) % 100] for i in range(100)]  # even cycle
assert is_bipartite(ring)
ring = [[(i - 1) % 99, (i + 1) % 99] for i in range(99)] + [[]]  # odd cycle
assert not is_bipartite(ring)
""",
    "alg-p-shortest-path-obstacle-elimination": """\
assert shortest_path([[0, 0]], 0) == 1
assert shortest_path([[0, 1, 0]], 1) == 2
assert shortest_path([[0, 1, 0]], 0) == -1
g = [[0] * 40 for _ in range(40)]
for r in range(1, 40, 2):
    for c in range(40):
        g[r][c] = 1
    g[r][0 if r % 4 == 1 else 39] = 0  # a snake that needs no removals
assert shortest_path(g, 0) == 39 * 19 + 39
assert shortest_path(g, 10) == 78  # down the right edge: 10 walls
assert shortest_path(g, 10**4) == 78
assert shortest_path(g, 19) == 78
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-rotting-oranges": """\
import random
rng = random.Random(994)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[rng.choice((0, 1, 1, 2)) for _ in range(n)] for _ in range(m)]
    cur, minutes = [row[:] for row in g], 0
    while True:  # simulate one minute at a time
        nxt = [row[:] for row in cur]
        for r in range(m):
            for c in range(n):
                if cur[r][c] == 1 and any(
                    0 <= a < m and 0 <= b < n and cur[a][b] == 2
                    for a, b in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1))
                ):
                    nxt[r][c] = 2
        if nxt == cur:
            break
        cur, minutes = nxt, minutes + 1
    want = -1 if any(1 in row for row in cur) else minutes
    assert oranges_rotting(g) == want
""",
    "alg-p-word-ladder": """\
import random
from collections import deque

rng = random.Random(127)
for _ in range(300):
    length = rng.randint(1, 3)
    pool = ["".join(rng.choice("abc") for _ in range(length)) for _ in range(rng.randint(1, 12))]
    words = sorted(set(pool))
    begin, end = rng.choice(pool), rng.choice(pool)
    if rng.random() < 0.3:
        begin = "".join(rng.choice("abc") for _ in range(length))
    nodes = [begin] + words

    def adjacent(a, b):
        return sum(x != y for x, y in zip(a, b)) == 1

    dist = {begin: 1}
    queue = deque([begin])
    while queue:  # BFS comparing every pair of words
        u = queue.popleft()
        for v in words:
            if v not in dist and adjacent(u, v):
                dist[v] = dist[u] + 1
                queue.append(v)
    want = dist.get(end, 0) if end in words else 0
    assert ladder_length(begin, end, list(words)) == want, (begin, end, words)
""",
    "alg-p-shortest-path-binary-matrix": """\
import random
rng = random.Random(1091)
for _ in range(300):
    n = rng.randint(1, 5)
    g = [[1 if rng.random() < 0.3 else 0 for _ in range(n)] for _ in range(n)]
    inf = float("inf")
    dist = [[inf] * n for _ in range(n)]
    if not g[0][0]:
        dist[0][0] = 1
    changed = True
    while changed:  # relax every cell until nothing improves
        changed = False
        for r in range(n):
            for c in range(n):
                if g[r][c] or dist[r][c] == inf:
                    continue
                for a in range(max(0, r - 1), min(n, r + 2)):
                    for b in range(max(0, c - 1), min(n, c + 2)):
                        if not g[a][b] and dist[r][c] + 1 < dist[a][b]:
                            dist[a][b] = dist[r][c] + 1
                            changed = True
    want = -1 if dist[n - 1][n - 1] == inf else dist[n - 1][n - 1]
    assert shortest_path_binary_matrix(g) == want
""",
    "alg-p-is-bipartite": """\
import itertools
import random
rng = random.Random(785)
for _ in range(300):
    n = rng.randint(1, 8)
    edges = [(a, b) for a, b in itertools.combinations(range(n), 2) if rng.random() < 0.3]
    graph = [[] for _ in range(n)]
    for a, b in edges:
        graph[a].append(b)
        graph[b].append(a)
    want = any(
        all(side[a] != side[b] for a, b in edges) for side in itertools.product((0, 1), repeat=n)
    )
    assert is_bipartite(graph) == want
""",
    "alg-p-shortest-path-obstacle-elimination": """\
import random
from collections import deque

rng = random.Random(1293)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    density = rng.uniform(0.2, 0.6)
    g = [[1 if rng.random() < density else 0 for _ in range(n)] for _ in range(m)]
    g[0][0] = g[m - 1][n - 1] = 0
    k = rng.randint(0, 3)
    dist = {(0, 0, k): 0}  # BFS over every state (cell, removals left), no pruning
    queue = deque([(0, 0, k)])
    want = -1
    while queue:
        r, c, left = queue.popleft()
        if (r, c) == (m - 1, n - 1):
            want = dist[r, c, left]
            break
        for a, b in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= a < m and 0 <= b < n and left - g[a][b] >= 0 and (a, b, left - g[a][b]) not in dist:
                dist[a, b, left - g[a][b]] = dist[r, c, left] + 1
                queue.append((a, b, left - g[a][b]))
    assert shortest_path(g, k) == want
""",
}
