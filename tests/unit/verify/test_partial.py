"""Partial scenarios: the planned part is verified; the result is partial, never passed, never an
app defect; only a partial whose planned part passed is emitted, saying what it does not check."""

from __future__ import annotations

import pytest

from specwalk.emit.layout import SuiteSettings, emitted
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.models.report import Operation, RunReport, ScenarioStatus, StepResult
from specwalk.models.scenario import ActionStep, Plan, Requirement, Scenario, SourceRef
from specwalk.verify.engine import ScenarioRun
from specwalk.verify.suite import verify_plan, worst

REF = SourceRef(file="r.md", line=3)
STEP = ActionStep(text="When I reload", source=REF, action="reload")
SCENARIO = Scenario(
    id="f/s",
    name="Plays the tune",
    source=REF,
    steps=(STEP,),
    complete=False,
    not_planned=("Then the audio should play",),
)
PLAN = Plan(
    requirements=(
        Requirement(id="f/s", kind="gherkin", feature="F", title="S", text="", source=REF, scenarios=(SCENARIO,)),
    )
)


class Verifier:
    """Runs every scenario to the given status; sensitivity marks its one step sensitive."""

    def __init__(self, status: ScenarioStatus) -> None:
        self.status = status
        self.sensitivity_asked = False

    def run(self, scenario: Scenario, *, on_step: object = None, observer: object = None) -> ScenarioRun:
        status = {"passed": "passed", "app_defect": "failed", "not_grounded": "not_grounded"}[self.status]
        step = StepResult(index=0, text="x", source=REF, status=status, operations=[Operation(op="reload")])  # type: ignore[arg-type]
        return ScenarioRun(scenario, self.status, [step], message="r.md:3: it failed")

    def sensitivity(self, run: ScenarioRun) -> list[StepResult]:
        self.sensitivity_asked = True
        return [step.model_copy(update={"sensitivity": "sensitive"}) for step in run.steps]


@pytest.mark.parametrize(
    ("run", "status", "message", "emits"),
    [
        ("passed", "partial", "1 of 2 steps; not checked: 'Then the audio should play'", True),
        (
            "app_defect",
            "partial",
            "1 of 2 steps; not checked: 'Then the audio should play'; the planned part failed, not reported as an "
            "app defect: r.md:3: it failed",
            False,
        ),
        (
            "not_grounded",
            "not_grounded",
            "r.md:3: it failed (1 of 2 steps; not checked: 'Then the audio should play')",
            False,
        ),
    ],
)
def test_a_partial_scenario_is_verified_for_its_planned_part(
    run: ScenarioStatus, status: str, message: str, emits: bool
) -> None:
    verifier = Verifier(run)
    result = verify_plan(PLAN, verifier).scenarios[0]  # type: ignore[arg-type]
    assert (result.status, result.message) == (status, message)
    assert result.not_checked == ["Then the audio should play"]
    assert verifier.sensitivity_asked == (run == "passed")
    assert emitted(result) == emits


def test_a_partial_test_says_what_it_does_not_check() -> None:
    result = verify_plan(PLAN, Verifier("passed")).scenarios[0]  # type: ignore[arg-type]
    report = RunReport(specwalk_version="0", project="p", requirements_files=["r.md"], locale="en", scenarios=[result])
    spec = emit_typescript(report, SuiteSettings(base_url="http://127.0.0.1:9/"))["f.spec.ts"]
    assert "    // specwalk: partial — does not check (not planned): 'Then the audio should play'" in spec
    module = emit_python(report, SuiteSettings(base_url="http://127.0.0.1:9/"))["test_f.py"]
    assert "    # specwalk: partial — does not check (not planned): 'Then the audio should play'" in module


def test_partial_ranks_between_flaky_and_weak() -> None:
    assert worst(["passed", "partial", "weak"]) == "partial"
    assert worst(["partial", "flaky"]) == "flaky"
    assert worst(["partial", "environment", "suite_failed"]) == "suite_failed"
