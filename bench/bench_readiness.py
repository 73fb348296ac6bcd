"""Benchmark: the readiness report on 100,000 cards and about 1,000,000 review-log rows, against Anki's own statistics.

    .venv/bin/python bench/bench_readiness.py [--cards 100000] [--repeat 3] [--out /tmp/bench-readiness.md]

Measured in the same run, on the same collection (median of the repeats):
- the whole report for all four categories (FSRS collection) vs the sum over the categories of
  `col._backend.graphs(search="tag:interview::<category>", days=30)`;
- the SM-2 estimate path (FSRS off, no memory states): cold (every state estimated on one snapshot), the same a
  `compute_memory_state` call a card, and warm (the session's estimate cache, after a review of 1% of the cards);
- what the deck-browser strip adds to a render once the cache is warm (the hook's cache check and HTML);
- the 90-day trend;
- the projection (Anki's FSRS simulator per category, interview in 30 days), which the desktop runs after the
  report, apart from it: on the FSRS collection directly, on the SM-2 one on a private snapshot (nothing to undo);
- incremental reports (issue 12): after 200 reviews answered through Anki's v3 scheduler, a report from the kept
  per-card cache at the desktop's clock, against `graphs` and against a cold report of the same moment (which it must
  equal), over `--repeat` rounds of 200 answers; and a cold report (no cache, as the command line makes it);
- in the real desktop, headless (a child process, as in the GUI tests; skipped with `--no-desktop`): the next-card
  delay over 20 answers in Anki's own reviewer, with the readiness panel open and, as the reference, closed; and, on
  the SM-2 collection just opened, the delay of the first answer while the deck-browser strip's first report runs.

The synthetic history is written straight into the benchmark's own collection file with `sqlite3` (answering a million
cards through the scheduler would take hours); it is never a user's collection.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anki.collection import AddNoteRequest, Collection
from anki.decks import DeckId

from addon.categories import CATEGORY_KEYS
from addon.estimates import EstimateCache
from addon.readiness import compute_report, real_today, render, report_clock
from addon.readiness.cards import CardCache
from addon.readiness.project import METHOD_COPY, METHOD_DIRECT, projections
from addon.trend import compute_trend

T = TypeVar("T")
DAY_S = 86400
PROJECTION_DAYS = 30


def build(path: Path, cards: int, fsrs: bool, seed: int = 3) -> int:
    """Notes through Anki; then cards' scheduling and ~12 reviews per studied card (80%) through sqlite3."""
    rng = random.Random(seed)
    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    assert basic is not None
    requests = []
    decks = {key: DeckId(col.decks.id(f"MLE Interview::{key}") or 0) for key in CATEGORY_KEYS}
    for index in range(cards):
        key = CATEGORY_KEYS[index % 4]
        note = col.new_note(basic)
        note["Front"], note["Back"] = f"q{index}", "a"
        note.tags = [f"interview::{key}::topic-{(index // 4) % 25:02d}"]
        requests.append(AddNoteRequest(note=note, deck_id=decks[key]))
    col.add_notes(requests)
    today = col.sched.today
    col.set_config("fsrs", fsrs)
    col.close()

    now = int(time.time())
    db = sqlite3.connect(path)
    card_ids = [row[0] for row in db.execute("select id from cards order by id")]
    revlog, updates, used = [], [], set()
    for card_id in card_ids:
        if rng.random() > 0.8:
            continue
        count = max(1, int(rng.gauss(12, 3)))
        last = now - rng.randint(1, 60) * DAY_S - rng.randint(0, DAY_S - 1)
        times = [*sorted(last - rng.randint(1, 360) * DAY_S for _ in range(count - 1)), last]
        interval = 1
        for position, at in enumerate(times):
            ease = 1 if rng.random() < 0.12 else 3
            previous = interval
            interval = 1 if ease == 1 else min(int(interval * 2.5) + 1, 365)
            revlog_id = at * 1000 + rng.randint(0, 999)
            while revlog_id in used:
                revlog_id += 1
            used.add(revlog_id)
            kind = 0 if position == 0 else 1
            revlog.append((revlog_id, card_id, -1, ease, interval, previous if position else -600, 2500, 5000, kind))
        stability = max(0.5, interval * rng.uniform(0.6, 1.4))
        data = {"lrt": last}
        if fsrs:
            data = {"s": round(stability, 4), "d": round(rng.uniform(1, 10), 3), "dr": 0.9, "decay": 0.1542, **data}
        due = today + max(-30, int((last + interval * DAY_S - now) / DAY_S))
        updates.append((interval, due, json.dumps(data, separators=(",", ":")), card_id))
    db.executemany(
        "insert into revlog (id,cid,usn,ease,ivl,lastIvl,factor,time,type) values (?,?,?,?,?,?,?,?,?)", revlog
    )
    db.executemany("update cards set type = 2, queue = 2, ivl = ?, due = ?, data = ? where id = ?", updates)
    db.commit()
    db.close()
    return len(revlog)


