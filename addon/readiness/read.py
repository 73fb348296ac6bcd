"""Reading the collection for the readiness report: the few bulk SQL queries, and nothing else.

The first layer of the report (read -> model -> render): it turns the collection into plain values (card groups with
their cards' ids and memory states, desired retentions, review counts) and never computes a figure of the report. It
only reads; it imports `anki` and the add-on's Anki-free modules only. The one bulk read, of every card, comes in
slices that a second thread reads ahead while the caller parses (`group_reads`, `read_ahead`).
"""

from __future__ import annotations

import math
import queue
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple, Optional, TypeVar

import anki.collection  # noqa: F401  (NOTE: first: `python -m` imports us before anki, and anki.cards first is circular)
from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.utils import ids2str

from ..categories import CATEGORY_KEYS, SEPARATOR, TAG_ROOT, category_of_tag

MATURE_IVL = 21  # days: Anki's threshold between young and mature
DEFAULT_DESIRED_RETENTION = 0.9
RETENTION_DAYS = 30
DAY_S = 86400
SLICE_CARDS = 16_384  # cards a grouped read (`group_reads`)
_ID_MIN, _ID_MAX = -(2**63), 2**63 - 1

T = TypeVar("T")


def db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


class CardGroup(NamedTuple):
    """The cards of notes with the same tags, in the same home deck, all new or all studied, with their values read
    from the cards' `data` (aligned with `ids`).

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
    ids: list[int]
    stabilities: list[float | None]  # studied: the FSRS memory state in `data`; None where missing (or FSRS off)
    decays: list[float | None]
    reviewed: list[float | None]  # studied: `lrt`, the last review (epoch s); None where missing (before Anki 23.10)
    due_before: Mapping[int, int]  # Anki day -> studied cards due before it
    tags: str = ""  # the notes' tags as stored (with the surrounding spaces)


_DUE = "case when c.odid != 0 and c.odue != 0 then c.odue else c.due end"
_DUE_DAY = f"case when c.queue in (1, 4) or {_DUE} > 1000000000 then ?1 else {_DUE} end"  # intraday learning: today
_HOME = "case when c.odid != 0 then c.odid else c.did end"
DATA_KEYS = ("s", "decay", "lrt")  # what the report reads of a studied card's `data`: stability, decay, last review
# NOTE: a studied card's values as one text, "id,[s,decay,lrt]" ("id,[,,]" where `data` is not JSON): one JSON parse a
# card (`json_valid` then reuses it: SQLite keeps the parsed text) and one comma-joined list a group. `json_valid`
# guards the extraction, which raises on malformed text (and `data` is '' on many cards). A multi-path `json_extract`
# returns a JSON array: each number's text as Anki wrote it, `null` where the key is missing.
_PATHS = ", ".join(f"'$.{key}'" for key in DATA_KEYS)
_NO_VALUES = "[" + "," * (len(DATA_KEYS) - 1) + "]"
_CARD_VALUES = (
    f"case when c.type = 0 then c.id when json_valid(c.data) then c.id || ',' || json_extract(c.data, {_PATHS}) "
    f"else c.id || ',{_NO_VALUES}' end"
)
# NOTE: the card's values are computed in a subquery that SQLite runs as a co-routine (`limit -1` keeps it from being
# merged into the grouping query): the grouping's sort then carries the short values, not the whole `data` text.
_CARD_GROUPS = f"""
select tags, home, unseen, count(), sum(class = 1), sum(class = 2), group_concat(card_values){{due_columns}}
from (
  select n.tags as tags, {_HOME} as home, c.type = 0 as unseen,
    case when c.type = 2 then (case when c.ivl >= {MATURE_IVL} then 2 else 1 end) else 0 end as class,
    {_CARD_VALUES} as card_values, case when c.type != 0 then {_DUE_DAY} end as due_day
  from cards c join notes n on n.id = c.nid
  where c.id between ?2 and ?3 and c.queue != -1 and n.tags like '% {TAG_ROOT}{SEPARATOR}%'
  limit -1
)
group by tags, home, unseen
"""


class GroupSlice(NamedTuple):
    """The grouped rows of the cards in one slice of ids (`id_slices`), first and last id included."""

    first: int
    last: int
    rows: list[Sequence[Any]]


def group_reads(col: Collection, today_number: int, due_limits: Sequence[int]) -> list[Callable[[], GroupSlice]]:
    """The grouped read of every non-suspended card of a note tagged under a category, one read a slice of card ids
    (`SLICE_CARDS`), to run in turn (`read_ahead`); `card_groups` parses each slice's rows. Per due limit, the rows
    count the studied cards due before it. A card in a filtered deck keeps its home deck (`odid`) and original due
    (`odue`).

    NOTE: slices, so that a second thread reads the next one while this one is parsed; each sort is smaller too."""
    due_columns = "".join(f", ifnull(sum(due_day < ?{4 + i}), 0)" for i in range(len(due_limits)))
    sql = _CARD_GROUPS.format(due_columns=due_columns)

    def read(first: int, last: int) -> GroupSlice:
        return GroupSlice(first, last, db(col).all(sql, today_number, first, last, *due_limits))  # ?1, ?2, ?3, ?4...

    return [partial(read, first, last) for first, last in id_slices(col)]


def card_groups(col: Collection, fsrs: bool, due_limits: Sequence[int], part: GroupSlice) -> Iterator[CardGroup]:
    """The card groups of one slice's rows (`group_reads`), with their categories and topic tags; a group of notes
    with the same tags and home deck can come in several slices. With FSRS off, no memory state is read
    (`stabilities`, `decays` are None)."""
    for tags, home, unseen, size, young, mature, card_values, *due in part.rows:
        info = categories_and_topics(tags)
        if not info[0]:
            continue
        if unseen:
            ids = list(map(int, card_values.split(",")))
            nothing: list[float | None] = [None] * len(ids)
            values = (nothing, nothing, nothing)
        else:
            ids, values = _studied_values(col, fsrs, card_values, size, _GROUP_CARDS, part.first, part.last, tags, home)
        due_before = dict(zip(due_limits, due))  # noqa: B905 (3.9)
        yield CardGroup(*info, home, bool(unseen), len(ids), young, mature, ids, *values, due_before, tags)


def id_slices(col: Collection, size: int | None = None) -> list[tuple[int, int]]:
    """Ranges of card ids, first and last included, each with `size` cards (`SLICE_CARDS`; the last one fewer),
    that together hold every card. NOTE: each bound is an offset into the cards' primary key, so all of them together
    step through it once."""
    size = size or SLICE_CARDS
    slices, first = [], _ID_MIN
    while True:
        bound = db(col).scalar("select id from cards where id >= ? order by id limit 1 offset ?", first, size)
        if bound is None:
            slices.append((first, _ID_MAX))
            return slices
        slices.append((first, int(bound) - 1))
        first = int(bound)


def read_ahead(reads: Sequence[Callable[[], T]]) -> Generator[T, None, None]:
    """The results of `reads`, in order, each read in a second thread while the caller works on the ones before (the
    backend lets go of Python's lock while SQLite runs). A read's error is raised here, in its turn. When the caller
    stops early, no further read starts, and the thread has ended when this generator closes. One read: no thread.
    """
    if len(reads) <= 1:
        yield from (read() for read in reads)
        return
    results: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    stop = threading.Event()

    def produce() -> None:
        try:
            for read in reads:
                if stop.is_set():
                    return
                results.put((True, read()))
        except BaseException as error:  # NOTE: handed over to the caller, raised there
            results.put((False, error))

    thread = threading.Thread(target=produce, name="interview-readiness-read", daemon=True)
    thread.start()
    try:
        for _ in reads:
            ok, value = results.get()
            if not ok:
                raise value
            yield value
    finally:
        stop.set()
        thread.join()


# a studied group's cards in a slice of ids
_GROUP_CARDS = f"c.id between ? and ? and c.queue != -1 and c.type != 0 and n.tags = ? and {_HOME} = ?"
# stabilities, decays, last reviews
Values = tuple[list[Optional[float]], list[Optional[float]], list[Optional[float]]]  # noqa: UP045 (a runtime alias: 3.9)


def _studied_values(
    col: Collection, fsrs: bool, text: str, size: int, where: str, *args: Any
) -> tuple[list[int], Values]:
    """The ids and values of `size` studied cards from their `_CARD_VALUES` ("id,[s,decay,lrt],..."); where a value's
    own text has a bracket or a comma in it (a JSON list, object or string, never written by Anki), which breaks the
    alignment, the cards that match `where` are read again one row a card. With FSRS off, no memory state is read."""
    width = 1 + len(DATA_KEYS)
    parts = text.replace("[", "").replace("]", "").split(",")
    if text.count("[") == size and text.count("]") == size and len(parts) == width * size:
        ids = list(map(int, parts[0::width]))
        texts = [parts[start::width] for start in range(1, width)]
    else:
        columns = ", ".join(f"case when json_valid(c.data) then c.data -> '$.{key}' end" for key in DATA_KEYS)
        rows = db(col).all(
            f"select c.id, {columns} from cards c join notes n on n.id = c.nid where {where}",
            *args,
        )
        ids = [int(row[0]) for row in rows]
        texts = [[str(row[1 + index] or "") for row in rows] for index in range(len(DATA_KEYS))]
    stabilities, decays, reviewed = (positive_numbers(values) for values in texts)
    if not fsrs:
        stabilities = decays = [None] * len(ids)
    return ids, (stabilities, decays, reviewed)


def positive_numbers(texts: Sequence[str]) -> list[float | None]:
    """Each text as a positive finite number, None for any other value (JSON `null`, '', a string...)."""
    if len(texts) > 1 and texts.count(texts[0]) == len(texts):  # NOTE: one decay a preset: parse once
        return positive_numbers(texts[:1]) * len(texts)
    try:
        values = list(map(float, texts))
        if min(values, default=1.0) > 0.0 and math.isfinite(sum(values)):  # NOTE: the common case; NaN fails one
            return values  # type: ignore[return-value]
    except ValueError:
        pass
    result: list[float | None] = []
    for text in texts:
        try:
            number = float(text)
        except ValueError:
            number = 0.0
        result.append(number if 0.0 < number < math.inf else None)
    return result


@lru_cache(maxsize=4096)  # NOTE: a few hundred distinct tag strings, met once a card group and once a changed card
def categories_and_topics(tags: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A note's categories (in the canonical order) and its topic tags, from its space-separated tags."""
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


def no_cards_note(col: Collection) -> str:
    if db(col).scalar("select count() from cards") == 0:
        return "The collection has no cards."
    return (
        "No card is tagged under interview::<category>. Run Tools > Interview Readiness > Tag cards by interview "
        "category, or tag notes yourself."
    )


def last_reviews(col: Collection, card_ids: Sequence[int]) -> dict[int, float]:
    """Last review time (epoch s) from the review log, for studied cards whose `data` has no `lrt` (older Ankis)."""
    if not card_ids:
        return {}
    rows = db(col).all(f"select cid, max(id) from revlog where ease > 0 and cid in {ids2str(card_ids)} group by cid")
    return {int(card_id): int(revlog_id) / 1000 for card_id, revlog_id in rows}


def desired_retention(col: Collection, deck_ids: Iterable[int]) -> dict[int, float]:
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


class DeckSettings(NamedTuple):
    """A deck's daily limits and FSRS settings as Anki's scheduler applies them today: the deck's own limits where
    set (today-only first), else its options preset's. The fields the deck options' "Simulate" button sends too."""

    deck_id: int
    name: str
    new_per_day: int
    reviews_per_day: int
    desired_retention: float
    params: tuple[float, ...]  # the preset's FSRS parameters (newest version set); empty: FSRS's defaults
    maximum_interval: int
    learning_steps: int
    relearning_steps: int
    review_order: int
    historical_retention: float
    easy_days: tuple[float, ...]
    new_cards_ignore_review_limit: bool


def deck_settings(col: Collection, deck_id: int) -> DeckSettings:
    """The settings of a deck through the deck options screen's own read (`get_deck_configs_for_update`)."""
    found = col._backend.get_deck_configs_for_update(deck_id)
    current = found.current_deck
    preset = next(
        (entry.config for entry in found.all_config if entry.config.id == current.config_id), found.defaults
    ).config
    limits = current.limits
    new = _deck_limit(limits, "new", preset.new_per_day)
    reviews = _deck_limit(limits, "review", preset.reviews_per_day)
    retention = preset.desired_retention
    if "desired_retention" in limits.DESCRIPTOR.fields_by_name and limits.HasField("desired_retention"):
        retention = limits.desired_retention  # NOTE: a deck's own desired retention (Anki 25.02+)
    params: Sequence[float] = ()
    for version in ("fsrs_params_6", "fsrs_params_5", "fsrs_params_4"):  # NOTE: 24.11 has no fsrs_params_6
        if version in preset.DESCRIPTOR.fields_by_name and len(getattr(preset, version)):
            params = getattr(preset, version)
            break
    return DeckSettings(
        deck_id=deck_id,
        name=current.name,
        new_per_day=new,
        reviews_per_day=reviews,
        desired_retention=_retention(retention),
        params=tuple(float(value) for value in params),
        maximum_interval=int(preset.maximum_review_interval),
        learning_steps=len(preset.learn_steps),
        relearning_steps=len(preset.relearn_steps),
        review_order=int(preset.review_order),
        historical_retention=float(preset.historical_retention),
        easy_days=tuple(float(value) for value in preset.easy_days_percentages),
        new_cards_ignore_review_limit=bool(found.new_cards_ignore_review_limit),
    )


def _deck_limit(limits: Any, kind: str, preset_value: int) -> int:
    """v3's daily limit of one kind: today's own limit when active, else the deck's own, else the preset's."""
    if getattr(limits, f"{kind}_today_active") and limits.HasField(f"{kind}_today"):
        return int(getattr(limits, f"{kind}_today"))
    if limits.HasField(kind):
        return int(getattr(limits, kind))
    return int(preset_value)


def _retention(value: float) -> float:
    """A desired retention as Anki stores it (a 32-bit float: 0.9 is 0.8999999761...), rounded to what the user set."""
    rounded = round(float(value), 4)
    return rounded if 0 < rounded < 1 else DEFAULT_DESIRED_RETENTION


# Reads for the per-card cache (`cards.py`): what changed since the last report, and the changed cards themselves ####

# NOTE: a table's checksum: its rows and the exact integer sum of their `mod`. Rows changed since the last check that
# do not explain it (an undo or a sync takes a row back to an older `mod`, a row was deleted) change the sum or the
# count; only several such changes whose `mod` moves cancel out exactly would go unseen.
_CHECK_COLUMNS = "count(), ifnull(sum(mod), 0)"


class TableCheck(NamedTuple):
    """A table's checksum of (id, mod), and the rows modified since `since` (one scan; see `table_check`)."""

    rows: int
    mod_sum: int
    newer: dict[int, int]  # id -> mod of the rows with mod >= since


def table_check(col: Collection, table: str, since: int) -> TableCheck:
    """The checksum of `cards` or `notes`, and the rows whose `mod` is at least `since`.

    NOTE: the row count alone takes SQLite's own shortcut, and the scan has as few aggregates as it can (each one
    costs about as much as reading the table): the sum, and the newer rows as one text of "id,mod" pairs."""
    assert table in ("cards", "notes")
    rows = int(db(col).scalar(f"select count() from {table}"))
    row: Any = db(col).first(
        f"select ifnull(sum(mod), 0), group_concat(id || ',' || mod) filter (where mod >= ?1) from {table}", since
    )
    mod_sum, pairs = row
    values = list(map(int, pairs.split(","))) if pairs else []
    return TableCheck(rows, int(mod_sum), dict(zip(values[0::2], values[1::2])))  # noqa: B905 (3.9)


ID_DIGITS = 20  # ids and mods, zero-padded in the baseline's records (an id is ms since 1970: 13 digits today)
MOD_DIGITS = 12


class Baseline(NamedTuple):
    """Every row of a table as it was when the cache was filled: fixed-width records in id order, one after the other
    (id, mod and, for cards, class (0 new or learning, 1 young, 2 mature) and due day), so that a row is found by
    binary search in the text, and nothing is parsed until a row changes."""

    records: str
    width: int


_DUE_WIDTH = 9  # a due day with its sign: new cards' positions and review days fit
_CARD_RECORD = (
    f"printf('%0{ID_DIGITS}d%0{MOD_DIGITS}d%d%0{_DUE_WIDTH}d', c.id, c.mod, "
    f"case when c.type = 2 then (case when c.ivl >= {MATURE_IVL} then 2 else 1 end) else 0 end, {{due}})"
)


def card_baseline(col: Collection, today_number: int) -> tuple[TableCheck, Baseline]:
    """The cards table's checksum and every card's baseline record, in one scan."""
    record = _CARD_RECORD.format(due=f"min(max({_DUE_DAY}, -99999999), 999999999)")
    row: Any = db(col).first(
        f"select {_CHECK_COLUMNS}, group_concat(record, '') from (select c.id, c.mod, {record} as record "
        "from cards c order by c.id)",
        today_number,
    )
    return _check_of(row), Baseline(row[2] or "", ID_DIGITS + MOD_DIGITS + 1 + _DUE_WIDTH)


def note_baseline(col: Collection) -> tuple[TableCheck, Baseline]:
    row: Any = db(col).first(
        f"select {_CHECK_COLUMNS}, group_concat(record, '') from (select id, mod, "
        f"printf('%0{ID_DIGITS}d%0{MOD_DIGITS}d', id, mod) as record from notes order by id)"
    )
    return _check_of(row), Baseline(row[2] or "", ID_DIGITS + MOD_DIGITS)


def _check_of(row: Sequence[Any] | None) -> TableCheck:
    assert row is not None
    count, mod_sum = (int(value) for value in row[:2])
    return TableCheck(count, mod_sum, {})


class CardRow(NamedTuple):
    """One card as the report sees it, read again because it (or its note) changed."""

    id: int
    mod: int
    note_mod: int
    tags: str  # the note's tags as stored, with the surrounding spaces: part of the group key
    home: int
    type: int
    queue: int
    ivl: int
    due_day: int
    stability: float | None  # as in `CardGroup`
    decay: float | None
    reviewed: float | None


def card_rows(
    col: Collection, fsrs: bool, today_number: int, card_ids: Iterable[int], note_ids: Iterable[int]
) -> list[CardRow]:
    """The cards with these ids, and every card of these notes, whatever their state (suspended and untagged ones
    too: the cache then drops them).

    NOTE: one query per list: with `or` between them SQLite may scan the whole table instead of using its indexes."""
    card_list, note_list = sorted(set(card_ids)), sorted(set(note_ids))
    rows: dict[int, CardRow] = {}
    for column, ids in (("c.id", card_list), ("c.nid", note_list)):
        if not ids:
            continue
        for *head, card_values in db(col).all(
            f"select c.id, c.mod, n.mod, n.tags, {_HOME}, c.type, c.queue, c.ivl, {_DUE_DAY}, {_CARD_VALUES} "
            f"from cards c join notes n on n.id = c.nid where {column} in {ids2str(ids)}",
            today_number,
        ):
            card_id, card_type = int(head[0]), head[5]
            values: tuple[float | None, ...] = (None, None, None)
            if card_type != 0:  # NOTE: the same read of `data` as the grouped one, for one card
                _, found = _studied_values(col, fsrs, str(card_values), 1, "c.id = ?", card_id)
                values = tuple(column_values[0] if column_values else None for column_values in found)
            rows[card_id] = CardRow(*head, *values)
    return list(rows.values())


def last_revlog_id(col: Collection, start_ms: int, end_ms: int) -> int:
    """The newest review-log entry in [start_ms, end_ms), or 0."""
    return int(db(col).scalar("select ifnull(max(id), 0) from revlog where id >= ? and id < ?", start_ms, end_ms))


# The entries true retention counts (see `retention_entries`).
_RETENTION_ENTRY = "ease > 0 and not (type = 3 and factor = 0) and (type = 1 or lastIvl <= -86400 or lastIvl >= 1)"


def retention_counts_of(
    col: Collection, card_ids: Iterable[int], start_ms: int, end_ms: int
) -> dict[int, tuple[int, int]]:
    """card id -> (entries true retention counts, of which passed) in [start_ms, end_ms), for these cards."""
    ids = list(card_ids)
    if not ids:
        return {}
    rows = db(col).all(
        f"select cid, count(), sum(ease > 1) from revlog where cid in {ids2str(ids)} and id >= ? and id < ? "
        f"and {_RETENTION_ENTRY} group by cid",
        start_ms,
        end_ms,
    )
    return {int(card_id): (int(reviews), int(passed)) for card_id, reviews, passed in rows}


def retention_window(col: Collection, start_ms: int, end_ms: int) -> tuple[int, list[int], list[bool]]:
    """The newest review-log entry in [start_ms, end_ms) (0 if none) and, up to it, `retention_entries`."""
    last = last_revlog_id(col, start_ms, end_ms)
    return (last, *retention_entries(col, start_ms, last + 1)) if last else (0, [], [])


def retention_entries(col: Collection, start_ms: int, end_ms: int) -> tuple[list[int], list[bool]]:
    """The card of each review-log entry in [start_ms, end_ms) that counts for Anki's true retention (the Statistics
    screen's table), and whether it passed (any button but Again). Counted: entries with a rating that affect
    scheduling (not cramming), of cards with an interval of at least a day (a review-kind entry, or a previous
    interval of at least a day).

    NOTE: two texts in one row, counted per group in Python (`CardCache`): a join to cards and notes grouped by tags in
    SQLite costs several times more on a million review-log rows."""
    row = db(col).first(
        "select group_concat(cid), group_concat(ease > 1, '') from revlog "
        f"where id >= ? and id < ? and {_RETENTION_ENTRY}",
        start_ms,
        end_ms,
    )
    cards, passed = row if row else (None, None)
    if not cards:
        return [], []
    return list(map(int, cards.split(","))), list(map("1".__eq__, str(passed)))
