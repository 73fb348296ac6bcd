"""Shared fixtures: small content trees written to temporary folders, and real Anki collections."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from anki.collection import Collection
    from three_weeks import ThreeWeeks

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


# A collection after three weeks of study (tests/three_weeks.py), FSRS on or SM-2: built once, copied per test.


@pytest.fixture(scope="session")
def three_weeks_files(tmp_path_factory: pytest.TempPathFactory) -> ThreeWeeks:
    from three_weeks import ThreeWeeks

    return ThreeWeeks(tmp_path_factory.mktemp("three-weeks"))


@pytest.fixture
def studied(three_weeks_files: ThreeWeeks, tmp_path: Path) -> Iterator[Collection]:
    """Three weeks of study with FSRS on."""
    from three_weeks import open_copy

    col = open_copy(three_weeks_files[True], tmp_path / "fsrs")
    try:
        yield col
    finally:
        col.close()


@pytest.fixture
def studied_sm2(three_weeks_files: ThreeWeeks, tmp_path: Path) -> Iterator[Collection]:
    """The same three weeks on SM-2 (FSRS off)."""
    from three_weeks import open_copy

    col = open_copy(three_weeks_files[False], tmp_path / "sm2")
    try:
        yield col
    finally:
        col.close()
