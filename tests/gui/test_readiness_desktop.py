"""The readiness panel inside the real Anki desktop, installed from the built .ankiaddon.

See drive_readiness.py for what is driven. Any exception in add-on code, error output, failed operation, JS console
error or unexpected dialog fails the test. Screenshots (light and night) go to the artifacts folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import install_and_drive

DRIVER = Path(__file__).resolve().parent / "drive_readiness.py"

pytestmark = pytest.mark.gui


def test_readiness_panel_in_the_real_desktop(tmp_path: Path) -> None:
    _, _, driven = install_and_drive(DRIVER, tmp_path)
    assert driven.report["checks"]["study_deck"][1] > 0 and driven.report["checks"]["start_deck"][1] > 0
    assert len(driven.report["screenshots"]) == 3
    assert driven.report["checks"]["sm2_estimated_states"] > 0
