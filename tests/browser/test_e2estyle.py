"""An E2EDev-style app (plain HTML + JS, data-testid references, alerts and confirmations, drag
and drop, localStorage) verified in Chromium, emitted as Playwright Test and pytest suites that
the real runners pass; and, with a planted behaviour bug, still caught: every scenario that
covers the bug is an app defect, so the verdicts are not bought by silence.

The plan is the IR a planner makes of the app's requirements (e2estyle_plan.py), so this tests
grounding, verification and emission on their own.
"""

from __future__ import annotations

import os
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
from specwalk.models.uimap import UIMap
from specwalk.verify.runner import run_suite

from ..conftest import EXAMPLES
from .conftest import serve_directory
from .e2estyle_plan import pantry_plan
from .fixture_apps import copy_app, index_html_app, load_mutants, verify_by_name

PANTRY = Path(__file__).resolve().parents[1] / "fixtures" / "e2estyle" / "pantry"
MUTANTS = load_mutants(PANTRY)


def _copy(directory: Path, mutant: dict[str, Any] | None = None) -> Path:
    return copy_app(PANTRY, directory, mutant)


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("pantry") / "app")


@pytest.fixture(scope="module")
def ui_map(app_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> UIMap:
    return index_html_app(app_dir, tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="module")
def app(app_dir: Path) -> Iterator[str]:
    yield from serve_directory(app_dir)


@pytest.fixture(scope="module")
def verified(session: BrowserSession, ui_map: UIMap, app: str) -> dict[str, ScenarioResult]:
    return verify_by_name(session, ui_map, app, pantry_plan())


def _step(result: ScenarioResult, start: str) -> Any:
    return next(step for step in result.steps if step.text.startswith(start))


def test_every_step_kind_verifies_on_the_correct_app(verified: dict[str, ScenarioResult]) -> None:
    statuses = {name: result.status for name, result in verified.items()}
    assert statuses == {
        "[Normal] User adds an item with a category": "passed",
        "[Error] User adds an item without a name": "passed",
        "[Normal] User marks an item as bought": "passed",
        "[Edge] User cancels the deletion": "passed",
        "[Normal] User confirms the deletion": "passed",
        "[Normal] User renames an item through the prompt": "passed",
        "[Normal] User drags an item into the basket": "passed",
        "[Normal] Items stay after a reload and go when storage is cleared": "passed",
        "[Normal] User marks the first item and deletes the last one": "passed",
        "[Normal] User opens and closes the help": "passed",
        "[Normal] User writes notes": "partial",
    }, {name: result.message for name, result in verified.items()}

    bought = verified["[Normal] User marks an item as bought"]
    state = _step(bought, "Then the item with")
    # The state is the class the app's own stylesheet and script use for it, and the check is proven.
    assert [(op.name, op.value) for op in state.operations] == [("class", "bought")]
    assert "the app's source uses the class 'bought'" in state.evidence.message
    assert state.sensitivity == "sensitive"
    pressed = _step(bought, 'And the "Bought" button')
    assert [(op.name, op.key, op.value) for op in pressed.operations] == [("attribute", "aria-pressed", "true")]
    assert pressed.sensitivity == "sensitive"

    added = verified["[Normal] User adds an item with a category"]
    first = added.steps[1]  # after "(open the app)"
    assert first.evidence.message == "exact reference data-testid 'item-input' (index.html:25)"
    assert first.evidence.source is not None and (first.evidence.source.file, first.evidence.source.line) == (
        "index.html",
        25,
    )

    # "an alert is displayed" on a page with no alert element: the browser dialog its script opens.
    alerted = _step(verified["[Error] User adds an item without a name"], "Then an alert is displayed")
    assert [(op.name, op.value) for op in alerted.operations] == [("dialog", "")]
    assert "opens a browser dialog (script.js:56)" in alerted.evidence.message
    assert alerted.sensitivity == "sensitive"

    cancelled = verified["[Edge] User cancels the deletion"]
    # The answer is registered before the click that opens the confirmation.
    assert [step.text for step in cancelled.steps[3:5]] == [
        "And the user cancels the confirmation dialog",
        'When the user clicks the delete button with data-testid "delete-1"',
    ]
    assert _step(cancelled, "Then the item").sensitivity == "sensitive"
    assert _step(cancelled, "And the confirmation").sensitivity == "sensitive"

    dragged = verified["[Normal] User drags an item into the basket"]
    assert _step(dragged, "Then the basket counter").sensitivity == "sensitive"
    assert _step(dragged, "Then the URL").sensitivity == "sensitive"

    ordinals = verified["[Normal] User marks the first item and deletes the last one"]
    assert [
        op.locator and op.locator.target.nth for op in _step(ordinals, "When the user clicks the first").operations
    ] == [0]

    # The page writes " items to buy" after the counter: the counter itself shows "1".
    counter = _step(added, 'And the counter with id "count"')
    assert [(op.name, op.value) for op in counter.operations] == [("text", "1")]
    # "no item … should have the class": none of the items has it (a count), then the first has it.
    none = _step(ordinals, "Then no item")
    assert [(op.name, op.value, op.negated) for op in none.operations] == [("count", "0", True), ("count", "0", False)]
    assert none.operations[1].locator is not None and none.operations[1].locator.target.value == ".item.bought"
    # Adding an item is not what keeps it unbought: honestly weak (a mutant shows the check can fail).
    assert none.sensitivity == "weak"

    # A page named by its title; a panel hidden by moving it off the page is checked in the viewport.
    helped = verified["[Normal] User opens and closes the help"]
    assert [op.value for op in helped.steps[0].operations] == ["/"]
    panel = [op for step in helped.steps[1:] for op in step.operations if op.op == "check"]
    assert [(op.name, op.negated) for op in panel] == [
        ("in_viewport", True),
        ("in_viewport", False),
        ("in_viewport", True),
    ]
    assert (
        _step(helped, 'Then the help panel with data-testid "help-panel" should be visible').sensitivity == "sensitive"
    )

    partial = verified["[Normal] User writes notes"]
    assert partial.message == "6 of 7 steps; not checked: 'And the shopping list should feel quick to use'"
    assert partial.not_checked == ["And the shopping list should feel quick to use"]
    described = _step(partial, "When the user types")
    assert described.evidence.message == "described: the only textarea on the page"
    box = _step(partial, "Then the notes box")
    assert box.evidence.element_id == "index.html:35:9" and box.sensitivity == "sensitive"
    # A field the page names only by the text beside it.
    shop = _step(partial, "And the user enters")
    assert shop.evidence.message == "the textbox next to the text 'Shop' (no label names it)"


def _suite(tmp_path: Path, verified: dict[str, ScenarioResult], language: str) -> tuple[Path, Path]:
    root = tmp_path / "project"
    root.mkdir()
    modules = EXAMPLES / "notes-html" / "node_modules"
    if not (modules / "@playwright" / "test").is_dir():
        pytest.fail(f"{modules} is missing @playwright/test: run `make node`")
    (root / "node_modules").symlink_to(modules)
    scenarios = sorted(verified.values(), key=lambda result: result.source.line)
    report = RunReport(
        specwalk_version="0",
        project="pantry",
        requirements_files=["requirements.md"],
        locale="en",
        scenarios=scenarios,
    )
    tests_dir = root / "e2e-generated"
    settings = SuiteSettings(base_url="http://127.0.0.1:9/")
    if language == "typescript":
        write_files(tests_dir, emit_typescript(assign_tests(report, "typescript", "e2e-generated"), settings))
    else:
        write_files(tests_dir, emit_python(assign_tests(report, "python", "e2e-generated"), settings))
    return root, tests_dir


@pytest.mark.parametrize("language", ["typescript", "python"])
def test_the_emitted_suite_passes_and_catches_a_planted_bug(
    tmp_path: Path,
    browser: BrowserInfo,
    verified: dict[str, ScenarioResult],
    app: str,
    language: str,
) -> None:
    root, tests_dir = _suite(tmp_path, verified, language)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    good = run_suite(language, tests_dir, env=env, base_url=app, browser=browser.path, display_root=root)  # type: ignore[arg-type]
    assert good.result.failed == 0 and good.result.passed == 11, good.output

    # Against the app with a planted bug, the test of the scenario that covers it fails.
    mutant = next(m for m in MUTANTS if m["id"] == "delete-ignores-cancel")
    test = next(t for t in good.tests if "cancels" in t.title)
    if language == "typescript":
        spec = (tests_dir / test.file).read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(spec, 1) if text.strip().startswith(f"test('{test.title}'"))
        only = f"{test.file}:{line}"
    else:
        only = f"{test.file}::{test.title}"
    for url in serve_directory(_copy(tmp_path / "mutant", mutant)):
        bad = run_suite(language, tests_dir, env=env, base_url=url, browser=browser.path, only=only)  # type: ignore[arg-type]
    assert [(t.title, t.status) for t in bad.tests] == [(test.title, "failed")], bad.output


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m["id"] for m in MUTANTS])
def test_a_planted_bug_is_an_app_defect_in_every_scenario_that_covers_it(
    tmp_path: Path, session: BrowserSession, ui_map: UIMap, mutant: dict[str, Any]
) -> None:
    plan = pantry_plan()
    covering = plan.model_copy(
        update={"requirements": tuple(r for r in plan.requirements if r.title in mutant["covers"])}
    )
    assert len(covering.requirements) == len(mutant["covers"])
    for url in serve_directory(_copy(tmp_path / "app", mutant)):
        # A shorter wait: every check here is expected to fail, and would wait this long.
        results = verify_by_name(session, ui_map, url, covering, timeout_ms=2_000)
    assert {name: result.status for name, result in results.items()} == dict.fromkeys(mutant["covers"], "app_defect"), {
        name: result.message for name, result in results.items()
    }
