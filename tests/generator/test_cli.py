"""`build.py` as a user meets it: sub-commands, output formats, exit codes, and no traceback for a mistake."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, TreeFactory

from generator import main, pipeline
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


# Issue 11: paths, the cache, and what every command says and returns.


def test_a_package_name_that_leaves_out_is_refused_and_nothing_outside_is_touched(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    unrelated = out / "victim" / "files-0123456789abcdef"
    unrelated.mkdir(parents=True)
    (unrelated / "keep.txt").write_text("mine")
    root = make_tree({"t/a.md": GOOD})
    (root / "tree.yaml").write_text("name: Test Deck\npackage: ../victim\nnamespace: test-deck\n")
    code, _, err = _run(capsys, "build", "--content", str(root), "--out", str(out), "--no-addon")
    assert code == 1
    assert "tree.yaml:2:1: tree-config: package '../victim' must be a plain file name" in err
    assert (unrelated / "keep.txt").read_text() == "mine"
    assert not (out / "victim.apkg").exists() and not (tmp_path / "victim.apkg").exists()


def test_check_on_a_tree_of_the_users_writes_nothing_into_the_tools_folder(
    make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    probe = f"hardening-probe-{os.getpid()}"
    root = make_tree({"t/a.md": GOOD})
    (root / "tree.yaml").write_text(f"name: Probe\npackage: {probe}\nnamespace: {probe}\n")
    before = sorted(path.name for path in (PROJECT_ROOT / "dist" / ".cache").glob("*"))
    try:
        assert _run(capsys, "check", "--content", str(root))[0] == 0
        assert _run(capsys, "diff", "--content", str(root))[0] == 0
        assert _run(capsys, "stats", "--content", str(root))[0] == 0
        after = sorted(path.name for path in (PROJECT_ROOT / "dist" / ".cache").glob("*"))
        assert after == before
    finally:
        shutil.rmtree(PROJECT_ROOT / "dist" / ".cache" / probe, ignore_errors=True)


def test_out_must_be_a_folder_and_is_required_for_a_tree_of_the_users(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    code, _, err = _run(capsys, "build", "--content", str(root), "--out", str(a_file))
    assert code == 2 and f"--out {a_file} is a file, not a folder" in err and ".cache" not in err
    code, _, err = _run(capsys, "build", "--content", str(root))
    assert code == 2 and "--out is required with --content" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and re.fullmatch(r"build\.py \d+\.\d+\.\d+\S*\n", out)


def test_init_writes_a_fresh_namespace_once(make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"t/a.md": GOOD})
    (root / "tree.yaml").unlink()
    assert _run(capsys, "init", "--content", str(root), "--name", "My Notes")[0] == 0
    config = (root / "tree.yaml").read_text()
    assert 'name: "My Notes"' in config and "package: my-notes" in config
    assert re.search(r"^namespace: my-notes-[0-9a-f]{8}$", config, re.MULTILINE)
    code, _, err = _run(capsys, "init", "--content", str(root))
    assert code == 2 and "already exists" in err
    assert (root / "tree.yaml").read_text() == config


def test_init_keeps_the_namespace_earlier_builds_used(
    tmp_path: Path, make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})
    (root / "tree.yaml").unlink()
    assert _run(capsys, "build", "--content", str(root), "--out", str(tmp_path / "d"), "--no-addon")[0] == 0
    assert _run(capsys, "init", "--content", str(root))[0] == 0
    assert "namespace: content\n" in (root / "tree.yaml").read_text()


def test_renaming_the_folder_without_tree_yaml_warns_before_notes_duplicate(
    tmp_path: Path, make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})
    (root / "tree.yaml").unlink()
    assert _run(capsys, "build", "--content", str(root), "--out", str(tmp_path / "d"), "--no-addon")[0] == 0
    renamed = root.rename(tmp_path / "my-notes")
    code, out, err = _run(capsys, "diff", "--content", str(renamed))
    assert code == 0
    assert "namespace changed: content -> my-notes" in out
    assert "namespace-changed: the namespace changed from 'content' to 'my-notes'" in err
    assert "put 'namespace: content' in tree.yaml" in err


def test_a_renamed_id_warns(make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"t/a.md": GOOD})
    assert _run(capsys, "build", "--content", str(root), "--out", str(tmp_path / "d"), "--no-addon")[0] == 0
    (root / "t/a.md").write_text(GOOD.replace("{#two-plus-two}", "{#two-plus-two-sum}"))
    code, out, err = _run(capsys, "build", "--content", str(root), "--out", str(tmp_path / "d"), "--no-addon")
    assert code == 0
    assert "renamed-id: 'two-plus-two-sum' is new and 'two-plus-two' left the same deck" in err
    assert "1 added" in out and "1 removed" in out


def test_check_takes_files_and_prints_paths_relative_to_the_current_folder(
    make_tree: TreeFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree(
        {"t/a.md": BAD, "t/b.md": BAD.replace("two-plus-two", "other"), "u/c.md": GOOD.replace("two-plus-two", "third")}
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "check", "content/t/a.md")
    assert code == 1
    assert "\ncontent/t/a.md:2:10: unbalanced-math:" in "\n" + out and "b.md" not in out
    assert "1 cards: 1 error(s)" in err
    assert _run(capsys, "check", "content/u")[0] == 0
    monkeypatch.chdir(root / "t")
    code, out, _ = _run(capsys, "check", "--content", str(root))
    assert code == 1 and "\na.md:2:10" in "\n" + out and "\nb.md:2:10" in "\n" + out
    code, _, err = _run(capsys, "check", str(tmp_path))
    assert code == 2 and "no tree.yaml above" in err


def test_check_hints_at_ids_with_the_same_content_and_names_skipped_files(
    make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree(
        {
            "t/a.md": "## No id here\nAnswer.\nSource: s\n",
            "t/README.md": "## Not a card\n",
            "_drafts/d.md": "## Not a card either\n",
            "t/Upper.MD": "## Upper {#upper}\nYes.\nSource: s\n",
            "t/long.markdown": "## Long {#long}\nYes.\nSource: s\n",
        }
    )
    code, _, err = _run(capsys, "check", "--content", str(root))
    assert code == 1
    assert f"`python build.py ids --content {root}` adds them" in err
    assert "not cards, so not checked: _drafts/, t/README.md" in err
    assert "2 cards" in err  # Upper.MD and long.markdown; the one without an id is not a card yet


def test_diff_and_stats_exit_1_and_say_why_on_broken_content(
    make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": "---\nsource: [unclosed\n---\n## Q {#q}\nA.\n"})
    for command in ("diff", "stats"):
        code, _, err = _run(capsys, command, "--content", str(root))
        assert code == 1, command
        assert "a.md:2:9: front-matter: invalid YAML" in err and "error(s) in the content" in err


def test_category_gets_a_did_you_mean(make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"notes.md": "---\ncategory: ml-desing\n---\n## Q {#q}\nA.\nSource: s\n"})
    code, out, _ = _run(capsys, "check", "--content", str(root))
    assert code == 1 and "unknown category 'ml-desing' (did you mean 'ml-design'?)" in out


def test_an_image_outside_the_tree_is_named_as_such(
    make_tree: TreeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.svg").write_text("<svg/>")
    root = make_tree({"t/a.md": "## Q {#q}\n![d](../../outside.svg)\nSource: s\n"})
    code, out, _ = _run(capsys, "check", "--content", str(root))
    assert code == 1 and "exists but is outside the content tree" in out


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    make_tree: TreeFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/a.md": GOOD})

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated")

    monkeypatch.setattr(pipeline, "compile_tree", broken)
    code, out, err = _run(capsys, "check", "--content", str(root))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [err.strip()] and "internal error: RuntimeError: simulated" in err


def test_the_system_python_without_genanki_gets_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "genanki.py").write_text("raise ModuleNotFoundError('No module named genanki', name='genanki')\n")
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(blocker)},
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "lacks the module 'genanki'" in done.stderr
