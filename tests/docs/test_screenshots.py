"""The README's screenshots exist and are current: taken by the GUI tests of the add-on as it is now."""

from __future__ import annotations

import json
import re
import sys

from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import screenshots


def test_every_image_the_readme_shows_exists() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert any("readiness-panel" in image for image in images), "the README shows the panel"
    missing = [image for image in images if not (PROJECT_ROOT / image).is_file()]
    assert not missing, missing


def test_screenshots_are_not_stale() -> None:
    record = json.loads(screenshots.RECORD.read_text(encoding="utf-8"))
    assert record["screenshots"] == list(screenshots.DOC_SCREENSHOTS)
    assert record["fingerprint"] == screenshots.fingerprint(), (
        "docs/img/ screenshots were taken of an older add-on: run `make screenshots` and commit docs/img/"
    )
