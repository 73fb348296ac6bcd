"""`build.py release`: the decks, the add-on, the release diff and checksums in one folder, under one version.

The version has one source, `pyproject.toml`'s `[project].version`; the add-on's `human_version` is stamped from it.
The release diff compares this release with the previous one, not with the last build: the content tree keeps the
ledger as it was at the last release in `.release.json` (the ledger format plus a `release` key), committed with the
content. A release refuses to run without a `CHANGELOG.md` entry for its version, and refuses to reuse a version
for different content.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import ledger as ledgers
from .ankiaddon import build_addon
from .findings import UsageError
from .ledger import Ledger
from .pipeline import Changes, Compiled, Options, build, compile_tree, record_change

RELEASE_STATE = ".release.json"
CHECKSUMS = "SHA256SUMS"
_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.+-]+)?")


@dataclass(frozen=True)
class Release:
    version: str
    previous: str | None  # the previous release's version, None for the first
    compiled: Compiled
    changes: Changes  # since the previous release
    files: list[Path]  # everything written into the output folder, checksums last


def project_version(pyproject: Path) -> str:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        version = data["project"]["version"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{pyproject}: cannot read [project].version ({error})") from None
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise UsageError(f"{pyproject}: [project].version must look like 1.2.3, not {version!r}")
    return version


def previous_release(content: Path) -> tuple[str | None, Ledger]:
    path = content / RELEASE_STATE
    if not path.exists():
        return None, Ledger()
    try:
        version = json.loads(path.read_text(encoding="utf-8"))["release"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{path}: the release state is damaged ({error}); restore it from version control") from None
    return str(version), ledgers.load(path)


def release_changes(previous: Ledger, current: Ledger) -> Changes:
    """The ledger diff between two releases, in the words of `build.py diff`."""
    changes = Changes()
    for card_id, record in sorted(current.notes.items()):
        record_change(changes, card_id, previous.notes.get(card_id), record)
    changes.removed = sorted(set(previous.notes) - set(current.notes))
    changes.note_types = sorted(
        kind
        for kind, record in current.note_types.items()
        if kind in previous.note_types and previous.note_types[kind].fingerprint != record.fingerprint
    )
    return changes


def check_changelog(changelog: Path, version: str) -> None:
    try:
        text = changelog.read_text(encoding="utf-8")
    except OSError:
        raise UsageError(f"{changelog} not found: write its entry for {version} first") from None
    if not re.search(rf"(?m)^## \[?{re.escape(version)}\]?(\s|$)", text):
        raise UsageError(
            f"{changelog} has no entry for {version}: add a '## {version}' section that says what changed "
            "(the release diff it needs is printed by `build.py diff`), then release again"
        )


def make_release(
    content: Path,
    out_dir: Path,
    *,
    pyproject: Path,
    changelog: Path,
    addon_dir: Path | None,
    addon_manifest: Path,
    options: Options | None = None,
) -> Release:
    """Build the release into `out_dir`, then record it as the tree's last release. Nothing is recorded on error."""
    version = project_version(pyproject)
    check_changelog(changelog, version)
    previous_version, previous = previous_release(content)
    if previous_version == version and previous.notes != compile_tree(content, options).ledger.notes:
        raise UsageError(
            f"release {version} was already made from different content: raise [project].version in {pyproject}"
        )
    compiled = build(content, out_dir, options)
    changes = release_changes(previous, compiled.ledger)
    files = [out_dir / f"{compiled.tree.package}.apkg"]
    if addon_dir is not None:
        files.append(build_addon(addon_dir, addon_manifest, out_dir, version=version))
    diff = _write_diff(out_dir, compiled.tree.package, version, previous_version, changes)
    files.extend(diff)
    files.append(_write_checksums(out_dir, files))
    ledgers.write_atomic(content / RELEASE_STATE, _state_json(compiled.ledger, version).encode("utf-8"))
    return Release(version, previous_version, compiled, changes, files)


def _state_json(ledger: Ledger, version: str) -> str:
    text = ledger.to_json()
    return text.replace("{\n", f'{{\n  "release": {json.dumps(version)},\n', 1)


def _write_diff(out_dir: Path, package: str, version: str, previous: str | None, changes: Changes) -> list[Path]:
    data = {"package": package, "version": version, "previous": previous, **changes.to_dict()}
    json_path = out_dir / f"{package}-{version}-diff.json"
    ledgers.write_atomic(json_path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))
    text_path = out_dir / f"{package}-{version}-diff.md"
    ledgers.write_atomic(text_path, diff_markdown(package, version, previous, changes).encode("utf-8"))
    return [json_path, text_path]


def diff_markdown(package: str, version: str, previous: str | None, changes: Changes) -> str:
    since = f"since {previous}" if previous else "first release"
    lines = [
        f"# {package} {version} ({since})",
        "",
        f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.kind_changed)} changed kind, "
        f"{len(changes.moved)} moved, {len(changes.removed)} removed.",
    ]
    if changes.moved or changes.removed or changes.kind_changed:
        lines += [
            "",
            "After importing, run Tools > Interview Readiness > Apply deck update: it moves the moved cards and "
            "retires (suspends and tags interview::retired) the removed notes and the old notes of changed kinds.",
        ]
    sections = [
        ("Added", changes.added),
        ("Changed", changes.changed),
        ("Changed kind (a new note; the old one is retired)", [f"{i}: {a} -> {b}" for i, a, b in changes.kind_changed]),
        ("Moved", [f"{i}: {a} -> {b}" for i, a, b in changes.moved]),
        ("Removed", changes.removed),
        ("Note types with new templates or styling", changes.note_types),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"## {title}", "", *(f"- {item}" for item in items)]
    return "\n".join(lines) + "\n"


def _write_checksums(out_dir: Path, files: list[Path]) -> Path:
    """`sha256sum -c SHA256SUMS` checks the release."""
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out_dir).as_posix()}" for path in files
    ]
    path = out_dir / CHECKSUMS
    ledgers.write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path
