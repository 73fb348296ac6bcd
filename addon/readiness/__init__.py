"""The readiness report: per interview category, where you stand and where you will be on the interview day.

The data flows through one module per step, and each imports only the steps before it:
- `read`: the bulk SQL reads of the collection (card groups, desired retention, review counts); plain values out;
- `model`: `compute_report(col, ...) -> Report`, the figures, a pure function of the collection, the day and the dates;
- `render`: the panel and the deck-browser strip as HTML, pure functions of a `Report`;
- `cli`: `python -m addon.readiness COLLECTION`, a text table or the JSON of `Report.to_dict()`.
Nothing here writes to the collection or imports Qt; `gui.py` wires it into Anki. The names below are the report's
public API, re-exported so callers need not know which step defines them. They are imported on first use (PEP 562):
`python -m addon.readiness` must start without `anki`, so that `__main__` can say what to install when it is missing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        report_clock,
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
    "report_clock",
    "retrievability",
]

_STEP_OF = {name: "read" if name == "DAY_S" else "model" for name in __all__}


def __getattr__(name: str) -> Any:
    step = _STEP_OF.get(name)
    if step is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{step}", __name__), name)
    globals()[name] = value
    return value
