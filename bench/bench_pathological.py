"""Pathological input: a build stays linear in the size of a card, whatever the card holds.

    .venv/bin/python bench/bench_pathological.py [--repeat 3] [--markdown-out section.md] [--extra]

Each input is one card whose answer is one character sequence repeated, after "Pasted: ": 100, 200 and 400 KB of
`[`, of `<a `, of `$`, of `{{c1::` (in a cloze) and of a backtick. Before issue 11, 20 KB of `[` took 54 s, and
doubling it took four times as long. For each input this measures (median of --repeat):

- the whole `build.py build` of the 200 KB card, in a fresh process with a fresh output folder (start-up, imports and
  the report of any errors included): the target is under 2 s;
- the compile alone (`compile_tree`, nothing cached) of the 100, 200 and 400 KB cards, in one process that imported
  the generator first, so the growth shows without the start-up in the way: doubling the input should at most
  double the time. The best of --repeat runs is kept, as the one least disturbed by other load on the machine.

The reference, measured in the same run, is the same card with 100, 200 and 400 KB of ordinary prose: each figure
is also given as a multiple of it. `--extra` adds inputs beyond the issue's list, which show what is left: a
paragraph made of tens of thousands of emphasis, links or code spans is still Python-Markdown's own work.
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


def card(unit: str, kind: str, size_kb: int, run: int = 0) -> str:
    # NOTE: inside a paragraph, as pasted text lands; the run number makes each text new to the renderer's caches
    body = f"Pasted ({run}): " + unit * (size_kb * 1024 // len(unit))
    field = f"Cloze: {body}" if kind == "cloze" else body
    return f"## A pathological card {{#patho}}\n\n{field}\n\nSource: bench/bench_pathological.py\n"


def write_tree(root: Path, text: str) -> None:
    (root / "t").mkdir(parents=True)
    (root / "tree.yaml").write_text("name: Patho\npackage: patho\nnamespace: patho\n")
    (root / "t" / "card.md").write_text(text, encoding="utf-8")


def child_compile(job: str) -> None:
    """In one process: import first, then time the compile alone of each size, --repeat times."""
    sys.path.insert(0, str(ROOT))
    from generator import Options, compile_tree

    unit, kind, repeat = json.loads(job)
    seconds: dict[int, float] = {}
    for size in SIZES_KB:
        runs = []
        for run in range(repeat):
            with tempfile.TemporaryDirectory(prefix="patho-") as scratch:
                content = Path(scratch) / "content"
                write_tree(content, card(unit, kind, size, run))
                start = time.perf_counter()
                compile_tree(content, Options(run_solutions=False, jobs=1))
                runs.append(time.perf_counter() - start)
        seconds[size] = min(runs)  # the best of the runs: the least disturbed by other load
    print(json.dumps(seconds))


def measure(unit: str, kind: str, repeat: int) -> dict[str, object]:
    builds: list[float] = []
    exit_code = 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="patho-") as scratch:
            content = Path(scratch) / "content"
            write_tree(content, card(unit, kind, 200))
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
        [sys.executable, __file__, "--child-compile", json.dumps([unit, kind, repeat])],
        capture_output=True,
        text=True,
        check=True,
    )
    compiles = {int(size): seconds for size, seconds in json.loads(timed.stdout).items()}
    return {"build": statistics.median(builds), "exit": exit_code, "compile": compiles}


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
    results: dict[str, dict[str, object]] = {}
    for name, (unit, kind) in inputs.items():
        results[name] = measure(unit, kind, arguments.repeat)
        print(f"{name:18} {json.dumps(results[name])}", flush=True)
    load_after = os.getloadavg()[0]
    table = report(results, arguments.repeat, load_before, load_after)
    print(table)
    if arguments.markdown_out:
        arguments.markdown_out.write_text(table)


def report(results: dict[str, dict[str, object]], repeat: int, load_before: float, load_after: float) -> str:
    def compile_at(name: str, size: int) -> float:
        compiles = results[name]["compile"]
        assert isinstance(compiles, dict)
        return float(compiles[size])

    def build_of(name: str) -> float:
        value = results[name]["build"]
        assert isinstance(value, float)
        return value

    lines = [
        f"Builds: median of {repeat} fresh processes; compiles: the best of {repeat}. Load average "
        f"{load_before:.2f} before and {load_after:.2f} after. "
        f'"x ref" divides by the same figure for ordinary prose, measured in the same run (build '
        f'{build_of(REFERENCE):.2f} s; compile {compile_at(REFERENCE, 200):.3f} s at 200 KB). "Doubling" is the '
        "compile time at 200 KB over 100 KB, and at 400 KB over 200 KB.",
        "",
        "| input (one card) | exit | build, 200 KB | x ref | compile 100 / 200 / 400 KB | x ref at 200 KB | doubling |"
        " build under 2 s? |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in results:
        sizes = [compile_at(name, size) for size in SIZES_KB]
        doubling = f"{sizes[1] / sizes[0]:.2f}, {sizes[2] / sizes[1]:.2f}"
        build = build_of(name)
        lines.append(
            f"| `` {name} `` | {results[name]['exit']} | {build:.2f} s | {build / build_of(REFERENCE):.1f}x "
            f"| {' / '.join(f'{value:.3f}' for value in sizes)} s | {sizes[1] / compile_at(REFERENCE, 200):.1f}x "
            f"| {doubling} | {'yes' if build < 2 else 'no'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
