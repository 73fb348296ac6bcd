"""Benchmark: what the readiness strip adds to a deck-browser render in the real Anki desktop, once the cache is warm.

    .venv/bin/python bench/bench_strip.py [--cards 100000] [--renders 30] [--out /tmp/bench-strip.md]

The synthetic collection of `bench_readiness.py` (100,000 cards, about 900,000 review-log rows) becomes the profile's
collection; Anki starts headless with the add-on installed from the built `.ankiaddon`, the report is computed once
(the warm cache), and then the deck browser is rendered again and again, alternating strip on and strip off. Each
render is timed from `mw.deckBrowser.refresh()` until the web view reports the page loaded (`loadFinished`): Anki
builds the deck tree, runs the add-ons' hooks (the strip's among them) and the web view lays the page out. Medians
over the renders.

Qt can start once per process, so the desktop runs in a child process (`--drive`), as in the GUI tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "gui"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-strip.md"))
    parser.add_argument("--drive", nargs=3, metavar=("BASE", "ADDON", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive(Path(args.drive[0]), Path(args.drive[1]), Path(args.drive[2]), args.renders)
        return

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_readiness import build
    from harness import PROFILE, build_release, create_profile, prepare_environment

    folder = Path(tempfile.mkdtemp(prefix="bench-strip-"))
    try:
        release = build_release(folder / "dist")
        base = folder / "anki-base"
        collection = folder / "synthetic.anki2"
        revlog_rows = build(collection, args.cards, fsrs=True)
        prepare_environment(base)
        create_profile(base)
        (base / PROFILE).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(collection, base / PROFILE / "collection.anki2")
        report = folder / "strip.json"
        subprocess.run(
            [sys.executable, __file__, "--renders", str(args.renders), "--drive", str(base), str(release.addon),
             str(report)],
            cwd=ROOT,
            check=True,
            timeout=900,
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def ms(key: str) -> str:
        return f"{statistics.median(data[key]) * 1000:.1f} ms"

    def added(on: str, off: str) -> str:
        return f"{(statistics.median(data[on]) - statistics.median(data[off])) * 1000:+.1f} ms"

    rows = [
        ("cards / revlog rows", f"{args.cards:,} / {revlog_rows:,}"),
        ("renders (each way, alternating)", str(args.renders)),
        ("deck-browser render, strip off", ms("loaded_off")),
        ("deck-browser render, strip on (warm cache)", ms("loaded_on")),
        ("the strip adds (target < 20 ms)", added("loaded_on", "loaded_off")),
    ]
    command = f".venv/bin/python bench/bench_strip.py --cards {args.cards} --renders {args.renders}"
    table = "\n".join(["| what | figure |", "|---|---|", *(f"| {what} | {figure} |" for what, figure in rows)])
    text = f"# Deck-browser strip benchmark\n\n`{command}`\n\n{table}\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


def drive(base: Path, addon: Path, report: Path, renders: int) -> None:
    """In the child process: the real desktop, the warm cache, then the renders."""
    from harness import AnkiDesktop

    desktop = AnkiDesktop(base)
    data: dict[str, Any] = {"loaded_on": [], "loaded_off": []}
    try:
        desktop.start(install=addon)
        mw = desktop.mw
        package = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))["package"]
        state = desktop.addon_module(package).gui.addon()
        done: list[Any] = []
        state.request_report(done.append, with_progress=False)
        desktop.wait_until(lambda: bool(done), "the warm cache", timeout_s=300)
        assert state.cached_report() is not None
        loaded: list[float] = []  # when the page reported loaded: timed in the signal, not after the wait's polling
        mw.deckBrowser.web.loadFinished.connect(lambda _ok: loaded.append(time.perf_counter()))
        config, settings = state.config, state.readiness_settings
        for _ in range(renders):
            for strip in (True, False):
                values = {**config.values, "readiness": dataclasses.replace(settings, deck_browser_strip=strip)}
                state._config = dataclasses.replace(config, values=values)
                key = "on" if strip else "off"
                loaded.clear()
                started = time.perf_counter()
                mw.deckBrowser.refresh()
                desktop.wait_until(lambda: bool(loaded), "the deck browser page")
                data[f"loaded_{key}"].append(loaded[0] - started)
                text = desktop.evaluate_js(mw.deckBrowser.web, "document.body.innerText", "the page text")
                assert ("Interview recall" in text) is strip, "the strip shows exactly when it is on"
    finally:
        desktop.quit()
        report.write_text(json.dumps(data), encoding="utf-8")
    assert not desktop.catcher.problems, desktop.catcher.problems


if __name__ == "__main__":
    main()
