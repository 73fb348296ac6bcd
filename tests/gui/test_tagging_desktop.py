"""The add-on inside the real Anki desktop: installed from the built .ankiaddon, tagging our built deck.

Each phase runs in its own process (Qt starts once per process); see drive_tagging.py for what is driven and checked.
Any exception in add-on code, error output, failed operation, JS console error or unexpected dialog fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import build_release, run_driver

DRIVER = Path(__file__).resolve().parent / "drive_tagging.py"

pytestmark = pytest.mark.gui


def test_tagging_in_the_real_desktop(tmp_path: Path) -> None:
    release = build_release(tmp_path / "dist")
    base = tmp_path / "anki-base"

    installed = run_driver(
        DRIVER, tmp_path / "install.json", "install", "--base", str(base), "--addon", str(release.addon)
    )
    assert installed.returncode == 0 and not installed.problems, "\n\n".join([*installed.problems, installed.output])
    assert release.package in installed.report["checks"]["installed"]

    driven = run_driver(
        DRIVER,
        tmp_path / "drive.json",
        "drive",
        "--base",
        str(base),
        "--deck",
        str(release.deck),
        "--package",
        release.package,
    )
    print("\n".join(f"screenshot: {path}" for path in driven.report.get("screenshots", [])))
    assert driven.returncode == 0 and not driven.problems, "\n\n".join([*driven.problems, driven.output])
    assert driven.report["checks"]["deck_notes"] > 0
    for path in driven.report["screenshots"]:
        assert Path(path).stat().st_size > 1_000, f"{path} looks blank"
