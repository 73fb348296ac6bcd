"""Real review history for tests: answer cards through Anki's v3 scheduler and move the collection's clock back.

Follows shared/anki-notes.md §2: to pretend days passed, move `col.crt`, revlog ids, intraday learning due times and
`cards.data` `$.lrt` back, then close and reopen so Anki forgets its cached "today".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

import anki.collection  # noqa: F401  (NOTE: before anki.scheduler.v3, or the import is circular)
from anki.collection import Collection
from anki.scheduler.v3 import CardAnswer

DAY_S = 86400
AGAIN, HARD, GOOD, EASY = CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.EASY


def study(col: Collection, rating: Callable[[int], CardAnswer.Rating.V], limit: int = 10_000) -> int:
    """Answer every card the scheduler queues now; `rating(card_id)` picks the button the first time a card shows in
    this session, Good after that (an Again forever would requeue the card forever). Returns the answers given."""
    answered = 0
    seen: set[int] = set()
    while answered < limit:
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        top = queued.cards[0]
        card = col.get_card(top.card.id)
        card.start_timer()
        chosen = GOOD if card.id in seen else rating(card.id)
        seen.add(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=chosen))
        answered += 1
    return answered


def pass_days(col: Collection, days: int) -> None:
    """Make `days` days pass: everything that records time moves back, then the collection reopens."""
    shift = days * DAY_S
    assert col.db is not None
    col.db.execute("update col set crt = crt - ?", shift)
    col.db.execute("update revlog set id = id - ?", shift * 1000)
    col.db.execute("update cards set due = due - ? where queue in (1, 4)", shift)
    col.db.execute("update cards set odue = odue - ? where odue > 1000000000", shift)
    col.db.execute(
        "update cards set data = json_set(data, '$.lrt', json_extract(data, '$.lrt') - ?) "
        "where data like '{%' and json_extract(data, '$.lrt') is not null",
        shift,
    )
    col.close()
    col.reopen()


def rating_for(card: int | str, day: int, again_percent: int = 8) -> CardAnswer.Rating.V:
    """A learner's answer, the same on every run for the same `card` key: Again about `again_percent` % of the time,
    Hard 8 %, Easy 5 %, else Good, picked by a hash of the card and the day."""
    draw = int(hashlib.sha256(f"{card}:{day}".encode()).hexdigest()[:8], 16) % 100
    if draw < again_percent:
        return AGAIN
    if draw < again_percent + 8:
        return HARD
    return EASY if draw >= 95 else GOOD


def study_weeks(
    col: Collection,
    new_per_day: Mapping[str, int],
    days: int = 21,
    again_percent: Callable[[int], int] = lambda _card_id: 8,
) -> int:
    """About three weeks of a candidate's study: every day, each deck of `new_per_day` gets that deck's new-card limit
    (in its own options preset) and is studied to the end of its queue, then a day passes. Returns the answers."""
    for deck_name, limit in new_per_day.items():
        deck_id = col.decks.id(deck_name)
        assert deck_id is not None
        preset_id = col.decks.add_config_returning_id(f"{deck_name} preset")
        preset = col.decks.get_config(preset_id)
        assert preset is not None
        preset["new"]["perDay"] = limit
        col.decks.update_config(preset)
        deck = col.decks.get(deck_id)
        assert deck is not None
        deck["conf"] = preset_id
        col.decks.save(deck)
    answers = 0
    for day in range(days):
        for deck_name in new_per_day:
            col.decks.select(col.decks.id(deck_name))  # type: ignore[arg-type]
            answers += study(
                col, lambda card_id, day=day: rating_for(_stable_key(col, card_id), day, again_percent(card_id))
            )
        pass_days(col, 1)
    return answers


def _stable_key(col: Collection, card_id: int) -> str:
    """What identifies a card from one run to the next. NOTE: not its id, which is its creation time: keyed on ids,
    every run drew other answers, and a test that looks for the weak topic failed now and then."""
    card = col.get_card(card_id)  # type: ignore[arg-type]
    return f"{card.note().fields[0]}:{card.ord}"
