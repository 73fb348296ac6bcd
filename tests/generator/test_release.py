"""`build.py release`: one version from pyproject.toml, the diff since the previous release, checksums, a changelog."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, TreeFactory

from generator import Options, UsageError, main
from generator.release import RELEASE_STATE, make_release, previous_release, project_version

CARDS = """
---
source: "Test source"
---

## What is a heap? {#h-heap}

A tree with the heap property.

## What is a trie? {#h-trie}

A prefix tree.

## What is a deque? {#h-deque}

A double-ended queue.
"""


def _project(tmp_path: Path, version: str, changelog_versions: tuple[str, ...] = ()) -> tuple[Path, Path]:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[project]\nname = "x"\nversion = "{version}"\n')
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n" + "".join(f"\n## {item}\n\nWords.\n" for item in changelog_versions))
    return pyproject, changelog


def _release(root: Path, out: Path, pyproject: Path, changelog: Path):  # type: ignore[no-untyped-def]
    return make_release(
        root,
        out,
        pyproject=pyproject,
        changelog=changelog,
        addon_dir=PROJECT_ROOT / "addon",
        addon_manifest=PROJECT_ROOT / "manifest.json",
        options=Options(cache_dir=out.parent / "cache"),
    )


def test_the_version_comes_from_pyproject() -> None:
    """pyproject.toml is the source; the build stamps it into the packaged manifest, and the root one must agree."""
    manifest = json.loads((PROJECT_ROOT / "manifest.json").read_text())
    version = project_version(PROJECT_ROOT / "pyproject.toml")
    assert manifest["human_version"] == version, "set manifest.json's human_version to pyproject.toml's version"
    assert f"\n## {version}\n" in (PROJECT_ROOT / "CHANGELOG.md").read_text(), "CHANGELOG.md records this version"


def test_first_release_then_a_second_with_its_diff(make_tree: TreeFactory, tmp_path: Path) -> None:
    root = make_tree({"algorithms/structures.md": CARDS, "algorithms/more/other.md": CARDS.replace("{#h-", "{#o-")})
    pyproject, changelog = _project(tmp_path, "1.0.0", ("1.0.0", "1.1.0"))
    first = _release(root, tmp_path / "r1", pyproject, changelog)
    assert first.previous is None and len(first.changes.added) == 6
    names = sorted(path.name for path in first.files)
    assert names == sorted(
        [
            "test-deck.apkg",
            "mle_interview_readiness.ankiaddon",
            "test-deck-1.0.0-diff.json",
            "test-deck-1.0.0-diff.md",
            "SHA256SUMS",
        ]
    )
    sums = (tmp_path / "r1" / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 4
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / "r1" / name).read_bytes()).hexdigest() == digest
    with zipfile.ZipFile(tmp_path / "r1" / "mle_interview_readiness.ankiaddon") as archive:
        assert json.loads(archive.read("manifest.json"))["human_version"] == "1.0.0"
        assert "deck_update.py" in archive.namelist() and "deck_manifest.py" in archive.namelist()
    assert previous_release(root)[0] == "1.0.0"

    # 1.1.0: one card edited, one moved to another deck, one removed, one added.
    path = root / "algorithms" / "structures.md"
    text = path.read_text()
    text = text.replace("A prefix tree.", "A prefix tree; each edge is a character.")
    text = text.replace("## What is a deque? {#h-deque}\n\nA double-ended queue.\n", "")
    path.write_text(text + "\n## What is a stack? {#h-stack}\n\nLIFO.\n")
    other = root / "algorithms" / "more" / "other.md"
    other.write_text(other.read_text().replace('source: "Test source"\n', 'source: "Test source"\ndeck: "Elsewhere"\n'))
    pyproject.write_text(pyproject.read_text().replace("1.0.0", "1.1.0"))
    second = _release(root, tmp_path / "r2", pyproject, changelog)
    assert second.previous == "1.0.0"
    diff = json.loads((tmp_path / "r2" / "test-deck-1.1.0-diff.json").read_text())
    assert diff["previous"] == "1.0.0" and diff["version"] == "1.1.0"
    assert diff["added"] == ["h-stack"] and diff["changed"] == ["h-trie"] and diff["removed"] == ["h-deque"]
    assert sorted(item["id"] for item in diff["moved"]) == ["o-deque", "o-heap", "o-trie"]
    assert {item["to"] for item in diff["moved"]} == {"Elsewhere"}
    markdown = (tmp_path / "r2" / "test-deck-1.1.0-diff.md").read_text()
    assert "since 1.0.0" in markdown and "Apply deck update" in markdown and "- h-deque" in markdown

    # The same version again: fine for the same content, refused for different content.
    again = _release(root, tmp_path / "r3", pyproject, changelog)
    assert again.previous == "1.1.0" and not again.changes.any()
    path.write_text(path.read_text().replace("LIFO.", "Last in, first out."))
    with pytest.raises(UsageError, match="already made from different content"):
        _release(root, tmp_path / "r4", pyproject, changelog)
    assert json.loads((root / RELEASE_STATE).read_text())["release"] == "1.1.0"


def test_a_release_needs_its_changelog_entry(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"algorithms/structures.md": CARDS})
    changelog = tmp_path / "NO-ENTRY.md"
    changelog.write_text("# Changelog\n\n## 0.0.1\n")
    code = main(["release", "--content", str(root), "--out", str(tmp_path / "out"), "--changelog", str(changelog)])
    assert code == 2
    assert "has no entry for" in capsys.readouterr().err
    assert not (root / RELEASE_STATE).exists() and not (tmp_path / "out").exists()


def test_the_cli_releases_with_the_projects_version(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"algorithms/structures.md": CARDS})
    version = project_version(PROJECT_ROOT / "pyproject.toml")
    code = main(["release", "--content", str(root), "--out", str(tmp_path / "out"), "--no-addon"])
    assert code == 0, capsys.readouterr().err
    output = capsys.readouterr().out
    assert f"release {version} (first release): 3 added" in output
    assert (tmp_path / "out" / f"test-deck-{version}-diff.md").is_file()
    assert (tmp_path / "out" / "SHA256SUMS").read_text().count("\n") == 3
