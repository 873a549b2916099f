"""Run an emitted suite with its real runner and read back what happened to every test.

TypeScript: `npx playwright test -c <tests_dir>/playwright.config.ts --reporter=json` (the JSON
report goes to a temporary file, not stdout). Python: `python -m pytest <tests_dir> --junitxml=…`.
The suite is run `runs` times; a test that is as expected in some runs and not in others is
flaky. The app under test comes from SPECWALK_BASE_URL (or the suite's own web server) and the
browser from SPECWALK_BROWSER, both set here in the child's environment only.

A suite that ran — whatever its tests did — is a value; a runner that could not start (no npx,
no report written) is an EnvironmentProblem.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from specwalk.emit.layout import Language
from specwalk.emit.playwright_ts import CONFIG_FILE
from specwalk.errors import EnvironmentProblem
from specwalk.models.report import RunnerResult, RunReport
from specwalk.verify.suite import worst

RunOutcome = Literal["passed", "failed", "expected_failure", "unexpected_pass", "skipped"]
TestStatus = Literal["passed", "failed", "flaky", "expected_failure", "skipped"]
RunProgress = Callable[[int, int], None]  # (run number from 1, runs)

_OK: frozenset[str] = frozenset({"passed", "expected_failure"})
# What a run that was not as expected did, when the runner gave no error line.
_WHY: dict[str, str] = {
    "failed": "failed",
    "unexpected_pass": "passed, but it is marked as an app defect (test.fail() / xfail)",
    "skipped": "skipped",
}


@dataclass(frozen=True)
class TestOutcome:
    __test__ = False  # not a pytest test class

    file: str  # relative to the tests directory, POSIX
    title: str  # Playwright: the test title; pytest: the function name
    describe: str = ""  # Playwright: the describe titles, " › "-joined
    results: tuple[RunOutcome, ...] = ()  # one per run
    errors: tuple[str, ...] = ()  # one per run: the runner's first error line ("" when as expected)

    @property
    def ok_runs(self) -> list[bool]:
        """Per run: did the runner count this test as it should be (passed, or an expected failure)?"""
        return [result in _OK for result in self.results]

    @property
    def status(self) -> TestStatus:
        ok = self.ok_runs
        if all(result == "skipped" for result in self.results):
            return "skipped"
        if all(ok):
            return "expected_failure" if "expected_failure" in self.results else "passed"
        return "flaky" if any(ok) else "failed"


@dataclass(frozen=True)
class SuiteRun:
    result: RunnerResult
    tests: tuple[TestOutcome, ...]
    errors: tuple[str, ...] = ()  # runner-level problems (config, web server, collection)
    output: str = field(default="", repr=False)  # the last run's console output


# --- can the suite run at all? --------------------------------------------------------------


def find_playwright_test(start: Path) -> tuple[str, Path] | None:
    """(version, package dir) of the @playwright/test that Node resolves from `start`."""
    for directory in (start.resolve(), *start.resolve().parents):
        package = directory / "node_modules" / "@playwright" / "test" / "package.json"
        if package.is_file():
            try:
                version = str(json.loads(package.read_text(encoding="utf-8")).get("version", "?"))
            except (OSError, ValueError):
                version = "?"
            return version, package.parent
    return None


@dataclass(frozen=True)
class MissingRunner:
    """What the emitted suite needs and this machine lacks, and the command that installs it."""

    what: str
    install: tuple[str, ...]  # argv, run in `where`; () when it is nothing specwalk can install
    where: Path

    @property
    def command(self) -> str:
        return shlex.join(self.install)


def _playwright_spec() -> str:
    """The @playwright/test release line matching the Python playwright specwalk verifies with."""
    from importlib import metadata

    try:
        major, minor = metadata.version("playwright").split(".")[:2]
    except (metadata.PackageNotFoundError, ValueError):
        return "@playwright/test"
    return f"@playwright/test@{major}.{minor}"  # npm reads 1.65 as any 1.65.x


def missing_runner(
    language: Language, tests_dir: Path, *, root: Path, package_manager: str, env: Mapping[str, str]
) -> MissingRunner | None:
    """None when the emitted suite can run; else what is missing, checked before any verification."""
    if language == "python":
        import importlib.util

        lacking = [name for name in ("pytest", "playwright") if importlib.util.find_spec(name) is None]
        if not lacking:
            return None
        return MissingRunner(
            f"the Python package(s) {', '.join(lacking)} (pytest runs the emitted tests)",
            (sys.executable, "-m", "pip", "install", *lacking),
            root,
        )
    if shutil.which("npx", path=env.get("PATH")) is None:
        return MissingRunner("Node.js (npx runs the emitted Playwright Test suite)", (), root)
    if find_playwright_test(tests_dir) is not None:
        return None
    spec = _playwright_spec()
    install = {
        "pnpm": ("pnpm", "add", "--save-dev", spec),
        "yarn": ("yarn", "add", "--dev", spec),
    }.get(package_manager, ("npm", "install", "--save-dev", spec))
    return MissingRunner(f"@playwright/test (not found in node_modules from {tests_dir} up)", install, root)


def install_runner(missing: MissingRunner, env: Mapping[str, str], *, timeout_s: float = 600) -> None:
    """Run `missing.install` in its project; EnvironmentProblem with the tail of its output if it fails."""
    if not missing.install:
        raise EnvironmentProblem(f"the emitted suite needs {missing.what}", hint="install Node.js 18+ (it brings npx)")
    code, output = _execute(missing.install, missing.where, env, timeout_s)
    if code != 0:
        raise EnvironmentProblem(
            f"`{missing.command}` failed in {missing.where} (exit status {code}); its last lines:",
            *_tail(output, 15).splitlines(),
            hint="run it yourself, or pass --runs 0 to skip running the emitted suite",
        )


def run_suite(
    language: Language,
    tests_dir: Path,
    *,
    env: Mapping[str, str],
    base_url: str | None = None,
    browser: Path | None = None,
    runs: int = 1,
    display_root: Path | None = None,
    timeout_s: float = 1800,
    on_run: RunProgress | None = None,
    only: str | None = None,
) -> SuiteRun:
    """Run the suite in `tests_dir` `runs` times; `env` is the base environment (from the CLI).

    `only` runs one test, named as its runner does, relative to `tests_dir`: Playwright
    `file.spec.ts:LINE` (a location filter keeps setup projects running), pytest `test_x.py::name`.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    tests_dir = tests_dir.resolve()
    child_env = {**env, "FORCE_COLOR": "0", "CI": "1"}
    if base_url:
        child_env["SPECWALK_BASE_URL"] = base_url
    if browser is not None:
        child_env["SPECWALK_BROWSER"] = str(browser)
    shown = _display_path(tests_dir, display_root)
    per_run: list[tuple[list[tuple[str, str, str, RunOutcome]], list[str], int, str]] = []
    failures: list[dict[tuple[str, str, str], str]] = []
    for number in range(1, runs + 1):
        if on_run is not None:
            on_run(number, runs)
        with tempfile.TemporaryDirectory(prefix="specwalk-run-") as scratch:
            run = _run_playwright if language == "typescript" else _run_pytest
            tests, errors, code, output, failed = run(tests_dir, Path(scratch), child_env, timeout_s, only)
            per_run.append((tests, errors, code, output))
            failures.append(failed)
    if language == "typescript":
        command = f"npx playwright test -c {shlex.quote(f'{shown}/{CONFIG_FILE}')} --reporter=json"
    else:
        command = f"python -m pytest {shlex.quote(f'{shown}/{only}' if only else shown)} --junitxml=report.xml"
    if only and language == "typescript":
        command += f" {shlex.quote(only)}"
    return _combine("playwright" if language == "typescript" else "pytest", command, per_run, failures)


