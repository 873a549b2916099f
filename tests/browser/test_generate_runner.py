"""The emitted suite's runner: installed on request before verifying, and a suite that cannot run
still leaves the report of what was verified (real npm, Chromium, app and runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.errors import ExitCode

PAGE = """<!doctype html>
<title>Notes</title>
<main>
  <h1>Notes</h1>
  <button type="button" id="save">Save</button>
  <p role="status" id="message"></p>
</main>
<script>
  document.getElementById('save').addEventListener('click', () => {
    document.getElementById('message').textContent = 'Saved';
  });
</script>
"""

REQUIREMENTS = """# Notes

## Save

- Given I open the "/" page, when I click "Save", then I should see "Saved".
"""


@pytest.fixture
def project(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "notes"
    root.mkdir()
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (root / "package.json").write_text('{"name": "notes", "private": true}\n', encoding="utf-8")
    (root / "specwalk.toml").write_text(
        '[project]\nframework = "html"\npackage_manager = "npm"\nrequirements = ["requirements.md"]\n'
        '[app]\ncommand = "python3 -m http.server {port} --bind 127.0.0.1"\nport = 5196\n'
        "[browser]\nworkers = 1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return root


def test_install_runner_adds_playwright_test_then_generates_and_runs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "-c", str(project / "specwalk.toml"), "--install-runner", "--runs", "1"]) == ExitCode.OK
    printed = capsys.readouterr()
    assert "runner: installing @playwright/test: npm install --save-dev @playwright/test@1." in printed.err
    assert (project / "node_modules" / "@playwright" / "test" / "package.json").is_file()
    assert "@playwright/test" in json.loads((project / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert "playwright: 1 passed, 0 failed, 0 flaky, 0 expected failures over 1 run(s)" in printed.out


def test_a_suite_that_cannot_run_still_leaves_the_report_of_what_was_verified(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A package that is there for the pre-check but has no runner in it: npx finds no `playwright`.
    broken = project / "node_modules" / "@playwright" / "test"
    broken.mkdir(parents=True)
    (broken / "package.json").write_text('{"name": "@playwright/test", "version": "0.0.0"}\n', encoding="utf-8")
    assert main(["generate", "-c", str(project / "specwalk.toml"), "--runs", "1"]) == ExitCode.ENVIRONMENT
    assert "the Playwright runner wrote no report" in capsys.readouterr().err
    report = json.loads((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))
    assert [scenario["status"] for scenario in report["scenarios"]] == ["passed"]
    assert report["errors"][0].startswith("the Playwright runner wrote no report")
    assert "the Playwright runner wrote no report" in (project / ".specwalk" / "report.html").read_text(
        encoding="utf-8"
    )
