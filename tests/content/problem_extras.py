"""Extra edge-case asserts and brute-force checks for the algorithm problem cards in content/algorithms/problems/.

Each entry maps a problem card id to Python lines. A test runs the card's Solution block in a fresh namespace and
then these lines in that same namespace, so they may use any name the solution defines (including its imports).

- `EXTRA_CASES` cover what the card's own Tests leave out: empty input, single elements, duplicates, negatives and
  large values. Randomised cards are checked with seeded generators or with stub sources.
- `BRUTE_FORCE` compares the solution with a slow, obviously correct reference on seeded random inputs.

The entries below are the first release's; newer ones live one module per content file in `extras/`, each with its
own `EXTRA_CASES` and, where a reference is cheap to write, `BRUTE_FORCE`. `load()` merges them all.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

EXTRAS_DIR = Path(__file__).resolve().parent / "extras"

_FIRST_RELEASE: dict[str, str] = {
    # two-pointers.md
    "alg-p-two-sum-sorted": """\
assert two_sum_sorted([1, 2], 3) == [0, 1]
assert two_sum_sorted([-10, -3, 0, 5, 20], 10) == [0, 4]
assert two_sum_sorted([0, 0, 3, 4], 0) == [0, 1]
assert two_sum_sorted([10**9, 2 * 10**9], 3 * 10**9) == [0, 1]
""",
    "alg-p-three-sum": """\
assert three_sum([]) == []
assert three_sum([0, 0]) == []
assert sorted(three_sum([3, -6, 3, 3, 0, -3])) == [[-6, 3, 3], [-3, 0, 3]]
assert three_sum([-1] * 50 + [2] * 50) == [[-1, -1, 2]]
""",
    "alg-p-container-most-water": """\
assert max_area([1, 2]) == 1
assert max_area([0, 0]) == 0
assert max_area([10**4, 10**4]) == 10**4
assert max_area([1, 2, 9, 1, 10, 1, 1]) == 18
""",
    "alg-p-trapping-rain-water": """\
assert trap([5]) == 0
assert trap([1, 2, 3]) == 0
assert trap([3, 0, 3]) == 3
assert trap([2, 0, 2, 0, 2]) == 4
assert trap([6, 5, 2, 3]) == 1
""",
    # sliding-window.md
    "alg-p-longest-substring-no-repeat": """\
assert longest_unique_substring("") == 0
assert longest_unique_substring(" ") == 1
assert longest_unique_substring("abccba") == 3
assert longest_unique_substring("cxcz") == 3
assert longest_unique_substring("abcdef") == 6
""",
    "alg-p-min-window-substring": """\
assert min_window("a", "a") == "a"
assert min_window("ab", "b") == "b"
assert min_window("abc", "") == ""
assert min_window("ccb", "bc") == "cb"
assert min_window("baabaaab", "aaa") == "aaa"
""",
    "alg-p-sliding-window-maximum": """\
assert max_sliding_window([0, -4], 1) == [0, -4]
assert max_sliding_window([-5, -3, -9], 2) == [-3, -3]
assert max_sliding_window([2, 2, 2], 2) == [2, 2]
assert max_sliding_window([2, 6, 2, 3, 1, 7], 3) == [6, 6, 3, 7]
""",
    "alg-p-find-anagrams": """\
assert find_anagrams("", "a") == []
assert find_anagrams("aaaa", "aa") == [0, 1, 2]
assert find_anagrams("abc", "cba") == [0]
assert find_anagrams("xyz", "ab") == []
""",
    # prefix-sums.md
    "alg-p-subarray-sum-equals-k": """\
assert subarray_sum([], 0) == 0
assert subarray_sum([0, 0, 0], 0) == 6
assert subarray_sum([-1, -1, 1], 0) == 1
assert subarray_sum([5], 5) == 1
assert subarray_sum([5, -2, 2, 5, -5, 5], 5) == 8
""",
    "alg-p-range-sum-2d": """\
assert NumMatrix([[5]]).region(0, 0, 0, 0) == 5
assert NumMatrix([[-1, -2], [-3, -4]]).region(0, 0, 1, 1) == -10
assert NumMatrix([[-1, -2], [-3, -4]]).region(1, 0, 1, 1) == -7
assert NumMatrix([]).p == [[0]]
""",
    "alg-p-product-except-self": """\
