"""Located findings: what `build.py check` prints, and what the build refuses to ship with.

Every problem a user can cause in the content tree becomes a `Finding` that names the file, line, column and rule.
Rules are registered once, with their severity, in `RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {}


def _register(rule_id: str, severity: Severity, summary: str) -> None:
    RULES[rule_id] = Rule(rule_id, severity, summary)


_E, _W = Severity.ERROR, Severity.WARNING
_register("tree-config", _E, "a tree.yaml that is not a mapping of name, package and namespace to plain strings")
_register("front-matter", _E, "front matter that is not a YAML mapping of known keys and types")
_register("unknown-key", _E, "a key that the format does not know")
_register("missing-id", _E, "a card heading without an {#id}")
_register("invalid-id", _E, "an id that is not lower-case letters, digits and hyphens (at most 64)")
_register("duplicate-id", _E, "two cards with the same id")
_register("duplicate-field", _E, "the same field twice in one card")
_register("missing-field", _E, "a card without a field its kind requires")
_register("empty-field", _E, "a required field with no content, such as an empty answer")
_register("mixed-kind", _E, "fields of two card kinds in one card")
_register("invalid-value", _E, "a field whose value is not one the format allows, such as an unknown difficulty")
_register("unknown-card", _E, "a prompt's deep dive that names no card of the tree")
_register("missing-image", _E, "an image that is not in the content tree")
_register("invalid-image", _E, "an image file that cannot be used: an SVG that is not well-formed SVG")
_register("remote-resource", _E, "a URL that Anki would fetch from the network")
_register("unbalanced-math", _E, "a math delimiter without its partner")
_register("unbalanced-cloze", _E, "a cloze deletion without its partner, or a cloze outside a cloze card")
_register("unsafe-html", _E, "HTML outside the allow-list: an element, attribute, URL or CSS that could run or fetch")
_register("invalid-html", _E, "HTML that is not well-formed: a tag never closed, closed twice, or closed out of order")
_register("markdown-failure", _E, "text Python-Markdown cannot render: emphasis markers that do not pair")
_register("solution-fails", _E, "a problem card whose solution fails its own tests")
_register("field-too-long", _E, "a field over 20,000 characters: Markdown's cost grows faster than its length")
_register("long-answer", _W, "an answer over the word limit: split it into several cards")
_register("long-list", _W, "a long list in a basic answer: use cloze deletions")
_register("long-code-line", _W, "a code line over 79 characters: it wraps more than once on a phone")
_register("cloze-context-repeats", _W, "a cloze whose context line repeats the opening words of its text")
_register("run-on-list", _W, "an enumeration run on in one sentence or paragraph that should be a list")
_register("no-source", _W, "a card that names no source")
_register("duplicate-question", _W, "two cards that ask the same question")
_register("namespace-changed", _W, "a tree whose namespace changed since the last build: Anki would duplicate it")
_register("renamed-id", _W, "a card whose id looks renamed: Anki would import it as a new note")
_register("diagram-convention", _W, "an SVG diagram that departs from the drawing convention (size, colours)")
_register("orphan-text", _W, "text before the first card that belongs to no card")
_register("encoding", _E, "a file that is not UTF-8")
_register("control-character", _E, "an invisible control character, such as U+001F, Anki's field separator")
_register("unclosed-fence", _E, "a code block that is never closed, and would swallow the cards after it")
_register("malformed-heading", _E, "a heading with an {#id} that is not a card heading: '##Q {#id}', '### Q {#id}'")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    rule: str
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message} [{self.severity.value}]"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }


def finding(path: Path | str, line: int, col: int, rule: str, message: str) -> Finding:
    if rule not in RULES:
        raise KeyError(f"unregistered rule {rule!r}")
    return Finding(str(path), line, col, rule, message)


class UsageError(Exception):
    """A mistake in how the command was called: exit code 2."""


class ContentError(Exception):
    """The content has errors, so nothing was written: exit code 1."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = sum(1 for item in findings if item.is_error)
        super().__init__(f"{errors} error(s) in the content")
