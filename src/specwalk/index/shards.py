"""Parse and merge in worker processes that keep what they parsed (`resolve` says what is merged).

A `Shard` holds one worker's share of the files. `build` drives every shard through four phases,
each one round trip in which the main process handles only what needs the whole project, so the
per-element work (most of a cold run) is spread over the workers; apart from the few that
component expansion touches, elements cross a pipe only as JSON:

1. parse: parse each file (or load its facts from the cache) and keep the facts; answer with
   the files' heads: components, routes, problems, script bindings (no elements);
2. involve: given the project's component names and script bindings, link scripts to pages and
   answer with the elements component expansion touches (usages and template candidates);
3. finish: given what the expansion removes and adds, and the project-wide tables, finish every
   element, propose its locators and answer with the proposals counted per route;
4. emit: given the proposals several elements share on a route, rank, describe and serialize
   every element; answer with JSON per file and the summary's part.

`Shards(count, ...)` runs one shard in this process (one worker, small projects, tests) or
`count` forked processes talking over pipes; both answer the same calls.
"""

from __future__ import annotations

import gc
import hashlib
import signal
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from specwalk.index import resolve
from specwalk.index.facts import DomBinding, FileFacts, ParseContext
from specwalk.index.fast import replace
from specwalk.index.locators import Proposal
from specwalk.index.summary import Tally, tally
from specwalk.models.uimap import UIElement

Position = tuple[str, int, int]  # (file, number of its facts (one per parser), element number)
Counts = dict[str, dict[resolve.ProposalKey, int]]  # route -> proposal key -> elements
_BATCH = 32  # files a worker parses per request: small enough that none waits long at the end

_FACTS = TypeAdapter(list[FileFacts])
_ELEMENTS = TypeAdapter(list[UIElement])


@dataclass(frozen=True)
class Job:
    path: str
    kinds: tuple[str, ...]
    digest: str = ""  # the content hash, when the manifest knows it (the file is unchanged)
    pack: str = ""  # the cache pack holding its facts, when the manifest knows it


@dataclass
class Parsed:
    path: str
    digest: str  # "" when the file could not be read
    pack: str  # the cache pack its facts are in ("" when not cached)
    reused: bool  # the facts came from the cache
    heads: list[FileFacts]  # one per parser, without elements, imports and i18n keys


@dataclass
class Emitted:
    chunks: dict[str, bytes]  # file -> its elements as JSON objects, comma-separated, in order
    tallies: dict[str, Tally] = field(default_factory=dict)  # file -> the summary's part


@dataclass(frozen=True)
class CacheSpec:
    """Where cached facts are: `<directory>/<pack>.pack`, one line per file, `<digest> <json>`.

    A shard writes one pack per run for the files it parsed: creating thousands of small files
    costs more than parsing them on some file systems, and an incremental run reads every
    unchanged file's facts anyway.
    """

    directory: str
    packs: dict[str, str] = field(default_factory=dict)  # digest -> pack, from the last manifest


# (path, source or the error reading it, kinds, context) -> one FileFacts per kind; never raises
Parser = Callable[[str, "bytes | OSError", tuple[str, ...], ParseContext], list[FileFacts]]


