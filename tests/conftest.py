"""Shared fixtures: small content trees written to temporary folders, and real Anki collections."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from anki.collection import Collection

PROJECT_ROOT = Path(__file__).resolve().parent.parent

TreeFactory = Callable[[dict[str, str]], Path]


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeFactory:
    """Write {relative path: text} under a fresh content folder (with a tree.yaml) and return its root."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        config = root / "tree.yaml"
        if not config.exists():
            config.write_text("name: Test Deck\npackage: test-deck\nnamespace: test-deck\n")
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return write


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection from the real `anki` package."""
    from anki.collection import Collection

    folder = tmp_path / "anki"
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture
def collection(col: Collection) -> Collection:
    """The same fresh collection, under the name the generator's acceptance tests use."""
    return col
