"""Extra cases and brute-force checks for content/algorithms/problems/union-find.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-graph-valid-tree": """\
assert valid_tree(2, [[0, 1]]) is True
assert valid_tree(2, []) is False
assert valid_tree(3, [[0, 1]]) is False
assert valid_tree(4, [[0, 1], [2, 3], [1, 2]]) is True
assert valid_tree(4, [[0, 1], [1, 2], [2, 0], [0, 3], [1, 3]]) is False
assert valid_tree(2000, [[i, i + 1] for i in range(1999)]) is True
""",
    "alg-p-accounts-merge": """\
assert accounts_merge([["A", "x"], ["A", "x"]]) == [["A", "x"]]
assert accounts_merge([["A", "x"], ["A", "y"]]) == [["A", "x"], ["A", "y"]]
people = [["P", f"{i}", f"{i + 1}"] for i in range(999)]  # one long chain
assert accounts_merge(people) == [["P"] + sorted(str(i) for i in range(1000))]
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-graph-valid-tree": """\
import itertools
import random
rng = random.Random(261)
for _ in range(300):
    n = rng.randint(1, 7)
    pairs = list(itertools.combinations(range(n), 2))
    edges = [list(p) for p in rng.sample(pairs, rng.randint(0, min(len(pairs), n + 1)))]
    reach, frontier = {0}, [0]
    while frontier:  # plain graph search from node 0
        v = frontier.pop()
        for a, b in edges:
            for x, y in ((a, b), (b, a)):
                if x == v and y not in reach:
                    reach.add(y)
                    frontier.append(y)
    assert valid_tree(n, edges) is (len(reach) == n and len(edges) == n - 1)
""",
    "alg-p-count-components": """\
import random
rng = random.Random(323)
for _ in range(300):
    n = rng.randint(0, 8)
    edges = [[rng.randrange(n), rng.randrange(n)] for _ in range(rng.randint(0, 8))] if n else []
    left, comps = set(range(n)), 0
    while left:
        comps += 1
        frontier = [left.pop()]
        while frontier:
            v = frontier.pop()
            for a, b in edges:
                for x, y in ((a, b), (b, a)):
                    if x == v and y in left:
                        left.remove(y)
                        frontier.append(y)
    assert count_components(n, edges) == comps
""",
    "alg-p-redundant-connection": """\
import random
rng = random.Random(684)


def is_tree(n, edges):
    reach, frontier = {1}, [1]
    while frontier:
        v = frontier.pop()
        for a, b in edges:
            for x, y in ((a, b), (b, a)):
                if x == v and y not in reach:
                    reach.add(y)
                    frontier.append(y)
    return len(edges) == n - 1 and len(reach) == n


for _ in range(300):
    n = rng.randint(3, 9)
    edges = [[rng.randint(1, i - 1), i] for i in range(2, n + 1)]  # a random tree on 1..n
    while True:
        a, b = rng.sample(range(1, n + 1), 2)
        if [a, b] not in edges and [b, a] not in edges:
            edges.append([a, b])
            break
    rng.shuffle(edges)
    want = next(e for i, e in reversed(list(enumerate(edges))) if is_tree(n, edges[:i] + edges[i + 1 :]))
    assert find_redundant_connection(edges) == want
""",
    "alg-p-equations-possible": """\
import itertools
import random
rng = random.Random(990)
for _ in range(300):
    eqs = [rng.choice("abcd") + rng.choice(("==", "!=")) + rng.choice("abcd") for _ in range(rng.randint(1, 6))]
    want = any(
        all((v[e[0]] == v[e[3]]) == (e[1] == "=") for e in eqs)
        for values in itertools.product(range(4), repeat=4)  # four variables never need more than four values
        for v in [dict(zip("abcd", values))]
    )
    assert equations_possible(eqs) == want
""",
    "alg-p-accounts-merge": """\
import random
rng = random.Random(721)
for _ in range(300):
    people = rng.randint(1, 4)
    names = [rng.choice(("Ann", "Bo")) for _ in range(people)]  # different people may share a name
    accounts = []
    for _ in range(rng.randint(1, 7)):
        p = rng.randrange(people)  # a person's emails all start with their number
        accounts.append([names[p]] + [f"{p}{rng.choice('abcd')}" for _ in range(rng.randint(1, 3))])
    groups = [(a[0], set(a[1:])) for a in accounts]
    merged = True
    while merged:  # merge any two groups that share an email, until none do
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if groups[i][1] & groups[j][1]:
                    groups[i][1].update(groups.pop(j)[1])
                    merged = True
                    break
            if merged:
                break
    assert accounts_merge(accounts) == sorted([name] + sorted(g) for name, g in groups), accounts
""",
}
