"""The add-on inside the real Anki desktop: installed from the built .ankiaddon, tagging our built deck.

Each phase runs in its own process (Qt starts once per process); see drive_tagging.py for what is driven and checked.
Any exception in add-on code, error output, failed operation, JS console error or unexpected dialog fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import install_and_drive

DRIVER = Path(__file__).resolve().parent / "drive_tagging.py"

pytestmark = pytest.mark.gui


def test_tagging_in_the_real_desktop(tmp_path: Path) -> None:
    release, installed, driven = install_and_drive(DRIVER, tmp_path)
    assert release.package in installed.report["checks"]["installed"]
    assert driven.report["checks"]["deck_notes"] > 0