def median_time(function: Callable[[], T], repeat: int) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-readiness.md"))
    parser.add_argument("--no-desktop", action="store_true", help="skip the measurements in the real desktop")
    parser.add_argument("--drive", nargs=4, metavar=("KIND", "BASE", "ADDON", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive_desktop(args.drive[0], Path(args.drive[1]), Path(args.drive[2]), Path(args.drive[3]))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-readiness-"))
    rows = []
    try:
        started = time.perf_counter()
        revlog_rows = build(folder / "fsrs.anki2", args.cards, fsrs=True)
        build(folder / "sm2.anki2", args.cards, fsrs=False)
        print(f"built 2 collections in {time.perf_counter() - started:.0f} s", file=sys.stderr)

        col = Collection(str(folder / "fsrs.anki2"))
        report_s, report = median_time(lambda: compute_report(col), args.repeat)
        graphs_s, _ = median_time(
            lambda: [col._backend.graphs(search=f"tag:interview::{key}", days=30) for key in CATEGORY_KEYS],
            args.repeat,
        )
        trend_s, _ = median_time(lambda: compute_trend(col, report), 1)
        interview = real_today(col) + timedelta(days=PROJECTION_DAYS)
        dated_s, dated = median_time(lambda: compute_report(col, interview_date=interview), args.repeat)
        project_s, projected = median_time(lambda: projections(col, dated).by_category, args.repeat)
        assert all(p is not None and p.method == METHOD_DIRECT for p in projected.values())
        # The strip with a warm cache: the hook's cache-key check (col.mod, today) plus the HTML.
        strip_s, strip = median_time(lambda: (col.mod, real_today(col), render.render_strip(report)), 20)
        panel_s, _ = median_time(lambda: render.render_panel(render.PanelView(report, {}, 7)), 5)
        col.close()

        incremental = incremental_rows(folder / "fsrs.anki2", folder / "answered.anki2", args.repeat)
        desktop = [] if args.no_desktop else desktop_rows(folder, args.cards)

        col = Collection(str(folder / "sm2.anki2"))
        bulk = EstimateCache()
        cold_s, sm2 = median_time(lambda: compute_report(col, estimates=bulk), 1)
        assert bulk.bulk_runs == 1, "the cold estimate used one snapshot"
        one_by_one_s, _ = median_time(lambda: compute_report(col, estimates=EstimateCache(bulk_from=10**9)), 1)
        assert col.db is not None
        col.db.execute("update cards set mod = mod + 1 where id % 100 = 0")  # as if 1% were reviewed
        warm_s, _ = median_time(lambda: compute_report(col, estimates=bulk), 1)
        sm2_dated = compute_report(col, interview_date=interview, estimates=bulk)
        copy_s, copied = median_time(lambda: projections(col, sm2_dated).by_category, 1)
        assert all(p is not None and p.method == METHOD_COPY for p in copied.values())
        col.close()

        studied = sum(c.cards - c.new for c in report.categories.values())
        rows = [
            ("cards / studied / revlog rows", f"{args.cards:,} / {studied:,} / {revlog_rows:,}"),
            ("whole report, 4 categories (FSRS)", f"{report_s * 1000:.0f} ms"),
            ("Anki `graphs(tag:interview::<c>, days=30)`, summed over 4", f"{graphs_s * 1000:.0f} ms"),
            ("report / graphs (target <= 0.5)", f"{report_s / graphs_s:.2f}"),
            ("SM-2 estimate path, cold (every state estimated)", f"{cold_s:.1f} s ({sm2.estimated_states:,} states)"),
            ("· the same, a `compute_memory_state` call a card (reference)", f"{one_by_one_s:.1f} s"),
            ("SM-2 estimate path, warm cache after 1% changed", f"{warm_s:.2f} s"),
            ("deck-browser strip, warm cache (cache check + HTML)", f"{strip_s * 1000:.3f} ms ({len(strip[2])} chars)"),
            ("panel HTML render", f"{panel_s * 1000:.1f} ms"),
            ("90-day trend from the review log", f"{trend_s:.2f} s"),
            (
                "whole report with an interview date (FSRS)",
                f"{dated_s * 1000:.0f} ms ({dated_s / graphs_s:.2f}x graphs)",
            ),
            (
                f"projection, 4 categories, {PROJECTION_DAYS} days (FSRS: simulator on the collection)",
                f"{project_s:.2f} s ({project_s / graphs_s:.1f}x graphs)",
            ),
            (
                f"projection, 4 categories, {PROJECTION_DAYS} days (SM-2: simulator on a snapshot with FSRS on)",
                f"{copy_s:.1f} s ({copy_s / graphs_s:.1f}x graphs)",
            ),
            *incremental,
            *desktop,
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    command = f".venv/bin/python bench/bench_readiness.py --cards {args.cards} --repeat {args.repeat}"
    table = "\n".join(["| what | figure |", "|---|---|", *(f"| {what} | {figure} |" for what, figure in rows)])
    text = f"# Readiness benchmark\n\n`{command}`\n\n{table}\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


# Incremental reports (issue 12) ########################################################################

ANSWERS = 200


def answer_cards(col: Collection, count: int, deck: str = "MLE Interview") -> int:
    """Answer `count` cards through Anki's v3 scheduler, as the reviewer does (one Again in five, else Good)."""
    from anki.scheduler.v3 import CardAnswer

    col.decks.select(DeckId(col.decks.id(deck) or 0))
    answered = 0
    while answered < count:
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        top = queued.cards[0]
        card = col.get_card(top.card.id)
        card.start_timer()
        rating = CardAnswer.AGAIN if answered % 5 == 0 else CardAnswer.GOOD
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))
        answered += 1
    return answered


def incremental_rows(source: Path, path: Path, rounds: int) -> list[tuple[str, str]]:
    """A report after 200 answers from the kept cache, against graphs and a cold report of the same moment."""
    shutil.copyfile(source, path)
    col = Collection(str(path))
    try:
        config = col.decks.get_config(1)  # NOTE: the default preset allows 200 reviews a day; the rounds need more
        assert config is not None
        config["rev"]["perDay"] = 9999  # NOTE: the most Anki accepts
        col.decks.update_config(config)
        assert col.db is not None
        due = col.db.scalar("select count() from cards where queue = 2 and due <= ?", col.sched.today)
        if due < ANSWERS * (rounds + 1):  # NOTE: the synthetic history leaves about a fifth due; small runs need more
            col.db.execute("update cards set due = ? where queue = 2 and id % 4 = 0", col.sched.today)
            col.close()
            col.reopen()
        now = report_clock(col)
        cache = CardCache()

        def graphs() -> object:
            return [col._backend.graphs(search=f"tag:interview::{key}", days=30) for key in CATEGORY_KEYS]

        first_s, _ = median_time(lambda: compute_report(col, now=now, cache=cache), 1)
        cold, incremental, graphs_times, read_again, equal = [], [], [], [], True
        cold_cpu: list[float] = []
        graphs_cpu: list[float] = []
        for _ in range(max(rounds, 1)):
            assert answer_cards(col, ANSWERS) == ANSWERS, "enough cards are due"
            # NOTE: the desktop computes the report after a pause of 5 s without an answer, or when the user leaves
            # the reviewer; the scheduler here answers hundreds of cards a second. So the report comes in the second
            # after the last answer, as the desktop's would (`mod` is in whole seconds: the cards changed in the
            # current second are read again by the next report too).
            time.sleep(1.0 - time.time() % 1.0)
            started = time.perf_counter()
            kept = compute_report(col, now=now, cache=cache)
            incremental.append(time.perf_counter() - started)
            read_again.append(cache.last_changed)
            fresh = compute_report(col, now=now)
            equal = (
                equal and kept.to_dict() == fresh.to_dict() and sorted(kept.card_recall) == sorted(fresh.card_recall)
            )
            for _ in range(2):  # NOTE: the cold report and graphs alternate, so both see the same load
                cpu_started = time.process_time()
                cold.append(median_time(lambda: compute_report(col, now=now), 1)[0])
                cold_cpu.append(time.process_time() - cpu_started)
                cpu_started = time.process_time()
                graphs_times.append(median_time(graphs, 1)[0])
                graphs_cpu.append(time.process_time() - cpu_started)
        assert cache.fills == 1, "the rounds never filled the cache again"
        next_hour_s, _ = median_time(lambda: compute_report(col, now=now + 3600, cache=cache), 1)
    finally:
        col.close()
    graphs_s, cold_s, incremental_s = (statistics.median(times) for times in (graphs_times, cold, incremental))
    cold_cpu_s = statistics.median(cold_cpu)
    return [
        ("Anki `graphs`, 4 categories, in the incremental rounds (reference)", f"{graphs_s * 1000:.0f} ms"),
        (
            "cold report (no cache, as the command line) ÷ graphs (target <= 0.8)",
            f"{cold_s * 1000:.0f} ms = {cold_s / graphs_s:.2f}x",
        ),
        (
            "· its CPU time, both threads (the read-ahead thread's SQL included) ÷ graphs' CPU time",
            f"{cold_cpu_s * 1000:.0f} ms = {cold_cpu_s / statistics.median(graphs_cpu):.2f}x",
        ),
        (
            f"report after {ANSWERS} answers, from the kept per-card cache ÷ graphs (target <= 0.1)",
            f"{incremental_s * 1000:.1f} ms = {incremental_s / graphs_s:.3f}x ({statistics.median(read_again):.0f} "
            f"cards read again; {len(incremental)} rounds, max {max(incremental) * 1000:.1f} ms)",
        ),
        ("· equal to the cold report of the same moment, every round", "yes" if equal else "NO"),
        ("· the first report with a kept cache (fills it, once a session)", f"{first_s / graphs_s:.2f}x graphs"),
        ("· the same cache in the next hour (every card's recall computed again)", f"{next_hour_s / graphs_s:.3f}x"),
    ]


# In the real desktop (a child process: Qt starts once per process) ##########################################


def desktop_rows(folder: Path, cards: int) -> list[tuple[str, str]]:
    """The next-card delay with the panel open and closed (FSRS), and the first answer after an SM-2 profile opens."""
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "gui"))
    from harness import PROFILE, build_release, create_profile, prepare_environment

    release = build_release(folder / "dist")
    data = {}
    for kind, source in (("review", "fsrs.anki2"), ("first-answer", "sm2.anki2")):
        base = folder / f"anki-{kind}"
        prepare_environment(base)
        create_profile(base)
        (base / PROFILE).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / source, base / PROFILE / "collection.anki2")
        report = folder / f"{kind}.json"
        subprocess.run(
            [sys.executable, __file__, "--drive", kind, str(base), str(release.addon), str(report)],
            check=True,
            timeout=1800,
        )
        data.update(json.loads(report.read_text(encoding="utf-8")))

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    return [
        (f"next-card delay, 20 answers, {cards:,} cards, panel closed (Anki alone, reference)", ms(data["closed"])),
        (f"next-card delay, 20 answers, {cards:,} cards, panel open (target median < 100 ms)", ms(data["open"])),
        ("· reports the open panel computed during the 20 answers", str(data["reports_while_answering"])),
        ("· the panel's report after the session (on leaving the reviewer)", f"{data['after_session'] * 1000:.0f} ms"),
        (
            "SM-2: delay of the first answer right after the profile opens, while the strip's first report runs",
            f"{data['first_answer'] * 1000:.0f} ms (a later answer: {data['later_answer'] * 1000:.0f} ms; "
            f"the strip's report took {data['strip_report']:.1f} s)",
        ),
    ]


