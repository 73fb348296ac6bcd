#!/usr/bin/env python3
"""Build the decks and the add-on: `python build.py --help` lists the commands."""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
