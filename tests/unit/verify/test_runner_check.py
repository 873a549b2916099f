"""`generate` finds out before verifying whether the emitted suite can run, and keeps no stale report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specwalk.cli import main
from specwalk.errors import ExitCode
from specwalk.verify.runner import find_playwright_test, missing_runner

REQUIREMENTS = """# Notes

## Add a note

- Given I open the "/" page, when I click "Add", then I should see "Saved".
"""


def project(root: Path, requirements: str = REQUIREMENTS, package_manager: str = "npm") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text("<!doctype html><button>Add</button><p hidden>Saved</p>", encoding="utf-8")
    (root / "requirements.md").write_text(requirements, encoding="utf-8")
    (root / "specwalk.toml").write_text(
        "[project]\n"
        'framework = "html"\n'
        f'package_manager = "{package_manager}"\n'
        'requirements = ["requirements.md"]\n'
        "[app]\n"
        'command = "python3 -m http.server {port} --bind 127.0.0.1"\n',
        encoding="utf-8",
    )
    return root


def stale_reports(root: Path) -> list[Path]:
    reports = [root / ".specwalk" / "report.json", root / ".specwalk" / "report.html"]
    reports[0].parent.mkdir(parents=True, exist_ok=True)
    for path in reports:
        path.write_text("from an earlier run", encoding="utf-8")
    return reports


def test_playwright_test_is_found_from_the_tests_folder_up(tmp_path: Path) -> None:
    package = tmp_path / "node_modules" / "@playwright" / "test"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": "1.65.1"}), encoding="utf-8")
    assert find_playwright_test(tmp_path / "e2e-generated") == ("1.65.1", package)
    assert (
        missing_runner("typescript", tmp_path / "e2e-generated", root=tmp_path, package_manager="npm", env={}) is None
    )


@pytest.mark.parametrize(
    ("package_manager", "command"),
    [("npm", "npm install --save-dev"), ("pnpm", "pnpm add --save-dev"), ("yarn", "yarn add --dev")],
)
def test_a_project_without_playwright_test_gets_its_package_managers_command(
    tmp_path: Path, package_manager: str, command: str, env: dict[str, str]
) -> None:
    missing = missing_runner("typescript", tmp_path / "e2e", root=tmp_path, package_manager=package_manager, env=env)
    assert missing is not None and missing.where == tmp_path
    assert missing.command.startswith(f"{command} @playwright/test@1.")
    assert "@playwright/test" in missing.what


def test_the_python_suite_needs_pytest_and_playwright_which_are_here(tmp_path: Path, env: dict[str, str]) -> None:
    assert missing_runner("python", tmp_path, root=tmp_path, package_manager="none", env=env) is None


def test_without_playwright_test_generate_fails_before_verifying_with_the_install_command_and_no_stale_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "app")
    reports = stale_reports(root)
    assert main(["generate", "-c", str(root / "specwalk.toml")]) == ExitCode.ENVIRONMENT
    err = capsys.readouterr().err
    assert "the emitted Playwright Test suite could not run: this project lacks @playwright/test" in err
    assert "npm install --save-dev @playwright/test@1." in err and "--install-runner" in err and "--runs 0" in err
    assert "scenario 1/1" not in err and "waiting for the app" not in err  # no app started, nothing verified
    assert not any(path.exists() for path in reports)


def test_a_run_that_plans_nothing_exits_non_zero_and_reports_the_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "app", "# Notes\n\n## Add a note\n\n- Notes are lovely and everybody adores them.\n")
    reports = stale_reports(root)
    assert main(["generate", "-c", str(root / "specwalk.toml"), "--runs", "0"]) == ExitCode.FAILURES
    out = capsys.readouterr().out
    assert "scenarios: none; 1 line(s) not planned" in out
    assert "requirements.md:5" in out
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    assert report["scenarios"] == [] and report["unplanned"][0]["source"]["line"] == 5