def _display_path(tests_dir: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return tests_dir.relative_to(root.resolve()).as_posix() or "."
        except ValueError:
            pass
    return tests_dir.as_posix()


def _execute(command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout_s: float) -> tuple[int, str]:
    try:
        completed = subprocess.run(
            list(command),
            cwd=cwd,
            env=dict(env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except FileNotFoundError as exc:
        raise EnvironmentProblem(
            f"cannot run {command[0]}: not found",
            hint="install Node.js 18+ (npx) and `npm install -D @playwright/test` in the project"
            if command[0] == "npx"
            else None,
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise EnvironmentProblem(f"{shlex.join(command)} did not finish within {timeout_s:g} s") from exc
    return completed.returncode, completed.stdout + completed.stderr


def _tail(output: str, lines: int = 30) -> str:
    return "\n".join(output.strip().splitlines()[-lines:])


# --- Playwright ---------------------------------------------------------------------------


_Failures = dict[tuple[str, str, str], str]  # (file, describe, title) -> the first line of its error


def _run_playwright(
    tests_dir: Path, scratch: Path, env: dict[str, str], timeout_s: float, only: str | None = None
) -> tuple[list[tuple[str, str, str, RunOutcome]], list[str], int, str, _Failures]:
    report_path = scratch / "report.json"
    command = [
        "npx",
        "--no-install",
        "playwright",
        "test",
        "-c",
        str(tests_dir / CONFIG_FILE),
        "--reporter=json",
        "--output",
        str(scratch / "results"),
        *([only] if only else []),
    ]
    code, output = _execute(command, tests_dir, {**env, "PLAYWRIGHT_JSON_OUTPUT_NAME": str(report_path)}, timeout_s)
    if not report_path.is_file():
        raise EnvironmentProblem(
            f"the Playwright runner wrote no report (exit status {code}); its last lines:",
            *_tail(output).splitlines(),
            hint="check that @playwright/test is installed in the project (npm install -D @playwright/test)",
        )
    data = json.loads(report_path.read_text(encoding="utf-8"))
    tests = parse_playwright_json(data)
    errors = [_first_line(str(error.get("message", ""))) for error in data.get("errors", [])]
    return tests, errors, code, output, playwright_failures(data)


def parse_playwright_json(data: Mapping[str, Any]) -> list[tuple[str, str, str, RunOutcome]]:
    """(file, describe path, title, outcome) for every test in a Playwright JSON report."""
    found: list[tuple[str, str, str, RunOutcome]] = []

    def walk(suite: Mapping[str, Any], file: str, describes: tuple[str, ...]) -> None:
        for spec in suite.get("specs", []):
            for test in spec.get("tests", []):
                found.append(
                    (
                        PurePosixPath(spec.get("file") or file).as_posix(),
                        " › ".join(describes),
                        str(spec.get("title", "")),
                        _playwright_outcome(str(test.get("status")), str(test.get("expectedStatus"))),
                    )
                )
        for child in suite.get("suites", []):
            walk(child, file, (*describes, str(child.get("title", ""))))

    for top in data.get("suites", []):
        walk(top, str(top.get("file") or top.get("title", "")), ())
    return found


def playwright_failures(data: Mapping[str, Any]) -> _Failures:
    """The first line of each failed test's error (its last attempt), keyed as `parse_playwright_json`."""
    found: _Failures = {}

    def walk(suite: Mapping[str, Any], file: str, describes: tuple[str, ...]) -> None:
        for spec in suite.get("specs", []):
            for test in spec.get("tests", []):
                results = test.get("results") or [{}]
                last = results[-1]
                error = last.get("error") or next(iter(last.get("errors") or []), None)
                if error:
                    key = (PurePosixPath(spec.get("file") or file).as_posix(), " › ".join(describes))
                    found[(*key, str(spec.get("title", "")))] = _first_line(_plain(str(error.get("message", ""))))
        for child in suite.get("suites", []):
            walk(child, file, (*describes, str(child.get("title", ""))))

    for top in data.get("suites", []):
        walk(top, str(top.get("file") or top.get("title", "")), ())
    return found


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _plain(text: str) -> str:
    return _ANSI.sub("", text).removeprefix("Error: ")


def _playwright_outcome(status: str, expected_status: str) -> RunOutcome:
    if status == "skipped":
        return "skipped"
    if status == "expected":
        return "expected_failure" if expected_status == "failed" else "passed"
    if expected_status == "failed":
        return "unexpected_pass"
    return "failed"  # unexpected, or flaky within one run (retries)


# --- pytest -------------------------------------------------------------------------------


def _run_pytest(
    tests_dir: Path, scratch: Path, env: dict[str, str], timeout_s: float, only: str | None = None
) -> tuple[list[tuple[str, str, str, RunOutcome]], list[str], int, str, _Failures]:
    junit = scratch / "report.xml"
    target = f"{tests_dir}/{only}" if only else str(tests_dir)
    command = [sys.executable, "-m", "pytest", target, f"--junitxml={junit}", "-p", "no:cacheprovider", "-q"]
    code, output = _execute(command, tests_dir, env, timeout_s)
    if not junit.is_file():
        raise EnvironmentProblem(
            f"pytest wrote no JUnit report (exit status {code}); its last lines:", *_tail(output).splitlines()
        )
    text = junit.read_text(encoding="utf-8")
    tests = parse_junit_xml(text)
    errors = [] if code in (0, 1) else [f"pytest exited with status {code}", *_tail(output, 10).splitlines()]
    return tests, errors, code, output, junit_failures(text)


def parse_junit_xml(text: str) -> list[tuple[str, str, str, RunOutcome]]:
    """(file, "", test name, outcome) for every testcase of a pytest JUnit report."""
    root = ElementTree.fromstring(text)  # noqa: S314 - pytest's own report of our own run
    found: dict[tuple[str, str], RunOutcome] = {}
    rank: dict[RunOutcome, int] = {"passed": 0, "skipped": 1, "expected_failure": 2, "unexpected_pass": 3, "failed": 4}
    for case in root.iter("testcase"):
        module = (case.get("classname") or "").rsplit(".", 1)[-1]
        key = (f"{module}.py" if module else "", case.get("name") or "")
        outcome = _junit_outcome(case)
        if key not in found or rank[outcome] > rank[found[key]]:  # setup/teardown errors repeat a case
            found[key] = outcome
    return [(file, "", name, outcome) for (file, name), outcome in found.items()]


def junit_failures(text: str) -> _Failures:
    """The first line of each failed or erroring testcase's message, keyed as `parse_junit_xml`."""
    found: _Failures = {}
    for case in ElementTree.fromstring(text).iter("testcase"):  # noqa: S314 - pytest's own report
        problem = case.find("failure")
        problem = problem if problem is not None else case.find("error")
        if problem is not None:
            module = (case.get("classname") or "").rsplit(".", 1)[-1]
            message = problem.get("message") or problem.text or problem.tag
            found.setdefault((f"{module}.py" if module else "", "", case.get("name") or ""), _first_line(message))
    return found


def _junit_outcome(case: ElementTree.Element) -> RunOutcome:
    failure = case.find("failure")
    if failure is not None:
        message = failure.get("message") or ""
        return "unexpected_pass" if message.startswith("[XPASS(strict)]") else "failed"
    if case.find("error") is not None:
        return "failed"
    skipped = case.find("skipped")
    if skipped is not None:
        return "expected_failure" if skipped.get("type") == "pytest.xfail" else "skipped"
    return "passed"


# --- combining runs -----------------------------------------------------------------------


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else text


def _combine(
    runner: Literal["playwright", "pytest"],
    command: str,
    per_run: list[tuple[list[tuple[str, str, str, RunOutcome]], list[str], int, str]],
    failures: Sequence[_Failures] = (),
) -> SuiteRun:
    results: dict[tuple[str, str, str], list[RunOutcome]] = {}
    messages: dict[tuple[str, str, str], list[str]] = {}
    for number, (tests, _errors, _code, _output) in enumerate(per_run):
        failed = failures[number] if number < len(failures) else {}
        for file, describe, title, outcome in tests:
            key = (file, describe, title)
            slot, said = results.setdefault(key, []), messages.setdefault(key, [])
            missing = number - len(slot)  # missing in an earlier run: it did not run
            slot.extend(["failed"] * missing)
            said.extend(["did not run"] * missing)
            slot.append(outcome)
            said.append("" if outcome in _OK else failed.get(key) or _WHY[outcome])
    for key, slot in results.items():
        missing = len(per_run) - len(slot)
        slot.extend(["failed"] * missing)
        messages[key].extend(["did not run"] * missing)
    outcomes = tuple(
        TestOutcome(file=file, describe=describe, title=title, results=tuple(slot), errors=tuple(messages[key]))
        for key, slot in sorted(results.items())
        for file, describe, title in [key]
    )
    statuses = [outcome.status for outcome in outcomes]
    codes = [code for _tests, _errors, code, _output in per_run]
    errors: list[str] = []
    for _tests, run_errors, _code, _output in per_run:
        errors.extend(error for error in run_errors if error not in errors)
    result = RunnerResult(
        runner=runner,
        command=command + (f" (×{len(per_run)})" if len(per_run) > 1 else ""),
        passed=statuses.count("passed"),
        failed=statuses.count("failed"),
        flaky=statuses.count("flaky"),
        expected_failures=statuses.count("expected_failure"),
        exit_code=next((code for code in codes if code != 0), 0),
    )
    return SuiteRun(result=result, tests=outcomes, errors=tuple(errors), output=per_run[-1][3])


def apply_runs(report: RunReport, run: SuiteRun) -> RunReport:
    """The report reconciled with the runs of the emitted suite: a test that was not as expected in
    some run is never "passed".

    As expected in some runs only: `flaky`; in none (or it never ran): `suite_failed`. Either way
    `run_errors` holds the runner's first error line for each run that was not as expected, so
    the report says what the runner saw, not only what verification saw.
    """
    by_test = {(outcome.file, outcome.title): outcome for outcome in run.tests}
    scenarios = []
    for scenario in report.scenarios:
        if not scenario.test_file or not scenario.test_title:
            scenarios.append(scenario)
            continue
        outcome = by_test.get((PurePosixPath(scenario.test_file).name, scenario.test_title))
        if outcome is None:
            why = list(run.errors[:3]) or ["the runner did not report it"]
            scenarios.append(
                scenario.model_copy(
                    update={
                        "status": "suite_failed",
                        "runs": [],
                        "run_errors": why,
                        "message": _join(scenario.message, "its emitted test did not run"),
                    }
                )
            )
            continue
        update: dict[str, Any] = {"runs": outcome.ok_runs}
        failed = [error for ok, error in zip(outcome.ok_runs, outcome.errors, strict=False) if not ok]
        if failed:
            update["run_errors"] = failed
        total = len(outcome.results)
        if outcome.status == "flaky":
            update["status"] = "flaky"
            update["message"] = _join(
                scenario.message, f"its test was as expected in {sum(outcome.ok_runs)} of {total} runs"
            )
        elif outcome.status in ("failed", "skipped"):
            update["status"] = "suite_failed"
            update["message"] = _join(
                scenario.message, f"its emitted test was not as expected in any of {total} run(s)"
            )
        scenarios.append(scenario.model_copy(update=update))
    status_of = {scenario.scenario_id: scenario.status for scenario in scenarios}
    rows = [
        row.model_copy(update={"status": worst([status_of.get(sid, row.status) for sid in row.scenario_ids])})
        if row.scenario_ids
        else row
        for row in report.requirements
    ]
    return report.model_copy(update={"scenarios": scenarios, "requirements": rows, "runner": run.result})


def _join(first: str, second: str) -> str:
    return f"{first}; {second}" if first else second
