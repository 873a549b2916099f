"""Verify every scenario of a plan and classify it: passed, weak, app defect or not grounded.

The verdicts follow the issue's rules: a scenario whose expectation fails while every target
resolved is a probable app defect; one with a step that cannot be grounded is a generation
failure; one whose checks still pass when the action that should cause them is skipped is weak.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from specwalk.models.report import RequirementRow, ScenarioResult, ScenarioStatus, StepResult
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.parallel import side_by_side

# Worst first: a requirement's status is the worst of its scenarios'.
_SEVERITY: tuple[ScenarioStatus, ...] = ("app_defect", "not_grounded", "not_planned", "flaky", "weak", "passed")

ScenarioProgress = Callable[[int, int, str, str], None]  # (n, total, scenario name, step text)
MAX_REPAIRS = 2  # changed scenarios tried per scenario; each is verified from the start again
REPAIRED = "repaired by the model"  # marks a result whose scenario was changed by a Repairer
# Opens a verifier with its own browser, in the thread that will use it.
VerifierFactory = Callable[[], AbstractContextManager[ScenarioVerifier]]


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
    helpers: Sequence[VerifierFactory] = (),
) -> VerifiedPlan:
    """Verify every scenario; with `helpers`, that many more browsers take scenarios side by side.

    Each helper opens its verifier (its own Playwright and browser) in its own thread, as
    Playwright requires. Results keep the plan's order whoever verified them, so the output does
    not depend on the number of workers.
    """
    pairs = [(requirement, scenario) for requirement in plan.requirements for scenario in requirement.scenarios]
    progress_lock = threading.Lock()

    def verify_one(worker: ScenarioVerifier, position: int) -> ScenarioResult:
        requirement, scenario = pairs[position]

        def on_step(_n: int, _total: int, text: str) -> None:
            if on_progress:
                with progress_lock:
                    on_progress(position + 1, len(pairs), scenario.name, text)

        return _scenario_result(requirement, scenario, worker, on_step, repair)

    done = side_by_side(len(pairs), verify_one, verifier, helpers)
    rows = [
        RequirementRow(
            requirement_id=requirement.id,
            title=requirement.title,
            feature=requirement.feature,
            source=requirement.source,
            scenario_ids=[scenario.id for scenario in requirement.scenarios],
            status=worst([r.status for r in done if r.requirement_id == requirement.id]),
        )
        for requirement in plan.requirements
    ]
    return VerifiedPlan(done, rows)
