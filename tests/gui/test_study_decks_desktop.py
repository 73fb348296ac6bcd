"""The panel's filtered-deck buttons in the real Anki desktop, against the user's own filtered decks (issue 12, items
1 and 7): a deck Anki cannot build is a message and an intact undo history; a user's deck of the same name is never
replaced; two clicks make one deck and one undo step. See drive_study_decks.py for what is driven.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import install_and_drive

DRIVER = Path(__file__).resolve().parent / "drive_study_decks.py"

pytestmark = pytest.mark.gui


def test_study_decks_never_break_undo_or_replace_a_users_deck(tmp_path: Path) -> None:
    _, _, driven = install_and_drive(DRIVER, tmp_path)
    checks = driven.report["checks"]
    assert "Cram" in checks["cram_tooltip"]
    assert checks["decks_after_two_clicks"] == ["Weakest: Algorithms"]
