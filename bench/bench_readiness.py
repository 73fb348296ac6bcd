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
  report, apart from it: on the FSRS collection directly, on the SM-2 one on a private snapshot (nothing to undo).

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
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anki.collection import AddNoteRequest, Collection
from anki.decks import DeckId

from addon.categories import CATEGORY_KEYS
from addon.estimates import EstimateCache
from addon.readiness import compute_report, real_today, render
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
    args = parser.parse_args()
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
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    command = f".venv/bin/python bench/bench_readiness.py --cards {args.cards} --repeat {args.repeat}"
    table = "\n".join(["| what | figure |", "|---|---|", *(f"| {what} | {figure} |" for what, figure in rows)])
    text = f"# Readiness benchmark\n\n`{command}`\n\n{table}\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
