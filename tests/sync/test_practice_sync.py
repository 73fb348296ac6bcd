"""The practice log travels with the collection through Anki's own sync server: to a new machine (a full download)
and with every normal sync after that, both ways, together with the reviews the attempts recorded.

The server is `python -m anki.syncserver` on 127.0.0.1 (the fixture of test_sync_roundtrip.py).
"""

from __future__ import annotations

from pathlib import Path

import anki.collection  # noqa: F401  (NOTE: before anki.scheduler.v3, or the import is circular)
from anki.collection import Collection
from anki.sync import SyncAuth
from anki.sync_pb2 import SyncCollectionResponse
from test_sync_roundtrip import PASSWORD, USER, _sync, sync_server

from addon.practice import grading, items, log, record, stats
from addon.practice.timing import Marks, timing

__all__ = ["sync_server"]  # the fixture, used by name


def _problems(col: Collection, count: int) -> list[int]:
    deck_id = col.decks.id("LeetCode")
    card_ids = []
    for index in range(count):
        note = col.new_note(col.models.by_name("Basic"))  # type: ignore[arg-type]
        note["Front"] = f"Problem {index}"
        note.tags = ["interview::algorithms", "difficulty::medium"]
        col.add_note(note, deck_id)  # type: ignore[arg-type]
        card_ids.append(int(note.card_ids()[0]))
    return card_ids


def _attempt(col: Collection, card_id: int, minutes: tuple[float, float], grade: str) -> log.Attempt:
    candidate = next(c for c in items.candidates(col, "coding") if c.card_id == card_id)
    end = (minutes[0] + minutes[1]) * 60
    result = timing(candidate.phases, Marks(0.0, (minutes[0] * 60,), end), end)
    return record.record_attempt(col, card_id, "coding", result, grade).attempt


def _normal_sync(col: Collection, auth: SyncAuth) -> None:
    """An incremental sync: the server must not ask for a full one."""
    out = col.sync_collection(auth, False)
    assert out.required in (SyncCollectionResponse.NO_CHANGES, SyncCollectionResponse.NORMAL_SYNC), out


def _reviews(col: Collection) -> list[tuple[int, int, int]]:
    assert col.db is not None
    return sorted((int(a), int(b), int(c)) for a, b, c in col.db.all("select id, cid, ease from revlog"))


def test_the_practice_log_arrives_on_a_second_client(sync_server: str, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    col_a = Collection(str(tmp_path / "a" / "collection.anki2"))
    col_b = Collection(str(tmp_path / "b" / "collection.anki2"))
    try:
        problems = _problems(col_a, 3)
        first = [
            _attempt(col_a, problems[0], (25, 9), grading.OVER),
            _attempt(col_a, problems[1], (12, 6), grading.WITHIN),
        ]
        assert log.read_log(col_a) == first

        # A new machine: A uploads in full, empty B downloads in full.
        auth_a = col_a.sync_login(USER, PASSWORD, sync_server)
        _sync(col_a, auth_a, upload=True)
        auth_b = col_b.sync_login(USER, PASSWORD, sync_server)
        _sync(col_b, auth_b, upload=False)
        assert log.read_log(col_b) == first
        assert col_b.get_config(log.LOG_KEY) == col_a.get_config(log.LOG_KEY)
        assert {entry.review_id for entry in first} <= {review[0] for review in _reviews(col_b)}

        # A practises again; normal syncs carry the new entry and its review to B.
        third = _attempt(col_a, problems[2], (40, 10), grading.ANSWER)
        _normal_sync(col_a, auth_a)
        _normal_sync(col_b, auth_b)
        assert log.read_log(col_b) == [*first, third]
        assert (third.review_id, problems[2], grading.AGAIN) in _reviews(col_b)
        assert stats.practice_summary(col_b) == stats.practice_summary(col_a)
        marked = stats.practice_summary(col_b).rounds["coding"].re_review
        assert [item.card_id for item in marked] == [problems[2], problems[0]], "needed the answer, then over"

        # And the other way: B practises, A receives it.
        fourth = _attempt(col_b, problems[0], (10, 5), grading.WITHIN)
        _normal_sync(col_b, auth_b)
        _normal_sync(col_a, auth_a)
        assert log.read_log(col_a) == [*first, third, fourth]
        assert _reviews(col_a) == _reviews(col_b)
    finally:
        col_a.close()
        col_b.close()
