"""Write a set of emitted files into a directory: all or nothing, byte-identical on re-run.

Every file is staged next to its target first; only when all are staged are they renamed into
place (a failure while renaming puts back what was there). Text is UTF-8 with LF line ends;
unchanged files are not touched (their mtime stays), so re-running on the same input changes
nothing. A manifest remembers what specwalk wrote, so files of features that disappeared are
removed, and a file specwalk did not write is never overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from specwalk.emit.layout import GENERATED_MARKER
from specwalk.errors import UsageError
from specwalk.fileio import stage

MANIFEST = ".specwalk-manifest"


@dataclass(frozen=True)
class WriteResult:
    directory: Path
    written: tuple[str, ...]  # created or changed
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]  # written by an earlier run, no longer emitted


def _check_path(relative: str) -> None:
    path = PurePosixPath(relative)
    if not relative or path.is_absolute() or ".." in path.parts or "\\" in relative or relative == MANIFEST:
        raise ValueError(f"not a plain relative path for an emitted file: {relative!r}")


def _encode(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _manifest(directory: Path) -> list[str]:
    data = _read(directory / MANIFEST)
    if data is None:
        return []
    return [line for line in data.decode("utf-8", "replace").splitlines() if line and not line.startswith("#")]


def write_files(directory: Path, files: Mapping[str, str | bytes], *, track: bool = True) -> WriteResult:
    """Write `files` (relative POSIX path → text, or bytes written as they are) under `directory`.

    With `track`, a manifest lists what was written; a later run removes listed files it no
    longer emits and refuses (UsageError) to overwrite an unlisted file that lacks specwalk's
    marker — someone's hand-written file.
    """
    for relative in files:
        _check_path(relative)
    wanted = {relative: data if isinstance(data, bytes) else _encode(data) for relative, data in sorted(files.items())}
    previous = set(_manifest(directory)) if track else set()
    if track:
        listing = "".join(f"{relative}\n" for relative in wanted)
        wanted[MANIFEST] = _encode(f"# {GENERATED_MARKER}: the files it wrote here, one a line.\n{listing}")

    old: dict[str, bytes | None] = {relative: _read(directory / relative) for relative in wanted}
    foreign = [
        relative
        for relative, data in old.items()
        if track
        and data is not None
        and relative != MANIFEST
        and relative not in previous
        and data != wanted[relative]
        and GENERATED_MARKER.encode() not in data[:400]
    ]
    if foreign:
        raise UsageError(
            *(f"{directory / relative} exists and was not written by specwalk" for relative in foreign),
            hint="move those files away, or point output.tests_dir / output.manual_dir in specwalk.toml elsewhere",
        )
    changed = [relative for relative, data in wanted.items() if old[relative] != data]
    stale = sorted(relative for relative in previous - set(wanted) if _safe(relative))
    stale_old = {relative: _read(directory / relative) for relative in stale}

    staged: dict[str, Path] = {}
    try:
        for relative in changed:
            staged[relative] = stage(directory / relative, wanted[relative])
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise

    done: list[str] = []
    try:
        for relative in changed:
            os.replace(staged.pop(relative), directory / relative)
            done.append(relative)
        for relative in stale:
            (directory / relative).unlink(missing_ok=True)
            done.append(relative)
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        _restore(directory, done, {**old, **stale_old})
        raise

    visible = [relative for relative in changed if relative != MANIFEST]
    return WriteResult(
        directory=directory,
        written=tuple(visible),
        unchanged=tuple(r for r in wanted if r not in changed and r != MANIFEST),
        removed=tuple(r for r in stale if stale_old[r] is not None),
    )


def _safe(relative: str) -> bool:
    try:
        _check_path(relative)
    except ValueError:
        return False
    return True


def _restore(directory: Path, done: list[str], old: Mapping[str, bytes | None]) -> None:
    """Best effort: put back what the failed commit replaced or removed."""
    for relative in reversed(done):
        target = directory / relative
        data = old.get(relative)
        try:
            if data is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(stage(target, data), target)
        except OSError:
            continue
