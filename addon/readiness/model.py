"""The readiness model: per interview category, how much is covered and how much will be recalled on the interview day.

The second layer of the report (read -> model -> render): `compute_report(col, today, interview_date)` turns what
`read` returns into a `Report`, a plain value that `render` (HTML), the CLI (`cli`) and the desktop (`gui`) show.
It is a pure function of the collection, the day and the interview dates: it only reads (through `read`, and for
cards with no FSRS memory state, Anki's own estimates from `estimates.py`, which do not save). It never writes and
never turns FSRS on. Imports `anki` and the add-on's Anki-free modules only. `docs/readiness.md` defines every field.
"""

from __future__ import annotations

import gc
import math
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, Union, overload

from anki.collection import Collection

from ..categories import CATEGORY_KEYS, get
from ..estimates import EstimateCache, MemoryState
from .cards import CardCache
from .plan import MAX_NEW_PER_DAY, NO_CARDS, Budget, Plan, PlanInput, plan_categories
from .read import (
    DAY_S,
    DEFAULT_DESIRED_RETENTION,
    DeckSettings,
    deck_settings,
    desired_retention,
    no_cards_note,
)

DEFAULT_LEAD_DAYS = 7
WEAKEST_TOPICS = 5  # `weakest_topics` and `weakest_studied_topics` list at most this many
MODEL_FSRS = "fsrs"
MODEL_SM2 = "sm2-estimate"
_DECK_WEIGHT = 1000  # a new card counts this many studied ones when picking a category's main deck

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
class StudiedTopic:
    """A topic with studied cards, ranked by the mean recall of those cards on the interview day."""

    tag: str
    recall_at_interview: float  # mean over the topic's studied cards, if no further reviews
    studied: int
    cards: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "recall_at_interview": self.recall_at_interview,
            "studied": self.studied,
            "cards": self.cards,
        }


@dataclass(frozen=True)
class NewTopic:
    """A topic none of whose cards has been studied yet."""

    tag: str
    cards: int

    def to_dict(self) -> dict[str, Any]:
        return {"tag": self.tag, "cards": self.cards}


@dataclass(frozen=True)
class Projection:
    """The category on the interview day if the user keeps studying at the deck's limits, from Anki's own FSRS
    simulator (`project.py`): the expected number of its cards memorized at the end of the last day before it."""

    method: str  # "fsrs-simulator" (on the collection) or "fsrs-simulator-copy" (on a private copy with FSRS on)
    days: int  # days simulated: today up to the day before the interview
    memorized: float  # expected cards memorized at the end of the last simulated day
    known_at_interview: float  # memorized / cards
    new_cards: int  # new cards the simulation introduces
    reviews: int  # reviews it does
    new_per_day: int
    reviews_per_day: int
    desired_retention: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "days": self.days,
            "memorized": self.memorized,
            "known_at_interview": self.known_at_interview,
            "new_cards": self.new_cards,
            "reviews": self.reviews,
            "new_per_day": self.new_per_day,
            "reviews_per_day": self.reviews_per_day,
            "desired_retention": self.desired_retention,
        }


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
    studied: int = 0
    recall_studied_now: float | None = None
    recall_studied_at_interview: float | None = None
    deck: DeckSettings | None = None  # the deck whose limits the plan and the projection use
    plan: Plan = field(default_factory=lambda: Plan(NO_CARDS))
    weakest_studied_topics: tuple[StudiedTopic, ...] = ()
    not_started_topics: tuple[NewTopic, ...] = ()
    projection: Projection | None = None  # filled in later by `project.py` (it runs Anki's simulator)

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
            "studied": self.studied,
            "recall_studied_now": self.recall_studied_now,
            "recall_studied_at_interview": self.recall_studied_at_interview,
            "deck": _deck_dict(self.deck),
            "plan": self.plan.to_dict(),
            "weakest_studied_topics": [topic.to_dict() for topic in self.weakest_studied_topics],
            "not_started_topics": [topic.to_dict() for topic in self.not_started_topics],
            "projection": self.projection.to_dict() if self.projection else None,
        }


