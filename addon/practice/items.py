"""Which cards a mock interview round can ask, and what it shows of one: its phases, its question and its answer.

- **Coding**: problems of the `algorithms` category. Our problem notes carry their difficulty and budget (`card_meta`);
  a user's own card counts when it has a `difficulty::<level>` tag, and is timed with that level's default budget.
- **System design / ML design**: prompt notes (a note type with an `Outline` field holding the phases, as ours has),
  by the round their `Round` field names, else by their category.
- **ML breadth**: every other card of the `ml-concepts` category, one quick-fire question at a time.
Suspended and buried cards are never asked. One bulk read of the collection; it never writes. Imports `anki` only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from anki.cards import CardId
from anki.collection import Collection
from anki.dbproxy import DBProxy
from anki.sound import strip_av_refs
from anki.utils import ids2str

from ..card_meta import Phase, difficulty_of_tags, parse_phases, parse_problem_meta, parse_round, round_for
from ..categories import SEPARATOR, TAG_ROOT, category_of_tag
from .timing import QUICK_FIRE_PHASES, default_problem_phases, problem_phases

CODING, SYSTEM_DESIGN, ML_DESIGN, ML_BREADTH = "coding", "system-design", "ml-design", "ml-breadth"
DESIGN_ROUNDS = (SYSTEM_DESIGN, ML_DESIGN)
TITLE_CHARS = 90

_CARDS = """
select c.id, c.nid, c.did, c.odid, c.queue, c.type, case when c.odid != 0 then c.odue else c.due end, n.mid, n.tags
from cards c join notes n on n.id = c.nid
where c.queue >= 0 and ({where})
order by c.id
"""
# The category whose tag a round's cards must carry; design rounds are found by their note type instead.
_ROUND_CATEGORY = {CODING: "algorithms", ML_BREADTH: "ml-concepts"}


@dataclass(frozen=True)
class Candidate:
    """A card a round can ask, with what the pick rule and the timer need to know of it."""

    card_id: int
    note_id: int
    round: str
    difficulty: str | None  # easy, medium or hard for problems; None for the other rounds
    phases: tuple[Phase, ...]
    home_deck: int
    filtered_deck: int  # the filtered deck that holds it now, 0 when none
    queue: int
    type: int  # 0 new, 1 learning, 2 review, 3 relearning
    due: int  # for a new card, its position in Anki's new-card order

    @property
    def unseen(self) -> bool:
        return self.type == 0

    @property
    def budget_minutes(self) -> int:
        return sum(phase.minutes for phase in self.phases)


@dataclass(frozen=True)
class PracticeItem:
    """A candidate ready to be asked: its title and the card's two sides as Anki renders them."""

    candidate: Candidate
    title: str
    question_html: str
    answer_html: str
    css: str


def db(col: Collection) -> DBProxy:
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


def _field_indexes(col: Collection) -> dict[int, dict[str, int]]:
    """Per note type id, the index of each field, by name."""
    indexes: dict[int, dict[str, int]] = {}
    for entry in col.models.all_names_and_ids():
        model = col.models.get(entry.id)  # type: ignore[arg-type]
        if model is not None:
            indexes[int(entry.id)] = {field["name"]: field["ord"] for field in model["flds"]}
    return indexes


def _categories(tags: str) -> set[str]:
    return {key for key in map(category_of_tag, tags.split()) if key is not None}


def candidates(col: Collection, round_key: str) -> list[Candidate]:
    """Every card the round can ask now, in card-id order."""
    round_for(round_key)  # KeyError for an unknown round
    fields = _field_indexes(col)
    special = {mid for mid, names in fields.items() if "Prompt" in names or "Outline" in names}
    rows = db(col).all(_CARDS.format(where=_where(round_key, fields)))
    note_fields = _note_fields(col, {nid for _, nid, _, _, _, _, _, mid, _ in rows if mid in special})
    plain: dict[tuple[int, str], tuple[str, str | None, tuple[Phase, ...]] | None] = {}  # NOTE: per note type and tags
    found: list[Candidate] = []
    for card_id, note_id, did, odid, queue, card_type, due, mid, tags in rows:
        names = fields.get(mid, {})
        if mid in special:
            kind = _classify(names, note_fields.get(note_id, []), tags)
        else:
            if (mid, tags) not in plain:
                plain[(mid, tags)] = _classify(names, [], tags)
            kind = plain[(mid, tags)]
        if kind is None or kind[0] != round_key:
            continue
        home, filtered = (odid, did) if odid else (did, 0)
        found.append(Candidate(card_id, note_id, round_key, kind[1], kind[2], home, filtered, queue, card_type, due))
    return found


