"""Emitted suites, executed by their real runners against a real page in real Chromium.

The same hand-built report is emitted as Playwright Test (TypeScript) and as pytest; both must
pass against the groceries page, and fail (the broken scenario, and the app-defect test that
suddenly passes) against a mutated copy. Flakiness is detected across repeated runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.emit.files import write_files
from specwalk.emit.layout import SuiteSettings, assign_tests
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.models.locator import single
from specwalk.models.report import RequirementRow, RunnerResult, RunReport
from specwalk.verify.runner import SuiteRun, apply_runs, run_suite

from ..conftest import EXAMPLES
from ..unit.emit.groceries import check, goto, groceries_report, ref, scenario, step
from .conftest import QuietHandler, serve_directory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NODE_MODULES = EXAMPLES / "notes-html" / "node_modules"
ADD_HANDLER = "document.getElementById('add').addEventListener('click', add);"
ARCHIVE = '<button type="button" disabled>Archive</button>'


def _site(directory: Path, *, broken: bool) -> Path:
    directory.mkdir()
    page = (FIXTURES / "pages" / "driver.html").read_text(encoding="utf-8")
    if broken:  # the Add button does nothing, and the Archive defect is fixed
        assert ADD_HANDLER in page and ARCHIVE in page
        page = page.replace(ADD_HANDLER, "").replace(ARCHIVE, '<button type="button">Archive</button>')
    (directory / "driver.html").write_text(page, encoding="utf-8")
    shutil.copy(FIXTURES / "emit" / "account.html", directory / "account.html")
    return directory


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("site") / "good", broken=False)


@pytest.fixture(scope="module")
def site(site_dir: Path) -> Iterator[str]:
    yield from serve_directory(site_dir)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_directory(_site(tmp_path_factory.mktemp("site") / "broken", broken=True))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _project(tmp_path: Path, site_dir: Path) -> tuple[Path, Path, SuiteSettings]:
    """A project whose suite starts the site itself (webServer / conftest) on a free port."""
    root = tmp_path / "project"
    root.mkdir()
    if not (NODE_MODULES / "@playwright" / "test").is_dir():
        pytest.fail(f"{NODE_MODULES} is missing @playwright/test: run `make node`")
    (root / "node_modules").symlink_to(NODE_MODULES)
    tests_dir = root / "e2e-generated"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    settings = SuiteSettings(
        base_url=url,
        app_command=f"python3 -m http.server {port} --bind 127.0.0.1",
        ready_url=url + "driver.html",
        app_cwd=os.path.relpath(site_dir, tests_dir),
        start_timeout_s=30,
    )
    return root, tests_dir, settings


def _statuses(run: SuiteRun) -> dict[tuple[str, str], str]:
    return {(test.file, test.title): test.status for test in run.tests}


def test_typescript_suite_passes_then_fails_against_a_broken_app(
    tmp_path: Path, browser: BrowserInfo, site_dir: Path, broken_site: str
) -> None:
    root, tests_dir, settings = _project(tmp_path, site_dir)
    write_files(tests_dir, emit_typescript(groceries_report(), settings))

    # No SPECWALK_BASE_URL: the emitted config's webServer starts the app from specwalk.toml.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    good = run_suite("typescript", tests_dir, env=env, browser=browser.path, display_root=root)
    assert good.errors == (), good.output
    assert _statuses(good) == {
        ("account.spec.ts", "The account shows who is signed in"): "passed",
        ("auth.setup.ts", "account"): "passed",
        ("groceries.spec.ts", "Add an item"): "passed",
        ("groceries.spec.ts", "Archive the list"): "expected_failure",
        ("groceries.spec.ts", "Delete an item"): "passed",
        ("groceries.spec.ts", "Keys, focus and history"): "passed",
        ("groceries.spec.ts", "Urgent item from the market"): "passed",
    }, good.output
    assert good.result == RunnerResult(
        runner="playwright",
        command="npx playwright test -c e2e-generated/playwright.config.ts --reporter=json",
        passed=6,
        failed=0,
        flaky=0,
        expected_failures=1,
        exit_code=0,
    )
    assert {t.describe for t in good.tests if t.file == "groceries.spec.ts"} == {"Groceries"}

    bad = run_suite("typescript", tests_dir, env=env, base_url=broken_site, browser=browser.path, display_root=root)
    assert _statuses(bad) == {
        ("account.spec.ts", "The account shows who is signed in"): "passed",
        ("auth.setup.ts", "account"): "passed",
        ("groceries.spec.ts", "Add an item"): "failed",
        ("groceries.spec.ts", "Archive the list"): "failed",  # the defect is fixed: test.fail() passes
        ("groceries.spec.ts", "Delete an item"): "passed",
        ("groceries.spec.ts", "Keys, focus and history"): "failed",  # it checks that Archive is disabled
        ("groceries.spec.ts", "Urgent item from the market"): "passed",
    }, bad.output
    assert [t.results for t in bad.tests if t.title == "Archive the list"] == [("unexpected_pass",)]
    assert (bad.result.passed, bad.result.failed, bad.result.expected_failures) == (4, 3, 0)
    assert bad.result.exit_code == 1


def test_python_suite_passes_then_fails_against_a_broken_app(
    tmp_path: Path, browser: BrowserInfo, site_dir: Path, broken_site: str
) -> None:
    root, tests_dir, settings = _project(tmp_path, site_dir)
    report = assign_tests(groceries_report(), "python", "e2e-generated")
    write_files(tests_dir, emit_python(report, settings))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    good = run_suite("python", tests_dir, env=env, browser=browser.path, display_root=root)
    assert _statuses(good) == {
        ("test_account.py", "test_the_account_shows_who_is_signed_in"): "passed",
        ("test_groceries.py", "test_add_an_item"): "passed",
        ("test_groceries.py", "test_archive_the_list"): "expected_failure",
        ("test_groceries.py", "test_delete_an_item"): "passed",
        ("test_groceries.py", "test_keys_focus_and_history"): "passed",
        ("test_groceries.py", "test_urgent_item_from_the_market"): "passed",
    }, good.output
    assert good.result == RunnerResult(
        runner="pytest",
        command="python -m pytest e2e-generated --junitxml=report.xml",
        passed=5,
        failed=0,
        flaky=0,
        expected_failures=1,
        exit_code=0,
    )
    applied = apply_runs(report, good)
    assert {s.scenario_id: s.runs for s in applied.scenarios if s.runs} == {
        "account/signed-in": [True],
        "groceries/add-an-item": [True],
        "groceries/archive-the-list": [True],
        "groceries/delete-an-item": [True],
        "groceries/keys-and-history": [True],
        "groceries/urgent-item-from-the-market": [True],
    }

    bad = run_suite("python", tests_dir, env=env, base_url=broken_site, browser=browser.path, display_root=root)
    assert _statuses(bad) == {
        ("test_account.py", "test_the_account_shows_who_is_signed_in"): "passed",
        ("test_groceries.py", "test_add_an_item"): "failed",
        ("test_groceries.py", "test_archive_the_list"): "failed",  # strict xfail: XPASS fails
        ("test_groceries.py", "test_delete_an_item"): "passed",
        ("test_groceries.py", "test_keys_focus_and_history"): "failed",  # it checks that Archive is disabled
        ("test_groceries.py", "test_urgent_item_from_the_market"): "passed",
    }, bad.output
    assert [t.results for t in bad.tests if t.title == "test_archive_the_list"] == [("unexpected_pass",)]
    assert (bad.result.passed, bad.result.failed, bad.result.exit_code) == (3, 3, 1)


class _Flip(QuietHandler):
    """Serves flip.html saying "ok" on odd requests and "no" on even ones."""

    hits = 0
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - http.server calls it by this name
        if self.path != "/flip.html":
            self.send_error(404)
            return
        with _Flip.lock:
            _Flip.hits += 1
            word = "ok" if _Flip.hits % 2 else "no"
        body = f'<!doctype html><title>Flip</title><p id="v">{word}</p>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_repeated_runs_mark_an_unstable_test_flaky(tmp_path: Path, browser: BrowserInfo) -> None:
    flip = scenario(
        "flip",
        "The flip says ok",
        5,
        "passed",
        [
            step(0, 6, "Given I open the flip page", goto("flip.html")),
            step(1, 7, 'Then I see "ok"', check("text", single("css", "#v"), "ok")),
        ],
    )
    report = RunReport(
        specwalk_version="0.1.0",
        project="flip",
        requirements_files=["requirements.md"],
        locale="en",
        requirements=[
            RequirementRow(
                requirement_id="groceries/flip",
                title="Flip",
                feature="Groceries",
                source=ref(5),
                scenario_ids=["groceries/flip"],
                status="passed",
            )
        ],
        scenarios=[flip],
    )
    report = assign_tests(report, "python", "tests")
    tests_dir = tmp_path / "tests"
    write_files(tests_dir, emit_python(report, SuiteSettings(base_url="http://127.0.0.1:9/")))
    _Flip.hits = 0
    for url in serve_directory(tmp_path, _Flip):
        run = run_suite("python", tests_dir, env=dict(os.environ), base_url=url, browser=browser.path, runs=2)
    assert [(t.title, t.results, t.status) for t in run.tests] == [
        ("test_the_flip_says_ok", ("passed", "failed"), "flaky")
    ]
    assert (run.result.passed, run.result.failed, run.result.flaky) == (0, 0, 1)
    applied = apply_runs(report, run)
    assert applied.scenarios[0].status == "flaky"
    assert applied.scenarios[0].runs == [True, False]
    assert applied.requirements[0].status == "flaky"
    assert applied.runner == run.result
