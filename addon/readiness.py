"""The readiness report: per interview category, how much is covered and how much will be recalled on the interview day.

`compute_report(col, today, interview_date)` is a pure function of the collection, the day and the interview date: it
only reads (a few bulk SQL queries and, for cards with no FSRS memory state, Anki's own estimates from
`estimates.py`, which do not save). It never writes and never turns FSRS on. Imports `anki` and the add-on's
Anki-free modules only; the CLI (`python -m addon.readiness COLLECTION`) is at the bottom. `docs/readiness.md`
defines every field.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, Union, overload

import anki.collection  # noqa: F401  (NOTE: first: `python -m` imports us before anki, and anki.cards first is circular)
from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.utils import ids2str

from .categories import CATEGORY_KEYS, SEPARATOR, TAG_ROOT, category_of_tag, get
from .estimates import DEFAULT_DECAY, EstimateCache, MemoryState, card_mods

MATURE_IVL = 21  # days: Anki's threshold between young and mature
DEFAULT_DESIRED_RETENTION = 0.9
DEFAULT_LEAD_DAYS = 7
RETENTION_DAYS = 30
WEAKEST_TOPICS = 5
DAY_S = 86400
MODEL_FSRS = "fsrs"
MODEL_SM2 = "sm2-estimate"

# One interview date for every category, or a date per category (key "*" = the default for the others).
InterviewDates = Union[date, Mapping[str, date], None]  # noqa: UP007 (a runtime alias: Python 3.9)
Progress = Callable[[str], None]


def retrievability(state: MemoryState, elapsed_days: float) -> float:
    """FSRS's forgetting curve: R = (1 + f·t/S)^(−decay), f = 0.9^(−1/decay) − 1, so that R(S) = 0.9."""
    if state.stability <= 0 or state.decay <= 0:
        return 0.0
    factor = 0.9 ** (-1.0 / state.decay) - 1.0
    return float((1.0 + factor * max(elapsed_days, 0.0) / state.stability) ** (-state.decay))


@dataclass(frozen=True)
class TopicReport:
    tag: str
    recall_at_interview: float
    cards: int

    def to_dict(self) -> dict[str, Any]:
        return {"tag": self.tag, "recall_at_interview": self.recall_at_interview, "cards": self.cards}


@dataclass(frozen=True)
class CategoryReport:
    cards: int = 0
    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    coverage: float | None = None
    recall_now: float | None = None
    recall_at_interview: float | None = None
    confident_share: float | None = None
    true_retention_30d: float | None = None
    reviews_30d: int = 0
    due_before_interview: int | None = None
    new_per_day_needed: int | None = None
    weakest_topics: tuple[TopicReport, ...] = ()
    interview_date: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cards": self.cards,
            "new": self.new,
            "learning": self.learning,
            "young": self.young,
            "mature": self.mature,
            "coverage": self.coverage,
            "recall_now": self.recall_now,
            "recall_at_interview": self.recall_at_interview,
            "confident_share": self.confident_share,
            "true_retention_30d": self.true_retention_30d,
            "reviews_30d": self.reviews_30d,
            "due_before_interview": self.due_before_interview,
            "new_per_day_needed": self.new_per_day_needed,
            "weakest_topics": [topic.to_dict() for topic in self.weakest_topics],
            "interview_date": _iso(self.interview_date),
        }


class CardRecall(NamedTuple):
    """One card's predicted recall, kept for "Study weakest"; not part of the JSON."""

    card_id: int
    categories: tuple[str, ...]
    recall_now: float
    recall_at_interview: float
    studied: bool


