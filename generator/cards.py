"""From parsed sources to cards: the kind of each card, its note fields, its deck and its tags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import genanki

from addon import card_meta, categories

from .findings import Finding, finding
from .outline import deep_dive_ids, is_card_id, parse_minutes, parse_outline
from .source import (
    BASIC_FIELDS,
    CLOZE_FIELDS,
    PROBLEM_FIELDS,
    PROMPT_FIELDS,
    TIMED_FIELDS,
    CardSource,
    ParsedFile,
    Text,
    did_you_mean,
)
from .tree import Tree, placement

_TAG_SPLIT = re.compile(r"[,\s]+")


class Card(NamedTuple):  # NOTE: a tuple, because a rebuild recreates 20,000 of them from the cache
    id: str
    kind: str  # basic, cloze, problem, prompt
    path: str  # relative to the tree root
    line: int
    base_dir: Path  # images resolve against it
    deck: str
    tags: tuple[str, ...]
    fields: dict[str, Text]  # note-field name -> Markdown source; a field absent here is empty. Problem and
    # prompt cards also hold their validated timing here: Difficulty and Budget (`approach N, code M` or minutes).
    question: str  # normalised question, for duplicate detection
    guid: str  # from the tree's namespace, the kind and the id: never from the text

    def text(self, name: str) -> str:
        field = self.fields.get(name)
        return field.value if field is not None else ""


# Markdown field -> note field, per kind. Difficulty is not a note field: it is rendered into the Prompt field.
_PROBLEM_NOTE_FIELDS = {key: key.replace(" ", "") for key in PROBLEM_FIELDS if key != "Difficulty"}
_PROBLEM_NOTE_FIELDS["Edge cases"] = "EdgeCases"
_MIN_PROMPT_MINUTES, _MAX_PROMPT_MINUTES = 5, 240


def build_cards(tree: Tree, parsed: ParsedFile, base_dir: Path) -> tuple[list[Card], list[Finding]]:
    findings: list[Finding] = []
    front = parsed.front_matter
    if front.category is not None and not categories.is_category(front.category):
        known = ", ".join(categories.CATEGORY_KEYS)
        hint = did_you_mean(front.category, categories.CATEGORY_KEYS)
        findings.append(
            finding(parsed.path, 1, 1, "front-matter", f"unknown category {front.category!r}{hint}; known: {known}")
        )
    place = placement(tree, parsed.path, front.deck, front.topic, front.category)
    category = place.category if place.category and categories.is_category(place.category) else None
    file_tags: list[str] = []
    if category is not None:
        file_tags.append(
            categories.topic_tag(category, *place.topic) if place.topic else categories.category_tag(category)
        )
    file_tags.extend(_split_tags(" ".join(front.tags)))

    topic = _topic(parsed, place.topic, category)
    cards: list[Card] = []
    for source in parsed.cards:
        card = _card(source, front.source, file_tags, place.deck, base_dir, tree.namespace, category, findings)
        if card is not None:
            card.fields[TOPIC] = topic
            cards.append(card)
    return cards, findings


TOPIC = "Topic"  # not a note field: the header line every card shows, rendered into the Source field


def _topic(parsed: ParsedFile, topic: tuple[str, ...], category: str | None) -> Text:
    """`Category · Topic` for the cards' header: the category's title, then the file's `# Title` (else its name).

    NOTE: nothing here depends on the deck or the folder outside the category, so moving a file leaves its cards'
    content, and so their notes, unchanged (a move stays a move in the release diff).
    """
    if parsed.title is not None:
        name, line = parsed.title.value, parsed.title.line
    else:
        stem = (topic[-1] if topic else Path(parsed.path).stem).replace("-", " ").replace("_", " ")
        name, line = stem[:1].upper() + stem[1:], 1
    if category is None:
        return Text(name, line, 1)
    return Text(f"{categories.get(category).title} · {name}", line, 1)


def _split_tags(text: str) -> list[str]:
    return [tag for tag in _TAG_SPLIT.split(text) if tag]


def _card(
    source: CardSource,
    default_source: str | None,
    file_tags: list[str],
    deck: str,
    base_dir: Path,
    namespace: str,
    category: str | None,
    findings: list[Finding],
) -> Card | None:
    path = source.path
    present = set(source.fields)
    kinds = [
        kind
        for kind, keys in (
            ("cloze", CLOZE_FIELDS),
            ("problem", PROBLEM_FIELDS),
            ("prompt", PROMPT_FIELDS),
            ("basic", BASIC_FIELDS),
        )
        if present & set(keys)
    ]
    if len(kinds) > 1:
        findings.append(
            finding(path, source.line, 1, "mixed-kind", f"fields of {' and '.join(kinds)} cards in one card")
        )
        return None
    kind = kinds[0] if kinds else "basic"
    fields: dict[str, Text] = {}
    heading = source.heading if source.heading.value.strip() else None
    tags = list(file_tags)
    if kind in ("basic", "cloze") and "Budget" in source.fields:
        budget = source.fields["Budget"]
        findings.append(finding(path, budget.line, 1, "mixed-kind", "Budget: belongs on a problem or a prompt card"))

    if kind == "basic":
        if "A" in source.fields and source.body is not None:
            line, col = source.body.line, source.body.col
            findings.append(finding(path, line, col, "mixed-kind", "answer given twice: text under the heading and A:"))
        answer = source.fields.get("A") or source.body
        question = source.fields.get("Q") or heading
        _require(fields, "Front", question, "a question (the heading text or Q:)", source, findings)
        _require(fields, "Back", answer, "an answer (text under the heading or A:)", source, findings)
    else:
        if source.body is not None:
            findings.append(
                finding(
                    path,
                    source.body.line,
                    1,
                    "mixed-kind",
                    f"text before the first field of a {kind} card belongs in a field",
                )
            )
        if kind == "cloze":
            _require(fields, "Text", source.fields.get("Cloze"), "Cloze: text", source, findings)
            if heading is not None:
                fields["Context"] = heading
        elif kind == "problem":
            for key, note_field in _PROBLEM_NOTE_FIELDS.items():
                if key not in TIMED_FIELDS:
                    _require(fields, note_field, source.fields.get(key), f"{key}:", source, findings)
            _difficulty_and_budget(source, fields, tags, findings)
            if heading is None:
                findings.append(finding(path, source.line, 1, "missing-field", "a problem card needs a title heading"))
            else:
                fields["Title"] = heading
        else:
            _prompt_fields(source, heading, category, fields, findings)
    for key in ("Extra", "Source"):
        value = source.fields.get(key)
        if value is not None and value.value.strip():
            fields[key] = value
    if "Source" not in fields and default_source:
        fields["Source"] = Text(default_source, 1, 1)

    if "Tags" in source.fields:
        tags.extend(_split_tags(source.fields["Tags"].value))
    if source.id is None:
        return None
    question_text = fields.get("Front") or fields.get("Title") or fields.get("Text")
    return Card(
        id=source.id,
        kind=kind,
        path=path,
        line=source.line,
        base_dir=base_dir,
        deck=deck,
        tags=tuple(dict.fromkeys(tags)),
        fields=fields,
        question=_normalise(question_text.value) if question_text else "",
        guid=genanki.guid_for(namespace, kind, source.id),
    )


def _require(
    fields: dict[str, Text],
    name: str,
    value: Text | None,
    what: str,
    source: CardSource,
    findings: list[Finding],
) -> None:
    if value is None:
        findings.append(finding(source.path, source.line, 1, "missing-field", f"this card needs {what}"))
        return
    if not value.value.strip():
        findings.append(finding(source.path, value.line, value.col, "empty-field", f"{what} is empty"))
        return
    fields[name] = value


def _normalise(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", question.lower()).split())


def _difficulty_and_budget(
    source: CardSource, fields: dict[str, Text], tags: list[str], findings: list[Finding]
) -> None:
    """A problem's `Difficulty:` (required) and `Budget:` (optional, else the difficulty's default), validated."""
    path = source.path
    difficulty = source.fields.get("Difficulty")
    level = None
    if difficulty is None:
        findings.append(
            finding(path, source.line, 1, "missing-field", "this card needs Difficulty: easy, medium or hard")
        )
    else:
        level = difficulty.value.strip().lower()
        if level not in card_meta.DIFFICULTIES:
            hint = did_you_mean(level, card_meta.DIFFICULTIES)
            findings.append(
                finding(
                    path,
                    difficulty.line,
                    difficulty.col,
                    "invalid-value",
                    f"unknown difficulty {difficulty.value.strip()!r}{hint}; known: easy, medium, hard",
                )
            )
            level = None
    budget_text = source.fields.get("Budget")
    budget = card_meta.DEFAULT_BUDGETS.get(level or "")
    if budget_text is not None:
        budget = card_meta.parse_budget(budget_text.value)
        if budget is None:
            findings.append(
                finding(
                    path,
                    budget_text.line,
                    budget_text.col,
                    "invalid-value",
                    "a problem's budget is 'approach N, code M' (minutes, both above 0)",
                )
            )
    if level is None or budget is None or difficulty is None:
        return
    fields["Difficulty"] = Text(level, difficulty.line, difficulty.col)
    fields["Budget"] = Text(f"approach {budget.approach}, code {budget.code}", difficulty.line, difficulty.col)
    tags.append(card_meta.difficulty_tag(level))


def _prompt_fields(
    source: CardSource,
    heading: Text | None,
    category: str | None,
    fields: dict[str, Text],
    findings: list[Finding],
) -> None:
    """A prompt card: the question (heading), its round, its budget, its outline and its deep dives, validated."""
    path = source.path
    if heading is None:
        findings.append(finding(path, source.line, 1, "missing-field", "a prompt card needs the question as heading"))
    else:
        fields["Title"] = heading
    round_text = source.fields.get("Round")
    default_round = card_meta.round_of_category(category) if category else None
    if round_text is not None:
        key = round_text.value.strip()
        if key not in card_meta.ROUND_KEYS:
            hint = did_you_mean(key, card_meta.ROUND_KEYS)
            known = ", ".join(card_meta.ROUND_KEYS)
            findings.append(
                finding(
                    path,
                    round_text.line,
                    round_text.col,
                    "invalid-value",
                    f"unknown round {key!r}{hint}; known: {known}",
                )
            )
        else:
            fields["Round"] = Text(key, round_text.line, round_text.col)
    elif default_round is not None:
        fields["Round"] = Text(default_round.key, source.line, 1)
    else:
        findings.append(
            finding(path, source.line, 1, "missing-field", "a prompt card outside a category folder needs Round:")
        )
    minutes = card_meta.PROMPT_MINUTES
    budget_text = source.fields.get("Budget")
    if budget_text is not None:
        parsed = parse_minutes(budget_text.value)
        if parsed is None or not _MIN_PROMPT_MINUTES <= parsed <= _MAX_PROMPT_MINUTES:
            findings.append(
                finding(
                    path,
                    budget_text.line,
                    budget_text.col,
                    "invalid-value",
                    f"a prompt's budget is minutes from {_MIN_PROMPT_MINUTES} to {_MAX_PROMPT_MINUTES}, e.g. 45",
                )
            )
        else:
            minutes = parsed
    fields["Budget"] = Text(str(minutes), budget_text.line if budget_text else source.line, 1)
    _require(fields, "Outline", source.fields.get("Outline"), "Outline: (a list of phases)", source, findings)
    outline = fields.get("Outline")
    if outline is not None:
        items, problems = parse_outline(outline)
        for problem in problems:
            line, col = outline.locate(problem.offset)
            findings.append(finding(path, line, col, "invalid-value", problem.message))
        total = sum(item.phase.minutes for item in items)
        if not problems and total != minutes:
            findings.append(
                finding(
                    path,
                    outline.line,
                    outline.col,
                    "invalid-value",
                    f"the outline's phases add up to {total} min, but the budget is {minutes} min",
                )
            )
    _require(fields, "DeepDives", source.fields.get("Deep dives"), "Deep dives: (card ids)", source, findings)
    deep_dives = fields.get("DeepDives")
    if deep_dives is not None:
        for token, offset in deep_dive_ids(deep_dives):
            if not is_card_id(token):
                line, col = deep_dives.locate(offset)
                findings.append(finding(path, line, col, "invalid-id", f"{token!r} is not a card id"))
