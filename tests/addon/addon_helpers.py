"""Helpers over real Anki collections for the add-on's logic tests."""

from __future__ import annotations

from collections.abc import Sequence

from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.decks import DeckId
from anki.notes import NoteId


class CollectionBuilder:
    """Adds decks, note types and notes in one line each, so a test reads as its scenario."""

    def __init__(self, col: Collection) -> None:
        self.col = col

    def deck(self, name: str) -> int:
        deck_id = self.col.decks.id(name)
        assert deck_id is not None, name
        return int(deck_id)

    def note(self, deck: str, tags: Sequence[str] = (), notetype: str = "Basic", front: str = "q") -> NoteId:
        model = self.col.models.by_name(notetype)
        assert model is not None, notetype
        note = self.col.new_note(model)
        note.fields[0] = front
        note.tags = list(tags)
        self.col.add_note(note, DeckId(self.deck(deck)))
        return note.id

    def notetype(self, name: str) -> str:
        """A copy of Basic under another name."""
        model = self.col.models.copy(self.col.models.by_name("Basic"), add=False)  # type: ignore[arg-type]
        model["name"] = name
        self.col.models.add_dict(model)
        return name

    def tags(self, note_id: NoteId) -> list[str]:
        return list(self.col.get_note(note_id).tags)

    def rows(self) -> list[list[object]]:
        """Every note's id, tags string, mod and usn, as stored: what undo and idempotence must preserve exactly."""
        return [list(row) for row in self.db.all("select id, tags, mod, usn from notes order by id")]

    @property
    def db(self) -> DBProxy:
        assert self.col.db is not None, "the collection is closed"
        return self.col.db
