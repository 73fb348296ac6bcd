"""The four note types the decks use. Their IDs and field lists are a released contract.

Anki matches an imported note to the user's copy by GUID and note-type ID, and matches fields by name. So the IDs
below never change, and a change to a field list is a schema change that the ledger catches and explains
(see `ledger.schema_changes`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from .cardstyle import stylesheet


@dataclass(frozen=True)
class NoteType:
    kind: str  # the card kind in the Markdown: basic, cloze, problem, prompt
    id: int
    name: str
    fields: tuple[str, ...]
    front: str
    back: str
    is_cloze: bool = False

    @property
    def fingerprint(self) -> str:
        """A hash of everything Anki stores for the note type, so a template or CSS change gets a new mod time."""
        payload = json.dumps([self.id, self.name, self.fields, self.front, self.back, self.is_cloze, CSS])
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


# NOTE: templates may change freely (a new mod time updates users' note types on a default import); fields never.
# Every card is one `.mle-card` (the width and margins of the design) that opens with the header: the category and
# topic, carried in the Source field's `card-topic` span (render.py `_header`); the footer shows its `card-src` span.
_HEAD = '<header class="card-head">{{#Source}}{{Source}}{{/Source}}</header>'
_SOURCE = '{{#Source}}<footer class="source">{{Source}}</footer>{{/Source}}'
_EXTRA = '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'


def _card(kind: str, *parts: str) -> str:
    return f'<div class="mle-card mle-{kind}">\n{_HEAD}\n' + "\n".join(parts) + "\n</div>"


_QUESTION = '<div class="question">{{Front}}</div>'
BASIC = NoteType(
    kind="basic",
    id=1842310571,
    name="MLE Interview: Basic",
    fields=("Front", "Back", "Extra", "Source", "Id"),
    front=_card("basic", _QUESTION),
    back=_card("basic", _QUESTION, '<hr id="answer">', '<div class="answer">{{Back}}</div>', _EXTRA, _SOURCE),
)

_CONTEXT = '{{#Context}}<div class="context">{{Context}}</div>{{/Context}}'
_CLOZE_TEXT = '<div class="cloze-text">{{cloze:Text}}</div>'
CLOZE = NoteType(
    kind="cloze",
    id=1842310572,
    name="MLE Interview: Cloze",
    fields=("Text", "Context", "Extra", "Source", "Id"),
    front=_card("cloze", _CONTEXT, _CLOZE_TEXT),
    back=_card("cloze", _CONTEXT, _CLOZE_TEXT, _EXTRA, _SOURCE),
    is_cloze=True,
)

_PROBLEM_STATEMENT = '<div class="problem-title">{{Title}}</div>\n<div class="prompt">{{Prompt}}</div>'
_PROBLEM_ASK = '<div class="ask">Pattern, approach, complexity, edge cases, code?</div>'
_FACTS = (
    '<dl class="facts"><dt>Pattern</dt><dd>{{Pattern}}</dd><dt>Approach</dt><dd>{{Approach}}</dd>'
    "<dt>Time</dt><dd>{{Time}}</dd><dt>Space</dt><dd>{{Space}}</dd>"
    "<dt>Edge cases</dt><dd>{{EdgeCases}}</dd></dl>"
)
_CODE_PARTS = (
    '<section class="code-part solution"><div class="label">Solution</div>{{Solution}}</section>\n'
    '<section class="code-part tests"><div class="label">Tests</div>{{Tests}}</section>'
)
PROBLEM = NoteType(
    kind="problem",
    id=1842310573,
    name="MLE Interview: Problem",
    fields=(
        "Title",
        "Prompt",
        "Pattern",
        "Approach",
        "Time",
        "Space",
        "EdgeCases",
        "Solution",
        "Tests",
        "Extra",
        "Source",
        "Id",
    ),
    front=_card(
        "problem", _PROBLEM_STATEMENT, '<div class="ask">Pattern, approach, complexity, edge cases, code?</div>'
    ),
    back=_card("problem", _PROBLEM_STATEMENT, '<hr id="answer">', _FACTS, _CODE_PARTS, _EXTRA, _SOURCE),
)

_PROMPT_STATEMENT = (
    '<div class="prompt-title">{{Title}}</div>\n<div class="prompt-meta">{{Round}} round · {{Budget}} min</div>'
)
_PROMPT_ASK = '<div class="ask">Outline a {{Budget}}-minute answer, phase by phase.</div>'
PROMPT = NoteType(
    kind="prompt",
    id=1842310574,
    name="MLE Interview: Prompt",
    fields=("Title", "Round", "Budget", "Outline", "DeepDives", "Extra", "Source", "Id"),
    front=_card(
        "prompt", _PROMPT_STATEMENT, '<div class="ask">Outline a {{Budget}}-minute answer, phase by phase.</div>'
    ),
    back=_card(
        "prompt",
        _PROMPT_STATEMENT,
        '<hr id="answer">',
        '<div class="label">Outline</div>\n<div class="outline">{{Outline}}</div>',
        '<div class="label deep-dives-title">Deep dives</div>\n<div class="deep-dives-list">{{DeepDives}}</div>',
        _EXTRA,
        _SOURCE,
    ),
)

NOTE_TYPES: dict[str, NoteType] = {note_type.kind: note_type for note_type in (BASIC, CLOZE, PROBLEM, PROMPT)}

CSS = stylesheet()  # the design lives in cardstyle.py; it is part of each note type's fingerprint
