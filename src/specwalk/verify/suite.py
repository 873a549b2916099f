"""Verify every scenario of a plan and classify it: passed, weak, app defect or not grounded.

The verdicts follow the issue's rules: a scenario whose expectation fails while every target
resolved is a probable app defect; one with a step that cannot be grounded is a generation
failure; one whose checks still pass when the action that should cause them is skipped is weak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from specwalk.models.report import RequirementRow, ScenarioResult, ScenarioStatus, StepResult
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.verify.engine import ScenarioVerifier

# Worst first: a requirement's status is the worst of its scenarios'.
_SEVERITY: tuple[ScenarioStatus, ...] = ("app_defect", "not_grounded", "not_planned", "flaky", "weak", "passed")

ScenarioProgress = Callable[[int, int, str, str], None]  # (n, total, scenario name, step text)
MAX_REPAIRS = 2  # changed scenarios tried per scenario; each is verified from the start again
REPAIRED = "repaired by the model"  # marks a result whose scenario was changed by a Repairer


class Repairer(Protocol):
    """Proposes a changed scenario when a step could not be grounded (the LLM, for its own scenarios).

    None: no repair. Only not-grounded steps are offered: a check that failed on elements that
    were found may be an app defect, and changing the test could hide it.
    """

    def repair(self, scenario: Scenario, failed: StepResult, attempt: int) -> Scenario | None: ...


@dataclass(frozen=True)
class VerifiedPlan:
    scenarios: list[ScenarioResult]
    requirements: list[RequirementRow]


def worst(statuses: list[ScenarioStatus]) -> ScenarioStatus:
    return min(statuses, key=_SEVERITY.index) if statuses else "not_planned"


def _scenario_result(
    requirement: Requirement,
    scenario: Scenario,
    verifier: ScenarioVerifier,
    on_step: Callable[[int, int, str], None],
    repair: Repairer | None = None,
) -> ScenarioResult:
    run = verifier.run(scenario, on_step=on_step)
    repairs = 0
    while repair is not None and scenario.complete and run.status == "not_grounded" and repairs < MAX_REPAIRS:
        failed = next((step for step in run.steps if step.status == "not_grounded"), None)
        changed = repair.repair(run.scenario, failed, repairs + 1) if failed is not None else None
        if changed is None:
            break
        repairs += 1
        run = verifier.run(changed, on_step=on_step)
    steps = run.steps
    status: ScenarioStatus = run.status
    message = run.message
    if not scenario.complete:
        status, message = "not_planned", "some of its lines could not be planned (see unplanned)"
    elif status == "passed":
        steps = verifier.sensitivity(run)
        sensitive = [step for step in steps if step.sensitivity == "sensitive"]
        weak = [step for step in steps if step.sensitivity == "weak"]
        if weak and not sensitive:
            # No check in this test would notice if the behaviour broke: the test cannot fail.
            status = "weak"
            message = "; ".join(f"{step.source}: still passes without the action before it" for step in weak)
        elif weak:
            message = "; ".join(
                f"{step.source}: this check alone would pass without the action before it (the test has others that"
                " would not)"
                for step in weak
            )
    if repairs:
        note = f"{REPAIRED} ({repairs} attempt(s))"
        message = f"{note}: {message}" if message else note
    return ScenarioResult(
        scenario_id=scenario.id,
        requirement_id=requirement.id,
        name=scenario.name,
        feature=requirement.feature,
        source=scenario.source,
        status=status,
        steps=steps,
        message=message,
    )


def verify_plan(
    plan: Plan,
    verifier: ScenarioVerifier,
    *,
    on_progress: ScenarioProgress | None = None,
    repair: Repairer | None = None,
) -> VerifiedPlan:
    pairs = [(requirement, scenario) for requirement in plan.requirements for scenario in requirement.scenarios]
    results: list[ScenarioResult] = []
    for number, (requirement, scenario) in enumerate(pairs, start=1):

        def on_step(_n: int, _total: int, text: str, *, name: str = scenario.name, number: int = number) -> None:
            if on_progress:
                on_progress(number, len(pairs), name, text)

        results.append(_scenario_result(requirement, scenario, verifier, on_step, repair))
    rows = [
        RequirementRow(
            requirement_id=requirement.id,
            title=requirement.title,
            feature=requirement.feature,
            source=requirement.source,
            scenario_ids=[scenario.id for scenario in requirement.scenarios],
            status=worst([r.status for r in results if r.requirement_id == requirement.id]),
        )
        for requirement in plan.requirements
    ]
    return VerifiedPlan(results, rows)
