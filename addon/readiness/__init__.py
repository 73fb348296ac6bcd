"""The readiness report: per interview category, where you stand and where you will be on the interview day.

The data flows through one module per step, and each imports only the steps before it:
- `read`: the bulk SQL reads of the collection (card groups, desired retention, review counts); plain values out;
- `model`: `compute_report(col, ...) -> Report`, the figures, a pure function of the collection, the day and the dates;
- `render`: the panel and the deck-browser strip as HTML, pure functions of a `Report`;
- `cli`: `python -m addon.readiness COLLECTION`, a text table or the JSON of `Report.to_dict()`.
Nothing here writes to the collection or imports Qt; `gui.py` wires it into Anki. The names below are the report's
public API, re-exported so callers need not know which step defines them.
"""

from __future__ import annotations

from .model import (
    DEFAULT_LEAD_DAYS,
    MODEL_FSRS,
    MODEL_SM2,
    CardRecall,
    CategoryReport,
    InterviewDates,
    Report,
    TopicReport,
    compute_report,
    dates_for,
    real_today,
    retrievability,
)
from .read import DAY_S

__all__ = [
    "DAY_S",
    "DEFAULT_LEAD_DAYS",
    "MODEL_FSRS",
    "MODEL_SM2",
    "CardRecall",
    "CategoryReport",
    "InterviewDates",
    "Report",
    "TopicReport",
    "compute_report",
    "dates_for",
    "real_today",
    "retrievability",
]
