"""Pathological input: a build stays linear in the size of the content, whatever a card holds.

    .venv/bin/python bench/bench_pathological.py [--repeat 3] [--markdown-out section.md] [--extra]

Each input is one character sequence repeated in a card's answer, after "Pasted: ": 100, 200 and 400 KB of `[`, of
`<a `, of `$`, of `{{c1::` (in a cloze) and of a backtick. Before issue 11, 20 KB of `[` took 54 s, and doubling it
took four times as long. Each input is laid out two ways:

- "one card": the whole blob in one card's answer. It is over the 20,000-character cap of a field
  (`MAX_FIELD_CHARS`), so it is refused with `field-too-long` before Markdown runs (exit 1);
- "16 KB cards": the same total split into cards whose answer is 16 KB (16,384 characters) each, under the cap, so
  the build renders them all.

For each input and layout this measures:

- the whole `build.py build` of the 200 KB total, in a fresh process with a fresh output folder (start-up, imports
  and the report of any errors included; median of --repeat): the target is under 2 s;
- the compile alone (`compile_tree`, nothing cached) of the 100, 200 and 400 KB totals, in one process that
  imported the generator first, so the growth shows without the start-up in the way: doubling the input should at
  most double the time. The best of --repeat runs is kept, as the one least disturbed by other load on the machine.

The reference, measured in the same run and layout, is ordinary prose: each figure is also given as a multiple of
it. `--extra` adds inputs beyond the issue's list, on which Python-Markdown's own inline pass is quadratic inside a
field: emphasis, links and code spans. The cap bounds that cost per field.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_KB = (100, 200, 400)
PROSE = "The leader replicates each write to a quorum of followers before it answers the client. "
INPUTS: dict[str, tuple[str, str]] = {  # name -> (repeated unit, card kind)
    "prose (reference)": (PROSE, "basic"),
    "[": ("[", "basic"),
    "<a ": ("<a ", "basic"),
    "$": ("$", "basic"),
    "{{c1::": ("{{c1::", "cloze"),
    "`": ("`", "basic"),
}
EXTRA: dict[str, tuple[str, str]] = {
    "<b>x</b> ": ("<b>x</b> ", "basic"),
    "&amp; ": ("&amp; ", "basic"),
    "\\[ ": ("\\[ ", "basic"),
    "*a* ": ("*a* ", "basic"),
    "[a](b) ": ("[a](b) ", "basic"),
    "`x` _ ": ("`x` _ ", "basic"),
}
REFERENCE = "prose (reference)"
LAYOUTS: dict[str, int | None] = {"one card": None, "16 KB cards": 16}  # name -> KB of one card's answer


def cards(unit: str, kind: str, size_kb: int, card_kb: int | None, run: int = 0) -> str:
    """`size_kb` of `unit` in one card, or in cards of `card_kb` each (the last one holds the rest)."""
    total = size_kb * 1024 // len(unit)
    per_card = total if card_kb is None else card_kb * 1024 // len(unit)
    texts = []
    for index, start in enumerate(range(0, total, per_card)):
        # NOTE: inside a paragraph, as pasted text lands; the run and card numbers make each text new to the
        # renderer's caches
        body = f"Pasted ({run}.{index}): " + unit * min(per_card, total - start)
        field = f"Cloze: {body}" if kind == "cloze" else body
        texts.append(
            f"## A pathological card, part {index} {{#patho-{index}}}\n\n{field}\n\n"
            "Source: bench/bench_pathological.py\n"
        )
    return "\n".join(texts)


def card_count(unit: str, size_kb: int, card_kb: int | None) -> int:
    total = size_kb * 1024 // len(unit)
    per_card = total if card_kb is None else card_kb * 1024 // len(unit)
    return -(-total // per_card)


def write_tree(root: Path, text: str) -> None:
    (root / "t").mkdir(parents=True)
    (root / "tree.yaml").write_text("name: Patho\npackage: patho\nnamespace: patho\n")
    (root / "t" / "card.md").write_text(text, encoding="utf-8")


def child_compile(job: str) -> None:
    """In one process: import first, then time the compile alone of each size, --repeat times."""
    sys.path.insert(0, str(ROOT))
    from generator import Options, compile_tree

    unit, kind, card_kb, repeat = json.loads(job)
    seconds: dict[int, float] = {}
    for size in SIZES_KB:
        runs = []
        for run in range(repeat):
            with tempfile.TemporaryDirectory(prefix="patho-") as scratch:
                content = Path(scratch) / "content"
                write_tree(content, cards(unit, kind, size, card_kb, run))
                start = time.perf_counter()
                compile_tree(content, Options(run_solutions=False, jobs=1))
                runs.append(time.perf_counter() - start)
        seconds[size] = min(runs)  # the best of the runs: the least disturbed by other load
    print(json.dumps(seconds))


def measure(unit: str, kind: str, card_kb: int | None, repeat: int) -> dict[str, object]:
    builds: list[float] = []
    exit_code = 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="patho-") as scratch:
            content = Path(scratch) / "content"
            write_tree(content, cards(unit, kind, 200, card_kb))
            command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content)]
            start = time.perf_counter()
            done = subprocess.run(
                [*command, "--out", str(Path(scratch) / "out"), "--no-addon", "--jobs", "1"],
                capture_output=True,
                text=True,
                check=False,
            )
            builds.append(time.perf_counter() - start)
            exit_code = done.returncode
            if done.returncode not in (0, 1) or "Traceback" in done.stderr:
                raise SystemExit(f"build failed unexpectedly:\n{done.stderr[-2000:]}")
    timed = subprocess.run(
        [sys.executable, __file__, "--child-compile", json.dumps([unit, kind, card_kb, repeat])],
        capture_output=True,
        text=True,
        check=True,
    )
    compiles = {int(size): seconds for size, seconds in json.loads(timed.stdout).items()}
    return {
        "build": statistics.median(builds),
        "exit": exit_code,
        "compile": compiles,
        "cards": {size: card_count(unit, size, card_kb) for size in SIZES_KB},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown-out", type=Path, default=None)
    parser.add_argument("--extra", action="store_true", help="also the inputs beyond the issue's list")
    parser.add_argument("--child-compile", default=None, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child_compile:
        child_compile(arguments.child_compile)
        return
    inputs = {**INPUTS, **(EXTRA if arguments.extra else {})}
    load_before = os.getloadavg()[0]
    tables = []
    for layout, card_kb in LAYOUTS.items():
        results: dict[str, dict[str, object]] = {}
        for name, (unit, kind) in inputs.items():
            results[name] = measure(unit, kind, card_kb, arguments.repeat)
            print(f"{layout:12} {name:18} {json.dumps(results[name])}", flush=True)
        tables.append(report(layout, results))
    load_after = os.getloadavg()[0]
    table = (
        f"Builds: median of {arguments.repeat} fresh processes; compiles: the best of {arguments.repeat}. Load "
        f"average {load_before:.2f} before and {load_after:.2f} after. "
        '"x ref" divides by the same figure for ordinary prose in the same layout, measured in the same run. '
        '"Doubling" is the compile time at 200 KB over 100 KB, and at 400 KB over 200 KB.\n\n' + "\n".join(tables)
    )
    print(table)
    if arguments.markdown_out:
        arguments.markdown_out.write_text(table)


def report(layout: str, results: dict[str, dict[str, object]]) -> str:
    def compile_at(name: str, size: int) -> float:
        compiles = results[name]["compile"]
        assert isinstance(compiles, dict)
        return float(compiles[size])

    def build_of(name: str) -> float:
        value = results[name]["build"]
        assert isinstance(value, float)
        return value

    def cards_at(name: str, size: int) -> int:
        counts = results[name]["cards"]
        assert isinstance(counts, dict)
        return int(counts[size])

    lines = [
        f"{layout[0].upper()}{layout[1:]} (prose reference: build {build_of(REFERENCE):.2f} s; compile "
        f"{compile_at(REFERENCE, 200):.3f} s at 200 KB):",
        "",
        f"| input ({layout}) | exit | build, 200 KB | x ref | compile 100 / 200 / 400 KB | x ref at 200 KB | doubling "
        "| per card at 400 KB | build under 2 s? |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in results:
        sizes = [compile_at(name, size) for size in SIZES_KB]
        doubling = f"{sizes[1] / sizes[0]:.2f}, {sizes[2] / sizes[1]:.2f}"
        build = build_of(name)
        per_card = sizes[2] / cards_at(name, 400)
        lines.append(
            f"| `` {name} `` | {results[name]['exit']} | {build:.2f} s | {build / build_of(REFERENCE):.1f}x "
            f"| {' / '.join(f'{value:.3f}' for value in sizes)} s | {sizes[1] / compile_at(REFERENCE, 200):.1f}x "
            f"| {doubling} | {per_card:.3f} s ({cards_at(name, 400)}) | {'yes' if build < 2 else 'no'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
