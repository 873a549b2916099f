"""`specwalk generate` end to end on a small app: real index, plan, Chromium, emitted suite, runner.

The groceries app's requirements mix what works, an app defect (a message the app never shows)
and a target that does not exist, so every verdict is exercised.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.config import load_config
from specwalk.errors import ExitCode
from specwalk.verify.runner import run_suite

from ..conftest import EXAMPLES, REPO

FIXTURE = REPO / "tests" / "fixtures" / "generate" / "groceries"


@pytest.fixture
def project(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "groceries"
    shutil.copytree(FIXTURE, copy)
    # The app is the driver tests' groceries page, served as the project's index.html.
    shutil.copyfile(REPO / "tests" / "fixtures" / "pages" / "driver.html", copy / "index.html")
    modules = EXAMPLES / "notes-html" / "node_modules"
    if not (modules / "@playwright" / "test").is_dir():
        pytest.fail("examples/notes-html/node_modules is missing: run `make node`")
    (copy / "node_modules").symlink_to(modules)
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return copy


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        # Logs and screenshots are records of a run, not outputs that must repeat byte for byte.
        if path.is_file() and not {"node_modules", "cache", "logs"} & set(path.parts) and path.suffix != ".png"
    }


def test_generate_verifies_classifies_emits_and_runs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project / "specwalk.toml")
    assert main(["generate", "-c", config, "--runs", "1"]) == ExitCode.FAILURES
    printed = capsys.readouterr()
    assert "playwright: 4 passed, 0 failed, 0 flaky, 1 expected failures over 1 run(s)" in printed.out

    report = json.loads((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))
    status = {scenario["name"]: scenario for scenario in report["scenarios"]}
    assert status["Add an item with the button"]["status"] == "passed"
    assert status["Add an urgent item with Enter"]["status"] == "passed"

    defect = status["A blank item is refused with a message"]
    assert defect["status"] == "app_defect"
    failed = next(step for step in defect["steps"] if step["status"] == "failed")
    assert failed["source"] == {"file": "requirements.md", "line": 31}
    assert (project / ".specwalk" / failed["evidence"]["screenshot"]).stat().st_size > 1000

    missing = next(s for s in report["scenarios"] if "Checkout" in s["name"])
    assert missing["status"] == "not_grounded"
    assert "no element on the page matches 'Checkout'" in missing["message"]
    assert missing["test_file"] is None

    delete = next(s for s in report["scenarios"] if "Bread" in s["name"])
    assert delete["status"] == "passed"
    click = next(step for step in delete["steps"] if step["text"].startswith("when I click"))
    assert click["operations"][0]["locator"]["parts"][0] == {
        "kind": "role",
        "value": "",
        "role": "listitem",
        "exact": False,
        "prefix": False,
        "has_text": "Bread",
        "visible": False,
        "hidden": False,
        "nth": None,
    }
    assert click["evidence"]["element_id"].startswith("index.html:")
    checks = [step for step in status["Add an item with the button"]["steps"] if step["sensitivity"]]
    assert [step["sensitivity"] for step in checks] == ["sensitive", "sensitive", "sensitive"]

    spec = (project / "e2e-generated" / "add-items.spec.ts").read_text(encoding="utf-8")
    assert "await page.getByRole('button', { name: 'Add' }).click();" in spec
    assert "await expect(page.getByText('Please type an item first', { exact: true })).toBeVisible();" in spec
    assert "test.fail();" in spec
    assert "// add-items/add-an-item-with-the-button — requirements.md:12" in spec
    remove = (project / "e2e-generated" / "remove-items.spec.ts").read_text(encoding="utf-8")
    assert "Checkout" in remove.split("test.describe")[0]  # listed as not emitted, with its reason
    assert (project / ".specwalk" / "report.html").read_text(encoding="utf-8").count("app defect") >= 1


def test_generated_tests_fail_when_the_behaviour_breaks(project: Path, browser: BrowserInfo) -> None:
    assert main(["generate", "-c", str(project / "specwalk.toml"), "--runs", "0", "--quiet"]) == ExitCode.FAILURES
    page = project / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("document.getElementById('add').addEventListener('click', add);", ""),
        encoding="utf-8",
    )
    config = load_config(project / "specwalk.toml", env={})
    run = run_suite(
        "typescript", config.resolve(config.output.tests_dir), env=dict(os.environ), browser=browser.path, runs=1
    )
    outcomes = {test.title: test.status for test in run.tests}
    assert outcomes["Add an item with the button"] == "failed"
    assert outcomes["Add an urgent item with Enter"] == "passed"  # Enter still adds


def test_a_second_run_writes_byte_identical_files_whatever_the_number_of_browsers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["generate", "-c", str(project / "specwalk.toml"), "--runs", "1"]
    assert main([*args, "--workers", "1"]) == ExitCode.FAILURES
    assert "side by side" not in capsys.readouterr().err
    first = snapshot(project)
    assert main([*args, "--workers", "3"]) == ExitCode.FAILURES
    assert "verify: 3 browsers side by side" in capsys.readouterr().err
    assert snapshot(project) == first
