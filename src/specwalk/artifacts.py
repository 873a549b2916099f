"""Stage outputs a failed run must not leave looking current.

When `specwalk index`, `plan` or `generate` fails, its previous uimap.json / plan.json /
report.json (and report.html) describes yesterday's inputs. It is replaced by a small marker, a
JSON object (an HTML page for report.html) saying which command failed and why:

    {"specwalk_stale": 1, "artifact": "plan.json", "command": "specwalk plan", "failure": [...]}

Readers of those files (`read_fresh`, the report loader, the MCP resources, the IDE) refuse a
marker with the failure and the command to run again. Nothing is written where nothing was.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from specwalk.errors import SpecwalkError, UsageError

STALE_KEY = "specwalk_stale"
STALE_VERSION = 1  # the marker's own format


def _failure_lines(error: BaseException) -> list[str]:
    if isinstance(error, SpecwalkError):
        return list(error.lines) or [type(error).__name__]
    if isinstance(error, KeyboardInterrupt):
        return ["interrupted"]
    return [f"internal error: {type(error).__name__}: {error}"]


def stale_text(name: str, command: str, failure: list[str]) -> str:
    """The marker that replaces `name` after `command` failed."""
    if name.endswith(".html"):
        items = "".join(f"<li>{html.escape(line)}</li>" for line in failure)
        return (
            f'<!doctype html>\n<html><head><meta charset="utf-8"><meta name="{STALE_KEY}" content="{STALE_VERSION}">'
            f"<title>{html.escape(name)}: stale</title></head>\n<body><h1>No current report</h1>"
            f"<p>The last <code>{html.escape(command)}</code> failed:</p><ul>{items}</ul>"
            f"<p>Fix that and run <code>{html.escape(command)}</code> again.</p></body></html>\n"
        )
    marker = {STALE_KEY: STALE_VERSION, "artifact": name, "command": command, "failure": failure}
    return json.dumps(marker, indent=2, ensure_ascii=False) + "\n"


def mark_stale(path: Path, command: str, error: BaseException) -> None:
    """Replace the output at `path`, if there is one, by a marker of `error`. Best effort: when
    the marker cannot be written the output is removed, and when that fails too, the original
    error is still the one reported."""
    from specwalk.fileio import write_atomic

    try:
        if not path.is_file():
            return
    except OSError:
        return
    try:
        write_atomic(path, stale_text(path.name, command, _failure_lines(error)))
    except (SpecwalkError, OSError):
        try:
            os.unlink(path)
        except OSError:
            return


@contextmanager
def producing(command: str, *paths: Path) -> Iterator[None]:
    """Run a stage that writes `paths`; if it fails, mark what is there stale and re-raise."""
    try:
        yield
    except BaseException as error:
        for path in paths:
            mark_stale(path, command, error)
        raise


def stale_failure(data: str | bytes) -> tuple[str, list[str]] | None:
    """(command, failure lines) if `data` is a stale marker, else None. Cheap on real outputs."""
    head = data[:200]
    key = STALE_KEY if isinstance(head, str) else STALE_KEY.encode()
    if key not in head:  # type: ignore[operator]
        return None
    try:
        marker = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(marker, dict) or STALE_KEY not in marker:
        return None
    failure = marker.get("failure")
    lines = [str(line) for line in failure] if isinstance(failure, list) else []
    return str(marker.get("command") or "specwalk"), lines


def refuse_stale(where: str | Path, data: str | bytes) -> None:
    """A UsageError if `data` (the text of `where`) is a stale marker."""
    stale = stale_failure(data)
    if stale is None:
        return
    command, failure = stale
    raise UsageError(
        f"{where}: stale — the last `{command}` failed, so it holds no current output:",
        *(f"  {line}" for line in failure),
        hint=f"fix that and run `{command}` again",
    )


def read_fresh(path: Path) -> bytes:
    """The bytes of an output file, refusing a stale marker."""
    data = path.read_bytes()
    refuse_stale(path, data)
    return data
