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

import contextlib
import gc
import hashlib
import os
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
_HEADS = TypeAdapter(list[list[FileFacts]])  # a batch's heads, per file
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
    # A worker process writes the chunks to `spill` instead (tens of MB through a pipe cost more
    # than the main process copying them from a file): file -> (offset, length) there.
    spill: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


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
        self.unwritten: list[tuple[str, list[FileFacts]]] = []  # (digest, facts) parsed, not in a pack yet

    # 1 ------------------------------------------------------------------------------------------
    def parse(self, jobs: list[Job]) -> list[Parsed]:
        """Parse (or load from the cache) a batch of files and keep their facts; their heads."""
        parsed: list[Parsed] = []
        for job in jobs:
            found = self._cached(job.digest, job.pack) if job.digest else None
            digest = job.digest
            if found is None:
                try:
                    with open(os.path.join(self.root, job.path), "rb") as stream:
                        source: bytes | OSError = stream.read()
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
                    self.unwritten.append((digest, facts))  # written by `idle`, off the critical path
                    item.pack = self.pack
            self.facts[job.path] = facts
            # What the project-wide steps need; imports and elements stay here.
            item.heads = [replace(f, elements=[], imports={}, i18n_keys=[]) for f in facts]
            parsed.append(item)
        return parsed

    def parse_for_pipe(self, jobs: list[Job]) -> tuple[list[Parsed], bytes]:
        """`parse`, with the heads as JSON beside the items: pydantic reads JSON several times
        faster than it unpickles models, and the main process reads every file's head."""
        parsed = self.parse(jobs)
        heads = _HEADS.dump_json([item.heads for item in parsed])
        for item in parsed:
            item.heads = []
        return parsed, heads

    def idle(self) -> None:
        """Write the facts parsed in this run to this shard's cache pack (once, after parsing).

        A worker does this right after answering `involve`, while the main process does the
        project-wide steps and waits for nobody; it must happen before `finish` changes the
        elements, so `finish` does it too when it has not happened yet.
        """
        if self.unwritten and self.cache is not None:
            from specwalk.fileio import replace, stage

            lines = [
                digest.encode() + b" " + _FACTS.dump_json(facts, exclude_defaults=True) + b"\n"
                for digest, facts in self.unwritten
            ]
            target = Path(self.cache.directory, f"{self.pack}.pack")
            replace(stage(target, b"".join(lines)), target)
        self.unwritten = []

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

    def involve_for_pipe(self, components: frozenset[str], bindings: list[DomBinding]) -> tuple[list[Position], bytes]:
        """`involve`, with the elements as JSON (see `parse_for_pipe`)."""
        found = self.involve(components, bindings)
        return [position for position, _ in found], _ELEMENTS.dump_json([element for _, element in found])

    def finish_for_pipe(self, removed: set[Position], instances: bytes, project: resolve.Project) -> Counts:
        """`finish`, with the instances as JSON (see `parse_for_pipe`)."""
        return self.finish(removed, _ELEMENTS.validate_json(instances), project)

    # 3 ------------------------------------------------------------------------------------------
    def finish(self, removed: set[Position], instances: list[UIElement], project: resolve.Project) -> Counts:
        self.idle()  # the cache gets the facts as parsed: finishing changes the elements in place
        removed_in = {path for path, _, _ in removed}
        kept: list[UIElement] = []
        for path in sorted(self.facts):
            for number, item in enumerate(self.facts[path]):
                if path not in removed_in:
                    kept.extend(item.elements)
                else:
                    kept.extend(e for index, e in enumerate(item.elements) if (path, number, index) not in removed)
        self.facts = {}  # the elements are only in `kept` now, which finishing empties
        kept.extend(instances)
        self.elements = resolve.finish_elements(kept, project)
        self.proposals = resolve.propose(self.elements, project)
        return resolve.count_proposals(self.elements, self.proposals)

    # 4 ------------------------------------------------------------------------------------------
    def emit(self, shared: Counts, spill: str = "") -> Emitted:
        """Rank, describe and serialize every element; the JSON in memory, or in file `spill`."""
        # File by file: rank, serialize and let go of one file's elements before the next.
        by_file: dict[str, tuple[list[UIElement], list[list[Proposal]]]] = {}
        for element, proposed in zip(self.elements, self.proposals, strict=True):
            file = element.location.file
            pending = by_file.get(file)
            if pending is None:
                pending = by_file[file] = ([], [])
            pending[0].append(element)
            pending[1].append(proposed)
        self.elements, self.proposals = [], []
        emitted = Emitted(chunks={}, spill=spill)
        made: dict[Any, Any] = {}  # candidates to reuse across elements (see `locators.rank`)
        with open(spill, "wb") if spill else contextlib.nullcontext() as stream:
            offset = 0
            for path in list(by_file):
                elements = resolve.rank_elements(*by_file.pop(path), shared, made)
                elements.sort(key=_position)
                chunk = _ELEMENTS.dump_json(elements, exclude_defaults=True)[1:-1]
                if stream is None:
                    emitted.chunks[path] = chunk
                else:  # each chunk with a comma after it: see `mapfile._write_pieces_atomic`
                    stream.write(chunk + b",")
                    emitted.spans[path] = (offset, len(chunk))
                    offset += len(chunk) + 1
                emitted.tallies[path] = tally(elements)
        return emitted


