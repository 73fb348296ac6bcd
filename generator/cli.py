"""`python build.py`: compile the content tree into Anki decks, lint it, and report on it.

One error boundary in `main` turns every mistake a user can make into a one-line message and an exit code:
0 success, 1 content errors, 2 usage errors. Tests call `main([...])` and read the captured output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import pipeline
from .ankiaddon import build_addon
from .findings import RULES, ContentError, Finding, UsageError
from .ids import assign_ids
from .pipeline import Compiled, Options, SchemaChangeError
from .release import make_release, project_version
from .tree import load_tree

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT_ROOT / "content"
DEFAULT_OUT = PROJECT_ROOT / "dist"
PYPROJECT = PROJECT_ROOT / "pyproject.toml"  # [project].version: the one place the version lives
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"

_DESCRIPTION = """\
Compile a tree of Markdown flashcards into Anki decks (.apkg), and package the add-on (.ankiaddon).

The format is documented in content/README.md. Every card has an explicit id, so re-importing a rebuilt deck
into Anki updates the notes that changed and keeps their review history.
"""

_EPILOG = """\
examples:
  python build.py                          build dist/mle-interview.apkg and the add-on
  python build.py check                    lint the tree; exit 1 on errors
  python build.py check --format json      the same findings as JSON
  python build.py ids                      add ids to cards that have none
  python build.py diff                     what the next build adds, changes, moves and removes
  python build.py release                  decks, add-on, release diff and SHA256SUMS in dist/ (docs/releases.md)
  python build.py build --content ~/notes --out ~/decks --no-addon
                                           compile your own notes

