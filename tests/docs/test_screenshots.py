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
    "practice-mock-running-light.png": "mock",
    "practice-mock-running-night.png": "mock",
    "practice-mock-result-light.png": "mock",
    "practice-mock-result-night.png": "mock",
    "practice-panel-light.png": "practice-panel",
    "practice-panel-night.png": "practice-panel",
}
# The stage each mock-interview screenshot must show, as the README's captions say.
MOCK_STAGES = {"running": ("running",), "result": ("revealed", "graded")}


def shows_something(facts: dict[str, object]) -> list[str]:
    """What is wrong with a screen, from its facts: an empty deck list, a panel with no studied card, an empty
    Browser, a practice screenshot scrolled away from the practice section or taken before any attempt, a mock window
    at another stage than its name says."""
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
    if kind == "practice-panel" and not (facts.get("practice_in_view") is True and number("attempts") > 0):
        problems.append(f"the practice section is not in view, or shows no attempt: {facts}")
    if kind == "mock":
        name = str(facts.get("name", ""))
        wanted = next((stages for key, stages in MOCK_STAGES.items() if f"-{key}-" in name), ())
        if not facts.get("title") or facts.get("stage") not in wanted:
            problems.append(f"a mock window at another stage than {name} says, or with no card: {facts}")
    return problems


def test_readme_screens_show_a_studied_collection() -> None:
    record = json.loads(screenshots.RECORD.read_text(encoding="utf-8"))
    facts = record.get("facts", {})
    for name, kind in MUST_SHOW.items():
        assert name in record["screenshots"], name
        assert name in facts, f"{name}: no facts recorded; run `make screenshots`"
        assert facts[name].get("kind") == kind, (name, facts[name])
        assert not shows_something({"name": name, **facts[name]}), name


def test_the_check_refuses_empty_screens() -> None:
    assert shows_something({"kind": "deck-list", "deck_rows": 1, "strip_visible": True})
    assert shows_something({"kind": "deck-list", "deck_rows": 9, "strip_visible": False})
    assert shows_something({"kind": "panel", "studied_cards": 0, "projected": True})
    assert shows_something({"kind": "browser", "rows": 0})
    assert not shows_something({"kind": "panel", "studied_cards": 420, "projected": True})
    assert shows_something({"kind": "practice-panel", "practice_in_view": False, "attempts": 7})
    assert shows_something({"kind": "practice-panel", "practice_in_view": True, "attempts": 0})
    assert not shows_something({"kind": "practice-panel", "practice_in_view": True, "attempts": 7})
    running = {"kind": "mock", "name": "practice-mock-running-light.png", "title": "Two sum"}
    assert not shows_something({**running, "stage": "running"})
    assert shows_something({**running, "stage": "choose"})
    result = {"kind": "mock", "name": "practice-mock-result-night.png", "title": "Two sum"}
    assert not shows_something({**result, "stage": "revealed"})
    assert shows_something({**result, "stage": "running"})