class Shard:
    """One worker's files, from parsing to serialized elements."""

    def __init__(self, root: str, context: ParseContext, cache: CacheSpec | None, parse: Parser) -> None:
        self.root = root
        self.context = context
        self.cache = cache
        self.parse_source = parse
        self.facts: dict[str, list[FileFacts]] = {}
        self.elements: list[UIElement] = []
        self.proposals: list[list[Any]] = []
        self.packs: dict[str, dict[str, bytes]] = {}  # packs read so far: name -> digest -> JSON
        self.pack = uuid.uuid4().hex  # the pack this shard writes
        self.written: list[bytes] = []  # its lines so far

    # 1 ------------------------------------------------------------------------------------------
    def parse(self, jobs: list[Job]) -> list[Parsed]:
        """Parse (or load from the cache) a batch of files and keep their facts; their heads."""
        parsed: list[Parsed] = []
        for job in jobs:
            found = self._cached(job.digest, job.pack) if job.digest else None
            digest = job.digest
            if found is None:
                try:
                    source: bytes | OSError = Path(self.root, job.path).read_bytes()
                except OSError as exc:
                    source = exc
                digest = hashlib.sha1(source).hexdigest() if isinstance(source, bytes) else ""  # noqa: S324
                known = self.cache.packs.get(digest, "") if self.cache is not None and digest else ""
                found = self._cached(digest, known) if known else None
            if found is not None:
                facts, item = found[1], Parsed(job.path, digest, found[0], True, [])
            else:
                facts = self.parse_source(job.path, source, job.kinds, self.context)
                item = Parsed(job.path, digest, "", False, [])
                if digest and self.cache is not None:
                    self.written.append(digest.encode() + b" " + _FACTS.dump_json(facts, exclude_defaults=True) + b"\n")
                    item.pack = self.pack
            self.facts[job.path] = facts
            # What the project-wide steps need; imports and elements stay here.
            item.heads = [replace(f, elements=[], imports={}, i18n_keys=[]) for f in facts]
            parsed.append(item)
        return parsed

    def _flush(self) -> None:
        """Write the facts parsed in this run to this shard's cache pack (once, after parsing)."""
        if self.written and self.cache is not None:
            from specwalk.fileio import stage

            target = Path(self.cache.directory, f"{self.pack}.pack")
            stage(target, b"".join(self.written)).replace(target)
        self.written = []

    def _cached(self, digest: str, pack: str) -> tuple[str, list[FileFacts]] | None:
        """(pack, facts) of the file with content `digest` from cache pack `pack`, if there."""
        if self.cache is None or not pack:
            return None
        entries = self.packs.get(pack)
        if entries is None:
            entries = {}
            try:
                data = Path(self.cache.directory, f"{pack}.pack").read_bytes()
            except OSError:
                data = b""
            for line in data.splitlines():
                entries[line[:40].decode("ascii", "replace")] = line[41:]
            self.packs[pack] = entries
        raw = entries.get(digest)
        if raw is None:
            return None
        try:
            return pack, _FACTS.validate_json(raw)
        except ValueError:
            return None  # damaged: parse again

    # 2 ------------------------------------------------------------------------------------------
    def involve(self, components: frozenset[str], bindings: list[DomBinding]) -> list[tuple[Position, UIElement]]:
        """The elements component expansion touches, with their positions."""
        self._flush()
        if bindings:
            from specwalk.index.html_link import link_elements

            self.facts = {path: [link_elements(item, bindings) for item in facts] for path, facts in self.facts.items()}
        found: list[tuple[Position, UIElement]] = []
        for path, facts in self.facts.items():
            for number, item in enumerate(facts):
                templates = set(resolve.template_candidates(item))
                for index, element in enumerate(item.elements):
                    if index in templates or resolve.is_usage(element, components):
                        found.append(((path, number, index), element))
        return found

    # 3 ------------------------------------------------------------------------------------------
    def finish(self, removed: set[Position], instances: list[UIElement], project: resolve.Project) -> Counts:
        kept = [
            element
            for path in sorted(self.facts)
            for number, item in enumerate(self.facts[path])
            for index, element in enumerate(item.elements)
            if (path, number, index) not in removed
        ]
        self.facts = {}  # the elements are only in `kept` now, which finishing empties
        kept.extend(instances)
        self.elements = resolve.finish_elements(kept, project)
        self.proposals = resolve.propose(self.elements, project)
        return resolve.count_proposals(self.elements, self.proposals)

    # 4 ------------------------------------------------------------------------------------------
    def emit(self, shared: Counts) -> Emitted:
        # File by file: rank, serialize and let go of one file's elements before the next.
        by_file: dict[str, tuple[list[UIElement], list[list[Proposal]]]] = {}
        for element, proposed in zip(self.elements, self.proposals, strict=True):
            pending = by_file.setdefault(element.location.file, ([], []))
            pending[0].append(element)
            pending[1].append(proposed)
        self.elements, self.proposals = [], []
        emitted = Emitted(chunks={})
        for path in list(by_file):
            elements = resolve.rank_elements(*by_file.pop(path), shared)
            elements.sort(key=lambda e: (e.location.line, e.location.column, e.id))
            emitted.chunks[path] = _ELEMENTS.dump_json(elements, exclude_defaults=True)[1:-1]
            emitted.tallies[path] = tally(elements)
        return emitted


