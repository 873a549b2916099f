"""The report reconciles verification with the runs of the emitted suite: a test that was not as
expected in any run is never "passed"."""

from __future__ import annotations

import itertools

import pytest

from specwalk.models.report import RequirementRow, RunnerResult, RunReport, ScenarioResult, ScenarioStatus
from specwalk.models.scenario import SourceRef
from specwalk.verify.runner import RunOutcome, SuiteRun, TestOutcome, apply_runs, playwright_failures

SOURCE = SourceRef(file="requirements.md", line=3)
RUNNER = RunnerResult(runner="playwright", command="npx playwright test", passed=0, failed=0, flaky=0,
                      expected_failures=0, exit_code=1)  # fmt: skip


def report(status: ScenarioStatus = "passed") -> RunReport:
    scenario = ScenarioResult(
        scenario_id="s",
        requirement_id="r",
        name="Sign up",
        feature="Accounts",
        source=SOURCE,
        status=status,
        test_file="e2e-generated/accounts.spec.ts",
        test_title="Sign up",
    )
    row = RequirementRow(
        requirement_id="r", title="Sign up", feature="Accounts", source=SOURCE, scenario_ids=["s"], status=status
    )
    return RunReport(specwalk_version="t", project="p", requirements_files=[], locale="en",
                     requirements=[row], scenarios=[scenario])  # fmt: skip


def suite(*results: RunOutcome, errors: tuple[str, ...] = (), runner_errors: tuple[str, ...] = ()) -> SuiteRun:
    outcome = TestOutcome(
        file="accounts.spec.ts",
        title="Sign up",
        results=results,
        errors=errors or tuple("" if r in ("passed", "expected_failure") else "failed" for r in results),
    )
    return SuiteRun(result=RUNNER, tests=(outcome,) if results else (), errors=runner_errors)


OUTCOMES: tuple[RunOutcome, ...] = ("passed", "failed", "expected_failure", "unexpected_pass", "skipped")


@pytest.mark.parametrize("status", ["passed", "weak", "app_defect", "flaky"])
@pytest.mark.parametrize("results", list(itertools.product(OUTCOMES, repeat=3)))
def test_a_test_not_as_expected_in_some_run_is_never_passed(
    status: ScenarioStatus, results: tuple[RunOutcome, ...]
) -> None:
    reconciled = apply_runs(report(status), suite(*results)).scenarios[0]
    as_expected = [result in ("passed", "expected_failure") for result in results]
    assert reconciled.runs == as_expected
    if all(as_expected):
        assert reconciled.status == status and reconciled.run_errors == []
    else:
        assert reconciled.status == ("flaky" if any(as_expected) else "suite_failed")
        assert len(reconciled.run_errors) == as_expected.count(False)
    assert apply_runs(report(status), suite(*results)).requirements[0].status == reconciled.status


def test_the_runners_error_lines_are_kept_per_failed_run() -> None:
    errors = ("", "expect(locator).toBeVisible() failed", "Timed out 5000ms waiting for expect(locator)")
    reconciled = apply_runs(report(), suite("passed", "failed", "failed", errors=errors)).scenarios[0]
    assert reconciled.status == "flaky"
    assert reconciled.run_errors == list(errors[1:])
    assert reconciled.message == "its test was as expected in 1 of 3 runs"


def test_a_test_that_never_ran_failed_in_the_suite_with_the_runners_own_error() -> None:
    broken = suite(runner_errors=("Error: No tests found",))
    reconciled = apply_runs(report(), broken).scenarios[0]
    assert (reconciled.status, reconciled.runs, reconciled.run_errors) == (
        "suite_failed",
        [],
        ["Error: No tests found"],
    )
    assert reconciled.message == "its emitted test did not run"


def test_playwright_error_lines_are_read_from_the_json_report() -> None:
    colored = "Error: \u001b[2mexpect(\u001b[22mlocator).toHaveText()\nmore"
    data = {
        "suites": [
            {
                "title": "accounts.spec.ts",
                "file": "accounts.spec.ts",
                "suites": [
                    {
                        "title": "Accounts",
                        "specs": [
                            {
                                "title": "Sign up",
                                "file": "accounts.spec.ts",
                                "tests": [
                                    {
                                        "status": "unexpected",
                                        "results": [
                                            {
                                                "status": "failed",
                                                "error": {"message": colored},
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ]
    }
    assert playwright_failures(data) == {("accounts.spec.ts", "Accounts", "Sign up"): "expect(locator).toHaveText()"}


def test_suite_failed_scenarios_and_their_errors_reach_the_html_report() -> None:
    from specwalk.emit.report_html import render_report_html

    reconciled = apply_runs(report(), suite("failed", "failed", errors=("boom", "boom again")))
    html = render_report_html(reconciled)
    assert "failed in suite run" in html and "<code>boom again</code>" in html
