"""Acceptance: a release with the new card design, imported with Anki's default options over the old release, updates
the note types' CSS and templates in place and keeps every card's scheduling and review history.

How it works (docs/cards.md, "Updates"): Anki's importer updates a note type whose id and field and template names
match when the package's copy is newer. The generator's ledger gives a note type a new modification time whenever its
fingerprint (templates and CSS) changes, so a design change ships as a newer note type; its fields never change.
The old release is a real one, built by the generator before the design (tests/anki/fixtures/before-card-design).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import anki.collection  # NOTE: before anki.scheduler.v3, or the import is circular
import pytest
from anki.scheduler.v3 import CardAnswer
from anki_helpers import Collection, answer_first_card, import_package
from conftest import PROJECT_ROOT

from generator import Options, build
from generator.notetypes import CSS, NOTE_TYPES

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "before-card-design"
FILES = (
    "algorithms/heaps.md",
    "algorithms/problems/hashing.md",
    "ml-concepts/losses.md",
    "system-design/partitioning.md",
)
_SCHEDULING = "select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, data from cards"


def _new_release(tmp_path: Path) -> Path:
    """Today's generator on the same four files of today's tree, on top of the old release's ledger."""
    content = tmp_path / "content"
    for relative in FILES:
        source = PROJECT_ROOT / "content" / relative
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, content / relative)
        images = source.parent / "img"
        if images.is_dir() and not (content / relative).parent.joinpath("img").exists():
            shutil.copytree(images, (content / relative).parent / "img")
    shutil.copyfile(PROJECT_ROOT / "content" / "tree.yaml", content / "tree.yaml")
    shutil.copyfile(FIXTURE / "ledger.json", content / ".ledger.json")
    build(content, tmp_path / "new", Options(run_solutions=False, cache_dir=tmp_path / "cache"))
    return tmp_path / "new" / "mle-interview.apkg"


def _note_types(col: Collection) -> dict[int, dict[str, object]]:
    return {
        int(model["id"]): {
            "name": model["name"],
            "css": model["css"],
            "fields": [field["name"] for field in model["flds"]],
            "templates": [(template["qfmt"], template["afmt"]) for template in model["tmpls"]],
        }
        for model in col.models.all()
        if str(model["name"]).startswith("MLE Interview")
    }


def test_a_new_design_updates_the_note_types_and_keeps_every_cards_scheduling(
    collection: Collection, tmp_path: Path
) -> None:
    log = import_package(collection, FIXTURE / "deck.apkg")
    assert len(log.new) == 53
    old_types = _note_types(collection)
    assert all("invert(" in str(old["css"]) for old in old_types.values()), "the old release inverted diagrams"
    for rating in (CardAnswer.GOOD, CardAnswer.EASY, CardAnswer.AGAIN, CardAnswer.GOOD, CardAnswer.HARD) * 3:
        answer_first_card(collection, rating)
    assert collection.db is not None
    reviewed = collection.db.scalar("select count() from cards where queue != 0")
    assert reviewed >= 10
    scheduling = {row[0]: row for row in collection.db.all(_SCHEDULING)}
    revlog = collection.db.all("select * from revlog")

    log = import_package(collection, _new_release(tmp_path))  # Anki's default options: update if newer
    _ = anki.collection
    assert len(log.updated) > 0, "notes whose rendering changed are updated in place"
    collection.close()
    collection.reopen()  # NOTE: the Python side caches note types; a reopen reads what the importer wrote
    new_types = _note_types(collection)
    for note_type in NOTE_TYPES.values():
        if note_type.id not in old_types:
            continue  # a note type the old release did not have (the prompt card kind) is simply added
        new = new_types[note_type.id]
        assert new["name"] == note_type.name and new["fields"] == list(note_type.fields), "same id, same fields"
        assert new["css"] == CSS, f"{note_type.name}: the CSS was not updated"
        assert new["templates"] == [(note_type.front, note_type.back)], f"{note_type.name}: templates not updated"
    assert set(new_types) >= set(old_types) and len(new_types) == len(
        {str(item["name"]) for item in new_types.values()}
    ), "no note type was duplicated (a changed schema would have made copies named '... -<hash>')"
    assert collection.db is not None
    after = {row[0]: row for row in collection.db.all(_SCHEDULING)}
    assert {card_id: after.get(card_id) for card_id in scheduling} == scheduling, "every card keeps its scheduling"
    assert collection.db.all("select * from revlog") == revlog, "and its review history"
    assert collection.note_count() == 53 + len(log.new), "no note was duplicated: cards added since are new notes"
    assert collection.db.scalar("select count(distinct guid) = count() from notes")
    card = collection.get_card(next(iter(scheduling)))
    assert 'class="mle-card' in card.answer() and "card-topic" in card.answer()


@pytest.mark.parametrize("name", ["MLE Interview: Basic", "MLE Interview: Cloze", "MLE Interview: Problem"])
def test_the_released_note_types_keep_their_ids_and_fields(name: str) -> None:
    released = {
        "MLE Interview: Basic": (1842310571, ("Front", "Back", "Extra", "Source", "Id")),
        "MLE Interview: Cloze": (1842310572, ("Text", "Context", "Extra", "Source", "Id")),
        "MLE Interview: Problem": (
            1842310573,
            (
                "Title",
                "Prompt",
                "Pattern",
                "Approach",
                "Time",
                "Space",
                "EdgeCases",
                "Solution",
                "Tests",
                "Extra",
                "Source",
                "Id",
            ),
        ),
    }
    note_type = next(item for item in NOTE_TYPES.values() if item.name == name)
    assert (note_type.id, note_type.fields) == released[name]