assert product_except_self([0, 0]) == [0, 0]
assert product_except_self([0, 4, 5]) == [20, 0, 0]
assert product_except_self([-1, -1, -1]) == [1, 1, 1]
assert product_except_self([10**6] * 3) == [10**12] * 3
""",
    # hashing.md
    "alg-p-two-sum": """\
assert two_sum([1, 5, 3], 8) == [1, 2]
assert two_sum([7, -5, 2, 5], 0) == [1, 3]
assert two_sum([0, 8, 0], 0) == [0, 2]
assert two_sum([10**9, -(10**9)], 0) == [0, 1]
""",
    "alg-p-group-anagrams": """\
assert group_anagrams([]) == []
assert group_anagrams(["a"]) == [["a"]]
assert group_anagrams(["ab", "ba", "ab"]) == [["ab", "ba", "ab"]]
assert len(group_anagrams(["abc", "def", "fed"])) == 2
""",
    "alg-p-longest-consecutive": """\
assert longest_consecutive([6, 7, 6, 5]) == 3
assert longest_consecutive([-1, -2, -3, 10]) == 3
assert longest_consecutive([5]) == 1
assert longest_consecutive(list(range(10**4, 0, -1))) == 10**4
""",
    # monotonic-stack.md
    "alg-p-daily-temperatures": """\
assert daily_temperatures([]) == []
assert daily_temperatures([100]) == [0]
assert daily_temperatures([12, 19, 23, 31]) == [1, 1, 1, 0]
assert daily_temperatures([60, 50, 40, 70]) == [3, 2, 1, 0]
""",
    "alg-p-largest-rectangle-histogram": """\
assert largest_rectangle([5]) == 5
assert largest_rectangle([0, 0]) == 0
assert largest_rectangle([1, 1, 1, 1]) == 4
assert largest_rectangle([4, 1, 3, 5, 4, 2, 6]) == 10
""",
    "alg-p-next-greater-circular": """\
assert next_greater_circular([]) == []
assert next_greater_circular([7]) == [-1]
assert next_greater_circular([3, 1, 2]) == [-1, 2, 3]
assert next_greater_circular([1, 5, 3, 6, 8]) == [5, 6, 6, 8, -1]
""",
    # heaps.md
    "alg-p-top-k-frequent": """\
assert top_k_frequent([7, 8, 8, 9, 9, 9], 3) == [9, 8, 7]
assert top_k_frequent([5, 5, 5, 6], 1) == [5]
assert top_k_frequent([-1, -1, 2], 2) == [-1, 2]
""",
    "alg-p-merge-k-sorted": """\
assert merge_k_sorted([[], []]) == []
assert merge_k_sorted([[1]]) == [1]
assert merge_k_sorted([[-3, 0], [-5, 10], [0]]) == [-5, -3, 0, 0, 10]
assert merge_k_sorted([[2, 2], [2]]) == [2, 2, 2]
""",
    "alg-p-median-stream": """\
m = MedianFinder()
m.add(5)
assert m.median() == 5.0
m = MedianFinder()
m.add(-1)
m.add(-3)
assert m.median() == -2.0
m = MedianFinder()
medians = []
for x in (9, 2, 7, 4):
    m.add(x)
    medians.append(m.median())
assert medians == [9.0, 5.5, 7.0, 5.5]
m = MedianFinder()
for _ in range(3):
    m.add(2)
assert m.median() == 2.0
""",
    "alg-p-k-closest-points": """\
assert k_closest([[1, 1], [2, 2], [3, 3]], 3) == [[1, 1], [2, 2], [3, 3]]
assert k_closest([[-5, 0], [4, 4]], 1) == [[-5, 0]]
assert k_closest([[10000, 10000], [0, 1]], 1) == [[0, 1]]
""",
    # intervals.md
    "alg-p-merge-intervals": """\
assert merge_intervals([]) == []
assert merge_intervals([[1, 1]]) == [[1, 1]]
assert merge_intervals([[5, 6], [1, 2]]) == [[1, 2], [5, 6]]
assert merge_intervals([[-5, -1], [-2, 3]]) == [[-5, 3]]
""",
    "alg-p-insert-interval": """\
assert insert_interval([[2, 6]], [8, 9]) == [[2, 6], [8, 9]]
assert insert_interval([[3, 5]], [1, 2]) == [[1, 2], [3, 5]]
assert insert_interval([[1, 2], [4, 5]], [0, 10]) == [[0, 10]]
assert insert_interval([[1, 6]], [2, 4]) == [[1, 6]]
assert insert_interval([[1, 2]], [2, 3]) == [[1, 3]]
""",
    "alg-p-meeting-rooms-ii": """\
