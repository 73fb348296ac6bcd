"""Compile a tree of Markdown flashcards into update-safe, byte-reproducible Anki packages.

The public API: `compile_tree` (parse, lint, render; write nothing), `build` (also write the .apkg and the ledger),
and `main` (the command line). This package never imports `anki` or `aqt`.
"""

from .cli import main
from .findings import ContentError, Finding, UsageError
from .pipeline import Compiled, Options, SchemaChangeError, build, compile_tree, stats

__all__ = [
    "Compiled",
    "ContentError",
    "Finding",
    "Options",
    "SchemaChangeError",
    "UsageError",
    "build",
    "compile_tree",
    "main",
    "stats",
]
