"""Build benchmark: our generator against the genanki floor and ankdown, all in one run on the same machine.

    .venv/bin/python bench/bench_build.py [--cards 20000] [--repeat 3] [--markdown-out docs-section.md]

Every figure is the median of `--repeat` runs, each in a fresh process, and is set against the floor measured in
the same run:

- the floor: genanki 0.13.1 writing the same notes, pre-rendered by our generator, with its own Model, Note, Deck
  and Package classes; only `Package(...).write_to_file(...)` is timed, inside an already started process;
- our cold build of the synthetic tree (a fresh --out dir so the render cache is empty, no ledger), our rebuild
  after one card's answer changed in one file (warm cache, ledger present), and a rebuild with nothing changed;
- the real tree (content/, copied to a temporary folder so its committed ledger is not touched), cold and after a
  one-file edit;
- ankdown 0.7.1 (`--highlight`) on the same cards in its own format, from its own venv (.venv-bench-ankdown, made
  here if missing; `--ankdown-venv` to point elsewhere);
- the peak memory of a cold build of the synthetic tree, main process and worker processes.

Our builds and ankdown are timed as whole processes (`build.py build ...`, `ankdown ...`), Python start-up and
imports included; the "start-up" row shows how much of each figure that is. The generator that is measured is a
copy of build.py, generator/ and addon/ taken at the start (`--live` to run the work tree in place), so edits made
during a run neither change the code under test nor invalidate the render cache. If ankdown cannot be installed
or run, the reason is printed and the rest is still reported.

ankdown's venv by hand (the script runs the same if the venv is missing):

    python3 -m venv .venv-bench-ankdown && .venv-bench-ankdown/bin/pip install ankdown==0.7.1 misaka==2.1.1 \
        houdini.py==0.1.0 docopt==0.6.2 genanki==0.13.1 Pygments==2.21.0
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TypeVar

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CODE_ENV = "BENCH_BUILD_CODE"  # the snapshot of the generator that the child processes run
sys.path[:0] = [os.environ.get(CODE_ENV, str(ROOT)), str(BENCH)]

from synthetic import write_ankdown_tree, write_tree  # noqa: E402

REAL_CONTENT = ROOT / "content"
DEFAULT_ANKDOWN_VENV = ROOT / ".venv-bench-ankdown"
LEDGER = ".ledger.json"
MB = 1024 * 1024
T = TypeVar("T")
TIMEOUT = 1800

# ankdown 0.7.1 (2019) installs and runs on Python 3.11 with today's packages; genanki and Pygments are pinned to
# the versions our build uses, so both tools write with the same genanki and highlight with the same Pygments.
# ankdown's `--config`/`--configFile` call `yaml.load` without a Loader and fail on PyYAML 6; we pass neither.
ANKDOWN_PINS = ("ankdown==0.7.1", "misaka==2.1.1", "houdini.py==0.1.0", "docopt==0.6.2")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


# ---------------------------------------------------------------------------------------------------------------
# Child modes: each runs in a fresh process started by the parent.


def child_prerender(content: str, out: str) -> None:
    """Render the tree once with our generator and keep the notes as plain data for the floor."""
    from generator import Options, compile_tree
    from generator.notetypes import CSS

    compiled = compile_tree(Path(content), Options(run_solutions=False))
    if compiled.errors:
        raise SystemExit(f"the synthetic tree has errors: {compiled.errors[:3]}")
    models = {}
    notes = []
    for note in compiled.notes:
        kind = note.note_type
        models[kind.kind] = (kind.id, kind.name, list(kind.fields), kind.front, kind.back, kind.is_cloze)
        notes.append((kind.kind, note.guid, list(note.fields), list(note.tags), note.deck))
    with Path(out).open("wb") as handle:
        pickle.dump({"css": CSS, "models": models, "notes": notes}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def child_floor(notes_pickle: str, out: str) -> None:
    """genanki writing the pre-rendered notes: build its objects, then time `write_to_file` alone."""
    import genanki

    with Path(notes_pickle).open("rb") as handle:
        data = pickle.load(handle)
    start = time.perf_counter()
    models = {
        kind: genanki.Model(
            model_id,
            name,
            fields=[{"name": name} for name in fields],
            templates=[{"name": "Cloze" if is_cloze else "Card 1", "qfmt": front, "afmt": back}],
            css=data["css"],
            model_type=genanki.Model.CLOZE if is_cloze else genanki.Model.FRONT_BACK,
        )
        for kind, (model_id, name, fields, front, back, is_cloze) in data["models"].items()
    }
    decks: dict[str, genanki.Deck] = {}
    for kind, guid, fields, tags, deck_name in data["notes"]:
        deck = decks.get(deck_name)
        if deck is None:
            deck = decks[deck_name] = genanki.Deck(1 << 40 | len(decks), deck_name)
        deck.add_note(genanki.Note(model=models[kind], fields=fields, tags=tags, guid=guid))
    objects = time.perf_counter() - start
    start = time.perf_counter()
    genanki.Package(list(decks.values())).write_to_file(out)
    write = time.perf_counter() - start
    print(json.dumps({"write": write, "objects": objects, "notes": len(data["notes"])}))


def child_memory(content: str, out: str) -> None:
    """A cold build in this process; then the peak resident sizes of this process and of its reaped workers."""
    from generator.cli import main

    code = main(["build", "--content", content, "--out", out, "--no-addon"])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"code": code, "self": own, "children": workers}))


CHILDREN: dict[str, Callable[[str, str], None]] = {
    "prerender": child_prerender,
    "floor": child_floor,
    "memory": child_memory,
}


# ---------------------------------------------------------------------------------------------------------------
# Measurements


@dataclass
class Row:
    what: str
    times: list[float] = field(default_factory=list)
    error: str = ""
    note: str = ""
    limit: float | None = None  # a target as a multiple of the floor
    limit_text: str = ""
    absolute: float | None = None  # a target in seconds
    notes: int | None = None  # as the build reported

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def best(self) -> float | None:
        return min(self.times) if self.times else None


class FailedError(Exception):
    pass


def run(command: Sequence[str], cwd: Path | None = None, timeout: float = TIMEOUT) -> tuple[float, str]:
    """Run a fresh process; return its wall time and its standard output."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise FailedError(f"timed out after {timeout:.0f} s: {' '.join(map(str, command))}") from error
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise FailedError(f"exit {done.returncode}: {' | '.join(tail)}")
    return elapsed, done.stdout


