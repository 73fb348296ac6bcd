"""`python build.py`: compile the content tree into Anki decks, lint it, and report on it.

One error boundary in `main` turns every mistake a user can make into a message and an exit code: 0 success,
1 content errors (or a build that failed), 2 usage errors, 130 interrupted. No command shows a traceback; set
BUILD_PY_DEBUG=1 to see one for a failure the tool did not expect. Tests call `main([...])` and read the captured
output.

Paths the user gives are relative to the current folder, and so are the paths in findings, so an editor can jump
to them. Nothing is written into this tool's own folder for a tree of the user's: the cache lives under --out, or
in a folder named with --cache.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from addon import categories

from . import ledger as ledgers
from . import pipeline
from .ankiaddon import build_addon
from .findings import RULES, ContentError, Finding, UsageError
from .ids import assign_ids
from .pipeline import Compiled, Options, SchemaChangeError
from .release import make_release, project_version
from .tree import LEDGER_NAME, PACKAGE_NAME, TREE_CONFIG, load_tree

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT_ROOT / "content"
DEFAULT_OUT = PROJECT_ROOT / "dist"
PYPROJECT = PROJECT_ROOT / "pyproject.toml"  # [project].version: the one place the version lives
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
PROGRESS_AFTER_SECONDS = 2.0  # a build that takes longer says how far it is

_DESCRIPTION = """\
Compile a tree of Markdown flashcards into Anki decks (.apkg), and package the add-on (.ankiaddon).

The format is documented in content/README.md. Every card has an explicit id, so re-importing a rebuilt deck
into Anki updates the notes that changed and keeps their review history.
"""

_EPILOG = """\
examples:
  python build.py                          build dist/mle-interview.apkg and the add-on
  python build.py check                    lint the tree; exit 1 on errors
  python build.py check content/algorithms/graphs.md
                                           lint one file (its tree is found from its path)
  python build.py check --format json      the same findings as JSON
  python build.py ids                      add ids to cards that have none
  python build.py diff                     what the next build adds, changes, moves and removes
  python build.py release                  decks, add-on, release diff and SHA256SUMS in dist/ (docs/releases.md)
  python build.py init --content ~/notes   start a tree of your own: writes its tree.yaml
  python build.py build --content ~/notes --out ~/decks --no-addon
                                           compile your own notes

