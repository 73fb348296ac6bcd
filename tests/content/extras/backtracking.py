"""Extra cases and brute-force checks for content/algorithms/problems/backtracking.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-generate-parentheses": """\
assert generate_parentheses(2) == ["(())", "()()"]
assert [len(generate_parentheses(n)) for n in range(1, 8)] == [1, 2, 5, 14, 42, 132, 429]
assert all(len(s) == 16 for s in generate_parentheses(8))
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
}
