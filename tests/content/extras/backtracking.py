"""Extra cases and brute-force checks for content/algorithms/problems/backtracking.md.

The first-release cards' extra cases live in ../problem_extras.py; their brute-force checks are here. References
enumerate everything with itertools (all index subsets, all orderings, all cut positions) and filter.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-generate-parentheses": """\
assert generate_parentheses(2) == ["(())", "()()"]
assert [len(generate_parentheses(n)) for n in range(1, 8)] == [1, 2, 5, 14, 42, 132, 429]
assert all(len(s) == 16 for s in generate_parentheses(8))
""",
    "alg-p-combination-sum-ii": """\
assert combination_sum2([1, 1, 1], 2) == [[1, 1]]
assert combination_sum2([5], 5) == [[5]]
assert combination_sum2([1] * 100, 30) == [[1] * 30]
assert combination_sum2([3, 6, 2, 3, 5, 1, 3, 2, 6], 9) == [
    [1, 2, 3, 3], [1, 2, 6], [1, 3, 5], [2, 2, 5], [3, 3, 3], [3, 6],
]
""",
    "alg-p-palindrome-partitioning": """\
assert partition("aba") == [["a", "b", "a"], ["aba"]]
assert partition("bb") == [["b", "b"], ["bb"]]
assert len(partition("a" * 16)) == 2**15
assert partition("ab" * 8)[0] == list("ab" * 8)
""",
    "alg-p-letter-combinations": """\
assert letter_combinations("7") == ["p", "q", "r", "s"]
assert len(letter_combinations("7979")) == 256
got = letter_combinations("234")
assert len(got) == 27 and got[0] == "adg" and got[-1] == "cfi" and got == sorted(got)
""",
    "alg-p-n-queens-boards": """\
assert solve_n_queens(2) == []
assert len(solve_n_queens(6)) == 4 and len(solve_n_queens(9)) == 352
assert solve_n_queens(5)[0] == ["Q....", "..Q..", "....Q", ".Q...", "...Q."]
""",
    "alg-p-sudoku-solver": """\
hard = [  # Arto Inkala's 21-clue puzzle, built to need deep guessing
    "8........", "..36.....", ".7..9.2..", ".5...7...", "....457..",
    "...1...3.", "..1....68", "..85...1.", ".9....4..",
]
puzzle = [list(row) for row in hard]
board = [row[:] for row in puzzle]
solve_sudoku(board)
assert is_solution(board, puzzle)
assert "".join(board[0]) == "812753649"
almost = [list("498263517"), list("365178924"), list("271549683"),
          list("812794356"), list("549316278"), list("637852149"),
          list("986421735"), list("723985461"), list("15463789.")]
solve_sudoku(almost)
assert almost[8][8] == "2"
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-generate-parentheses": """\
import itertools
for n in range(1, 7):
    want = []
    for chars in itertools.product("()", repeat=2 * n):  # all strings, in lexicographic order
        depth = 0
        for ch in chars:
            depth += 1 if ch == "(" else -1
            if depth < 0:
                break
        if depth == 0:
            want.append("".join(chars))
    assert generate_parentheses(n) == want
""",
    "alg-p-subsets": """\
import itertools
import random
rng = random.Random(78)
for _ in range(300):
    nums = rng.sample(range(-20, 20), rng.randint(0, 8))
    index_sets = [c for k in range(len(nums) + 1) for c in itertools.combinations(range(len(nums)), k)]
    want = [[nums[i] for i in c] for c in sorted(index_sets)]  # lexicographic by index sequence
    assert subsets(nums) == want
""",
    "alg-p-permutations": """\
import itertools
import random
rng = random.Random(46)
for _ in range(300):
    nums = rng.sample(range(-20, 20), rng.randint(0, 6))
    assert permutations(nums) == [list(p) for p in itertools.permutations(nums)]
""",
    "alg-p-combination-sum": """\