def _where(round_key: str, fields: Mapping[int, Mapping[str, int]]) -> str:
    """The SQL condition that narrows the cards to those the round could ask (the rest is decided in Python)."""
    category = _ROUND_CATEGORY.get(round_key)
    if category is None:
        outline_types = [mid for mid, names in fields.items() if "Outline" in names]
        return f"n.mid in {ids2str(outline_types)} and n.tags like '% {TAG_ROOT}{SEPARATOR}%'"
    tag = f"{TAG_ROOT}{SEPARATOR}{category}"
    return f"n.tags like '% {tag} %' or n.tags like '% {tag}{SEPARATOR}%'"


def _note_fields(col: Collection, note_ids: set[int]) -> dict[int, list[str]]:
    if not note_ids:
        return {}
    rows = db(col).all(f"select id, flds from notes where id in {ids2str(note_ids)}")
    return {note_id: flds.split("\x1f") for note_id, flds in rows}


def _field(names: Mapping[str, int], values: Sequence[str], name: str) -> str:
    index = names.get(name)
    return values[index] if index is not None and index < len(values) else ""


def _classify(
    names: Mapping[str, int], values: Sequence[str], tags: str
) -> tuple[str, str | None, tuple[Phase, ...]] | None:
    """(round, difficulty, phases) of a note, or None when no round asks it."""
    categories = _categories(tags)
    if not categories:
        return None
    outline = parse_phases(_field(names, values, "Outline")) if "Outline" in names else []
    if outline:
        stated = parse_round(_field(names, values, "Round")) if "Round" in names else None
        round_key = stated.key if stated else next((key for key in DESIGN_ROUNDS if key in categories), None)
        return (round_key, None, tuple(outline)) if round_key in DESIGN_ROUNDS else None
    meta = parse_problem_meta(_field(names, values, "Prompt")) if "Prompt" in names else None
    tagged = difficulty_of_tags(tags.split())
    if meta is not None or tagged is not None:
        if "algorithms" not in categories:
            return None
        if meta is not None:
            return (CODING, meta[0], problem_phases(meta[1]))
        return (CODING, tagged, default_problem_phases(tagged))
    if "ml-concepts" in categories:
        return (ML_BREADTH, None, QUICK_FIRE_PHASES)
    return None


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)
_HIDDEN = re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str) -> str:
    """Field HTML as one line of text (NOTE: not `anki.utils.strip_html`, which needs Anki's translations loaded)."""
    return " ".join(html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", _CLOZE.sub("[…]", text)))).split())


def title_of(col: Collection, note_id: int) -> str:
    """A note's title for lists: its `Title` field, else its first field as plain text, shortened."""
    note = col.get_note(note_id)  # type: ignore[arg-type]
    names = note.keys()
    text = note["Title"] if "Title" in names else (note.fields[0] if note.fields else "")
    plain = plain_text(text)
    return plain if len(plain) <= TITLE_CHARS else plain[: TITLE_CHARS - 1].rstrip() + "…"


def load_item(col: Collection, candidate: Candidate) -> PracticeItem:
    """The candidate's card rendered by Anki, media names escaped for the web view, sounds left out."""
    card = col.get_card(CardId(candidate.card_id))
    output = card.render_output(reload=True)
    question = col.media.escape_media_filenames(strip_av_refs(output.question_text))
    answer = col.media.escape_media_filenames(strip_av_refs(output.answer_text))
    return PracticeItem(candidate, title_of(col, candidate.note_id), question, answer, output.css)
