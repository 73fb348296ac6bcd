"""Apply deck update, on real collections: releases built by the generator, imported with Anki's own importer.

A release moves one card between folders, moves a whole file with a `deck:` override (no content change, so the
import does not even update the note), drops a card, and turns a basic card into a cloze card. Import alone leaves
all four as they were; Apply deck update moves, retires and restores, as one undo step, and a second run does nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

# NOTE: the generator runs on the project's Python only; `make compat` (Anki 24.11, Python 3.9) runs
# test_deck_update_compat.py instead, which makes the same collection state with the `anki` API alone.
genanki = pytest.importorskip("genanki")

from anki_helpers import Collection, answer_first_card, import_package  # noqa: E402
from conftest import TreeFactory  # noqa: E402

from addon import deck_manifest, deck_update  # noqa: E402
from addon.categories import RETIRED_TAG  # noqa: E402
from addon.deck_manifest import DeckManifest, ManifestError  # noqa: E402
from generator import Options, build  # noqa: E402
from generator.notetypes import BASIC  # noqa: E402

ARRAYS = """
---
source: "Test source"
---

## What does a hash map give for lookup? {#a-hash-lookup}

O(1) on average.

## What is a prefix sum? {#a-prefix-sum}

Running totals.

## Name the two-pointer pattern's precondition. {#a-two-pointers}

A sorted array.
"""

GRAPHS = """
---
source: "Test source"
---

## What does BFS find in an unweighted graph? {#g-bfs}

Shortest paths.

## What does DFS use? {#g-dfs}

A stack.
"""

CACHING = """
---
source: "Test source"
---

## What is a write-through cache? {#s-write-through}