exit codes: 0 success, 1 errors in the content, 2 usage error
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument(
            "--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR", help="the card tree (default: content/)"
        )
        return sub

    build = command("build", "compile the tree into DIR/<package>.apkg and package the add-on (the default command)")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder (default: dist/)")
    build.add_argument("--no-addon", action="store_true", help="build only the decks, not the .ankiaddon")
    build.add_argument(
        "--accept-schema-change",
        action="store_true",
        help="record a changed note-type field list in the ledger (read the explanation first)",
    )
    build.add_argument("--no-cache", action="store_true", help="render every card again")
    build.add_argument("--jobs", type=int, default=None, metavar="N", help="render in N processes (default: all cores)")

    check = command("check", "lint the tree: print file:line:col: rule-id: message; exit 1 on errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--no-run", action="store_true", help="do not run problem cards' solutions")
    check.add_argument("--rules", action="store_true", help="list the rules and exit")

    ids = command("ids", "add an {#id} to every card heading that lacks one; nothing else in the files changes")
    ids.add_argument("--dry-run", action="store_true", help="print the ids without writing them")

    release = command(
        "release",
        "build the release: decks, add-on, the diff since the previous release and SHA256SUMS, versioned by "
        "pyproject.toml; needs a CHANGELOG.md entry for the version",
    )
    release.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder (default: dist/)")
    release.add_argument("--changelog", type=Path, default=CHANGELOG, metavar="FILE", help="default: CHANGELOG.md")
    release.add_argument("--no-addon", action="store_true", help="release only the decks, not the .ankiaddon")

    diff = command("diff", "what the next build adds, changes, moves and removes, compared with the ledger")
    diff.add_argument("--format", choices=("text", "json"), default="text")

    stats = command("stats", "count notes per category, topic and kind")
    stats.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0].startswith("--") and arguments[0] not in ("--help", "-h")):
        arguments.insert(0, "build")
    try:
        options = _parser().parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _COMMANDS[options.command](options)
    except UsageError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        _print_findings(error.findings)
        print(f"build.py: {error}; nothing was written", file=sys.stderr)
        return 1
    except SchemaChangeError as error:
        print(f"build.py: schema change: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 (the reader went away, as with `| head`)
        return 0
    except OSError as error:
        print(f"build.py: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _compile(options: argparse.Namespace, run_solutions: bool = True) -> Compiled:
    return pipeline.compile_tree(
        options.content, Options(run_solutions=run_solutions, cache_dir=DEFAULT_OUT / ".cache")
    )


def _build(options: argparse.Namespace) -> int:
    cache = None if options.no_cache else options.out / ".cache"
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    compiled = pipeline.build(
        options.content, options.out, Options(cache_dir=cache, jobs=options.jobs), options.accept_schema_change
    )
    _print_findings([item for item in compiled.findings if not item.is_error])
    target = options.out / f"{compiled.tree.package}.apkg"
    print(f"wrote {target} ({len(compiled.notes)} notes, {len(compiled.media)} media files)")
    _print_changes(compiled)
    if not options.no_addon:
        addon = build_addon(
            PROJECT_ROOT / "addon", PROJECT_ROOT / "manifest.json", options.out, project_version(PYPROJECT)
        )
        print(f"wrote {addon}")
    return 0


def _release(options: argparse.Namespace) -> int:
    made = make_release(
        options.content,
        options.out,
        pyproject=PYPROJECT,
        changelog=options.changelog,
        addon_dir=None if options.no_addon else PROJECT_ROOT / "addon",
        addon_manifest=PROJECT_ROOT / "manifest.json",
        options=Options(cache_dir=options.out / ".cache"),
    )
    _print_findings([item for item in made.compiled.findings if not item.is_error])
    changes = made.changes
    since = f"since {made.previous}" if made.previous else "first release"
    print(
        f"release {made.version} ({since}): {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.kind_changed)} changed kind, {len(changes.moved)} moved, {len(changes.removed)} removed"
    )
    for path in made.files:
        print(f"wrote {path}")
    print(f"recorded the release in {options.content / '.release.json'}: commit it with the content")
    return 0


def _check(options: argparse.Namespace) -> int:
    if options.rules:
        for rule in RULES.values():
            print(f"{rule.id:20} {rule.severity.value:8} {rule.summary}")
        return 0
    compiled = _compile(options, run_solutions=not options.no_run)
    errors = len(compiled.errors)
    warnings = len(compiled.findings) - errors
    if options.format == "json":
        report = {"findings": [item.to_dict() for item in compiled.findings], "errors": errors, "warnings": warnings}
        print(json.dumps(report, indent=2))
    else:
        for item in compiled.findings:
            print(item.format())
        print(f"{len(compiled.cards)} cards: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _ids(options: argparse.Namespace) -> int:
    assigned = assign_ids(load_tree(options.content), dry_run=options.dry_run)
    for item in assigned:
        print(f"{item.path}:{item.line}: {item.id}")
    verb = "would add" if options.dry_run else "added"
    print(f"{verb} {len(assigned)} id(s)", file=sys.stderr)
    return 0


def _diff(options: argparse.Namespace) -> int:
    compiled = _compile(options, run_solutions=False)
    if options.format == "json":
        print(json.dumps(compiled.changes.to_dict(), indent=2))
    else:
        _print_changes(compiled, verbose=True)
    return 1 if compiled.errors else 0


def _stats(options: argparse.Namespace) -> int:
    compiled = _compile(options, run_solutions=False)
    report = pipeline.stats(compiled)
    if options.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['notes']} notes, {report['media']} media files")
    for title in ("kinds", "categories", "prompts by category", "problems by difficulty", "topics"):
        table = report[title]
        assert isinstance(table, dict)
        print(f"\n{title}:")
        for key, count in table.items():
            print(f"  {count:6}  {key}")
    return 0


def _print_findings(findings: list[Finding]) -> None:
    for item in findings:
        print(item.format(), file=sys.stderr)


def _print_changes(compiled: Compiled, verbose: bool = False) -> None:
    changes = compiled.changes
    if not changes.any():
        print("no changes since the ledger")
        return
    print(
        f"since the ledger: {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.kind_changed)} changed kind, {len(changes.moved)} moved, {len(changes.removed)} removed"
    )
    if not verbose:
        return
    for card_id in changes.added:
        print(f"  added    {card_id}")
    for card_id in changes.changed:
        print(f"  changed  {card_id}")
    for card_id, before, after in changes.kind_changed:
        print(f"  kind     {card_id}: {before} -> {after} (a new note; the old one stays in Anki)")
    for card_id, before, after in changes.moved:
        print(f"  moved    {card_id}: {before} -> {after}")
    for card_id in changes.removed:
        print(f"  removed  {card_id} (stays in users' collections until retired)")
    for name in changes.note_types:
        print(f"  note type {name}: templates or styling changed")


_COMMANDS = {
    "build": _build,
    "check": _check,
    "ids": _ids,
    "diff": _diff,
    "stats": _stats,
    "release": _release,
}
