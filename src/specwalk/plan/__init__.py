"""The plan stage: requirements documents → the scenario IR (`specwalk.models.scenario.Plan`).

`RulesPlanner` is the deterministic, offline planner; the LLM planner (a later stage) implements
the same `Planner` protocol. `plan_files` reads the documents and reports unreadable ones as
`UsageError` (exit 2) and malformed Gherkin as `InputError` (exit 3), both naming the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specwalk.errors import UsageError
from specwalk.models.scenario import Plan
from specwalk.plan.planner import Planner, RequirementsDocument, RulesPlanner, merge

__all__ = ["Planner", "RequirementsDocument", "RulesPlanner", "load_document", "plan_files", "write_plan"]


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def load_document(path: Path, base: Path | None = None) -> RequirementsDocument:
    """Read one requirements file as UTF-8 (a BOM is allowed)."""
    display = _display(path, base)
    if not path.exists():
        raise UsageError(f"{display}: no such requirements file", hint="check the path, or project.requirements")
    if path.is_dir():
        raise UsageError(f"{display}: is a directory, not a requirements file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise UsageError(
            f"{display}:{line}: not valid UTF-8 ({error.reason} at byte {error.start})",
            hint="save the file as UTF-8",
        ) from error
    except OSError as error:
        raise UsageError(f"{display}: cannot be read ({error.strerror})") from error
    return RequirementsDocument(display, text.replace("\r\n", "\n"))


def plan_files(paths: Sequence[Path], *, base: Path | None = None, planner: Planner | None = None) -> Plan:
    """Plan every document (all are read first, so one bad path fails before any work)."""
    documents = [load_document(path, base) for path in paths]
    chosen = planner or RulesPlanner()
    return merge(chosen.plan(document) for document in documents)


def write_plan(plan: Plan, path: Path) -> None:
    """Save the plan as JSON, atomically (never half a file)."""
    from specwalk.fileio import write_atomic

    write_atomic(path, plan.model_dump_json(indent=2) + "\n")
