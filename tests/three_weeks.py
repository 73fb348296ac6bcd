"""A collection after about three weeks of a candidate's study, for the readiness tests and the desktop's screenshots.

Built through Anki's real scheduler (`review_history.study_weeks`) once per session, then copied for each test, so a
test may change it freely.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from anki.collection import Collection
from anki.decks import DeckId
from review_history import study_weeks

ALGORITHMS = "MLE Interview::Algorithms"
SYSTEM_DESIGN = "MLE Interview::System Design"
ML_CONCEPTS = "MLE Interview::ML Concepts"
# topic -> notes, in the order they are added (new cards are learned in that order)
ALGORITHM_TOPICS = {"graphs": 30, "dp": 30, "heaps": 30, "greedy": 30, "tries": 30}
SYSTEM_DESIGN_TOPICS = {"caching": 20, "queues": 20, "sharding": 20}
WEAK_TOPIC = "dp"  # answered Again far more often than the others
NEW_PER_DAY = {ALGORITHMS: 5, SYSTEM_DESIGN: 2, ML_CONCEPTS: 0}


def build_three_weeks(path: Path, fsrs: bool) -> None:
    col = Collection(str(path))
    try:
        col.set_config("fsrs", fsrs)
        weak: set[int] = set()
        for topic, count in ALGORITHM_TOPICS.items():
            for index in range(count):
                note_id = _note(col, ALGORITHMS, f"interview::algorithms::{topic}", f"{topic} {index}")
                if topic == WEAK_TOPIC:
                    weak.update(col.card_ids_of_note(note_id))
        for topic, count in SYSTEM_DESIGN_TOPICS.items():
            for index in range(count):
                _note(col, SYSTEM_DESIGN, f"interview::system-design::{topic}", f"{topic} {index}")
        for index in range(10):
            _note(col, ML_CONCEPTS, "interview::ml-concepts::losses", f"loss {index}")
        _note(col, "Spanish", "vocab", "hola")
        study_weeks(col, NEW_PER_DAY, days=21, again_percent=lambda card_id: 35 if card_id in weak else 6)
    finally:
        col.close()


class ThreeWeeks:
    """The two studied collections (FSRS on, SM-2), each built the first time a test asks for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[bool, Path] = {}

    def __getitem__(self, fsrs: bool) -> Path:
        if fsrs not in self.files:
            path = self.folder / f"{'fsrs' if fsrs else 'sm2'}.anki2"
            build_three_weeks(path, fsrs)
            self.files[fsrs] = path
        return self.files[fsrs]


def _note(col: Collection, deck: str, tag: str, front: str) -> int:
    note = col.new_note(col.models.by_name("Basic"))  # type: ignore[arg-type]
    note.fields[0] = front
    note.tags = [tag]
    col.add_note(note, DeckId(col.decks.id(deck) or 0))
    return int(note.id)


def open_copy(template: Path, folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "collection.anki2"
    shutil.copyfile(template, path)
    return Collection(str(path))
