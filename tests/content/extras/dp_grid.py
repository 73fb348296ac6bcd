"""Extra cases and brute-force checks for content/algorithms/problems/dp-grid.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-unique-paths": """\
assert unique_paths(1, 10) == 1
assert unique_paths(10, 1) == 1
assert unique_paths(2, 2) == 2
assert unique_paths(7, 3) == 28
assert unique_paths(23, 12) == 193536720
assert unique_paths(100, 100) == 22750883079422934966181954039568885395604168260154104734000
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-unique-paths": """\
import itertools
import random
rng = random.Random(62)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    moves = (m - 1) + (n - 1)
    count = sum(1 for seq in itertools.product("DR", repeat=moves) if seq.count("D") == m - 1)
    assert unique_paths(m, n) == count
""",
    "alg-p-unique-paths-obstacles": """\
import random
rng = random.Random(63)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[1 if rng.random() < 0.2 else 0 for _ in range(n)] for _ in range(m)]

    def walks(r, c):
        if r >= m or c >= n or g[r][c]:
            return 0
        if (r, c) == (m - 1, n - 1):
            return 1
        return walks(r + 1, c) + walks(r, c + 1)

    assert unique_paths_with_obstacles(g) == walks(0, 0)
""",
    "alg-p-min-path-sum": """\
import random
rng = random.Random(64)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[rng.randint(0, 9) for _ in range(n)] for _ in range(m)]

    def cheapest(r, c):
        if (r, c) == (m - 1, n - 1):
            return g[r][c]
        options = []
        if r + 1 < m:
            options.append(cheapest(r + 1, c))
        if c + 1 < n:
            options.append(cheapest(r, c + 1))
        return g[r][c] + min(options)

    assert min_path_sum(g) == cheapest(0, 0)
""",
    "alg-p-maximal-square": """\
import random
rng = random.Random(221)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[rng.choice("0111") for _ in range(n)] for _ in range(m)]
    best = 0
    for r in range(m):
        for c in range(n):
            for k in range(1, min(m - r, n - c) + 1):
                if all(g[i][j] == "1" for i in range(r, r + k) for j in range(c, c + k)):
                    best = max(best, k * k)
    assert maximal_square(g) == best
""",
}
