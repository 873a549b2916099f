"""What the MCP tools share that does not need the SDK: errors as the CLI prints them, phrases,
routes, scenarios and emitted tests looked up for a tool call. Pure functions over our models."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from specwalk.config import Config
from specwalk.errors import SpecwalkError, UsageError
from specwalk.models.report import RunReport, ScenarioResult
from specwalk.models.tools import ScenarioSummary
from specwalk.models.uimap import UIElement, UIMap


def error_text(error: SpecwalkError) -> str:
    """The error as the CLI prints it: `error: <line>`, further lines indented, then the hint."""
    lines = [f"error: {line}" if number == 0 else f"  {line}" for number, line in enumerate(error.lines)]
    if error.hint:
        lines.append(f"  hint: {error.hint}")
    return "\n".join(lines)


def requirement_paths(config: Config, requirements: Sequence[str]) -> list[Path]:
    return [Path(item) if Path(item).is_absolute() else config.root / item for item in requirements]


def check_route(config: Config, uimap: UIMap, route: str) -> None:
    known = sorted({item.path for item in uimap.routes})
    if route in known:
        return
    close = difflib.get_close_matches(route, known, n=3)
    guess = f"did you mean {', '.join(close)}? " if close else ""
    listed = f"known routes: {', '.join(known)}" if known else "the UI map has no routes; leave route out"
    raise UsageError(f"route '{route}' is not in the UI map of {config.root}", hint=guess + listed)


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')


def parse_phrase(phrase: str) -> tuple[str, str | None, bool]:
    """(target words, implied role, quoted?) of a step's phrase: `the "Title" field` -> (Title, textbox, True)."""
    from specwalk.ground.retrieve import ROLE_WORDS, tokenize

    found = _QUOTED.search(phrase)
    target = next(group for group in found.groups() if group) if found else phrase
    target = " ".join(target.split())
    rest = _QUOTED.sub(" ", phrase).lower() if found else phrase.lower()
    implied = None
    for noun, implied_role in ROLE_WORDS.items():
        if (re.search(rf"\b{re.escape(noun)}\b", rest) if noun.isascii() else noun in rest) and (
            found or noun != target.lower()
        ):
            implied = implied_role
            break
    if not tokenize(target):
        raise UsageError(
            f"phrase '{phrase}' has no words to look up in the UI map",
            hint='pass the words the requirement uses for the element, e.g. the "Add task" button',
        )
    return target, implied, found is not None


def known_by(element: UIElement, target: str) -> bool:
    """Is the element known by exactly these words: its name, label, text or placeholder/title?"""
    from specwalk.index.query import text_strings

    wanted = " ".join(target.split()).lower()
    texts = [
        *text_strings(element.accessible_name),
        *text_strings(element.label),
        *text_strings(element.text),
    ]
    for attribute in ("placeholder", "title", "aria-label"):
        value = element.attributes.get(attribute)
        if value is not None and value.value:
            texts.append(value.value)
    return any(" ".join(text.split()).lower() == wanted for text in texts)


def scenario_summary(scenario: ScenarioResult) -> ScenarioSummary:
    return ScenarioSummary(
        scenario_id=scenario.scenario_id,
        requirement_id=scenario.requirement_id,
        name=scenario.name,
        status=scenario.status,
        source=scenario.source,
        test_file=scenario.test_file,
        test_title=scenario.test_title,
        message=scenario.message,
    )


def read_report(config: Config) -> RunReport:
    from specwalk.emit.report_json import REPORT_FILE, load_report

    path = config.output_dir / REPORT_FILE
    if not path.is_file():
        raise UsageError(
            f"{path}: no report yet", hint="call generate_tests first (or run `specwalk generate` in the project)"
        )
    return load_report(path.read_text(encoding="utf-8"), where=str(path))


def find_scenario(report: RunReport, wanted: str, config: Config) -> ScenarioResult:
    for key in ("scenario_id", "test_title", "name"):
        matches = [scenario for scenario in report.scenarios if getattr(scenario, key) == wanted]
        if matches:
            return matches[0]
    ids = [scenario.scenario_id for scenario in report.scenarios]
    close = difflib.get_close_matches(wanted, ids, n=3)
    raise UsageError(
        f"no scenario '{wanted}' in {config.output_dir / 'report.json'}",
        hint=(f"did you mean {', '.join(close)}? " if close else "") + "get_report lists every scenario id",
    )


def runner_selector(
    path: Path, tests_dir: Path, title: str, language: Literal["typescript", "python"], shown: str
) -> str:
    """How the runner names one test: Playwright `file.spec.ts:LINE`, pytest `test_x.py::name`."""
    from specwalk.emit.locators import ts_string

    if not path.is_file():
        raise UsageError(f"{shown}: the emitted test file is missing", hint="call generate_tests again")
    relative = path.resolve().relative_to(tests_dir.resolve()).as_posix()
    if language == "python":
        return f"{relative}::{title}"
    call = f"test({ts_string(title)},"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(call):
            return f"{relative}:{number}"
    raise UsageError(f"{shown}: no test titled '{title}' (was the file edited?)", hint="call generate_tests again")