assert min_meeting_rooms([]) == 0
assert min_meeting_rooms([[1, 2]]) == 1
assert min_meeting_rooms([[1, 5], [1, 5], [1, 5]]) == 3
assert min_meeting_rooms([[1, 10], [2, 3], [4, 5], [6, 7]]) == 2
""",
    "alg-p-non-overlapping-intervals": """\
assert erase_overlap_intervals([]) == 0
assert erase_overlap_intervals([[0, 50], [6, 12], [0, 6], [1, 7]]) == 2
assert erase_overlap_intervals([[-3, -1], [-2, 0]]) == 1
assert erase_overlap_intervals([[0, 5]]) == 0
""",
    # binary-search.md
    "alg-p-search-range": """\
assert search_range([1], 1) == [0, 0]
assert search_range([2, 2, 2], 2) == [0, 2]
assert search_range([1, 3], 4) == [-1, -1]
assert search_range([-3, -3, 0], -3) == [0, 1]
""",
    "alg-p-search-rotated": """\
assert search_rotated([], 5) == -1
assert search_rotated([8, 2], 2) == 1
assert search_rotated([9, 2, 6], 9) == 0
assert search_rotated([6, 7, 1, 2, 3, 4, 5], 7) == 1
assert search_rotated([-4, -2, -9, -7], -7) == 3
""",
    "alg-p-find-min-rotated": """\
assert find_min_rotated([1]) == 1
assert find_min_rotated([2, 1]) == 1
assert find_min_rotated([-1, -5, -3]) == -5
assert find_min_rotated([5, 6, 8, 9, 2]) == 2
""",
    "alg-p-koko-eating-bananas": """\
assert min_eating_speed([10**9], 3) == 333333334
assert min_eating_speed([1, 1, 1], 10) == 1
assert min_eating_speed([5], 5) == 1
assert min_eating_speed([8, 2, 13], 3) == 13
""",
    # bfs.md
    "alg-p-rotting-oranges": """\
assert oranges_rotting([[0]]) == 0
assert oranges_rotting([[1]]) == -1
assert oranges_rotting([[2, 2], [1, 1]]) == 1
assert oranges_rotting([[2, 1, 1, 1, 1]]) == 4
""",
    "alg-p-word-ladder": """\
assert ladder_length("pin", "sun", ["pin", "sun"]) == 0
assert ladder_length("pen", "pan", ["pan"]) == 2
assert ladder_length("abc", "xyz", []) == 0
assert ladder_length("aa", "bb", ["ab", "bb"]) == 3
""",
    "alg-p-shortest-path-binary-matrix": """\
assert shortest_path_binary_matrix([[0]]) == 1
assert shortest_path_binary_matrix([[1]]) == -1
assert shortest_path_binary_matrix([[0, 0], [0, 1]]) == -1
assert shortest_path_binary_matrix([[0] * 3 for _ in range(3)]) == 3
""",
    # dfs.md
    "alg-p-number-of-islands": """\
assert num_islands([]) == 0
assert num_islands([["0"]]) == 0
assert num_islands([["1"]]) == 1
assert num_islands([list("101"), list("010"), list("101")]) == 5
assert num_islands([["1"] * 100 for _ in range(100)]) == 1
""",
    "alg-p-clone-graph": """\
assert to_adj(clone_graph(build([[]]))) == {1: []}
g = build([[2], [1]])
c = clone_graph(g)
assert to_adj(c) == {1: [2], 2: [1]}
assert c.neighbors[0].neighbors[0] is c and c.neighbors[0] is not g.neighbors[0]
""",
    "alg-p-all-paths-dag": """\
assert all_paths([[1], [2], []]) == [[0, 1, 2]]
assert all_paths([[1, 2], [2], []]) == [[0, 1, 2], [0, 2]]
assert all_paths([[], []]) == []
assert all_paths([[2, 1], [2], []]) == [[0, 2], [0, 1, 2]]
""",
    # topological-sort.md
    "alg-p-course-schedule": """\
assert can_finish(1, []) is True
assert can_finish(4, [[1, 0], [2, 1], [3, 2], [1, 3]]) is False
assert can_finish(4, [[1, 0], [3, 2]]) is True
assert can_finish(2, [[1, 0], [1, 0]]) is True
""",
    "alg-p-course-order": """\
