"""Writing files so that a failure never leaves half a file: stage beside the target, then rename.

What the disk refuses (a file where a directory should be, no permission, a read-only or full
file system, a NUL in a path) is the user's to fix, so it becomes a `UsageError` (a full disk an
`EnvironmentProblem`) naming the path in the way, never a traceback.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from specwalk.errors import EnvironmentProblem, SpecwalkError, UsageError

_FIX = "choose another directory (specwalk's outputs: output.dir, output.tests_dir, output.manual_dir in specwalk.toml)"


_LINE_END = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: only \\n, \\r\\n and \\r end one. (str.splitlines also splits at
    U+2028, U+0085, form feed and more, which shifts every later line number.)"""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()  # like splitlines: a final line end does not start another line
    return lines


def printable(name: str) -> str:
    """A path as text that can be printed and saved: bytes that are not UTF-8 as \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_utf8(name: str) -> bool:
    """Whether a path (as the OS gave it) is UTF-8: one that is not cannot be written in JSON."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _default_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the mode a plain open() would give them.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _default_mode()


def _in_the_way(path: Path) -> Path | None:
    """The nearest of `path` and its parents that exists but is not a directory."""
    for candidate in (path, *path.parents):
        try:
            if candidate.is_dir():
                return None
            if os.path.lexists(candidate):
                return candidate
        except (OSError, ValueError):
            return None
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def write_error(path: Path, error: OSError | ValueError, *, directory: bool = False) -> SpecwalkError:
    """The error to show for `error` raised while creating `path` (a file, or a directory)."""
    what = "create the directory" if directory else "write"
    if isinstance(error, ValueError):
        return UsageError(f"{path!r}: cannot {what}: the path contains a NUL character", hint=_FIX)
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return EnvironmentProblem(f"{path}: cannot {what}: no space left on the device", hint="free some disk space")
    blocker = _in_the_way(path if directory else path.parent)
    if blocker is not None:
        return UsageError(
            f"{path}: cannot {what}: {blocker} is a file, not a directory",
            hint=f"remove or rename {blocker}, or {_FIX}",
        )
    if code == errno.EISDIR or (not directory and _is_dir(path)):
        return UsageError(f"{path}: cannot write: it is a directory", hint="remove or rename that directory")
    if code in (errno.EACCES, errno.EPERM):
        where = next((parent for parent in (path, *path.parents) if _is_dir(parent)), path.parent)
        return UsageError(f"{path}: cannot {what}: permission denied", hint=f"make {where} writable, or {_FIX}")
    if code == errno.EROFS:
        return UsageError(f"{path}: cannot {what}: the file system is read-only", hint=_FIX)
    if code == errno.ELOOP:
        return UsageError(f"{path}: cannot {what}: a symbolic link on the way loops", hint="fix or remove the link")
    reason = error.strerror or str(error)
    return UsageError(f"{path}: cannot {what}: {reason}", hint=_FIX)


def ensure_dir(directory: Path) -> None:
    """Create `directory` and its parents, or raise an error naming what is in the way."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as error:
        raise write_error(directory, error, directory=True) from error
    if not directory.is_dir():  # mkdir(exist_ok=True) accepts a link to a file
        raise write_error(directory, FileExistsError(errno.EEXIST, "exists"), directory=True)


def ensure_writable_dir(directory: Path) -> None:
    """`ensure_dir`, and a file can be created in it (probed: permission bits do not tell root's
    or a read-only mount's answer)."""
    ensure_dir(directory)
    try:
        handle, name = tempfile.mkstemp(prefix=".probe.", dir=directory)
    except OSError as error:
        raise write_error(directory / ".probe", error) from error
    os.close(handle)
    os.unlink(name)


def stage(target: Path, data: bytes) -> Path:
    """A temporary file next to `target` holding `data`; the caller renames it into place."""
    ensure_dir(target.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except (OSError, ValueError) as error:
        raise write_error(target, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(name, _MODE)
    except BaseException as error:
        Path(name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise write_error(target, error) from error
        raise
    return Path(name)


def replace(staged: Path, target: Path) -> None:
    """Rename a staged file into place; on failure the staged file is removed."""
    try:
        os.replace(staged, target)
    except BaseException as error:
        staged.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise write_error(target, error) from error
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line ends, all or nothing."""
    replace(stage(path, text.encode("utf-8")), path)
