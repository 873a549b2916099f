"""Media properties, every element of a kind, the context menu and form submission (plan/
english_more.py, verify/more.py), planned from requirements written for this app, verified in
Chromium, emitted and run; and each check fails when the app does not do what it says (planted
bugs are app defects, and every check is proven by skipping its cause)."""

from __future__ import annotations

import os
import struct
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.browser.playwright_driver import BrowserSession
from specwalk.emit.files import write_files
from specwalk.emit.layout import SuiteSettings, assign_tests
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.models.report import RunReport, ScenarioResult
from specwalk.models.scenario import Plan
from specwalk.models.uimap import UIMap
from specwalk.plan import RequirementsDocument, RulesPlanner
from specwalk.verify.runner import run_suite

from ..conftest import EXAMPLES
from .conftest import serve_directory
from .fixture_apps import copy_app, index_html_app, load_mutants, verify_by_name

STUDIO = Path(__file__).resolve().parents[1] / "fixtures" / "e2estyle" / "studio"
MUTANTS = load_mutants(STUDIO)


def _copy(directory: Path, mutant: dict[str, Any] | None = None) -> Path:
    copy_app(STUDIO, directory, mutant)
    with wave.open(str(directory / "tone.wav"), "wb") as tone:  # two seconds of silence, 8 kHz mono
        tone.setnchannels(1)
        tone.setsampwidth(2)
        tone.setframerate(8000)
        tone.writeframes(struct.pack("<h", 0) * 16000)
    return directory


def _plan() -> Plan:
    text = (STUDIO / "requirements.md").read_text(encoding="utf-8")
    return RulesPlanner().plan(RequirementsDocument("requirements.md", text))


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("studio") / "app")


@pytest.fixture(scope="module")
def ui_map(app_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> UIMap:
    return index_html_app(app_dir, tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="module")
def app(app_dir: Path) -> Iterator[str]:
    yield from serve_directory(app_dir)


@pytest.fixture(scope="module")
def all_verified(session: BrowserSession, ui_map: UIMap, app: str) -> dict[str, ScenarioResult]:
    return verify_by_name(session, ui_map, app, _plan())


@pytest.fixture
def verified(all_verified: dict[str, ScenarioResult]) -> dict[str, ScenarioResult]:
    return dict(all_verified)


def test_the_requirements_plan_whole() -> None:
    plan = _plan()
    assert not plan.unplanned, [(u.text, u.reason) for u in plan.unplanned]
    assert plan.scenario_count == 14


def test_every_scenario_passes_and_every_check_is_proven(verified: dict[str, ScenarioResult]) -> None:
    missing = verified.pop("Watching the lesson")
    # "no new piece is added" holds whether or not the click happens: honestly weak, not passed.
    unchanged = verified.pop("Adding a piece without a name")
    assert unchanged.status == "weak", unchanged.message
    assert {name: result.status for name, result in verified.items()} == dict.fromkeys(verified, "passed"), {
        name: result.message for name, result in verified.items()
    }
    # A video whose file is missing cannot play: not grounded (the environment), never an app defect.
    assert missing.status == "not_grounded", missing.message
    assert "does not load" in missing.message
    # Each media / every-element / menu / form check fails when the step that causes it is skipped.
    weak = {
        name: [(step.text, step.sensitivity) for step in result.steps if step.sensitivity == "weak"]
        for name, result in verified.items()
    }
    assert not any(weak.values()), weak


def test_the_operations_are_property_and_count_checks(verified: dict[str, ScenarioResult]) -> None:
    def ops(name: str) -> list[tuple[str, str, str | None, str | None, bool]]:
        return [
            (op.op, op.name, op.key, op.value, op.negated)
            for step in verified[name].steps
            for op in step.operations
            if op.op in ("check", "act")
        ]

    assert ("check", "property", "paused", "false", False) in ops("Playing the tune")
    assert ("check", "property", "volume", "0.3", False) in ops("Turning the volume down")
    assert ("check", "property", "playbackRate", "1.5", False) in ops("Faster practice")
    assert ("act", "right_click", None, None, False) in ops("Renaming a piece from its context menu")
    assert ("act", "submit", None, None, False) in ops("Writing in the journal")
    # the legend's lamp is lit in the markup: "no lamp is lit" is about the others
    dimmed = [op.locator for step in verified["Dimming the lamps"].steps for op in step.operations if op.locator]
    assert any("lamp-legend" in (locator.parts[-1].value or "") for locator in dimmed)
    added = [(op.op, op.name, op.key, op.value) for step in verified["Adding a piece"].steps for op in step.operations]
    kept = next(key for op, name, key, _value in added if op == "remember")
    assert ("check", "count", kept, "1") in added  # one more than was counted before the actions
    same = [
        (op.op, op.key, op.value) for step in verified["Adding a piece without a name"].steps for op in step.operations
    ]
    assert ("check", next(key for op, key, _ in same if op == "remember"), "0") in same
    ticked = next(name for name in verified if name.startswith('When I click "Tick all"'))
    assert ("check", "count", None, "0", True) in ops(ticked)  # there are checkboxes
    assert ("check", "count", None, "0", False) in ops(ticked)  # and none of them is unticked


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m["id"] for m in MUTANTS])
def test_a_planted_bug_is_an_app_defect(
    tmp_path: Path, session: BrowserSession, ui_map: UIMap, mutant: dict[str, Any]
) -> None:
    plan = _plan()
    covering = plan.model_copy(
        update={
            "requirements": tuple(r for r in plan.requirements if any(s.name in mutant["covers"] for s in r.scenarios))
        }
    )
    for url in serve_directory(_copy(tmp_path / "app", mutant)):
        results = verify_by_name(session, ui_map, url, covering, timeout_ms=2_000)
    covered = {name: result.status for name, result in results.items() if name in mutant["covers"]}
    assert covered == dict.fromkeys(mutant["covers"], "app_defect"), {
        name: result.message for name, result in results.items()
    }


@pytest.mark.parametrize("language", ["typescript", "python"])
def test_the_emitted_suite_passes(
    tmp_path: Path, browser: BrowserInfo, verified: dict[str, ScenarioResult], app: str, language: str
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    modules = EXAMPLES / "notes-html" / "node_modules"
    if not (modules / "@playwright" / "test").is_dir():
        pytest.fail(f"{modules} is missing @playwright/test: run `make node`")
    (root / "node_modules").symlink_to(modules)
    del verified["Watching the lesson"]  # not grounded: no test of it
    scenarios = sorted(verified.values(), key=lambda result: result.source.line)
    report = RunReport(
        specwalk_version="0", project="studio", requirements_files=["requirements.md"], locale="en", scenarios=scenarios
    )
    tests_dir = root / "e2e-generated"
    settings = SuiteSettings(base_url="http://127.0.0.1:9/")
    emit = emit_typescript if language == "typescript" else emit_python
    write_files(tests_dir, emit(assign_tests(report, language, "e2e-generated"), settings))  # type: ignore[arg-type]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    run = run_suite(language, tests_dir, env=env, base_url=app, browser=browser.path, display_root=root)  # type: ignore[arg-type]
    assert run.result.failed == 0 and run.result.passed == len(verified), run.output