assert sorted(find_order(3, [])) == [0, 1, 2]
assert find_order(2, [[1, 1]]) == []
assert find_order(3, [[0, 1], [1, 2]]) == [2, 1, 0]
assert find_order(3000, [[i, i + 1] for i in range(2999)]) == list(range(2999, -1, -1))
""",
    "alg-p-alien-dictionary": """\
assert alien_order(["k", "j"]) == "kj"
assert alien_order(["q", "q"]) == "q"
assert alien_order(["ba", "ab", "bb"]) == ""
w = ["ed", "ef", "gd", "gf"]
assert len(alien_order(w)) == 4 and consistent(alien_order(w), w)
""",
    # union-find.md
    "alg-p-count-components": """\
assert count_components(1, []) == 1
assert count_components(0, []) == 0
assert count_components(3, [[0, 0], [1, 1]]) == 3
assert count_components(4, [[0, 1], [0, 1], [2, 3]]) == 2
""",
    "alg-p-redundant-connection": """\
assert find_redundant_connection([[1, 2], [2, 3], [3, 1]]) == [3, 1]
assert find_redundant_connection([[1, 2], [1, 3], [1, 4], [3, 4]]) == [3, 4]
assert find_redundant_connection([[2, 1], [3, 1], [4, 2], [1, 4]]) == [1, 4]
""",
    "alg-p-equations-possible": """\
assert equations_possible(["a!=a"]) is False
assert equations_possible(["e!=f", "g==h", "h==h"]) is True
assert equations_possible(["d==e", "f==d", "e!=f"]) is False
assert equations_possible([]) is True
""",
    # shortest-paths.md
    "alg-p-network-delay-time": """\
assert network_delay_time([], 1, 1) == 0
assert network_delay_time([[1, 2, 1], [2, 3, 2], [1, 3, 4]], 3, 1) == 3
assert network_delay_time([[1, 2, 0]], 2, 1) == 0
assert network_delay_time([[1, 2, 1]], 3, 1) == -1
""",
    "alg-p-path-min-effort": """\
assert minimum_effort_path([[3, 12, 5, 8, 14, 2]]) == 12
assert minimum_effort_path([[5, 5], [5, 5]]) == 0
assert minimum_effort_path([[1], [1000000]]) == 999999
grid = [[1, 9, 1, 1, 1], [1, 9, 1, 9, 1], [1, 1, 1, 9, 1]]
assert minimum_effort_path(grid) == 0
""",
    "alg-p-cheapest-flights-k-stops": """\
assert find_cheapest_price(3, [[0, 1, 100]], 0, 2, 5) == -1
assert find_cheapest_price(2, [[0, 1, 5]], 0, 0, 0) == 0
line = [[0, 1, 1], [1, 2, 1], [2, 3, 1], [0, 3, 10]]
assert find_cheapest_price(4, line, 0, 3, 1) == 10
assert find_cheapest_price(4, line, 0, 3, 2) == 3
""",
    # tries.md
    "alg-p-implement-trie": """\
t = Trie()
assert not t.search("") and t.starts_with("")
t.insert("")
assert t.search("")
t.insert("a" * 2000)
assert t.search("a" * 2000) and not t.search("a" * 1999) and t.starts_with("a" * 1999)
""",
    "alg-p-wildcard-word-dictionary": """\
wd = WordDictionary()
assert not wd.search(".")
wd.add("a")
assert wd.search(".") and not wd.search("..")
wd.add("ab")
assert wd.search("a.") and wd.search("..") and not wd.search(".b.")
""",
    "alg-p-word-search-ii": """\
assert find_words([["a"]], ["b"]) == []
assert find_words([list("zz")], ["zzz"]) == []
assert find_words([list("aa")], ["a"]) == ["a"]
got = find_words([list("ab"), list("cd")], ["ab", "abdc", "acdb", "abcd"])
assert sorted(got) == ["ab", "abdc", "acdb"]
""",
    # backtracking.md
    "alg-p-subsets": """\
assert subsets([0]) == [[], [0]]
assert subsets([-1, 1]) == [[], [-1], [-1, 1], [1]]
assert len(subsets([1, 2, 3, 4])) == 16
""",
    "alg-p-permutations": """\
assert permutations([5]) == [[5]]
assert len(permutations(list(range(6)))) == 720
assert len(set(map(tuple, permutations([-1, 2, 3, 4])))) == 24
""",
    "alg-p-combination-sum": """\
