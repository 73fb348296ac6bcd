"""The add-on's settings: every section of its config, checked in one pass (`config.load_config`).

A feature with settings of its own adds its `Section` to `SECTIONS`; the desktop loads them all with `load_settings`
and shows one message for every problem. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .config import LoadedConfig, Section, load_config
from .practice.settings import PRACTICE
from .readiness_config import READINESS
from .rules import TAGGING

SECTIONS: tuple[Section[Any], ...] = (TAGGING, READINESS, PRACTICE)


def load_settings(raw: object, sections: Sequence[Section[Any]] = SECTIONS) -> LoadedConfig:
    """Every section's settings from a config as Anki returns it; `.get(TAGGING)` and so on read them."""
    return load_config(raw, sections)
