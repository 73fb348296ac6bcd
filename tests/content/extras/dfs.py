"""Extra cases and brute-force checks for content/algorithms/problems/dfs.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-pacific-atlantic": """\
assert pacific_atlantic([[1, 2, 3]]) == [[0, 0], [0, 1], [0, 2]]
assert pacific_atlantic([[1], [2]]) == [[0, 0], [1, 0]]
assert pacific_atlantic([[3, 3], [3, 3]]) == [[0, 0], [0, 1], [1, 0], [1, 1]]
assert pacific_atlantic([[9, 1, 9], [1, 0, 1], [9, 1, 9]]) == [[0, 2], [2, 0]]
big = [[(r * 7 + c * 3) % 10 for c in range(200)] for r in range(200)]
assert len(pacific_atlantic(big)) > 0
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-pacific-atlantic": """\
import random
rng = random.Random(417)
for _ in range(300):
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    h = [[rng.randint(0, 4) for _ in range(n)] for _ in range(m)]
    want = []
    for r in range(m):
        for c in range(n):
            seen, stack, pac, atl = {(r, c)}, [(r, c)], False, False
            while stack:  # follow the water downhill from this one cell
                i, j = stack.pop()
                pac |= i == 0 or j == 0
                atl |= i == m - 1 or j == n - 1
                for a, b in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                    if 0 <= a < m and 0 <= b < n and (a, b) not in seen and h[a][b] <= h[i][j]:
                        seen.add((a, b))
                        stack.append((a, b))
            if pac and atl:
                want.append([r, c])
    assert pacific_atlantic(h) == want
""",
    "alg-p-number-of-islands": """\
import random
rng = random.Random(200)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    g = [[rng.choice("01") for _ in range(n)] for _ in range(m)]
    label = {}
    for r in range(m):  # naive labelling: relabel until no neighbouring land cells disagree
        for c in range(n):
            if g[r][c] == "1":
                label[(r, c)] = (r, c)
    changed = True
    while changed:
        changed = False
        for (r, c), lab in list(label.items()):
            for nb in ((r + 1, c), (r, c + 1), (r - 1, c), (r, c - 1)):
                if nb in label and label[nb] < label[(r, c)]:
                    label[(r, c)] = label[nb]
                    changed = True
    assert num_islands(g) == len(set(label.values()))
""",
}