assert combination_sum([3], 9) == [[3, 3, 3]]
assert combination_sum([5], 5) == [[5]]
assert combination_sum([3, 4], 5) == []
assert combination_sum([3, 2], 6) == [[2, 2, 2], [3, 3]]
""",
    "alg-p-n-queens": """\
assert total_n_queens(2) == 0
assert total_n_queens(3) == 0
assert total_n_queens(5) == 10
assert total_n_queens(6) == 4
""",
    "alg-p-word-search": """\
assert exist([["a"]], "a") is True
assert exist([["a"]], "aa") is False
assert exist([list("xy")], "yx") is True
assert exist([list("zz")], "zzz") is False
""",
    # dp-1d.md
    "alg-p-climbing-stairs": """\
assert climb_stairs(1) == 1
assert climb_stairs(10) == 89
assert climb_stairs(45) == 1836311903
""",
    "alg-p-house-robber": """\
assert rob([]) == 0
assert rob([5]) == 5
assert rob([0, 0, 0]) == 0
assert rob([10**6] * 3) == 2 * 10**6
""",
    "alg-p-max-subarray": """\
assert max_subarray([1]) == 1
assert max_subarray([-1]) == -1
assert max_subarray([0, -3, 0]) == 0
assert max_subarray([-2, -1, 3, -1, 2]) == 4
""",
    "alg-p-word-break": """\
assert word_break("", ["a"]) is True
assert word_break("a", []) is False
assert word_break("xxxxxx", ["xxxx", "xxx"]) is True
assert word_break("abc", ["ab", "bc"]) is False
""",
    "alg-p-decode-ways": """\
assert num_decodings("0") == 0
assert num_decodings("10") == 1
assert num_decodings("30") == 0
assert num_decodings("12208") == 2
assert num_decodings("11111") == 8
""",
    # dp-knapsack.md
    "alg-p-coin-change-min": """\
assert coin_change([1], 0) == 0
assert coin_change([2, 5], 3) == -1
assert coin_change([7, 23, 59, 101], 4321) == 49
assert coin_change([5], 10**4) == 2000
""",
    "alg-p-coin-change-ways": """\
assert change(0, []) == 1
assert change(9, [9]) == 1
assert change(10, [5, 2, 3]) == 4
assert change(1, [2]) == 0
""",
    "alg-p-knapsack-01": """\
assert knapsack([], [], 10) == 0
assert knapsack([1, 1, 1], [10, 20, 30], 2) == 50
assert knapsack([3], [5], 3) == 5
assert knapsack([1], [1], 0) == 0
""",
    "alg-p-partition-equal-subset": """\
assert can_partition([1, 1]) is True
assert can_partition([100, 100]) is True
assert can_partition([2, 3, 7]) is False
assert can_partition([3, 3, 3, 4, 5]) is True
""",
    # dp-subsequences.md
    "alg-p-longest-increasing-subsequence": """\
assert length_of_lis([]) == 0
assert length_of_lis([5]) == 1
assert length_of_lis([5, 4, 3]) == 1
assert length_of_lis([-2, -1, 0]) == 3
assert length_of_lis([9, 1, 9, 5, 6, 2, 7]) == 4
""",
    "alg-p-russian-doll-envelopes": """\
assert max_envelopes([[1, 1]]) == 1
assert max_envelopes([[6, 8], [6, 9], [8, 10], [3, 4], [2, 2]]) == 4
env = [[1, 5], [2, 7], [2, 6], [2, 3], [3, 8], [4, 4], [4, 9], [5, 10]]
assert max_envelopes(env) == 5
""",
    "alg-p-longest-common-subsequence": """\
assert lcs_length("", "abc") == 0
assert lcs_length("a", "a") == 1
assert lcs_length("mn", "zmz") == 1
assert lcs_length("banana", "atana") == 4
""",
    "alg-p-edit-distance": """\
assert edit_distance("", "") == 0
assert edit_distance("a", "") == 1
assert edit_distance("abc", "abc") == 0
assert edit_distance("lemon", "melon") == 2
assert edit_distance("abc", "xyz") == 3
""",
    # dp-grid.md
    "alg-p-unique-paths-obstacles": """\