Writes go to the cache and the store together.
"""

ROOT = "Test Deck"
ALGORITHMS = f"{ROOT}::Algorithms"
GRAPH_DECK = f"{ROOT}::Algorithms::Graphs"
SYSTEM_DESIGN = f"{ROOT}::System Design"


def _tree(make_tree: TreeFactory) -> Path:
    return make_tree(
        {"algorithms/arrays.md": ARRAYS, "algorithms/graphs/graphs.md": GRAPHS, "system-design/caching.md": CACHING}
    )


def _edit(tmp_path: Path, relative: str, old: str, new: str, append: str = "") -> None:
    path = tmp_path / "content" / relative
    text = path.read_text()
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1) + append)


def _release(
    make_tree: TreeFactory, tmp_path: Path, name: str, edits: dict[str, tuple[str, str]] | None = None
) -> Path:
    for relative, (old, new) in (edits or {}).items():
        _edit(tmp_path, relative, old, new)
    out = tmp_path / name
    build(tmp_path / "content", out, Options(cache_dir=tmp_path / "cache"))
    return out / "test-deck.apkg"


def _wait_past_writes(col: Collection) -> None:
    """Wait until the clock has left the second of the collection's newest note and deck change.

    NOTE: Anki imports a note or deck only when the package's is newer, in whole seconds. A build in the same second
    as the add-on's last write (a test runs that fast; a user never does) stamps its returning notes and decks with
    that second, and the import keeps the collection's: the test then failed about one run in ten.
    """
    newest = max(
        col.db.scalar("select max(mod) from notes") or 0, col.db.scalar("select max(mtime_secs) from decks") or 0
    )
    while int(time.time()) <= newest:
        time.sleep(0.05)


def _note(col: Collection, card_id: str, kind: str = "basic") -> int:
    guid = genanki.guid_for("test-deck", kind, card_id)
    note_ids = col.db.list("select id from notes where guid = ?", guid)
    assert len(note_ids) == 1, (card_id, kind)
    return int(note_ids[0])


def _decks_of(col: Collection, note_id: int) -> set[str]:
    return {col.decks.name(did) for did in col.db.list("select did from cards where nid = ?", note_id)}


def _state(col: Collection) -> list[list[object]]:
    cards = col.db.all("select id, nid, did, odid, queue, type, mod, usn from cards order by id")
    notes = col.db.all("select id, tags, mod, usn from notes order by id")
    return [*cards, *notes]


@pytest.fixture
def v1(make_tree: TreeFactory, collection: Collection, tmp_path: Path) -> Collection:
    _tree(make_tree)
    log = import_package(collection, _release(make_tree, tmp_path, "v1"))
    assert len(log.new) == 6
    return collection


def test_the_manifest_guid_is_genankis() -> None:
    for values in (("test-deck", "basic", "a-hash-lookup"), ("mle-interview", "cloze", "sd-x"), ("ns", "k", "ü")):
        assert deck_manifest.guid_for(*values) == genanki.guid_for(*values)


def test_the_release_manifest_arrives_in_the_root_deck_description(v1: Collection) -> None:
    manifests, problems = deck_update.find_manifests(v1)
    assert problems == []
    assert [manifest.name for manifest in manifests] == [ROOT]
    manifest = manifests[0]
    assert manifest.namespace == "test-deck"
    assert manifest.deck_of("basic", "a-hash-lookup") == ALGORITHMS
    assert manifest.deck_of("basic", "g-bfs") == GRAPH_DECK
    assert manifest.note_types == {"basic": BASIC.id}
    assert sorted(card_id for _, card_id, _ in manifest.notes()) == sorted(
        ["a-hash-lookup", "a-prefix-sum", "a-two-pointers", "g-bfs", "g-dfs", "s-write-through"]
    )
    assert "mle-anki-manifest" not in v1.decks.get(v1.decks.id_for_name(ALGORITHMS))["desc"]  # type: ignore[arg-type]


def test_a_fresh_import_needs_no_update(v1: Collection) -> None:
    plan = deck_update.plan_deck_update(v1)
    assert plan.releases == (ROOT,) and plan.is_empty()
    before, status = _state(v1), v1.undo_status()
    result = deck_update.update_decks(v1)
    assert "already match" in result.summary()
    assert _state(v1) == before and v1.undo_status().undo == status.undo


def test_apply_moves_retires_in_one_undo_step_and_is_idempotent(
    v1: Collection, make_tree: TreeFactory, tmp_path: Path
) -> None:
    col = v1
    reviewed = answer_first_card(col)
    reviews = col.db.scalar("select count() from revlog")
    user_deck = col.decks.id("My Own::Graphs")
    user_note = col.new_note(col.models.get(BASIC.id))  # type: ignore[arg-type]
    user_note["Front"], user_note["Id"] = "my own card of the same note type", "g-dfs"
    col.add_note(user_note, user_deck)  # type: ignore[arg-type]
    # A card the user moved out of the release's decks on purpose stays where they put it.
    kept_aside = col.db.list("select id from cards where nid = ?", _note(col, "a-prefix-sum"))
    col.set_deck(kept_aside, user_deck)  # type: ignore[arg-type]

    bfs_card = "## What does BFS find in an unweighted graph? {#g-bfs}\n\nShortest paths.\n"
    # g-bfs moves to another folder, so its topic tag changes: the note updates, but its card stays put
    _edit(tmp_path, "algorithms/graphs/graphs.md", bfs_card, "")
    _edit(tmp_path, "system-design/caching.md", "together.\n", f"together.\n\n{bfs_card}")
    # the whole arrays file moves by front matter; nothing in its notes changes, so the import skips them
    _edit(tmp_path, "algorithms/arrays.md", 'source: "Test source"\n', f'source: "Test source"\ndeck: "{ROOT}::Core"\n')
    # g-dfs leaves the release, g-queue joins it
    _edit(tmp_path, "algorithms/graphs/graphs.md", "## What does DFS use? {#g-dfs}\n\nA stack.\n", "")
    _edit(
        tmp_path,
        "algorithms/graphs/graphs.md",
        "",
        "",
        append="\n## Which traversal uses a queue? {#g-queue}\n\nBFS.\n",
    )
    package = _release(make_tree, tmp_path, "v2")
    log = import_package(col, package)
    assert len(log.updated) == 1 and len(log.new) == 1  # g-bfs's tags; g-queue
    bfs, dfs = _note(col, "g-bfs"), _note(col, "g-dfs")
    assert _decks_of(col, bfs) == {GRAPH_DECK}, "import alone does not move a card"
    assert _decks_of(col, _note(col, "a-hash-lookup")) == {ALGORITHMS}

    plan = deck_update.plan_deck_update(col)
    assert plan.moved == 3 and set(plan.moves) == {SYSTEM_DESIGN, f"{ROOT}::Core"}
    assert plan.retire == [dfs] and plan.restore == []
    before, mod_before = _state(col), col.mod

    result = deck_update.update_decks(col)
    assert "Moved 3 cards" in result.summary() and "Retired 1 note the release dropped" in result.summary()
    assert col.undo_status().undo == deck_update.APPLY_UNDO
    assert _decks_of(col, bfs) == {SYSTEM_DESIGN}
    assert _decks_of(col, _note(col, "a-hash-lookup")) == {f"{ROOT}::Core"}
    assert _decks_of(col, _note(col, "a-two-pointers")) == {f"{ROOT}::Core"}
    assert col.decks.name(col.get_card(kept_aside[0]).did) == "My Own::Graphs", "the user's choice of deck stays"
    assert RETIRED_TAG in col.get_note(dfs).tags  # type: ignore[arg-type]
    assert {card.queue for card in col.get_note(dfs).cards()} == {-1}  # type: ignore[arg-type]
    assert RETIRED_TAG not in col.get_note(user_note.id).tags, "the user's own note is not the tree's"
    assert col.db.scalar("select count() from revlog") == reviews
    assert col.get_card(reviewed).reps == 1, "history is kept"
    after = _state(col)

    # Idempotent: nothing to do, nothing written, no undo step.
    again = deck_update.update_decks(col)
    assert again.plan.is_empty() and "already match" in again.summary()
    assert _state(col) == after and col.undo_status().undo == deck_update.APPLY_UNDO
    assert col.undo_status().redo == ""

    # One undo restores everything exactly.
    col.undo()
    assert _state(col) == before
    assert col.mod >= mod_before
    assert col.undo_status().redo == deck_update.APPLY_UNDO


def test_a_note_back_in_a_later_release_is_restored(v1: Collection, make_tree: TreeFactory, tmp_path: Path) -> None:
    """The returning note is newer than the retired one, so the import replaces its tags and drops the retired tag;
    the record in the collection's config still finds it, and Apply unsuspends its cards (they stayed suspended for
    good before the record). Each Apply is one undo step, the record included."""
    col = v1
    graphs = tmp_path / "content" / "algorithms" / "graphs" / "graphs.md"
    original = graphs.read_text()
    graphs.write_text(original.replace("## What does DFS use? {#g-dfs}\n\nA stack.\n", ""))
    import_package(col, _release(make_tree, tmp_path, "v2"))
    deck_update.update_decks(col)
    dfs = _note(col, "g-dfs")
    guid = col.get_note(dfs).guid  # type: ignore[arg-type]
    assert RETIRED_TAG in col.get_note(dfs).tags  # type: ignore[arg-type]
    assert deck_update.retired_guids(col) == {guid}
    assert col.undo_status().undo == deck_update.APPLY_UNDO

    graphs.write_text(original)
    _wait_past_writes(col)
    import_package(col, _release(make_tree, tmp_path, "v3"))
    assert RETIRED_TAG not in col.get_note(dfs).tags, "the import replaced the returning note's tags"  # type: ignore[arg-type]
    assert {card.queue for card in col.get_note(dfs).cards()} == {-1}  # type: ignore[arg-type]
    plan = deck_update.plan_deck_update(col)
    assert plan.restore == [dfs] and plan.retire == [] and plan.moved == 0
    result = deck_update.update_decks(col)
    assert "Restored 1" in result.summary()
    assert RETIRED_TAG not in col.get_note(dfs).tags  # type: ignore[arg-type]
    assert {card.queue for card in col.get_note(dfs).cards()} == {0}  # type: ignore[arg-type]
    assert deck_update.retired_guids(col) == set()
    assert deck_update.plan_deck_update(col).is_empty()

    col.undo()
    assert deck_update.retired_guids(col) == {guid}, "one undo takes back the record with the rest"
    assert {card.queue for card in col.get_note(dfs).cards()} == {-1}  # type: ignore[arg-type]


def test_a_damaged_record_of_retired_notes_counts_as_none(v1: Collection) -> None:
    for damaged in ("not a list", [1, None, {"a": 2}], {"guid": True}):
        v1.set_config(deck_update.RETIRED_KEY, damaged)
        assert deck_update.retired_guids(v1) == set()
        assert deck_update.plan_deck_update(v1).restore == []


def test_a_kind_change_retires_the_old_note(v1: Collection, make_tree: TreeFactory, tmp_path: Path) -> None:
    col = v1
    old = _note(col, "a-prefix-sum")
    package = _release(
        make_tree,
        tmp_path,
        "v2",
        {"algorithms/arrays.md": ("Running totals.\n", "Cloze: A prefix sum holds {{c1::running totals}}.\n")},
    )
    import_package(col, package)
    new = _note(col, "a-prefix-sum", "cloze")
    plan = deck_update.plan_deck_update(col)
    assert plan.retire == [old] and new not in plan.retire


def test_no_manifest_and_a_damaged_one_are_explained(collection: Collection) -> None:
    empty = deck_update.update_decks(collection)
    assert empty.plan.is_empty() and "No deck release found" in empty.summary()

    deck = collection.decks.get(collection.decks.id("Test Deck"))  # type: ignore[arg-type]
    deck["desc"] = "<!-- mle-anki-manifest {not json -->"
    collection.decks.save(deck)
    damaged = deck_update.update_decks(collection)
    assert damaged.plan.problems and "not valid JSON" in damaged.summary()


def test_the_manifest_round_trips_and_cannot_close_its_comment_early() -> None:
    manifest = DeckManifest("A <b> --> & ::", "ns", {"basic": 1}, {"A <b> --> & ::::X": {"basic": ("x-1", "x-2")}})
    text = deck_manifest.encode(manifest)
    assert text.count("-->") == 1 and text.endswith("-->")
    assert deck_manifest.find(f"Some words.\n{text}") == manifest
    assert deck_manifest.find("just a description") is None
    with pytest.raises(ManifestError, match="format"):
        deck_manifest.find('<!-- mle-anki-manifest {"format": 99} -->')


def _deck_names(col: Collection) -> list[str]:
    return sorted(entry.name for entry in col.decks.all_names_and_ids())


def test_a_renamed_root_is_found_by_its_manifest_and_the_recreated_tree_is_folded_in(
    v1: Collection, make_tree: TreeFactory, tmp_path: Path
) -> None:
    col = v1
    mine = "Interview Prep"
    col.decks.rename(col.decks.id_for_name(ROOT), mine)  # type: ignore[arg-type]
    reviewed = answer_first_card(col)
    bfs_card = "## What does BFS find in an unweighted graph? {#g-bfs}\n\nShortest paths.\n"
    _edit(tmp_path, "algorithms/graphs/graphs.md", bfs_card, "")
    _edit(tmp_path, "system-design/caching.md", "together.\n", f"together.\n\n{bfs_card}")
    _edit(
        tmp_path,
        "algorithms/graphs/graphs.md",
        "",
        "",
        append="\n## Which traversal uses a queue? {#g-queue}\n\nBFS.\n",
    )
    log = import_package(col, _release(make_tree, tmp_path, "v2"))
    assert len(log.new) == 1
    bfs, queue = _note(col, "g-bfs"), _note(col, "g-queue")
    assert ROOT in _deck_names(col), "the importer made the release's tree again, by name"
    assert _decks_of(col, bfs) == {f"{mine}::Algorithms::Graphs"} and _decks_of(col, queue) == {GRAPH_DECK}
    before, decks_before = _state(col), _deck_names(col)

    plan = deck_update.plan_deck_update(col)
    assert plan.releases == (mine,) and plan.recreated == (ROOT,)
    result = deck_update.update_decks(col)

    assert _decks_of(col, bfs) == {f"{mine}::System Design"}, "the moved card moves inside the renamed tree"
    assert _decks_of(col, queue) == {f"{mine}::Algorithms::Graphs"}, "the new note joins the renamed tree"
    assert not [name for name in _deck_names(col) if name == ROOT or name.startswith(f"{ROOT}::")], (
        "the re-created tree is gone"
    )
    manifests, problems = deck_update.find_manifests(col)
    assert problems == [] and [m.deck_of("basic", "g-bfs") for m in manifests] == [SYSTEM_DESIGN]
    assert col.get_card(reviewed).reps == 1
    summary = result.summary()
    assert f"{mine}: deck update applied." in summary and "Moved 2 cards" in summary and ROOT in summary
    assert col.undo_status().undo == deck_update.APPLY_UNDO

    after = _state(col)
    again = deck_update.update_decks(col)
    assert again.plan.is_empty() and _state(col) == after, "a second run changes nothing"
    col.undo()
    assert _state(col) == before and _deck_names(col) == decks_before, "one undo restores decks and cards"


def test_cards_kept_outside_the_tree_are_named_in_the_summary(v1: Collection) -> None:
    col = v1
    aside = col.db.list("select id from cards where nid = ?", _note(col, "g-dfs"))
    col.set_deck(aside, col.decks.id("My Own"))  # type: ignore[arg-type]
    summary = deck_update.update_decks(col).summary()
    assert "already match" in summary and "1 card of the release stay in decks of your own" in summary


def test_two_renamed_roots_of_one_release_are_explained_and_nothing_moves(v1: Collection) -> None:
    col = v1
    col.decks.rename(col.decks.id_for_name(ROOT), "Copy A")  # type: ignore[arg-type]
    copy_b = col.decks.get(col.decks.id("Copy B"))  # type: ignore[arg-type]
    copy_b["desc"] = col.decks.get(col.decks.id_for_name("Copy A"))["desc"]  # type: ignore[index]
    col.decks.save(copy_b)
    before = _state(col)
    result = deck_update.update_decks(col)
    assert result.plan.is_empty() and _state(col) == before
    assert "more than one root deck ('Copy A', 'Copy B')" in result.summary()
