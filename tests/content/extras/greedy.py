"""Extra cases and brute-force checks for content/algorithms/problems/greedy.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-best-time-stock-ii": """\
assert max_profit_unlimited([5]) == 0
assert max_profit_unlimited([1, 5, 1, 5]) == 8
assert max_profit_unlimited([3, 3, 3]) == 0
assert max_profit_unlimited([2, 1, 2, 0, 1]) == 2
""",
    "alg-p-candy": """\
assert candy([1, 2, 3]) == 6
assert candy([3, 2, 1]) == 6
assert candy([2, 2, 2]) == 3
assert candy([5, 1, 4, 4, 6, 2]) == 9
assert candy(list(range(20000))) == 20000 * 20001 // 2
""",
    "alg-p-hand-of-straights": """\
assert is_n_straight_hand([1], 1) is True
assert is_n_straight_hand([1, 2], 3) is False
assert is_n_straight_hand([1, 3], 2) is False
assert is_n_straight_hand([8, 10, 12], 3) is False
assert is_n_straight_hand([10**9 - 1, 10**9], 2) is True
""",
    "alg-p-task-scheduler": """\
assert least_interval(["A"], 100) == 1
assert least_interval(["A", "A", "B", "B"], 1) == 4
assert least_interval(["A"] * 4 + ["B"] * 4 + ["C"] * 2, 3) == 14
assert least_interval(["A"] * 3 + ["B"] * 3 + ["C"] * 3, 1) == 9
assert least_interval(["A"] * 10000, 100) == 9999 * 101 + 1
""",
    "alg-p-partition-labels": """\
assert partition_labels("a") == [1]
assert partition_labels("abca") == [4]
assert partition_labels("abab" + "cdcd") == [4, 4]
assert partition_labels("fggfhhjkjk") == [4, 2, 4]
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-best-time-stock-ii": """\
import random
rng = random.Random(122)
for _ in range(300):
    prices = [rng.randint(0, 9) for _ in range(rng.randint(1, 9))]

    def best(day, holding):
        # Try every action on every day: wait, buy (if not holding) or sell (if holding).
        if day == len(prices):
            return 0
        options = [best(day + 1, holding)]
        if holding:
            options.append(prices[day] + best(day, False))
        else:
            options.append(-prices[day] + best(day + 1, True))
        return max(options)

    assert max_profit_unlimited(prices) == best(0, False), prices
""",
    "alg-p-candy": """\
import random
rng = random.Random(135)
for _ in range(300):
    ratings = [rng.randint(0, 4) for _ in range(rng.randint(1, 10))]
    n = len(ratings)
    give = [1] * n
    changed = True
    while changed:  # raise any child that breaks a rule, until none does
        changed = False
        for i in range(n):
            for j in (i - 1, i + 1):
                if 0 <= j < n and ratings[i] > ratings[j] and give[i] <= give[j]:
                    give[i] = give[j] + 1
                    changed = True
    assert candy(ratings) == sum(give), ratings
""",
    "alg-p-hand-of-straights": """\
import itertools
import random
rng = random.Random(846)
for _ in range(300):
    w = rng.randint(1, 3)
    hand = [rng.randint(1, 5) for _ in range(w * rng.randint(1, 6 // w))]
    want = any(
        all(sorted(p[i : i + w]) == list(range(min(p[i : i + w]), min(p[i : i + w]) + w)) for i in range(0, len(p), w))
        for p in itertools.permutations(hand)
    )
    assert is_n_straight_hand(hand, w) is want, (hand, w)
""",
    "alg-p-jump-game": """\
import random
rng = random.Random(55)
for _ in range(300):
    nums = [rng.randint(0, 3) for _ in range(rng.randint(1, 10))]
    reach, frontier = {0}, [0]
    while frontier:
        i = frontier.pop()
        for j in range(i + 1, min(len(nums), i + nums[i] + 1)):
            if j not in reach:
                reach.add(j)
                frontier.append(j)
    assert can_jump(nums) is (len(nums) - 1 in reach)
""",
    "alg-p-jump-game-ii": """\
import random
rng = random.Random(45)
for _ in range(300):
    nums = [rng.randint(1, 3) for _ in range(rng.randint(1, 10))]
    dist = [0] + [None] * (len(nums) - 1)
    for i in range(len(nums)):  # every index is reachable since every jump length is at least 1
        for j in range(i + 1, min(len(nums), i + nums[i] + 1)):
            if dist[j] is None or dist[i] + 1 < dist[j]:
                dist[j] = dist[i] + 1
    assert jump(nums) == dist[-1]
""",
    "alg-p-gas-station": """\
import random
rng = random.Random(134)
for _ in range(300):
    n = rng.randint(1, 7)
    gas = [rng.randint(0, 5) for _ in range(n)]
    cost = [rng.randint(0, 5) for _ in range(n)]
    starts = []
    for s in range(n):
        tank, ok = 0, True
        for step in range(n):
            i = (s + step) % n
            tank += gas[i] - cost[i]
            if tank < 0:
                ok = False
                break
        if ok:
            starts.append(s)
    if len(starts) <= 1:  # the card's input promises at most one start
        assert can_complete_circuit(gas, cost) == (starts[0] if starts else -1)
""",
    "alg-p-task-scheduler": """\
import random
from collections import Counter, deque

rng = random.Random(621)
for _ in range(300):
    tasks = [rng.choice("ABC") for _ in range(rng.randint(1, 6))]
    n = rng.randint(0, 3)
    labels = sorted(set(tasks))
    start = (tuple(Counter(tasks)[x] for x in labels), (0,) * len(labels))
    dist = {start: 0}
    queue = deque([start])
    while queue:  # BFS over (tasks left per label, cooldown left per label): every possible schedule
        left, wait = queue.popleft()
        if not any(left):
            want = dist[left, wait]
            break
        cooled = tuple(max(0, w - 1) for w in wait)
        moves = [(left, cooled)]  # stay idle
        for i in range(len(labels)):
            if left[i] and wait[i] == 0:
                moves.append((left[:i] + (left[i] - 1,) + left[i + 1 :], cooled[:i] + (n,) + cooled[i + 1 :]))
        for state in moves:
            if state not in dist:
                dist[state] = dist[left, wait] + 1
                queue.append(state)
    assert least_interval(tasks, n) == want, (tasks, n)
""",
    "alg-p-partition-labels": """\
import random
rng = random.Random(763)
for _ in range(300):
    s = "".join(rng.choice("abcd"[: rng.randint(1, 4)]) for _ in range(rng.randint(1, 14)))
    cuts = [p for p in range(1, len(s)) if not set(s[:p]) & set(s[p:])]  # every cut no letter crosses
    bounds = [0] + cuts + [len(s)]
    assert partition_labels(s) == [b - a for a, b in zip(bounds, bounds[1:])]
""",
}
