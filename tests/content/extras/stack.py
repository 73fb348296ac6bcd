"""Extra cases and brute-force checks for content/algorithms/problems/stack.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-min-stack": """\
s = MinStack()
s.push(5)
assert s.top() == 5 and s.get_min() == 5
for x in (3, 7, 3):
    s.push(x)
s.pop()
assert s.get_min() == 3
s.pop()
s.pop()
assert s.get_min() == 5
s.push(-(2**31))
assert s.get_min() == -(2**31)
""",
    "alg-p-eval-rpn": """\
assert eval_rpn(["42"]) == 42
assert eval_rpn(["-7", "2", "/"]) == -3
assert eval_rpn(["3", "-4", "-"]) == 7
assert eval_rpn(["8", "5", "3", "-", "12", "*", "4", "/", "+", "-9", "+"]) == 5
assert eval_rpn(["0", "3", "/"]) == 0
""",
    "alg-p-queue-two-stacks": """\
q = MyQueue()
assert q.empty()
q.push(7)
assert not q.empty() and q.peek() == 7 and q.pop() == 7 and q.empty()
for x in range(1000):
    q.push(x)
assert [q.pop() for _ in range(1000)] == list(range(1000))
""",
    "alg-p-basic-calculator-ii": """\
assert calculate("42") == 42
assert calculate("0-7/2") == -3
assert calculate("5-3+2") == 4
assert calculate("2*3*4/5") == 4
assert calculate("720000000/2/3/4/5/6") == 1000000
""",
    "alg-p-decode-string": """\
assert decode_string("abc") == "abc"
assert decode_string("2[a]b") == "aab"
assert decode_string("1[a1[b1[c]]]") == "abc"
assert decode_string("2[2[2[a]]]") == "a" * 8
assert decode_string("100[ab]") == "ab" * 100
""",
    "alg-p-asteroid-collision": """\
assert asteroid_collision([1, -2]) == [-2]
assert asteroid_collision([2, -1]) == [2]
assert asteroid_collision([1, 2, 3, -10]) == [-10]
assert asteroid_collision([-1, 1]) == [-1, 1]
assert asteroid_collision([5, -5, 5]) == [5]
""",
    "alg-p-simplify-path": """\
assert simplify_path("/") == "/"
assert simplify_path("//") == "/"
assert simplify_path("/a/b/c/../../..") == "/"
assert simplify_path("/..a/.b/") == "/..a/.b"
assert simplify_path("/x///y/./z//w/.././/.") == "/x/y/z"
""",
    "alg-p-valid-parentheses": """\
assert is_valid("()")
assert not is_valid("]")
assert not is_valid("(((((((((())))))))))" + "(")
assert is_valid("([{}])" * 1000)
assert not is_valid("([{]})")
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-min-stack": """\
import random
rng = random.Random(155)
for _ in range(300):
    s, ref = MinStack(), []
    for _ in range(rng.randint(1, 20)):
        if ref and rng.random() < 0.4:
            s.pop()
            ref.pop()
        else:
            x = rng.randint(-5, 5)
            s.push(x)
            ref.append(x)
        if ref:
            assert s.top() == ref[-1] and s.get_min() == min(ref)
""",
    "alg-p-eval-rpn": """\
import random
rng = random.Random(150)


def tree(depth):
    if depth == 0 or rng.random() < 0.3:
        return rng.randint(-20, 20)
    return (rng.choice("+-*/"), tree(depth - 1), tree(depth - 1))


def value(t):
    if isinstance(t, int):
        return t
    op, a, b = t[0], value(t[1]), value(t[2])
    if op == "/":
        if b == 0:
            raise ZeroDivisionError
        return int(a / b)  # values here are small, so the float is exact
    return a + b if op == "+" else a - b if op == "-" else a * b


def postfix(t):
    return [str(t)] if isinstance(t, int) else postfix(t[1]) + postfix(t[2]) + [t[0]]


checked = 0
while checked < 300:
    t = tree(4)
    try:
        want = value(t)
    except ZeroDivisionError:
        continue
    if abs(want) < 10**12:
        assert eval_rpn(postfix(t)) == want, t
        checked += 1
""",
    "alg-p-queue-two-stacks": """\