assert unique_paths_with_obstacles([[0]]) == 1
assert unique_paths_with_obstacles([[0, 0], [0, 1]]) == 0
assert unique_paths_with_obstacles([[0, 0, 0, 0]]) == 1
assert unique_paths_with_obstacles([[0] * 10 for _ in range(10)]) == 48620
""",
    "alg-p-min-path-sum": """\
assert min_path_sum([[5]]) == 5
assert min_path_sum([[1], [2], [3]]) == 6
assert min_path_sum([[0, 0], [0, 0]]) == 0
assert min_path_sum([[4, 1], [2, 2]]) == 7
""",
    "alg-p-maximal-square": """\
assert maximal_square([]) == 0
assert maximal_square([["1"]]) == 1
assert maximal_square([list("111")] * 3) == 9
assert maximal_square([list("11111")]) == 1
""",
    # dp-interval.md
    "alg-p-matrix-chain": """\
assert matrix_chain_cost([3, 1, 4, 2]) == 14
assert matrix_chain_cost([15, 4, 20, 8, 25]) == 2940
assert matrix_chain_cost([2, 3, 4]) == 24
""",
    "alg-p-burst-balloons": """\
assert max_coins([5]) == 5
assert max_coins([0, 0]) == 0
assert max_coins([1, 1, 1]) == 3
assert max_coins([6, 2, 9, 4, 0, 8, 3, 1, 7]) == 1516
""",
    "alg-p-longest-palindromic-subsequence": """\
assert longest_palindrome_subseq("") == 0
assert longest_palindrome_subseq("abcd") == 1
assert longest_palindrome_subseq("racecar") == 7
assert longest_palindrome_subseq("cbaxabd") == 5
""",
    # greedy.md
    "alg-p-jump-game": """\
assert can_jump([1, 0, 1]) is False
assert can_jump([3, 0, 0, 0]) is True
assert can_jump([0, 1]) is False
assert can_jump([1] * 10**4) is True
""",
    "alg-p-jump-game-ii": """\
assert jump([1, 1, 1, 1]) == 3
assert jump([1, 2]) == 1
assert jump([10, 1, 1, 1]) == 1
assert jump([1, 2, 1, 1, 1]) == 3
""",
    "alg-p-gas-station": """\
assert can_complete_circuit([0], [0]) == 0
assert can_complete_circuit([1, 2], [2, 1]) == 1
assert can_complete_circuit([3, 1, 1], [1, 2, 2]) == 0
assert can_complete_circuit([4], [5]) == -1
""",
    # bit-tricks.md
    "alg-p-single-number": """\
assert single_number([0]) == 0
assert single_number([0, 1, 0]) == 1
assert single_number([-1, -1, -2]) == -2
assert single_number([2**40, 3, 3]) == 2**40
""",
    "alg-p-counting-bits": """\
assert count_bits(1) == [0, 1]
assert count_bits(8)[-1] == 1
assert count_bits(15)[15] == 4
assert all(c == bin(i).count("1") for i, c in enumerate(count_bits(1000)))
""",
    "alg-p-missing-number": """\
assert missing_number([0]) == 1
assert missing_number([1]) == 0
assert missing_number([0, 2]) == 1
assert missing_number(list(range(1, 10001))) == 0
""",
    "alg-p-single-number-iii": """\
assert single_number_iii([5, 7]) == [5, 7]
assert single_number_iii([-3, -3, -4, 9]) == [-4, 9]
assert single_number_iii([2**31, 1, 1, 0]) == [0, 2**31]
""",
    # random-sampling.md
    "alg-p-reservoir-sampling": """\
rng = random.Random(11)
assert reservoir_sample(range(5), 0, rng) == []
assert reservoir_sample([], 3, rng) == []
assert reservoir_sample(range(100), 100, rng) == list(range(100))
assert len(set(reservoir_sample(range(1000), 10, rng))) == 10
hits = [0] * 4
for _ in range(4000):
    hits[reservoir_sample(range(4), 1, rng)[0]] += 1
assert all(abs(h - 1000) < 150 for h in hits)
""",
    "alg-p-fisher-yates-shuffle": """\
empty: list[int] = []
shuffle(empty, random.Random(0))
assert empty == []
one = [7]
shuffle(one, random.Random(0))
assert one == [7]
dup = [1, 1, 2, 2]
shuffle(dup, random.Random(5))
assert sorted(dup) == [1, 1, 2, 2]
x, y = list(range(20)), list(range(20))
shuffle(x, random.Random(9))
shuffle(y, random.Random(9))
assert x == y and sorted(x) == list(range(20))
""",
    "alg-p-rand7-from-rand5": """\
