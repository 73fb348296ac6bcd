"""Practising in the real Anki desktop, installed from the built .ankiaddon: mock interviews through the real menu
entries with the add-on's clock advanced by the test, their reviews and log entries, Edit > Undo, Today's practice,
the panel's practice section and the deck-browser strip.

See drive_practice.py for what is driven. Any exception in add-on code, error output, failed operation, JS console
error or unexpected dialog fails the test. Screenshots (light and night) go to the artifacts folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import install_and_drive

DRIVER = Path(__file__).resolve().parent / "drive_practice.py"

pytestmark = pytest.mark.gui


def test_practice_in_the_real_desktop(tmp_path: Path) -> None:
    _, _, driven = install_and_drive(DRIVER, tmp_path)
    checks = driven.report["checks"]
    assert checks["coding_log_entry"]["g"] == "over" and checks["coding_log_entry"]["e"] == 2
    assert checks["attempts"] >= 6
    assert checks["daily"]["cards"] == 3
    assert len(driven.report["screenshots"]) == 6
