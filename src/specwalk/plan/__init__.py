"""The plan stage: requirements documents → the scenario IR (`specwalk.models.scenario.Plan`).

`RulesPlanner` is the deterministic, offline planner; the LLM planner (a later stage) implements
the same `Planner` protocol. `plan_files` reads the documents and reports unreadable ones as
`UsageError` (exit 2), and malformed Gherkin, an unclosed fence, nesting past `MAX_NESTING`, a
line past `MAX_LINE` or a document with no requirement at all as `InputError` (exit 3), each
naming the file and line.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from specwalk.errors import InputError, UsageError
from specwalk.fileio import editor_lines, is_utf8, printable
from specwalk.models.scenario import Plan
from specwalk.plan.planner import Planner, RequirementsDocument, RulesPlanner, merge

__all__ = ["Planner", "RequirementsDocument", "RulesPlanner", "load_document", "plan_files", "write_plan"]

# Bounds that keep planning time in check (bench/fuzz.py measures the worst cases): a document
# is tens of kilobytes (bench/plan_speed.py's 2,000 scenarios are 0.34 MB), a criterion a sentence.
MAX_BYTES = 1_000_000
MAX_LINE = 20_000  # characters on one line outside a fence
MAX_NESTING = 32  # lists and quotes inside each other; a document needs a handful

# Files that are certainly not requirements: planning them would plan nothing, or nonsense.
_NOT_REQUIREMENTS: dict[str, str] = {
    **dict.fromkeys((".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts", ".vue", ".svelte"), "source code"),
    **dict.fromkeys((".py", ".java", ".go", ".rs", ".rb", ".php", ".cs", ".kt", ".swift", ".c", ".cpp"), "source code"),
    **dict.fromkeys((".html", ".htm", ".css", ".scss", ".less"), "web page source"),
    **dict.fromkeys((".json", ".toml", ".yaml", ".yml", ".xml", ".lock", ".ini"), "a data or settings file"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico"), "an image"),
    **dict.fromkeys((".pdf", ".docx", ".doc", ".odt", ".rtf", ".pages"), "a word-processor document"),
    **dict.fromkeys((".zip", ".gz", ".tar", ".tgz", ".7z", ".exe", ".so", ".dll", ".wasm"), "a binary file"),
}
_READ_HINT = "pass the Markdown (.md) or Gherkin (.feature) file holding the requirements"


def _display(path: Path, base: Path | None) -> str:
    """The path as the plan names it: relative to `base` when below it, links not followed (a
    broken link is named, not its target)."""
    if base is not None:
        for absolute in (os.path.abspath, os.path.realpath):
            try:
                return Path(absolute(path)).relative_to(absolute(base)).as_posix()
            except (ValueError, OSError):  # not below base (ValueError also: a NUL in the path)
                continue
    return path.as_posix()


def _kind_error(path: Path, display: str) -> UsageError | None:
    """Why `path` is not a file that can be read as requirements, if it is not."""
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return UsageError(f"{display}: is a symbolic link that loops", hint="fix or remove the link")
        if os.path.lexists(path):
            return UsageError(f"{display}: is a broken link ({error.strerror})", hint="fix or remove the link")
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            return UsageError(f"{display}: no such requirements file", hint="check the path, or project.requirements")
        return UsageError(f"{display}: cannot be read ({error.strerror})")
    except ValueError:
        return UsageError(f"{display!r}: the path contains a NUL character", hint="check the path")
    if stat.S_ISDIR(info.st_mode):
        return UsageError(f"{display}: is a directory, not a requirements file", hint=_READ_HINT)
    if not stat.S_ISREG(info.st_mode):
        return UsageError(f"{display}: is not a regular file (a device, pipe or socket)", hint=_READ_HINT)
    if info.st_size > MAX_BYTES:
        return UsageError(
            f"{display}: is {info.st_size / 1e6:.1f} MB, too large for a requirements document "
            f"(at most {MAX_BYTES / 1e6:g} MB)",
            hint=_READ_HINT,
        )
    what = _NOT_REQUIREMENTS.get(path.suffix.lower())
    if what is not None:
        return UsageError(f"{display}: is {what} ({path.suffix}), not a requirements document", hint=_READ_HINT)
    return None


def _decode(data: bytes, display: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark (Windows Notepad)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UsageError(f"{display}: not valid UTF-16 text", hint="save the file as UTF-8") from error
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UsageError(f"{display}:{line}: binary content (a NUL byte), not a text document", hint=_READ_HINT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UsageError(
            f"{display}:{line}: not valid UTF-8 ({error.reason} at byte {error.start})",
            hint="save the file as UTF-8",
        ) from error


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


def _depth(line: str) -> int:
    """How deep a line sits in lists and quotes: its markers, and its indentation in steps of two."""
    markers, position = 0, 0
    while markers <= MAX_NESTING:
        match = _CONTAINER.match(line, position)
        if match is None or match.end() == position:
            break
        markers, position = markers + 1, match.end()
    indent = len(line) - len(line.lstrip(" \t"))
    return markers + indent // 2


def _check_structure(text: str, display: str) -> None:
    """Problems no parser reports well: a fence never closed (everything after it would be read as
    its content, giving errors on later lines), and nesting that only makes parsing slow."""
    opened: tuple[int, str] | None = None  # (line, the fence's characters)
    for number, line in enumerate(editor_lines(text), start=1):
        fence = _FENCE.match(line)
        if opened is not None:
            closing = fence and fence.group(1)[0] == opened[1][0] and len(fence.group(1)) >= len(opened[1])
            if closing and fence and not line[fence.end() :].strip():
                opened = None
            continue
        if fence:
            opened = (number, fence.group(1))
            continue
        if _depth(line) > MAX_NESTING:
            raise InputError(
                f"{display}:{number}: nested more than {MAX_NESTING} levels deep (lists, quotes or indentation)",
                hint="flatten it: a criterion is a bullet under a `##` feature heading",
            )
        if len(line) > MAX_LINE:
            raise InputError(
                f"{display}:{number}: a line of {len(line):,} characters, more than the {MAX_LINE:,} a criterion "
                "or a step can have",
                hint="split it, or put long data in a fenced block",
            )
    if opened is not None:
        raise InputError(
            f"{display}:{opened[0]}: this {opened[1]} fence is never closed, "
            "so everything after it is read as its content",
            hint=f"add a line with {opened[1]} where the block ends",
        )


def load_document(path: Path, base: Path | None = None) -> RequirementsDocument:
    """Read one requirements file: UTF-8 (a BOM is allowed) or UTF-16 with its BOM; lines end at
    \\n, \\r\\n or \\r, as an editor shows them."""
    display = _display(path, base)
    if not is_utf8(display):  # it would be named in plan.json, reports and tests
        raise UsageError(f"{printable(display)}: the file name is not UTF-8", hint="rename the file")
    problem = _kind_error(path, display)
    if problem is not None:
        raise problem
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{display}: cannot be read ({error.strerror})") from error
    text = _decode(data, display).replace("\r\n", "\n").replace("\r", "\n")
    _check_structure(text, display)
    return RequirementsDocument(display, text)


def _unique(paths: Sequence[Path]) -> list[Path]:
    """Each file once, in the order first given (the same file twice would double its requirements)."""
    seen: set[str] = set()
    unique: list[Path] = []
    for path in dict.fromkeys(paths):
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = str(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _why_empty(document: RequirementsDocument, plan: Plan) -> str:
    lines = [line.strip() for line in editor_lines(document.text) if line.strip()]
    if not document.text:
        return "the file is empty"
    if not lines:
        return "the file holds only blank lines"
    if all(line.startswith("#") for line in lines):
        return "the file holds only headings; write the acceptance criteria under them, one bullet each"
    if plan.notes:
        return (
            "its text is read as an introduction (text before the first `##` heading, or under the `#` title) "
            "or as list lead-ins; put each acceptance criterion as a bullet under a `##` feature heading"
        )
    return "nothing in it reads as an acceptance criterion or a Gherkin scenario"


def plan_files(paths: Sequence[Path], *, base: Path | None = None, planner: Planner | None = None) -> Plan:
    """Plan every document (all are read first, so one bad path fails before any work).

    A document that gives no requirement at all is an InputError naming it and why: planning
    nothing is never a success.
    """
    documents = [load_document(path, base) for path in _unique(paths)]
    chosen = planner or RulesPlanner()
    plans = [chosen.plan(document) for document in documents]
    empty = [(document, plan) for document, plan in zip(documents, plans, strict=True) if not plan.requirements]
    if empty:
        raise InputError(
            *(f"{document.file}: no requirements: {_why_empty(document, plan)}" for document, plan in empty),
            hint="see docs/step-language.md for how a requirements document is read",
        )
    return merge(plans)


def write_plan(plan: Plan, path: Path) -> None:
    """Save the plan as JSON, atomically (never half a file)."""
    from specwalk.fileio import write_atomic

    write_atomic(path, plan.model_dump_json(indent=2) + "\n")
