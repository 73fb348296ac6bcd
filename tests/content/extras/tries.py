"""Extra cases and brute-force checks for content/algorithms/problems/tries.md.

The first-release cards' extra cases live in ../problem_extras.py. References: a plain set of words with
str.startswith, fnmatch-free character matching, and exhaustive paths through the grid.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-max-xor-pair": """\
assert find_maximum_xor([0, 0]) == 0
assert find_maximum_xor([2**31 - 1, 0]) == 2**31 - 1
assert find_maximum_xor([8, 10, 2]) == 10
assert find_maximum_xor([23, 61, 9, 44, 87, 18, 70, 35, 52, 99, 12, 61]) == 123
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-implement-trie": """\
import random
rng = random.Random(208)
for _ in range(300):
    t, words = Trie(), set()
    for _ in range(rng.randint(1, 15)):
        s = "".join(rng.choice("ab") for _ in range(rng.randint(0, 4)))
        op = rng.random()
        if op < 0.4:
            t.insert(s)
            words.add(s)
        elif op < 0.7:
            assert t.search(s) == (s in words)
        else:
            # the card defines the empty prefix as always present
            assert t.starts_with(s) == (s == "" or any(w.startswith(s) for w in words))
""",
    "alg-p-wildcard-word-dictionary": """\
import random
rng = random.Random(211)
for _ in range(300):
    wd, words = WordDictionary(), set()
    for _ in range(rng.randint(1, 15)):
        if rng.random() < 0.5:
            w = "".join(rng.choice("ab") for _ in range(rng.randint(1, 4)))
            wd.add(w)
            words.add(w)
        else:
            p = "".join(rng.choice("ab.") for _ in range(rng.randint(1, 4)))
            want = any(len(w) == len(p) and all(c in (".", x) for c, x in zip(p, w)) for w in words)
            assert wd.search(p) == want
""",
    "alg-p-word-search-ii": """\
import itertools
import random
rng = random.Random(212)
for _ in range(300):
    m, n = rng.randint(1, 2), rng.randint(1, 3)
    board = [[rng.choice("ab") for _ in range(n)] for _ in range(m)]
    words = list({"".join(rng.choice("ab") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 5))})
    cells = [(r, c) for r in range(m) for c in range(n)]

    def spelled(word):  # some sequence of distinct, adjacent cells spells the word
        return any(
            all(board[r][c] == ch for (r, c), ch in zip(path, word))
            and all(abs(a - c) + abs(b - d) == 1 for (a, b), (c, d) in zip(path, path[1:]))
            for path in itertools.permutations(cells, len(word))
        )

    want = sorted(w for w in words if spelled(w))
    assert sorted(find_words([row[:] for row in board], words)) == want
""",
    "alg-p-max-xor-pair": """\
import random
rng = random.Random(421)
for _ in range(300):
    nums = [rng.randrange(rng.choice((2, 16, 2**31))) for _ in range(rng.randint(1, 12))]
    assert find_maximum_xor(nums) == max(a ^ b for a in nums for b in nums)
""",
}
