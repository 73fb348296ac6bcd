"""Brute-force checks for content/algorithms/problems/cache-design.md (its extra cases are in problem_extras.py)."""

BRUTE_FORCE: dict[str, str] = {
    "alg-p-lru-cache": """\
import random
rng = random.Random(146)
for _ in range(300):
    cap = rng.randint(1, 3)
    cache, ref = LRUCache(cap), []  # ref: [key, value] pairs, least recent first
    for _ in range(rng.randint(1, 20)):
        key = rng.randint(0, 4)
        found = [pair for pair in ref if pair[0] == key]
        if rng.random() < 0.5:
            want = found[0][1] if found else -1
            if found:
                ref.remove(found[0])
                ref.append(found[0])
            assert cache.get(key) == want
        else:
            value = rng.randint(0, 9)
            if found:
                ref.remove(found[0])
            ref.append([key, value])
            if len(ref) > cap:
                ref.pop(0)
            cache.put(key, value)
""",
    "alg-p-lfu-cache": """\
import random
rng = random.Random(460)
for _ in range(300):
    cap = rng.randint(1, 3)
    cache, ref, clock = LFUCache(cap), {}, 0  # ref: key -> [value, uses, last use]
    for _ in range(rng.randint(1, 20)):
        key, clock = rng.randint(0, 4), clock + 1
        if rng.random() < 0.5:
            if key in ref:
                ref[key][1] += 1
                ref[key][2] = clock
            assert cache.get(key) == (ref[key][0] if key in ref else -1)
        else:
            value = rng.randint(0, 9)
            if key in ref:
                ref[key] = [value, ref[key][1] + 1, clock]
            else:
                if len(ref) == cap:
                    victim = min(ref, key=lambda k: (ref[k][1], ref[k][2]))
                    del ref[victim]
                ref[key] = [value, 1, clock]
            cache.put(key, value)
""",
}
