"""A collection with a known practice history, for the practice tests: problems of three difficulties in every
state the pick rule tells apart (marked for re-review, due, weak, unseen, studied and not due), a design prompt of
a note type of the user's own, concept cards, and the cards no round may ask (suspended, no difficulty tag).

Every review goes through Anki's v3 scheduler; days pass by moving the collection's clock (`review_history`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import anki.collection  # noqa: F401  (NOTE: before anki.scheduler.v3, or the import is circular)
from addon_helpers import CollectionBuilder
from anki.cards import CardId
from anki.collection import Collection
from anki.scheduler.v3 import CardAnswer
from review_history import pass_days

from addon.card_meta import Phase, phases_html, round_for, round_html
from addon.practice import grading, record
from addon.practice.timing import Marks, timing

DECK = "LeetCode"
ALG = "interview::algorithms"
_RATINGS = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}


def answer(col: Collection, card_id: int, rating: int = 3) -> None:
    """One review through the v3 scheduler, as the reviewer records it."""
    card = col.get_card(CardId(card_id))
    card.start_timer()
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=_RATINGS[rating]))  # type: ignore[union-attr]


def graduate(col: Collection, card_id: int) -> None:
    """Good until the card leaves learning (Anki's default steps: 1 and 10 minutes)."""
    for _ in range(5):
        answer(col, card_id, 3)
        if col.get_card(CardId(card_id)).type == 2:
            return
    raise AssertionError(f"card {card_id} did not graduate")


def mock(col: Collection, card_id: int, round_key: str, minutes: list[float], grade: str) -> record.RecordResult:
    """A graded mock attempt with these minutes per phase, through the real recording path."""
    from addon.practice import items

    candidate = next(c for c in items.candidates(col, round_key) if c.card_id == card_id)
    starts = [0.0]
    for spent in minutes[:-1]:
        starts.append(starts[-1] + spent * 60)
    end = starts[-1] + minutes[-1] * 60
    marks = Marks(0.0, tuple(starts[1:]), end)
    return record.record_attempt(col, card_id, round_key, timing(candidate.phases, marks, end), grade)


def pass_days_and_log(col: Collection, days: int) -> None:
    """`pass_days`, with the practice log's times moved back as the review log's are (the log keeps review ids)."""
    from addon.practice import log

    shift = days * 86_400_000
    moved = [replace(attempt, review_id=attempt.review_id - shift) for attempt in log.read_log(col)]
    col.set_config(log.LOG_KEY, log.dump_log(moved))
    pass_days(col, days)


@dataclass
class History:
    cards: dict[str, int] = field(default_factory=dict)  # name -> card id

    def __getitem__(self, name: str) -> int:
        return self.cards[name]


def user_prompt_notetype(col: Collection) -> str:
    """A design-prompt note type of the user's own: Title, Round and Outline, as the prompt format writes them."""
    model = col.models.new("My design prompts")
    for name in ("Title", "Round", "Outline"):
        col.models.add_field(model, col.models.new_field(name))
    template = col.models.new_template("Card 1")
    template["qfmt"] = "{{Title}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Outline}}"
    col.models.add_template(model, template)
    col.models.add_dict(model)
    return "My design prompts"


def make_practice_history(col: Collection) -> History:
    """Problems e0-e3, m0-m3, h0-h3 (easy, medium, hard) in a LeetCode deck, in these states:
    - e0 (needed the answer) and m0 (over budget): marked for re-review by mock attempts; h0 redone within budget
      after a bad attempt: not marked;
    - e1, m1, h1: studied, then due (3 days passed);
    - e2: studied and not due;
    - e3, m2, m3, h2, h3: unseen.
    Also: x-nodiff (algorithms, no difficulty tag), x-suspended (a suspended easy problem), c0-c2 (ML concepts), and
    p0 (a system-design prompt of the user's own note type)."""
    build = CollectionBuilder(col)
    history = History()

    def add(name: str, tags: list[str], deck: str = DECK) -> None:
        note_id = build.note(deck, tags=tags, front=name)
        history.cards[name] = int(col.get_note(note_id).card_ids()[0])

    for level in ("easy", "medium", "hard"):
        for index in range(4):
            add(f"{level[0]}{index}", [ALG, f"difficulty::{level}"])
    add("x-nodiff", [ALG])
    add("x-suspended", [ALG, "difficulty::easy"])
    for index in range(3):
        add(f"c{index}", ["interview::ml-concepts::basics"], deck="ML")
    notetype = user_prompt_notetype(col)
    prompt = col.new_note(col.models.by_name(notetype))  # type: ignore[arg-type]
    prompt["Title"] = "Design a URL shortener"
    prompt["Round"] = round_html(round_for("system-design"))
    prompt["Outline"] = phases_html([(Phase("Requirements", 5), "<p>scope</p>"), (Phase("Design", 25), "<p>x</p>")])
    prompt.tags = ["interview::system-design::prompts"]
    col.add_note(prompt, col.decks.id("System design"))  # type: ignore[arg-type]
    history.cards["p0"] = int(prompt.card_ids()[0])
    col.sched.suspend_cards([CardId(history["x-suspended"])])

    for name in ("e0", "m0", "h0", "e1", "m1", "h1"):
        graduate(col, history[name])
    pass_days(col, 3)
    graduate(col, history["e2"])
    mock(col, history["e0"], "coding", [12, 6], grading.ANSWER)  # budget 10 + 5
    mock(col, history["m0"], "coding", [25, 10], grading.OVER)  # budget 20 + 10
    mock(col, history["h0"], "coding", [40, 10], grading.ANSWER)  # budget 30 + 15
    mock(col, history["h0"], "coding", [25, 12], grading.WITHIN)
    return history