assert rand7(lambda: 1) == 1
source = iter([5, 5, 1, 2])  # first pair gives 24 and is rejected; then 0 * 5 + 1 = 1
assert rand7(lambda: next(source)) == 2
r5 = make_rand5(random.Random(5))
assert all(1 <= rand7(r5) <= 7 for _ in range(1000))
a, b = make_rand5(random.Random(8)), make_rand5(random.Random(8))
assert [rand7(a) for _ in range(50)] == [rand7(b) for _ in range(50)]
""",
    "alg-p-random-pick-weight": """\
wp = WeightedPicker([1, 3], random.Random(0))
assert [bisect_right(wp.cum, r) for r in range(4)] == [0, 1, 1, 1]
uniform = WeightedPicker([1, 1, 1, 1], random.Random(2))
assert {uniform.pick() for _ in range(200)} == {0, 1, 2, 3}
skewed = WeightedPicker([10**9, 1], random.Random(4))
assert all(skewed.pick() == 0 for _ in range(100))
""",
    # cache-design.md
    "alg-p-lru-cache": """\
c = LRUCache(1)
assert c.get(1) == -1
c.put(1, 1)
c.put(2, 2)
assert c.get(1) == -1 and c.get(2) == 2
c = LRUCache(2)
c.put(1, 1)
c.put(2, 2)
c.put(1, 10)  # update refreshes key 1
c.put(3, 3)  # evicts key 2
assert c.get(1) == 10 and c.get(2) == -1 and c.get(3) == 3
""",
    "alg-p-lfu-cache": """\
c = LFUCache(1)
assert c.get(1) == -1
c.put(1, 1)
c.put(2, 2)
assert c.get(1) == -1 and c.get(2) == 2
c = LFUCache(2)
c.put(1, 1)
c.put(2, 2)
c.put(1, 10)  # an update counts as a use
c.put(3, 3)  # evicts key 2
assert c.get(1) == 10 and c.get(2) == -1 and c.get(3) == 3
""",
    # quickselect.md
    "alg-p-kth-largest-quickselect": """\
assert find_kth_largest([1], 1) == 1
assert find_kth_largest([-1, -1], 2) == -1
assert find_kth_largest([2, 1], 1) == 2
assert find_kth_largest(list(range(10**4)), 1) == 9999
assert find_kth_largest([5, 3, 8, 1], 3, random.Random(9)) == 3
""",
    "alg-p-sort-colors": """\
a: list[int] = []
sort_colors(a)
assert a == []
b = [1]
sort_colors(b)
assert b == [1]
c = [2, 2, 0, 0]
sort_colors(c)
assert c == [0, 0, 2, 2]
d = [2, 1, 0] * 100
sort_colors(d)
assert d == sorted([2, 1, 0] * 100)
""",
    # linked-lists.md
    "alg-p-reverse-linked-list": """\
assert to_list(reverse_list(from_list([7]))) == [7]
assert to_list(reverse_list(from_list(list(range(5000))))) == list(range(4999, -1, -1))
assert to_list(reverse_list(reverse_list(from_list([1, 2, 3])))) == [1, 2, 3]
""",
    "alg-p-linked-list-cycle-start": """\
assert detect_cycle(build_with_cycle([], -1)[0]) is None
head, start = build_with_cycle([1, 2], 0)
assert detect_cycle(head) is start
head, start = build_with_cycle([1, 2, 3, 4, 5, 6], 5)
assert detect_cycle(head) is start
assert detect_cycle(build_with_cycle([1], -1)[0]) is None
""",
    "alg-p-merge-two-sorted-lists": """\
assert to_list(merge_two_lists(from_list([5]), from_list([1, 2, 3]))) == [1, 2, 3, 5]
assert to_list(merge_two_lists(from_list([-3, 0]), from_list([-3, -2]))) == [-3, -3, -2, 0]
a, b = from_list([1]), from_list([1])
assert merge_two_lists(a, b) is a  # ties take the first list's node
""",
    "alg-p-remove-nth-from-end": """\
assert to_list(remove_nth_from_end(from_list([1, 2]), 1)) == [1]
assert to_list(remove_nth_from_end(from_list([1, 2, 3]), 3)) == [2, 3]
assert to_list(remove_nth_from_end(from_list([1, 2, 3]), 2)) == [1, 3]
assert to_list(remove_nth_from_end(from_list(list(range(1, 31))), 30)) == list(range(2, 31))
""",
    # trees.md
    "alg-p-inorder-iterative": """\
