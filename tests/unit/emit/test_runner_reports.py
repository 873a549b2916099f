"""Reading the runners' own reports (captured from @playwright/test 1.65 and pytest 9) and
combining repeated runs into per-test statuses and the report's RunnerResult."""

from __future__ import annotations

import json
from pathlib import Path

from specwalk.models.report import RunnerResult
from specwalk.verify.runner import TestOutcome, _combine, parse_junit_xml, parse_playwright_json

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "emit"


def test_playwright_json_outcomes() -> None:
    data = json.loads((FIXTURES / "playwright-report.json").read_text(encoding="utf-8"))
    assert parse_playwright_json(data) == [
        ("a.spec.ts", "Feature A", "passes", "passed"),
        ("a.spec.ts", "Feature A", "fails", "failed"),
        ("a.spec.ts", "Feature A", "defect still there", "expected_failure"),
        ("a.spec.ts", "Feature A", "defect fixed", "unexpected_pass"),
        ("a.spec.ts", "Feature A", "skipped", "skipped"),
    ]


def test_junit_outcomes() -> None:
    assert parse_junit_xml((FIXTURES / "junit.xml").read_text(encoding="utf-8")) == [
        ("test_mod.py", "", "test_passes", "passed"),
        ("test_mod.py", "", "test_fails", "failed"),
        ("test_mod.py", "", "test_defect_still_there", "expected_failure"),
        ("test_mod.py", "", "test_defect_fixed", "unexpected_pass"),
        ("test_mod.py", "", "test_skipped", "skipped"),
        ("test_mod.py", "", "test_setup_error", "failed"),
    ]


def test_repeated_runs_combine_into_flaky_and_counts() -> None:
    first = parse_junit_xml((FIXTURES / "junit.xml").read_text(encoding="utf-8"))
    second = [(f, d, t, "passed" if t == "test_fails" else o) for f, d, t, o in first]
    second = [row for row in second if row[2] != "test_passes"]  # missing in a later run: did not run
    run = _combine("pytest", "python -m pytest tests --junitxml=report.xml", [(first, [], 1, ""), (second, [], 0, "")])
    assert {t.title: (t.results, t.status) for t in run.tests} == {
        "test_passes": (("passed", "failed"), "flaky"),
        "test_fails": (("failed", "passed"), "flaky"),
        "test_defect_still_there": (("expected_failure", "expected_failure"), "expected_failure"),
        "test_defect_fixed": (("unexpected_pass", "unexpected_pass"), "failed"),
        "test_skipped": (("skipped", "skipped"), "skipped"),
        "test_setup_error": (("failed", "failed"), "failed"),
    }
    assert run.result == RunnerResult(
        runner="pytest",
        command="python -m pytest tests --junitxml=report.xml (×2)",
        passed=0,
        failed=2,
        flaky=2,
        expected_failures=1,
        exit_code=1,
    )


def test_ok_runs_count_expected_failures_as_ok() -> None:
    outcome = TestOutcome(file="a.spec.ts", title="t", results=("expected_failure", "unexpected_pass"))
    assert outcome.ok_runs == [True, False]
    assert outcome.status == "flaky"
