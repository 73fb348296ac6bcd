"""Where each category will be on the interview day if the user keeps going: Anki's own FSRS simulator.

The step after the model (read -> model -> project -> render): it takes a finished `Report` and asks the simulator
behind the deck options' "Simulate" button (`simulate_fsrs_review`) to play the days until the interview at the
category's deck limits and desired retention, with the request the deck options would send. It is slower than the
report, so the desktop runs it separately, after the report, in the background.

It never writes to the user's collection. The simulator writes one thing: a memory state into every studied card
that lacks one (`compute_and_update_memory_state`, no undo step), which on a collection on SM-2 is every studied
card. So the simulator runs on the collection itself only when FSRS is on and every studied card of the category has
its state. Otherwise (SM-2: the documented fallback) it runs on a private copy with FSRS turned on as the deck
options turn it on, deleted afterwards (`_private_copy`): a snapshot of the file when there is nothing to undo, else
an export of the categories' cards up to `EXPORT_MAX_CARDS`, else not now (`DEFERRED` says why). The CLI, which
already works on a temporary copy, switches that copy instead. Imports `anki` and the add-on's own modules only.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from anki import scheduler_pb2
from anki.cards import CardId
from anki.collection import (
    CardIdsLimit,
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from ..categories import category_tag
from ..estimates import SPACE_MARGIN, nothing_to_undo, turn_fsrs_on
from .model import CategoryReport, Projection, Report
from .read import DeckSettings, db

METHOD_DIRECT = "fsrs-simulator"
METHOD_COPY = "fsrs-simulator-copy"
METHOD_NOTHING = "nothing-to-study"  # no studied card and no new card a day: known share 0 without simulating
EXPORT_MAX_CARDS = 20_000
COPY_PREFIX = "interview-readiness-projection-"
DEFERRED = (
    "The projection needs a private copy of this collection with FSRS on, and the quick copy waits until there is "
    f"nothing to undo (it comes after the profile opens or a sync); more than {EXPORT_MAX_CARDS:,} interview cards "
    "are too many to copy meanwhile. Turning FSRS on in the deck options makes it immediate."
)


def category_search(category: str) -> str:
    """The cards the projection simulates: the category's, not suspended (what the report counts)."""
    return f"tag:{category_tag(category)} -is:suspended"


def simulator_request(settings: DeckSettings, search: str, days: int) -> scheduler_pb2.SimulateFsrsReviewRequest:
    """The request the deck options' "Simulate" button sends for a preset, for `search` and `days` days.

    NOTE: the fields that Anki 24.11 does not have yet are set only where they exist.
    """
    request = scheduler_pb2.SimulateFsrsReviewRequest(
        params=settings.params,
        desired_retention=settings.desired_retention,
        deck_size=0,  # NOTE: no extra cards: the category's own new cards are the ones still to learn
        days_to_simulate=days,
        new_limit=settings.new_per_day,
        review_limit=settings.reviews_per_day,
        max_interval=settings.maximum_interval,
        search=search,
    )
    optional = {
        "new_cards_ignore_review_limit": settings.new_cards_ignore_review_limit,
        "easy_days_percentages": settings.easy_days,
        "review_order": settings.review_order,
        "historical_retention": settings.historical_retention,
        "learning_step_count": settings.learning_steps,
        "relearning_step_count": settings.relearning_steps,
    }
    fields = request.DESCRIPTOR.fields_by_name
    for name, value in optional.items():
        if name not in fields:
            continue
        if isinstance(value, tuple):
            getattr(request, name).extend(value)
        else:
            setattr(request, name, value)
    return request


@dataclass(frozen=True)
class Projections:
    """Each category's projection (None: no cards, no interview a day or more ahead, or deferred), and why some were
    deferred, for the panel to say."""

    by_category: dict[str, Projection | None]
    deferred: str | None = None


def projections(col: Collection, report: Report, *, throwaway: bool = False) -> Projections:
    """Each category's projection, from Anki's simulator. `throwaway`: `col` is a temporary copy of the caller's (the
    CLI's), which may be switched to FSRS itself instead of copied again."""
    result: dict[str, Projection | None] = dict.fromkeys(report.categories)
    wanted = [key for key, category in report.categories.items() if _can_project(category)]
    direct = [key for key in wanted if _safe_to_simulate(col, key)]
    for key in direct:
        result[key] = _simulate(col, key, report.categories[key], METHOD_DIRECT)
    on_copy = [key for key in wanted if key not in direct]
    if not on_copy:
        return Projections(result)
    if throwaway:
        turn_fsrs_on(col)
        for key in on_copy:
            result[key] = _simulate(col, key, report.categories[key], METHOD_COPY)
        return Projections(result)
    with _private_copy(col, on_copy) as copy:
        if copy is None:
            return Projections(result, DEFERRED)
        for key in on_copy:
            result[key] = _simulate(copy, key, report.categories[key], METHOD_COPY)
    return Projections(result)


