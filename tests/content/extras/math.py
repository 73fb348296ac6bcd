"""Extra cases and brute-force checks for content/algorithms/problems/math.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-count-primes": """\
assert count_primes(1) == 0
assert count_primes(4) == 2
assert count_primes(5) == 2
assert count_primes(26) == 9
assert count_primes(10**6) == 78498
""",
    "alg-p-happy-number": """\
assert is_happy(10) is True
assert is_happy(4) is False
assert is_happy(7) is True
assert is_happy(2**31 - 1) is False
""",
    "alg-p-plus-one": """\
assert plus_one([9]) == [1, 0]
assert plus_one([1, 9, 9]) == [2, 0, 0]
assert plus_one([8, 9, 9, 9]) == [9, 0, 0, 0]
assert plus_one([9] * 100) == [1] + [0] * 100
digits = [1, 2, 3]
plus_one(digits)
assert digits == [1, 2, 3]  # the input is not changed
""",
    "alg-p-reverse-integer": """\
assert reverse_integer(-(2**31)) == 0
assert reverse_integer(2**31 - 1) == 0
assert reverse_integer(1363847412) == 2147483631
assert reverse_integer(-1363847412) == -2147483631
assert reverse_integer(10) == 1
""",
    "alg-p-fraction-to-decimal": """\
assert fraction_to_decimal(0, -5) == "0"
assert fraction_to_decimal(-1, -2) == "0.5"
assert fraction_to_decimal(1, -6) == "-0.1(6)"
assert fraction_to_decimal(-(2**31), -1) == "2147483648"
assert fraction_to_decimal(1, 7) == "0.(142857)"
assert fraction_to_decimal(22, 7) == "3.(142857)"
""",
    "alg-p-pow-x-n": """\
assert my_pow(0.0, 5) == 0.0
assert my_pow(-2.0, 3) == -8.0
assert my_pow(1.0, 2**31 - 1) == 1.0
assert my_pow(0.5, -3) == 8.0
assert abs(my_pow(1.0001, 10**5) - 1.0001**(10**5)) < 1e-9 * 1.0001**(10**5)
""",
    "alg-p-multiply-strings": """\
assert multiply("0", "0") == "0"
assert multiply("1", "1") == "1"
assert multiply("9" * 200, "9" * 200) == str((10**200 - 1) ** 2)
assert multiply("100", "1000") == "100000"
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-count-primes": """\
import random
rng = random.Random(204)


def prime(m):
    return m >= 2 and all(m % d for d in range(2, int(m**0.5) + 1))


below = [0]  # below[n]: primes less than n, by trial division of every m
for m in range(3000):
    below.append(below[-1] + prime(m))
for n in list(range(60)) + [rng.randint(60, 3000) for _ in range(240)]:
    assert count_primes(n) == below[n], n
""",
    "alg-p-happy-number": """\
import random
rng = random.Random(202)
for n in list(range(1, 200)) + [rng.randint(1, 2**31 - 1) for _ in range(100)]:
    seen, x = set(), n
    while x != 1 and x not in seen:
        seen.add(x)
        x = sum(int(d) ** 2 for d in str(x))
    assert is_happy(n) is (x == 1), n
""",
    "alg-p-plus-one": """\
import random
rng = random.Random(66)
for _ in range(300):
    value = rng.choice([rng.randint(0, 10**rng.randint(0, 12)), 10**rng.randint(0, 12) - 1])
    digits = [int(c) for c in str(value)]
    assert plus_one(digits) == [int(c) for c in str(value + 1)]
""",
    "alg-p-reverse-integer": """\
import random
rng = random.Random(7)
for _ in range(300):
    x = rng.choice([rng.randint(-(2**31), 2**31 - 1), rng.randint(-1000, 1000), rng.randint(10**9, 2**31 - 1)])
    r = int(str(abs(x))[::-1]) * (-1 if x < 0 else 1)
    want = r if -(2**31) <= r <= 2**31 - 1 else 0
    assert reverse_integer(x) == want, x
""",
    "alg-p-fraction-to-decimal": """\
import random
from fractions import Fraction
rng = random.Random(166)


def reference(num, den):
    # Number theory instead of long division: the pre-period is the larger power of 2 or 5 in the reduced
    # denominator, and the period is the multiplicative order of 10 modulo what remains.
    f = Fraction(num, den)
    sign = "-" if f < 0 else ""
    f = abs(f)
    whole, frac = f.numerator // f.denominator, f - f.numerator // f.denominator
    if frac == 0:
        return sign + str(whole)
    d, twos, fives = frac.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    pre = max(twos, fives)
    period = 0
    if d > 1:
        period = 1
        while pow(10, period, d) != 1:
            period += 1
    digits = str(frac.numerator * 10 ** (pre + period) // frac.denominator).zfill(pre + period)
    tail = f"({digits[pre:]})" if period else ""
    return f"{sign}{whole}.{digits[:pre]}{tail}"


for _ in range(300):
    num = rng.randint(-500, 500) if rng.random() < 0.9 else 0  # a zero must not print as "-0"
    den = rng.choice([-1, 1]) * rng.randint(1, 300)
    assert fraction_to_decimal(num, den) == reference(num, den), (num, den)
""",
    "alg-p-pow-x-n": """\
import math
import random
rng = random.Random(50)
for _ in range(300):
    x = rng.choice((rng.uniform(-3, 3), float(rng.randint(-3, 3)), 0.5, -1.0))
    n = rng.randint(-20, 20)
    if x == 0 and n <= 0:
        continue
    want = x**n
    assert math.isclose(my_pow(x, n), want, rel_tol=1e-12, abs_tol=1e-300), (x, n)
""",
    "alg-p-multiply-strings": """\
import random
rng = random.Random(43)
for _ in range(300):
    a = str(rng.randint(0, 10 ** rng.randint(1, 30)))
    b = str(rng.randint(0, 10 ** rng.randint(1, 30)))
    assert multiply(a, b) == str(int(a) * int(b))
""",
}
