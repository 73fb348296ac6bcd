"""Render a card's fields to HTML, resolve its images to bundled media, and lay the fields out for its note type.

Whatever the sanitizer leaves out of a field becomes a finding located in the field's Markdown. Images are resolved
after rendering: cached HTML keeps the author's relative paths, and each build maps them to content-hashed media
names. SVG diagrams are not shipped as media: each build checks them and inlines them into the field (`diagrams.py`
says why), so the card's CSS colours them in light and night mode.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from addon import card_meta

from .cards import TOPIC, Card
from .diagrams import Diagram, DiagramError, load
from .findings import Finding, finding
from .markup import Html, image_sources, inline_images, protect_cloze, replace_image_sources, to_html
from .notetypes import NoteType
from .outline import deep_dive_ids, parse_outline
from .sanitize import Locator
from .source import Text

# NOTE: Python-Markdown's inline pass rebuilds a paragraph for every emphasis, link or code span it matches, so it
# is quadratic in a paragraph of many of them (200 KB of `*a* ` took 9.5 s). A field longer than this is refused
# before Markdown runs, which bounds the cost of each field and keeps a build linear in the number of cards. The
# content's longest field is about 1.4 KB, so the cap is 14 times that. Code counts too: the fence lifter is linear,
# but its highlighted HTML still goes into the one field.
MAX_FIELD_CHARS = 20_000

_INLINE_FIELDS = frozenset({"Front", "Context", "Title", "Pattern", "Time", "Space", "Source"})
_REMOTE = ("http:", "https:", "//", "ftp:", "file:")


@dataclass(frozen=True)
class Rendered:
    fields: dict[str, str]  # note field -> HTML with the author's image paths
    images: tuple[str, ...]


_TIMING_FIELDS = frozenset({"Difficulty", "Budget", "Round", "Outline", "DeepDives"})  # see `_timing`
_HEADER_FIELDS = frozenset({TOPIC})  # see `_header`


def render_card(card: Card) -> tuple[Rendered, list[Finding]]:
    """The card's fields as HTML, and a finding for everything the sanitizer left out of them."""
    fields: dict[str, str] = {}
    images: list[str] = []
    findings: list[Finding] = []
    for name, source in card.fields.items():
        if name in _TIMING_FIELDS or name in _HEADER_FIELDS:
            continue
        text = source.value
        if len(text) > MAX_FIELD_CHARS:
            findings.append(_too_long(card, f"the {name} field", source))
            continue
        if is_plain(text):  # exactly what Markdown would give, without running it
            escaped = html.escape(text, quote=False)
            fields[name] = escaped if name in _INLINE_FIELDS else f"<p>{escaped}</p>"
            continue
        rendered = to_html(text, inline=name in _INLINE_FIELDS)
        findings.extend(_violations(card, source, rendered))
        fields[name] = protect_cloze(rendered.text) if card.kind == "cloze" and name == "Text" else rendered.text
        images.extend(image_sources(rendered.text))
    _timing(card, fields, images, findings)
    _header(card, fields, findings)
    return Rendered(fields, tuple(dict.fromkeys(images))), findings


def _too_long(card: Card, what: str, source: Text) -> Finding:
    """A field over `MAX_FIELD_CHARS`, located at its first character; it is not rendered."""
    message = (
        f"{what} holds {len(source.value):,} characters, over the limit of {MAX_FIELD_CHARS:,}: "
        "split the card (code counts too, fenced or not)"
    )
    return finding(card.path, source.line, source.col, "field-too-long", message)


def _header(card: Card, fields: dict[str, str], findings: list[Finding]) -> None:
    """The Source field carries the card's header (category and topic) beside its source, each in its own span.

    NOTE: a released note type can gain no field, and the templates cannot reach a file's title, so the header rides
    in the Source field, which every note type has and which is not the sort field (the Browser's first column keeps
    the question). The templates show `.card-topic` at the top and `.card-src` at the bottom (cardstyle.py).
    """
    topic = card.fields.get(TOPIC)
    source = fields.pop("Source", "")
    parts = []
    if topic is not None and len(topic.value) > MAX_FIELD_CHARS:
        # NOTE: the file's `# Title`, reported once for each of its cards
        findings.append(_too_long(card, "the file's title", topic))
        topic = None
    if topic is not None:
        plain = topic.value if is_plain(topic.value) else html.unescape(_TAG.sub("", to_html(topic.value, True).text))
        parts.append(f'<span class="card-topic">{html.escape(plain, quote=False)}</span>')
    if source:
        parts.append(f'<span class="card-src">{source}</span>')
    if parts:
        fields["Source"] = "".join(parts)


