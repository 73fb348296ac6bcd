"""The readiness panel inside the real Anki desktop, installed from the built .ankiaddon.

See drive_readiness.py for what is driven. Any exception in add-on code, error output, failed operation, JS console
error or unexpected dialog fails the test. Screenshots (light and night) go to the artifacts folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import build_release, run_driver

DRIVER = Path(__file__).resolve().parent / "drive_readiness.py"

pytestmark = pytest.mark.gui


def test_readiness_panel_in_the_real_desktop(tmp_path: Path) -> None:
    release = build_release(tmp_path / "dist")
    base = tmp_path / "anki-base"
    installed = run_driver(
        DRIVER, tmp_path / "install.json", "install", "--base", str(base), "--addon", str(release.addon)
    )
    assert installed.returncode == 0 and not installed.problems, "\n\n".join([*installed.problems, installed.output])

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
    assert driven.report["checks"]["weakest_cards"] > 0
    assert len(driven.report["screenshots"]) == 3
    for path in driven.report["screenshots"]:
        assert Path(path).stat().st_size > 1_000, f"{path} looks blank"
