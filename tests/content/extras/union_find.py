"""Extra cases and brute-force checks for content/algorithms/problems/union-find.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-graph-valid-tree": """\
assert valid_tree(2, [[0, 1]]) is True
assert valid_tree(2, []) is False
assert valid_tree(3, [[0, 1]]) is False
assert valid_tree(4, [[0, 1], [2, 3], [1, 2]]) is True
assert valid_tree(4, [[0, 1], [1, 2], [2, 0], [0, 3], [1, 3]]) is False
assert valid_tree(2000, [[i, i + 1] for i in range(1999)]) is True
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-graph-valid-tree": """\
import itertools
import random
rng = random.Random(261)
for _ in range(300):
    n = rng.randint(1, 7)
    pairs = list(itertools.combinations(range(n), 2))
    edges = [list(p) for p in rng.sample(pairs, rng.randint(0, min(len(pairs), n + 1)))]
    reach, frontier = {0}, [0]
    while frontier:  # plain graph search from node 0
        v = frontier.pop()
        for a, b in edges:
            for x, y in ((a, b), (b, a)):
                if x == v and y not in reach:
                    reach.add(y)
                    frontier.append(y)
    assert valid_tree(n, edges) is (len(reach) == n and len(edges) == n - 1)
""",
    "alg-p-count-components": """\
import random
rng = random.Random(323)
for _ in range(300):
    n = rng.randint(0, 8)
    edges = [[rng.randrange(n), rng.randrange(n)] for _ in range(rng.randint(0, 8))] if n else []
    left, comps = set(range(n)), 0
    while left:
        comps += 1
        frontier = [left.pop()]
        while frontier:
            v = frontier.pop()
            for a, b in edges:
                for x, y in ((a, b), (b, a)):
                    if x == v and y in left:
                        left.remove(y)
                        frontier.append(y)
    assert count_components(n, edges) == comps
""",
}