def _violations(card: Card, source: Text, rendered: Html) -> list[Finding]:
    """The sanitizer's report as findings in the field's Markdown; the same one on one line is counted, not repeated."""
    if not rendered.violations:
        return []
    locator = Locator(source.value)
    counts: dict[tuple[int, int, str, str], int] = {}
    for violation in rendered.violations:
        offset = locator.find(violation)
        line, col = source.locate(offset) if offset is not None else (source.line, source.col)
        key = (line, col, violation.rule, violation.message)
        counts[key] = counts.get(key, 0) + 1
    by_line: dict[tuple[int, str, str], tuple[int, int]] = {}
    for (line, col, rule, message), count in counts.items():
        first, total = by_line.get((line, rule, message), (col, 0))
        by_line[(line, rule, message)] = (min(first, col), total + count)
    return [
        finding(
            card.path, line, col, rule, message + (f" ({total} on this line; this is the first)" if total > 1 else "")
        )
        for (line, rule, message), (col, total) in by_line.items()
    ]


def _timing(card: Card, fields: dict[str, str], images: list[str], findings: list[Finding]) -> None:
    """A problem's difficulty and budget above its statement; a prompt's round, budget and outline of phases.

    A prompt's deep dives name other cards, so they are rendered once the whole tree is known (`deep_dives_html`).
    """
    if card.kind == "problem" and "Difficulty" in card.fields:
        budget = card_meta.parse_budget(card.text("Budget"))
        assert budget is not None, "the card builder validated it"
        fields["Prompt"] = card_meta.problem_meta_html(card.text("Difficulty"), budget) + fields.get("Prompt", "")
    if card.kind != "prompt":
        return
    if "Round" in card.fields:
        fields["Round"] = card_meta.round_html(card_meta.round_for(card.text("Round")))
    fields["Budget"] = card.text("Budget")
    if "Outline" in card.fields and len(card.fields["Outline"].value) > MAX_FIELD_CHARS:
        findings.append(_too_long(card, "the Outline field", card.fields["Outline"]))
    elif "Outline" in card.fields:
        items, _ = parse_outline(card.fields["Outline"])
        phases = []
        for item in items:
            rendered = to_html(item.text, inline=True)
            findings.extend(_violations(card, card.fields["Outline"], rendered))
            images.extend(image_sources(rendered.text))
            phases.append((item.phase, rendered.text))
        fields["Outline"] = card_meta.phases_html(phases)


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)
_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def question_html(card: Card, rendered: Rendered) -> str:
    """How another card names this one: its question, title or context, else the start of its cloze text."""
    for name in ("Front", "Title", "Context"):
        if rendered.fields.get(name):
            return rendered.fields[name]
    text = _CLOZE.sub(r"\1", rendered.fields.get("Text", ""))
    text = html.unescape(_TAG.sub(" ", _MATH.sub(" … ", text)))
    words = text.split()
    excerpt = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    return html.escape(excerpt, quote=False)


def deep_dives_html(card: Card, questions: dict[str, str]) -> str:
    """A prompt's deep dives: each card by its question, with its id for a Browser search (`Id:<id>`)."""
    items = "".join(
        f'<li data-id="{card_id}"><span class="dd-q">{questions[card_id]}</span> '
        f'<span class="dd-id">{card_id}</span></li>'
        for card_id, _ in deep_dive_ids(card.fields["DeepDives"])
        if card_id in questions
    )
    return f'<ol class="deep-dives">{items}</ol>'


_MARKUP = re.compile(r"[*_`\[\]<>&$\\!#|{}~\n\t\r]|^[\d+=-]")


def is_plain(text: str) -> bool:
    """Text that Markdown would only wrap in a paragraph: escape it and skip the parser."""
    return bool(text) and text == text.strip() and _MARKUP.search(text) is None


