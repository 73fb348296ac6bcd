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
    "alg-p-surrounded-regions": """\
board = [list("O")]
capture(board)
assert board == [["O"]]
board = [list("XXXXX"), list("XOXOX"), list("XOOOX"), list("XXXOX")]
capture(board)
assert ["".join(r) for r in board] == ["XXXXX", "XOXOX", "XOOOX", "XXXOX"]  # joined to the edge
board = [list("X" * 200)] + [list("X" + "O" * 198 + "X") for _ in range(198)] + [list("X" * 200)]
capture(board)
assert all(ch == "X" for row in board for ch in row)
""",
    "alg-p-critical-connections": """\
assert critical_connections(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]]) == []
assert critical_connections(6, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 5], [5, 3]]) == [[2, 3]]
n = 2 * 10**4  # far deeper than Python's recursion limit
chain = [[i, i + 1] for i in range(n - 1)]
assert critical_connections(n, chain) == chain
assert critical_connections(n, chain + [[n - 1, 0]]) == []
""",
    "alg-p-reconstruct-itinerary": """\
t = [["JFK", "AAA"], ["JFK", "AAA"], ["AAA", "JFK"]]
assert find_itinerary(t) == ["JFK", "AAA", "JFK", "AAA"]
t = [["JFK", "AMS"], ["JFK", "OSL"], ["OSL", "JFK"]]  # AMS first is a dead end
assert find_itinerary(t) == ["JFK", "OSL", "JFK", "AMS"]
loop = [["JFK", "ZZZ"], ["ZZZ", "JFK"]] * 150
assert find_itinerary(loop) == ["JFK", "ZZZ"] * 150 + ["JFK"]
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
    "alg-p-clone-graph": """\
import random
rng = random.Random(133)
for _ in range(300):
    n = rng.randint(1, 8)
    adj = [[] for _ in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            if rng.random() < 0.4:
                adj[a].append(b + 1)
                adj[b].append(a + 1)
    for i in range(1, n):  # connect node i + 1 to an earlier node, so the graph is connected
        j = rng.randrange(i)
        if j + 1 not in adj[i]:
            adj[i].append(j + 1)
            adj[j].append(i + 1)
    g = build(adj)
    originals = set()
    stack = [g]
    while stack:
        node = stack.pop()
        if node not in originals:
            originals.add(node)
            stack.extend(node.neighbors)
    c = clone_graph(g)
    copies = set()
    stack = [c]
    while stack:
        node = stack.pop()
        if node not in copies:
            copies.add(node)
            stack.extend(node.neighbors)
    assert not (copies & originals) and len(copies) == n  # all new nodes
    assert to_adj(c) == {i + 1: adj[i] for i in range(n)}  # same values, same neighbour order
""",
    "alg-p-all-paths-dag": """\
import itertools
import random
rng = random.Random(797)
for _ in range(300):
    n = rng.randint(2, 8)
    graph = [[j for j in range(i + 1, n) if rng.random() < 0.5] for i in range(n)]  # edges go forward: a DAG
    for nbs in graph:
        rng.shuffle(nbs)
    edges = {(i, j) for i in range(n) for j in graph[i]}
    want = []
    for k in range(n - 1):  # every increasing sequence 0, ..., n - 1 whose steps are edges
        for middle in itertools.combinations(range(1, n - 1), k):
            path = [0, *middle, n - 1]
            if all(step in edges for step in zip(path, path[1:])):
                want.append(path)
    assert sorted(all_paths(graph)) == sorted(want)
""",
    "alg-p-surrounded-regions": """\
import random
from collections import deque

rng = random.Random(130)
for _ in range(300):
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    board = [[rng.choice("XO") for _ in range(n)] for _ in range(m)]
    want = [row[:] for row in board]
    for r in range(m):
        for c in range(n):
            if board[r][c] != "O":
                continue
            seen, queue, edge = {(r, c)}, deque([(r, c)]), False
            while queue:  # this cell's own region
                i, j = queue.popleft()
                edge |= i in (0, m - 1) or j in (0, n - 1)
                for a, b in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                    if 0 <= a < m and 0 <= b < n and board[a][b] == "O" and (a, b) not in seen:
                        seen.add((a, b))
                        queue.append((a, b))
            if not edge:
                want[r][c] = "X"
    capture(board)
    assert board == want
""",
    "alg-p-critical-connections": """\
import random
rng = random.Random(1192)


def components(n, edges):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    return len({find(x) for x in range(n)})


for _ in range(300):
    n = rng.randint(2, 9)
    edges = {tuple(sorted((i, rng.randrange(i)))) for i in range(1, n)}  # a random spanning tree
    for _ in range(rng.randint(0, n)):
        a, b = rng.sample(range(n), 2)
        edges.add((min(a, b), max(a, b)))
    edges = [list(e) for e in edges]
    rng.shuffle(edges)
    want = sorted(sorted(e) for e in edges if components(n, [f for f in edges if f is not e]) > 1)
    assert critical_connections(n, edges) == want
""",
    "alg-p-reconstruct-itinerary": """\
import itertools
import random
rng = random.Random(332)
for _ in range(300):
    here, tickets = "JFK", []
    for _ in range(rng.randint(1, 6)):  # a random trip, so a valid itinerary exists
        nxt = rng.choice([a for a in ("JFK", "AAA", "BBB", "CCC") if a != here])
        tickets.append([here, nxt])
        here = nxt
    rng.shuffle(tickets)
    best = None
    for order in itertools.permutations(tickets):
        if order[0][0] == "JFK" and all(a[1] == b[0] for a, b in zip(order, order[1:])):
            trip = [order[0][0]] + [t[1] for t in order]
            best = trip if best is None else min(best, trip)
    assert find_itinerary(tickets) == best
""",
}
