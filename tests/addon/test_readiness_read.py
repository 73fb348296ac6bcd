"""The report's grouped read (`addon/readiness/read.py`): read in slices of card ids by a second thread, it gives the
same report as one read, and every value of the cards' `data` the same as Python's own JSON parser reads it, whatever
odd text a card holds.
"""

from __future__ import annotations

import json
import math
import threading
import time
from typing import Any

import pytest
import test_readiness_cache
from anki.collection import Collection

from addon.readiness import compute_report, read
from addon.readiness.cards import CardCache

col = test_readiness_cache.col  # the fixture: a collection with a review history, FSRS on and off

# Texts a card's `data` may hold after a damaged sync or another add-on: none of them written by Anki.
ODD_DATA = (
    "",
    "not json",
    "[1,2]",
    "5",
    "{}",
    '{"s": "a,b", "decay": [1, 2], "lrt": {"x": 1}}',  # NOTE: commas inside values: the read is realigned
    '{"s": "x]", "decay": "[", "lrt": 1700000000}',
    '{"s": [5], "decay": 0.2, "lrt": [1700000000]}',
    '{"s": -1, "decay": 0, "lrt": 1e400}',
    '{"s": true, "decay": null, "lrt": "1700000000"}',
    '{"s": 1.5e1, "d": 5, "decay": 0.1542, "lrt": 1.7e9}',
    '{"s": 12.5, "decay": 0.2, "lrt": 1700000000, "cd": "{\\"s\\": 3, \\"lrt\\": 4}"}',
    '{"s": 1, "s": 2, "lrt": 1700000000}',
)


def positive(value: Any) -> float | None:
    """What the report takes from one JSON value: a positive finite number, else nothing."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if 0.0 < number < math.inf else None


def expected_values(col: Collection, fsrs: bool) -> dict[int, tuple[float | None, ...]]:
    """Each studied card's (stability, decay, last review) in the report's cards, from Python's `json` a card at a
    time: an object's last value for a key repeated, like SQLite; NaN and Infinity are not JSON."""
    assert col.db is not None
    rows = col.db.all(
        "select c.id, c.data from cards c join notes n on n.id = c.nid "
        "where c.type != 0 and c.queue != -1 and n.tags like '% interview::%'"
    )
    result = {}
    for card_id, text in rows:
        try:
            data = json.loads(text, parse_constant=_refuse)
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        values = tuple(positive(data.get(key)) for key in read.DATA_KEYS)
        result[card_id] = values if fsrs else (None, None, values[2])
    return result


def _refuse(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def read_values(col: Collection, fsrs: bool) -> dict[int, tuple[float | None, ...]]:
    """The same, as the report's grouped read gives them; every card once."""
    found: dict[int, tuple[float | None, ...]] = {}
    for part in read.read_ahead(read.group_reads(col, col.sched.today, [col.sched.today + 3])):
        for group in read.card_groups(col, fsrs, [col.sched.today + 3], part):
            if group.unseen:
                continue
            for card_id, *values in zip(group.ids, group.stabilities, group.decays, group.reviewed):  # noqa: B905
                assert card_id not in found, f"card {card_id} read twice"
                found[card_id] = tuple(values)
    return found


def damage(col: Collection) -> list[int]:
    """Odd `data` on most studied cards, as a damaged sync would leave it (a newer `mod`, as an edit gives)."""
    assert col.db is not None
    studied = col.db.list("select id from cards where type != 0 order by id")
    for card_id, text in zip(studied, ODD_DATA * 2):  # noqa: B905
        col.db.execute("update cards set data = ?, mod = mod + 1 where id = ?", text, card_id)
    return studied


@pytest.mark.parametrize("slice_cards", [1, 2, 5, 16_384])
def test_every_value_is_read_as_pythons_json_reads_it(
    col: Collection, monkeypatch: pytest.MonkeyPatch, slice_cards: int
) -> None:
    fsrs = bool(col.get_config("fsrs", False))
    monkeypatch.setattr(read, "SLICE_CARDS", slice_cards)
    assert read_values(col, fsrs) == expected_values(col, fsrs)
    damage(col)
    expected = expected_values(col, fsrs)
    assert any(values[0] is not None for values in expected.values()) is fsrs
    assert read_values(col, fsrs) == expected


def test_reports_in_slices_and_from_the_cache_equal_one_read(col: Collection, monkeypatch: pytest.MonkeyPatch) -> None:
    assert col.db is not None
    now = time.time()
    damage(col)
    whole = compute_report(col, now=now)
    cache = CardCache()
    compute_report(col, now=now, cache=cache)
    for slice_cards in (1, 3, 7):
        monkeypatch.setattr(read, "SLICE_CARDS", slice_cards)
        sliced = compute_report(col, now=now)
        assert sliced.to_dict() == whole.to_dict()
        assert sorted(sliced.card_recall) == sorted(whole.card_recall)
    # NOTE: the cache reads the damaged cards again one by one (`card_rows`), through the same parser
    col.db.execute("update cards set mod = mod + 1 where data != '' and type != 0")
    cached = compute_report(col, now=now, cache=cache)
    assert cache.fills == 1 and cache.last_changed > 0
    assert cached.to_dict() == whole.to_dict()
    assert sorted(cached.card_recall) == sorted(whole.card_recall)


def test_slices_hold_every_card_once(col: Collection) -> None:
    assert col.db is not None
    ids = col.db.list("select id from cards order by id")
    for size in (1, 2, 4, len(ids) - 1, len(ids), len(ids) + 1):
        slices = read.id_slices(col, size)
        assert slices[0][0] == -(2**63) and slices[-1][1] == 2**63 - 1
        inside = [[card_id for card_id in ids if first <= card_id <= last] for first, last in slices]
        assert [card_id for part in inside for card_id in part] == ids
        assert all(len(part) == size for part in inside[:-1]) and 0 <= len(inside[-1]) <= size


def reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "interview-readiness-read"]


def test_read_ahead_gives_results_in_order_and_errors_in_their_turn() -> None:
    started: list[int] = []

    def read_number(number: int) -> int:
        started.append(number)
        if number == 3:
            raise KeyError("the collection is closed")
        return number

    results = read.read_ahead([lambda n=n: read_number(n) for n in range(6)])  # type: ignore[misc]
    assert [next(results), next(results), next(results)] == [0, 1, 2]
    with pytest.raises(KeyError, match="closed"):
        next(results)
    assert started == [0, 1, 2, 3], "no read after the one that failed"
    assert not reader_threads()


def test_read_ahead_stops_when_the_caller_stops() -> None:
    started: list[int] = []
    first_taken = threading.Event()

    def read_number(number: int) -> int:
        started.append(number)
        if number == 1:
            first_taken.wait(5)
        return number

    results = read.read_ahead([lambda n=n: read_number(n) for n in range(50)])  # type: ignore[misc]
    assert next(results) == 0
    first_taken.set()
    results.close()
    assert not reader_threads(), "the thread has ended when the generator closes"
    assert len(started) < 50, "no further read starts once the caller stopped"


def test_one_read_needs_no_thread() -> None:
    names: list[str] = []
    assert list(read.read_ahead([lambda: names.append(threading.current_thread().name)])) == [None]
    assert names == [threading.current_thread().name]
