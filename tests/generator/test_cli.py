"""`build.py` as a user meets it: sub-commands, output formats, exit codes, and no traceback for a mistake."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, TreeFactory

from generator import main
from generator.tree import LEDGER_NAME

GOOD = "---\nsource: Book, ch. 2\n---\n## What is two plus two? {#two-plus-two}\nFour.\n"
BAD = "## What is two plus two? {#two-plus-two}\nIt costs $5.\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_exit_codes_and_text_format(make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"t/a.md": GOOD})
    assert _run(capsys, "check", "--content", str(root))[0] == 0
    (root / "t/a.md").write_text(BAD)
    code, out, _ = _run(capsys, "check", "--content", str(root))
    assert code == 1
    assert "t/a.md:2:10: unbalanced-math: unmatched '$'" in out
    assert "t/a.md:1:1: no-source:" in out


def test_check_json_has_the_same_findings(make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"t/a.md": BAD})
    code, out, _ = _run(capsys, "check", "--content", str(root), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1 and report["warnings"] == 1
    assert {"path": "t/a.md", "line": 2, "col": 10, "rule": "unbalanced-math", "severity": "error"}.items() <= report[
        "findings"
    ][1].items() or any(item["rule"] == "unbalanced-math" and item["line"] == 2 for item in report["findings"])


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["check", "--format", "xml"], ["check", "--content", "/no/such/dir"], ["build", "--jobs", "0"]],
)
def test_usage_errors_exit_2_without_a_traceback(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in out + err and err.strip()


def test_help_teaches_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    for command in ("build", "check", "ids", "diff", "stats", "exit codes"):
        assert command in out


def test_build_writes_deck_ledger_and_addon(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})
    out_dir = tmp_path / "dist"
    code, out, _ = _run(capsys, "build", "--content", str(root), "--out", str(out_dir))
    assert code == 0, out
    assert (out_dir / "test-deck.apkg").is_file() and (root / LEDGER_NAME).is_file()
    manifest = json.loads((PROJECT_ROOT / "manifest.json").read_text())
    with zipfile.ZipFile(out_dir / f"{manifest['package']}.ankiaddon") as archive:
        names = archive.namelist()
    assert "manifest.json" in names and "__init__.py" in names
    assert not any("__pycache__" in name or name.startswith("tests/") or "/" in name.split("/")[0] for name in names)


def test_failed_build_writes_nothing(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})
    out_dir = tmp_path / "dist"
    assert _run(capsys, "build", "--content", str(root), "--out", str(out_dir), "--no-addon")[0] == 0
    package = (out_dir / "test-deck.apkg").read_bytes()
    ledger = (root / LEDGER_NAME).read_bytes()
    (root / "t/a.md").write_text(BAD)
    code, _, err = _run(capsys, "build", "--content", str(root), "--out", str(out_dir), "--no-addon")
    assert code == 1 and "nothing was written" in err and "unbalanced-math" in err
    assert (out_dir / "test-deck.apkg").read_bytes() == package
    assert (root / LEDGER_NAME).read_bytes() == ledger
    assert sorted(path.name for path in out_dir.iterdir()) == [".cache", "test-deck.apkg"], "no temporary file left"


def test_diff_and_stats(make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"t/a.md": GOOD, "t/b.md": GOOD.replace("two-plus-two", "other").replace("two plus", "3 plus")})
    _run(capsys, "build", "--content", str(root), "--out", str(tmp_path / "d"), "--no-addon")
    (root / "t/a.md").write_text(GOOD.replace("Four.", "Four, exactly."))
    (root / "u").mkdir()
    (root / "t/b.md").rename(root / "u/b.md")
    code, out, _ = _run(capsys, "diff", "--content", str(root), "--format", "json")
    changes = json.loads(out)
    assert code == 0
    assert changes["changed"] == ["two-plus-two"]
    assert changes["moved"] == [{"id": "other", "from": "Test Deck::T", "to": "Test Deck::U"}]
    code, out, _ = _run(capsys, "stats", "--content", str(root), "--format", "json")
    assert json.loads(out)["notes"] == 2


def test_check_lists_its_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--rules")
    assert code == 0 and "unsafe-html" in out and "long-answer" in out


def test_a_rebuild_with_nothing_new_to_render_imports_no_markdown(make_tree: TreeFactory, tmp_path: Path) -> None:
    root = make_tree({"t/a.md": GOOD + "\n## A table? {#table}\n| a | b |\n|---|---|\n| 1 | 2 |\n"})
    arguments = ["build", "--content", str(root), "--out", str(tmp_path), "--no-addon"]
    probe = (
        f"from generator import main; main({arguments!r})\n"
        "import sys; print(sorted(name for name in sys.modules if name.startswith('markdown')))"
    )
    for expected in ("['markdown", "[]"):  # the cold build renders the table with Python-Markdown; the rebuild reads it
        done = subprocess.run(
            [sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        )
        assert done.stdout.strip().splitlines()[-1].startswith(expected), done.stdout
