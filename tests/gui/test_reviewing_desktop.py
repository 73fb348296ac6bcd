"""Reviewing with the readiness panel open, and the first answers after a profile opens, in the real desktop.

See drive_reviewing.py for what is driven. Any exception, error output, failed operation or unexpected dialog fails
the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import install_and_drive

DRIVER = Path(__file__).resolve().parent / "drive_reviewing.py"

pytestmark = pytest.mark.gui


def test_reviewing_with_the_panel_open_in_the_real_desktop(tmp_path: Path) -> None:
    _, _, driven = install_and_drive(DRIVER, tmp_path)
    checks = driven.report["checks"]
    assert len(checks["answer_delays_s"]) == 8
    assert checks["changed_after_session"] > 0
