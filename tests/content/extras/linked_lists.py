"""Extra cases and brute-force checks for content/algorithms/problems/linked-lists.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-merge-k-sorted-linked-lists": """\
assert merge_k_lists([]) is None
assert merge_k_lists([None, None]) is None
assert to_list(merge_k_lists([from_list([4, 8])])) == [4, 8]
assert to_list(merge_k_lists([None, from_list([-3, 0]), None])) == [-3, 0]
# many equal heads: the list index, not the node, breaks every tie
heads = [from_list([7, 7]) for _ in range(50)]
assert to_list(merge_k_lists(heads)) == [7] * 100
heads = [from_list([i]) for i in range(10**4, 0, -1)]  # 10**4 lists of one node
assert to_list(merge_k_lists(heads)) == list(range(1, 10**4 + 1))
""",
    "alg-p-linked-list-cycle": """\
assert has_cycle(None) is False
assert has_cycle(build([1], -1)) is False
assert has_cycle(build([1, 2, 3], 0)) is True
assert has_cycle(build(list(range(5000)), 4999)) is True
assert has_cycle(build(list(range(5000)), -1)) is False
""",
    "alg-p-reorder-list": """\
reorder_list(None)
for vals, want in [([1, 2], [1, 2]), ([1, 2, 3], [1, 3, 2]), ([5, 5, 5], [5, 5, 5])]:
    head = from_list(vals)
    reorder_list(head)
    assert to_list(head) == want
head = from_list(list(range(6)))
reorder_list(head)
assert to_list(head) == [0, 5, 1, 4, 2, 3]
""",
    "alg-p-copy-random-list": """\
for pairs in ([(1, 0)], [(1, None)], [(5, 1), (5, 1)], [(0, 2), (0, 2), (0, None)]):
    head = build(pairs)
    copy = copy_random_list(head)
    assert dump(copy) == pairs and copy is not head
    assert dump(head) == pairs  # the original is untouched
""",
    "alg-p-add-two-numbers": """\
assert to_list(add_two_numbers(from_list([5]), from_list([5]))) == [0, 1]
assert to_list(add_two_numbers(from_list([1, 8]), from_list([0]))) == [1, 8]
assert to_list(add_two_numbers(from_list([9] * 5), from_list([1]))) == [0, 0, 0, 0, 0, 1]
""",
    "alg-p-find-duplicate-number": """\
assert find_duplicate([1, 1]) == 1
assert find_duplicate([1, 1, 2]) == 1
assert find_duplicate([2, 2, 2]) == 2
assert find_duplicate([3, 7, 7, 1, 7, 4, 2, 6, 7, 5]) == 7
nums = list(range(1, 10**4 + 1)) + [777]
assert find_duplicate(nums) == 777
""",
    "alg-p-reverse-k-group": """\
assert to_list(reverse_k_group(from_list([1]), 1)) == [1]
assert to_list(reverse_k_group(from_list([1, 2, 3]), 1)) == [1, 2, 3]
assert to_list(reverse_k_group(from_list([1, 2, 3, 4]), 4)) == [4, 3, 2, 1]
assert to_list(reverse_k_group(from_list([1, 2, 3, 4, 5, 6]), 3)) == [3, 2, 1, 6, 5, 4]
""",
    "alg-p-middle-of-list": """\
assert middle_node(from_list([1, 2])).val == 2
assert middle_node(from_list([1, 2, 3])).val == 2
assert middle_node(from_list(list(range(100)))).val == 50
""",
    "alg-p-palindrome-linked-list": """\
assert is_palindrome(from_list([7])) is True
assert is_palindrome(from_list([3, 3])) is True
assert is_palindrome(from_list([1, 1, 2, 1])) is False
head = from_list([4, 9, 9, 4])
assert is_palindrome(head) and to_list(head) == [4, 9, 9, 4]
""",
    "alg-p-intersection-two-lists": """\
node = from_list([1])
assert get_intersection(node, node) is node
shared = from_list([2, 3])
assert get_intersection(from_list([1] * 5, shared), shared) is shared
assert get_intersection(from_list([9]), from_list([9, 9])) is None
""",
    "alg-p-sort-list": """\
assert to_list(sort_list(from_list([1]))) == [1]
assert to_list(sort_list(from_list([2, 1]))) == [1, 2]
assert to_list(sort_list(from_list([3, 3, 1, 1]))) == [1, 1, 3, 3]
assert to_list(sort_list(from_list(list(range(2000, 0, -1))))) == list(range(1, 2001))
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-merge-k-sorted-linked-lists": """\
import random
rng = random.Random(23)
for _ in range(300):
    lists = [sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(0, 6))]
    heads = [from_list(vals) for vals in lists]
    nodes = set()
    for head in heads:
        while head:
            nodes.add(id(head))
            head = head.next
    merged = merge_k_lists(heads)
    got, seen = [], set()
    while merged:
        assert id(merged) not in seen  # no cycle
        seen.add(id(merged))
        got.append(merged.val)
        merged = merged.next
    assert got == sorted(v for vals in lists for v in vals), lists
    assert seen == nodes  # every node reused, none created
""",
    "alg-p-linked-list-cycle": """\
import random
rng = random.Random(141)
for _ in range(300):
    n = rng.randint(0, 12)
    pos = rng.randint(-1, n - 1) if n else -1
    head = build(list(range(n)), pos)
    seen, node, looped = set(), head, False
    while node is not None:
        if id(node) in seen:
            looped = True
            break
        seen.add(id(node))
        node = node.next
    assert has_cycle(head) is looped
