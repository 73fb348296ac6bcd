"""Compile one Markdown file into cards, findings and rendered fields; cache the result by the file's content.

A file is the unit of work: it is parsed, linted and rendered on its own, so files are spread over worker
processes on a cold build, and a rebuild after an edit redoes only the files that changed. The cache key covers
the file's bytes and path, the tree's identity, and a fingerprint of the generator's own code and of the Markdown
and Pygments versions, so a change to any of them invalidates it.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import marshal
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygments

from . import lint
from .cards import Card, build_cards
from .findings import Finding
from .render import Rendered, render_card
from .source import Text, decode, parse
from .tree import Tree

if TYPE_CHECKING:
    import multiprocessing.context

_PARALLEL_BYTES = 256 * 1024  # below this much Markdown, worker start-up costs more than it saves
_CACHE_FORMAT = 1
_CACHE_FOLDER = re.compile(r"files-[0-9a-f]{16}")  # only folders this cache made are ever removed


@dataclass(frozen=True)
class FileResult:
    cards: list[Card]
    findings: list[Finding]
    rendered: list[Rendered]


def compile_file(tree: Tree, path: Path, data: bytes) -> FileResult:
    relative = tree.relative(path)
    text = decode(data, relative)
    if isinstance(text, Finding):
        return FileResult([], [text], [])
    parsed = parse(text, relative)
    cards, findings = build_cards(tree, parsed, path.parent)
    findings = parsed.findings + findings
    for card in cards:
        findings.extend(lint.card_rules(card))
    rendered = []
    for card in cards:
        result, html_findings = render_card(card)
        rendered.append(result)
        findings.extend(html_findings)
    return FileResult(cards, findings, rendered)


def _compile_many(tree: Tree, batch: list[tuple[Path, bytes]]) -> list[Encoded]:
    """Compile files in a worker; plain tuples travel back to the parent faster than objects."""
    with paused_gc():
        return [_encode(compile_file(tree, path, data)) for path, data in batch]


def _compile_batch(job: tuple[Tree, list[tuple[Path, bytes]]]) -> list[Encoded]:
    return _compile_many(*job)


def _worker_start() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: one line for the user, not a traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore it as it was.

    NOTE: a build makes hundreds of thousands of tuples, strings and dicts that live until it ends, and the collector
    walks all of them again every few thousand allocations: a third of a warm rebuild's compile time went there.
    Reference counting still frees everything a build drops; the few cycles (Python-Markdown's tree) wait until the
    collector is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """Changes whenever the generator's code or its rendering libraries change."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT}:{pygments.__version__}:".encode())
    digest.update(_markdown_version_file())
    package = Path(__file__).resolve().parent
    for source in sorted([*package.glob("*.py"), package.parent / "addon" / "categories.py"]):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()


def _markdown_version_file() -> bytes:
    """The file that holds Python-Markdown's version; found, not imported, as a rebuild may not need Markdown."""
    spec = importlib.util.find_spec("markdown")
    if spec is None or spec.origin is None:
        return b"no markdown"
    return (Path(spec.origin).parent / "__meta__.py").read_bytes()


# NOTE: The cache is marshal, not pickle: a warm rebuild of 20,000 cards loads it in milliseconds instead of half a
# second. marshal handles only built-in types, so results are stored as plain tuples (`_encode` / `_decode`).
Encoded = tuple[Any, ...]


def _encode(result: FileResult) -> Encoded:
    cards = tuple(
        (
            card.id,
            card.kind,
            card.path,
            card.line,
            str(card.base_dir),
            card.deck,
            card.tags,
            {name: tuple(text) for name, text in card.fields.items()},
            card.question,
            card.guid,
        )
        for card in result.cards
    )
    findings = tuple((item.path, item.line, item.col, item.rule, item.message) for item in result.findings)
    rendered = tuple((item.fields, item.images) for item in result.rendered)
    return (cards, findings, rendered)


def _decode(data: Encoded) -> FileResult:
    cards_data, findings_data, rendered_data = data
    folder = Path(cards_data[0][4]) if cards_data else Path()  # NOTE: every card of a file shares its folder
    cards = [
        Card(
            card_id, kind, path, line, folder, deck, tags, {k: Text._make(v) for k, v in fields.items()}, question, guid
        )
        for card_id, kind, path, line, _, deck, tags, fields, question, guid in cards_data
    ]
    findings = [Finding(*item) for item in findings_data]
    rendered = [Rendered(fields, images) for fields, images in rendered_data]
    return FileResult(cards, findings, rendered)


