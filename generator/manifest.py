"""The release manifest a build ships in the root deck's description, for the add-on's "Apply deck update".

Anki's import never moves an existing card to its note's new deck and never retires a note the content dropped. The
manifest lists every note of the release (kind, card id, deck), so the add-on can do both. Its format lives in
`addon/deck_manifest.py`, which the add-on reads with; this module only fills it from a build's ledger. It sits
below the pipeline: it is handed the tree, the ledger and the note types, never the pipeline's own result.
"""

from __future__ import annotations

from collections import defaultdict

from addon.deck_manifest import DeckManifest, encode

from .ledger import Ledger
from .tree import Tree


def release_manifest(tree: Tree, ledger: Ledger, note_type_ids: dict[str, int]) -> DeckManifest:
    """Every note of the ledger by deck and kind; `note_type_ids` maps each kind the package uses to its id."""
    decks: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for card_id, record in sorted(ledger.notes.items()):
        decks[record.deck][record.kind].append(card_id)
    return DeckManifest(
        name=tree.name,
        namespace=tree.namespace,
        note_types=note_type_ids,
        decks={deck: {kind: tuple(ids) for kind, ids in by_kind.items()} for deck, by_kind in decks.items()},
    )


def with_manifest(manifest: DeckManifest, descriptions: dict[str, str]) -> dict[str, str]:
    """Deck descriptions with the manifest appended to the root deck's; the package writes the root deck for it."""
    comment = encode(manifest)
    own = descriptions.get(manifest.name, "")
    return {**descriptions, manifest.name: f"{own}\n{comment}" if own else comment}
