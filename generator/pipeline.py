"""Compile a content tree: parse, lint, run solutions, render, stamp with the ledger, and write the package.

`compile_tree` does everything but write, so `check`, `diff` and `stats` share one path with `build`, and what is
checked is exactly what ships.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from addon import card_meta, categories

from . import ledger as ledgers
from . import lint, problems
from .cards import Card
from .files import FileCache, compile_files, paused_gc
from .findings import ContentError, Finding, finding
from .ledger import Ledger, NoteRecord, SchemaChange
from .manifest import release_manifest, with_manifest
from .notetypes import NOTE_TYPES, NoteType
from .outline import deep_dive_ids, is_card_id
from .package import PackageNote, write_package
from .render import MediaResolver, Rendered, deep_dives_html, note_fields, question_html, used_media
from .tree import TREE_CONFIG, Tree, load_tree


@dataclass
class Changes:
    namespace: tuple[str, str] | None = None  # (before, after) when the tree's namespace changed: every GUID did
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    kind_changed: list[tuple[str, str, str]] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    note_types: list[str] = field(default_factory=list)

    def any(self) -> bool:
        return any(
            (self.namespace, self.added, self.changed, self.kind_changed, self.moved, self.removed, self.note_types)
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "namespace": {"from": self.namespace[0], "to": self.namespace[1]} if self.namespace else None,
            "added": self.added,
            "changed": self.changed,
            "kind_changed": [{"id": i, "from": a, "to": b} for i, a, b in self.kind_changed],
            "moved": [{"id": i, "from": a, "to": b} for i, a, b in self.moved],
            "removed": self.removed,
            "note_types": self.note_types,
        }


@dataclass
class Compiled:
    tree: Tree
    cards: list[Card]
    findings: list[Finding]
    notes: list[PackageNote]
    media: list[tuple[str, Path]]
    ledger: Ledger
    previous_ledger: Ledger
    changes: Changes
    schema_changes: list[SchemaChange]

    @property
    def errors(self) -> list[Finding]:
        return [item for item in self.findings if item.is_error]


Progress = Callable[[str, int, int], None]  # what is being done, how much of it is done, out of how much


@dataclass(frozen=True)
class Options:
    run_solutions: bool = True
    cache_dir: Path | None = None  # holds a folder per package: compiled files, and which solutions passed
    jobs: int | None = None
    progress: Progress | None = None
    note_types: dict[str, NoteType] = field(default_factory=lambda: dict(NOTE_TYPES))
    extra_tests: dict[str, str] = field(default_factory=dict)  # card id -> more asserts, from the test suite


def compile_tree(root: Path, options: Options | None = None) -> Compiled:
    with paused_gc():
        return _compile_tree(root, options or Options())


def _compile_tree(root: Path, options: Options) -> Compiled:
    tree = load_tree(root)
    cache = FileCache(options.cache_dir / tree.package if options.cache_dir else None)
    results = compile_files(tree, list(tree.markdown_files()), cache, options.jobs, options.progress)
    cards = [card for result in results for card in result.cards]
    rendered = [item for result in results for item in result.rendered]
    findings = [item for result in results for item in result.findings]
    findings.extend(lint.tree_rules(cards))
    rendered = _with_deep_dives(cards, rendered, findings)
    if options.run_solutions:
        findings.extend(_run_solutions(tree, cards, options))
    resolver = MediaResolver(tree.root)
    old = ledgers.load(tree.ledger_path)
    clock = ledgers.now()
    new = Ledger(namespace=tree.namespace)
    changes = Changes()
    notes: list[PackageNote] = []
    media_names: set[str] = set()
    seen: set[str] = set()
    for position, (card, result) in enumerate(zip(cards, rendered, strict=True)):
        names, media_findings = resolver.resolve(card, result)
        findings.extend(media_findings)
        if card.id in seen:
            continue  # a duplicate id is already an error; keep the first card
        seen.add(card.id)
        media_names.update(names.values())
        note_type = options.note_types[card.kind]
        fields = note_fields(card, result, names, note_type, resolver.diagrams)
        digest = ledgers.content_hash(card.kind, fields, card.tags)
        previous = old.notes.get(card.id)
        record = ledgers.stamp(previous, card.kind, digest, card.deck, clock)
        new.notes[card.id] = record
        record_change(changes, card.id, previous, record)
        notes.append(PackageNote(note_type, card.guid, fields, card.tags, card.deck, record.mod, position))
    changes.removed = sorted(set(old.notes) - set(new.notes))
    if old.namespace is not None and old.namespace != tree.namespace and old.notes:
        changes.namespace = (old.namespace, tree.namespace)
    findings.extend(identity_warnings(tree, old, new, cards, changes))

    used_types = list(options.note_types.values())
    schema = ledgers.schema_changes(old, used_types)
    for note_type in used_types:
        previous_type = old.note_types.get(note_type.kind)
        new.note_types[note_type.kind] = ledgers.stamp_note_type(previous_type, note_type, clock)
        if previous_type is not None and previous_type != new.note_types[note_type.kind]:
            changes.note_types.append(note_type.name)
    media = [(item.name, item.path) for item in used_media(resolver, media_names)]
    findings.sort()
    return Compiled(tree, cards, findings, notes, media, new, old, changes, schema)


def _with_deep_dives(cards: list[Card], rendered: list[Rendered], findings: list[Finding]) -> list[Rendered]:
    """Render each prompt card's deep dives from the cards they name; a name that is no card is an error."""
    if not any(card.kind == "prompt" for card in cards):
        return rendered
    questions: dict[str, str] = {}
    for card, result in zip(cards, rendered, strict=True):
        questions.setdefault(card.id, question_html(card, result))
    out = []
    for card, result in zip(cards, rendered, strict=True):
        if card.kind == "prompt" and "DeepDives" in card.fields:
            text = card.fields["DeepDives"]
            for card_id, offset in deep_dive_ids(text):
                if is_card_id(card_id) and card_id not in questions:
                    line, col = text.locate(offset)
                    findings.append(finding(card.path, line, col, "unknown-card", f"no card has the id {card_id!r}"))
                elif card_id == card.id:
                    line, col = text.locate(offset)
                    findings.append(
                        finding(card.path, line, col, "unknown-card", "a prompt cannot be its own deep dive")
                    )
            out.append(Rendered({**result.fields, "DeepDives": deep_dives_html(card, questions)}, result.images))
        else:
            out.append(result)
    return out