class _CardRecalls(Sequence[CardRecall]):
    """The report's per-card recall, kept as the per-group lists it was computed in; made into `CardRecall` tuples on
    first read (by "Study weakest" or the trend), not for every report.

    NOTE: building 100k tuples took about a fifth of a whole report on 100k cards.
    """

    def __init__(self) -> None:
        self._chunks: list[tuple[Sequence[int], tuple[str, ...], Sequence[float] | None, Sequence[float] | None]] = []
        self._size = 0
        self._items: tuple[CardRecall, ...] | None = None

    def add(
        self,
        ids: Sequence[int],
        categories: tuple[str, ...],
        recall_now: Sequence[float] | None,
        recall_at_interview: Sequence[float] | None,
    ) -> None:
        """Cards of one group; `None` recalls: never studied (recall 0)."""
        self._chunks.append((ids, categories, recall_now, recall_at_interview))
        self._size += len(ids)
        self._items = None

    def _all(self) -> tuple[CardRecall, ...]:
        if self._items is None:
            items: list[CardRecall] = []
            for ids, categories, now, at in self._chunks:
                if now is None or at is None:
                    items += [CardRecall(card_id, categories, 0.0, 0.0, False) for card_id in ids]
                else:
                    items += [
                        CardRecall(card_id, categories, now_value, at_value, True)
                        for card_id, now_value, at_value in zip(ids, now, at)  # noqa: B905 (3.9)
                    ]
            self._items = tuple(items)
        return self._items

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> CardRecall: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[CardRecall]: ...

    def __getitem__(self, index: int | slice) -> CardRecall | Sequence[CardRecall]:
        return self._all()[index]

    def __iter__(self) -> Iterator[CardRecall]:
        return iter(self._all())


@dataclass(frozen=True)
class Report:
    today: date
    interview_date: date | None
    memory_model: str
    categories: Mapping[str, CategoryReport]
    notes: tuple[str, ...] = ()
    card_recall: Sequence[CardRecall] = field(default=(), repr=False, compare=False)
    estimated_states: int = 0  # memory states that came from compute_memory_state rather than the card

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "interview_date": _iso(self.interview_date),
            "memory_model": self.memory_model,
            "categories": {key: report.to_dict() for key, report in self.categories.items()},
            "notes": list(self.notes),
        }

    def weakest_cards(self, category: str, limit: int) -> list[int]:
        """The studied cards of a category with the lowest recall on the interview date, weakest first."""
        pool = [card for card in self.card_recall if card.studied and category in card.categories]
        pool.sort(key=lambda card: (card.recall_at_interview, card.card_id))
        return [card.card_id for card in pool[:limit]]


@dataclass
class _Accumulator:
    cards: int = 0
    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    recall_now: float = 0.0
    recall_at: float = 0.0
    confident: int = 0
    due: int = 0
    reviews: int = 0
    passed: int = 0
    topics: dict[str, list[float]] = field(default_factory=dict)  # tag -> [cards, sum of recall at interview]


def real_today(col: Collection) -> date:
    """Anki's current day as a date: the day that ends at the next rollover (`day_cutoff`)."""
    return datetime.fromtimestamp(col.sched.day_cutoff).date() - timedelta(days=1)


def dates_for(interview_date: InterviewDates, category: str) -> date | None:
    """The interview date that applies to one category."""
    if interview_date is None or isinstance(interview_date, date):
        return interview_date
    return interview_date.get(category) or interview_date.get("*")


