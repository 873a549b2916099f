"""[app] reset and `{unique}` on an app with a real API on SQLite (tests/fixtures/generate/signup):
a sign-up with a fresh name and a post that changes a count verify, the emitted suites (Playwright
Test and pytest) reset the database before each test, and generating twice writes identical files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.config import load_config
from specwalk.emit.output import emit_suite
from specwalk.errors import ExitCode
from specwalk.models.report import RunReport
from specwalk.pipeline import running_app
from specwalk.verify.runner import run_suite

from ..conftest import EXAMPLES, REPO
from .test_generate import snapshot

FIXTURE = REPO / "tests" / "fixtures" / "generate" / "signup"


@pytest.fixture
def project(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "signup"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns("club.sqlite", ".specwalk", "e2e-generated"))
    (copy / "node_modules").symlink_to(EXAMPLES / "notes-html" / "node_modules")
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return copy


def outputs(project: Path) -> dict[str, bytes]:
    """What generate writes (the app's own database file is not an output)."""
    return {path: data for path, data in snapshot(project).items() if path != "club.sqlite"}


def statuses(project: Path) -> dict[str, str]:
    report = json.loads((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))
    return {scenario["name"]: scenario["status"] for scenario in report["scenarios"]}


def test_reset_and_unique_verify_run_green_and_repeat_byte_for_byte(
    project: Path, browser: BrowserInfo, env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(project / "specwalk.toml")
    assert main(["generate", "-c", config, "--runs", "1"]) == ExitCode.OK
    printed = capsys.readouterr()
    assert "[app] reset (`python3 server.py --reset`) before each scenario" in printed.err
    assert "playwright: 4 passed, 0 failed, 0 flaky, 0 expected failures over 1 run(s)" in printed.out
    assert set(statuses(project).values()) == {"passed"}
    spec = (project / "e2e-generated" / "joining.spec.ts").read_text(encoding="utf-8")
    assert "const unique = Date.now().toString(36)" in spec
    assert ".fill(`newbie-${unique}`)" in spec and "getByText(`Welcome, newbie-${unique}!`" in spec
    fixtures = (project / "e2e-generated" / "fixtures.ts").read_text(encoding="utf-8")
    assert "const RESET = 'python3 server.py --reset';" in fixtures and "{ auto: true }" in fixtures
    assert "workers: 1," in (project / "e2e-generated" / "playwright.config.ts").read_text(encoding="utf-8")
    first = outputs(project)

    # The database now holds what the runs wrote; the reset puts the seed back every time.
    assert main(["generate", "-c", config, "--runs", "1"]) == ExitCode.OK
    assert outputs(project) == first

    # The same report as a pytest suite, run twice against one app: each test starts from the seed
    # again (the notice count would grow otherwise) and signs up a member of its own.
    report = RunReport.model_validate_json((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))
    config = load_config(project / "specwalk.toml", env={}, overrides={"output": {"tests_dir": "e2e-python"}})
    emit_suite(report, config, "python")
    conftest = (project / "e2e-python" / "conftest.py").read_text(encoding="utf-8")
    assert 'RESET_COMMAND = "python3 server.py --reset"' in conftest and "@pytest.fixture(autouse=True)" in conftest
    module = (project / "e2e-python" / "test_joining.py").read_text(encoding="utf-8")
    assert "unique = secrets.token_hex(4)" in module and '.fill(f"newbie-{unique}")' in module
    with running_app(config) as app:
        run = run_suite("python", project / "e2e-python", env=env, base_url=app.base_url, browser=browser.path, runs=2)
    assert [test.status for test in run.tests] == ["passed"] * 4, run.output
