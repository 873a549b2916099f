"""Verify every scenario of a plan and classify it: passed, weak, app defect, environment,
not grounded or partial.

The verdicts follow the issue's rules. An app defect is a check that fails while the scenario is
fully planned, every target resolved, the app answered (pages loaded, no 5xx document, no crash)
and the same check fails again in a second verification from a fresh context; failing once is
flaky. A page that would not load or a server error is the environment's failure, with the
evidence. A step that cannot be grounded is a generation failure; a test whose checks still pass
when the action that should cause them is skipped is weak. A scenario with lines the planner could
not plan is verified for its planned part and reported as partial, naming what it does not check:
never passed (part of it is unchecked), never an app defect (a failure may come from a line that
was not run).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from specwalk.models.report import RequirementRow, ScenarioResult, ScenarioStatus, StepResult
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.verify.engine import ScenarioRun, ScenarioVerifier, StepObserver
from specwalk.verify.parallel import side_by_side

# Worst first: a requirement's status is the worst of its scenarios'.
_SEVERITY: tuple[ScenarioStatus, ...] = (
    "app_defect",
    "suite_failed",
    "environment",
    "not_grounded",
    "not_planned",
    "flaky",
    "partial",
    "weak",
    "passed",
)

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


class Fallback(Protocol):
    """Proposes another version of a scenario whose run did not pass, for a reason outside the app
    (the manual moves a scenario's UI texts to another locale first; as written is the fallback).

    None: no other version. Unlike a `Repairer` it sees every failed run, app defects included:
    the versions differ in how the requirement is worded, never in what it asks of the app.
    """

    def another(self, scenario: Scenario, run: ScenarioRun, attempt: int) -> Scenario | None: ...


# Makes the observer that watches one run of a scenario (the manual's camera), per run.
ObserverFactory = Callable[[Scenario], StepObserver]


@dataclass(frozen=True)
class VerifiedPlan:
    scenarios: list[ScenarioResult]
    requirements: list[RequirementRow]


def worst(statuses: list[ScenarioStatus]) -> ScenarioStatus:
    return min(statuses, key=_SEVERITY.index) if statuses else "not_planned"


# How much longer the re-check of a probable app defect waits than the first verification.
RECHECK_PATIENCE = 3.0


def _failed_at(run: ScenarioRun) -> int | None:
    return next((step.index for step in run.steps if step.status == "failed"), None)


def confirmed(first: ScenarioRun, second: ScenarioRun, waited_ms: float | None = None) -> ScenarioRun:
    """The verdict of a scenario whose first run looked like an app defect, given a second run from
    a fresh context (which waited up to `waited_ms` per step): a defect only when the same check
    fails again."""
    if second.status == "app_defect" and _failed_at(second) == _failed_at(first):
        return ScenarioRun(first.scenario, "app_defect", first.steps, first.message)
    if second.status == "passed":
        waited = f" waiting up to {waited_ms / 1000:g} s" if waited_ms else ""
        message = f"{first.message}; then it passed in a second verification from a fresh context{waited}"
        return ScenarioRun(second.scenario, "flaky", second.steps, message)
    if second.status == "app_defect":
        message = (
            f"the first verification failed at {first.message}; a second, from a fresh context, at {second.message}"
        )
        return ScenarioRun(second.scenario, "flaky", second.steps, message)
    # The app did not answer, or a target was not found, the second time: that is what to report.
    message = f"{second.message} (a first verification failed at {first.message})"
    return ScenarioRun(second.scenario, second.status, second.steps, message)


def _scenario_result(
    requirement: Requirement,
    scenario: Scenario,
    verifier: ScenarioVerifier,
    on_step: Callable[[int, int, str], None],
    repair: Repairer | None = None,
    *,
    observe: ObserverFactory | None = None,
    fallback: Fallback | None = None,
    sensitivity: bool = True,
    recheck: bool = True,
) -> ScenarioResult:
    def live(version: Scenario) -> ScenarioRun:
        return verifier.run(version, on_step=on_step, observer=observe(version) if observe else None)

    run = live(scenario)
    attempts = 0
    while fallback is not None and scenario.complete and run.status != "passed":
        other = fallback.another(scenario, run, attempts + 1)
        if other is None:
            break
        attempts += 1
        run = live(other)
    repairs = 0
    while repair is not None and scenario.complete and run.status == "not_grounded" and repairs < MAX_REPAIRS:
        failed = next((step for step in run.steps if step.status == "not_grounded"), None)
        changed = repair.repair(run.scenario, failed, repairs + 1) if failed is not None else None
        if changed is None:
            break
        repairs += 1
        run = live(changed)
    if run.status == "app_defect" and scenario.complete and recheck:
        # A verdict against the app must hold twice: once more from a fresh context, waiting longer
        # (a check that only needed more time is the machine's slowness, not the app's fault).
        with verifier.patient(RECHECK_PATIENCE):
            run = confirmed(run, live(run.scenario), verifier.timeout_ms)
    steps = run.steps
    status: ScenarioStatus = run.status
    message = run.message
    if not scenario.complete:
        steps, status, message = _partial(scenario, run, verifier, sensitivity=sensitivity)
    elif status == "passed" and sensitivity:
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
        not_checked=list(scenario.not_planned) if not scenario.complete else [],
    )


def _partial(
    scenario: Scenario, run: ScenarioRun, verifier: ScenarioVerifier, *, sensitivity: bool
) -> tuple[list[StepResult], ScenarioStatus, str]:
    """A scenario with unplanned lines: its planned part verified, reported as partial.

    A planned part that cannot be grounded stays not grounded (that is ours to fix); one whose
    check fails is partial with the failure in the message, not an app defect. Only a partial
    whose planned part passed is emitted as a test (`emit.layout`).
    """
    planned = len(scenario.preconditions) + len(scenario.steps)
    total = planned + len(scenario.not_planned)
    missing = ", ".join(repr(line) for line in scenario.not_planned) or "(lines listed as unplanned)"
    summary = f"{planned} of {total} steps; not checked: {missing}"
    if run.status == "passed":
        return (verifier.sensitivity(run) if sensitivity else run.steps), "partial", summary
    if run.status == "app_defect":
        return run.steps, "partial", f"{summary}; the planned part failed, not reported as an app defect: {run.message}"
    return run.steps, run.status, f"{run.message} ({summary})"  # not grounded: ours to fix


def verify_plan(
    plan: Plan,
    verifier: ScenarioVerifier,
    *,
    on_progress: ScenarioProgress | None = None,
    repair: Repairer | None = None,
    helpers: Sequence[VerifierFactory] = (),
    observe: ObserverFactory | None = None,
    fallback: Fallback | None = None,
    sensitivity: bool = True,
    recheck: bool | None = None,
) -> VerifiedPlan:
    """Verify every scenario; with `helpers`, that many more browsers take scenarios side by side.

    `observe` makes an observer for every run (the manual takes its pictures so, in the same
    runs); `fallback` offers other versions of a scenario that did not pass; `sensitivity=False`
    skips proving each check can fail (the manual needs the runs, not the verdict on the checks);
    `recheck=False` (the default when `sensitivity` is off: the manual keeps passing scenarios
    only) skips verifying a probable app defect a second time from a fresh context (it
    is reported as an app defect only when the same check fails again; once it is "flaky").

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

        return _scenario_result(
            requirement,
            scenario,
            worker,
            on_step,
            repair,
            observe=observe,
            fallback=fallback,
            sensitivity=sensitivity,
            recheck=sensitivity if recheck is None else recheck,
        )

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