def _run_solutions(tree: Tree, cards: list[Card], options: Options) -> list[Finding]:
    programs: list[problems.Program] = []
    findings: list[Finding] = []
    for card in cards:
        if card.kind != "problem":
            continue
        item = problems.program(card, options.extra_tests.get(card.id, ""))
        if isinstance(item, Finding):
            findings.append(item)
        elif item is not None:
            programs.append(item)
    # NOTE: per package, so checking another tree never overwrites which of this tree's solutions passed
    passed_path = options.cache_dir / tree.package / "solutions-passed.json" if options.cache_dir else None
    passed: set[str] = set()
    if passed_path is not None and passed_path.exists():
        try:
            passed = set(json.loads(passed_path.read_text()))
        except (ValueError, OSError):
            passed = set()
    keys = {item.card_id: problems.fingerprint(item) for item in programs}
    pending = [item for item in programs if keys[item.card_id] not in passed]
    if options.progress is not None and pending:
        options.progress("running solutions", 0, len(pending))
    failures = problems.run(pending)
    findings.extend(failures.values())
    if passed_path is not None:
        now_passed = sorted(keys[item.card_id] for item in programs if item.card_id not in failures)
        ledgers.write_atomic(passed_path, json.dumps(now_passed).encode())
    return findings


_RENAME_SIMILARITY = 0.5
_MAX_RENAME_CANDIDATES = 200  # removed notes in one deck beyond which pairing them up by name costs too much


def identity_warnings(tree: Tree, old: Ledger, new: Ledger, cards: list[Card], changes: Changes) -> list[Finding]:
    """Warnings for changes that make Anki import notes anew and leave the old ones, with their history, behind.

    Anki knows a note by its GUID, made from the tree's namespace and the card's id. A changed namespace (a renamed
    notes folder without tree.yaml does it) changes every GUID; a changed id changes one. Both look, in the ledger,
    like notes removed and notes added in the same build.
    """
    if changes.namespace is not None:
        before, after = changes.namespace
        line = _namespace_line(tree)
        message = (
            f"the namespace changed from {before!r} to {after!r}: it is part of every note's identity, so Anki "
            f"would import all {len(new.notes)} notes again as new ones and keep the {len(old.notes)} old ones; "
            f"to keep them, put 'namespace: {before}' in tree.yaml"
        )
        return [finding(TREE_CONFIG, line, 1, "namespace-changed", message)]
    if not changes.removed or not changes.added:
        return []
    removed_by_place: dict[tuple[str, str], list[str]] = {}
    for card_id in changes.removed:
        record = old.notes[card_id]
        removed_by_place.setdefault((record.kind, record.deck), []).append(card_id)
    cards_by_id = {card.id: card for card in cards}
    warnings: list[Finding] = []
    for card_id in changes.added:
        record = new.notes[card_id]
        candidates = removed_by_place.get((record.kind, record.deck), [])
        if not candidates or len(candidates) > _MAX_RENAME_CANDIDATES:
            continue
        similarity, previous = max((SequenceMatcher(None, old_id, card_id).ratio(), old_id) for old_id in candidates)
        if similarity < _RENAME_SIMILARITY and len(candidates) > 1:
            continue
        candidates.remove(previous)
        card = cards_by_id[card_id]
        warnings.append(
            finding(
                card.path,
                card.line,
                1,
                "renamed-id",
                f"{card_id!r} is new and {previous!r} left the same deck: if you renamed the id, Anki will import "
                f"this card as a new note and keep the old one with its review history; to keep it, write "
                f"{{#{previous}}} again",
            )
        )
    return warnings


