"""The readiness report on the command line: `python -m addon.readiness COLLECTION [--json]`.

The terminal's end of the report (read -> model -> render, and here a text table or the JSON of `Report.to_dict()`).
It owns what the panel does not need: arguments, the temporary copy that leaves the user's file byte-identical, the
lock probe, exit codes and one-line errors. Imports `anki` (through the model) and the standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from anki.collection import Collection

from ..categories import SEPARATOR
from ..readiness_config import MAX_BUDGET, MIN_BUDGET
from .model import DEFAULT_LEAD_DAYS, Report, compute_report
from .plan import MAX_NEW_PER_DAY
from .project import projections
from .render import budget_text, plan_text

EXIT_OK, EXIT_FILE, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    def __init__(self, message: str, hint: str = "", code: int = EXIT_FILE) -> None:
        super().__init__(message)
        self.hint = hint
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m addon.readiness COLLECTION [--interview-date D] [--today D] [--json]`."""
    parser = argparse.ArgumentParser(
        prog="python -m addon.readiness",
        description="Print the interview readiness report of an Anki collection. The file is never modified: the "
        "report is computed on a temporary copy.",
    )
    parser.add_argument(
        "collection", type=Path, help="a collection file, e.g. ~/.local/share/Anki2/User 1/collection.anki2"
    )
    parser.add_argument("--interview-date", type=_parse_date, help="YYYY-MM-DD")
    parser.add_argument("--today", type=_parse_date, help="YYYY-MM-DD (default: Anki's current day)")
    parser.add_argument(
        "--lead-days", type=int, default=DEFAULT_LEAD_DAYS, help="see every new card this many days early"
    )
    parser.add_argument(
        "--max-new-per-day",
        type=_budget,
        default=MAX_NEW_PER_DAY,
        help="the most new cards a day the plan asks for, over all categories together (the add-on's "
        "max_new_cards_per_day)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON (Report.to_dict())")
    parser.add_argument(
        "--no-projection", action="store_true", help="skip Anki's simulator: each category's projection is null"
    )
    args = parser.parse_args(argv)
    try:
        # NOTE: Anki 24.11 prints "blocked main thread" diagnostics to stdout; stdout must hold only the report.
        with contextlib.redirect_stdout(sys.stderr):
            report = report_for_file(
                args.collection,
                args.today,
                args.interview_date,
                args.lead_days,
                project=not args.no_projection,
                new_budget=args.max_new_per_day,
            )
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        if error.hint:
            print(f"hint: {error.hint}", file=sys.stderr)
        return error.code
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_table(report))
    return EXIT_OK


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _budget(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not MIN_BUDGET <= value <= MAX_BUDGET:
        raise argparse.ArgumentTypeError(f"not a whole number from {MIN_BUDGET} to {MAX_BUDGET}: {text!r}")
    return value


def report_for_file(
    path: Path,
    today: date | None = None,
    interview_date: date | None = None,
    lead_days: int = DEFAULT_LEAD_DAYS,
    *,
    project: bool = True,
    new_budget: int = MAX_NEW_PER_DAY,
) -> Report:
    """The report of a collection file, computed on a temporary copy so the file stays byte-identical; with
    `project`, with each category's projection from Anki's simulator."""
    if not path.is_file():
        raise CliError(f"{path}: no such collection file", "pass the path of a collection.anki2 file")
    _check_not_locked(path)
    with tempfile.TemporaryDirectory(prefix="mle-readiness-") as folder:
        copy = Path(folder) / "collection.anki2"
        try:
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except PermissionError:
            raise _locked(path) from None
        except OSError as error:
            raise CliError(f"{path}: cannot read the collection: {error}") from None
        try:
            col = Collection(str(copy))
        except Exception as error:
            raise CliError(f"{path}: Anki cannot open this collection: {error}") from None
        try:
            report = compute_report(col, today, interview_date, lead_days=lead_days, new_budget=new_budget)
            # NOTE: `col` is the CLI's own temporary copy: the SM-2 projection may switch it to FSRS
            return report.with_projections(projections(col, report, throwaway=True).by_category) if project else report
        finally:
            col.close()


# SQLite's lock bytes (os_unix.c): a writer or an exclusive holder locks the "shared" range below PENDING_BYTE + 2.
_SHARED_FIRST, _SHARED_SIZE = 0x40000002, 510


def _check_not_locked(path: Path) -> None:
    """A collection open in Anki is locked (Anki holds SQLite's exclusive lock): say so instead of reading half a file.

    NOTE: a probe of SQLite's lock bytes with a non-blocking shared `fcntl` lock, released at once. Opening the file
    with `sqlite3` instead would leave `-wal`/`-shm` files beside it. Windows has no `fcntl`; there the copy itself
    fails on a locked file, which `report_for_file` turns into the same message.
    """
    try:
        import fcntl
    except ImportError:
        return
    import os

    descriptor = os.open(path, os.O_RDONLY)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB, _SHARED_SIZE, _SHARED_FIRST, os.SEEK_SET)
        fcntl.lockf(descriptor, fcntl.LOCK_UN, _SHARED_SIZE, _SHARED_FIRST, os.SEEK_SET)
    except OSError:
        raise _locked(path) from None
    finally:
        os.close(descriptor)