class CardRecall(NamedTuple):
    """One card's predicted recall, kept for "Study weakest"; not part of the JSON."""

    card_id: int
    categories: tuple[str, ...]
    recall_now: float
    recall_at_interview: float
    studied: bool
    topics: tuple[str, ...] = ()  # its topic tags (`interview::<category>::<topic>...`)


class _CardRecalls(Sequence[CardRecall]):
    """The report's per-card recall, kept as the per-group lists it was computed in; made into `CardRecall` tuples on
    first read (by "Study weakest" or the trend), not for every report.

    NOTE: building 100k tuples took about a fifth of a whole report on 100k cards.
    """

    def __init__(self) -> None:
        self._chunks: list[
            tuple[Sequence[int], tuple[str, ...], tuple[str, ...], Sequence[float] | None, Sequence[float] | None]
        ] = []
        self._size = 0
        self._items: tuple[CardRecall, ...] | None = None

    def add(
        self,
        ids: Sequence[int],
        categories: tuple[str, ...],
        topics: tuple[str, ...],
        recall_now: Sequence[float] | None,
        recall_at_interview: Sequence[float] | None,
    ) -> None:
        """Cards of one group; `None` recalls: never studied (recall 0)."""
        self._chunks.append((ids, categories, topics, recall_now, recall_at_interview))
        self._size += len(ids)
        self._items = None

    def _all(self) -> tuple[CardRecall, ...]:
        if self._items is None:
            items: list[CardRecall] = []
            for ids, categories, topics, now, at in self._chunks:
                if now is None or at is None:
                    items += [CardRecall(card_id, categories, 0.0, 0.0, False, topics) for card_id in ids]
                else:
                    items += [
                        CardRecall(card_id, categories, now_value, at_value, True, topics)
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
    budget: Budget = field(default_factory=lambda: Budget(MAX_NEW_PER_DAY, 0, {}))  # the plans' new cards a day

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "interview_date": _iso(self.interview_date),
            "memory_model": self.memory_model,
            "categories": {key: report.to_dict() for key, report in self.categories.items()},
            "notes": list(self.notes),
            "new_budget": self.budget.to_dict(),
        }

    def weakest_cards(self, category: str, limit: int) -> list[int]:
        """The studied cards of a category with the lowest recall on the interview date, weakest first."""
        pool = [card for card in self.card_recall if card.studied and category in card.categories]
        pool.sort(key=lambda card: (card.recall_at_interview, card.card_id))
        return [card.card_id for card in pool[:limit]]

    def topic_cards(self, tag: str, *, studied: bool) -> list[int]:
        """The cards of a topic tag, studied ones (weakest first, what `weakest_studied_topics` averages) or never
        studied ones (by card id, which is the order they were added)."""
        pool = [card for card in self.card_recall if card.studied is studied and tag in card.topics]
        pool.sort(key=lambda card: (card.recall_at_interview, card.card_id))
        return [card.card_id for card in pool]

    def with_projections(self, projections: Mapping[str, Projection | None]) -> Report:
        """This report with each category's projection filled in."""
        categories = {key: replace(report, projection=projections.get(key)) for key, report in self.categories.items()}
        return replace(self, categories=categories)


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
    topics: dict[str, list[float]] = field(default_factory=dict)  # tag -> [cards, sum of recall at interview, studied]
    decks: Counter[int] = field(default_factory=Counter)  # home deck -> new cards (+ a tiny share of studied ones)


CLOCK_STEP_S = 3600  # the desktop's report clock moves by whole hours