def drive_desktop(kind: str, base: Path, addon: Path, report: Path) -> None:
    """In the child process: Anki headless with the add-on installed from the built .ankiaddon."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "gui"))
    from harness import AnkiDesktop

    desktop = AnkiDesktop(base)
    data: dict[str, object] = {}
    try:
        started = time.perf_counter()
        desktop.start(install=addon)
        package = json.loads((Path(__file__).resolve().parents[1] / "manifest.json").read_text())["package"]
        module = desktop.addon_module(package)
        if kind == "review":
            _drive_review(desktop, module, data)
        else:
            _drive_first_answer(desktop, module, data, started)
    finally:
        desktop.quit()
        report.write_text(json.dumps(data), encoding="utf-8")
    assert not desktop.catcher.problems, desktop.catcher.problems


_SHOWN: list[float] = []  # when the reviewer showed each question (perf_counter)


def _wait_js(desktop: Any, web: Any, condition: str, what: str, timeout_s: float = 300) -> None:
    """Until a JS condition holds in a web view. NOTE: a page that navigates drops pending callbacks, so each
    evaluation waits briefly and is asked again, instead of the harness's one long wait."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        results: list[Any] = []
        web.evalWithCallback(condition, results.append)
        until = time.monotonic() + 2
        while not results and time.monotonic() < until:
            desktop.spin(20)
        if results and results[0] is True:
            return
        desktop.spin(100)
    raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}")


