"""`python -m addon.readiness COLLECTION`: the command-line report (see `cli`)."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
