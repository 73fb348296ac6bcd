"""Write an `.apkg` with genanki, byte for byte the same for the same notes.

genanki stamps every note with one timestamp and zips with wall-clock entry times. Here each note carries its own
mod time from the ledger, ids come from a fixed counter, and the zip entries have fixed dates and attributes. The
file is written to a temporary name and renamed, so a failed build never leaves a partial package.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from .ledger import write_atomic
from .notetypes import CSS, NoteType

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackageNote:
    note_type: NoteType
    guid: str
    fields: list[str]
    tags: tuple[str, ...]
    deck: str
    mod: int
    position: int  # new-card order


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki note that carries its own modification time and new-card position."""

    def __init__(self, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


class _Model(genanki.Model):  # type: ignore[misc]
    def __init__(self, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        result: dict[str, Any] = super().to_json(self.mod, deck_id)
        return result


def deck_id(namespace: str, name: str) -> int:
    """A deck's id is a constant derived from its name, so it is the same in every release."""
    digest = hashlib.sha256(f"{namespace}\x1f{name}".encode()).digest()
    return (1 << 40) + int.from_bytes(digest[:5], "big")


def _model(note_type: NoteType, mod: int) -> _Model:
    return _Model(
        mod,
        model_id=note_type.id,
        name=note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[
            {"name": "Card 1" if not note_type.is_cloze else "Cloze", "qfmt": note_type.front, "afmt": note_type.back}
        ],
        css=CSS,
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )


def write_package(
    path: Path,
    namespace: str,
    notes: list[PackageNote],
    model_mods: dict[str, int],
    media: list[tuple[str, Path]],
    deck_descriptions: dict[str, str] | None = None,
) -> None:
    """Write `notes` and `media` (name, file) to `path` atomically and reproducibly."""
    models = {kind: _model(note_type, model_mods[kind]) for kind, note_type in _note_types(notes).items()}
    decks: dict[str, genanki.Deck] = {}
    for note in sorted(notes, key=lambda item: item.position):
        deck = decks.get(note.deck)
        if deck is None:
            description = (deck_descriptions or {}).get(note.deck, "")
            deck = decks[note.deck] = genanki.Deck(deck_id(namespace, note.deck), note.deck, description)
        deck.add_note(
            _Note(
                note.mod,
                model=models[note.note_type.kind],
                fields=note.fields,
                tags=list(note.tags),
                guid=note.guid,
                due=note.position,
            )
        )
    timestamp = max([note.mod for note in notes] + list(model_mods.values()) + [0])
    package = genanki.Package([decks[name] for name in sorted(decks)])

    with tempfile.TemporaryDirectory(prefix="apkg-") as scratch:
        database = Path(scratch) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            cursor = connection.cursor()
            package.write_to_db(cursor, timestamp, itertools.count(timestamp * 1000))
            connection.commit()
        finally:
            connection.close()
        archive = Path(scratch) / "package.apkg"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
            _add(out, "collection.anki2", database.read_bytes())
            _add(out, "media", json.dumps({str(i): name for i, (name, _) in enumerate(media)}).encode())
            for index, (_, file) in enumerate(media):
                _add(out, str(index), file.read_bytes())
        write_atomic(path, archive.read_bytes())


def _note_types(notes: list[PackageNote]) -> dict[str, NoteType]:
    return {note.note_type.kind: note.note_type for note in notes}


def _add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)
