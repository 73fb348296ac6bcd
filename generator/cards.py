"""From parsed sources to cards: the kind of each card, its note fields, its deck and its tags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import genanki

from addon import categories

from .findings import Finding, finding
from .source import BASIC_FIELDS, CLOZE_FIELDS, PROBLEM_FIELDS, CardSource, ParsedFile, Text
from .tree import Tree, placement

_TAG_SPLIT = re.compile(r"[,\s]+")


class Card(NamedTuple):  # NOTE: a tuple, because a rebuild recreates 20,000 of them from the cache
    id: str
    kind: str  # basic, cloze, problem
    path: str  # relative to the tree root
    line: int
    base_dir: Path  # images resolve against it
    deck: str
    tags: tuple[str, ...]
    fields: dict[str, Text]  # note-field name -> Markdown source; a field absent here is empty
    question: str  # normalised question, for duplicate detection
    guid: str  # from the tree's namespace, the kind and the id: never from the text

    def text(self, name: str) -> str:
        field = self.fields.get(name)
        return field.value if field is not None else ""


# Markdown field -> note field, per kind.
_PROBLEM_NOTE_FIELDS = {key: key.replace(" ", "") for key in PROBLEM_FIELDS}
_PROBLEM_NOTE_FIELDS["Edge cases"] = "EdgeCases"


def build_cards(tree: Tree, parsed: ParsedFile, base_dir: Path) -> tuple[list[Card], list[Finding]]:
    findings: list[Finding] = []
    front = parsed.front_matter
    if front.category is not None and not categories.is_category(front.category):
        known = ", ".join(categories.CATEGORY_KEYS)
        findings.append(
            finding(parsed.path, 1, 1, "front-matter", f"unknown category {front.category!r}; known: {known}")
        )
    place = placement(tree, parsed.path, front.deck, front.topic, front.category)
    category = place.category if place.category and categories.is_category(place.category) else None
    file_tags: list[str] = []
    if category is not None:
        file_tags.append(
            categories.topic_tag(category, *place.topic) if place.topic else categories.category_tag(category)
        )
    file_tags.extend(_split_tags(" ".join(front.tags)))

    cards: list[Card] = []
    for source in parsed.cards:
        card = _card(source, front.source, file_tags, place.deck, base_dir, tree.namespace, findings)
        if card is not None:
            cards.append(card)
    return cards, findings


def _split_tags(text: str) -> list[str]:
    return [tag for tag in _TAG_SPLIT.split(text) if tag]


def _card(
    source: CardSource,
    default_source: str | None,
    file_tags: list[str],
    deck: str,
    base_dir: Path,
    namespace: str,
    findings: list[Finding],
) -> Card | None:
    path = source.path
    present = set(source.fields)
    kinds = [
        kind
        for kind, keys in (("cloze", CLOZE_FIELDS), ("problem", PROBLEM_FIELDS), ("basic", BASIC_FIELDS))
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
        else:
            for key in PROBLEM_FIELDS:
                _require(fields, _PROBLEM_NOTE_FIELDS[key], source.fields.get(key), f"{key}:", source, findings)
            if heading is None:
                findings.append(finding(path, source.line, 1, "missing-field", "a problem card needs a title heading"))
            else:
                fields["Title"] = heading
    for key in ("Extra", "Source"):
        value = source.fields.get(key)
        if value is not None and value.value.strip():
            fields[key] = value
    if "Source" not in fields and default_source:
        fields["Source"] = Text(default_source, 1, 1)

    tags = list(file_tags)
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
