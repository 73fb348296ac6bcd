"""A reason, in words for the user, why a practice action did nothing (no card to ask, a deck name taken...)."""

from __future__ import annotations

from ..errors import UserFacingError


class PracticeError(UserFacingError):
    """Raised by the practice modules before anything is written; the desktop shows its message, not a traceback."""
