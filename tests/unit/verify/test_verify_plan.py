"""verify_plan's helper browsers: a helper that cannot start is an error in the caller, not a lost result."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from specwalk.models.scenario import Plan
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.suite import verify_plan


def test_a_helper_that_cannot_open_its_browser_fails_the_run() -> None:
    @contextmanager
    def broken() -> Iterator[ScenarioVerifier]:
        raise RuntimeError("no second browser")
        yield  # pragma: no cover - a generator context manager needs one

    empty = Plan(requirements=[], unplanned=[])
    # The caller's own verifier is never used for an empty plan; nothing reaches a browser.
    with pytest.raises(RuntimeError, match="no second browser"):
        verify_plan(empty, None, helpers=[broken])  # type: ignore[arg-type]


def test_other_versions_are_tried_until_one_passes_each_run_watched_and_no_sensitivity_asked() -> None:
    from specwalk.models.report import StepResult
    from specwalk.models.scenario import ActionStep, Requirement, Scenario, SourceRef
    from specwalk.verify.engine import ScenarioRun

    ref = SourceRef(file="r.md", line=1)
    first = Scenario(id="s", name="S", source=ref, steps=(ActionStep(text="x", source=ref, action="reload"),))
    second = first.model_copy(update={"name": "S (as written)"})
    plan = Plan(
        requirements=(
            Requirement(id="r", kind="gherkin", feature="F", title="S", text="", source=ref, scenarios=(first,)),
        )
    )

    class Verifier:
        """Only the second version passes; proving sensitivity is not wanted here."""

        def __init__(self) -> None:
            self.runs: list[tuple[str, object]] = []

        def run(self, scenario: Scenario, *, on_step: object = None, observer: object = None) -> ScenarioRun:
            self.runs.append((scenario.name, observer))
            status = "passed" if scenario == second else "app_defect"
            step = StepResult(index=0, text="x", source=ref, status="passed" if status == "passed" else "failed")
            return ScenarioRun(scenario, status, [step])  # type: ignore[arg-type]

        def sensitivity(self, run: ScenarioRun) -> list[StepResult]:
            raise AssertionError("sensitivity was not asked for")

    class Fallback:
        def another(self, scenario: Scenario, run: ScenarioRun, attempt: int) -> Scenario | None:
            return second if attempt == 1 else None

    verifier = Verifier()
    watched = verify_plan(
        plan,
        verifier,
        observe=lambda scenario: f"camera for {scenario.name}",
        fallback=Fallback(),
        sensitivity=False,  # type: ignore[arg-type]
    )
    assert [result.status for result in watched.scenarios] == ["passed"]
    assert verifier.runs == [("S", "camera for S"), ("S (as written)", "camera for S (as written)")]