def compute_report(
    col: Collection,
    today: date | None = None,
    interview_date: InterviewDates = None,
    *,
    lead_days: int = DEFAULT_LEAD_DAYS,
    now: float | None = None,
    estimates: EstimateCache | None = None,
    progress: Progress | None = None,
) -> Report:
    """The readiness report. `today` defaults to Anki's current day; recall "now" is evaluated at the current time of
    day moved to `today`. `interview_date` is one date or {category or "*": date}. Reads only; never writes."""
    anki_today = real_today(col)
    today = today or anki_today
    shift_days = (today - anki_today).days
    now = (time.time() if now is None else now) + shift_days * DAY_S
    today_number = col.sched.today + shift_days
    fsrs = bool(col.get_config("fsrs", False))
    estimates = estimates if estimates is not None else EstimateCache()
    notes: list[str] = []
    if progress:
        progress("Reading cards...")

    default_date = interview_date if isinstance(interview_date, date) or interview_date is None else None
    if default_date is None and isinstance(interview_date, Mapping):
        default_date = interview_date.get("*")
    horizons: dict[str, float] = {}
    category_dates: dict[str, date | None] = {}
    for key in CATEGORY_KEYS:
        when = dates_for(interview_date, key)
        category_dates[key] = when
        horizons[key] = max((when - today).days, 0) if when else 0
    if any(when is None for when in category_dates.values()):
        notes.append("No interview date set: the figures 'at interview' are for today, and there is no workload.")
    past = sorted({when for when in category_dates.values() if when is not None and when < today})
    for when in past:
        notes.append(
            f"The interview date {when.isoformat()} is in the past: 'at interview' figures are for today, "
            "and there is no workload."
        )

    due_limits = {key: today_number + int(horizons[key]) for key in CATEGORY_KEYS if category_dates[key] is not None}
    groups = _card_groups(col, fsrs, today_number, sorted(set(due_limits.values())))
    if not groups:
        notes.insert(0, _no_cards_note(col))
    desired = _desired_retention(col, {group.home_deck for group in groups})

    accumulators = {key: _Accumulator() for key in CATEGORY_KEYS}
    recalls = _CardRecalls()
    group_of: dict[int, int] = {}  # card id -> index of its group
    estimated = 0
    mods: Mapping[int, int] | None = None
    if not fsrs:
        if progress:
            progress("Estimating memory states (SM-2 collection)...")
        studied = [int(card_id) for group in groups if not group.unseen for card_id in group.ids.split(",")]
        mods = card_mods(col, studied)
        estimates.prefetch(col, mods, progress)
    for index, group in enumerate(groups):
        categories, topics = group.categories, group.topics
        ids = list(map(int, group.ids.split(",")))
        group_of.update(dict.fromkeys(ids, index))
        count = len(ids)
        new = count if group.unseen else 0
        for key in categories:
            acc = accumulators[key]
            acc.cards += count
            acc.new += new
            acc.young += group.young
            acc.mature += group.mature
            acc.learning += count - new - group.young - group.mature
        for key, tag in topics:
            accumulators[key].topics.setdefault(tag, [0, 0.0])[0] += count
        if group.unseen:
            recalls.add(ids, categories, None, None)
            continue
        for key in categories:
            if category_dates[key] is not None:
                accumulators[key].due += group.due_before[due_limits[key]]
        scales, elapsed, decays, estimated_now = _curves(col, group, ids, now, estimates, mods)
        estimated += estimated_now
        if progress and estimated_now:
            progress(f"Estimating memory states: {estimated:,} cards...")
        r_now = _recall(scales, elapsed, decays, 0)
        at_horizon = {
            horizon: _recall(scales, elapsed, decays, horizon) if horizon else r_now
            for horizon in {horizons[key] for key in categories}
        }
        dr = desired.get(group.home_deck, DEFAULT_DESIRED_RETENTION)
        sum_now = sum(r_now)
        sums = {horizon: sum(values) for horizon, values in at_horizon.items()}
        for key in categories:
            acc = accumulators[key]
            acc.recall_now += sum_now
            acc.recall_at += sums[horizons[key]]
            acc.confident += sum(1 for value in at_horizon[horizons[key]] if value >= dr)
        for key, tag in topics:
            accumulators[key].topics[tag][1] += sums[horizons[key]]
        r_min = at_horizon[max(horizons[key] for key in categories)]  # NOTE: recall falls with the horizon
        recalls.add(ids, categories, r_now, r_min)
    estimates.keep_only(group_of)

    _add_true_retention(col, groups, group_of, accumulators, today_number - col.sched.today)

    reports: dict[str, CategoryReport] = {}
    for key in CATEGORY_KEYS:
        acc = accumulators[key]
        report = _category_report(acc, category_dates[key], today, lead_days, notes, key)
        reports[key] = report
    return Report(
        today=today,
        interview_date=default_date,
        memory_model=MODEL_FSRS if fsrs else MODEL_SM2,
        categories=reports,
        notes=tuple(notes),
        card_recall=recalls,
        estimated_states=estimated,
    )