""",
    "alg-p-reorder-list": """\
import random
rng = random.Random(143)
for _ in range(300):
    vals = [rng.randint(0, 9) for _ in range(rng.randint(1, 12))]
    want, lo, hi = [], 0, len(vals) - 1
    while lo <= hi:
        want.append(vals[lo])
        if lo != hi:
            want.append(vals[hi])
        lo, hi = lo + 1, hi - 1
    head = from_list(vals)
    reorder_list(head)
    assert to_list(head) == want, vals
""",
    "alg-p-copy-random-list": """\
import random
rng = random.Random(138)
for _ in range(300):
    n = rng.randint(0, 10)
    pairs = [(rng.randint(0, 3), rng.choice([None] + list(range(n)))) for _ in range(n)]
    head = build(pairs)
    copy = copy_random_list(head)
    assert dump(copy) == pairs
    assert not {id(x) for x in nodes_of(head)} & {id(x) for x in nodes_of(copy)}
""",
    "alg-p-add-two-numbers": """\
import random
rng = random.Random(2)
for _ in range(300):
    x, y = rng.randint(0, 10**rng.randint(1, 12)), rng.randint(0, 10**rng.randint(1, 12))
    digits = lambda v: [int(c) for c in reversed(str(v))]
    got = to_list(add_two_numbers(from_list(digits(x)), from_list(digits(y))))
    assert got == digits(x + y), (x, y)
""",
    "alg-p-find-duplicate-number": """\
import random
rng = random.Random(287)
for _ in range(300):
    n = rng.randint(1, 12)
    dup = rng.randint(1, n)
    copies = rng.randint(2, n + 1)
    others = rng.sample([v for v in range(1, n + 1) if v != dup], n + 1 - copies)
    nums = [dup] * copies + others
    rng.shuffle(nums)
    before = list(nums)
    assert find_duplicate(nums) == dup and nums == before
""",
    "alg-p-reverse-k-group": """\
import random
rng = random.Random(25)
for _ in range(300):
    vals = [rng.randint(0, 99) for _ in range(rng.randint(1, 15))]
    k = rng.randint(1, len(vals))
    want = []
    for start in range(0, len(vals), k):
        block = vals[start:start + k]
        want += block[::-1] if len(block) == k else block
    assert to_list(reverse_k_group(from_list(vals), k)) == want, (vals, k)
""",
    "alg-p-middle-of-list": """\
import random
rng = random.Random(876)
for _ in range(300):
    vals = list(range(rng.randint(1, 30)))
    assert middle_node(from_list(vals)).val == vals[len(vals) // 2]
""",
    "alg-p-palindrome-linked-list": """\
import random
rng = random.Random(234)
for _ in range(300):
    half = [rng.randint(0, 2) for _ in range(rng.randint(0, 6))]
    vals = half + [rng.randint(0, 2)] * rng.randint(0, 1) + half[::-1] if rng.random() < 0.5 else half
    vals = vals or [1]
    head = from_list(vals)
    assert is_palindrome(head) is (vals == vals[::-1])
    assert to_list(head) == vals
""",
    "alg-p-intersection-two-lists": """\
import random
rng = random.Random(160)
for _ in range(300):
    shared = from_list([rng.randint(0, 3) for _ in range(rng.randint(0, 5))])
    a = from_list([rng.randint(0, 3) for _ in range(rng.randint(0, 5))], shared)
    b = from_list([rng.randint(0, 3) for _ in range(rng.randint(0, 5))], shared)
    on_a, node = set(), a
    while node:
        on_a.add(id(node))
        node = node.next
    want, node = None, b
    while node:
        if id(node) in on_a:
            want = node
            break
        node = node.next
    assert get_intersection(a, b) is want
""",
    "alg-p-sort-list": """\
import random
rng = random.Random(148)
for _ in range(300):
    vals = [rng.randint(-5, 5) for _ in range(rng.randint(0, 20))]
    assert to_list(sort_list(from_list(vals))) == sorted(vals)
""",
    "alg-p-reverse-linked-list": """\
import random
rng = random.Random(206)
for _ in range(300):
    vals = [rng.randint(-9, 9) for _ in range(rng.randint(0, 20))]
    assert to_list(reverse_list(from_list(vals))) == vals[::-1]
""",
    "alg-p-merge-two-sorted-lists": """\
import random
rng = random.Random(21)
for _ in range(300):
    a = sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 10)))
    b = sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 10)))
    assert to_list(merge_two_lists(from_list(a), from_list(b))) == sorted(a + b)
""",
    "alg-p-remove-nth-from-end": """\
import random
rng = random.Random(19)
for _ in range(300):
    vals = [rng.randint(0, 9) for _ in range(rng.randint(1, 15))]
    n = rng.randint(1, len(vals))
    want = vals[: len(vals) - n] + vals[len(vals) - n + 1 :]
    assert to_list(remove_nth_from_end(from_list(vals), n)) == want
""",
    "alg-p-linked-list-cycle-start": """\
import random
rng = random.Random(142)
for _ in range(300):
    n = rng.randint(0, 12)
    pos = rng.randint(-1, n - 1) if n else -1
    head, start = build_with_cycle(list(range(n)), pos)
    seen, node, first = set(), head, None
    while node is not None:
        if id(node) in seen:
            first = node
            break
        seen.add(id(node))
        node = node.next
    assert detect_cycle(head) is first
""",
}