def _locked(path: Path) -> CliError:
    return CliError(
        f"{path}: the collection is locked (it is open in Anki or another program)",
        "close Anki, or switch to another profile, then run this again",
    )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _number(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def format_table(report: Report) -> str:
    """The report as a plain-text table for a terminal: the figures of the panel, then its plan and topics."""
    when = report.interview_date.isoformat() if report.interview_date else "not set"
    lines = [
        f"Interview readiness on {report.today.isoformat()} (interview: {when}; memory: {report.memory_model})",
        "",
    ]
    columns = (
        ("category", 14),
        ("cards", 7),
        ("studied", 8),
        ("covered", 8),
        ("recall*", 8),
        ("going on", 9),
        ("stopping", 9),
        ("TR 30d", 7),
        ("due", 6),
        ("new/day", 8),
    )
    lines.append(" ".join(name.rjust(width) if i else name.ljust(width) for i, (name, width) in enumerate(columns)))
    for key, cat in report.categories.items():
        values = (
            key,
            _number(cat.cards),
            _number(cat.studied),
            _percent(cat.coverage),
            _percent(cat.recall_studied_now),
            _percent(cat.projection.known_at_interview if cat.projection else None),
            _percent(cat.recall_at_interview),
            _percent(cat.true_retention_30d),
            _number(cat.due_before_interview),
            _number(cat.plan.new_per_day if cat.cards else None),
        )
        lines.append(" ".join(v.rjust(w) if i else v.ljust(w) for i, (v, (_, w)) in enumerate(zip(values, columns))))  # noqa: B905 (3.9)
    lines += [
        "",
        "recall*: of the studied cards, now. going on / stopping: share of the category known on the interview day",
        "if you keep studying at the deck's limits (Anki's FSRS simulator) / if you stop reviewing today.",
        "",
        "Plan:",
        *([f"  {budget_text(report)}"] if report.budget.needed else []),
        *(f"  {key}: {plan_text(key, cat, report.budget)}" for key, cat in report.categories.items() if cat.cards),
    ]
    weakest = [
        f"  {key}: "
        + ", ".join(f"{_topic(t.tag)} {_percent(t.recall_at_interview)}" for t in cat.weakest_studied_topics)
        for key, cat in report.categories.items()
        if cat.weakest_studied_topics
    ]
    if weakest:
        lines += ["", "Weakest studied topics (recall on the day if you stop reviewing):", *weakest]
    not_started = [
        f"  {key}: " + ", ".join(_topic(t.tag) for t in cat.not_started_topics)
        for key, cat in report.categories.items()
        if cat.not_started_topics
    ]
    if not_started:
        lines += ["", "Not started:", *not_started]
    if report.notes:
        lines += ["", *(f"note: {note}" for note in report.notes)]
    return "\n".join(lines)


def _topic(tag: str) -> str:
    return tag.split(SEPARATOR, 2)[-1]
