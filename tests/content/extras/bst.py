"""Extra cases and brute-force checks for content/algorithms/problems/bst.md.

The brute-force checks build random binary search trees by inserting random distinct values, and compare with
sorted lists of those values.
"""

RANDOM_BST = """\
import random


def insert(t, v):
    if t is None:
        return TreeNode(v)
    if v < t.val:
        t.left = insert(t.left, v)
    else:
        t.right = insert(t.right, v)
    return t


def random_bst(values):
    root = None
    for v in values:
        root = insert(root, v)
    return root


def values_in_order(t):
    return [] if t is None else values_in_order(t.left) + [t.val] + values_in_order(t.right)
"""


def _seeded(seed: int, body: str) -> str:
    return f"import random\nrng = random.Random({seed})\n" + RANDOM_BST + body


EXTRA_CASES: dict[str, str] = {
    "alg-p-kth-smallest-bst": """\
assert kth_smallest(build([1]), 1) == 1
assert kth_smallest(build([2, 1, 3]), 3) == 3
root = None
for v in range(10**4):
    root = TreeNode(v, root)  # a left chain: 9999 at the top
assert kth_smallest(root, 1) == 0 and kth_smallest(root, 10**4) == 10**4 - 1
""",
    "alg-p-sorted-array-to-bst": """\
assert sorted_array_to_bst([]) is None
r = sorted_array_to_bst([1, 2])
assert inorder(r) == [1, 2] and height(r) == 2
r = sorted_array_to_bst(list(range(-5000, 5000)))
assert inorder(r) == list(range(-5000, 5000)) and height(r) == 14
""",
    "alg-p-delete-node-bst": """\
assert delete_node(None, 0) is None
assert inorder(delete_node(build([2, 1]), 2)) == [1]
assert inorder(delete_node(build([2, None, 3]), 2)) == [3]
r = build([50, 30, 70, None, None, 60, 80, None, 65])  # successor of 50 is 60, which has a right child
assert inorder(delete_node(r, 50)) == [30, 60, 65, 70, 80]
""",
    "alg-p-bst-iterator": """\
it = BSTIterator(build([1]))
assert it.has_next() and it.next() == 1 and not it.has_next()
root = None
for v in range(10**5, 0, -1):
    root = TreeNode(v, None, root)  # a right chain 1, 2, 3, ...
it = BSTIterator(root)
assert len(it.stack) == 1
out = [it.next() for _ in range(10**5)]
assert out == list(range(1, 10**5 + 1)) and not it.has_next()
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-kth-smallest-bst": _seeded(
        230,
        """\
for _ in range(300):
    vals = rng.sample(range(-30, 30), rng.randint(1, 15))
    root = random_bst(vals)
    k = rng.randint(1, len(vals))
    assert kth_smallest(root, k) == sorted(vals)[k - 1]
""",
    ),
    "alg-p-sorted-array-to-bst": _seeded(
        108,
        """\
def balanced(t):
    if t is None:
        return True
    return abs(height(t.left) - height(t.right)) <= 1 and balanced(t.left) and balanced(t.right)


for _ in range(300):
    nums = sorted(rng.sample(range(-100, 100), rng.randint(0, 40)))
    root = sorted_array_to_bst(nums)
    assert inorder(root) == nums and balanced(root)
    assert height(root) == len(nums).bit_length()  # the least height n nodes allow
""",
    ),
    "alg-p-delete-node-bst": _seeded(
        450,
        """\
for _ in range(300):
    vals = rng.sample(range(20), rng.randint(0, 12))
    root = random_bst(vals)
    key = rng.randrange(20)
    root = delete_node(root, key)
    assert values_in_order(root) == sorted(set(vals) - {key})  # sorted in-order: still a BST
""",
    ),
    "alg-p-bst-iterator": _seeded(
        173,
        """\
for _ in range(300):
    vals = rng.sample(range(100), rng.randint(1, 20))
    it = BSTIterator(random_bst(vals))
    got = []
    while it.has_next():
        got.append(it.next())
        if rng.random() < 0.5:
            it.has_next()  # extra calls change nothing
    assert got == sorted(vals)
""",
    ),
}
