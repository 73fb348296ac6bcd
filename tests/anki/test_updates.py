"""Acceptance: a rebuilt deck re-imported with Anki's default options updates exactly what changed.

Every test builds real packages with the generator and imports them with Anki's own importer into a real
collection; nothing is mocked.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from pathlib import Path

import pytest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
from anki_helpers import Collection, answer_first_card, import_package, notes_by_id
from conftest import TreeFactory

from generator import Options, SchemaChangeError, build
from generator.notetypes import NOTE_TYPES, NoteType

DECK = """
---
source: "Test source, ch. 1"
---

## What is the capital of France? {#geo-france}

Paris.

## What is the capital of Italy? {#geo-italy}

Rome.

## Which planet is largest? {#astro-largest}

Jupiter, about $1.9 \\times 10^{27}$ kg.
"""

# The answer of whichever card the scheduler shows first is edited: (old text, new text).
EDITS = {
    "geo-france": ("Paris.", "Paris, on the Seine."),
    "geo-italy": ("Rome.", "Rome, on the Tiber."),
    "astro-largest": ("Jupiter, about", "Jupiter, the gas giant, about"),
}

SVG_V1 = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
# Bundled media (diagrams are inlined instead, see generator/diagrams.py): two versions of a tiny PNG.
PNG_V1 = b"\x89PNG\r\n\x1a\n" + bytes(range(32))
PNG_V2 = b"\x89PNG\r\n\x1a\n" + bytes(range(32, 64))


def _build(root: Path, out: Path, **kwargs: object) -> Path:
    build(root, out, Options(cache_dir=out / ".cache"), **kwargs)  # type: ignore[arg-type]
    return out / "test-deck.apkg"


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_edited_note_updates_in_place_and_keeps_history(
    make_tree: TreeFactory, collection: Collection, tmp_path: Path
) -> None:
    root = make_tree({"geo/capitals.md": DECK})
    package = _build(root, tmp_path / "v1")
    log = import_package(collection, package)
    assert len(log.new) == 3

    reviewed_card = answer_first_card(collection)
    reviewed_note = collection.get_card(reviewed_card).note()
    assert collection.db.scalar("select count() from revlog where cid = ?", reviewed_card) == 1
    before = {key: (note.id, note.mod, note.guid) for key, note in notes_by_id(collection).items()}
    edited = reviewed_note["Id"]

    old_text, new_text = EDITS[edited]
    _edit(root, "geo/capitals.md", old_text, new_text)
    package = _build(root, tmp_path / "v2")
    log = import_package(collection, package)

    assert len(log.updated) == 1 and len(log.new) == 0
    after = notes_by_id(collection)
    assert collection.note_count() == 3, "no note may be duplicated"
    assert after[edited].id == before[edited][0], "the note is updated in place"
    assert after[edited].guid == before[edited][2]
    assert new_text in after[edited]["Back"]
    assert collection.db.scalar("select count() from revlog where cid = ?", reviewed_card) == 1, "history is kept"
    assert collection.get_card(reviewed_card).reps == 1
    for key, (note_id, mod, _) in before.items():
        if key != edited:
            assert (after[key].id, after[key].mod) == (note_id, mod), f"{key} must stay untouched"


def test_unchanged_rebuild_is_byte_identical_and_imports_as_no_change(
    make_tree: TreeFactory, collection: Collection, tmp_path: Path
) -> None:
    root = make_tree({"geo/capitals.md": DECK, "geo/img/dot.svg": SVG_V1.decode()})
    _edit(root, "geo/capitals.md", "Rome.", "Rome.\n\n![a dot](img/dot.svg)")
    first = _build(root, tmp_path / "a")
    second = _build(root, tmp_path / "b")
    digest = [hashlib.sha256(path.read_bytes()).hexdigest() for path in (first, second)]
    assert digest[0] == digest[1]
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}

    import_package(collection, first)
    mods = {key: note.mod for key, note in notes_by_id(collection).items()}
    log = import_package(collection, second)
    assert len(log.updated) == 0 and len(log.new) == 0
    assert {key: note.mod for key, note in notes_by_id(collection).items()} == mods


def test_basic_to_cloze_makes_a_new_note_and_the_import_succeeds(
    make_tree: TreeFactory, collection: Collection, tmp_path: Path
) -> None:
    root = make_tree({"geo/capitals.md": DECK})
    import_package(collection, _build(root, tmp_path / "v1"))
    old_guid = notes_by_id(collection)["geo-italy"].guid
    _edit(
        root,
        "geo/capitals.md",
        "## What is the capital of Italy? {#geo-italy}\n\nRome.",
        "## Capitals {#geo-italy}\n\nCloze: The capital of Italy is {{c1::Rome}}.",
    )
    log = import_package(collection, _build(root, tmp_path / "v2"))
    assert len(log.new) == 1
    cloze = [collection.get_note(nid) for nid in collection.find_notes('"note:MLE Interview: Cloze"')]
    assert len(cloze) == 1 and cloze[0].guid != old_guid
    assert "{{c1::Rome}}" in cloze[0]["Text"]
    card = cloze[0].cards()[0]
    assert "[...]" in card.question() and "Rome" in card.answer()
    # The old basic note stays (import never deletes); it is still there, unchanged.
    assert collection.db.scalar("select count() from notes where guid = ?", old_guid) == 1


def test_replaced_image_reaches_the_collection(make_tree: TreeFactory, collection: Collection, tmp_path: Path) -> None:
    root = make_tree({"geo/capitals.md": DECK, "geo/img/map.png": PNG_V1})
    _edit(root, "geo/capitals.md", "Paris.", "Paris.\n\n![map](img/map.png)")
    import_package(collection, _build(root, tmp_path / "v1"))
    media = Path(collection.media.dir())
    first_name = next(path.name for path in media.iterdir() if path.suffix == ".png")
    assert (media / first_name).read_bytes() == PNG_V1

    (root / "geo/img/map.png").write_bytes(PNG_V2)
    log = import_package(collection, _build(root, tmp_path / "v2"))
    assert len(log.updated) == 1
    note = notes_by_id(collection)["geo-france"]
    new_name = next(name for name in collection.media.files_in_str(note.mid, note["Back"]))
    assert new_name != first_name
    assert (media / new_name).read_bytes() == PNG_V2
    card = note.cards()[0]
    assert new_name in card.answer()


def _with_added_field(note_type: NoteType) -> NoteType:
    return NoteType(
        kind=note_type.kind,
        id=note_type.id,
        name=note_type.name,
        fields=(*note_type.fields, "Hint"),
        front=note_type.front,
        back=note_type.back + "{{#Hint}}<div>{{Hint}}</div>{{/Hint}}",
        is_cloze=note_type.is_cloze,
    )


def test_added_field_is_caught_explained_and_imports_with_the_named_options(
    make_tree: TreeFactory, collection: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NOTE: Releases are built before users import them. The merge stamps notes with the import time, and ALWAYS
    # updates only notes whose times differ, so the builds here must not share a second with the import.
    now = int(time.time())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(now - 100))
    root = make_tree({"geo/capitals.md": DECK})
    import_package(collection, _build(root, tmp_path / "v1"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(now - 50))
    card_id = answer_first_card(collection)
    changed = dict(NOTE_TYPES, basic=_with_added_field(NOTE_TYPES["basic"]))
    _edit(root, "geo/capitals.md", "Paris.", "Paris, the capital since 987.")

    with pytest.raises(SchemaChangeError) as caught:
        build(root, tmp_path / "v2", Options(note_types=changed))
    explanation = str(caught.value)
    assert "added Hint" in explanation and "Merge note types" in explanation and "Always" in explanation
    assert not (tmp_path / "v2" / "test-deck.apkg").exists(), "nothing is written for an unaccepted schema change"

    build(root, tmp_path / "v2", Options(note_types=changed), accept_schema_change=True)
    log = import_package(
        collection,
        tmp_path / "v2" / "test-deck.apkg",
        merge_notetypes=True,
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
    )
    assert len(log.new) == 0
    notes = notes_by_id(collection)
    assert collection.note_count() == 3
    assert "Hint" in notes["geo-france"]
    assert "987" in notes["geo-france"]["Back"]
    assert collection.db.scalar("select count() from revlog where cid = ?", card_id) == 1
    # The schema is recorded now: the next build passes without the flag.
    build(root, tmp_path / "v3", Options(note_types=changed))
