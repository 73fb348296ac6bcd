"""Extra cases and brute-force checks for content/algorithms/problems/trees.md.

The first-release cards' extra cases live in ../problem_extras.py; their brute-force checks are here. Every check
builds random small trees with the card's own TreeNode class and compares with a slow recursive reference.
"""

# Defines rand_tree(n, lo, hi): a random binary tree of n nodes with values in [lo, hi], shapes uniform over splits.
RAND_TREE = """\
import random


def rand_tree(n, lo=0, hi=9):
    if n == 0:
        return None
    k = rng.randrange(n)
    return TreeNode(rng.randint(lo, hi), rand_tree(k, lo, hi), rand_tree(n - 1 - k, lo, hi))


def shape(t):
    return None if t is None else (t.val, shape(t.left), shape(t.right))


def mirror(s):
    return None if s is None else (s[0], mirror(s[2]), mirror(s[1]))


def nodes_of(t):
    return [] if t is None else [t] + nodes_of(t.left) + nodes_of(t.right)


def chain(n):
    root = None
    for v in range(n):
        root = TreeNode(v, root)
    return root
"""


def _seeded(seed: int, body: str) -> str:
    return f"import random\nrng = random.Random({seed})\n" + RAND_TREE + body


EXTRA_CASES: dict[str, str] = {
    "alg-p-max-depth-binary-tree": """\
assert max_depth(build([1])) == 1
assert max_depth(build([1, 2, 3, 4, None, None, 5, 6])) == 4
root = None
for v in range(10**4):
    root = TreeNode(v, root)
assert max_depth(root) == 10**4
""",
    "alg-p-same-tree": """\
assert not is_same_tree(build([1]), None)
assert not is_same_tree(None, build([1]))
assert is_same_tree(build([-1, 0, None, 2]), build([-1, 0, None, 2]))
assert not is_same_tree(build([1, 2, 3]), build([1, 2, 3, 4]))
""",
    "alg-p-invert-binary-tree": """\
assert to_list(invert_tree(build([1]))) == [1]
assert to_list(invert_tree(build([1, 2, None, 3]))) == [1, None, 2, None, 3]
root = build([8, 3, 11, 1, 5, 9, 14])
assert to_list(invert_tree(invert_tree(root))) == [8, 3, 11, 1, 5, 9, 14]
""",
    "alg-p-binary-tree-max-path-sum": """\
assert max_path_sum(build([-4, -3])) == -3
assert max_path_sum(build([6, 3, 9, 10, None, -20, 2, 1, 4, None, None, None, 5])) == 39
assert max_path_sum(build([1, -2, 3])) == 4
assert max_path_sum(build([-2, 7, None, 3, None, None, 6, -5])) == 16
root = None
for v in range(30000):
    root = TreeNode(1, root)
assert max_path_sum(root) == 30000
""",
    "alg-p-serialize-binary-tree": """\
def shape(t):
    return None if t is None else (t.val, shape(t.left), shape(t.right))


assert serialize(None) == "#"
assert serialize(TreeNode(-1000)) == "-1000,#,#"
assert shape(deserialize("5,#,7,#,#")) == (5, None, (7, None, None))
root = None
for v in range(10**4):
    root = TreeNode(v, None, root)
back = deserialize(serialize(root))
depth = 0
while back:
    assert back.val == 10**4 - 1 - depth and back.left is None
    depth, back = depth + 1, back.right
assert depth == 10**4
""",
    "alg-p-subtree-of-another-tree": """\
assert is_subtree(build([1]), build([1]))
assert not is_subtree(build([1]), build([1, 2]))
assert not is_subtree(build([-1, 2]), build([1]))
assert is_subtree(build([3, 4, 5, 1, None, 2]), build([5, 2]))
assert not is_subtree(build([1, 2, 3]), build([1, 2]))
assert is_subtree(build([2, 2, None, 2, None, 2]), build([2, 2]))
""",
    "alg-p-tree-from-preorder-inorder": """\
assert to_list(build_tree([1, 2, 3], [2, 1, 3])) == [1, 2, 3]
assert to_list(build_tree([1, 2, 3], [3, 2, 1])) == [1, 2, None, 3]
assert build_tree([], []) is None
n = 3000
node = build_tree(list(range(n)), list(range(n - 1, -1, -1)))
depth = 0
while node:
    assert node.val == depth and node.right is None
    depth, node = depth + 1, node.left
assert depth == n
""",
    "alg-p-diameter-binary-tree": """\
assert diameter(build([1, 2, 3])) == 2
assert diameter(build([1, 2, None, 3, None, 4])) == 3
root = None
for v in range(10**4):
    root = TreeNode(v, root)
assert diameter(root) == 10**4 - 1
""",
    "alg-p-balanced-binary-tree": """\
assert is_balanced(build([1]))
assert is_balanced(build([1, 2]))
assert not is_balanced(build([1, 2, None, 3]))
assert is_balanced(build([1, 2, 3, 4, None, 5, 6, None, None, 7]))
root = None
for v in range(5000):
    root = TreeNode(v, root)
assert not is_balanced(root)
""",
    "alg-p-right-side-view": """\
assert right_side_view(build([1])) == [1]
assert right_side_view(build([1, 2, None, 3])) == [1, 2, 3]
assert right_side_view(build([1, 2, 3, None, 4, 5, None, 6])) == [1, 3, 5, 6]
""",
    "alg-p-symmetric-tree": """\
assert is_symmetric(build([1, 2, 2]))
assert not is_symmetric(build([1, 2]))
assert not is_symmetric(build([1, 2, 2, 2, None, 2]))
assert is_symmetric(build([1, 2, 2, None, 3, 3]))
""",
    "alg-p-zigzag-level-order": """\
assert zigzag_level_order(build([1])) == [[1]]
assert zigzag_level_order(build([1, 2, 3, 4, 5, 6, 7])) == [[1], [3, 2], [4, 5, 6, 7]]
assert zigzag_level_order(build([1, 2, None, 3, None, 4])) == [[1], [2], [3], [4]]
""",
    "alg-p-path-sum-iii": """\
assert path_sum(build([4, 3, 6, 7, None, -2, 1, 2, -4, None, None, 3, 5]), 10) == 4
assert path_sum(build([1, -1, None, 1, None, -1]), 0) == 4
big = build([10**9, 10**9, None, -(10**9)])
assert path_sum(big, 10**9) == 3
root = None
for _ in range(1000):
    root = TreeNode(0, root)
assert path_sum(root, 0) == 1000 * 1001 // 2
""",
    "alg-p-house-robber-iii": """\
assert rob_tree(build([5])) == 5
assert rob_tree(build([3, 2, 4, None, 6])) == 10
assert rob_tree(build([0, 0, 0])) == 0
root = None
for _ in range(10**4):
    root = TreeNode(1, root)
assert rob_tree(root) == 5000
""",
}

