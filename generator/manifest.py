"""The release manifest a build ships in the root deck's description, for the add-on's "Apply deck update".

Anki's import never moves an existing card to its note's new deck and never retires a note the content dropped. The
manifest lists every note of the release (kind, card id, deck), so the add-on can do both. Its format lives in
`addon/deck_manifest.py`, which the add-on reads with; this module only fills it from a build's ledger.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from addon.deck_manifest import DeckManifest, encode

if TYPE_CHECKING:
    from .pipeline import Compiled


def release_manifest(compiled: Compiled) -> DeckManifest:
    decks: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for card_id, record in sorted(compiled.ledger.notes.items()):
        decks[record.deck][record.kind].append(card_id)
    return DeckManifest(
        name=compiled.tree.name,
        namespace=compiled.tree.namespace,
        note_types={note.note_type.kind: note.note_type.id for note in compiled.notes},
        decks={deck: {kind: tuple(ids) for kind, ids in by_kind.items()} for deck, by_kind in decks.items()},
    )


def with_manifest(compiled: Compiled, descriptions: dict[str, str]) -> dict[str, str]:
    """Deck descriptions with the manifest appended to the root deck's; the package writes the root deck for it."""
    comment = encode(release_manifest(compiled))
    root = compiled.tree.name
    own = descriptions.get(root, "")
    return {**descriptions, root: f"{own}\n{comment}" if own else comment}
