"""[app] reset and `{unique}` in the emitted suites: the code as written, and that it parses."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from specwalk.browser.reset import Reset
from specwalk.emit.layout import SuiteSettings, assign_tests
from specwalk.emit.locators import py_text, ts_text
from specwalk.emit.playwright_ts import emit_typescript, url_regex
from specwalk.emit.pytest_py import emit_python
from specwalk.errors import EnvironmentProblem
from specwalk.models.locator import single
from specwalk.models.report import RequirementRow, RunReport

from .groceries import act, check, goto, scenario, step

SETTINGS = SuiteSettings(
    base_url="http://127.0.0.1:8000/",
    app_command="python3 server.py 8000",
    app_cwd="..",
    reset_command="curl -fsS -X POST http://127.0.0.1:8000/api/reset",
)


def signup_report() -> RunReport:
    name, welcome = "newbie-{unique}", "Welcome, newbie-{unique}!"
    steps = [
        step(0, 3, 'Given I open the "/" page', goto("/")),
        step(1, 4, f'When I fill in "Member name" with "{name}"', act("fill", single("label", "Member name"), name)),
        step(2, 5, f'Then I should see "{welcome}"', check("visible", single("text", welcome))),
        step(3, 6, f'And the URL should be "/members/{name}"', check("url", value=f"/members/{name}")),
    ]
    joined = scenario("club/join", "Join with a fresh name", 2, "passed", steps)
    row = RequirementRow(
        requirement_id=joined.requirement_id,
        title=joined.name,
        feature=joined.feature,
        source=joined.source,
        scenario_ids=[joined.scenario_id],
        status="passed",
    )
    report = RunReport(specwalk_version="t", project="club", requirements_files=["requirements.md"], locale="en",
                       requirements=[row], scenarios=[joined])  # fmt: skip
    return report


@pytest.mark.parametrize(
    ("value", "typescript", "python"),
    [
        ("plain", "'plain'", '"plain"'),
        ("newbie-{unique}", "`newbie-${unique}`", 'f"newbie-{unique}"'),
        ("it's `{a}` ${x} {unique}", "`it's \\`{a}\\` \\${x} ${unique}`", 'f"it\'s `{{a}}` ${{x}} {unique}"'),
    ],
)
def test_values_with_unique_become_template_literals_and_f_strings(value: str, typescript: str, python: str) -> None:
    assert ts_text(value) == typescript
    assert py_text(value) == python
    unique = "k3x9"
    assert eval(python) == value.replace("{unique}", unique)


def test_a_url_with_unique_is_a_regexp_built_at_run_time() -> None:
    assert url_regex("/members/newbie-{unique}") == "new RegExp(`\\\\/members\\\\/newbie-${unique}(?:[?#].*)?$`)"
    assert url_regex("/members") == "/\\/members(?:[?#].*)?$/"


def test_typescript_suite_resets_before_each_test_and_makes_unique_per_run(tmp_path: Path) -> None:
    files = emit_typescript(assign_tests(signup_report(), "typescript", "e2e"), SETTINGS)
    spec = files["groceries.spec.ts"]
    assert "import { test, expect } from './fixtures';" in spec
    assert "const unique = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);" in spec
    assert "await page.getByLabel('Member name').fill(`newbie-${unique}`);" in spec
    assert "await expect(page.getByText(`Welcome, newbie-${unique}!`)).toBeVisible();" in spec
    fixtures = files["fixtures.ts"]
    assert "const RESET = 'curl -fsS -X POST http://127.0.0.1:8000/api/reset';" in fixtures
    assert "const cwd = path.resolve(testInfo.project.testDir, APP_DIR);" in fixtures
    assert "execSync(RESET, { cwd, stdio: 'pipe' });" in fixtures
    assert "{ auto: true }" in fixtures and "specwalkSetup" not in fixtures
    assert "  workers: 1," in files["playwright.config.ts"]
    # Node itself parses the spec's unique line and template literals.
    js = tmp_path / "check.mjs"
    body = [line for line in spec.splitlines() if "unique" in line and "await" not in line]
    js.write_text("\n".join([*body, "console.log(`newbie-${unique}`);"]) + "\n", encoding="utf-8")
    printed = subprocess.run(["node", str(js)], capture_output=True, text=True, check=True).stdout
    assert printed.startswith("newbie-") and len(printed.strip()) > len("newbie-")


def test_python_suite_resets_before_each_test_and_makes_unique_per_run() -> None:
    files = emit_python(assign_tests(signup_report(), "python", "e2e"), SETTINGS)
    module = files["test_groceries.py"]
    assert "import re\nimport secrets\n" in module
    assert "    unique = secrets.token_hex(4)  # fresh per run" in module
    assert 'page.get_by_label("Member name").fill(f"newbie-{unique}")' in module
    assert 'expect(page).to_have_url(re.compile(re.escape(f"/members/newbie-{unique}") + r"(?:[?#].*)?$"))' in module
    conftest = files["conftest.py"]
    assert 'RESET_COMMAND = "curl -fsS -X POST http://127.0.0.1:8000/api/reset"' in conftest
    assert "def specwalk_reset(specwalk_base_url: str) -> None:" in conftest
    for text in (module, conftest):
        ast.parse(text)


def test_without_reset_or_unique_nothing_changes() -> None:
    plain = SuiteSettings(base_url="http://127.0.0.1:8000/")
    report = signup_report()
    steps = [s for s in report.scenarios[0].steps if "{unique}" not in s.model_dump_json()]
    report = report.model_copy(update={"scenarios": [report.scenarios[0].model_copy(update={"steps": steps})]})
    files = emit_typescript(assign_tests(report, "typescript", "e2e"), plain)
    assert "fixtures.ts" not in files and "unique" not in files["groceries.spec.ts"]
    assert "workers" not in files["playwright.config.ts"]
    assert "RESET" not in emit_python(assign_tests(report, "python", "e2e"), plain)["conftest.py"]


def test_a_failing_reset_stops_with_its_output(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem) as failed:
        Reset("echo seeding; echo 'no such table: notices' >&2; exit 3", tmp_path)()
    assert failed.value.lines[0].endswith("exit 3` failed (exit status 3); its last lines:")
    assert "no such table: notices" in failed.value.lines
    Reset("true", tmp_path)()
