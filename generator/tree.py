"""The content tree: its optional `tree.yaml`, its Markdown files, and the deck and tags a file's path implies."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from addon import categories

from .findings import ContentError, Finding, UsageError, finding
from .source import decode, did_you_mean

TREE_CONFIG = "tree.yaml"
LEDGER_NAME = ".ledger.json"
MARKDOWN_SUFFIXES = (".md", ".markdown")  # in any case: Notes.MD is a card file too
_TREE_KEYS = ("name", "package", "namespace")
# A package name becomes a file name inside --out and a folder name inside the cache: one plain path component.
PACKAGE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_-])?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Tree:
    root: Path
    name: str  # the root deck
    package: str  # dist/<package>.apkg
    namespace: str  # mixed into every GUID
    configured: bool = False  # whether tree.yaml names the namespace; without it, the folder's name decides

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER_NAME

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def markdown_files(self) -> Iterator[Path]:
        """Card files in a stable order: `.md` and `.markdown` in any case, except READMEs and anything in a hidden
        or `_`-prefixed folder (drafts, editor and tool folders such as `.obsidian` or `.git`)."""
        files, _ = self._walk()
        yield from files

    def skipped(self) -> list[str]:
        """What `markdown_files` leaves out on purpose, to tell the user: READMEs and `_`-prefixed entries."""
        _, skipped = self._walk()
        return skipped

    def _walk(self) -> tuple[list[Path], list[str]]:
        files: list[tuple[str, Path]] = []
        skipped: list[str] = []
        seen: set[tuple[int, int]] = set()
        for folder, subfolders, names in os.walk(self.root, followlinks=True):
            here = Path(folder)
            identity = here.stat()
            if (identity.st_dev, identity.st_ino) in seen:  # a symbolic link back up the tree
                subfolders.clear()
                continue
            seen.add((identity.st_dev, identity.st_ino))
            kept = []
            for name in sorted(subfolders):
                if name.startswith("_"):
                    skipped.append(self.relative(here / name) + "/")
                elif not name.startswith("."):
                    kept.append(name)
            subfolders[:] = kept
            for name in names:
                if not name.lower().endswith(MARKDOWN_SUFFIXES):
                    continue
                relative = self.relative(here / name)
                if name.startswith(("_", ".")) or name.lower().rsplit(".", 1)[0] == "readme":
                    if not name.startswith("."):
                        skipped.append(relative)
                    continue
                if (here / name).is_file():
                    files.append((relative, here / name))
        return [path for _, path in sorted(files)], sorted(skipped)


def load_tree(root: Path) -> Tree:
    """The tree at `root`; a broken `tree.yaml` is a content error located in it."""
    if not root.is_dir():
        raise UsageError(f"content folder not found: {root}" if not root.exists() else f"not a folder: {root}")
    config_path = root / TREE_CONFIG
    config = _read_config(config_path) if config_path.exists() else {}
    name = config.get("name") or root.resolve().name.replace("-", " ").replace("_", " ").title()
    package = config.get("package") or categories.slug(name) or "deck"
    namespace = config.get("namespace") or package
    return Tree(root, name, package, namespace, configured="namespace" in config)


def _read_config(path: Path) -> dict[str, str]:
    def error(message: str, line: int = 1, col: int = 1) -> ContentError:
        return ContentError([finding(TREE_CONFIG, line, col, "tree-config", message)])

    data = path.read_bytes()
    text = decode(data, TREE_CONFIG)
    if isinstance(text, Finding):
        raise ContentError([text])
    try:
        loaded = yaml.safe_load(text.removeprefix("\ufeff"))
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(
            f"invalid YAML: {getattr(problem, 'problem', None) or problem}",
            1 + (mark.line if mark else 0),
            1 + (mark.column if mark else 0),
        ) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise error(f"tree.yaml must be a mapping with the keys {', '.join(_TREE_KEYS)}")
    config: dict[str, str] = {}
    for key, value in loaded.items():
        if key not in _TREE_KEYS:
            hint = did_you_mean(str(key), _TREE_KEYS)
            raise error(f"unknown key {key!r}{hint}; known: {', '.join(_TREE_KEYS)}", _key_line(text, str(key)))
        if not isinstance(value, str) or not value.strip() or _CONTROL.search(value):
            raise error(f"{key!r} must be a non-empty string on one line", _key_line(text, key))
        config[key] = value.strip()
    package = config.get("package")
    if package is not None and (not PACKAGE_NAME.fullmatch(package) or ".." in package):
        raise error(
            f"package {package!r} must be a plain file name (letters, digits, '.', '_', '-'; no folders): "
            "the package is written inside --out",
            _key_line(text, "package"),
        )
    name = config.get("name")
    if name is not None and any(not part.strip() for part in name.split("::")):
        raise error(f"name {name!r} has an empty deck level between '::'", _key_line(text, "name"))
    return config


def _key_line(text: str, key: str) -> int:
    found = re.search(rf"(?m)^\s*['\"]?{re.escape(key)}['\"]?\s*:", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


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
