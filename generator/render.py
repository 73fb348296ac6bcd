"""Render cards into note fields, with a cache keyed on each card's Markdown so a rebuild renders only what changed.

Rendering is the expensive step of a build (Markdown and Pygments), so it runs in worker processes on all cores.
Images are resolved after rendering: the cache holds HTML with the author's relative paths, and each build maps
them to content-hashed media names.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .cards import Card
from .findings import Finding, finding
from .markup import image_sources, render, replace_image_sources
from .notetypes import NoteType

RENDER_VERSION = "1"  # bump when the renderer's output changes, to drop cached HTML
_INLINE_FIELDS = frozenset({"Front", "Context", "Title", "Pattern", "Time", "Space", "Source"})
_REMOTE = ("http:", "https:", "//", "ftp:", "file:")
_PARALLEL_THRESHOLD = 400


@dataclass(frozen=True)
class Rendered:
    fields: dict[str, str]  # note field -> HTML with the author's image paths
    images: tuple[str, ...]


def _cache_key(card: Card) -> str:
    payload = json.dumps([RENDER_VERSION, card.kind, sorted((k, v.value) for k, v in card.fields.items())])
    return hashlib.sha256(payload.encode()).hexdigest()


def _render_fields(sources: dict[str, str]) -> Rendered:
    fields: dict[str, str] = {}
    images: list[str] = []
    for name, text in sources.items():
        if _is_plain(text):
            fields[name] = html.escape(text.strip(), quote=False)
            continue
        rendered = render(text, inline=name in _INLINE_FIELDS)
        fields[name] = rendered
        images.extend(image_sources(rendered))
    return Rendered(fields, tuple(dict.fromkeys(images)))


_MARKUP_CHARS = frozenset("*_`[]<>&$\\!#|{}~\n")


def _is_plain(text: str) -> bool:
    """Text that Markdown would only wrap in a paragraph: escape it and skip the parser."""
    stripped = text.strip()
    return (
        bool(stripped) and not (_MARKUP_CHARS & set(stripped)) and not (stripped[0].isdigit() or stripped[0] in "-+=")
    )


def _render_batch(batch: list[dict[str, str]]) -> list[Rendered]:
    return [_render_fields(sources) for sources in batch]


class RenderCache:
    """Rendered fields by content hash, kept in one pickle file between builds."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Rendered] = {}
        self.used: set[str] = set()
        if path is not None and path.exists():
            try:
                with path.open("rb") as handle:
                    loaded = pickle.load(handle)
                if isinstance(loaded, dict) and loaded.get("version") == RENDER_VERSION:
                    self.entries = loaded["entries"]
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError):
                self.entries = {}  # a damaged cache is only a slower build

    def save(self) -> None:
        if self.path is None:
            return
        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".render-cache-")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump({"version": RENDER_VERSION, "entries": kept}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)


def render_cards(cards: list[Card], cache: RenderCache, jobs: int | None = None) -> list[Rendered]:
    keys = [_cache_key(card) for card in cards]
    cache.used.update(keys)
    missing = [index for index, key in enumerate(keys) if key not in cache.entries]
    sources = [{name: text.value for name, text in cards[index].fields.items()} for index in missing]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(sources) >= _PARALLEL_THRESHOLD:
        size = max(50, len(sources) // (workers * 4))
        batches = [sources[start : start + size] for start in range(0, len(sources), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = [item for batch in pool.map(_render_batch, batches) for item in batch]
    else:
        results = _render_batch(sources)
    for index, result in zip(missing, results, strict=True):
        cache.entries[keys[index]] = result
    return [cache.entries[key] for key in keys]


@dataclass(frozen=True)
class Media:
    name: str  # the content-hashed name inside the package
    path: Path


def media_name(path: Path, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:12]
    stem = "".join(char if char.isalnum() or char in "-." else "-" for char in path.stem).strip("-.") or "image"
    return f"{stem}-{digest}{path.suffix.lower()}"


class MediaResolver:
    """Maps image paths in cards to bundled, content-hashed media files, reading each file once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.by_path: dict[Path, Media] = {}

    def resolve(self, card: Card, rendered: Rendered) -> tuple[dict[str, str], list[Finding]]:
        names: dict[str, str] = {}
        findings: list[Finding] = []
        for source in rendered.images:
            if source.startswith("data:"):
                continue
            if source.lower().startswith(_REMOTE):
                findings.append(self._finding(card, source, "remote-resource", "remote image: bundle it in the tree"))
                continue
            path = (card.base_dir / source).resolve()
            if not path.is_file() or not path.is_relative_to(self.root):
                findings.append(self._finding(card, source, "missing-image", f"image {source!r} not found"))
                continue
            media = self.by_path.get(path)
            if media is None:
                media = Media(media_name(path, path.read_bytes()), path)
                self.by_path[path] = media
            names[source] = media.name
        return names, findings

    def _finding(self, card: Card, source: str, rule: str, message: str) -> Finding:
        for text in card.fields.values():
            offset = text.value.find(source)
            if offset != -1:
                line, col = text.locate(offset)
                return finding(card.path, line, col, rule, message)
        return finding(card.path, card.line, 1, rule, message)


def note_fields(card: Card, rendered: Rendered, media_names: dict[str, str], note_type: NoteType) -> list[str]:
    """The note's field values in the note type's order."""
    values = []
    for name in note_type.fields:
        if name == "Id":
            values.append(card.id)
            continue
        value = rendered.fields.get(name, "")
        values.append(replace_image_sources(value, media_names) if media_names else value)
    return values


def used_media(resolver: MediaResolver, names: Iterable[str]) -> list[Media]:
    wanted = set(names)
    return sorted((media for media in resolver.by_path.values() if media.name in wanted), key=lambda m: m.name)