def _can_project(category: CategoryReport) -> bool:
    return bool(category.cards) and category.deck is not None and (category.plan.days_left or 0) >= 1


def _safe_to_simulate(col: Collection, category: str) -> bool:
    """True when the simulator would write nothing: FSRS is on and every studied, unsuspended card of the category
    has a memory state (the simulator computes and saves the missing ones)."""
    if not col.get_config("fsrs", False):
        return False
    card_ids = col.find_cards(f"{category_search(category)} -is:new")
    if not card_ids:
        return True
    missing = db(col).scalar(
        "select count() from cards where id in (select value from json_each(?)) "
        "and not (json_valid(data) and data -> '$.s' is not null and data -> '$.d' is not null)",
        "[" + ",".join(map(str, card_ids)) + "]",
    )
    return not missing


def _simulate(col: Collection, key: str, category: CategoryReport, method: str) -> Projection:
    """Anki's simulator over the category's cards, from today to the day before the interview."""
    assert category.deck is not None and category.plan.days_left is not None
    settings, days = category.deck, category.plan.days_left
    if category.studied == 0 and settings.new_per_day == 0:  # NOTE: the simulator refuses ("no cards to simulate")
        return Projection(METHOD_NOTHING, days, 0.0, 0.0, 0, 0, 0, settings.reviews_per_day, settings.desired_retention)
    request = simulator_request(settings, category_search(key), days)
    # NOTE: raw: Anki 24.11's generated method takes keyword arguments, 26.9's a message
    response = scheduler_pb2.SimulateFsrsReviewResponse.FromString(
        col._backend.simulate_fsrs_review_raw(request.SerializeToString())
    )
    memorized = list(response.accumulated_knowledge_acquisition)
    last_day = float(memorized[-1]) if memorized else 0.0
    return Projection(
        method=method,
        days=days,
        memorized=last_day,
        known_at_interview=min(last_day / category.cards, 1.0),
        new_cards=sum(response.daily_new_count),
        reviews=sum(response.daily_review_count),
        new_per_day=settings.new_per_day,
        reviews_per_day=settings.reviews_per_day,
        desired_retention=settings.desired_retention,
    )


@contextmanager
def _private_copy(col: Collection, categories: Sequence[str]) -> Iterator[Collection | None]:
    """A temporary collection with the categories' cards, their scheduling, review history and deck options, FSRS on;
    deleted on exit. None when no copy can be made cheaply now (see `DEFERRED`). `col` is only read:
    - with nothing to undo, a snapshot of the whole file (SQLite's `VACUUM INTO` through Anki's own connection, as
      `estimates.snapshot_memory_states` takes it; NOTE: Anki's DB proxy drops the undo history after it, hence the
      condition);
    - else, up to `EXPORT_MAX_CARDS` cards, an export of the categories' cards (`export_anki_package`, which keeps the
      undo history) imported into a new collection. NOTE: the export's time grows faster than the collection
      (16,000 cards of a 64,000-card collection: 4.5 s on the reference machine), and it holds the collection.
    """
    folder = tempfile.mkdtemp(prefix=COPY_PREFIX)
    copy: Collection | None = None
    try:
        path = Path(folder) / "copy.anki2"
        if _snapshot(col, path):
            copy = Collection(str(path))
        else:
            search = " or ".join(f"({category_search(key)})" for key in categories)
            card_ids = [CardId(card_id) for card_id in col.find_cards(search)]
            if len(card_ids) > EXPORT_MAX_CARDS:
                yield None
                return
            package = str(Path(folder) / "cards.apkg")
            options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False)
            col.export_anki_package(out_path=package, options=options, limit=CardIdsLimit(card_ids))
            copy = Collection(str(path))
            request = ImportAnkiPackageRequest(
                package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)
            )
            copy.import_anki_package(request)
        turn_fsrs_on(copy)
        yield copy
    finally:
        if copy is not None:
            copy.close(downgrade=False)
        shutil.rmtree(folder, ignore_errors=True)


def _snapshot(col: Collection, path: Path) -> bool:
    """A consistent copy of the collection file at `path`, if there is nothing to undo and room for it."""
    if not nothing_to_undo(col):
        return False
    database = db(col)
    size = int(database.scalar("pragma page_count") or 0) * int(database.scalar("pragma page_size") or 0)
    if shutil.disk_usage(path.parent).free < SPACE_MARGIN * size:
        return False
    try:
        database.execute("vacuum into ?", str(path))
    except Exception:  # NOTE: e.g. a transaction is open: the export is the other way
        return False
    return True
