"""Extra cases and brute-force checks for content/algorithms/problems/dp-grid.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-unique-paths": """\
assert unique_paths(1, 10) == 1
assert unique_paths(10, 1) == 1
assert unique_paths(2, 2) == 2
assert unique_paths(4, 6) == 56
assert unique_paths(17, 11) == 5311735
assert unique_paths(100, 100) == 22750883079422934966181954039568885395604168260154104734000
""",
    "alg-p-longest-increasing-path": """\
assert longest_increasing_path([[1, 2, 3, 4]]) == 4
assert longest_increasing_path([[1], [3], [2]]) == 2
assert longest_increasing_path([[0, 2**31 - 1]]) == 2
snake = [[r * 200 + (c if r % 2 == 0 else 199 - c) for c in range(200)] for r in range(200)]
assert longest_increasing_path(snake) == 40000
""",
    "alg-p-dungeon-game": """\
assert calculate_minimum_hp([[5]]) == 1
assert calculate_minimum_hp([[-3, 5]]) == 4
assert calculate_minimum_hp([[100], [-1000]]) == 901
assert calculate_minimum_hp([[0, -1], [-1, 0]]) == 2
assert calculate_minimum_hp([[-1] * 200 for _ in range(200)]) == 400
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
    "alg-p-longest-increasing-path": """\
import random
rng = random.Random(329)
for _ in range(300):
    m, n = rng.randint(1, 3), rng.randint(1, 4)
    g = [[rng.randint(0, 5) for _ in range(n)] for _ in range(m)]

    def longest_from(r, c):  # walk every increasing path, no memo
        out = 1
        for a, b in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= a < m and 0 <= b < n and g[a][b] > g[r][c]:
                out = max(out, 1 + longest_from(a, b))
        return out

    want = max(longest_from(r, c) for r in range(m) for c in range(n))
    assert longest_increasing_path(g) == want
""",
    "alg-p-dungeon-game": """\
import itertools
import random
rng = random.Random(174)
for _ in range(300):
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    g = [[rng.randint(-9, 9) for _ in range(n)] for _ in range(m)]
    best = None
    for downs in itertools.combinations(range(m + n - 2), m - 1):  # every right/down path
        r = c = 0
        total, lowest = g[0][0], g[0][0]
        for step in range(m + n - 2):
            if step in downs:
                r += 1
            else:
                c += 1
            total += g[r][c]
            lowest = min(lowest, total)
        need = max(1, 1 - lowest)  # health + every prefix sum must stay >= 1
        best = need if best is None else min(best, need)
    assert calculate_minimum_hp(g) == best
""",
}
