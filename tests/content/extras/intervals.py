"""Extra cases and brute-force checks for content/algorithms/problems/intervals.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-meeting-rooms": """\
assert can_attend_all([[1, 2]]) is True
assert can_attend_all([[1, 3], [1, 3]]) is False
assert can_attend_all([[5, 8], [1, 5], [8, 9]]) is True
assert can_attend_all([[1, 10], [2, 3], [11, 12]]) is False
""",
    "alg-p-interval-intersections": """\
assert interval_intersection([], [[1, 2]]) == []
assert interval_intersection([[1, 10]], [[2, 3], [5, 6]]) == [[2, 3], [5, 6]]
assert interval_intersection([[1, 2]], [[2, 3]]) == [[2, 2]]
assert interval_intersection([[1, 2]], [[3, 4]]) == []
""",
    "alg-p-min-arrows-balloons": """\
assert find_min_arrows([[1, 2]]) == 1
assert find_min_arrows([[1, 10], [2, 3], [4, 5]]) == 2
assert find_min_arrows([[-(2**31), 2**31 - 1], [0, 0]]) == 1
assert find_min_arrows([[5, 9], [1, 4], [2, 6], [8, 12], [10, 11], [3, 5], [7, 8], [11, 14], [0, 3], [6, 7]]) == 3
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-meeting-rooms": """\
import random
rng = random.Random(252)
for _ in range(300):
    meetings = []
    for _ in range(rng.randint(0, 6)):
        s = rng.randint(0, 20)
        meetings.append([s, s + rng.randint(1, 5)])
    n = len(meetings)
    clash = any(
        max(meetings[i][0], meetings[j][0]) < min(meetings[i][1], meetings[j][1])
        for i in range(n) for j in range(i + 1, n)
    )
    assert can_attend_all(meetings) is (not clash)
""",
    "alg-p-merge-intervals": """\
import random
rng = random.Random(56)
for _ in range(300):
    intervals = []
    for _ in range(rng.randint(0, 6)):
        s = rng.randint(0, 15)
        intervals.append([s, s + rng.randint(0, 4)])
    covered = sorted({x for s, e in intervals for x in range(2 * s, 2 * e + 1)})  # doubled: touching merges
    want = []
    for x in covered:
        if want and x == want[-1][1] + 1:
            want[-1][1] = x
        else:
            want.append([x, x])
    assert merge_intervals([list(iv) for iv in intervals]) == [[a // 2, b // 2] for a, b in want]
""",
    "alg-p-meeting-rooms-ii": """\
import random
rng = random.Random(253)
for _ in range(300):
    meetings = []
    for _ in range(rng.randint(0, 7)):
        s = rng.randint(0, 15)
        meetings.append([s, s + rng.randint(1, 5)])
    busiest = max([0] + [sum(1 for s, e in meetings if s <= t < e) for t in range(25)])
    assert min_meeting_rooms(meetings) == busiest
""",
    "alg-p-non-overlapping-intervals": """\
import itertools
import random
rng = random.Random(435)
for _ in range(300):
    intervals = []
    for _ in range(rng.randint(0, 7)):
        s = rng.randint(0, 12)
        intervals.append([s, s + rng.randint(1, 4)])
    n, keep = len(intervals), 0
    for size in range(n, 0, -1):
        if any(
            all(b[0] >= a[1] for a, b in zip(sorted(c), sorted(c)[1:]))
            for c in itertools.combinations(intervals, size)
        ):
            keep = size
            break
    assert erase_overlap_intervals([list(iv) for iv in intervals]) == n - keep
""",
    "alg-p-interval-intersections": """\
import random
rng = random.Random(986)


def disjoint_list():
    out, x = [], rng.randint(0, 3)
    for _ in range(rng.randint(0, 4)):
        start = x
        end = start + rng.randint(0, 3)
        out.append([start, end])
        x = end + rng.randint(1, 3)
    return out


for _ in range(300):
    a, b = disjoint_list(), disjoint_list()
    want = sorted(
        [max(p[0], q[0]), min(p[1], q[1])] for p in a for q in b if max(p[0], q[0]) <= min(p[1], q[1])
    )
    assert interval_intersection(a, b) == want, (a, b)
""",
    "alg-p-min-arrows-balloons": """\
import itertools
import random
rng = random.Random(452)
for _ in range(300):
    balloons = []
    for _ in range(rng.randint(1, 5)):
        s = rng.randint(0, 10)
        balloons.append([s, s + rng.randint(0, 4)])
    spots = sorted({x for b in balloons for x in b})

    def bursts_all(shots):
        return all(any(s <= x <= e for x in shots) for s, e in balloons)

    fewest = next(
        size
        for size in range(1, len(balloons) + 1)
        if any(bursts_all(shots) for shots in itertools.combinations(spots, size))
    )
    assert find_min_arrows(balloons) == fewest, balloons
""",
    "alg-p-insert-interval": """\
import random
rng = random.Random(57)
for _ in range(300):
    intervals, x = [], rng.randint(0, 3)
    for _ in range(rng.randint(0, 4)):
        start = x
        end = start + rng.randint(0, 3)
        intervals.append([start, end])
        x = end + rng.randint(1, 3)
    s = rng.randint(0, 20)
    new = [s, s + rng.randint(0, 5)]
    merged = []
    for a, b in sorted(intervals + [new]):  # merge everything from scratch
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    assert insert_interval([list(iv) for iv in intervals], list(new)) == merged, (intervals, new)
""",
}
