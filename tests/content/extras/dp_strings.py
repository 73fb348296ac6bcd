"""Extra cases and brute-force checks for content/algorithms/problems/dp-strings.md.

References: every substring checked directly, Python's own regular-expression engine, and every choice of positions.
"""

EXTRA_CASES: dict[str, str] = {
    "alg-p-longest-palindromic-substring": """\
assert longest_palindrome("ab") == "a"
assert longest_palindrome("aaaa") == "aaaa"
assert longest_palindrome("pqrstsxyrqp") == "sts"
assert longest_palindrome("x" * 1000) == "x" * 1000
assert longest_palindrome("1221a") == "1221"
""",
    "alg-p-palindromic-substrings": """\
assert count_substrings("aa") == 3
assert count_substrings("abba") == 6
assert count_substrings("a" * 1000) == 1000 * 1001 // 2
""",
    "alg-p-regex-matching": """\
assert is_match("x", "xy*")
assert not is_match("x", ".y")
assert is_match("xxx", "x*x")
assert is_match("xy", ".*z*")
assert not is_match("xy", ".*z")
assert is_match("a" * 20, "a*a*a*a*a*a*a*a*a*a*")
assert not is_match("a" * 19 + "b", "a*a*a*a*a*a*a*a*a*a*")
""",
    "alg-p-interleaving-string": """\
assert is_interleave("", "abc", "abc")
assert not is_interleave("", "abc", "acb")
assert is_interleave("moon", "noon", "mnooonon")
assert not is_interleave("moon", "noon", "nmooonno")
assert is_interleave("a" * 100, "a" * 100, "a" * 200)
""",
    "alg-p-distinct-subsequences": """\
assert num_distinct("", "") == 1
assert num_distinct("aaa", "aa") == 3
assert num_distinct("rarrbr", "rr") == 6
assert num_distinct("a" * 1000, "a" * 2) == 1000 * 999 // 2
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-longest-palindromic-substring": """\
import random
rng = random.Random(5)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(1, 12)))
    want = next(
        s[i : i + size]
        for size in range(len(s), 0, -1)
        for i in range(len(s) - size + 1)  # leftmost first
        if s[i : i + size] == s[i : i + size][::-1]
    )
    assert longest_palindrome(s) == want
""",
    "alg-p-palindromic-substrings": """\
import random
rng = random.Random(647)
for _ in range(300):
    s = "".join(rng.choice("abc") for _ in range(rng.randint(1, 14)))
    want = sum(s[i:j] == s[i:j][::-1] for i in range(len(s)) for j in range(i + 1, len(s) + 1))
    assert count_substrings(s) == want
""",
    "alg-p-regex-matching": """\
import random
import re

rng = random.Random(10)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(1, 6)))
    p = ""
    for _ in range(rng.randint(1, 5)):
        p += rng.choice("ab.")
        if rng.random() < 0.4:
            p += "*"
    assert is_match(s, p) == (re.fullmatch(p, s) is not None), (s, p)
""",
    "alg-p-interleaving-string": """\
import itertools
import random
rng = random.Random(97)
for _ in range(300):
    a = "".join(rng.choice("ab") for _ in range(rng.randint(0, 4)))
    b = "".join(rng.choice("ab") for _ in range(rng.randint(0, 4)))
    if rng.random() < 0.5:
        c = "".join(rng.choice("ab") for _ in range(len(a) + len(b) + rng.choice((0, 0, 1))))
    else:  # a real interleaving
        slots = sorted(rng.sample(range(len(a) + len(b)), len(a)))
        ia, ib = iter(a), iter(b)
        c = "".join(next(ia) if k in slots else next(ib) for k in range(len(a) + len(b)))
    want = len(c) == len(a) + len(b) and any(
        "".join(c[k] for k in pos) == a and "".join(c[k] for k in range(len(c)) if k not in pos) == b
        for pos in itertools.combinations(range(len(c)), len(a))  # which positions of c came from a
    )
    assert is_interleave(a, b, c) == want
""",
    "alg-p-distinct-subsequences": """\
import itertools
import random
rng = random.Random(115)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(0, 10)))
    t = "".join(rng.choice("ab") for _ in range(rng.randint(0, 4)))
    want = sum("".join(s[k] for k in pos) == t for pos in itertools.combinations(range(len(s)), len(t)))
    assert num_distinct(s, t) == want
""",
}
