"""Every card of the built deck, question and answer, rendered in the real Anki desktop's card page and measured.

At 390 px (a phone, with the `mobile` class AnkiMobile and AnkiDroid set) every card; at 390 px in night mode, at
1100 px in light and night mode, and at 320 px (the narrowest phones) a sample of at least 200 cards with every note
type and every card that has a diagram, a table or display math. A card fails when the page is wider than the
window, a diagram label renders below 11 px (9 px at 320 px) or touches a line or another label, MathJax reports an
error or leaves raw TeX, any text (diagram labels included) has less than 4.5:1 contrast with what is behind it, or
the page logs a JS error. At phone width, at least 95 % of code lines must end inside their code box without
scrolling. See drive_cards.py for how the sweep renders many cards on one page, and how a sample shown the
reviewer's way keeps that honest.

`make cards-sweep` runs the same test with every card in all five modes (MLE_CARDS_SWEEP=full). The screenshots it
takes (a code, math, diagram and problem card at phone width, light and night) are the README's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from harness import build_release, run_driver

from generator import Options, build

DRIVER = Path(__file__).resolve().parent / "drive_cards.py"
# Cards made to break a phone's layout (a wide table, a wide formula, long tokens): rendered with the real deck.
STRESS = Path(__file__).resolve().parent / "stress-deck"
MODES = ("phone-light", "phone-night", "desktop-light", "desktop-night", "small-light")
SAMPLE = 220
SHOT_CARDS = {
    "code": "alg-memoization-functools-cache#1:a",
    "math": "mlc-dpo-loss#1:a",
    "diagram": "sd-consistent-hashing-lookup#1:a",
    "problem": "alg-p-two-sum#1:a",
}
KINDS = ("Basic", "Cloze", "Problem", "Prompt")

pytestmark = pytest.mark.gui


def test_every_card_renders_legibly_in_the_real_desktop(tmp_path: Path) -> None:
    full = os.environ.get("MLE_CARDS_SWEEP") == "full"
    release = build_release(tmp_path / "dist")
    stress = tmp_path / "stress"
    shutil.copytree(STRESS, stress)  # NOTE: a copy, so the build's ledger is never written into the repository
    build(stress, tmp_path / "stress-dist", Options(run_solutions=False))
    run = run_driver(
        DRIVER,
        tmp_path / "cards.json",
        "sweep",
        "--base",
        str(tmp_path / "anki-base"),
        "--deck",
        str(release.deck),
        "--deck",
        str(tmp_path / "stress-dist" / "layout-stress.apkg"),
        "--modes",
        ",".join(MODES),
        "--full",
        ",".join(MODES) if full else "phone-light",
        "--sample",
        str(SAMPLE),
        "--shots",
        "--shot-cards",
        ",".join(f"{name}={key}" for name, key in SHOT_CARDS.items()),
        timeout_s=1800 if full else 600,
    )
    problems = run.problems
    shown = "\n".join(problems[:40]) + (f"\n... and {len(problems) - 40} more" if len(problems) > 40 else "")
    assert run.returncode == 0 and not problems, f"{len(problems)} problems:\n{shown}\n{run.output[-3000:]}"

    checks: dict[str, Any] = run.report["checks"]
    modes = checks["modes"]
    total = checks["cards"]
    phone = modes["phone-light"]
    assert phone["cards"] == total and phone["renders"] == 2 * total, "every card, question and answer, at 390 px"
    everywhere = phone["features"]
    assert everywhere.get("table", 0) > 0 and everywhere.get("display-math", 0) > 0, "the stress cards were rendered"
    for mode in MODES[1:]:
        sample = modes[mode]
        assert sample["cards"] >= min(200, total)
        for kind in KINDS:
            assert sample["features"].get(f"kind:MLE Interview: {kind}", 0) > 0, f"{mode} has no {kind} card"
        for feature in ("diagram", "table", "display-math"):
            assert sample["features"].get(feature, 0) == everywhere.get(feature, 0), f"{mode} misses a {feature}"
    for mode, summary in modes.items():
        assert summary["page_overflow"] <= 0.5, f"{mode}: a page {summary['page_overflow']} px wider than its window"
        if summary["worst_contrast"] is not None:
            assert summary["worst_contrast"] >= 4.5, f"{mode}: contrast {summary['worst_contrast']:.2f}"
        if summary["smallest_label_px"] is not None and not mode.startswith("small"):
            assert summary["smallest_label_px"] >= 11, f"{mode}: a label at {summary['smallest_label_px']} px"
    visible, lines = phone["code_line_ends_visible"], phone["code_lines"]
    print(f"code line ends visible at 390 px: {visible} of {lines} ({visible / max(lines, 1):.1%})")
    for mode, summary in modes.items():
        print(f"{mode}: {summary['renders']} renders of {summary['cards']} cards in {summary['seconds']} s")
    assert lines > 0 and visible / lines >= 0.95, phone["hidden_code_ends"]
    assert checks["reviewer_path"]["compared"] >= 10

    shots = [Path(path) for path in run.report["screenshots"]]
    assert {path.name for path in shots} == {f"card-{n}-{m}.png" for n in SHOT_CARDS for m in ("light", "night")}
    for path in shots:
        assert path.stat().st_size > 5_000, f"{path} looks blank"
