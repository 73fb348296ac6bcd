"""Extra cases and brute-force checks for content/algorithms/problems/strings.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-isomorphic-strings": """\
assert is_isomorphic("a", "a") is True
assert is_isomorphic("ab", "aa") is False
assert is_isomorphic("aa", "ab") is False
assert is_isomorphic("ab", "abc") is False
assert is_isomorphic("13", "42") is True
""",
    "alg-p-longest-common-prefix": """\
assert longest_common_prefix([""]) == ""
assert longest_common_prefix(["a", "a"]) == "a"
assert longest_common_prefix(["abc", "abd", "ab"]) == "ab"
assert longest_common_prefix(["b", "a"]) == ""
""",
    "alg-p-string-to-integer": """\
assert my_atoi("") == 0
assert my_atoi("   ") == 0
assert my_atoi("+") == 0
assert my_atoi("-+7") == 0
assert my_atoi("  -0 45") == 0
assert my_atoi("2147483648") == 2**31 - 1
assert my_atoi("-2147483648") == -(2**31)
assert my_atoi("0000000000000987") == 987
assert my_atoi("\\u00b2") == 0
""",
    "alg-p-find-substring-kmp": """\
assert str_str("a", "a") == 0
assert str_str("a", "ab") == -1
assert str_str("abcabdabcabc", "abcabc") == 6  # falls back mid-match
assert str_str("aaaaab", "aab") == 3
assert str_str("abc", "c") == 2
assert prefix_function("aabaaab") == [0, 1, 0, 1, 2, 2, 3]
""",
    "alg-p-repeated-dna-sequences": """\
assert find_repeated_dna("A") == []
assert find_repeated_dna("A" * 10) == []
assert find_repeated_dna("A" * 11) == ["A" * 10]
assert find_repeated_dna("ACGTACGTAC" * 3) == sorted({("ACGTACGTAC" * 3)[i : i + 10] for i in range(21)})
""",
    "alg-p-shortest-palindrome": """\
assert shortest_palindrome("a") == "a"
assert shortest_palindrome("ab") == "bab"
assert shortest_palindrome("aaaa") == "aaaa"
assert shortest_palindrome("abb") == "bbabb"
""",
    "alg-p-encode-decode-strings": """\
assert encode([""]) == "0#" and decode("0#") == [""]
assert decode(encode(["", ""])) == ["", ""]
words = ["10#", "#", "0", "a" * 200] * 50
assert decode(encode(words)) == words
assert decode(encode(["é", "日本"])) == ["é", "日本"]
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-isomorphic-strings": """\
import random
rng = random.Random(205)
for _ in range(300):
    s = "".join(rng.choice("abc") for _ in range(rng.randint(1, 7)))
    t = "".join(rng.choice("xyz") for _ in range(len(s) + rng.choice([0, 0, 0, 1])))
    want = len(s) == len(t) and [s.index(c) for c in s] == [t.index(c) for c in t]
    assert is_isomorphic(s, t) is want, (s, t)
""",
    "alg-p-longest-common-prefix": """\
import random
rng = random.Random(14)
for _ in range(300):
    words = ["".join(rng.choice("ab") for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 5))]
    best = ""
    for k in range(len(words[0]) + 1):
        if all(w.startswith(words[0][:k]) for w in words):
            best = words[0][:k]
    assert longest_common_prefix(words) == best, words
""",
    "alg-p-string-to-integer": """\
import random
import re
rng = random.Random(8)
for _ in range(300):
    s = "".join(rng.choice("  +-0123456789a.") for _ in range(rng.randint(0, 14)))
    if rng.random() < 0.3:  # long numbers, to reach the clamps
        s = " " * rng.randint(0, 2) + rng.choice(("", "+", "-")) + str(rng.randint(0, 10 ** rng.randint(8, 12))) + s
    match = re.match(r" *([+-]?[0-9]+)", s)
    want = max(-(2**31), min(2**31 - 1, int(match.group(1)))) if match else 0
    assert my_atoi(s) == want, s
""",
    "alg-p-find-substring-kmp": """\
import random
rng = random.Random(28)
for _ in range(300):
    hay = "".join(rng.choice("ab") for _ in range(rng.randint(1, 14)))
    needle = "".join(rng.choice("ab") for _ in range(rng.randint(1, 4)))
    assert str_str(hay, needle) == hay.find(needle), (hay, needle)
    p, fail = needle, prefix_function(needle)
    for i in range(len(p)):
        q = p[: i + 1]
        assert fail[i] == max(k for k in range(len(q)) if q[:k] == q[len(q) - k :])
""",
    "alg-p-repeated-dna-sequences": """\
import random
from collections import Counter
rng = random.Random(187)
for _ in range(300):
    s = "".join(rng.choice("AC" if rng.random() < 0.7 else "ACGT") for _ in range(rng.randint(1, 30)))
    if rng.random() < 0.4:
        s = s[:10] + s  # a repeat whose first copy starts at index 0
    counts = Counter(s[i : i + 10] for i in range(len(s) - 9))
    assert find_repeated_dna(s) == sorted(w for w, c in counts.items() if c > 1)
""",
    "alg-p-shortest-palindrome": """\
import random
rng = random.Random(214)
for _ in range(300):
    s = "".join(rng.choice("ab") for _ in range(rng.randint(0, 10)))
    for k in range(len(s), -1, -1):  # the longest palindromic prefix, tried from the longest
        if s[:k] == s[:k][::-1]:
            break
    assert shortest_palindrome(s) == s[k:][::-1] + s, s
""",
    "alg-p-encode-decode-strings": """\
import random
rng = random.Random(271)
seen = {}
for _ in range(300):
    words = ["".join(rng.choice("a#1, ") for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 5))]
    data = encode(words)
    assert decode(data) == words
    assert seen.setdefault(data, words) == words  # two different lists never share an encoding
""",
}
