"""`python -m addon.readiness COLLECTION`: the command-line report (see `cli`).

It needs Anki's `anki` package, which `make` installs into the project's `.venv`; without it, one line says so.
"""

from __future__ import annotations

import sys

try:
    import anki  # noqa: F401
except ModuleNotFoundError:
    print(
        "error: this Python has no `anki` package, which the readiness report needs: run `make` in the project "
        "folder, then `.venv/bin/python -m addon.readiness COLLECTION`",
        file=sys.stderr,
    )
    sys.exit(1)

from .cli import main

sys.exit(main())