def _namespace_line(tree: Tree) -> int:
    try:
        lines = (tree.root / TREE_CONFIG).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, ValueError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if line.lstrip().startswith("namespace")), 1)


def record_change(changes: Changes, card_id: str, previous: NoteRecord | None, record: NoteRecord) -> None:
    """File one note's difference between two ledgers: added, changed, changed kind, moved."""
    if previous is None:
        changes.added.append(card_id)
        return
    if previous.kind != record.kind:
        changes.kind_changed.append((card_id, previous.kind, record.kind))
    elif previous.hash != record.hash:
        changes.changed.append(card_id)
    if previous.deck != record.deck:
        changes.moved.append((card_id, previous.deck, record.deck))


def build(root: Path, out_dir: Path, options: Options | None = None, accept_schema_change: bool = False) -> Compiled:
    """Compile and, when there are no errors, write `<out_dir>/<package>.apkg` and the updated ledger."""
    with paused_gc():
        return _build(root, out_dir, options, accept_schema_change)


def _build(root: Path, out_dir: Path, options: Options | None, accept_schema_change: bool) -> Compiled:
    compiled = compile_tree(root, options)
    if compiled.errors:
        raise ContentError(compiled.findings)
    if compiled.schema_changes and not accept_schema_change:
        raise SchemaChangeError(compiled.schema_changes)
    write_package(
        out_dir / f"{compiled.tree.package}.apkg",
        compiled.tree.namespace,
        compiled.notes,
        {kind: record.mod for kind, record in compiled.ledger.note_types.items()},
        compiled.media,
        with_manifest(
            release_manifest(
                compiled.tree, compiled.ledger, {note.note_type.kind: note.note_type.id for note in compiled.notes}
            ),
            _deck_descriptions(compiled.tree),
        ),
    )
    if compiled.ledger != compiled.previous_ledger or not compiled.tree.ledger_path.exists():
        ledgers.save(compiled.tree.ledger_path, compiled.ledger)
    return compiled


def _deck_descriptions(tree: Tree) -> dict[str, str]:
    return {f"{tree.name}::{category.title}": category.description for category in categories.CATEGORIES}


class SchemaChangeError(Exception):
    def __init__(self, changes: list[SchemaChange]) -> None:
        self.changes = changes
        super().__init__("\n".join(change.explain() for change in changes))


def stats(compiled: Compiled) -> dict[str, object]:
    by_category: Counter[str] = Counter()
    by_topic: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    prompts: Counter[str] = Counter()
    difficulties: Counter[str] = Counter()
    for card in compiled.cards:
        by_kind[card.kind] += 1
        interview = [tag for tag in card.tags if categories.category_of_tag(tag)]
        category = categories.category_of_tag(interview[0]) if interview else None
        by_category[category or "(none)"] += 1
        if card.kind == "prompt":
            prompts[category or "(none)"] += 1
        elif card.kind == "problem":
            difficulties[card.text("Difficulty") or "(none)"] += 1
        for tag in interview:
            by_topic[tag] += 1
    return {
        "notes": len(compiled.cards),
        "kinds": dict(sorted(by_kind.items())),
        "categories": {
            key: by_category.get(key, 0)
            for key in (*categories.CATEGORY_KEYS, "(none)")
            if by_category.get(key, 0) or key != "(none)"
        },
        "topics": dict(sorted(by_topic.items())),
        "prompts by category": {key: prompts[key] for key in (*categories.CATEGORY_KEYS, "(none)") if prompts[key]},
        "problems by difficulty": {
            key: difficulties[key] for key in (*card_meta.DIFFICULTIES, "(none)") if difficulties[key]
        },
        "media": len(compiled.media),
    }
