"""Extra cases and brute-force checks for content/algorithms/problems/design.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-insert-delete-getrandom": """\
rs = RandomizedSet(seed=5)
assert rs.insert(7) and rs.remove(7) and not rs.remove(7) and rs.insert(7)
assert rs.get_random() == 7
for x in range(10):
    rs.insert(x)
assert rs.remove(9) and rs.remove(0) and rs.insert(0)
counts = {}
for _ in range(4000):
    v = rs.get_random()
    counts[v] = counts.get(v, 0) + 1
assert set(counts) == set(range(9))
assert all(abs(c - 4000 / 9) < 150 for c in counts.values())
""",
    "alg-p-hit-counter": """\
hc = HitCounter()
assert hc.get_hits(1) == 0
for _ in range(5):
    hc.hit(10)
assert hc.get_hits(10) == 5 and hc.get_hits(309) == 5 and hc.get_hits(310) == 0
hc.hit(1000)
assert hc.get_hits(1000) == 1
hc = HitCounter()
for t in range(1, 2001):
    for _ in range(3):
        hc.hit(t)  # hits of one second share one bucket
hc.get_hits(2000)
assert len(hc.buckets) <= 300 and hc.get_hits(2000) == 900
""",
    "alg-p-circular-queue": """\
q = MyCircularQueue(1)
assert q.is_empty() and q.front() == -1 and q.rear() == -1 and not q.de_queue()
assert q.en_queue(5) and q.is_full() and not q.en_queue(6)
assert q.front() == 5 and q.rear() == 5 and q.de_queue() and q.is_empty()
q = MyCircularQueue(2)
for x in range(10):
    assert q.en_queue(x) and q.front() == x and q.de_queue()
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-insert-delete-getrandom": """\
import random
rng = random.Random(380)
for _ in range(300):
    rs, ref = RandomizedSet(seed=rng.randrange(10**9)), set()
    for _ in range(rng.randint(1, 20)):
        x = rng.randint(0, 5)
        if rng.random() < 0.5:
            assert rs.insert(x) is (x not in ref)
            ref.add(x)
        else:
            assert rs.remove(x) is (x in ref)
            ref.discard(x)
        assert sorted(rs.values) == sorted(ref) and all(rs.values[i] == v for v, i in rs.index.items())
        if ref:
            assert rs.get_random() in ref
""",
    "alg-p-hit-counter": """\
import random
rng = random.Random(362)
for _ in range(300):
    hc, hits, t = HitCounter(), [], 1
    for _ in range(rng.randint(1, 25)):
        t += rng.choice([0, 0, 1, 50, 299, 300, 301])
        if rng.random() < 0.6:
            hc.hit(t)
            hits.append(t)
        else:
            assert hc.get_hits(t) == sum(1 for h in hits if t - 300 < h <= t)
""",
    "alg-p-circular-queue": """\
import random
from collections import deque
rng = random.Random(622)
for _ in range(300):
    k = rng.randint(1, 4)
    q, ref = MyCircularQueue(k), deque()
    for _ in range(rng.randint(1, 25)):
        if rng.random() < 0.5:
            x = rng.randint(0, 9)
            assert q.en_queue(x) is (len(ref) < k)
            if len(ref) < k:
                ref.append(x)
        else:
            assert q.de_queue() is bool(ref)
            if ref:
                ref.popleft()
        assert q.front() == (ref[0] if ref else -1) and q.rear() == (ref[-1] if ref else -1)
        assert q.is_empty() is (not ref) and q.is_full() is (len(ref) == k)
""",
}
