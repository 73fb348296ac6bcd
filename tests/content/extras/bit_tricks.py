"""Extra cases and brute-force checks for content/algorithms/problems/bit-tricks.md."""

EXTRA_CASES: dict[str, str] = {
    "alg-p-sum-two-integers": """\
assert get_sum(0, 0) == 0
assert get_sum(1000, 1000) == 2000
assert get_sum(-1000, -1000) == -2000
assert get_sum(-1, 1) == 0
assert get_sum(2**30, 2**30 - 1) == 2**31 - 1
assert get_sum(-(2**30), -(2**30)) == -(2**31)
""",
    "alg-p-number-of-one-bits": """\
assert hamming_weight(1) == 1
assert hamming_weight(2**31) == 1
assert hamming_weight(0b1010101010) == 5
assert hamming_weight(2**31 - 1) == 31
""",
    "alg-p-reverse-bits": """\
assert reverse_bits(2**31) == 1
assert reverse_bits(4294967285) == 2952790015
assert reverse_bits(reverse_bits(123456789)) == 123456789
assert reverse_bits(0b1111) == 0b1111 << 28
""",
    "alg-p-power-of-two": """\
assert is_power_of_two(-16) is False
assert is_power_of_two(-(2**31)) is False
assert is_power_of_two(2**30) is True
assert is_power_of_two(2**31 - 1) is False
assert is_power_of_two(2) is True
""",
    "alg-p-single-number-ii": """\
assert single_number_ii([7]) == 7
assert single_number_ii([0, 5, 5, 5]) == 0
assert single_number_ii([-(2**31), 3, 3, 3]) == -(2**31)
assert single_number_ii([2**31 - 1] * 3 + [-1]) == -1
""",
    "alg-p-range-bitwise-and": """\
assert range_bitwise_and(7, 7) == 7
assert range_bitwise_and(0, 2**31 - 1) == 0
assert range_bitwise_and(2**30, 2**31 - 1) == 2**30
assert range_bitwise_and(6, 7) == 6
assert range_bitwise_and(7, 8) == 0
""",
}

BRUTE_FORCE: dict[str, str] = {
    "alg-p-sum-two-integers": """\
import random
rng = random.Random(371)
for _ in range(300):
    a, b = rng.randint(-(2**30), 2**30 - 1), rng.randint(-(2**30), 2**30 - 1)
    assert get_sum(a, b) == a + b, (a, b)
""",
    "alg-p-number-of-one-bits": """\
import random
rng = random.Random(191)
for _ in range(300):
    n = rng.randint(0, 2**32 - 1) >> rng.randint(0, 31)
    assert hamming_weight(n) == bin(n).count("1")
""",
    "alg-p-reverse-bits": """\
import random
rng = random.Random(190)
for _ in range(300):
    n = rng.randint(0, 2**32 - 1) >> rng.randint(0, 31)
    assert reverse_bits(n) == int(format(n, "032b")[::-1], 2)
""",
    "alg-p-power-of-two": """\
import random
rng = random.Random(231)
powers = {2**k for k in range(31)}
for n in list(range(-300, 300)) + [rng.randint(-(2**31), 2**31 - 1) for _ in range(300)] + sorted(powers):
    assert is_power_of_two(n) is (n in powers), n
""",
    "alg-p-single-number-ii": """\
import random
rng = random.Random(137)
for _ in range(300):
    values = rng.sample(range(-(2**31), 2**31), rng.randint(1, 6))
    nums = [values[0]] + [v for v in values[1:] for _ in range(3)]
    rng.shuffle(nums)
    assert single_number_ii(nums) == values[0]
""",
    "alg-p-range-bitwise-and": """\
import functools
import operator
import random
rng = random.Random(201)
for _ in range(300):
    left = rng.randint(0, 2**rng.randint(1, 12))
    right = left + rng.randint(0, 300)
    assert range_bitwise_and(left, right) == functools.reduce(operator.and_, range(left, right + 1))
""",
    "alg-p-single-number": """\
import random
rng = random.Random(136)
for _ in range(300):
    values = rng.sample(range(-1000, 1000), rng.randint(1, 8))
    nums = [values[0]] + [v for v in values[1:] for _ in range(2)]
    rng.shuffle(nums)
    assert single_number(nums) == values[0]
""",
    "alg-p-counting-bits": """\
import random
rng = random.Random(338)
for _ in range(300):
    n = rng.randint(0, 200)
    assert count_bits(n) == [bin(i).count("1") for i in range(n + 1)]
""",
    "alg-p-missing-number": """\
import random
rng = random.Random(268)
for _ in range(300):
    n = rng.randint(1, 30)
    gone = rng.randint(0, n)
    nums = [v for v in range(n + 1) if v != gone]
    rng.shuffle(nums)
    assert missing_number(nums) == gone
""",
    "alg-p-single-number-iii": """\
import random
rng = random.Random(260)
for _ in range(300):
    values = rng.sample(range(-500, 500), rng.randint(2, 8))
    nums = values[:2] + [v for v in values[2:] for _ in range(2)]
    rng.shuffle(nums)
    assert single_number_iii(nums) == sorted(values[:2])
""",
}
