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


_SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
_EXTRA = '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'

BASIC = NoteType(
    kind="basic",
    id=1842310571,
    name="MLE Interview: Basic",
    fields=("Front", "Back", "Extra", "Source", "Id"),
    front='<div class="question">{{Front}}</div>',
    back=f'<div class="question">{{{{Front}}}}</div>\n<hr id="answer">\n<div class="answer">{{{{Back}}}}</div>\n'
    f"{_EXTRA}\n{_SOURCE}",
)

_CLOZE_FRONT = (
    '{{#Context}}<div class="context">{{Context}}</div>{{/Context}}\n<div class="cloze-text">{{cloze:Text}}</div>'
)
CLOZE = NoteType(
    kind="cloze",
    id=1842310572,
    name="MLE Interview: Cloze",
    fields=("Text", "Context", "Extra", "Source", "Id"),
    front=_CLOZE_FRONT,
    back=f"{_CLOZE_FRONT}\n{_EXTRA}\n{_SOURCE}",
    is_cloze=True,
)

_PROBLEM_FRONT = '<div class="problem-title">{{Title}}</div>\n<div class="prompt">{{Prompt}}</div>'
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
    front=_PROBLEM_FRONT + '\n<div class="ask">Pattern, approach, complexity, edge cases, code?</div>',
    back=_PROBLEM_FRONT
    + '\n<hr id="answer">\n'
    + '<dl class="facts"><dt>Pattern</dt><dd>{{Pattern}}</dd><dt>Approach</dt><dd>{{Approach}}</dd>'
    + "<dt>Time</dt><dd>{{Time}}</dd><dt>Space</dt><dd>{{Space}}</dd>"
    + "<dt>Edge cases</dt><dd>{{EdgeCases}}</dd></dl>\n"
    + '<div class="solution">{{Solution}}</div>\n<div class="tests">{{Tests}}</div>\n'
    + f"{_EXTRA}\n{_SOURCE}",
)

_PROMPT_FRONT = (
    '<div class="prompt-title">{{Title}}</div>\n<div class="prompt-meta">{{Round}} round · {{Budget}} min</div>'
)
PROMPT = NoteType(
    kind="prompt",
    id=1842310574,
    name="MLE Interview: Prompt",
    fields=("Title", "Round", "Budget", "Outline", "DeepDives", "Extra", "Source", "Id"),
    front=_PROMPT_FRONT + '\n<div class="ask">Outline a {{Budget}}-minute answer, phase by phase.</div>',
    back=_PROMPT_FRONT
    + '\n<hr id="answer">\n<div class="outline">{{Outline}}</div>\n'
    + '<div class="deep-dives-title">Deep dives</div>\n<div class="deep-dives-list">{{DeepDives}}</div>\n'
    + f"{_EXTRA}\n{_SOURCE}",
)

NOTE_TYPES: dict[str, NoteType] = {note_type.kind: note_type for note_type in (BASIC, CLOZE, PROBLEM, PROMPT)}

CSS = stylesheet()  # the design lives in cardstyle.py; it is part of each note type's fingerprint