BRUTE_FORCE: dict[str, str] = {
    # first-release cards
    "alg-p-inorder-iterative": _seeded(
        94,
        """\
def ref(t):
    return [] if t is None else ref(t.left) + [t.val] + ref(t.right)


for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    assert inorder(t) == ref(t)
""",
    ),
    "alg-p-level-order": _seeded(
        102,
        """\
def ref(t, depth=0, levels=None):
    levels = [] if levels is None else levels
    if t is not None:
        if depth == len(levels):
            levels.append([])
        levels[depth].append(t.val)  # pre-order visits each depth left to right
        ref(t.left, depth + 1, levels)
        ref(t.right, depth + 1, levels)
    return levels


for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    assert level_order(t) == ref(t)
""",
    ),
    "alg-p-validate-bst": _seeded(
        98,
        """\
def values(t):
    return [] if t is None else values(t.left) + [t.val] + values(t.right)


def insert(t, v):
    if t is None:
        return TreeNode(v)
    if v < t.val:
        t.left = insert(t.left, v)
    else:
        t.right = insert(t.right, v)
    return t


for i in range(300):
    if i % 2:
        t = rand_tree(rng.randint(0, 8), 0, 6)
    else:
        t = None
        for v in rng.sample(range(20), rng.randint(0, 10)):
            t = insert(t, v)
        if t is not None and rng.random() < 0.5:
            rng.choice(nodes_of(t)).val = rng.randint(0, 20)  # maybe break it
    vals = values(t)
    assert is_valid_bst(t) == all(a < b for a, b in zip(vals, vals[1:]))
""",
    ),
    "alg-p-lca-binary-tree": _seeded(
        236,
        """\
def path_to(t, target):
    if t is None:
        return None
    if t is target:
        return [t]
    below = path_to(t.left, target) or path_to(t.right, target)
    return [t] + below if below else None


for _ in range(300):
    n = rng.randint(2, 12)
    t = rand_tree(n)
    nodes = nodes_of(t)
    for node, v in zip(nodes, rng.sample(range(100), n)):
        node.val = v
    p, q = rng.sample(nodes, 2)
    common = [a for a, b in zip(path_to(t, p), path_to(t, q)) if a is b]
    assert lowest_common_ancestor(t, p, q) is common[-1]
""",
    ),
    "alg-p-lca-bst": _seeded(
        235,
        """\
def path_to(t, v):
    out = []
    while t.val != v:
        out.append(t.val)
        t = t.left if v < t.val else t.right
    return out + [v]


for _ in range(300):
    vals = rng.sample(range(-20, 20), rng.randint(2, 12))
    root = None
    for v in vals:
        root = bst_insert(root, v)
    p, q = rng.sample(vals, 2)
    common = [a for a, b in zip(path_to(root, p), path_to(root, q)) if a == b]
    assert lca_bst(root, p, q) == common[-1]
""",
    ),
    # new cards
    "alg-p-max-depth-binary-tree": _seeded(
        104,
        """\
def ref(t):
    return 0 if t is None else 1 + max(ref(t.left), ref(t.right))


for _ in range(300):
    t = rand_tree(rng.randint(0, 15))
    assert max_depth(t) == ref(t)
""",
    ),
    "alg-p-same-tree": _seeded(
        100,
        """\
import copy

for _ in range(300):
    a = rand_tree(rng.randint(0, 6), 0, 1)
    if rng.random() < 0.5:
        b = rand_tree(rng.randint(0, 6), 0, 1)
    else:
        b = copy.deepcopy(a)
        if b is not None and rng.random() < 0.5:
            rng.choice(nodes_of(b)).val = rng.randint(0, 1)
    assert is_same_tree(a, b) == (shape(a) == shape(b))
""",
    ),
    "alg-p-invert-binary-tree": _seeded(
        226,
        """\
for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    want = mirror(shape(t))
    assert shape(invert_tree(t)) == want
""",
    ),
    "alg-p-binary-tree-max-path-sum": _seeded(
        124,
        """\
def best_path(t):
    adj = {}
    for node in nodes_of(t):
        adj.setdefault(node, [])
        for kid in (node.left, node.right):
            if kid:
                adj[node].append(kid)
                adj.setdefault(kid, []).append(node)
    best = None

    def walk(node, prev, total):  # every simple path starting at the first node
        nonlocal best
        total += node.val
        best = total if best is None else max(best, total)
        for nxt in adj[node]:
            if nxt is not prev:
                walk(nxt, node, total)

    for start in adj:
        walk(start, None, 0)
    return best


for _ in range(300):
    t = rand_tree(rng.randint(1, 9), -6, 6)
    assert max_path_sum(t) == best_path(t)
""",
    ),
    "alg-p-serialize-binary-tree": _seeded(
        297,
        """\
seen = {}
for _ in range(300):
    t = rand_tree(rng.randint(0, 10), -12, 12)
    data = serialize(t)
    assert shape(deserialize(data)) == shape(t)
    assert seen.setdefault(data, shape(t)) == shape(t)  # different trees never share a string
""",
    ),
    "alg-p-subtree-of-another-tree": _seeded(
        572,
        """\
import copy

for _ in range(300):
    root = rand_tree(rng.randint(1, 10), 0, 2)
    if rng.random() < 0.5:
        sub = copy.deepcopy(rng.choice(nodes_of(root)))
        if rng.random() < 0.3:
            rng.choice(nodes_of(sub)).val = rng.randint(0, 2)
    else:
        sub = rand_tree(rng.randint(1, 4), 0, 2)
    want = any(shape(node) == shape(sub) for node in nodes_of(root))
    assert is_subtree(root, sub) == want
""",
    ),
    "alg-p-tree-from-preorder-inorder": _seeded(
        105,
        """\
def pre(t):
    return [] if t is None else [t.val] + pre(t.left) + pre(t.right)


def ino(t):
    return [] if t is None else ino(t.left) + [t.val] + ino(t.right)


for _ in range(300):
    n = rng.randint(1, 12)
    t = rand_tree(n)
    for node, v in zip(nodes_of(t), rng.sample(range(-50, 50), n)):
        node.val = v
    assert shape(build_tree(pre(t), ino(t))) == shape(t)
""",
    ),
    "alg-p-diameter-binary-tree": _seeded(
        543,
        """\
from collections import deque

for _ in range(300):
    t = rand_tree(rng.randint(1, 12))
    adj = {}
    for node in nodes_of(t):
        adj.setdefault(node, [])
        for kid in (node.left, node.right):
            if kid:
                adj[node].append(kid)
                adj.setdefault(kid, []).append(node)
    far = 0
    for start in adj:  # BFS from every node
        dist = {start: 0}
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        far = max(far, max(dist.values()))
    assert diameter(t) == far
""",
    ),
    "alg-p-balanced-binary-tree": _seeded(
        110,
        """\
def height(t):
    return 0 if t is None else 1 + max(height(t.left), height(t.right))


def ref(t):
    if t is None:
        return True
    ok_here = abs(height(t.left) - height(t.right)) <= 1
    return ok_here and ref(t.left) and ref(t.right)


for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    assert is_balanced(t) == ref(t)
""",
    ),
    "alg-p-right-side-view": _seeded(
        199,
        """\
def ref(t, depth=0, last=None):
    last = {} if last is None else last
    if t is not None:
        last[depth] = t.val  # left-first pre-order: the last write per depth is the rightmost
        ref(t.left, depth + 1, last)
        ref(t.right, depth + 1, last)
    return [last[d] for d in range(len(last))]


for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    assert right_side_view(t) == ref(t)
""",
    ),
    "alg-p-symmetric-tree": _seeded(
        101,
        """\
import copy


def mirrored(t):
    return None if t is None else TreeNode(t.val, mirrored(t.right), mirrored(t.left))


for _ in range(300):
    half = rand_tree(rng.randint(0, 5), 0, 1)
    if rng.random() < 0.5:
        root = TreeNode(0, half, mirrored(copy.deepcopy(half)))
        if rng.random() < 0.3:
            rng.choice(nodes_of(root)).val = rng.randint(0, 1)
    else:
        root = rand_tree(rng.randint(1, 8), 0, 1)
    assert is_symmetric(root) == (shape(root) == mirror(shape(root)))
""",
    ),
    "alg-p-zigzag-level-order": _seeded(
        103,
        """\
def levels(t, depth=0, out=None):
    out = [] if out is None else out
    if t is not None:
        if depth == len(out):
            out.append([])
        out[depth].append(t.val)
        levels(t.left, depth + 1, out)
        levels(t.right, depth + 1, out)
    return out


for _ in range(300):
    t = rand_tree(rng.randint(0, 12))
    want = [lv if d % 2 == 0 else lv[::-1] for d, lv in enumerate(levels(t))]
    assert zigzag_level_order(t) == want
""",
    ),
    "alg-p-path-sum-iii": _seeded(
        437,
        """\
def from_here(t, need):  # downward paths starting at t
    if t is None:
        return 0
    rest = need - t.val
    return (rest == 0) + from_here(t.left, rest) + from_here(t.right, rest)


for _ in range(300):
    t = rand_tree(rng.randint(0, 12), -3, 3)
    target = rng.randint(-4, 4)
    want = sum(from_here(node, target) for node in nodes_of(t))
    assert path_sum(t, target) == want
""",
    ),
    "alg-p-house-robber-iii": _seeded(
        337,
        """\
for _ in range(300):
    t = rand_tree(rng.randint(0, 10), 0, 9)
    nodes = nodes_of(t)
    edges = [(a, b) for a in nodes for b in (a.left, a.right) if b]
    best = 0
    for mask in range(1 << len(nodes)):
        chosen = {node for i, node in enumerate(nodes) if mask >> i & 1}
        if not any(a in chosen and b in chosen for a, b in edges):
            best = max(best, sum(node.val for node in chosen))
    assert rob_tree(t) == best
""",
    ),
}