class FileCache:
    """Compiled files by content key: one small marshal file an entry, in a folder named for the generator's
    fingerprint. A rebuild reads the entries it needs and writes only the new ones. A damaged entry is recompiled.
    """

    def __init__(self, folder: Path | None) -> None:
        self.root = folder
        self.folder = folder / f"files-{generator_fingerprint()[:16]}" if folder is not None else None

    def key(self, tree: Tree, path: Path, data: bytes) -> str:
        identity = f"{tree.name}\x1f{tree.namespace}\x1f{tree.relative(path)}\x1f{path.parent.resolve()}\x1f"
        return hashlib.sha256(identity.encode() + data).hexdigest()

    def get(self, key: str) -> Encoded | None:
        if self.folder is None:
            return None
        try:
            entry = marshal.loads((self.folder / key).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return entry if isinstance(entry, tuple) and len(entry) == 3 else None

    def put(self, key: str, entry: Encoded) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(marshal.dumps(entry))
        os.replace(temporary, self.folder / key)

    def prune(self, used: set[str]) -> None:
        """Drop entries this build did not use, and the folders of other generator versions."""
        if self.root is None or self.folder is None or not self.root.is_dir():
            return
        for folder in self.root.glob("files-*"):
            if folder != self.folder and _CACHE_FOLDER.fullmatch(folder.name) and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in used:
                    entry.unlink(missing_ok=True)


def compile_files(
    tree: Tree,
    paths: list[Path],
    cache: FileCache,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[FileResult]:
    """Every file's result, in the order of `paths`: from the cache, or compiled (in parallel when it pays)."""
    contents = [path.read_bytes() for path in paths]
    keys = [cache.key(tree, path, data) for path, data in zip(paths, contents, strict=True)]
    entries = [cache.get(key) for key in keys]
    missing = [index for index, entry in enumerate(entries) if entry is None]
    work = [(paths[index], contents[index]) for index in missing]
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), len(work))
    if workers > 1 and sum(len(data) for _, data in work) >= _PARALLEL_BYTES:
        batches = _balanced(missing, [len(contents[index]) for index in missing], workers * 4)
        by_index: dict[int, Encoded] = {}
        # NOTE: a multiprocessing pool, whose `with` ends by terminating the workers: on Ctrl-C the build stops at
        # once instead of waiting for every batch in flight.
        with _pool_context().Pool(workers, initializer=_worker_start) as pool:
            jobs_out = pool.imap(_compile_batch, [(tree, [(paths[i], contents[i]) for i in b]) for b in batches])
            for batch, encoded in zip(batches, jobs_out, strict=True):
                by_index.update(zip(batch, encoded, strict=True))
                if progress is not None:
                    progress("compiling files", len(by_index), len(missing))
        compiled = [by_index[index] for index in missing]
    else:
        compiled = []
        for done, item in enumerate(work, start=1):
            compiled.extend(_compile_many(tree, [item]))
            if progress is not None:
                progress("compiling files", done, len(work))
    for index, entry in zip(missing, compiled, strict=True):
        entries[index] = entry
        cache.put(keys[index], entry)
    cache.prune(set(keys))
    return [_decode(entry) for entry in entries if entry is not None]


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork when this process has one thread, else spawn.

    NOTE: forking a process with other threads can copy a held lock into the child and hang it. The build command
    runs no threads, but a host process may: the test suite and the add-on load Anki, whose backend runs threads.
    """
    import multiprocessing

    try:
        single_threaded = sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        single_threaded = False
    return multiprocessing.get_context("fork" if single_threaded else "spawn")


def _balanced(indexes: list[int], sizes: list[int], count: int) -> list[list[int]]:
    """Split work into `count` batches of similar total size, largest first."""
    batches: list[list[int]] = [[] for _ in range(max(1, count))]
    totals = [0] * len(batches)
    for index, size in sorted(zip(indexes, sizes, strict=True), key=lambda pair: -pair[1]):
        smallest = totals.index(min(totals))
        batches[smallest].append(index)
        totals[smallest] += size
    return [batch for batch in batches if batch]
