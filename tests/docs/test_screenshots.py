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


# What the README's screens must show, by screenshot; the facts come from the live screen (AnkiDesktop.screenshot).
MUST_SHOW = {
    "readiness-panel-light.png": "panel",
    "readiness-panel-night.png": "panel",
    "readiness-deck-browser.png": "deck-list",
    "upgrade-after-deck-update.png": "browser",
}


def shows_something(facts: dict[str, object]) -> list[str]:
    """What is wrong with a screen, from its facts: an empty deck list, a panel with no studied card, an empty
    Browser."""
    kind = facts.get("kind")

    def number(key: str) -> int:
        value = facts.get(key, 0)
        return value if isinstance(value, int) else 0

    problems = []
    if kind == "panel" and not (number("studied_cards") > 0 and facts.get("projected") is True):
        problems.append(f"a panel with no studied card or no projection: {facts}")
    if kind == "deck-list" and not (number("deck_rows") >= 5 and facts.get("strip_visible") is True):
        problems.append(f"an empty deck list, or no readiness strip: {facts}")
    if kind == "browser" and number("rows") < 2:
        problems.append(f"an empty Browser: {facts}")
    return problems


def test_readme_screens_show_a_studied_collection() -> None:
    record = json.loads(screenshots.RECORD.read_text(encoding="utf-8"))
    facts = record.get("facts", {})
    for name, kind in MUST_SHOW.items():
        assert name in record["screenshots"], name
        assert name in facts, f"{name}: no facts recorded; run `make screenshots`"
        assert facts[name].get("kind") == kind, (name, facts[name])
        assert not shows_something(facts[name]), name


def test_the_check_refuses_empty_screens() -> None:
    assert shows_something({"kind": "deck-list", "deck_rows": 1, "strip_visible": True})
    assert shows_something({"kind": "deck-list", "deck_rows": 9, "strip_visible": False})
    assert shows_something({"kind": "panel", "studied_cards": 0, "projected": True})
    assert shows_something({"kind": "browser", "rows": 0})
    assert not shows_something({"kind": "panel", "studied_cards": 420, "projected": True})
