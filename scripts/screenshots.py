"""Copy the screenshots the GUI tests take into docs/img/, and record what they were taken of.

    make screenshots      # runs the GUI tests, then this script

The GUI tests save a fresh screenshot of every screen they drive on each run. The README shows some of them from
docs/img/. docs/img/screenshots.json records, for each, a fingerprint of the code that drew it (the add-on and the
GUI drivers), and the facts the drivers read off the screen when they took it (the deck rows shown, the studied cards
on the panel: `AnkiDesktop.screenshot`); tests/docs/test_screenshots.py flags a screenshot whose fingerprint no longer
matches, or whose facts say it shows an empty deck list or a panel with nothing studied, so the README never shows a
screen the add-on no longer has, or one that shows nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_IMG = ROOT / "docs" / "img"
RECORD = DOCS_IMG / "screenshots.json"

# The screenshots the README shows, by the name the GUI tests give them.
DOC_SCREENSHOTS = (
    "readiness-panel-light.png",
    "readiness-panel-night.png",
    "readiness-deck-browser.png",
    "tagging-tools-menu.png",
    "tagging-tooltip.png",
    "install-config-editor.png",
    "upgrade-release-1-import-dialog.png",
    "upgrade-release-2-import-log.png",
    "upgrade-after-deck-update.png",
    "practice-mock-running-light.png",
    "practice-mock-result-light.png",
    "practice-mock-running-night.png",
    "practice-mock-result-night.png",
    "practice-panel-light.png",
    "practice-panel-night.png",
    "card-code-light.png",
    "card-code-night.png",
    "card-math-light.png",
    "card-math-night.png",
    "card-diagram-light.png",
    "card-diagram-night.png",
    "card-problem-light.png",
    "card-problem-night.png",
)


def fingerprint() -> str:
    """A hash of everything that decides what the screenshots show: the add-on, the drivers that pose it, and the
    card design (note types, stylesheet, diagrams, code layout) that the card screenshots show."""
    digest = hashlib.sha256()
    design = ("notetypes.py", "cardstyle.py", "diagrams.py", "highlight.py")
    sources = [
        *ROOT.glob("addon/**/*.py"),
        *ROOT.glob("addon/*.json"),
        *ROOT.glob("tests/gui/*.py"),
        *ROOT.glob("tests/gui/*.js"),
        *(ROOT / "generator" / name for name in design),
    ]
    for path in sorted(sources):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def update(artifacts: Path) -> int:
    missing = [name for name in DOC_SCREENSHOTS if not (artifacts / name).is_file()]
    if missing:
        print(f"screenshots: not in {artifacts}: {', '.join(missing)}; run the GUI tests first", file=sys.stderr)
        return 1
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    facts = {}
    for name in DOC_SCREENSHOTS:
        shutil.copyfile(artifacts / name, DOCS_IMG / name)
        sidecar = artifacts / f"{name}.json"
        if sidecar.is_file():
            facts[name] = json.loads(sidecar.read_text(encoding="utf-8"))
    record = {"fingerprint": fingerprint(), "screenshots": list(DOC_SCREENSHOTS), "facts": facts}
    RECORD.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"screenshots: copied {len(DOC_SCREENSHOTS)} into {DOCS_IMG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(update(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "screenshots"))