import random
from collections import deque
rng = random.Random(232)
for _ in range(300):
    q, ref = MyQueue(), deque()
    for _ in range(rng.randint(1, 25)):
        r = rng.random()
        if ref and r < 0.3:
            assert q.pop() == ref.popleft()
        elif ref and r < 0.45:
            assert q.peek() == ref[0]
        else:
            x = rng.randint(0, 99)
            q.push(x)
            ref.append(x)
        assert q.empty() is (not ref)
""",
    "alg-p-basic-calculator-ii": """\
import random
rng = random.Random(227)


def reference(tokens):
    # First fold * and / left to right into terms, then add the terms with their signs.
    terms, signs = [tokens[0]], []
    for op, num in zip(tokens[1::2], tokens[2::2]):
        if op == "*":
            terms[-1] *= num
        elif op == "/":
            terms[-1] //= num  # terms are non-negative here, so floor is truncation
        else:
            signs.append(op)
            terms.append(num)
    return terms[0] + sum(t if s == "+" else -t for s, t in zip(signs, terms[1:]))


for _ in range(300):
    tokens = [rng.randint(0, 30)]
    for _ in range(rng.randint(0, 6)):
        tokens += [rng.choice("+-*/"), rng.randint(1, 30)]
    text = "".join(str(t) + " " * rng.randint(0, 1) for t in tokens)
    assert calculate(text) == reference(tokens), text
""",
    "alg-p-decode-string": """\
import random
rng = random.Random(394)


def encoded(depth):
    parts = []
    for _ in range(rng.randint(1, 3)):
        if depth and rng.random() < 0.5:
            parts.append(f"{rng.randint(1, 12)}[{encoded(depth - 1)}]")
        else:
            parts.append("".join(rng.choice("ab") for _ in range(rng.randint(1, 2))))
    return "".join(parts)


def parse(s, i):
    # Recursive descent: (decoded text up to the next ']' or the end, index after that ']').
    out = []
    while i < len(s) and s[i] != "]":
        if s[i].isdigit():
            j = i
            while s[j].isdigit():
                j += 1
            inner, after = parse(s, j + 1)  # s[j] is '['
            out.append(inner * int(s[i:j]))
            i = after
        else:
            out.append(s[i])
            i += 1
    return "".join(out), i + 1


for _ in range(300):
    text = encoded(3)
    assert decode_string(text) == parse(text, 0)[0], text
""",
    "alg-p-asteroid-collision": """\
import random
rng = random.Random(735)
for _ in range(300):
    rocks = [rng.choice([-1, 1]) * rng.randint(1, 4) for _ in range(rng.randint(1, 10))]
    ref = list(rocks)
    changed = True
    while changed:  # resolve the first colliding pair until none is left
        changed = False
        for i in range(len(ref) - 1):
            a, b = ref[i], ref[i + 1]
            if a > 0 > b:
                ref[i : i + 2] = [a] if a > -b else [b] if a < -b else []
                changed = True
                break
    assert asteroid_collision(rocks) == ref, rocks
""",
    "alg-p-simplify-path": """\
import posixpath
import random
rng = random.Random(71)
for _ in range(300):
    parts = [rng.choice(["", ".", "..", "...", "a", "b", ".a"]) for _ in range(rng.randint(0, 8))]
    path = "/" + "/".join(parts)
    want = posixpath.normpath("/" + path.lstrip("/"))  # one leading slash, as normpath keeps '//'
    assert simplify_path(path) == want, path
""",
    "alg-p-valid-parentheses": """\
import random
rng = random.Random(20)
for _ in range(300):
    s = "".join(rng.choice("()[]{}") for _ in range(rng.choice((2, 4, 6, 8, rng.randint(1, 9)))))
    if rng.random() < 0.3:  # a balanced one, built from nested pairs
        s = ""
        for _ in range(rng.randint(1, 4)):
            o, c = rng.choice(("()", "[]", "{}"))
            s = rng.choice((o + s + c, s + o + c))
    rest = s
    while True:  # delete adjacent matched pairs until none is left
        shorter = rest.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == rest:
            break
        rest = shorter
    assert is_valid(s) == (rest == "")
""",
}
