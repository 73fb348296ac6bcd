"""`build.py ids`: give every card heading that lacks one an explicit, stable id, touching nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from addon import categories

from .ledger import write_atomic
from .source import MAX_ID_LENGTH, parse
from .tree import Tree

_WORDS_IN_ID = 6


@dataclass(frozen=True)
class Assigned:
    path: str
    line: int
    id: str


def assign_ids(tree: Tree, dry_run: bool = False) -> list[Assigned]:
    files = list(tree.markdown_files())
    parsed = {path: parse(path.read_text(encoding="utf-8"), tree.relative(path)) for path in files}
    taken = {card.id for item in parsed.values() for card in item.cards if card.id}
    assigned: list[Assigned] = []
    for path, item in parsed.items():
        missing = [card for card in item.cards if card.id is None]
        if not missing:
            continue
        prefix = _prefix(tree.relative(path))
        raw = path.read_bytes().decode("utf-8")
        lines = raw.splitlines(keepends=True)
        for card in missing:
            new_id = _unique(_candidate(prefix, card.heading.value), taken)
            taken.add(new_id)
            index = card.line - 1
            body = lines[index].rstrip("\r\n")
            ending = lines[index][len(body) :]
            lines[index] = (
                f"{body.rstrip()} {{#{new_id}}}{ending}" if body.strip() != "##" else f"## {{#{new_id}}}{ending}"
            )
            assigned.append(Assigned(tree.relative(path), card.line, new_id))
        if not dry_run:
            write_atomic(path, "".join(lines).encode("utf-8"))
    return assigned


def _prefix(relative: str) -> str:
    first = relative.split("/", 1)[0]
    if "/" in relative and categories.is_category(first):
        return categories.get(first).id_prefix
    return categories.slug(Path(relative).stem) or "card"


def _candidate(prefix: str, heading: str) -> str:
    words = re.findall(r"[a-z0-9]+", heading.lower())[:_WORDS_IN_ID]
    return "-".join([prefix, *words])[:MAX_ID_LENGTH].rstrip("-")


def _unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate[: MAX_ID_LENGTH - 4]}-{number}" in taken:
        number += 1
    return f"{candidate[: MAX_ID_LENGTH - 4]}-{number}"
