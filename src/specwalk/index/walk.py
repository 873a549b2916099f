"""Walking the source tree, and saying what could not be read.

Every file or folder the index passes over for a reason the user may not expect — a folder it
may not list, a link that loops or leads nowhere, a name that is not UTF-8, a file too large,
binary, UTF-16 or not UTF-8 — becomes a `ParseProblem` naming it and the fix, so the summary
never claims a complete map when it is not one. Dependency and build folders, dot folders,
tests and git-ignored paths are skipped without a word: that is the intent.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pathspec

from specwalk.errors import UsageError
from specwalk.fileio import is_utf8, printable
from specwalk.index.i18n import LOCALE_DIRS
from specwalk.models.uimap import ParseProblem

MAX_FILE_BYTES = 2_000_000  # minified bundles and generated files are not source
CONTENT_CHECKS = "1"  # part of the cache key: facts cached before a check existed are not reused

Specs = list[tuple[str, "pathspec.PathSpec[Any]"]]
Report = Callable[[ParseProblem], object]


def ignore_spec(
    directory: Path | str, report: Report | None = None, relative: str = ""
) -> pathspec.PathSpec[Any] | None:
    """The .gitignore of `directory`; a line that is not a valid pattern is left out and reported
    (as `relative`/.gitignore:line), the others still apply."""
    ignore = os.path.join(directory, ".gitignore")
    if not os.path.isfile(ignore):
        return None
    try:
        with open(ignore, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().splitlines()
    except OSError:
        return None
    try:
        return pathspec.PathSpec.from_lines("gitignore", lines)
    except ValueError:  # GitIgnorePatternError: find the lines at fault
        pass
    valid: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            pathspec.PathSpec.from_lines("gitignore", [line])
        except ValueError as error:
            if report is not None:
                where = f"{relative}/.gitignore" if relative else ".gitignore"
                report(ParseProblem(file=where, line=number, message=f"{error}; this line is ignored — fix it"))
            continue
        valid.append(line)
    return pathspec.PathSpec.from_lines("gitignore", valid)


def walk(
    root: Path, start: Path, skip: set[Path], skip_names: frozenset[str], report: Report, wanted: Callable[[str], bool]
) -> Iterator[tuple[str, os.stat_result]]:
    """(relative POSIX path, stat) of every file under `start`, honouring .gitignore files.

    `wanted(relative)`: whether a file of that name would be read, so that a broken link or
    an unreadable entry is reported only where it matters.
    """
    specs: Specs = []
    for directory in (root, *[p for p in reversed(start.parents) if root in p.parents], start):
        if directory == root or root in directory.parents:
            spec = ignore_spec(directory, report, directory.relative_to(root).as_posix() if directory != root else "")
            if spec is not None:
                specs.append((directory.relative_to(root).as_posix() if directory != root else "", spec))
    prefix = "" if start == root else start.relative_to(root).as_posix() + "/"
    walker = _Walker({str(path) for path in skip}, skip_names, report, wanted)
    yield from walker.entries(str(start), prefix, specs)


def _ignored(relative: str, is_dir: bool, specs: Specs) -> bool:
    for base, spec in specs:
        if base and not relative.startswith(base + "/"):
            continue
        inner = relative[len(base) + 1 :] if base else relative
        if spec.match_file(inner + "/" if is_dir else inner):
            return True
    return False


class _Walker:
    """The walk on strings: a repository has thousands of entries, and paths cost per entry."""

    def __init__(self, skip: set[str], skip_names: frozenset[str], report: Report, wanted: Callable[[str], bool]):
        self.skip = skip
        self.skip_names = skip_names
        self.report = report
        self.wanted = wanted

    def entries(self, directory: str, prefix: str, specs: Specs) -> Iterator[tuple[str, os.stat_result]]:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            where = prefix.rstrip("/") or "."
            self.report(
                ParseProblem(
                    file=printable(where) + "/",
                    message=f"cannot list this folder ({error.strerror}); nothing in it was indexed — "
                    "make it readable, or add it to .gitignore if it is not source",
                )
            )
            return
        for entry in entries:
            relative = prefix + entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name in self.skip_names or entry.name.startswith(".") or entry.path in self.skip:
                    continue
                if entry.name.endswith(".json") and prefix.rstrip("/").rsplit("/", 1)[-1] in LOCALE_DIRS:
                    self.report(ParseProblem(file=relative + "/", message="a folder, not a translation file; skipped"))
                if not is_utf8(relative):
                    self._bad_name(relative, folder=True)
                    continue
                if _ignored(relative, True, specs):
                    continue
                inner = specs
                local = ignore_spec(entry.path, self.report, relative)
                if local is not None and not any(base == relative for base, _ in specs):
                    inner = [*specs, (relative, local)]
                yield from self.entries(entry.path, relative + "/", inner)
                continue
            if not is_utf8(relative):
                if self.wanted(printable(relative)):
                    self._bad_name(relative, folder=False)
                continue
            try:
                if not entry.is_file():  # follows a link: a link to a folder is not walked
                    if entry.is_symlink() and not os.path.exists(entry.path) and self.wanted(relative):
                        self.report(ParseProblem(file=relative, message="a broken link; skipped — fix or remove it"))
                    continue
                stat = entry.stat()
            except OSError as error:
                if self.wanted(relative):
                    why = "a symbolic link that loops" if error.errno == errno.ELOOP else error.strerror
                    self.report(ParseProblem(file=relative, message=f"cannot read ({why}); skipped — fix or remove it"))
                continue
            if _ignored(relative, False, specs):
                continue
            yield relative, stat

    def _bad_name(self, relative: str, *, folder: bool) -> None:
        what = "folder" if folder else "file"
        self.report(
            ParseProblem(
                file=printable(relative) + ("/" if folder else ""),
                message=f"the {what} name is not UTF-8, so it cannot be served or named in a test; skipped — rename it",
            )
        )


def check_source_roots(root: Path, source_roots: tuple[str, ...]) -> list[Path]:
    """The source roots as directories below `root`, or a UsageError naming the bad one and why."""
    starts: list[Path] = []
    for source_root in source_roots:
        start = root / source_root
        problem: str | None = None
        try:
            resolved = start.resolve()
        except (OSError, RuntimeError, ValueError):  # a loop (RuntimeError on Python 3.11), a NUL
            resolved = None
            problem = "cannot be resolved (a symbolic link that loops?)"
        if resolved is not None:
            if not os.path.lexists(start):
                problem = "does not exist"
            elif not resolved.exists():
                problem = "is a broken link"
            elif not resolved.is_dir():
                problem = "is a file, not a directory; list the directory that holds it"
            elif resolved != root and root not in resolved.parents:
                problem = f"is outside the project ({root}); source roots are directories below it"
            elif not os.access(resolved, os.R_OK | os.X_OK):
                problem = "cannot be read (permission denied)"
        if problem is not None:
            raise UsageError(
                f"project.source_roots: {source_root!r} {problem}",
                hint='list the directories that hold the app\'s source, relative to specwalk.toml, e.g. ["src"]',
            )
        starts.append(resolved or start)
    return starts


def content_problem(path: str, source: bytes) -> ParseProblem | None:
    """Why a source file cannot be indexed as it is (binary, UTF-16), if it cannot."""
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ParseProblem(file=path, message="UTF-16 text; skipped — save it as UTF-8")
    if b"\x00" in source:
        line = source[: source.index(b"\x00")].count(b"\n") + 1
        return ParseProblem(file=path, line=line, message="binary content (a NUL byte); skipped — it is not source")
    return None


def encoding_problem(path: str, source: bytes) -> ParseProblem | None:
    """Text that is not UTF-8 is still indexed, but its texts may not match what the browser shows."""
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        line = source[: error.start].count(b"\n") + 1
        return ParseProblem(
            file=path,
            line=line,
            message=f"not valid UTF-8 ({error.reason}); texts in it may not match the page — save it as UTF-8",
        )
    return None
