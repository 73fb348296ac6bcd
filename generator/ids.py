"""`build.py ids`: give every card heading that lacks one an explicit, stable id, touching nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from addon import categories

from .findings import Finding
from .ledger import write_atomic
from .source import BYTE_ORDER_MARK, MAX_ID_LENGTH, decode, parse
from .tree import Tree

_WORDS_IN_ID = 6
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # the parser's lines, each with its ending


@dataclass(frozen=True)
class Assigned:
    path: str
    line: int
    id: str


def assign_ids(tree: Tree, dry_run: bool = False) -> tuple[list[Assigned], list[Finding]]:
    """Add the missing ids; a file that cannot be read as UTF-8 is left alone and reported."""
    texts: dict[Path, str] = {}
    unreadable: list[Finding] = []
    for path in tree.markdown_files():
        text = decode(path.read_bytes(), tree.relative(path))
        if isinstance(text, Finding):
            unreadable.append(text)
        else:
            texts[path] = text
    parsed = {path: parse(text, tree.relative(path)) for path, text in texts.items()}
    taken = {card.id for item in parsed.values() for card in item.cards if card.id}
    counters: dict[str, int] = {}
    assigned: list[Assigned] = []
    for path, item in parsed.items():
        missing = [card for card in item.cards if card.id is None]
        if not missing:
            continue
        prefix = _prefix(tree.relative(path))
        bom = BYTE_ORDER_MARK if texts[path].startswith(BYTE_ORDER_MARK) else ""
        lines = _LINE.findall(texts[path].removeprefix(bom))
        for card in missing:
            new_id = _unique(_candidate(prefix, card.heading.value), taken, counters)
            taken.add(new_id)
            index = card.line - 1
            body = lines[index].rstrip("\r\n")
            ending = lines[index][len(body) :]
            lines[index] = (
                f"{body.rstrip()} {{#{new_id}}}{ending}" if body.strip() != "##" else f"## {{#{new_id}}}{ending}"
            )
            assigned.append(Assigned(tree.relative(path), card.line, new_id))
        if not dry_run:
            write_atomic(path, (bom + "".join(lines)).encode("utf-8"))
    return assigned, unreadable


def _prefix(relative: str) -> str:
    first = relative.split("/", 1)[0]
    if "/" in relative and categories.is_category(first):
        return categories.get(first).id_prefix
    return categories.slug(Path(relative).stem) or "card"


def _candidate(prefix: str, heading: str) -> str:
    words = re.findall(r"[a-z0-9]+", heading.lower())[:_WORDS_IN_ID]
    return "-".join([prefix, *words])[:MAX_ID_LENGTH].rstrip("-")


def _unique(candidate: str, taken: set[str], counters: dict[str, int]) -> str:
    if candidate not in taken:
        return candidate
    stem = candidate[: MAX_ID_LENGTH - 4]
    number = counters.get(stem, 2)  # NOTE: where the last search for this stem ended, so many equal headings stay fast
    while f"{stem}-{number}" in taken:
        number += 1
    counters[stem] = number + 1
    return f"{stem}-{number}"
