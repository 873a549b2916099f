"""The emitted files as a whole: layout, comments, defects, skipped scenarios, setup, config."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

from specwalk.config import build_config
from specwalk.emit.layout import SuiteSettings, assign_tests, suite_settings
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.models.locator import single
from specwalk.models.report import RunReport

from .groceries import check, goto, groceries_report, scenario, step

SETTINGS = SuiteSettings(
    base_url="http://127.0.0.1:5175/",
    app_command="python3 -m http.server 5175 --bind 127.0.0.1",
    ready_url="http://127.0.0.1:5175/",
    app_cwd="..",
)
SKIPPED_TS = [
    "// Not emitted as tests (fix the requirement or the app, then run `specwalk generate` again):",
    '//   groceries/share-the-list — requirements.md:70 — not grounded: requirements.md:72: When I click "Share" '
    '(no element is named "Share")',
    "//   groceries/print-the-list — requirements.md:80 — not planned: some of its lines could not be planned "
    "(see unplanned)",
]


def _tests_with_comment(text: str, keyword: str) -> list[tuple[str, str]]:
    """(comment line, test line) for every test; the comment is the line right before it."""
    lines = text.splitlines()
    return [(lines[n - 1].strip(), line.strip()) for n, line in enumerate(lines) if line.strip().startswith(keyword)]


def test_typescript_files_and_spec_layout() -> None:
    files = emit_typescript(groceries_report(), SETTINGS)
    assert list(files) == [
        ".gitignore",
        "account.spec.ts",
        "auth.setup.ts",
        "fixtures.ts",
        "groceries.spec.ts",
        "playwright.config.ts",
    ]
    spec = files["groceries.spec.ts"]
    assert "import { test, expect } from '@playwright/test';" in spec.splitlines()  # no shared setup here
    assert [line for line in spec.splitlines() if line.startswith("//   ") or "Not emitted" in line] == SKIPPED_TS
    assert spec.count("test.describe('Groceries', () => {") == 1
    assert _tests_with_comment(spec, "test('") == [
        ("// groceries/add-an-item — requirements.md:10", "test('Add an item', async ({ page }) => {"),
        (
            "// groceries/urgent-item-from-the-market — requirements.md:20",
            "test('Urgent item from the market', async ({ page }) => {",
        ),
        ("// groceries/delete-an-item — requirements.md:30", "test('Delete an item', async ({ page }) => {"),
        ("// groceries/keys-and-history — requirements.md:40", "test('Keys, focus and history', async ({ page }) => {"),
        ("// groceries/archive-the-list — requirements.md:60", "test('Archive the list', async ({ page }) => {"),
    ]
    assert "Share the list" not in spec.split("test.describe")[1]
    defect = spec.split("test('Archive the list'")[1].splitlines()
    assert [line.strip() for line in defect[1:3]] == [
        '// specwalk: app defect — requirements.md:62: Then "Archive" is enabled — expected enabled, seen disabled',
        "test.fail();",
    ]
    weak = spec.splitlines().index("    // specwalk: weak assertion — the heading is there before any action")
    assert spec.splitlines()[weak + 1] == (
        "    await expect(page.getByRole('heading', { name: 'Groceries' })).toBeVisible();"
    )
    assert spec.splitlines()[weak - 1] == '    // Then I see the "Groceries" heading — requirements.md:32'
    assert "    // specwalk: no code for this step (not run during verification)" in spec.splitlines()


def test_typescript_setup_project_with_storage_state() -> None:
    files = emit_typescript(groceries_report(shared_setup=True), SETTINGS)
    config = files["playwright.config.ts"].splitlines()
    assert [line.strip() for line in config[config.index("  projects: [") : config.index("  projects: [") + 4]] == [
        "projects: [",
        "{ name: 'setup', testMatch: /auth\\.setup\\.ts$/ },",
        "{ name: 'chromium', testMatch: /\\.spec\\.ts$/, dependencies: ['setup'] },",
        "],",
    ]
    setup = files["auth.setup.ts"].splitlines()
    body = setup[setup.index("setup('account', async ({ page }) => {") + 1 : -1]
    assert body == [
        "  await page.goto('account.html');",
        "  await page.getByLabel('Name').fill('Ada');",
        "  await page.getByRole('button', { name: 'Sign in' }).click();",
        "  await expect(page.getByRole('status')).toHaveText('Signed in as Ada');",
        "  const state = path.join(setup.info().project.testDir, '.auth', 'account.json');",
        "  await page.context().storageState({ path: state });",
    ]
    assert "specwalkSetup: ['', { option: true }]," in files["fixtures.ts"]
    account = files["account.spec.ts"].splitlines()
    assert "import { test, expect } from './fixtures';" in account
    assert "  test.use({ specwalkSetup: 'account' });" in account
    # The shared steps are named in a comment, not run again in the test.
    assert '    //   Given I am signed in as "Ada" — requirements.md:87' in account
    assert sum("getByLabel('Name')" in line for line in account) == 0
    groceries = files["groceries.spec.ts"]
    assert "specwalkSetup" not in groceries
    assert "import { test, expect } from '@playwright/test';" in groceries


def test_typescript_without_a_shared_setup_keeps_the_steps_in_the_test() -> None:
    files = emit_typescript(groceries_report(shared_setup=False), SETTINGS)
    assert list(files) == [".gitignore", "account.spec.ts", "groceries.spec.ts", "playwright.config.ts"]
    account = files["account.spec.ts"]
    assert "import { test, expect } from '@playwright/test';" in account.splitlines()
    assert "    await page.getByLabel('Name').fill('Ada');" in account.splitlines()
    assert "projects:" not in files["playwright.config.ts"]


def test_typescript_mixed_describe_scopes_the_setup_to_its_tests() -> None:
    report = groceries_report()
    plain = scenario("plain", "A plain account test", 95, "passed", [step(0, 96, "Given I open", goto("account.html"))])
    plain = plain.model_copy(
        update={"feature": "Account", "scenario_id": "account/plain", "requirement_id": "account/plain"}
    )
    spec = emit_typescript(report.model_copy(update={"scenarios": [*report.scenarios, plain]}), SETTINGS)[
        "account.spec.ts"
    ].splitlines()
    inner = spec.index("  test.describe(() => {")
    assert spec[inner + 1] == "    test.use({ specwalkSetup: 'account' });"
    assert "  test('A plain account test', async ({ page }) => {" in spec


def test_typescript_config_web_server_and_environment() -> None:
    config = emit_typescript(groceries_report(), SETTINGS)["playwright.config.ts"]
    assert "const baseURL = process.env.SPECWALK_BASE_URL || 'http://127.0.0.1:5175/';" in config
    assert "const executablePath = process.env.SPECWALK_BROWSER || undefined;" in config
    assert "'--no-sandbox', '--disable-gpu'" in config
    server = config[config.index("  webServer:") :].splitlines()
    assert server[:10] == [
        "  webServer: process.env.SPECWALK_BASE_URL",
        "    ? undefined",
        "    : {",
        "        command: 'python3 -m http.server 5175 --bind 127.0.0.1',",
        "        cwd: '..',",
        "        url: 'http://127.0.0.1:5175/',",
        "        reuseExistingServer: true,",
        "        timeout: 60000,",
        "      },",
        "});",
    ]
    bare = emit_typescript(groceries_report(), SuiteSettings(base_url="http://localhost:3000/"))["playwright.config.ts"]
    assert "webServer" not in bare
    assert "// No app.command in specwalk.toml: start the app yourself or set SPECWALK_BASE_URL." in bare


def test_suite_settings_come_from_specwalk_toml(tmp_path: Path) -> None:
    config = build_config(
        {
            "app": {"command": "npm run dev -- --port {port}", "port": 5199, "ready_url": "http://127.0.0.1:{port}/ok"},
            "output": {"tests_dir": "tests/e2e"},
        },
        root=tmp_path,
    )
    assert suite_settings(config) == SuiteSettings(
        base_url="http://127.0.0.1:5199/",
        app_command="npm run dev -- --port 5199",
        ready_url="http://127.0.0.1:5199/ok",
        app_cwd="../..",
        start_timeout_s=60.0,
    )


def test_python_files_compile_lint_clean_and_mark_defects() -> None:
    files = emit_python(groceries_report(), SETTINGS)
    assert list(files) == ["conftest.py", "test_account.py", "test_groceries.py"]
    for name, text in files.items():
        compile(text, name, "exec")
    module = files["test_groceries.py"]
    assert _tests_with_comment(module, "def test_") == [
        ("# groceries/add-an-item — requirements.md:10", "def test_add_an_item(page: Page) -> None:"),
        (
            "# groceries/urgent-item-from-the-market — requirements.md:20",
            "def test_urgent_item_from_the_market(page: Page) -> None:",
        ),
        ("# groceries/delete-an-item — requirements.md:30", "def test_delete_an_item(page: Page) -> None:"),
        ("# groceries/keys-and-history — requirements.md:40", "def test_keys_focus_and_history(page: Page) -> None:"),
        (
            '@pytest.mark.xfail(strict=True, reason="app defect — requirements.md:62: Then \\"Archive\\" is enabled — '
            'expected enabled, seen disabled")',
            "def test_archive_the_list(page: Page) -> None:",
        ),
    ]
    assert [line for line in module.splitlines() if line.startswith("#   ")] == [
        line.replace("//", "#", 1) for line in SKIPPED_TS[1:]
    ]
    assert "    # specwalk: weak assertion — the heading is there before any action" in module.splitlines()


def test_python_files_pass_ruff(tmp_path: Path) -> None:
    for name, text in emit_python(groceries_report(), SETTINGS).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E9,F", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_conftest_setup_variants() -> None:
    files = emit_python(groceries_report(shared_setup=True), SETTINGS)
    shared = files["conftest.py"]
    assert "def _setup_0(page: Page) -> None:" in shared
    assert 'SETUPS = {"account": _setup_0}' in shared
    assert 'marker = request.node.get_closest_marker("specwalk_setup")' in shared
    assert '@pytest.mark.specwalk_setup("account")' in files["test_account.py"]
    assert 'get_by_label("Name")' not in files["test_account.py"]
    plain = emit_python(groceries_report(shared_setup=False), SETTINGS)
    assert "_setup" not in plain["conftest.py"]
    assert "    state = None" in plain["conftest.py"]
    assert 'get_by_label("Name")' in plain["test_account.py"]
    assert 'APP_COMMAND = "python3 -m http.server 5175 --bind 127.0.0.1"' in plain["conftest.py"]


def test_duplicate_titles_become_unique_and_assign_tests_records_them() -> None:
    steps = [step(0, 3, "Given I open the page", goto("/"))]
    report = RunReport(
        specwalk_version="0.1.0",
        project="p",
        requirements_files=["requirements.md"],
        locale="en",
        scenarios=[
            scenario("open-1", "Open", 2, "passed", steps),
            scenario("open-2", "Open", 5, "passed", steps),
            scenario("open-3", "Open", 8, "not_grounded", steps),
        ],
    )
    spec = emit_typescript(report, SETTINGS)["groceries.spec.ts"]
    assert re.findall(r"^  test\('([^']*)'", spec, re.MULTILINE) == ["Open", "Open (2)"]
    module = emit_python(report, SETTINGS)["test_groceries.py"]
    assert re.findall(r"^def (\w+)", module, re.MULTILINE) == ["test_open", "test_open_2"]
    assigned = assign_tests(report, "python", "e2e-generated")
    assert [(s.test_file, s.test_title) for s in assigned.scenarios] == [
        ("e2e-generated/test_groceries.py", "test_open"),
        ("e2e-generated/test_groceries.py", "test_open_2"),
        (None, None),
    ]


def test_output_does_not_depend_on_report_order() -> None:
    report = groceries_report()
    shuffled = list(report.scenarios)
    random.Random(7).shuffle(shuffled)
    other = report.model_copy(update={"scenarios": shuffled})
    assert emit_typescript(report, SETTINGS) == emit_typescript(other, SETTINGS)
    assert emit_python(report, SETTINGS) == emit_python(other, SETTINGS)


def test_imports_follow_what_the_code_uses() -> None:
    steps = [step(0, 3, "Given I open the page", goto("/"))]
    report = RunReport(
        specwalk_version="0.1.0",
        project="p",
        requirements_files=["requirements.md"],
        locale="en",
        scenarios=[scenario("open", "Open", 2, "passed", steps)],
    )
    assert "import { test } from '@playwright/test';" in emit_typescript(report, SETTINGS)["groceries.spec.ts"]
    assert "from playwright.sync_api import Page\n" in emit_python(report, SETTINGS)["test_groceries.py"]
    checked = [*steps, step(1, 4, 'Then I see "Hi"', check("visible", single("text", "Hi")))]
    with_check = report.model_copy(update={"scenarios": [scenario("open", "Open", 2, "passed", checked)]})
    spec = emit_typescript(with_check, SETTINGS)["groceries.spec.ts"]
    assert "import { test, expect } from '@playwright/test';" in spec
