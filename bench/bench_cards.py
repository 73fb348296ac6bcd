"""Benchmark: the card render sweep against showing cards one at a time the reviewer's way, in the same run.

    .venv/bin/python bench/bench_cards.py [--full]

Builds the real tree, then runs tests/gui/drive_cards.py once: every card at 390 px and a 220-card sample in the
four other modes (what `make test` runs), or every card in all five modes with --full (`make cards-sweep`). The
reference is measured in the same run by the driver itself: twenty cards shown one at a time through Anki's
`_showQuestion` / `_showAnswer`, each waited for until the page has settled. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "gui"))

from harness import build_release, run_driver  # noqa: E402

DRIVER = ROOT / "tests" / "gui" / "drive_cards.py"
MODES = ("phone-light", "phone-night", "desktop-light", "desktop-night", "small-light")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="every card in all four modes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as scratch:
        tmp = Path(scratch)
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        release = build_release(tmp / "dist")
        built = time.monotonic() - started
        started = time.monotonic()
        run = run_driver(
            DRIVER,
            tmp / "report.json",
            "sweep",
            "--base",
            str(tmp / "anki"),
            "--deck",
            str(release.deck),
            "--modes",
            ",".join(MODES),
            "--full",
            ",".join(MODES) if args.full else "phone-light",
            "--sample",
            "220",
            timeout_s=3600,
        )
        driven = time.monotonic() - started
        load_after = os.getloadavg()[0]
    if run.returncode != 0:
        print("\n".join(run.problems[:20]), file=sys.stderr)
        return 1
    checks = run.report["checks"]
    reference = checks["reviewer_path"]["seconds"] / checks["reviewer_path"]["compared"]
    print(f"load average {load_before:.2f} before, {load_after:.2f} after; {checks['cards']} cards\n")
    print("| what | renders | time | per render | vs one at a time |")
    print("|---|---|---|---|---|")
    print(
        f"| reference: one card at a time, reviewer path | {checks['reviewer_path']['compared']} | "
        f"{checks['reviewer_path']['seconds']:.1f} s | {1000 * reference:.0f} ms | 1.0x |"
    )
    for mode in MODES:
        summary = checks["modes"][mode]
        per = summary["seconds"] / summary["renders"]
        print(
            f"| batch, {mode} | {summary['renders']} | {summary['seconds']:.1f} s | {1000 * per:.1f} ms | "
            f"{per / reference:.3f}x |"
        )
    print(f"| build the deck (`build.py build`) | | {built:.1f} s | | |")
    print(f"| whole driver: start Anki, import, render, quit | | {driven:.1f} s | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
