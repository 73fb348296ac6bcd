"""The sync path AnkiMobile shares: our decks through Anki's own sync server, from one collection to an empty one.

Collection A imports the built deck, is tagged by the add-on and reviewed through the v3 scheduler, then uploads in
a full sync with its media. An empty collection B downloads it. B must hold what A holds, byte for byte where bytes
exist. Then a release with one edited card is imported into A and synced: B receives exactly that change and keeps
its history, and the readiness report computed on B equals the one on A.

The server is `python -m anki.syncserver`, started on 127.0.0.1 on a free port (shared/anki-notes.md §5).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from anki.sync import SyncAuth
from anki.sync_pb2 import SyncCollectionResponse
from anki_helpers import CardAnswer, Collection, answer_first_card, import_package
from conftest import PROJECT_ROOT

from addon import deck_update, rules, tagging
from generator import Options, build

USER, PASSWORD = "user", "pass"
_LISTENING = re.compile(r"listening addr=127\.0\.0\.1:(\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
EDITED_ID = "alg-big-o-not-worst-case"  # any card; the test finds its text in the Markdown


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[str]:
    """Anki's own sync server on 127.0.0.1, on a port the OS picks; stopped after the test."""
    log = tmp_path / "syncserver.log"
    env = {
        **os.environ,
        "SYNC_USER1": f"{USER}:{PASSWORD}",
        "SYNC_BASE": str(tmp_path / "server"),
        "SYNC_HOST": "127.0.0.1",
        "SYNC_PORT": "0",
        "NO_COLOR": "1",
    }
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "anki.syncserver"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while (match := _LISTENING.search(_ANSI.sub("", log.read_text(errors="replace")))) is None:
            assert server.poll() is None, f"the sync server exited:\n{log.read_text(errors='replace')}"
            assert time.monotonic() < deadline, "the sync server did not start listening in 30 s"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{match.group(1)}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _sync(col: Collection, auth: SyncAuth, upload: bool) -> None:
    """A normal sync; a full one (upload or download) when the server asks for it; then wait for media."""
    out = col.sync_collection(auth, True)
    auth = SyncAuth(hkey=auth.hkey, endpoint=out.new_endpoint or auth.endpoint)
    if out.required in (
        SyncCollectionResponse.FULL_SYNC,
        SyncCollectionResponse.FULL_UPLOAD,
        SyncCollectionResponse.FULL_DOWNLOAD,
    ):
        col.close_for_full_sync()
        col.full_upload_or_download(auth=auth, server_usn=out.server_media_usn, upload=upload)
        col.reopen(after_full_sync=True)
    deadline = time.monotonic() + 60
    while col.media_sync_status().active:
        assert time.monotonic() < deadline, "media sync did not finish in 60 s"
        time.sleep(0.05)


def _snapshot(col: Collection) -> dict[str, object]:
    """What must match across devices: notes, note types, decks, cards, review history and media, keyed by GUID or
    name, never by local id (ids survive a full sync, but matching on content says more)."""
    assert col.db is not None
    guid_of_note = dict(col.db.all("select id, guid from notes"))
    deck_names = {int(entry.id): entry.name for entry in col.decks.all_names_and_ids()}
    notes = sorted(col.db.all("select guid, mid, flds, tags, mod from notes"))
    card_of = {
        card_id: (guid_of_note[nid], ord_) for card_id, nid, ord_ in col.db.all("select id, nid, ord from cards")
    }
    cards = sorted(
        (guid_of_note[nid], ord_, deck_names[did], queue, type_, due, ivl, factor, reps, lapses, data)
        for nid, ord_, did, queue, type_, due, ivl, factor, reps, lapses, data in col.db.all(
            "select nid, ord, did, queue, type, due, ivl, factor, reps, lapses, data from cards"
        )
    )
    revlog = sorted(
        (rid, card_of[cid], ease, ivl, last_ivl, factor, time_, type_)
        for rid, cid, ease, ivl, last_ivl, factor, time_, type_ in col.db.all(
            "select id, cid, ease, ivl, lastIvl, factor, time, type from revlog"
        )
    )
    note_types = sorted(
        (
            model["id"],
            model["name"],
            [field["name"] for field in model["flds"]],
            [(template["name"], template["qfmt"], template["afmt"]) for template in model["tmpls"]],
            model["css"],
        )
        for model in col.models.all()
    )
    decks = sorted((deck["name"], deck.get("desc", "")) for deck in col.decks.all())
    media_dir = Path(col.media.dir())
    media = {path.name: path.read_bytes() for path in sorted(media_dir.iterdir()) if path.is_file()}
    return {
        "notes": notes,
        "cards": cards,
        "revlog": revlog,
        "note_types": note_types,
        "decks": decks,
        "media": media,
    }


def _interview_tags(col: Collection) -> list[tuple[str, list[str]]]:
    assert col.db is not None
    return sorted(
        (guid, sorted(tag for tag in tags.split() if tag.startswith("interview::")))
        for guid, tags in col.db.all("select guid, tags from notes")
    )


