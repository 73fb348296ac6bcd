"""MLE Interview Readiness: an Anki add-on that tags notes by interview category and reports readiness.

Importing this package has no side effects outside Anki, so the deck generator and the tests can import its
Anki-free modules (`categories`). Inside Anki, the GUI wiring starts once the main window exists.
"""

from __future__ import annotations

import sys


def _running_inside_anki() -> bool:
    aqt = sys.modules.get("aqt")
    return aqt is not None and getattr(aqt, "mw", None) is not None


if _running_inside_anki():
    from . import gui

    gui.init()