def _position(element: UIElement) -> tuple[int, int, str]:
    location = element.location
    return location.line, location.column, element.id


# --- running shards ----------------------------------------------------------------------------


class WorkerError(RuntimeError):
    """A bug in the indexer surfaced in a worker process (parser failures never get here)."""


def _serve(connection: Connection, arguments: tuple[Any, ...]) -> None:
    gc.disable()  # as in `build`: long-lived objects, nothing for the collector to reclaim
    # Ctrl-C reaches the whole process group: the main process handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    shard = Shard(*arguments)
    failed = ""  # a failure after an answer was sent: the answer to the next call
    while True:
        try:
            method, parameters = connection.recv()
        except EOFError:
            return
        if method is None:
            return
        if failed:
            connection.send(("error", failed))
            failed = ""
            continue
        try:
            answer: tuple[str, Any] = ("ok", getattr(shard, method)(*parameters))
        except BaseException:  # noqa: BLE001 - handed to the main process, which raises it
            answer = ("error", traceback.format_exc())
        connection.send(answer)
        if method.startswith("involve"):
            try:
                shard.idle()  # the main process merges now: its next call waits for this
            except BaseException:  # noqa: BLE001
                failed = traceback.format_exc()


def _warm(root: str, context: ParseContext, parse: Parser, jobs: list[Job]) -> None:
    """Parse the first file of each kind before forking, and forget it: the workers then share
    the grammars and compiled queries this loads instead of each building its own copy (tens of
    milliseconds of a worker's time, per grammar)."""
    seen: set[tuple[str, ...]] = set()
    for job in jobs:
        if job.kinds in seen or job.digest:
            continue
        seen.add(job.kinds)
        try:
            with open(os.path.join(root, job.path), "rb") as stream:
                source = stream.read()
        except OSError:
            continue
        parse(job.path, source, job.kinds, context)


class Shards:
    """`count` shards: in this process when count is 1, else in forked worker processes."""

    def __init__(
        self,
        count: int,
        root: str,
        context: ParseContext,
        cache: CacheSpec | None,
        parse: Parser,
        jobs: list[Job] | None = None,
    ) -> None:
        self.count = max(1, count)
        arguments = (root, context, cache, parse)
        self.local: Shard | None = None
        self.connections: list[Connection] = []
        self.processes: list[Any] = []
        if self.count == 1:
            self.local = Shard(*arguments)
            return
        _warm(root, context, parse, jobs or [])
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
        return self.start(method, arguments)()

    def start(self, method: str, arguments: list[tuple[Any, ...]]) -> Callable[[], list[Any]]:
        """`call`, in two halves: the workers start now; the returned function waits for the
        answers, so this process can do work of its own in between."""
        if self.local is not None:
            local_answers = [getattr(self.local, method)(*arguments[0])]
            return lambda: local_answers
        # Models cross the pipe as JSON, which pydantic reads and writes several times faster.
        if method == "finish":
            arguments = [
                (removed, _ELEMENTS.dump_json(instances), project) for removed, instances, project in arguments
            ]
        piped = f"{method}_for_pipe" if method in ("involve", "finish") else method
        for connection, parameters in zip(self.connections, arguments, strict=True):
            connection.send((piped, parameters))

        def answers() -> list[Any]:
            found = [self._answer(connection, method) for connection in self.connections]
            if method == "involve":
                return [list(zip(positions, _ELEMENTS.validate_json(data), strict=True)) for positions, data in found]
            return found

        return answers

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
                connection.send(("parse_for_pipe", (batches.pop(),)))
                busy[connection] = number
        while busy:
            for ready in wait(list(busy)):
                assert isinstance(ready, Connection)
                number = busy.pop(ready)
                if batches:  # first, so the worker goes on while this process reads its answer
                    ready.send(("parse_for_pipe", (batches.pop(),)))
                    busy[ready] = number
                parsed, heads = self._answer(ready, "parse")
                for item, item_heads in zip(parsed, _HEADS.validate_json(heads), strict=True):
                    item.heads = item_heads
                answers[number].extend(parsed)
                done += len(parsed)
                if progress is not None:
                    progress(done)
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
