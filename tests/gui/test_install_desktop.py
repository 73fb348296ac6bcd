"""Install from file, the config editor, and upgrading the decks from release N to N+1, in the real Anki desktop.

Two Anki processes (Qt starts once per process): the first installs `dist/<package>.ankiaddon` through Anki's add-on
manager as "Install from file..." does; the second is the restart, where the add-on must load with no error, the
config editor must show the documented defaults, and two releases go through File > Import with default options.
See drive_install.py for everything that is driven and checked.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from harness import ROOT, run_driver

from generator import Options, build
from generator.ankiaddon import build_addon
from generator.release import project_version

DRIVER = Path(__file__).resolve().parent / "drive_install.py"
EDITED, REMOVED, MOVED, ADDED = (
    "alg-big-o-not-worst-case",
    "alg-big-omega-theta-meaning",
    "alg-big-o-formal-definition",
    "alg-upgrade-test-new-card",
)

pytestmark = pytest.mark.gui


def _cards(text: str) -> dict[str, str]:
    """A card file's cards by id: each from its `## ` heading to the next."""
    chunks = text.split("\n## ")
    return {chunk.split("{#", 1)[1].split("}", 1)[0]: "## " + chunk for chunk in chunks[1:]}


def _release_n_plus_1(content: Path) -> None:
    """Edit one card, remove one, move one to another deck without changing it, add one."""
    path = content / "algorithms" / "complexity.md"
    text = path.read_text(encoding="utf-8")
    cards = _cards(text)
    edited = cards[EDITED].rstrip("\n")
    first_paragraph_end = edited.index("\n\n", edited.index("\n") + 2)
    text = text.replace(
        cards[EDITED].rstrip("\n"),
        edited[:first_paragraph_end] + " Edited in release N+1." + edited[first_paragraph_end:],
    )
    text = text.replace(cards[REMOVED], "").replace(cards[MOVED], "")
    path.write_text(text, encoding="utf-8")
    moved = content / "algorithms" / "moved" / "complexity.md"
    moved.parent.mkdir()
    new_card = f"## Which card did release N+1 add? {{#{ADDED}}}\n\nThis one.\n\nSource: the upgrade test\n"
    # NOTE: the same topic and title as before, so the header (and so the note) is unchanged: only the deck moves.
    title = next(line for line in text.splitlines() if line.startswith("# "))
    moved.write_text(
        f"---\ntopic: complexity\n---\n\n{title}\n\n{cards[MOVED].rstrip()}\n\n{new_card}", encoding="utf-8"
    )


def test_install_from_file_and_upgrade_in_the_real_desktop(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)  # NOTE: a copy, so the committed ledger is never touched
    options = Options(run_solutions=False, cache_dir=tmp_path / "cache")
    build(content, tmp_path / "v1", options)
    version = project_version(ROOT / "pyproject.toml")
    addon = build_addon(ROOT / "addon", ROOT / "manifest.json", tmp_path / "v1", version)
    _release_n_plus_1(content)
    compiled = build(content, tmp_path / "v2", options)
    assert compiled.changes.changed == [EDITED] and compiled.changes.removed == [REMOVED]
    assert compiled.changes.added == [ADDED] and [item[0] for item in compiled.changes.moved] == [MOVED]
    package = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))["package"]
    base = tmp_path / "anki-base"

    installed = run_driver(DRIVER, tmp_path / "install.json", "install", "--base", str(base), "--addon", str(addon))
    assert installed.returncode == 0 and not installed.problems, "\n\n".join([*installed.problems, installed.output])
    assert package in installed.report["checks"]["installed"]

    upgraded = run_driver(
        DRIVER,
        tmp_path / "upgrade.json",
        "upgrade",
        "--base",
        str(base),
        "--package",
        package,
        "--defaults",
        str(ROOT / "addon" / "config.json"),
        "--release1",
        str(tmp_path / "v1" / "mle-interview.apkg"),
        "--release2",
        str(tmp_path / "v2" / "mle-interview.apkg"),
        "--edited",
        EDITED,
        "--removed",
        REMOVED,
        "--moved",
        MOVED,
        "--moved-to",
        "Algorithms::Moved",
    )
    print("\n".join(f"screenshot: {path}" for path in upgraded.report.get("screenshots", [])))
    assert upgraded.returncode == 0 and not upgraded.problems, "\n\n".join([*upgraded.problems, upgraded.output])
    assert upgraded.report["checks"]["human_version"] == version
    for path in [*installed.report["screenshots"], *upgraded.report["screenshots"]]:
        assert Path(path).stat().st_size > 1_000, f"{path} looks blank"
