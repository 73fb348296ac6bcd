"""Acceptance: two builds of the same tree, in separate processes and output folders, are byte-identical."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, TreeFactory

TREE = {
    "algorithms/basics.md": "---\nsource: CLRS\n---\n## What is $O(1)$? {#a}\nConstant time.\n",
    "algorithms/img/x.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    "ml-design/x.md": "## {#c}\nCloze: Ranking uses {{c1::NDCG}}.\n\n![x](../algorithms/img/x.svg)\nSource: A paper\n",
}


def _build(root: Path, out: Path) -> str:
    subprocess.run(
        [sys.executable, "build.py", "build", "--content", str(root), "--out", str(out), "--no-addon", "--no-cache"],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    return hashlib.sha256((out / "test-deck.apkg").read_bytes()).hexdigest()


def test_rebuilds_are_byte_identical(make_tree: TreeFactory, tmp_path: Path) -> None:
    root = make_tree(TREE)
    first = _build(root, tmp_path / "one")
    ledger = (root / ".ledger.json").read_bytes()
    (root / "algorithms/basics.md").touch()  # file times must not matter
    second = _build(root, tmp_path / "two")
    assert first == second
    assert (root / ".ledger.json").read_bytes() == ledger
