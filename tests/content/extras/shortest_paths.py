"""Extra cases and brute-force checks for content/algorithms/problems/shortest-paths.md.

The first-release cards' extra cases live in ../problem_extras.py. The references here are Bellman-Ford style
relaxation until nothing changes, threshold search with plain reachability, and exhaustive walks.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-city-fewest-reachable": """\
assert find_the_city(2, [], 1) == 1
assert find_the_city(3, [[0, 1, 1], [1, 2, 1], [0, 2, 1]], 1) == 2
assert find_the_city(4, [[0, 1, 10], [0, 1, 1], [2, 3, 1]], 1) == 3
line = [[i, i + 1, 1] for i in range(99)]
assert find_the_city(100, line, 1) == 99  # the two ends reach one city each
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-network-delay-time": """\
import random
rng = random.Random(743)
for _ in range(300):
    n = rng.randint(1, 6)
    times = [[rng.randint(1, n), rng.randint(1, n), rng.randint(0, 9)] for _ in range(rng.randint(0, 12))]
    k = rng.randint(1, n)
    inf = float("inf")
    dist = {v: inf for v in range(1, n + 1)}
    dist[k] = 0
    for _ in range(n):  # Bellman-Ford: n - 1 rounds suffice, one more changes nothing
        for u, v, w in times:
            dist[v] = min(dist[v], dist[u] + w)
    worst = max(dist.values())
    assert network_delay_time(times, n, k) == (-1 if worst == inf else worst)
""",
    "alg-p-path-min-effort": """\
import random
rng = random.Random(1631)
for _ in range(300):
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    h = [[rng.randint(0, 9) for _ in range(n)] for _ in range(m)]

    def reachable(limit):  # can we cross using steps no steeper than limit?
        seen, stack = {(0, 0)}, [(0, 0)]
        while stack:
            r, c = stack.pop()
            for a, b in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= a < m and 0 <= b < n and (a, b) not in seen and abs(h[a][b] - h[r][c]) <= limit:
                    seen.add((a, b))
                    stack.append((a, b))
        return (m - 1, n - 1) in seen

    assert minimum_effort_path(h) == min(e for e in range(10) if reachable(e))
""",
    "alg-p-cheapest-flights-k-stops": """\
import random
rng = random.Random(787)
for _ in range(300):
    n = rng.randint(2, 5)
    pairs = {(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(1, 8))}
    flights = [[a, b, rng.randint(1, 20)] for a, b in pairs if a != b]
    src, dst, k = rng.randrange(n), rng.randrange(n), rng.randint(0, 3)
    best = 0 if src == dst else None

    def walk(u, cost, used):  # every walk with at most k + 1 flights
        global best
        if used == k + 1:
            return
        for a, b, p in flights:
            if a == u:
                if b == dst and (best is None or cost + p < best):
                    best = cost + p
                walk(b, cost + p, used + 1)

    walk(src, 0, 0)
    assert find_cheapest_price(n, flights, src, dst, k) == (-1 if best is None else best)
""",
    "alg-p-city-fewest-reachable": """\
import random
rng = random.Random(1334)
for _ in range(300):
    n = rng.randint(2, 6)
    roads = [[a, b, rng.randint(1, 9)] for a in range(n) for b in range(a + 1, n) if rng.random() < 0.4]
    threshold = rng.randint(1, 15)
    counts = []
    for s in range(n):  # Bellman-Ford from every city
        dist = [float("inf")] * n
        dist[s] = 0
        for _ in range(n):
            for a, b, w in roads:
                dist[b] = min(dist[b], dist[a] + w)
                dist[a] = min(dist[a], dist[b] + w)
        counts.append(sum(1 for j in range(n) if j != s and dist[j] <= threshold))
    want = max(i for i in range(n) if counts[i] == min(counts))
    assert find_the_city(n, roads, threshold) == want
""",
}