def _reviewer(desktop: Any, deck: str) -> None:
    """Start reviewing `deck`, as the user does from its overview."""
    from aqt import gui_hooks

    mw = desktop.mw
    if not _SHOWN:
        gui_hooks.reviewer_did_show_question.append(lambda _card: _SHOWN.append(time.perf_counter()))
        _SHOWN.append(0.0)
    mw.col.decks.select(mw.col.decks.id(deck))
    mw.moveToState("overview")
    _wait_js(desktop, mw.web, "document.body.innerText.includes('Study Now')", "the overview")
    desktop.spin(300)
    mw.moveToState("review")
    desktop.wait_until(lambda: mw.reviewer.state == "question", "the first question", timeout_s=300)
    _wait_js(desktop, mw.web, "typeof _showQuestion === 'function'", "the reviewer's page")


def _answer(desktop: Any) -> float:
    """Show the answer, press Good; the time until the reviewer shows the next question."""
    mw = desktop.mw
    mw.reviewer._showAnswer()
    desktop.wait_until(lambda: mw.reviewer.state == "answer", "the answer")
    before = len(_SHOWN)
    started = time.perf_counter()
    mw.reviewer._answerCard(3)
    desktop.wait_until(lambda: len(_SHOWN) > before, "the next question", timeout_s=300)
    delay = _SHOWN[-1] - started
    _wait_js(desktop, mw.web, "typeof _showQuestion === 'function'", "the reviewer's queued scripts")
    return delay