@dataclass(frozen=True)
class Media:
    name: str  # the content-hashed name inside the package
    path: Path


def media_name(path: Path, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:12]
    stem = "".join(char if char.isalnum() or char in "-." else "-" for char in path.stem).strip("-.") or "image"
    return f"{stem}-{digest}{path.suffix.lower()}"


class MediaResolver:
    """Maps image paths in cards to bundled, content-hashed media files, reading each file once.

    SVG files become `Diagram`s, kept in `diagrams` under their media name, to be inlined instead of bundled.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.by_path: dict[Path, Media] = {}
        self.diagrams: dict[str, Diagram] = {}
        self._reported: set[Path] = set()

    def resolve(self, card: Card, rendered: Rendered) -> tuple[dict[str, str], list[Finding]]:
        names: dict[str, str] = {}
        findings: list[Finding] = []
        cursors: dict[str, int] = {}  # NOTE: images come in the order they are written; search on from the last
        for source in rendered.images:
            if source.startswith("data:"):
                continue
            if source.lower().startswith(_REMOTE):
                message = "remote image: bundle it in the tree"
                findings.append(self._finding(card, source, "remote-resource", message, cursors))
                continue
            problem = self._problem(card.base_dir, source)
            if problem is not None:
                findings.append(self._finding(card, source, "missing-image", problem, cursors))
                continue
            path = (card.base_dir / source).resolve()
            media = self.by_path.get(path)
            if media is None:
                content = path.read_bytes()
                media = Media(media_name(path, content), path)
                self.by_path[path] = media
                if path.suffix.lower() == ".svg":
                    findings.extend(self._diagram(card, source, media, content))
            if media.name in self.diagrams or path.suffix.lower() != ".svg":
                names[source] = media.name
        return names, findings

    def _diagram(self, card: Card, source: str, media: Media, content: bytes) -> list[Finding]:
        try:
            diagram = load(content, media.name)
        except DiagramError as error:
            rule = "unsafe-html" if error.unsafe else "invalid-image"
            return [self._finding(card, source, rule, f"{source}: {error}")]
        self.diagrams[media.name] = diagram
        return [
            self._finding(card, source, "diagram-convention", f"{source}: {departure}")
            for departure in diagram.departures
        ]

    def _problem(self, base_dir: Path, source: str) -> str | None:
        """Why an image path cannot be bundled, or None when it can."""
        try:
            path = (base_dir / source).resolve()
            exists = path.is_file()
        except (OSError, ValueError):
            return f"image {source!r} is not a usable file name"
        if not path.is_relative_to(self.root):
            where = "exists but is" if exists else "would be"
            return f"image {source!r} {where} outside the content tree: copy it into the tree"
        return None if exists else f"image {source!r} not found"

    def _finding(
        self, card: Card, source: str, rule: str, message: str, cursors: dict[str, int] | None = None
    ) -> Finding:
        cursors = {} if cursors is None else cursors
        for name, text in card.fields.items():
            offset = text.value.find(source, cursors.get(name, 0))
            if offset == -1:
                offset = text.value.find(source)
            if offset != -1:
                cursors[name] = offset + len(source)
                line, col = text.locate(offset)
                return finding(card.path, line, col, rule, message)
        return finding(card.path, card.line, 1, rule, message)


def note_fields(
    card: Card,
    rendered: Rendered,
    media_names: dict[str, str],
    note_type: NoteType,
    diagrams: dict[str, Diagram] | None = None,
) -> list[str]:
    """The note's field values in the note type's order, with bundled images renamed and diagrams inlined."""
    values = []
    for name in note_type.fields:
        if name == "Id":
            values.append(card.id)
            continue
        value = rendered.fields.get(name, "")
        if media_names:
            if diagrams:
                value = inline_images(value, media_names, diagrams)
            value = replace_image_sources(value, media_names)
        values.append(value)
    return values


def used_media(resolver: MediaResolver, names: Iterable[str]) -> list[Media]:
    """The media files to bundle: every resolved image but the inlined diagrams."""
    wanted = set(names) - set(resolver.diagrams)
    return sorted((media for media in resolver.by_path.values() if media.name in wanted), key=lambda m: m.name)
