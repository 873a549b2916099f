"""Writing uimap.json from pieces: the map's head and each file's elements as the workers
serialized them (in memory, or ranges of their spill files), all or nothing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from specwalk.index.summary import Tally, tally
from specwalk.models.uimap import UIMAP_SCHEMA_VERSION, UIElement, UIMap

_ELEMENTS = TypeAdapter(list[UIElement])


# A piece of the map: bytes, or (an open file, offset, length) to copy from (a shard's spill file).
Piece = bytes | tuple[int, int, int]


def _write_pieces_atomic(path: Path, pieces: Iterable[Piece]) -> int:
    """Write `pieces` one after another, all or nothing (the map is never held whole); its size.

    A run of ranges that lie one after another in a shard's spill file, separated by single
    commas (which the shard writes after each chunk), is copied at once.
    """
    from specwalk.fileio import stage

    staged = stage(path, b"")
    size = 0
    pending: list[bytes] = []
    waiting = 0
    run: list[int] | None = None  # [source, start, end] of ranges not copied yet
    comma = False  # a "," right after `run`, not written yet: the spill has it at `end`
    try:
        with staged.open("r+b", buffering=0) as stream:
            target = stream.fileno()

            def flush_run() -> int:
                nonlocal run, comma
                if run is None:
                    return 0
                length = run[2] - run[1] + (1 if comma else 0)
                _copy_range(run[0], target, run[1], length)
                run, comma = None, False
                return length

            def flush_pending() -> int:
                nonlocal pending, waiting
                written = waiting
                if pending:
                    _write_all(target, b"".join(pending))
                pending, waiting = [], 0
                return written

            for piece in pieces:
                if isinstance(piece, bytes):
                    if run is not None and not comma and piece == b",":
                        comma = True
                        continue
                    size += flush_run()
                    pending.append(piece)
                    waiting += len(piece)
                    if waiting >= 1 << 20:
                        size += flush_pending()
                    continue
                source, offset, length = piece
                if run is not None and comma and source == run[0] and offset == run[2] + 1:
                    run[2] = offset + length
                    comma = False
                    continue
                size += flush_run()
                size += flush_pending()
                run = [source, offset, offset + length]
            size += flush_run()
            size += flush_pending()
        os.replace(staged, path)
    except BaseException as error:
        staged.unlink(missing_ok=True)
        if isinstance(error, OSError):
            from specwalk.fileio import write_error

            raise write_error(path, error) from error
        raise
    return size


def _write_all(target: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(target, view) :]


def _copy_range(source: int, target: int, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `target`; in the kernel where it can."""
    while length > 0:
        try:
            copied = os.copy_file_range(source, target, length, offset)
        except (AttributeError, OSError):  # no copy_file_range here (OS, file system): copy by hand
            copied = 0
        if copied <= 0:
            data = os.pread(source, length, offset)
            if not data:
                raise OSError(f"index: a shard's output ended early ({length} bytes missing)")
            _write_all(target, data)
            copied = len(data)
        offset += copied
        length -= copied


def head_json(uimap: UIMap) -> bytes:
    """The map without elements, as JSON."""
    head = uimap.model_dump_json(exclude_defaults=True).encode()
    # exclude_defaults would drop schema_version (its default): readers of the file need it.
    return b'{"schema_version":%d,' % UIMAP_SCHEMA_VERSION + head[1:]


def write_map(path: Path, uimap: UIMap, emitted: list[Any], head: bytes = b"") -> tuple[int, list[Tally]]:
    """Write `uimap` (which has no elements) with the shards' serialized elements, in file order.

    Returns the file's size and the elements' tallies in map order. `head`: `head_json(uimap)`, when
    the caller has it already.
    """
    chunks: dict[str, list[Piece]] = {}
    tallies: dict[str, list[Tally]] = {}
    opened: list[int] = []
    try:
        for answer in emitted:
            source = -1
            if answer.spill:
                source = os.open(answer.spill, os.O_RDONLY)
                opened.append(source)
            for file, part in answer.tallies.items():
                chunk = answer.chunks.get(file)
                chunks.setdefault(file, []).append(chunk if chunk is not None else (source, *answer.spans[file]))
                tallies.setdefault(file, []).append(part)
        for file, pieces in chunks.items():
            if len(pieces) > 1:  # a file's elements from two shards: interleave them by position
                merged, tallies[file] = _interleave([_read(piece) for piece in pieces])
                chunks[file] = list(merged)
        return _write_document(path, head or head_json(uimap), chunks, tallies)
    finally:
        for source in opened:
            os.close(source)


def _read(piece: Piece) -> bytes:
    if isinstance(piece, bytes):
        return piece
    source, offset, length = piece
    return os.pread(source, length, offset)


def _write_document(
    path: Path, head: bytes, chunks: dict[str, list[Piece]], tallies: dict[str, list[Tally]]
) -> tuple[int, list[Tally]]:
    order = sorted(chunks)

    def document() -> Iterator[Piece]:
        if not order:
            yield head
            return
        yield head[:-1] + b',"elements":['
        for number, file in enumerate(order):
            if number:
                yield b","
            yield from _joined(chunks[file])
        yield b"]}"

    return _write_pieces_atomic(path, document()), [part for file in order for part in tallies[file]]


def _joined(pieces: list[Piece]) -> Iterator[Piece]:
    for number, piece in enumerate(pieces):
        if number:
            yield b","
        yield piece


def _interleave(pieces: list[bytes]) -> tuple[list[bytes], list[Tally]]:
    """One file's elements serialized by several shards, as one chunk in position order."""
    elements = [e for piece in pieces for e in _ELEMENTS.validate_json(b"[" + piece + b"]")]
    elements.sort(key=lambda e: (e.location.line, e.location.column, e.id))
    return [_ELEMENTS.dump_json(elements, exclude_defaults=True)[1:-1]], [tally(elements)]