def _category_report(
    acc: _Accumulator, when: date | None, today: date, lead_days: int, notes: list[str], key: str
) -> CategoryReport:
    title = get(key).title
    if acc.cards == 0:
        notes.append(f"{title}: no cards. Tag notes with interview::{key} (Tools > Interview Readiness).")
        return CategoryReport(interview_date=when)
    if acc.new == acc.cards:
        notes.append(f"{title}: only new cards so far, so recall is 0 until you study some.")
    upcoming = when is not None and when >= today
    new_per_day: int | None = None
    if upcoming and when is not None:
        days = (when - timedelta(days=lead_days) - today).days + 1  # today included
        if acc.new == 0:
            new_per_day = 0
        elif days <= 0:
            new_per_day = acc.new
            notes.append(
                f"{title}: less than {lead_days} days to the interview, so every new card would have to be seen today."
            )
        else:
            new_per_day = math.ceil(acc.new / days)
    weakest = sorted(
        (TopicReport(tag, total / count, int(count)) for tag, (count, total) in acc.topics.items()),
        key=lambda topic: (topic.recall_at_interview, topic.tag),
    )[:WEAKEST_TOPICS]
    return CategoryReport(
        cards=acc.cards,
        new=acc.new,
        learning=acc.learning,
        young=acc.young,
        mature=acc.mature,
        coverage=(acc.cards - acc.new) / acc.cards,
        recall_now=acc.recall_now / acc.cards,
        recall_at_interview=acc.recall_at / acc.cards,
        confident_share=acc.confident / acc.cards,
        true_retention_30d=acc.passed / acc.reviews if acc.reviews else None,
        reviews_30d=acc.reviews,
        due_before_interview=acc.due if upcoming else None,
        new_per_day_needed=new_per_day,
        weakest_topics=tuple(weakest),
        interview_date=when,
    )


# Reading the collection ################################################


def _db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


class _CardGroup(NamedTuple):
    """The cards of notes with the same tags, in the same home deck, all new or all studied; per-card values are
    comma-joined text, aligned (SQLite feeds the rows of a group to every aggregate in the same order).

    NOTE: one row per group rather than per card: reading 100k rows through the DB proxy costs more than the whole
    query. SQLite does the join, the JSON and the counting; Python parses the numbers a list at a time.
    """

    categories: tuple[str, ...]
    topics: tuple[tuple[str, str], ...]
    home_deck: int
    unseen: bool  # every card of the group is new
    size: int
    young: int
    mature: int
    ids: str
    stabilities: str  # studied: the FSRS memory state in `data`, '' where missing (or FSRS off)
    decays: str
    reviewed: str  # studied: `lrt`, the last review (epoch s), '' where missing (cards reviewed before Anki 23.10)
    due_before: Mapping[int, int]  # Anki day -> studied cards due before it


_DUE = "case when c.odid != 0 and c.odue != 0 then c.odue else c.due end"
_DUE_DAY = f"case when c.queue in (1, 4) or {_DUE} > 1000000000 then ?1 else {_DUE} end"  # intraday learning: today
_STUDIED_DATA = "case when c.type != 0 and json_valid(c.data) then ifnull(c.data -> '$.{key}', '') else '' end"
# NOTE: `json_valid` guards `->`, which raises on malformed text (and `data` is '' on many cards). `->` returns the
# number's JSON text as Anki wrote it, cheaper than `json_extract`'s conversion to a real and back to text.
_CARD_GROUPS = f"""
select n.tags, case when c.odid != 0 then c.odid else c.did end as home, c.type = 0 as unseen, count(),
  sum(c.type = 2 and c.ivl < {MATURE_IVL}), sum(c.type = 2 and c.ivl >= {MATURE_IVL}), group_concat(c.id),
  group_concat(case when ?2 then {_STUDIED_DATA.format(key="s")} else '' end),
  group_concat(case when ?2 then {_STUDIED_DATA.format(key="decay")} else '' end),
  group_concat({_STUDIED_DATA.format(key="lrt")}){{due_columns}}
from cards c join notes n on n.id = c.nid
where c.queue != -1 and n.tags like '% {TAG_ROOT}{SEPARATOR}%'
group by n.tags, home, unseen
"""


