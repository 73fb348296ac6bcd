"""Benchmark: the practice work the desktop runs in the background, on 100,000 cards, against the report it waits for.

    .venv/bin/python bench/bench_practice.py [--cards 100000] [--repeat 3] [--out /tmp/bench-practice.md]

The collection is the readiness benchmark's (`bench_readiness.build`: four categories, 80% studied, about 12 reviews
a studied card), with a `difficulty::<level>` tag on every algorithms note, so the coding round has 25,000 problems,
and a full practice log (every round at its cap). Measured in the same run (median of the repeats):
- the reference: the readiness report, which "what I need most" and Today's practice wait for (its recall now);
- a pick by "what I need most": the round's candidates, their ranking, the pick and the card rendered;
- the same for "surprise me" (no ranking);
- Today's practice's plan (without the write) and its filtered deck (the write, then undone);
- the panel's and the strip's practice figures;
- the mock window's timer refresh (the HTML of the timer and the buttons), which runs on the main thread.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from anki.collection import Collection
from bench_readiness import build

from addon.card_meta import DIFFICULTIES
from addon.practice import daily, items, log, pick, render, stats
from addon.practice.grading import GRADES
from addon.practice.mock import MockState
from addon.readiness import compute_report

T = TypeVar("T")


def median_time(function: Callable[[], T], repeat: int) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result  # type: ignore[return-value]


def prepare(col: Collection) -> None:
    """Difficulty tags on the algorithms notes, and a practice log with every round at its cap."""
    rng = random.Random(5)
    algorithms = col.find_notes("tag:interview::algorithms")
    for index, level in enumerate(DIFFICULTIES):
        col.tags.bulk_add(algorithms[index :: len(DIFFICULTIES)], f"difficulty::{level}")
    attempts = []
    for round_key, cap in log.MAX_PER_ROUND.items():
        pool = [candidate.card_id for candidate in items.candidates(col, round_key)] or [1]
        phases = 8 if round_key.endswith("design") else 2 if round_key == "coding" else 1
        for index in range(cap):
            attempts.append(
                log.Attempt(
                    int(time.time() * 1000) - index * 3_600_000 - rng.randint(0, 999),
                    rng.choice(pool),
                    round_key,
                    rng.choice(GRADES),
                    3,
                    tuple(rng.randint(60, 1500) for _ in range(phases)),
                    45,
                )
            )
    col.set_config(log.LOG_KEY, log.dump_log(attempts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-practice.md"))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-practice-"))
    rows = []
    try:
        build(folder / "collection.anki2", args.cards, fsrs=True)
        col = Collection(str(folder / "collection.anki2"))
        prepare(col)
        report_s, report = median_time(lambda: compute_report(col), args.repeat)
        recall = {card.card_id: card.recall_now for card in report.card_recall if card.studied}

        def need_most(round_key: str) -> items.PracticeItem | None:
            candidates = items.candidates(col, round_key)
            chosen = pick.pick_need_most(pick.rank(col, candidates, log.read_log(col), recall), pick.Session())
            return items.load_item(col, chosen.candidate) if chosen else None

        def surprise(round_key: str) -> items.PracticeItem | None:
            drawn = pick.pick_surprise(items.candidates(col, round_key), pick.Session(), random.Random(1))
            return items.load_item(col, drawn) if drawn else None

        def plan() -> list[pick.Ranked]:
            ranked = pick.rank(col, items.candidates(col, items.CODING), log.read_log(col), recall)
            return daily.plan(ranked, 3, pick.DEFAULT_MIX)

        coding_s, item = median_time(lambda: need_most(items.CODING), args.repeat)
        breadth_s, _ = median_time(lambda: need_most(items.ML_BREADTH), args.repeat)
        surprise_s, _ = median_time(lambda: surprise(items.CODING), args.repeat)
        plan_s, chosen = median_time(plan, args.repeat)
        deck_s, _ = median_time(lambda: daily.make_daily_deck(col, chosen), 1)
        col.undo()
        figures_s, _ = median_time(lambda: stats.practice_summary(col), args.repeat)
        assert item is not None
        state = MockState().start(item, pick.UNSEEN, 0.0)
        tick_s, _ = median_time(lambda: render.update_script(state, 600.0), 50)
        size = log.encoded_size(log.read_log(col))
        coding_count = len(items.candidates(col, items.CODING))
        breadth_count = len(items.candidates(col, items.ML_BREADTH))
        col.close()

        def versus(seconds: float) -> str:
            return f"{seconds * 1000:.0f} ms ({seconds / report_s:.2f}x)"

        rows = [
            ("cards / coding / ML-breadth candidates", f"{args.cards:,} / {coding_count:,} / {breadth_count:,}"),
            ("practice log (every round at its cap)", f"{size:,} bytes"),
            ("reference: the readiness report (the pick waits for it)", f"{report_s * 1000:.0f} ms"),
            ("what I need most, coding (candidates, rank, pick, render)", versus(coding_s)),
            ("what I need most, ML breadth", versus(breadth_s)),
            ("surprise me, coding", versus(surprise_s)),
            ("Today's practice: plan", versus(plan_s)),
            ("Today's practice: the filtered deck (the write)", f"{deck_s * 1000:.0f} ms"),
            ("practice figures (panel and strip)", versus(figures_s)),
            ("mock window timer refresh (main thread)", f"{tick_s * 1000:.2f} ms"),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    command = f".venv/bin/python bench/bench_practice.py --cards {args.cards} --repeat {args.repeat}"
    table = "\n".join(["| what | figure |", "|---|---|", *(f"| {what} | {figure} |" for what, figure in rows)])
    text = f"# Practice benchmark\n\n`{command}`\n\n{table}\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
