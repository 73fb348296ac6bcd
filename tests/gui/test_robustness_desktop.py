"""The add-on in the real Anki desktop under a hand-edited config and a collection that closes under its work.

See drive_robustness.py for what is driven. Between installing and driving, `meta.json` is edited by hand as a user
might: its `config` becomes a list. Any exception, error output, failed operation or unexpected dialog fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import build_release, run_driver

DRIVER = Path(__file__).resolve().parent / "drive_robustness.py"

pytestmark = pytest.mark.gui


def test_a_broken_config_and_a_closing_collection_in_the_real_desktop(tmp_path: Path) -> None:
    release = build_release(tmp_path / "dist")
    base = tmp_path / "anki-base"
    installed = run_driver(
        DRIVER, tmp_path / "install.json", "install", "--base", str(base), "--addon", str(release.addon)
    )
    assert installed.returncode == 0 and not installed.problems, "\n\n".join([*installed.problems, installed.output])

    meta_path = base / "addons21" / release.package / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["config"] = [{"deck": "LeetCode", "category": "algorithms"}]  # a hand edit: the rules list as the config
    meta_path.write_text(json.dumps(meta), encoding="utf-8")

    driven = run_driver(
        DRIVER, tmp_path / "drive.json", "drive", "--base", str(base), "--deck", str(release.deck), "--package",
        release.package,
    )  # fmt: skip
    assert driven.returncode == 0 and not driven.problems, "\n\n".join([*driven.problems, driven.output])
    checks = driven.report["checks"]
    assert checks["switch_outcome"].startswith("raised") and checks["quit_outcome"].startswith("raised")