def _card_groups(col: Collection, fsrs: bool, today_number: int, due_limits: Sequence[int]) -> list[_CardGroup]:
    """Every non-suspended card of a note tagged under a category, grouped, with its categories and topic tags, and
    per due limit the studied cards due before it.

    A card in a filtered deck keeps its home deck (`odid`) and original due (`odue`).
    """
    due_columns = "".join(f", sum(c.type != 0 and {_DUE_DAY} < ?{3 + i})" for i in range(len(due_limits)))
    sql = _CARD_GROUPS.format(due_columns=due_columns)
    parsed: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {}
    groups = []
    for row in _db(col).all(sql, today_number, int(fsrs), *due_limits):  # ?1, ?2, ?3...
        tags, home, unseen, size, young, mature, ids, stabilities, decays, reviewed, *due = row
        info = parsed.get(tags)
        if info is None:
            info = parsed[tags] = _categories_and_topics(tags)
        if info[0]:
            due_before = dict(zip(due_limits, due))  # noqa: B905 (3.9)
            groups.append(
                _CardGroup(
                    *info, home, bool(unseen), size, young, mature, ids, stabilities, decays, reviewed, due_before
                )
            )
    return groups


def _positive_numbers(col: Collection, text: str, ids: Sequence[int], key: str) -> list[float | None]:
    """The comma-joined values of `key` in the cards' `data`: each positive finite number as a float, None for any
    other value ('' included). A value with a comma in it (a JSON list or string, never written by Anki) breaks the
    alignment with `ids`: then the values are read again a card at a time."""
    parts = text.split(",")
    if len(parts) != len(ids):
        rows = _db(col).all(
            f"select id, case when json_valid(data) then data -> '$.{key}' end from cards where id in {ids2str(ids)}"
        )
        by_id = {card_id: value for card_id, value in rows}
        parts = [str(by_id.get(card_id) or "") for card_id in ids]
    if len(parts) > 1 and len(set(parts)) == 1:  # NOTE: e.g. one decay for a whole preset: parse it once
        return _positive_numbers(col, parts[0], ids[:1], key) * len(parts)
    try:
        values = list(map(float, parts))
        if min(values) > 0.0 and math.isfinite(sum(values)):  # NOTE: the common case; NaN fails one of the two
            return values  # type: ignore[return-value]
    except ValueError:
        pass
    result: list[float | None] = []
    for value in parts:
        try:
            number = float(value)
        except ValueError:
            number = 0.0
        result.append(number if 0.0 < number < math.inf else None)
    return result


def _curves(
    col: Collection,
    group: _CardGroup,
    ids: Sequence[int],
    now: float,
    estimates: EstimateCache,
    mods: Mapping[int, int] | None,
) -> tuple[list[float], list[float], list[float], int]:
    """Per studied card of a group: f/S, the days since the last review (-1 where the recall is unknown, so 0) and the
    decay; and how many states were estimated. The stored FSRS state where there is one, else Anki's estimate (keyed
    by the cards' `mods`, read here if not given)."""
    stabilities = _positive_numbers(col, group.stabilities, ids, "s")
    decays = [value or DEFAULT_DECAY for value in _positive_numbers(col, group.decays, ids, "decay")]
    reviewed = _positive_numbers(col, group.reviewed, ids, "lrt")
    if None in reviewed:
        last = _last_reviews(col, [card_id for card_id, at in zip(ids, reviewed) if at is None])  # noqa: B905 (3.9)
        reviewed = [at or last.get(card_id) for card_id, at in zip(ids, reviewed)]  # noqa: B905 (3.9)
    factors = {decay: 0.9 ** (-1.0 / decay) - 1.0 for decay in set(decays)}
    if None not in stabilities and None not in reviewed:  # NOTE: the common FSRS case, a list at a time
        scales = [factors[decay] / stability for decay, stability in zip(decays, stabilities)]  # noqa: B905
        elapsed = [(now - at) / DAY_S for at in reviewed]  # type: ignore[operator]
        return scales, [days if days > 0.0 else 0.0 for days in elapsed], decays, 0
    scales, elapsed = [], []
    estimated = 0
    if mods is None:
        mods = card_mods(col, [card_id for card_id, stored in zip(ids, stabilities) if stored is None])  # noqa: B905
    for index, (card_id, stored, at) in enumerate(zip(ids, stabilities, reviewed)):  # noqa: B905 (3.9)
        stability = stored
        if stability is None:
            state = estimates.get(col, card_id, mods.get(card_id, 0))
            estimated += 1
            if state is not None:
                stability, decays[index] = state.stability, state.decay
        if stability is None or at is None:
            scales.append(0.0)
            elapsed.append(-1.0)
            continue
        factor = factors.get(decays[index]) or 0.9 ** (-1.0 / decays[index]) - 1.0
        scales.append(factor / stability)
        elapsed.append(max((now - at) / DAY_S, 0.0))
    return scales, elapsed, decays, estimated