import itertools
import random
rng = random.Random(39)
for _ in range(300):
    cands = rng.sample(range(2, 12), rng.randint(1, 4))
    target = rng.randint(1, 16)
    want = set()
    for k in range(1, target // min(cands) + 1):
        for combo in itertools.combinations_with_replacement(sorted(cands), k):
            if sum(combo) == target:
                want.add(combo)
    assert combination_sum(cands, target) == [list(c) for c in sorted(want)]
""",
    "alg-p-n-queens": """\
import itertools
for n in range(1, 8):
    count = sum(
        1
        for cols in itertools.permutations(range(n))  # one queen per row and per column
        if len({r - c for r, c in enumerate(cols)}) == n and len({r + c for r, c in enumerate(cols)}) == n
    )
    assert total_n_queens(n) == count
""",
    "alg-p-word-search": """\
import itertools
import random
rng = random.Random(79)
for _ in range(300):
    m, n = rng.randint(1, 3), rng.randint(1, 3)
    board = [[rng.choice("ab") for _ in range(n)] for _ in range(m)]
    word = "".join(rng.choice("ab") for _ in range(rng.randint(1, 4)))
    cells = [(r, c) for r in range(m) for c in range(n)]
    want = any(
        all(board[r][c] == ch for (r, c), ch in zip(path, word))
        and all(abs(a - c) + abs(b - d) == 1 for (a, b), (c, d) in zip(path, path[1:]))
        for path in itertools.permutations(cells, len(word))  # distinct cells in order
    )
    assert exist([row[:] for row in board], word) == want
""",
    "alg-p-combination-sum-ii": """\
import itertools
import random
rng = random.Random(40)
for _ in range(300):
    cands = [rng.randint(1, 6) for _ in range(rng.randint(1, 9))]
    target = rng.randint(1, 12)
    want = {
        tuple(sorted(c))
        for k in range(1, len(cands) + 1)
        for c in itertools.combinations(cands, k)
        if sum(c) == target
    }
    assert combination_sum2(cands, target) == [list(c) for c in sorted(want)]
""",
    "alg-p-palindrome-partitioning": """\
import itertools
import random
rng = random.Random(131)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(1, 9)))
    want = []
    for cuts in itertools.product((False, True), repeat=len(s) - 1):
        pieces, start = [], 0
        for i, cut in enumerate(cuts, 1):
            if cut:
                pieces.append(s[start:i])
                start = i
        pieces.append(s[start:])
        if all(p == p[::-1] for p in pieces):
            want.append(pieces)
    assert sorted(partition(s)) == sorted(want)
    assert [[len(p) for p in split] for split in partition(s)] == sorted(
        [len(p) for p in split] for split in want
    )  # shorter first pieces first
""",
    "alg-p-letter-combinations": """\
import itertools
import random
rng = random.Random(17)
for _ in range(300):
    digits = "".join(rng.choice("23456789") for _ in range(rng.randint(0, 4)))
    want = sorted("".join(p) for p in itertools.product(*(KEYS[d] for d in digits))) if digits else []
    assert letter_combinations(digits) == want
""",
    "alg-p-n-queens-boards": """\
import itertools
for n in range(1, 8):
    want = [
        ["." * c + "Q" + "." * (n - 1 - c) for c in cols]
        for cols in itertools.permutations(range(n))  # lexicographic, as the card asks
        if len({r - c for r, c in enumerate(cols)}) == n and len({r + c for r, c in enumerate(cols)}) == n
    ]
    assert solve_n_queens(n) == want
""",
    "alg-p-sudoku-solver": """\
import random
rng = random.Random(37)


def solved_grid():
    base = [[(3 * (r % 3) + r // 3 + c) % 9 + 1 for c in range(9)] for r in range(9)]
    digits = rng.sample(range(1, 10), 9)
    rows = [b * 3 + r for b in rng.sample(range(3), 3) for r in rng.sample(range(3), 3)]
    cols = [s * 3 + c for s in rng.sample(range(3), 3) for c in rng.sample(range(3), 3)]
    return [[str(digits[base[r][c] - 1]) for c in cols] for r in rows]


def valid_completion(board, puzzle):
    corners = [(br, bc) for br in (0, 3, 6) for bc in (0, 3, 6)]
    boxes = [[board[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3)] for br, bc in corners]
    units = [list(row) for row in board] + [list(col) for col in zip(*board)] + boxes
    return all(sorted(u) == list("123456789") for u in units) and all(
        p in (".", b) for pr, br in zip(puzzle, board) for p, b in zip(pr, br)
    )


for _ in range(60):
    grid = solved_grid()
    assert valid_completion(grid, grid)
    puzzle = [row[:] for row in grid]
    for cell in rng.sample(range(81), rng.randint(20, 60)):
        puzzle[cell // 9][cell % 9] = "."
    board = [row[:] for row in puzzle]
    solve_sudoku(board)
    assert valid_completion(board, puzzle)
""",
}
