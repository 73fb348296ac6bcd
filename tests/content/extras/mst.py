"""Extra cases and brute-force checks for content/algorithms/problems/mst.md.

The brute-force reference tries every set of n - 1 edges and keeps the cheapest one that connects all nodes: a
spanning tree by definition, with no greedy argument involved.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-min-cost-connect-points": """\
assert min_cost_connect_points([[5, -3], [-1, 4], [2, 2]]) == 13
assert min_cost_connect_points([[0, 0], [0, 0], [1, 0]]) == 1
assert min_cost_connect_points([[-(10**6), -(10**6)], [10**6, 10**6]]) == 4 * 10**6
line = [[i, 0] for i in range(1000)]
assert min_cost_connect_points(line) == 999
""",
    "alg-p-connect-cities-kruskal": """\
assert minimum_cost(2, []) == -1
assert minimum_cost(3, [[1, 2, 0], [2, 3, 0]]) == 0
n = 10**4
roads = [[i, i + 1, 1] for i in range(1, n)] + [[1, n, 0]]
assert minimum_cost(n, roads) == n - 2
""",
}

SPANNING_BRUTE = """\
import itertools


def brute_mst(n, edges):  # edges: (a, b, cost) on nodes 0..n-1
    best = None
    for chosen in itertools.combinations(edges, n - 1):
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        for a, b, _ in chosen:
            parent[find(a)] = find(b)
        if len({find(x) for x in range(n)}) == 1:
            cost = sum(c for _, _, c in chosen)
            best = cost if best is None else min(best, cost)
    return best
"""

BRUTE_FORCE: dict[str, str] = {
    "alg-p-min-cost-connect-points": SPANNING_BRUTE
    + """\
import random
rng = random.Random(1584)
for _ in range(300):
    pts = [[rng.randint(-5, 5), rng.randint(-5, 5)] for _ in range(rng.randint(1, 5))]
    n = len(pts)
    edges = [
        (i, j, abs(pts[i][0] - pts[j][0]) + abs(pts[i][1] - pts[j][1]))
        for i in range(n)
        for j in range(i + 1, n)
    ]
    assert min_cost_connect_points(pts) == (0 if n == 1 else brute_mst(n, edges))
""",
    "alg-p-connect-cities-kruskal": SPANNING_BRUTE
    + """\
import random
rng = random.Random(1135)
for _ in range(300):
    n = rng.randint(1, 5)
    roads = [[rng.randint(1, n), rng.randint(1, n), rng.randint(0, 9)] for _ in range(rng.randint(0, 7))]
    want = 0 if n == 1 else brute_mst(n, [(a - 1, b - 1, c) for a, b, c in roads])
    assert minimum_cost(n, roads) == (-1 if want is None else want)
""",
}