def build_py() -> Path:
    return Path(os.environ.get(CODE_ENV, ROOT)) / "build.py"


def snapshot_code(target: Path) -> None:
    """Copy build.py, generator/ and addon/ so that edits made to the work tree during the run (which would also
    invalidate the render cache through its code fingerprint) do not change what is measured."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "build.py", target / "build.py")
    for package in ("generator", "addon"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    os.environ[CODE_ENV] = str(target)


def child(mode: str, *arguments: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", mode, *arguments]


def our_build(content: Path, out: Path) -> tuple[float, str]:
    return run([sys.executable, str(build_py()), "build", "--content", str(content), "--out", str(out), "--no-addon"])


def check_notes(output: str, expected: int | None) -> int:
    match = re.search(r"\((\d+) notes", output)
    if match is None:
        raise FailedError(f"no note count in the build's output: {output.strip()[:200]}")
    if expected is not None and int(match.group(1)) != expected:
        raise FailedError(f"the build wrote {match.group(1)} notes, expected {expected}")
    return int(match.group(1))


def cold(row: Row, content: Path, scratch: Path, expected: int | None) -> Path:
    """A cold build: no ledger, an empty output folder (so no render cache). Returns the output folder."""
    (content / LEDGER).unlink(missing_ok=True)
    out = Path(tempfile.mkdtemp(prefix="out-", dir=scratch))
    elapsed, output = our_build(content, out)
    row.notes = check_notes(output, expected)
    row.times.append(elapsed)
    return out


_HEADING = re.compile(r"^## .*\{#[a-z0-9-]+\}\s*$")
_FIELD = re.compile(r"^[A-Z][A-Za-z ]*:")


def edit_one_answer(content: Path, stamp: str) -> Path:
    """Append to the first line of the first basic answer found in the tree (sorted paths); return its file."""
    for path in sorted(content.rglob("*.md")):
        if path.name == "README.md":
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines[:-2]):
            if not _HEADING.match(line):
                continue
            answer = next((n for n in range(index + 1, len(lines)) if lines[n].strip()), None)
            if answer is None:
                break
            text = lines[answer]
            if _FIELD.match(text) or text.startswith(("```", "~~~", "#", "|", "-", "*", "$", ">", "<")):
                continue
            lines[answer] = f"{text.rstrip()} {stamp}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return path
    raise FailedError(f"no basic card answer to edit under {content}")


def rebuild(row: Row, content: Path, out: Path, expected: int | None, stamp: str | None) -> None:
    if stamp is not None:
        edit_one_answer(content, stamp)
    elapsed, output = our_build(content, out)
    check_notes(output, expected)
    if stamp is not None and "1 changed" not in output:
        raise FailedError(f"the rebuild did not see exactly one changed note: {output.strip()[-200:]}")
    row.times.append(elapsed)


def attempt(row: Row, action: Callable[[], T]) -> T | None:
    try:
        return action()
    except (FailedError, OSError) as error:
        row.error = row.error or str(error)
        print(f"  {row.what}: FAILED: {error}", file=sys.stderr)
        return None


# ---------------------------------------------------------------------------------------------------------------
# ankdown


def ensure_ankdown(venv: Path, install: bool) -> tuple[Path | None, str]:
    """The ankdown executable in its own venv, installed if missing; or None and why not."""
    executable = venv / "bin" / "ankdown"
    if executable.exists():
        return executable, ""
    if not install:
        return None, f"{executable} is missing (and --no-ankdown-install was given)"
    pins = [*ANKDOWN_PINS, f"genanki=={_version('genanki')}", f"Pygments=={_version('pygments')}"]
    print(f"installing ankdown into {venv}: pip install {' '.join(pins)}", file=sys.stderr)
    try:
        python = shutil.which("python3") or sys.executable
        subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True, text=True, timeout=300)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", *pins],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
    except subprocess.CalledProcessError as error:
        tail = " | ".join((error.stderr or error.stdout or "").strip().splitlines()[-4:])
        return None, f"could not install ankdown ({' '.join(map(str, error.cmd[:4]))} ...): {tail}"
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"could not install ankdown: {error}"
    if not executable.exists():
        return None, f"pip installed ankdown but {executable} is missing"
    return executable, ""


def ankdown_notes(package: Path) -> int:
    import sqlite3
    import zipfile

    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
        connection = sqlite3.connect(database)
        try:
            return int(connection.execute("select count(*) from notes").fetchone()[0])
        finally:
            connection.close()


def ankdown_run(row: Row, executable: Path, tree: Path, scratch: Path, expected: int) -> None:
    package = scratch / "ankdown.apkg"
    package.unlink(missing_ok=True)
    elapsed, _ = run([str(executable), "-r", str(tree), "-p", str(package), "--highlight"], cwd=scratch)
    count = ankdown_notes(package)
    if count != expected:
        raise FailedError(f"ankdown wrote {count} notes, expected {expected}")
    row.times.append(elapsed)


# ---------------------------------------------------------------------------------------------------------------
# Memory


def _tree_pids(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(parents.get(pid, []))
    return found


def _kib(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class Memory:
    self_peak: int = 0  # ru_maxrss of the build's main process
    worker_peak: int = 0  # the largest ru_maxrss among its reaped worker processes
    rss_sum: int = 0  # sampled: the largest sum of RSS over the main process and its live workers
    pss_sum: int = 0  # the same with PSS, which splits pages shared after fork() among the processes sharing them
    processes: int = 0  # the most processes seen at once
    error: str = ""


def measure_memory(content: Path, scratch: Path) -> Memory:
    memory = Memory()
    (content / LEDGER).unlink(missing_ok=True)
    out = Path(tempfile.mkdtemp(prefix="out-mem-", dir=scratch))
    process = subprocess.Popen(
        child("memory", str(content), str(out)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids = _tree_pids(process.pid)
            memory.processes = max(memory.processes, len(pids))
            memory.rss_sum = max(memory.rss_sum, sum(_kib(f"/proc/{pid}/status", "VmRSS:") for pid in pids))
            memory.pss_sum = max(memory.pss_sum, sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    stop.set()
    sampler.join()
    try:
        report = json.loads(stdout.strip().splitlines()[-1])
        if report["code"] != 0:
            raise ValueError(f"build exit {report['code']}")
        memory.self_peak, memory.worker_peak = report["self"], report["children"]
    except (ValueError, IndexError, KeyError) as error:
        memory.error = f"{error}: {' | '.join(stderr.strip().splitlines()[-3:])}"
    return memory


# ---------------------------------------------------------------------------------------------------------------
# The report


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def table(
    rows: list[Row],
    floors: tuple[float | None, float | None],
    process_floor: float | None,
    memory: Memory,
    context: dict[str, str],
) -> str:
    """Ratio targets are judged against both floors: the floor run as a whole process, which pays the same Python
    start-up and imports as every whole-process row (like for like), and the strict floor (write only). The last
    column sets every whole-process row against the floor run as a whole process."""
    floor = floors[0]
    lines = [
        "| what | median | min | runs | vs the floor: median (min) | target | result | vs the floor as a process |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        median = row.median
        best_floor = floors[1]
        ratio = "n/a"
        if median is not None and row.best is not None and floor and best_floor:
            ratio = f"{median / floor:.1f}x ({row.best / best_floor:.1f}x)"
        runs = ", ".join(f"{value:.2f}" for value in row.times) or "-"
        targets = []
        results = []
        if row.limit is not None:
            targets.append(f"≤ {row.limit:g}x floor")
            if median is not None and process_floor:
                results.append(f"{verdict(median <= row.limit * process_floor)} vs the floor as a process")
            if median is not None and floor:
                results.append(f"{verdict(median <= row.limit * floor)} vs write only")
        if row.limit_text:
            targets.append(row.limit_text)
        if row.absolute is not None:
            targets.append(f"< {row.absolute:g} s")
            if median is not None:
                results.append(verdict(median < row.absolute))
        result = ", ".join(results)
        if row.error:
            result = f"not measured: {row.error[:160]}"
        elif row.note:
            result = f"{result}; {row.note}" if result else row.note
        whole = f"{median / process_floor:.1f}x" if median is not None and process_floor and row is not rows[0] else ""
        lines.append(
            f"| {row.what} | {seconds(median)} | {seconds(row.best)} | {runs} | {ratio} | {'; '.join(targets)} "
            f"| {result} | {whole} |"
        )
    if memory.error:
        lines.append(f"| peak memory, cold build | n/a | | 1 | | < 200 MB | not measured: {memory.error[:160]} | |")
    else:
        lines.append(
            f"| peak memory, cold build (sum of RSS, main + workers, sampled) | {memory.rss_sum / MB:.0f} MB | | 1 | "
            f"| < 200 MB | {verdict(memory.rss_sum < 200 * MB)} | |"
        )
        lines.append(
            f"| ... the same as PSS (shared pages split) | {memory.pss_sum / MB:.0f} MB | | 1 | | | "
            f"main process ru_maxrss {memory.self_peak / MB:.0f} MB, largest worker {memory.worker_peak / MB:.0f} MB, "
            f"{memory.processes} processes at most | |"
        )
    facts = "; ".join(f"{key}: {value}" for key, value in context.items())
    return "\n".join(lines) + f"\n\n{facts}\n"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--child"]:
        CHILDREN[arguments[1]](*arguments[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=20000, help="synthetic cards (default: 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (default: 3)")
    parser.add_argument("--markdown-out", type=Path, help="also write the table to this file")
    parser.add_argument("--ankdown-venv", type=Path, default=DEFAULT_ANKDOWN_VENV, help="ankdown's own venv")
    parser.add_argument("--no-ankdown-install", action="store_true", help="do not create ankdown's venv if missing")
    parser.add_argument("--skip-ankdown", action="store_true", help="leave ankdown out")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--live", action="store_true", help="run the work tree's generator in place instead of a snapshot of it"
    )
    options = parser.parse_args(arguments)
    if options.cards < 100 or options.repeat < 1:
        parser.error("--cards must be at least 100 and --repeat at least 1")

    count = options.cards
    load_before = load_average()
    scratch = Path(tempfile.mkdtemp(prefix="bench-build-"))
    print(f"scratch folder {scratch}; load average {load_before}", file=sys.stderr)
    floor = Row("the floor: genanki writing the same notes, pre-rendered (write_to_file only)")
    floor_process = Row(
        "the floor as a whole process: start Python, import genanki, load the pre-rendered notes, write",
        note="the reference for whole-process rows (last column)",
    )
    startup = Row("start-up: `build.py --help` (Python + imports)", note="included in every row below")
    ours = Row(f"our cold build, {count:,} cards (no cache, no ledger)", limit=5, limit_text="≤ ankdown")
    one_file = Row("our rebuild, one answer in one file changed", limit=1.5)
    nothing = Row("our rebuild, nothing changed")
    ankdown = Row("ankdown 0.7.1 `--highlight`, same cards")
    real_cold = Row("real tree, cold (no cache, no ledger)", absolute=1)
    real_warm = Row("real tree, one answer changed", absolute=1)
    context: dict[str, str] = {}
    try:
        if not options.live:
            snapshot_code(scratch / "code")
        synthetic = scratch / "synthetic"
        write_tree(synthetic, count)
        ankdown_tree = scratch / "ankdown" / "Synthetic"
        write_ankdown_tree(ankdown_tree, count)
        real = scratch / "real"
        shutil.copytree(REAL_CONTENT, real)

        print("pre-rendering the notes for the floor", file=sys.stderr)
        notes_pickle = scratch / "notes.pickle"
        attempt(floor, lambda: run(child("prerender", str(synthetic), str(notes_pickle))))
        objects: list[float] = []

        executable: Path | None = None
        if options.skip_ankdown:
            ankdown.error = "skipped (--skip-ankdown)"
        else:
            executable, why = ensure_ankdown(options.ankdown_venv, not options.no_ankdown_install)
            if executable is None:
                ankdown.error = why
                print(f"ankdown: {why}", file=sys.stderr)

        out: Path | None = None
        for round_ in range(options.repeat):
            print(f"round {round_ + 1}/{options.repeat}: floor, start-up, cold build, ankdown", file=sys.stderr)
            if notes_pickle.exists():

                def floor_once() -> None:
                    elapsed, output = run(child("floor", str(notes_pickle), str(scratch / "floor.apkg")))
                    report = json.loads(output.strip().splitlines()[-1])
                    if report["notes"] != count:
                        raise FailedError(f"the floor wrote {report['notes']} notes, expected {count}")
                    floor.times.append(report["write"])
                    floor_process.times.append(elapsed)
                    objects.append(report["objects"])

                attempt(floor, floor_once)
            attempt(startup, lambda: startup.times.append(run([sys.executable, str(build_py()), "--help"])[0]))
            if out is not None:
                shutil.rmtree(out, ignore_errors=True)
            out = attempt(ours, lambda: cold(ours, synthetic, scratch, count))
            if executable is not None:
                attempt(ankdown, lambda: ankdown_run(ankdown, executable, ankdown_tree.parent, scratch, count))

        if out is not None:
            print("rebuilds after a one-file edit, and with nothing changed", file=sys.stderr)
            attempt(nothing, lambda: rebuild(nothing, synthetic, out, count, None))  # settles the cache
            nothing.times.clear()
            for stamp in (f"(edit {number + 1})" for number in range(options.repeat)):
                attempt(one_file, partial(rebuild, one_file, synthetic, out, count, stamp))
                attempt(nothing, lambda: rebuild(nothing, synthetic, out, count, None))
        else:
            one_file.error = nothing.error = "no cold build to rebuild from"

        print("the real tree", file=sys.stderr)
        real_out: Path | None = None
        for _ in range(options.repeat):
            if real_out is not None:
                shutil.rmtree(real_out, ignore_errors=True)
            real_out = attempt(real_cold, lambda: cold(real_cold, real, scratch, None))
        if real_out is not None:
            for stamp in (f"(edit {number + 1})" for number in range(options.repeat)):
                attempt(real_warm, partial(rebuild, real_warm, real, real_out, None, stamp))
        else:
            real_warm.error = "no cold build to rebuild from"

        print("peak memory of a cold build", file=sys.stderr)
        memory = measure_memory(synthetic, scratch)

        floor_median = floor.median
        if ours.median is not None and ankdown.median is not None:
            ours.note = f"{verdict(ours.median <= ankdown.median)} vs ankdown ({ours.median / ankdown.median:.2f}x)"
        if objects:
            floor.note = f"making genanki's Note/Deck objects first: {statistics.median(objects):.2f} s more"
        context = {
            "cards": (
                f"{count:,} synthetic (a fifth with code, a fifth with math), "
                f"{real_cold.notes or '?'} notes in the real tree"
            ),
            "runs": f"{options.repeat} of each, each in a fresh process; ratios are median to median (min to min)",
            "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
            "load average": f"{load_before} before, {load_average()} after",
            "versions": (
                f"genanki {_version('genanki')}, Markdown {_version('markdown')}, Pygments {_version('pygments')}"
            ),
        }
        report = table(
            [floor, floor_process, startup, ours, ankdown, one_file, nothing, real_cold, real_warm],
            (floor_median, floor.best),
            floor_process.median,
            memory,
            context,
        )
        print(report)
        if options.markdown_out is not None:
            options.markdown_out.write_text(report, encoding="utf-8")
    finally:
        if options.keep:
            print(f"kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
