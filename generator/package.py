"""Write an `.apkg` byte for byte the same for the same notes.

genanki supplies the package schema and the JSON of note types and decks. The notes and cards are written here in
bulk instead of by genanki's per-note writer, for two reasons: each note carries its own modification time from the
ledger (genanki stamps one time on all), and a 20,000-note release writes in a fraction of the time. Ids come from a
fixed counter and the zip entries have fixed dates, so nothing depends on the clock. The file is written to a
temporary name and renamed, so a failed build never leaves a partial package.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from .ledger import write_atomic
from .notetypes import CSS, NoteType

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)  # genanki's rule for which cloze cards exist


@dataclass(frozen=True, slots=True)
class PackageNote:
    note_type: NoteType
    guid: str
    fields: list[str]
    tags: tuple[str, ...]
    deck: str
    mod: int
    position: int  # new-card order


def deck_id(namespace: str, name: str) -> int:
    """A deck's id is a constant derived from its name, so it is the same in every release."""
    digest = hashlib.sha256(f"{namespace}\x1f{name}".encode()).digest()
    return (1 << 40) + int.from_bytes(digest[:5], "big")


def _model(note_type: NoteType) -> genanki.Model:
    return genanki.Model(
        model_id=note_type.id,
        name=note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[
            {"name": "Cloze" if note_type.is_cloze else "Card 1", "qfmt": note_type.front, "afmt": note_type.back}
        ],
        css=CSS,
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )


def card_ords(note: PackageNote) -> list[int]:
    if not note.note_type.is_cloze:
        return [0]  # one template, and its front's fields are required by the lint
    numbers = {int(number) for number in _CLOZE_NUMBER.findall(note.fields[0]) if int(number) > 0}
    return sorted(number - 1 for number in numbers)


def write_package(
    path: Path,
    namespace: str,
    notes: list[PackageNote],
    model_mods: dict[str, int],
    media: list[tuple[str, Path]],
    deck_descriptions: dict[str, str] | None = None,
) -> None:
    """Write `notes` and `media` (name, file) to `path` atomically and reproducibly."""
    timestamp = max([note.mod for note in notes] + list(model_mods.values()) + [0])
    with tempfile.TemporaryDirectory(prefix="apkg-") as scratch:
        database = Path(scratch) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            _write_collection(connection, namespace, notes, model_mods, deck_descriptions or {}, timestamp)
        finally:
            connection.close()
        archive = Path(scratch) / "package.apkg"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            _add(out, "collection.anki2", database.read_bytes())
            _add(out, "media", json.dumps({str(i): name for i, (name, _) in enumerate(media)}).encode())
            for index, (_, file) in enumerate(media):
                _add(out, str(index), file.read_bytes())
        write_atomic(path, archive.read_bytes())


def _write_collection(
    connection: sqlite3.Connection,
    namespace: str,
    notes: list[PackageNote],
    model_mods: dict[str, int],
    descriptions: dict[str, str],
    timestamp: int,
) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode = OFF")  # a scratch file: no rollback journal, no syncs
    cursor.execute("PRAGMA synchronous = OFF")
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    # NOTE: a described deck without notes of its own is written when it is the parent of one that has notes: the
    # root deck carries the release manifest (`manifest.py`), and the importer refreshes descriptions by deck name.
    note_decks = {note.deck for note in notes}
    parents = {name for name in descriptions if any(deck.startswith(f"{name}::") for deck in note_decks)}
    deck_ids = {name: deck_id(namespace, name) for name in sorted(note_decks | parents)}
    decks: dict[str, Any] = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
    for name, identifier in deck_ids.items():
        decks[str(identifier)] = genanki.Deck(identifier, name, descriptions.get(name, "")).to_json()
    models: dict[str, Any] = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
    note_types = {note.note_type.kind: note.note_type for note in notes}
    for kind, note_type in sorted(note_types.items()):
        first_deck = deck_ids[next(note.deck for note in notes if note.note_type.kind == kind)]
        models[str(note_type.id)] = _model(note_type).to_json(model_mods[kind], first_deck)
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models)))

    ids = itertools.count(timestamp * 1000)
    note_rows = []
    card_rows = []
    for note in sorted(notes, key=lambda item: item.position):
        note_id = next(ids)
        tags = " " + " ".join(note.tags) + " "
        note_rows.append(
            (
                note_id,
                note.guid,
                note.note_type.id,
                note.mod,
                -1,
                tags,
                "\x1f".join(note.fields),
                note.fields[0],
                0,
                0,
                "",
            )
        )
        for ordinal in card_ords(note):
            card_rows.append(
                (
                    next(ids),
                    note_id,
                    deck_ids[note.deck],
                    ordinal,
                    note.mod,
                    -1,
                    0,
                    0,
                    note.position,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    "",
                )
            )
    cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)
    connection.commit()


def _add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content, compresslevel=1)
