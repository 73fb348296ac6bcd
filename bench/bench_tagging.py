"""Benchmark: tag a synthetic 100,000-note collection with the default rules, against a bare `col.tags.bulk_add`.

    .venv/bin/python bench/bench_tagging.py [--notes 100000] [--repeat 3]

The collection mixes what users have: LeetCode and system-design decks from elsewhere, our own decks (some notes
already carrying topic tags) and unrelated decks with user tags. Each repeat times, on the same collection:
the full "Tag now" (plan = bulk reads and rule matching, then apply = bulk tag writes in one undo step); the second,
idempotent run; and a bare `col.tags.bulk_add` of exactly the notes the tagging changed. Undo resets between runs.
Prints a markdown table (median of the repeats).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anki.collection import AddNoteRequest, Collection
from anki.decks import DeckId

from addon.rules import default_settings
from addon.tagging import apply_plan, plan_tagging, tag_collection

# deck name, share of the notes, tags on each note
MIX = (
    ("LeetCode Top 150::Arrays", 0.20, "leetcode"),
    ("LeetCode Top 150::Graphs", 0.20, "leetcode hard"),
    ("System Design Primer", 0.20, "sdp"),
    ("MLE Interview::ML Concepts::Metrics", 0.10, ""),
    ("MLE Interview::Algorithms::Heaps", 0.10, "interview::algorithms::heaps"),
    ("Spanish::Vocab", 0.20, "vocab spanish::a1"),
)


def build_collection(path: Path, notes: int) -> tuple[Collection, float]:
    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    assert basic is not None
    requests = []
    for deck_name, share, tags in MIX:
        deck_id = DeckId(col.decks.id(deck_name) or 0)
        for index in range(int(notes * share)):
            note = col.new_note(basic)
            note["Front"] = f"{deck_name} {index}"
            note["Back"] = "answer"
            note.tags = tags.split()
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
    started = time.perf_counter()
    col.add_notes(requests)
    return col, time.perf_counter() - started


T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    settings = default_settings()

    with tempfile.TemporaryDirectory() as folder:
        col, add_seconds = build_collection(Path(folder) / "bench.anki2", args.notes)
        total_notes = col.note_count()
        times: dict[str, list[float]] = {"plan": [], "apply": [], "tag": [], "again": [], "bare": []}
        tagged = 0
        for _ in range(args.repeat):
            seconds, result = timed(lambda: tag_collection(col, settings))
            times["tag"].append(seconds)
            tagged = result.plan.added
            seconds, _ = timed(lambda: tag_collection(col, settings))
            times["again"].append(seconds)
            col.undo()

            seconds, plan = timed(lambda: plan_tagging(col, settings))
            times["plan"].append(seconds)
            seconds, _ = timed(partial(apply_plan, col, plan))
            times["apply"].append(seconds)
            col.undo()

            note_ids = [nid for ids in plan.additions.values() for nid in ids]
            seconds, _ = timed(partial(col.tags.bulk_add, note_ids, "interview::algorithms"))
            times["bare"].append(seconds)
            col.undo()
        col.close()

    def cell(key: str) -> str:
        return f"{statistics.median(times[key]) * 1000:,.0f} ms"

    print(f"{total_notes:,} notes ({tagged:,} get a category tag); adding them took {add_seconds:.1f} s;")
    print(f"median of {args.repeat} runs, `python bench/bench_tagging.py --notes {args.notes}`\n")
    print("| what | time |")
    print("|---|---|")
    print(f"| Tag now with the default rules (plan + apply, one undo step) | {cell('tag')} |")
    print(f"| &nbsp;&nbsp;plan: bulk reads + rule matching | {cell('plan')} |")
    print(f"| &nbsp;&nbsp;apply: `bulk_add` per category + undo merge | {cell('apply')} |")
    print(f"| bare `col.tags.bulk_add` of the same {tagged:,} notes | {cell('bare')} |")
    print(f"| second run (nothing to do, no write) | {cell('again')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