# --- running shards ----------------------------------------------------------------------------


class WorkerError(RuntimeError):
    """A bug in the indexer surfaced in a worker process (parser failures never get here)."""


def _serve(connection: Connection, arguments: tuple[Any, ...]) -> None:
    gc.disable()  # as in `build`: long-lived objects, nothing for the collector to reclaim
    # Ctrl-C reaches the whole process group: the main process handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    shard = Shard(*arguments)
    while True:
        try:
            method, parameters = connection.recv()
        except EOFError:
            return
        if method is None:
            return
        try:
            connection.send(("ok", getattr(shard, method)(*parameters)))
        except BaseException:  # noqa: BLE001 - handed to the main process, which raises it
            connection.send(("error", traceback.format_exc()))


class Shards:
    """`count` shards: in this process when count is 1, else in forked worker processes."""

    def __init__(self, count: int, root: str, context: ParseContext, cache: CacheSpec | None, parse: Parser) -> None:
        self.count = max(1, count)
        arguments = (root, context, cache, parse)
        self.local: Shard | None = None
        self.connections: list[Connection] = []
        self.processes: list[Any] = []
        if self.count == 1:
            self.local = Shard(*arguments)
            return
        import multiprocessing

        # fork shares the imported grammars and parsers; spawn (no fork on this OS) re-imports.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context_: Any = multiprocessing.get_context(method)
        for _ in range(self.count):
            mine, theirs = context_.Pipe()
            process = context_.Process(target=_serve, args=(theirs, arguments), daemon=True)
            process.start()
            theirs.close()
            self.connections.append(mine)
            self.processes.append(process)

    def __enter__(self) -> Shards:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, method: str, arguments: list[tuple[Any, ...]]) -> list[Any]:
        """`method(*arguments[n])` on shard n, all at once; the answers in shard order."""
        if self.local is not None:
            return [getattr(self.local, method)(*arguments[0])]
        for connection, parameters in zip(self.connections, arguments, strict=True):
            connection.send((method, parameters))
        return [self._answer(connection, method) for connection in self.connections]

    def parse(self, jobs: list[Job], progress: Callable[[int], None] | None = None) -> list[list[Parsed]]:
        """Parse every job; a worker gets the next batch when it is done with one, so none idles
        while another has work left. The answers per shard (a file's facts stay in its shard)."""
        answers: list[list[Parsed]] = [[] for _ in range(self.count)]
        done = 0
        if self.local is not None:
            for start in range(0, len(jobs), _BATCH):
                answers[0].extend(self.local.parse(jobs[start : start + _BATCH]))
                done = min(len(jobs), start + _BATCH)
                if progress is not None:
                    progress(done)
            return answers
        batches = [jobs[start : start + _BATCH] for start in range(0, len(jobs), _BATCH)]
        batches.reverse()  # popped from the end: in order
        busy: dict[Connection, int] = {}
        for number, connection in enumerate(self.connections):
            if batches:
                connection.send(("parse", (batches.pop(),)))
                busy[connection] = number
        while busy:
            for ready in wait(list(busy)):
                assert isinstance(ready, Connection)
                number = busy.pop(ready)
                parsed = self._answer(ready, "parse")
                answers[number].extend(parsed)
                done += len(parsed)
                if progress is not None:
                    progress(done)
                if batches:
                    ready.send(("parse", (batches.pop(),)))
                    busy[ready] = number
        return answers

    def _answer(self, connection: Connection, method: str) -> Any:
        number = self.connections.index(connection)
        try:
            kind, payload = connection.recv()
        except EOFError:
            raise WorkerError(f"index worker {number} exited during {method}") from None
        if kind == "error":
            raise WorkerError(f"index worker {number} failed during {method}:\n{payload}")
        return payload

    def close(self) -> None:
        for connection in self.connections:
            try:
                connection.send((None, ()))
                connection.close()
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        self.connections, self.processes = [], []