def _recall(scales: Sequence[float], elapsed: Sequence[float], decays: Sequence[float], horizon: float) -> list[float]:
    """FSRS's forgetting curve for many cards, `horizon` days after `elapsed`: (1 + f/S·t)^(−decay), `scales` = f/S.

    NOTE: the same arithmetic as `retrievability`, in one comprehension; a negative elapsed marks an unknown recall (0).
    """
    return [
        (1.0 + scale * (days + horizon)) ** -decay if days >= 0 else 0.0
        for scale, days, decay in zip(scales, elapsed, decays)  # noqa: B905 (3.9)
    ]


def _categories_and_topics(tags: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    categories: list[str] = []
    topics: list[tuple[str, str]] = []
    for tag in tags.split():
        key = category_of_tag(tag)
        if key is None:
            continue
        if key not in categories:
            categories.append(key)
        if tag.count(SEPARATOR) >= 2 and (key, tag) not in topics:
            topics.append((key, tag))
    return tuple(sorted(categories, key=CATEGORY_KEYS.index)), tuple(topics)


def _no_cards_note(col: Collection) -> str:
    if _db(col).scalar("select count() from cards") == 0:
        return "The collection has no cards."
    return (
        "No card is tagged under interview::<category>. Run Tools > Interview Readiness > Tag cards by interview "
        "category, or tag notes yourself."
    )


def _last_reviews(col: Collection, card_ids: Sequence[int]) -> dict[int, float]:
    """Last review time (epoch s) from the review log, for studied cards whose `data` has no `lrt` (older Ankis)."""
    if not card_ids:
        return {}
    rows = _db(col).all(f"select cid, max(id) from revlog where ease > 0 and cid in {ids2str(card_ids)} group by cid")
    return {int(card_id): int(revlog_id) / 1000 for card_id, revlog_id in rows}


def _desired_retention(col: Collection, deck_ids: Iterable[int]) -> dict[int, float]:
    """The desired retention of each deck's options preset (Anki keeps it with FSRS off too)."""
    result: dict[int, float] = {}
    for deck_id in deck_ids:
        try:
            config = col.decks.config_dict_for_deck_id(deck_id)  # type: ignore[arg-type]
        except Exception:  # NOTE: a missing deck (odd collection) falls back to the default preset
            config = {}
        value = config.get("desiredRetention", DEFAULT_DESIRED_RETENTION)
        result[deck_id] = (
            float(value) if isinstance(value, (int, float)) and 0 < value < 1 else DEFAULT_DESIRED_RETENTION
        )
    return result


def _add_true_retention(
    col: Collection,
    groups: Sequence[_CardGroup],
    group_of: Mapping[int, int],
    accumulators: Mapping[str, _Accumulator],
    shift_days: int,
) -> None:
    """Anki's true retention (the Statistics screen's table, "month" row): reviews in the 30 days that end at the next
    day cutoff, that carry a rating and affect scheduling (not cramming), of cards with an interval of at least a day
    (a review-kind entry, or a previous interval of at least a day); passed = any button but Again. Only the cards of
    the report count (`group_of`: card id -> its group).

    NOTE: two comma-joined lists of card ids in one row, counted with `Counter`: a join to cards and notes grouped by
    tags in SQLite costs several times more on a million review-log rows."""
    end = col.sched.day_cutoff + shift_days * DAY_S
    start = end - RETENTION_DAYS * DAY_S
    row = _db(col).first(
        "select group_concat(cid), group_concat(case when ease > 1 then cid end) from revlog "
        "where id >= ? and id < ? and ease > 0 and not (type = 3 and factor = 0) "
        "and (type = 1 or lastIvl <= -86400 or lastIvl >= 1)",
        start * 1000,
        end * 1000,
    )
    reviewed, passed = row if row else (None, None)
    counts = [_count_by_group(reviewed, group_of), _count_by_group(passed, group_of)]
    for index, reviews in counts[0].items():
        if index is None:
            continue
        for key in groups[index].categories:
            acc = accumulators[key]
            acc.reviews += reviews
            acc.passed += counts[1].get(index, 0)


def _count_by_group(card_ids: Any, group_of: Mapping[int, int]) -> Counter[int | None]:
    return Counter(map(group_of.get, map(int, card_ids.split(",")))) if card_ids else Counter()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# The CLI ###############################################################

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
    parser.add_argument("--json", action="store_true", help="print the report as JSON (Report.to_dict())")
    args = parser.parse_args(argv)
    try:
        # NOTE: Anki 24.11 prints "blocked main thread" diagnostics to stdout; stdout must hold only the report.
        with contextlib.redirect_stdout(sys.stderr):
            report = report_for_file(args.collection, args.today, args.interview_date, args.lead_days)
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


def report_for_file(
    path: Path, today: date | None = None, interview_date: date | None = None, lead_days: int = DEFAULT_LEAD_DAYS
) -> Report:
    """The report of a collection file, computed on a temporary copy so the file stays byte-identical."""
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
            return compute_report(col, today, interview_date, lead_days=lead_days)
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
    """The report as a plain-text table for a terminal."""
    when = report.interview_date.isoformat() if report.interview_date else "not set"
    lines = [
        f"Interview readiness on {report.today.isoformat()} (interview: {when}; memory: {report.memory_model})",
        "",
    ]
    columns = (
        ("category", 14),
        ("cards", 7),
        ("new", 6),
        ("learn", 6),
        ("young", 6),
        ("mature", 7),
        ("covered", 8),
        ("recall", 7),
        ("@intvw", 7),
        ("confid.", 8),
        ("TR 30d", 7),
        ("revs", 6),
        ("due", 6),
        ("new/day", 8),
    )
    lines.append(" ".join(name.rjust(width) if i else name.ljust(width) for i, (name, width) in enumerate(columns)))
    for key, cat in report.categories.items():
        values = (
            key,
            _number(cat.cards),
            _number(cat.new),
            _number(cat.learning),
            _number(cat.young),
            _number(cat.mature),
            _percent(cat.coverage),
            _percent(cat.recall_now),
            _percent(cat.recall_at_interview),
            _percent(cat.confident_share),
            _percent(cat.true_retention_30d),
            _number(cat.reviews_30d),
            _number(cat.due_before_interview),
            _number(cat.new_per_day_needed),
        )
        lines.append(" ".join(v.rjust(w) if i else v.ljust(w) for i, (v, (_, w)) in enumerate(zip(values, columns))))  # noqa: B905 (3.9)
    weakest = [
        f"  {key}: "
        + ", ".join(f"{t.tag.split(SEPARATOR, 2)[-1]} {_percent(t.recall_at_interview)}" for t in cat.weakest_topics)
        for key, cat in report.categories.items()
        if cat.weakest_topics
    ]
    if weakest:
        lines += ["", "Weakest topics (recall at interview):", *weakest]
    if report.notes:
        lines += ["", *(f"note: {note}" for note in report.notes)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