def report_clock(col: Collection, at: float | None = None) -> float:
    """The desktop's "now" for a report: the start of the current hour, never before the start of Anki's day.

    NOTE: every report within an hour evaluates recall at the same moment, so the per-card cache (`cards.py`) reuses
    each unchanged card's recall and a report after a study session costs what the session changed. An hour moves
    recall by well under a percentage point for a card studied a day ago or more."""
    at = time.time() if at is None else at
    return float(max(at - at % CLOCK_STEP_S, col.sched.day_cutoff - DAY_S))


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
    cache: CardCache | None = None,
    new_budget: int = MAX_NEW_PER_DAY,
) -> Report:
    """The readiness report. `today` defaults to Anki's current day; recall "now" is evaluated at the current time of
    day moved to `today`. `interview_date` is one date or {category or "*": date}. `new_budget`:
    the most new cards a day the plans ask for over all categories together (`plan.plan_categories`). Reads only;
    never writes.

    With a `cache` kept from an earlier report of the same collection, only what changed since is read and computed
    again (`cards.py`); the report is the same as without it."""
    # NOTE: the cache holds a few lists of 100,000 floats; Python's cyclic collector would walk them on every
    # collection during the report, which costs more than the report's own work after a study session.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute_report(col, today, interview_date, lead_days, now, estimates, progress, cache, new_budget)
    finally:
        if enabled:
            gc.enable()


def _compute_report(
    col: Collection,
    today: date | None,
    interview_date: InterviewDates,
    lead_days: int,
    now: float | None,
    estimates: EstimateCache | None,
    progress: Progress | None,
    cache: CardCache | None,
    new_budget: int,
) -> Report:
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
    cache = cache if cache is not None else CardCache(keep=False)
    groups = cache.groups(
        col,
        fsrs=fsrs,
        today=today_number,
        due_limits=sorted(set(due_limits.values())),
        retention_end=col.sched.day_cutoff + shift_days * DAY_S,
        estimates=estimates,
        progress=progress,
    )
    if not groups:
        notes.insert(0, no_cards_note(col))
    desired = desired_retention(col, {group.home_deck for group in groups})

    accumulators = {key: _Accumulator() for key in CATEGORY_KEYS}
    recalls = _CardRecalls()
    estimated = 0
    for group in groups:
        categories, topics = group.categories, group.topics
        ids = group.ids[:]  # NOTE: copies: the cache patches its lists in place for the next report
        count = len(ids)
        new = count if group.unseen else 0
        topic_tags = tuple(tag for _, tag in topics)
        for key in categories:
            acc = accumulators[key]
            acc.cards += count
            acc.new += new
            acc.young += group.young
            acc.mature += group.mature
            acc.learning += count - new - group.young - group.mature
            acc.reviews += group.reviews
            acc.passed += group.passed
            acc.decks[group.home_deck] += new * _DECK_WEIGHT + (count - new)  # NOTE: the new-card limit matters most
        for key, tag in topics:
            topic = accumulators[key].topics.setdefault(tag, [0, 0.0, 0])
            topic[0] += count
            topic[2] += count - new
        if group.unseen:
            recalls.add(ids, categories, topic_tags, None, None)
            continue
        for key in categories:
            if category_dates[key] is not None:
                accumulators[key].due += group.due_before[due_limits[key]]
        estimated += group.estimated
        dr = desired.get(group.home_deck, DEFAULT_DESIRED_RETENTION)
        sum_now = group.recall_sum(now, 0)
        group_horizons = {horizons[key] for key in categories}
        sums = {horizon: group.recall_sum(now, horizon) for horizon in group_horizons}
        for key in categories:
            acc = accumulators[key]
            acc.recall_now += sum_now
            acc.recall_at += sums[horizons[key]]
            acc.confident += group.confident(now, horizons[key], dr)
        for key, tag in topics:
            accumulators[key].topics[tag][1] += sums[horizons[key]]
        r_min = group.recall(now, max(group_horizons))[:]  # NOTE: recall falls with the horizon
        recalls.add(ids, categories, topic_tags, group.recall(now, 0)[:], r_min)

    settings: dict[int, DeckSettings] = {}
    reports: dict[str, CategoryReport] = {}
    deck_names = {int(entry.id): entry.name for entry in col.decks.all_names_and_ids()} if groups else {}
    for key in CATEGORY_KEYS:
        acc = accumulators[key]
        report = _category_report(acc, category_dates[key], today, lead_days, notes, key)
        if acc.decks:
            main_deck = _main_deck(acc.decks, deck_names)
            if main_deck not in settings:
                settings[main_deck] = _settings_of(col, main_deck)
            report = replace(report, deck=settings[main_deck])
        reports[key] = report
    # NOTE: the plans at the limits of each category's main deck, within one budget; no deck (no cards): `no-cards`
    inputs = {
        key: PlanInput(report.cards, report.new, report.interview_date, report.deck.new_per_day)
        for key, report in reports.items()
        if report.deck is not None
    }
    plans, budget = plan_categories(inputs, today, lead_days, new_budget)
    reports = {key: replace(report, plan=plans.get(key, report.plan)) for key, report in reports.items()}
    return Report(
        today=today,
        interview_date=default_date,
        memory_model=MODEL_FSRS if fsrs else MODEL_SM2,
        categories=reports,
        notes=tuple(notes),
        card_recall=recalls,
        estimated_states=estimated,
        budget=budget,
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
                f"{title}: less than {lead_days} days to the interview: review what you studied rather than start new "
                "cards."
            )
        else:
            new_per_day = math.ceil(acc.new / days)
    weakest = sorted(
        (TopicReport(tag, total / count, int(count)) for tag, (count, total, _) in acc.topics.items()),
        key=lambda topic: (topic.recall_at_interview, topic.tag),
    )[:WEAKEST_TOPICS]
    studied_topics = sorted(
        (
            StudiedTopic(tag, total / studied, int(studied), int(count))
            for tag, (count, total, studied) in acc.topics.items()
            if studied
        ),
        key=lambda topic: (topic.recall_at_interview, topic.tag),
    )[:WEAKEST_TOPICS]
    not_started = tuple(
        NewTopic(tag, int(count)) for tag, (count, _, studied) in sorted(acc.topics.items()) if not studied
    )
    studied = acc.cards - acc.new
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
        studied=studied,
        recall_studied_now=acc.recall_now / studied if studied else None,
        recall_studied_at_interview=acc.recall_at / studied if studied else None,
        weakest_studied_topics=tuple(studied_topics),
        not_started_topics=not_started,
    )


