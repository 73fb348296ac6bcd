"""The content tree: its optional `tree.yaml`, its Markdown files, and the deck and tags a file's path implies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from addon import categories

from .findings import UsageError

TREE_CONFIG = "tree.yaml"
LEDGER_NAME = ".ledger.json"
_TREE_KEYS = {"name", "package", "namespace"}


@dataclass(frozen=True)
class Tree:
    root: Path
    name: str  # the root deck
    package: str  # dist/<package>.apkg
    namespace: str  # mixed into every GUID

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER_NAME

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def markdown_files(self) -> Iterator[Path]:
        """Card files in a stable order; READMEs, hidden and `_`-prefixed entries are not cards."""
        for path in sorted(self.root.rglob("*.md"), key=lambda item: item.relative_to(self.root).as_posix()):
            parts = path.relative_to(self.root).parts
            if path.name.lower() == "readme.md" or any(part.startswith((".", "_")) for part in parts):
                continue
            yield path


def load_tree(root: Path) -> Tree:
    if not root.is_dir():
        raise UsageError(f"content directory not found: {root}")
    config: dict[str, object] = {}
    config_path = root / TREE_CONFIG
    if config_path.exists():
        try:
            loaded = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise UsageError(f"{config_path}: invalid YAML: {error}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise UsageError(f"{config_path}: must be a mapping with the keys {sorted(_TREE_KEYS)}")
        config = loaded or {}
        unknown = set(config) - _TREE_KEYS
        if unknown:
            raise UsageError(f"{config_path}: unknown key(s) {sorted(unknown)}; known: {sorted(_TREE_KEYS)}")
        for key, value in config.items():
            if not isinstance(value, str) or not value.strip():
                raise UsageError(f"{config_path}: {key!r} must be a non-empty string")
    name = str(config.get("name") or root.resolve().name.replace("-", " ").replace("_", " ").title())
    package = str(config.get("package") or categories.slug(name) or "deck")
    namespace = str(config.get("namespace") or package)
    return Tree(root, name, package, namespace)


@dataclass(frozen=True)
class Placement:
    deck: str
    category: str | None
    topic: tuple[str, ...]


def placement(tree: Tree, relative: str, deck: str | None, topic: str | None, category: str | None) -> Placement:
    """Deck and tag segments for a file at `relative`, with front-matter overrides already validated."""
    parts = PurePosixPath(relative).parts
    folders, stem = parts[:-1], PurePosixPath(relative).stem
    in_category = bool(folders) and categories.is_category(folders[0])
    resolved_category = folders[0] if in_category else category
    deck_parts = [tree.name]
    for index, folder in enumerate(folders):
        is_category_folder = index == 0 and in_category
        deck_parts.append(categories.get(folder).title if is_category_folder else _title(folder))
    below = (*folders[1:], stem) if in_category else (*folders, stem)
    topic_parts = (
        tuple(categories.slug(part) for part in topic.split("::"))
        if topic
        else tuple(categories.slug(part) for part in below)
    )
    return Placement(deck or "::".join(deck_parts), resolved_category, tuple(part for part in topic_parts if part))


def _title(folder: str) -> str:
    return " ".join(word.capitalize() for word in folder.replace("_", "-").split("-") if word)
