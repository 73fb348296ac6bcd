"""Apply deck update with the `anki` API alone, so `make compat` runs it on Anki 24.11 and Python 3.9.

The collection is put in the state an import leaves: notes with the tree's GUIDs, and the manifest in the root deck's
description. `test_deck_update.py` makes the same state with the generator and Anki's importer.
"""

from __future__ import annotations

from anki.collection import Collection

from addon import deck_update
from addon.categories import RETIRED_TAG
from addon.deck_manifest import DeckManifest, encode, guid_for

ROOT = "Tree"
NAMESPACE = "tree"


def _notetype(col: Collection) -> int:
    model = col.models.copy(col.models.by_name("Basic"), add=False)  # type: ignore[arg-type]
    model["name"] = "Tree: Basic"
    col.models.add_field(model, col.models.new_field("Id"))
    return int(col.models.add_dict(model).id)


def _note(col: Collection, notetype_id: int, card_id: str, deck: str, guid: str | None = None) -> int:
    note = col.new_note(col.models.get(notetype_id))  # type: ignore[arg-type]
    note["Front"], note["Id"] = card_id, card_id
    note.guid = guid or guid_for(NAMESPACE, "basic", card_id)
    col.add_note(note, col.decks.id(deck))  # type: ignore[arg-type]
    return int(note.id)


def _release(col: Collection, notetype_id: int, decks: dict[str, tuple[str, ...]]) -> None:
    manifest = DeckManifest(ROOT, NAMESPACE, {"basic": notetype_id}, {d: {"basic": ids} for d, ids in decks.items()})
    deck = col.decks.get(col.decks.id(ROOT))  # type: ignore[arg-type]
    assert deck is not None
    deck["desc"] = encode(manifest)
    col.decks.save(deck)


def _state(col: Collection) -> list[list[object]]:
    assert col.db is not None
    return [
        *col.db.all("select id, did, odid, queue, mod from cards order by id"),
        *col.db.all("select id, tags, mod from notes order by id"),
    ]


def test_moves_retires_undoes_and_restores(collection: Collection) -> None:
    col = collection
    notetype_id = _notetype(col)
    moved = _note(col, notetype_id, "moved", f"{ROOT}::A")
    dropped = _note(col, notetype_id, "dropped", f"{ROOT}::A")
    stays = _note(col, notetype_id, "stays", f"{ROOT}::A")
    theirs = _note(col, notetype_id, "dropped", "Mine", guid="user-guid")  # same note type and Id, not the tree's
    _release(col, notetype_id, {f"{ROOT}::A": ("stays",), f"{ROOT}::B": ("moved",)})
    before = _state(col)

    result = deck_update.update_decks(col)
    assert result.plan.moved == 1 and list(result.plan.retire) == [dropped]
    assert col.undo_status().undo == deck_update.APPLY_UNDO
    assert [col.decks.name(card.did) for card in col.get_note(moved).cards()] == [f"{ROOT}::B"]  # type: ignore[arg-type]
    assert RETIRED_TAG in col.get_note(dropped).tags  # type: ignore[arg-type]
    assert [card.queue for card in col.get_note(dropped).cards()] == [-1]  # type: ignore[arg-type]
    assert RETIRED_TAG not in col.get_note(theirs).tags and RETIRED_TAG not in col.get_note(stays).tags  # type: ignore[arg-type]
    after = _state(col)
    assert deck_update.update_decks(col).plan.is_empty() and _state(col) == after

    col.undo()
    assert _state(col) == before

    deck_update.update_decks(col)
    _release(col, notetype_id, {f"{ROOT}::A": ("stays", "dropped"), f"{ROOT}::B": ("moved",)})
    restored = deck_update.update_decks(col)
    assert list(restored.plan.restore) == [dropped]
    assert RETIRED_TAG not in col.get_note(dropped).tags  # type: ignore[arg-type]
    assert [card.queue for card in col.get_note(dropped).cards()] == [0]  # type: ignore[arg-type]


def test_a_renamed_root_takes_the_recreated_tree_in(collection: Collection) -> None:
    col = collection
    notetype_id = _notetype(col)
    moved = _note(col, notetype_id, "moved", f"{ROOT}::A")
    _release(col, notetype_id, {f"{ROOT}::A": ("moved",)})
    col.decks.rename(col.decks.id_for_name(ROOT), "Mine")  # type: ignore[arg-type]
    # What the next import leaves: the release's tree made again by name, with the new note and the new manifest.
    new = _note(col, notetype_id, "new", f"{ROOT}::B")
    _release(col, notetype_id, {f"{ROOT}::B": ("moved", "new")})
    before = _state(col)

    result = deck_update.update_decks(col)
    assert result.plan.releases == ("Mine",) and result.plan.moved == 2
    for note_id in (moved, new):
        assert [col.decks.name(card.did) for card in col.get_note(note_id).cards()] == ["Mine::B"]  # type: ignore[arg-type]
    assert col.decks.id_for_name(ROOT) is None and col.decks.id_for_name(f"{ROOT}::B") is None
    assert deck_update.update_decks(col).plan.is_empty()
    col.undo()
    assert _state(col) == before and col.decks.id_for_name(f"{ROOT}::B") is not None
