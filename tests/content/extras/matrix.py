"""Extra cases and brute-force checks for content/algorithms/problems/matrix.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-set-matrix-zeroes": """\
g = [[0]]
set_zeroes(g)
assert g == [[0]]
g = [[1, 0, 3]]
set_zeroes(g)
assert g == [[0, 0, 0]]
g = [[1], [0], [3]]
set_zeroes(g)
assert g == [[0], [0], [0]]
g = [[1, 2], [3, 4]]
set_zeroes(g)
assert g == [[1, 2], [3, 4]]
g = [[1, 1, 1], [1, 1, 1], [1, 1, 0]]
set_zeroes(g)
assert g == [[1, 1, 0], [1, 1, 0], [0, 0, 0]]
""",
    "alg-p-game-of-life": """\
b = [[1]]
game_of_life(b)
assert b == [[0]]
b = [[1, 1], [1, 1]]  # a block is stable
game_of_life(b)
assert b == [[1, 1], [1, 1]]
b = [[1, 1], [1, 0]]
game_of_life(b)
assert b == [[1, 1], [1, 1]]
b = [[0, 0, 0], [1, 1, 1], [0, 0, 0]]
game_of_life(b)
assert b == [[0, 1, 0], [0, 1, 0], [0, 1, 0]]
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-set-matrix-zeroes": """\
import random
rng = random.Random(73)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[rng.choice([0, 1, 1, 2, 3]) for _ in range(n)] for _ in range(m)]
    rows = {r for r in range(m) for c in range(n) if g[r][c] == 0}
    cols = {c for r in range(m) for c in range(n) if g[r][c] == 0}
    want = [[0 if r in rows or c in cols else g[r][c] for c in range(n)] for r in range(m)]
    set_zeroes(g)
    assert g == want
""",
    "alg-p-search-sorted-matrix": """\
import random
rng = random.Random(240)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    g = [[0] * n for _ in range(m)]
    for r in range(m):
        for c in range(n):
            g[r][c] = max(g[r - 1][c] if r else 0, g[r][c - 1] if c else 0) + rng.randint(0, 3)
    t = rng.randint(-1, g[-1][-1] + 1)
    assert search_matrix(g, t) is any(t in row for row in g)
""",
    "alg-p-spiral-order": """\
import random
rng = random.Random(54)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    g = [[r * n + c for c in range(n)] for r in range(m)]
    want, grid = [], [row[:] for row in g]
    while grid:  # peel the first row, then rotate the rest counter-clockwise
        want += grid.pop(0)
        grid = [list(row) for row in zip(*grid)][::-1]
    assert spiral_order(g) == want
""",
    "alg-p-rotate-image": """\
import random
rng = random.Random(48)
for _ in range(300):
    n = rng.randint(1, 6)
    g = [[rng.randint(0, 9) for _ in range(n)] for _ in range(n)]
    want = [[g[n - 1 - c][r] for c in range(n)] for r in range(n)]
    rotate(g)
    assert g == want
""",
    "alg-p-game-of-life": """\
import random
rng = random.Random(289)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    b = [[rng.randint(0, 1) for _ in range(n)] for _ in range(m)]
    old = [row[:] for row in b]

    def alive_next(r, c):
        live = sum(
            old[i][j]
            for i in range(r - 1, r + 2)
            for j in range(c - 1, c + 2)
            if (i, j) != (r, c) and 0 <= i < m and 0 <= j < n
        )
        return 1 if live == 3 or (live == 2 and old[r][c]) else 0

    want = [[alive_next(r, c) for c in range(n)] for r in range(m)]
    game_of_life(b)
    assert b == want
""",
}