exit codes: 0 success, 1 errors in the content (or the build failed), 2 usage error, 130 interrupted
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, out: str | None = None) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("--content", type=Path, default=None, metavar="DIR", help="the card tree (default: content/)")
        if out is not None:
            sub.add_argument("--out", type=Path, default=None, metavar="DIR", help=out)
            sub.add_argument(
                "--cache", type=Path, default=None, metavar="DIR", help="where compiled files are kept (DIR/.cache)"
            )
        return sub

    written = "output folder (default: dist/ for the bundled deck; required with --content)"
    build = command(
        "build", "compile the tree into DIR/<package>.apkg and package the add-on (the default command)", written
    )
    build.add_argument("--no-addon", action="store_true", help="build only the decks, not the .ankiaddon")
    build.add_argument(
        "--accept-schema-change",
        action="store_true",
        help="record a changed note-type field list in the ledger (read the explanation first)",
    )
    build.add_argument("--no-cache", action="store_true", help="render every card again")
    build.add_argument("--jobs", type=int, default=None, metavar="N", help="render in N processes (default: all cores)")

    read_only = "the folder you build into: its cache makes this faster (default: none for your own tree)"
    check = command("check", "lint the tree: print file:line:col: rule-id: message; exit 1 on errors", read_only)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="only these files or folders of the tree")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--no-run", action="store_true", help="do not run problem cards' solutions")
    check.add_argument("--rules", action="store_true", help="list the rules and exit")

    ids = command("ids", "add an {#id} to every card heading that lacks one; nothing else in the files changes")
    ids.add_argument("--dry-run", action="store_true", help="print the ids without writing them")

    init = command("init", "start a tree: write its tree.yaml with a name, a package and a new namespace")
    init.add_argument("--name", default=None, help="the root deck's name (default: from the folder's name)")
    init.add_argument("--package", default=None, help="the .apkg file's name (default: from the name)")

    release = command(
        "release",
        "build the release: decks, add-on, the diff since the previous release and SHA256SUMS, versioned by "
        "pyproject.toml; needs a CHANGELOG.md entry for the version",
        written,
    )
    release.add_argument("--changelog", type=Path, default=CHANGELOG, metavar="FILE", help="default: CHANGELOG.md")
    release.add_argument("--no-addon", action="store_true", help="release only the decks, not the .ankiaddon")

    diff = command("diff", "what the next build adds, changes, moves and removes, compared with the ledger", read_only)
    diff.add_argument("--format", choices=("text", "json"), default="text")

    stats = command("stats", "count notes per category, topic and kind", read_only)
    stats.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0].startswith("--") and arguments[0] not in ("--help", "-h", "--version")):
        arguments.insert(0, "build")
    try:
        options = _parser().parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except KeyboardInterrupt:
        return _interrupted()
    try:
        if options.version:
            print(f"build.py {project_version(PYPROJECT)}")
            return 0
        if options.command is None:
            raise UsageError("name a command; `build.py --help` lists them")
        return int(_COMMANDS[options.command](options))
    except UsageError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        _print_findings(error.findings, getattr(options, "content", None) or DEFAULT_CONTENT)
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
        return _interrupted()
    except Exception as error:
        if os.environ.get("BUILD_PY_DEBUG"):
            raise
        print(
            f"build.py: internal error: {type(error).__name__}: {error} (a bug: please report it with the command "
            "you ran; BUILD_PY_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 1


def _interrupted() -> int:
    print("build.py: interrupted", file=sys.stderr)
    return 130


# ---------------------------------------------------------------------------------------------------------------
# Where things are


def _content(options: argparse.Namespace) -> Path:
    content: Path | None = options.content
    return DEFAULT_CONTENT if content is None else content


def _is_bundled(content: Path) -> bool:
    return content.resolve() == DEFAULT_CONTENT.resolve()


def _out(options: argparse.Namespace) -> Path:
    """--out, checked; the bundled deck builds into dist/, a tree of the user's must say where."""
    out: Path | None = options.out
    if out is None:
        if not _is_bundled(_content(options)):
            raise UsageError("--out is required with --content: name the folder the package goes into")
        out = DEFAULT_OUT
    _check_folder(out, "--out")
    return out


def _check_folder(folder: Path, option: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option} {folder} is a file, not a folder")
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{option} {folder}: {parent} is a file, not a folder")
            break


def _cache(options: argparse.Namespace, out: Path | None) -> Path | None:
    """--cache, else --out/.cache, else (for `check`, `diff` and `stats` on a tree of the user's) none."""
    cache: Path | None = options.cache
    if cache is not None:
        _check_folder(cache, "--cache")
        return cache / ".cache"
    if out is not None:
        return out / ".cache"
    return DEFAULT_OUT / ".cache" if _is_bundled(_content(options)) else None


def _read_only_out(options: argparse.Namespace) -> Path | None:
    if options.out is None:
        return None
    _check_folder(options.out, "--out")
    return Path(options.out)


def _shown(root: Path, relative: str) -> str:
    """A path in the tree as the user should see it: relative to the current folder when below it."""
    absolute = (root / relative).resolve()
    here = Path.cwd().resolve()
    return absolute.relative_to(here).as_posix() if absolute.is_relative_to(here) else absolute.as_posix()


def _located(findings: list[Finding], root: Path) -> list[Finding]:
    shown: dict[str, str] = {}  # NOTE: once per file, not per finding: a pasted blob can hold 100,000 findings
    for item in findings:
        if item.path not in shown:
            shown[item.path] = _shown(root, item.path)
    return [Finding(shown[item.path], item.line, item.col, item.rule, item.message) for item in findings]


def _command(name: str, content: Path) -> str:
    where = "" if _is_bundled(content) else f" --content {shlex.quote(str(content))}"
    return f"python build.py {name}{where}"


class _Progress:
    """One line on stderr once a build has run for a few seconds: redrawn in place on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.terminal = stream.isatty()
        self.pending_newline = False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < PROGRESS_AFTER_SECONDS or (now - self.shown_at < 1.0 and done < total):
            return
        self.shown_at = now
        line = f"build.py: {what} {done}/{total} ({now - self.started:.0f} s)"
        if self.terminal:
            self.stream.write(f"\r{line}\x1b[K")
            self.pending_newline = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.pending_newline:
            self.stream.write("\n")
            self.pending_newline = False


# ---------------------------------------------------------------------------------------------------------------
# Commands


def _compile(options: argparse.Namespace, run_solutions: bool = True) -> Compiled:
    out = _read_only_out(options)
    return pipeline.compile_tree(
        _content(options), Options(run_solutions=run_solutions, cache_dir=_cache(options, out))
    )


def _build(options: argparse.Namespace) -> int:
    content = _content(options)
    out = _out(options)
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    cache = None if options.no_cache else _cache(options, out)
    progress = _Progress(sys.stderr)
    try:
        compiled = pipeline.build(
            content, out, Options(cache_dir=cache, jobs=options.jobs, progress=progress), options.accept_schema_change
        )
    finally:
        progress.done()
    _print_findings([item for item in compiled.findings if not item.is_error], content)
    target = out / f"{compiled.tree.package}.apkg"
    print(f"wrote {target} ({len(compiled.notes)} notes, {len(compiled.media)} media files)")
    _print_changes(compiled)
    if not options.no_addon:
        addon = build_addon(PROJECT_ROOT / "addon", PROJECT_ROOT / "manifest.json", out, project_version(PYPROJECT))
        print(f"wrote {addon}")
    return 0


def _release(options: argparse.Namespace) -> int:
    content = _content(options)
    out = _out(options)
    made = make_release(
        content,
        out,
        pyproject=PYPROJECT,
        changelog=options.changelog,
        addon_dir=None if options.no_addon else PROJECT_ROOT / "addon",
        addon_manifest=PROJECT_ROOT / "manifest.json",
        options=Options(cache_dir=_cache(options, out)),
    )
    _print_findings([item for item in made.compiled.findings if not item.is_error], content)
    changes = made.changes
    since = f"since {made.previous}" if made.previous else "first release"
    print(
        f"release {made.version} ({since}): {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.kind_changed)} changed kind, {len(changes.moved)} moved, {len(changes.removed)} removed"
    )
    for path in made.files:
        print(f"wrote {path}")
    print(f"recorded the release in {content / '.release.json'}: commit it with the content")
    return 0


def _check(options: argparse.Namespace) -> int:
    if options.rules:
        for rule in RULES.values():
            print(f"{rule.id:20} {rule.severity.value:8} {rule.summary}")
        return 0
    if options.content is None and options.paths:
        options.content = _tree_of(options.paths[0])
    content = _content(options)
    selected = _selection(content, options.paths)
    compiled = _compile(options, run_solutions=not options.no_run)
    findings = [item for item in compiled.findings if selected is None or _in_selection(item.path, selected)]
    cards = [card for card in compiled.cards if selected is None or _in_selection(card.path, selected)]
    errors = sum(1 for item in findings if item.is_error)
    warnings = len(findings) - errors
    shown = _located(findings, content)
    if options.format == "json":
        report = {"findings": [item.to_dict() for item in shown], "errors": errors, "warnings": warnings}
        print(json.dumps(report, indent=2))
    else:
        for item in shown:
            print(item.format())
        _hints(findings, compiled, content, selected is None)
        print(f"{len(cards)} cards: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _tree_of(path: Path) -> Path:
    """The tree a file or folder belongs to: the nearest folder above it with a tree.yaml."""
    start = path.resolve()
    for folder in (start, *start.parents):
        if (folder / TREE_CONFIG).is_file():
            return folder
    if start.is_relative_to(DEFAULT_CONTENT.resolve()):
        return DEFAULT_CONTENT
    raise UsageError(f"no tree.yaml above {path}: say which tree it belongs to with --content")


def _selection(content: Path, paths: list[Path]) -> list[str] | None:
    """The given files and folders as paths in the tree ('' for the whole tree), or None when none were given."""
    if not paths:
        return None
    root = content.resolve()
    selected = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        absolute = path.resolve()
        if not absolute.is_relative_to(root):
            raise UsageError(f"{path} is not in the tree {content}")
        selected.append(absolute.relative_to(root).as_posix().removeprefix("."))
    return selected


def _in_selection(path: str, selected: list[str]) -> bool:
    return any(not item or path == item or path.startswith(item.rstrip("/") + "/") for item in selected)


def _hints(findings: list[Finding], compiled: Compiled, content: Path, whole_tree: bool) -> None:
    missing = sum(1 for item in findings if item.rule == "missing-id")
    if missing:
        print(f"build.py: {missing} card(s) have no id: `{_command('ids', content)}` adds them", file=sys.stderr)
    skipped = compiled.tree.skipped() if whole_tree else []
    if skipped:
        shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        print(f"build.py: not cards, so not checked: {shown} (content/README.md, 'The tree')", file=sys.stderr)


def _ids(options: argparse.Namespace) -> int:
    content = _content(options)
    assigned, unreadable = assign_ids(load_tree(content), dry_run=options.dry_run)
    for item in assigned:
        print(f"{_shown(content, item.path)}:{item.line}: {item.id}")
    _print_findings(unreadable, content)
    verb = "would add" if options.dry_run else "added"
    skipped = f"; {len(unreadable)} file(s) could not be read and were left alone" if unreadable else ""
    print(f"{verb} {len(assigned)} id(s){skipped}", file=sys.stderr)
    return 1 if unreadable else 0


def _init(options: argparse.Namespace) -> int:
    content = _content(options)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    config = content / TREE_CONFIG
    if config.exists():
        raise UsageError(f"{config} already exists: its namespace is part of every note's identity, so keep it")
    default = load_tree(content)
    name = (options.name or default.name).strip()
    package = options.package or categories.slug(name) or "deck"
    if not PACKAGE_NAME.fullmatch(package) or ".." in package:
        raise UsageError(f"--package {package!r} must be a plain file name: letters, digits, '.', '_' and '-'")
    namespace, why = _namespace_for(content, default.namespace, package)
    text = (
        f"# The tree's identity. Keep `namespace` forever: it is part of every note's identity in Anki.\n"
        f"name: {json.dumps(name, ensure_ascii=False)}\n"
        f"package: {package}\n"
        f"namespace: {namespace}\n"
    )
    ledgers.write_atomic(config, text.encode("utf-8"))
    print(f"wrote {config} (namespace {namespace}, {why}): commit it with your notes")
    return 0


def _namespace_for(content: Path, current: str, package: str) -> tuple[str, str]:
    """The namespace a new tree.yaml should hold: the one earlier builds used, or a new one."""
    ledger = ledgers.load(content / LEDGER_NAME)
    if ledger.namespace is not None:
        return ledger.namespace, "the one your earlier builds used"
    if ledger.notes:
        return current, "the one your earlier builds used, from the folder's name"
    return f"{package}-{secrets.token_hex(4)}", "new"


def _diff(options: argparse.Namespace) -> int:
    compiled = _compile(options, run_solutions=False)
    if _refuse_errors(compiled, options, "the diff"):
        return 1
    _print_findings([item for item in compiled.findings if item.rule in _IDENTITY_RULES], _content(options))
    if options.format == "json":
        print(json.dumps(compiled.changes.to_dict(), indent=2))
    else:
        _print_changes(compiled, verbose=True)
    return 0


def _stats(options: argparse.Namespace) -> int:
    compiled = _compile(options, run_solutions=False)
    if _refuse_errors(compiled, options, "the counts"):
        return 1
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


_IDENTITY_RULES = ("namespace-changed", "renamed-id")


def _refuse_errors(compiled: Compiled, options: argparse.Namespace, what: str) -> bool:
    if not compiled.errors:
        return False
    content = _content(options)
    _print_findings(compiled.errors, content)
    print(
        f"build.py: {len(compiled.errors)} error(s) in the content, so {what} would be wrong: "
        f"fix them first (`{_command('check', content)}` lists them)",
        file=sys.stderr,
    )
    return True


def _print_findings(findings: list[Finding], root: Path) -> None:
    for item in _located(findings, root):
        print(item.format(), file=sys.stderr)


def _print_changes(compiled: Compiled, verbose: bool = False) -> None:
    changes = compiled.changes
    if not changes.any():
        print("no changes since the ledger")
        return
    if changes.namespace is not None:
        print(f"namespace changed: {changes.namespace[0]} -> {changes.namespace[1]} (every note is new to Anki)")
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
    "init": _init,
    "diff": _diff,
    "stats": _stats,
    "release": _release,
}