def _drive_review(desktop: Any, module: Any, data: dict[str, object]) -> None:
    mw = desktop.mw
    addon = module.gui.addon()
    _reviewer(desktop, "MLE Interview::algorithms")
    data["closed"] = [_answer(desktop) for _ in range(20)]
    mw.moveToState("deckBrowser")
    addon.open_panel()
    desktop.wait_until(lambda: addon.cached_report() is not None, "the panel's report", timeout_s=900)
    desktop.wait_for_operations()  # the trend and the projections too
    reports = module.gui.compute_report
    calls: list[float] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(time.perf_counter())
        return reports(*args, **kwargs)

    module.gui.compute_report = counted
    _reviewer(desktop, "MLE Interview::ml-design")
    data["open"] = [_answer(desktop) for _ in range(20)]
    data["reports_while_answering"] = len(calls)
    started = time.perf_counter()
    mw.moveToState("overview")
    desktop.wait_until(lambda: addon.cached_report() is not None, "the report after the session", timeout_s=900)
    data["after_session"] = time.perf_counter() - started
    desktop.wait_for_operations()
    addon.dialog.close()


def _drive_first_answer(desktop: Any, module: Any, data: dict[str, object], started: float) -> None:
    """Right after the profile opened: the strip's first report is running; study at once."""
    addon = module.gui.addon()
    strip_started = time.perf_counter()
    _reviewer(desktop, "MLE Interview::algorithms")
    data["first_answer"] = _answer(desktop)
    desktop.wait_until(lambda: not addon._computing, "the strip's first report", timeout_s=900)
    data["strip_report"] = time.perf_counter() - strip_started
    desktop.wait_for_operations()
    data["later_answer"] = _answer(desktop)
    data["opened_after"] = strip_started - started


if __name__ == "__main__":
    main()
