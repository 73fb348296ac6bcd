"""Errors a user can act on, raised by the logic modules and shown by the desktop as their message, not as a bug.

Standard library only, so every logic module can raise them without importing Qt. The desktop's guard
(`background.Guard`) shows such an error as a tooltip naming the add-on; any other exception is a bug, logged with its
traceback in the add-on's log and reported in one line.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A reason, in words for the user, why an action did nothing (a deck name taken, nothing to study...)."""