assert inorder(build_tree([1])) == [1]
assert inorder(build_tree([3, 1, None, None, 2])) == [1, 2, 3]
assert inorder(TreeNode(3, TreeNode(2, TreeNode(1)))) == [1, 2, 3]
assert build_tree([]) is None
""",
    "alg-p-level-order": """\
assert level_order(TreeNode(1, None, TreeNode(2, None, TreeNode(3)))) == [[1], [2], [3]]
tree = TreeNode(1, TreeNode(2, TreeNode(4)), TreeNode(3, None, TreeNode(5)))
assert level_order(tree) == [[1], [2, 3], [4, 5]]
assert level_order(TreeNode(-1, TreeNode(-2))) == [[-1], [-2]]
""",
    "alg-p-validate-bst": """\
assert is_valid_bst(TreeNode(7, TreeNode(7))) is False
assert is_valid_bst(None) is True
assert is_valid_bst(TreeNode(-(2**63), None, TreeNode(2**63 - 1))) is True
assert is_valid_bst(TreeNode(3, TreeNode(1, None, TreeNode(4)), TreeNode(5))) is False
""",
    "alg-p-lca-binary-tree": """\
root = TreeNode(1, TreeNode(2))
assert lowest_common_ancestor(root, root, root.left) is root
chain = TreeNode(1, TreeNode(2, TreeNode(3, TreeNode(4))))
assert lowest_common_ancestor(chain, find(chain, 3), find(chain, 4)).val == 3
wide = TreeNode(0, TreeNode(-1, TreeNode(-2), TreeNode(-3)), TreeNode(1))
assert lowest_common_ancestor(wide, find(wide, -2), find(wide, -3)).val == -1
""",
    "alg-p-lca-bst": """\
root = None
for v in [2, 1]:
    root = bst_insert(root, v)
assert lca_bst(root, 2, 1) == 2
root = None
for v in [0, -5, 5, -7, -3]:
    root = bst_insert(root, v)
assert lca_bst(root, -7, -3) == -5
assert lca_bst(root, -7, 5) == 0
assert lca_bst(root, -3, -5) == -5
""",
    # matrix.md
    "alg-p-search-sorted-matrix": """\
assert search_matrix([], 1) is False
assert search_matrix([[]], 1) is False
assert search_matrix([[1, 3, 5]], 4) is False
assert search_matrix([[1], [3], [5]], 5) is True
""",
    "alg-p-spiral-order": """\
assert spiral_order([]) == []
assert spiral_order([[1]]) == [1]
assert spiral_order([[1, 2, 3]]) == [1, 2, 3]
assert spiral_order([[1, 2], [3, 4], [5, 6]]) == [1, 2, 4, 6, 5, 3]
""",
    "alg-p-rotate-image": """\
m = [[1]]
rotate(m)
assert m == [[1]]
m = [[-1, -2], [-3, -4]]
rotate(m)
assert m == [[-3, -1], [-4, -2]]
m = [[4 * r + c for c in range(4)] for r in range(4)]
for _ in range(4):
    rotate(m)
assert m == [[4 * r + c for c in range(4)] for r in range(4)]
""",
}


def _modules() -> list[object]:
    modules = []
    for path in sorted(EXTRAS_DIR.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"problem_extras_{path.stem.replace('-', '_')}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def _merge(name: str, base: dict[str, str]) -> dict[str, str]:
    merged = dict(base)
    for module in _modules():
        for card_id, code in getattr(module, name, {}).items():
            if card_id in merged:
                raise ValueError(f"{name}: {card_id!r} appears twice ({module.__file__})")
            merged[card_id] = code
    return merged


EXTRA_CASES: dict[str, str] = _merge("EXTRA_CASES", _FIRST_RELEASE)
BRUTE_FORCE: dict[str, str] = _merge("BRUTE_FORCE", {})


def extra_tests() -> dict[str, str]:
    """Per card id, the extra cases followed by the brute-force check, as one block to run after the solution."""
    return {
        card_id: "\n".join(part for part in (EXTRA_CASES.get(card_id, ""), BRUTE_FORCE.get(card_id, "")) if part)
        for card_id in sorted(set(EXTRA_CASES) | set(BRUTE_FORCE))
    }
