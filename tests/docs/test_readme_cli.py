"""The README's readiness command works after the README's first command: `make` installs what it needs, and a
Python without Anki's `anki` package gets one line that says what to run, not a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from conftest import PROJECT_ROOT


def test_make_installs_the_package_the_readiness_command_needs() -> None:
    dry_run = subprocess.run(
        ["make", "-n", "-B", "all"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout
    installed = re.findall(r"--group (\S+)", dry_run)
    groups = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    packages = [package for group in installed for package in groups[group] if isinstance(package, str)]
    assert any(package.startswith("anki==") for package in packages), (installed, packages)
    assert set(packages) <= set(_pins(groups, "dev")), "the same pins as the tests use"
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/python -m addon.readiness COLLECTION" in readme


def _pins(groups: dict[str, list[object]], name: str) -> list[str]:
    pins: list[str] = []
    for entry in groups[name]:
        if isinstance(entry, dict):
            pins += _pins(groups, str(entry["include-group"]))
        else:
            pins.append(str(entry))
    return pins


def test_a_python_without_anki_gets_one_line_saying_what_to_run(tmp_path: Path) -> None:
    bare = tmp_path / "bare-venv"
    venv.EnvBuilder(with_pip=False).create(bare)
    python = bare / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    result = subprocess.run(
        [str(python), "-m", "addon.readiness", str(tmp_path / "collection.anki2")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "run `make`" in lines[0] and "anki" in lines[0]
