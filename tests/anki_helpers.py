"""Small helpers over the real `anki` package, shared by the tests that import decks and review cards."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import anki.collection  # NOTE: before anki.scheduler.v3, or the import is circular
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse
from anki.scheduler.v3 import CardAnswer

__all__ = ["Collection", "answer_first_card", "html_problems", "import_package", "notes_by_id"]

_ = anki.collection


def import_package(col: Collection, package: Path, **options: object) -> ImportResponse.Log:
    """Import with Anki's own importer; with no options, the defaults of Anki's import dialog (IF_NEWER)."""
    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions(**options))
    return col.import_anki_package(request).log


def notes_by_id(col: Collection) -> dict[str, anki.notes.Note]:
    """Our notes keyed by their `Id` field."""
    result = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        result[note["Id"]] = note
    return result


def answer_first_card(col: Collection, rating: int = CardAnswer.GOOD) -> int:
    """Answer the next queued card of the first new card's deck through the real v3 scheduler; returns its id."""
    first_new = col.get_card(col.find_cards("is:new")[0])
    col.decks.select(first_new.did)
    queued = col.sched.get_queued_cards(fetch_limit=1)
    top = queued.cards[0]
    card = col.get_card(top.card.id)
    card.start_timer()
    col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))  # type: ignore[arg-type]
    return card.id


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_CLOZE_LEFT = re.compile(r"\{\{c\d+::|\}\}")
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


class _WellFormed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            self.problems.append(f"</{tag}> closes nothing")
        elif self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1]}>")
            if tag in self.open:
                del self.open[self.open.index(tag) :]
        else:
            self.open.pop()


def html_problems(html: str, cloze: bool = False) -> list[str]:
    """What keeps a rendered card from being well-formed: tags not closed in order; on a cloze card, cloze syntax
    that Anki left over (a deletion it did not read)."""
    checker = _WellFormed()
    checker.feed(html)
    checker.close()
    problems = checker.problems + [f"<{tag}> is never closed" for tag in checker.open]
    if cloze:
        markup = _STYLE.sub("", html)
        problems += [f"cloze syntax left in the card: {match.group(0)!r}" for match in _CLOZE_LEFT.finditer(markup)]
    return problems
