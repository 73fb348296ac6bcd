"""The ledger: each note's content hash and modification time, committed next to the content.

Anki's default import (`IF_NEWER`) updates a note only when the package's `mod` is newer than the collection's. A
build stamps a note with a new time only when its rendered content changed, and keeps the old time otherwise. So an
unchanged tree rebuilds byte for byte, a changed note reaches every user, and an unchanged one never re-syncs.
The ledger also records each note type's fields, so a schema change cannot slip through unexplained.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .findings import UsageError
from .notetypes import NoteType

FORMAT = 1


class NoteRecord(NamedTuple):  # NOTE: a tuple: a release's ledger holds tens of thousands
    kind: str
    hash: str
    mod: int
    deck: str


@dataclass(frozen=True)
class NoteTypeRecord:
    id: int
    fields: tuple[str, ...]
    fingerprint: str
    mod: int


@dataclass
class Ledger:
    notes: dict[str, NoteRecord] = field(default_factory=dict)
    note_types: dict[str, NoteTypeRecord] = field(default_factory=dict)
    namespace: str | None = None  # the tree's namespace at the build; None in ledgers written before it was kept

    def to_json(self) -> str:
        """One note a line, sorted, so a release's ledger diff reads like its changelog."""
        note_types = {
            kind: {"fields": list(r.fields), "fingerprint": r.fingerprint, "id": r.id, "mod": r.mod}
            for kind, r in sorted(self.note_types.items())
        }
        decks: dict[str, str] = {}  # NOTE: ids, hashes and kinds need no escaping; deck names do, once each
        lines = [
            f'    "{note_id}": {{"deck": {decks.get(r.deck) or decks.setdefault(r.deck, _quote(r.deck))}, '
            f'"hash": "{r.hash}", "kind": "{r.kind}", "mod": {r.mod}}}'
            for note_id, r in sorted(self.notes.items())
        ]
        notes = "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
        namespace = f'  "namespace": {_quote(self.namespace)},\n' if self.namespace is not None else ""
        return (
            "{\n"
            f'  "format": {FORMAT},\n'
            f"{namespace}"
            f'  "note_types": {json.dumps(note_types, sort_keys=True)},\n'
            f'  "notes": {notes}\n'
            "}\n"
        )


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def load(path: Path) -> Ledger:
    if not path.exists():
        return Ledger()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported ledger format {data.get('format')!r}")
        notes = {key: NoteRecord(v["kind"], v["hash"], int(v["mod"]), v["deck"]) for key, v in data["notes"].items()}
        note_types = {
            key: NoteTypeRecord(int(v["id"]), tuple(v["fields"]), v["fingerprint"], int(v["mod"]))
            for key, v in data["note_types"].items()
        }
        namespace = data.get("namespace")
        if namespace is not None and not isinstance(namespace, str):
            raise ValueError("the namespace is not a string")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UsageError(f"{path}: the ledger is damaged ({error}); restore it from version control") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read the ledger ({error.strerror or error})") from None
    return Ledger(notes, note_types, namespace)


def save(path: Path, ledger: Ledger) -> None:
    write_atomic(path, ledger.to_json().encode("utf-8"))


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; a built file is as readable as any other
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def content_hash(kind: str, fields: list[str], tags: tuple[str, ...]) -> str:
    """What a note looks like in Anki: its kind, its fields' HTML and its tags."""
    payload = "\x1e".join((kind, "\x1f".join(fields), " ".join(tags)))  # NOTE: tags come in a stable order
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def now() -> int:
    """The build's clock: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the wall clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip().isdigit():
        return int(epoch)
    return int(time.time())


def stamp(previous: NoteRecord | None, kind: str, digest: str, deck: str, clock: int) -> NoteRecord:
    """The record for a note this build: the old mod time if nothing changed, a strictly newer one if it did."""
    if previous is not None and previous.hash == digest and previous.kind == kind:
        if previous.deck == deck:
            return previous
        return NoteRecord(kind, digest, previous.mod, deck)
    mod = clock if previous is None else max(clock, previous.mod + 1)
    return NoteRecord(kind, digest, mod, deck)


@dataclass(frozen=True)
class SchemaChange:
    note_type: NoteType
    before: tuple[str, ...]

    def explain(self) -> str:
        after = self.note_type.fields
        added = [name for name in after if name not in self.before]
        removed = [name for name in self.before if name not in after]
        parts = []
        if added:
            parts.append(f"added {', '.join(added)}")
        if removed:
            parts.append(f"removed or renamed {', '.join(removed)}")
        if not parts:
            parts.append("reordered its fields")
        return (
            f"note type {self.note_type.name!r} changed its fields: {'; '.join(parts)} "
            f"(was {list(self.before)}, now {list(after)}). Anki will not update existing notes with the default "
            "import options: users must import this release with 'Merge note types' checked and 'Update notes' set "
            "to 'Always' (ImportAnkiPackageOptions(merge_notetypes=True, update_notes=ALWAYS)); Anki matches fields "
            "by name, so a renamed field starts empty. Say so in the release notes, then rebuild with "
            "--accept-schema-change to record the new fields."
        )


def schema_changes(ledger: Ledger, note_types: list[NoteType]) -> list[SchemaChange]:
    changes = []
    for note_type in note_types:
        record = ledger.note_types.get(note_type.kind)
        if record is not None and record.fields != note_type.fields:
            changes.append(SchemaChange(note_type, record.fields))
    return changes


def stamp_note_type(previous: NoteTypeRecord | None, note_type: NoteType, clock: int) -> NoteTypeRecord:
    if previous is not None and previous.fingerprint == note_type.fingerprint and previous.fields == note_type.fields:
        return previous
    mod = clock if previous is None else max(clock, previous.mod + 1)
    return NoteTypeRecord(note_type.id, note_type.fields, note_type.fingerprint, mod)
