"""Reading the collection for the readiness report: the few bulk SQL queries, and nothing else.

The first layer of the report (read -> model -> render): it turns the collection into plain values (card groups with
their comma-joined per-card data, desired retentions, review counts) and never computes a figure of the report. It
only reads; it imports `anki` and the add-on's Anki-free modules only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import anki.collection  # noqa: F401  (NOTE: first: `python -m` imports us before anki, and anki.cards first is circular)
from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.utils import ids2str

from ..categories import CATEGORY_KEYS, SEPARATOR, TAG_ROOT, category_of_tag

MATURE_IVL = 21  # days: Anki's threshold between young and mature
DEFAULT_DESIRED_RETENTION = 0.9
RETENTION_DAYS = 30
DAY_S = 86400


def db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


class CardGroup(NamedTuple):
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
    tags: str = ""  # the notes' tags as stored (with the surrounding spaces)


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


def card_groups(col: Collection, fsrs: bool, today_number: int, due_limits: Sequence[int]) -> list[CardGroup]:
    """Every non-suspended card of a note tagged under a category, grouped, with its categories and topic tags, and
    per due limit the studied cards due before it.

    A card in a filtered deck keeps its home deck (`odid`) and original due (`odue`).
    """
    due_columns = "".join(f", sum(c.type != 0 and {_DUE_DAY} < ?{3 + i})" for i in range(len(due_limits)))
    sql = _CARD_GROUPS.format(due_columns=due_columns)
    parsed: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {}
    groups = []
    for row in db(col).all(sql, today_number, int(fsrs), *due_limits):  # ?1, ?2, ?3...
        tags, home, unseen, size, young, mature, ids, stabilities, decays, reviewed, *due = row
        info = parsed.get(tags)
        if info is None:
            info = parsed[tags] = categories_and_topics(tags)
        if info[0]:
            due_before = dict(zip(due_limits, due))  # noqa: B905 (3.9)
            groups.append(
                CardGroup(
                    *info, home, bool(unseen), size, young, mature, ids, stabilities, decays, reviewed, due_before, tags
                )
            )
    return groups


def positive_numbers(col: Collection, text: str, ids: Sequence[int], key: str) -> list[float | None]:
    """The comma-joined values of `key` in the cards' `data`: each positive finite number as a float, None for any
    other value ('' included). A value with a comma in it (a JSON list or string, never written by Anki) breaks the
    alignment with `ids`: then the values are read again a card at a time."""
    parts = text.split(",")
    if len(parts) != len(ids):
        rows = db(col).all(
            f"select id, case when json_valid(data) then data -> '$.{key}' end from cards where id in {ids2str(ids)}"
        )
        by_id = {card_id: value for card_id, value in rows}
        parts = [str(by_id.get(card_id) or "") for card_id in ids]
    if len(parts) > 1 and parts[0] == parts[-1] and len(set(parts)) == 1:  # NOTE: one decay a preset: parse once
        return positive_numbers(col, parts[0], ids[:1], key) * len(parts)
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


def true_retention_counts(
    col: Collection, end: int, group_of: Mapping[int, int]
) -> tuple[Counter[int | None], Counter[int | None]]:
    """The reviews that count for Anki's true retention (the Statistics screen's table, "month" row) in the
    `RETENTION_DAYS` that end at `end` (a day cutoff, epoch s), and those passed, counted per card group (`group_of`:
    card id -> its group; None for cards outside the report). Counted: entries with a rating that affect scheduling
    (not cramming), of cards with an interval of at least a day (a review-kind entry, or a previous interval of at
    least a day); passed = any button but Again.

    NOTE: two comma-joined lists of card ids in one row, counted with `Counter`: a join to cards and notes grouped by
    tags in SQLite costs several times more on a million review-log rows."""
    start = end - RETENTION_DAYS * DAY_S
    row = db(col).first(
        "select group_concat(cid), group_concat(case when ease > 1 then cid end) from revlog "
        "where id >= ? and id < ? and ease > 0 and not (type = 3 and factor = 0) "
        "and (type = 1 or lastIvl <= -86400 or lastIvl >= 1)",
        start * 1000,
        end * 1000,
    )
    reviewed, passed = row if row else (None, None)
    return _count_by_group(reviewed, group_of), _count_by_group(passed, group_of)


def _count_by_group(card_ids: Any, group_of: Mapping[int, int]) -> Counter[int | None]:
    return Counter(map(group_of.get, map(int, card_ids.split(",")))) if card_ids else Counter()


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
    stability: str  # as in `CardGroup`: the JSON text, '' where missing
    decay: str
    reviewed: str


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
        for row in db(col).all(
            f"select c.id, c.mod, n.mod, n.tags, case when c.odid != 0 then c.odid else c.did end, c.type, c.queue, "
            f"c.ivl, {_DUE_DAY}, case when ?2 then {_STUDIED_DATA.format(key='s')} else '' end, "
            f"case when ?2 then {_STUDIED_DATA.format(key='decay')} else '' end, {_STUDIED_DATA.format(key='lrt')} "
            f"from cards c join notes n on n.id = c.nid where {column} in {ids2str(ids)}",
            today_number,
            int(fsrs),
        ):
            rows[int(row[0])] = CardRow(*(row[:9]), *(str(value) for value in row[9:]))
    return list(rows.values())


def last_revlog_id(col: Collection, start_ms: int, end_ms: int) -> int:
    """The newest review-log entry in [start_ms, end_ms), or 0."""
    return int(db(col).scalar("select ifnull(max(id), 0) from revlog where id >= ? and id < ?", start_ms, end_ms))


# The entries true retention counts (see `true_retention_counts`).
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


def retention_entries(col: Collection, start_ms: int, end_ms: int) -> tuple[list[int], list[bool]]:
    """The card of each entry that counts for true retention in [start_ms, end_ms), and whether it passed (any button
    but Again); see `true_retention_counts` for the rule."""
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