def _main_deck(weights: Mapping[int, int], deck_names: Mapping[int, str]) -> int:
    """The deck a category is studied from: the one whose subtree holds the most of its new cards (then of its
    cards), the deepest of those that tie. For our decks that is the category's deck (`MLE Interview::Algorithms`),
    whose limit caps its subdecks when the user studies it, rather than the shared root or a subdeck.

    `weights`: home deck -> the category's cards there, new ones weighing `_DECK_WEIGHT`."""
    ids_by_name = {name: deck_id for deck_id, name in deck_names.items()}
    subtree: Counter[str] = Counter()
    for deck_id, weight in weights.items():
        name = deck_names.get(deck_id)
        if name is None:  # NOTE: a card whose deck is missing (Check Database repairs it): that id on its own
            continue
        parts = name.split("::")
        for depth in range(1, len(parts) + 1):
            subtree["::".join(parts[:depth])] += weight
    if not subtree:
        return min(weights, key=lambda deck_id: (-weights[deck_id], deck_id))
    best = min(subtree, key=lambda name: (-subtree[name], -name.count("::"), name))
    return ids_by_name.get(best, min(weights))


def _settings_of(col: Collection, deck_id: int) -> DeckSettings:
    """The deck's settings; those of the Default deck for a card whose deck is missing (an odd collection that
    Check Database would repair)."""
    try:
        return deck_settings(col, deck_id)
    except Exception:  # NOTE: Anki raises NotFoundError for a missing deck
        return deck_settings(col, 1)


def _deck_dict(deck: DeckSettings | None) -> dict[str, Any] | None:
    if deck is None:
        return None
    return {
        "name": deck.name,
        "new_per_day": deck.new_per_day,
        "reviews_per_day": deck.reviews_per_day,
        "desired_retention": deck.desired_retention,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