def _edit_one_card(content: Path) -> str:
    """Edit the answer of one card in the copied Markdown; returns the new text."""
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        marker = f"{{#{EDITED_ID}}}"
        if marker in text:
            heading_end = text.index("\n", text.index(marker))
            addition = "\n\nEdited for the sync test: the rebuilt release carries this sentence."
            body_start = text.index("\n\n", heading_end) + 2
            body_end = text.index("\n", body_start)
            path.write_text(text[:body_end] + addition + text[body_end:], encoding="utf-8")
            return "Edited for the sync test"
    raise AssertionError(f"card {EDITED_ID} not found in the content")


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of content/, so the builds' ledger updates never touch the committed ledger."""
    content = tmp_path_factory.mktemp("sync-content") / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    return content


def _build(content: Path, out: Path) -> Path:
    build(content, out, Options(run_solutions=False, cache_dir=content.parent / "cache"))
    return out / "mle-interview.apkg"


def test_sync_round_trip_and_an_update(sync_server: str, content_copy: Path, tmp_path: Path) -> None:
    col_a = Collection(str(_folder(tmp_path / "a") / "collection.anki2"))
    col_b = Collection(str(_folder(tmp_path / "b") / "collection.anki2"))
    try:
        _round_trip_then_update(col_a, col_b, sync_server, content_copy, tmp_path)
    finally:
        col_a.close()
        col_b.close()


def _folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


SKETCH = b"\x89PNG\r\n\x1a\n" + bytes(range(64))  # a user's own image: its bytes only need to arrive intact


def _round_trip_then_update(col_a: Collection, col_b: Collection, endpoint: str, content: Path, tmp: Path) -> None:
    # A: import our deck, add a note of the user's own, tag by the add-on's rules, review some cards.
    log = import_package(col_a, _build(content, tmp / "v1"))
    assert len(log.new) > 1000
    own = col_a.new_note(col_a.models.by_name("Basic"))  # type: ignore[arg-type]
    own["Front"] = 'Two sum, from my LeetCode deck <img src="my-sketch.png">'
    col_a.media.write_data("my-sketch.png", SKETCH)  # the deck's diagrams are inline; the user's media must sync
    col_a.add_note(own, col_a.decks.id("LeetCode"))  # type: ignore[arg-type]
    settings = rules.default_settings()
    tagged = tagging.tag_collection(col_a, settings)
    assert tagged.plan.added == 1, "the user's own LeetCode note gets its category"
    for rating in (CardAnswer.GOOD, CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.EASY, CardAnswer.HARD):
        answer_first_card(col_a, rating)
    assert col_a.db is not None and col_a.db.scalar("select count() from revlog") == 5

    # A uploads in full, with media; empty B downloads in full.
    auth_a = col_a.sync_login(USER, PASSWORD, endpoint)
    _sync(col_a, auth_a, upload=True)
    auth_b = col_b.sync_login(USER, PASSWORD, endpoint)
    _sync(col_b, auth_b, upload=False)

    snapshot_a, snapshot_b = _snapshot(col_a), _snapshot(col_b)
    assert snapshot_a["media"] == {"my-sketch.png": SKETCH}
    assert col_b.db is not None
    diagrams = col_b.db.scalar("select count() from notes where flds like '%<svg %class=\"diagram%'")
    assert diagrams >= 20, "the deck's diagrams travel inline in the notes"
    for key in snapshot_a:
        assert snapshot_a[key] == snapshot_b[key], f"B differs from A in its {key}"
    assert _interview_tags(col_a) == _interview_tags(col_b)
    assert any(tags == ["interview::algorithms"] for _, tags in _interview_tags(col_b))
    manifests, _ = deck_update.find_manifests(col_b)
    assert [manifest.name for manifest in manifests] == ["MLE Interview"], "the release manifest syncs too"

    # A release with one edited card, imported into A with the default options and synced both ways.
    new_text = _edit_one_card(content)
    log = import_package(col_a, _build(content, tmp / "v2"))
    assert len(log.updated) == 1 and len(log.new) == 0
    _sync(col_a, auth_a, upload=True)
    before_b = _snapshot(col_b)
    _sync(col_b, auth_b, upload=False)
    after_b = _snapshot(col_b)

    assert after_b == _snapshot(col_a), "B equals A again"
    assert after_b["revlog"] == before_b["revlog"], "B keeps its review history"
    notes_before, notes_after = before_b["notes"], after_b["notes"]
    assert isinstance(notes_before, list) and isinstance(notes_after, list)
    changed = [(old, new) for old, new in zip(notes_before, notes_after, strict=True) if old != new]
    assert len(changed) == 1, "B received exactly one changed note"
    assert new_text in changed[0][1][2] and new_text not in changed[0][0][2]
    assert after_b["cards"] == before_b["cards"] and after_b["media"] == before_b["media"]
    _readiness_reports_match(col_a, col_b)


def _readiness_reports_match(col_a: Collection, col_b: Collection) -> None:
    readiness = pytest.importorskip("addon.readiness", reason="the readiness report (issue 5) is not in yet")
    today, interview, now = date(2026, 12, 1), date(2027, 1, 15), time.time()
    report_a = readiness.compute_report(col_a, today=today, interview_date=interview, now=now)
    report_b = readiness.compute_report(col_b, today=today, interview_date=interview, now=now)
    assert report_a.to_dict() == report_b.to_dict()
