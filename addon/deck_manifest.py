"""The release manifest: which notes a deck release holds and in which decks, written by the generator and read by
"Apply deck update". Defined once here, like `categories`, so the two sides cannot drift. Imports nothing from Anki.

It travels in the description of the tree's root deck, inside an HTML comment, because that is the one channel of an
`.apkg` that Anki's importer refreshes on every import with default options: decks are matched by name and their
description is replaced, even when no note changed (verified in `tests/addon/test_deck_update.py`). A note would
have to be a card the user studies, and a media file referenced only from a template is never imported.

Notes are listed by their explicit card id and kind. A note in the collection is one of the tree's when its GUID is
`guid_for(namespace, kind, id)`, so the user's own notes, even of the same note types or built by the same generator
from another tree, are never touched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

FORMAT = 1
MARKER = "mle-anki-manifest"
_COMMENT = re.compile(r"<!--\s*" + re.escape(MARKER) + r"\s+(.*?)\s*-->", re.DOTALL)
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


class ManifestError(ValueError):
    """A manifest that is present but unreadable: edited by hand, or from a newer generator."""


@dataclass(frozen=True)
class DeckManifest:
    name: str  # the root deck
    namespace: str  # mixed into every GUID of the tree
    note_types: Mapping[str, int]  # kind -> note type id
    decks: Mapping[str, Mapping[str, tuple[str, ...]]]  # deck -> kind -> card ids

    def notes(self) -> Iterator[tuple[str, str, str]]:
        """(kind, card id, deck) for every note in the release."""
        for deck, by_kind in self.decks.items():
            for kind, card_ids in by_kind.items():
                for card_id in card_ids:
                    yield kind, card_id, deck

    def deck_of(self, kind: str, card_id: str) -> str | None:
        """The deck this release puts the note in, or None when the release no longer holds it."""
        return self._deck_by_note.get((kind, card_id))

    @cached_property
    def _deck_by_note(self) -> dict[tuple[str, str], str]:
        return {(kind, card_id): deck for kind, card_id, deck in self.notes()}

    def guid(self, kind: str, card_id: str) -> str:
        return guid_for(self.namespace, kind, card_id)

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "name": self.name,
            "namespace": self.namespace,
            "note_types": dict(sorted(self.note_types.items())),
            "decks": {
                deck: {kind: list(ids) for kind, ids in sorted(by_kind.items())}
                for deck, by_kind in sorted(self.decks.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def encode(manifest: DeckManifest) -> str:
    """The manifest as an HTML comment for a deck description: invisible on every Anki client.

    NOTE: `<`, `>` and `&` are escaped inside the JSON strings, so no deck name can end the comment early.
    """
    text = manifest.to_json().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<!-- {MARKER} {text} -->"


def replace_in(description: str, manifest: DeckManifest) -> str:
    """`description` with its manifest replaced by `manifest` (or `manifest` added at its end)."""
    encoded = encode(manifest)
    if _COMMENT.search(description) is None:
        return f"{description}\n{encoded}" if description else encoded
    return _COMMENT.sub(lambda _match: encoded, description, count=1)


def find(description: str) -> DeckManifest | None:
    """The manifest in a deck description; None when there is none; `ManifestError` when it cannot be read."""
    match = _COMMENT.search(description)
    if match is None:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError as error:
        raise ManifestError(f"the release manifest is not valid JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise ManifestError(f"unsupported release manifest format {found!r}; this add-on reads format {FORMAT}")
    try:
        name, namespace = data["name"], data["namespace"]
        note_types = {str(kind): int(note_type_id) for kind, note_type_id in data["note_types"].items()}
        decks = {
            str(deck): {str(kind): tuple(str(card_id) for card_id in ids) for kind, ids in by_kind.items()}
            for deck, by_kind in data["decks"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ManifestError(f"the release manifest is damaged ({error!r})") from None
    if not isinstance(name, str) or not isinstance(namespace, str):
        raise ManifestError("the release manifest's name and namespace must be text")
    return DeckManifest(name, namespace, note_types, decks)


def guid_for(*values: str) -> str:
    """genanki's `guid_for`, which the generator uses for every note: the first 8 bytes of a SHA-256, in base 91.

    NOTE: a copy, because the add-on cannot depend on genanki; a test checks the two agree.
    """
    number = int.from_bytes(hashlib.sha256("__".join(values).encode("utf-8")).digest()[:8], "big")
    digits = []
    while number > 0:
        number, digit = divmod(number, len(_BASE91))
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))
