#!/usr/bin/env python3
"""Build the decks and the add-on: `python build.py --help` lists the commands.

This file only checks that it runs on a Python that can run the generator, and says what to do when not, instead
of a traceback: the generator needs Python 3.11 and the packages `make` installs into .venv.
"""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 (this check is for the Pythons the project does not support)
    sys.exit(f"build.py: error: Python 3.11 or newer is needed, not {sys.version.split()[0]}: run `make` first")

try:
    from generator.cli import main
except ModuleNotFoundError as error:
    sys.exit(
        f"build.py: error: this Python ({sys.executable}) lacks the module {error.name!r}: run `make` and use "
        ".venv/bin/python build.py, or install the build group: pip install --group build"
    )
except ImportError as error:
    sys.exit(f"build.py: error: the generator cannot be loaded ({error}): is this checkout complete and up to date?")
except KeyboardInterrupt:
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
