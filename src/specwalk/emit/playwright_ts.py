"""Emit a Playwright Test (TypeScript) suite from a run report: pure, data in, files out.

One spec per feature (`<slug>.spec.ts`), a `test.describe` per feature and a `test` per emitted
scenario, web-first assertions, and a `playwright.config.ts` built from specwalk.toml. Locators
are rendered exactly as verification proved them (`emit/locators.py`); nothing is re-ranked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from specwalk.browser.discovery import CHROMIUM_FLAGS
from specwalk.browser.driver import property_value
from specwalk.browser.page_scripts import SUBMIT_JS
from specwalk.emit.layout import (
    GENERATED_MARKER,
    PlannedTest,
    SpecFile,
    SuiteSettings,
    defect_summary,
    not_checked_note,
    one_line,
    plan_files,
    skip_reason,
)
from specwalk.emit.locators import TS_UNIQUE, UNIQUE, to_typescript, ts_string, ts_text
from specwalk.models.patterns import text_pattern, url_pattern
from specwalk.models.report import Operation, RunReport, ScenarioResult, StepResult

# The same script the driver runs, typed for TypeScript (the element may be a form or a field).
SUBMIT_TS = SUBMIT_JS.replace("(element) =>", "(element: HTMLElement) =>").replace(
    "element.form", "(element as HTMLInputElement).form"
)

CONFIG_FILE = "playwright.config.ts"
SETUP_FILE = "auth.setup.ts"
FIXTURES_FILE = "fixtures.ts"

_ACTS = {
    "click": "click()",
    "dblclick": "dblclick()",
    "clear": "clear()",
    "check": "check()",
    "uncheck": "uncheck()",
    "hover": "hover()",
    "focus": "focus()",
    "right_click": "click({ button: 'right' })",
}
_CHECKS = {
    "visible": "toBeVisible",
    "hidden": "toBeHidden",
    "enabled": "toBeEnabled",
    "disabled": "toBeDisabled",
    "checked": "toBeChecked",
    "focused": "toBeFocused",
    "empty": "toBeEmpty",
    "text": "toHaveText",
    "contains": "toContainText",
    "value": "toHaveValue",
    "count": "toHaveCount",
    "class": "toContainClass",
    "in_viewport": "toBeInViewport",
}
_VALUE_CHECKS = {"text", "contains", "value", "class"}
_REGEX_SPECIAL = re.compile(r"[\\^$.*+?()[\]{}|/]")

# Browser dialogs in a test that meets one: answered at once (OK unless a step set `next`), their
# messages kept for the checks; the same policy the driver followed during verification.
_DIALOGS_HELPER = """// Browser dialogs (alert, confirm, prompt) are answered at once, with OK unless a step says
// otherwise for the next one, and their messages are kept for the checks: as specwalk verified.
function watchDialogs(page: Page) {
  const dialogs = { messages: [] as string[], next: undefined as ((dialog: Dialog) => Promise<void>) | undefined };
  page.on('dialog', async (dialog) => {
    dialogs.messages.push(dialog.message());
    const answer = dialogs.next ?? ((d: Dialog) => d.accept());
    dialogs.next = undefined;
    await answer(dialog);
  });
  return dialogs;
}"""


def js_regex(pattern: str) -> str:
    """A JS regex literal for a pattern from `models.patterns` (which already escapes `/`)."""
    for raw, code in (("\n", "\\n"), ("\r", "\\r"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        pattern = pattern.replace(raw, code)
    return f"/{pattern}/"


def uses_dialogs(operations: list[Operation]) -> bool:
    return any(op.op == "dialog" or (op.op == "check" and op.name == "dialog") for op in operations)


def url_regex(value: str) -> str:
    """A JS regex literal matching a URL ending in `value` (then an optional ?query / #hash).

    The same pattern the driver checked with: `re.escape(value) + r"(?:[?#].*)?$"`. A value with
    `{unique}` becomes `new RegExp(...)` over a template literal (the value is letters and digits).
    """
    literal = [_REGEX_SPECIAL.sub(lambda match: "\\" + match.group(0), part) for part in value.split(UNIQUE)]
    for raw, code in (("\n", "\\n"), ("\r", "\\r"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        literal = [part.replace(raw, code) for part in literal]
    if len(literal) == 1:
        return f"/{literal[0]}(?:[?#].*)?$/"
    source = [part.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${") for part in literal]
    return "new RegExp(`" + "${unique}".join(source) + "(?:[?#].*)?$`)"


def render_operation(op: Operation, page: str = "page") -> str:
    """One statement of TypeScript for one operation."""
    if op.op == "remember":  # how many there are before the actions ("a new row is added")
        return f"const {op.key} = await {to_typescript(op.locator, page)}.count();" if op.locator else ""
    if op.op == "goto":
        return f"await {page}.goto({ts_text(op.value or '/')});"
    if op.op == "reload":
        return f"await {page}.reload();"
    if op.op == "go_back":
        return f"await {page}.goBack();"
    if op.op == "go_forward":
        return f"await {page}.goForward();"
    if op.op == "press_key":
        return f"await {page}.keyboard.press({ts_string(op.value or 'Enter')});"
    if op.op == "clear_storage":
        return (
            f"await {page}.context().clearCookies(); "
            f"await {page}.evaluate(() => {{ localStorage.clear(); sessionStorage.clear(); }});"
        )
    if op.op == "dialog":
        answer = "dialog.dismiss()" if op.name == "dismiss" else f"dialog.accept({_prompt(op)})"
        return f"dialogs.next = (dialog) => {answer};"
    if op.op == "act":
        return f"await {_act(op, page)};"
    return f"await {_check(op, page)};"


def _prompt(op: Operation) -> str:
    return ts_string(op.value) if op.value is not None else ""


def _act(op: Operation, page: str) -> str:
    if op.locator is None:
        if op.name == "press" and op.value:
            return f"{page}.keyboard.press({ts_string(op.value)})"
        raise ValueError(f"act {op.name!r} needs a locator")
    target = to_typescript(op.locator, page)
    if op.name in _ACTS:
        return f"{target}.{_ACTS[op.name]}"
    if op.name == "fill":
        return f"{target}.fill({ts_text(op.value or '')})"
    if op.name == "press":
        return f"{target}.press({ts_string(op.value or 'Enter')})"
    if op.name == "type":  # key by key, as a user types (a number field ignores letters)
        return f"{target}.pressSequentially({ts_string(op.value or '')})"
    if op.name == "submit":  # the form, as Enter in it would (requestSubmit: validation and handlers run)
        return f"{target}.evaluate({SUBMIT_TS})"
    if op.name == "select":
        option = f"{{ label: {ts_text(op.value)} }}" if op.value else "{ index: 0 }"
        return f"{target}.selectOption({option})"
    if op.name == "upload":
        return f"{target}.setInputFiles({ts_string(op.value) if op.value else '[]'})"
    if op.name == "drag":
        if op.to is None:
            raise ValueError("drag needs a place to drop")
        return f"{target}.dragTo({to_typescript(op.to, page)})"
    raise ValueError(f"unknown action {op.name!r}")


def _check(op: Operation, page: str) -> str:
    negation = ".not" if op.negated else ""
    if op.name == "count" and op.key and op.locator is not None:  # compared with the count kept before
        more = f" + {op.value}" if op.value not in (None, "0") else ""
        return f"expect({to_typescript(op.locator, page)}){negation}.toHaveCount({op.key}{more})"
    if op.name == "url":
        if op.match is not None:
            return f"expect({page}){negation}.toHaveURL({js_regex(url_pattern(op.value or '', op.match))})"
        return f"expect({page}){negation}.toHaveURL({url_regex(op.value or '')})"
    if op.name == "dialog" and not op.value:  # a dialog was shown, whatever it said
        return f"expect.poll(() => dialogs.messages.length).{'toBe(0)' if op.negated else 'toBeGreaterThan(0)'}"
    if op.name == "dialog":
        pattern = js_regex(text_pattern(op.value or "", op.match or "equals"))
        return f"expect.poll(() => dialogs.messages.at(-1) ?? ''){negation}.toMatch({pattern})"
    if op.name == "title":
        return f"expect({page}){negation}.toHaveTitle({ts_text(op.value or '')})"
    if op.locator is None:
        raise ValueError(f"check {op.name!r} needs a locator")
    if op.name == "pressed":  # toggle buttons: aria-pressed, which toBeChecked does not read
        return f"expect({to_typescript(op.locator, page)}){negation}.toHaveAttribute('aria-pressed', 'true')"
    if op.name == "contains_all":  # items in order, each containing its text
        texts = ", ".join(ts_text(text) for text in json.loads(op.value or "[]"))
        return f"expect({to_typescript(op.locator, page)}){negation}.toContainText([{texts}])"
    if op.name == "property":  # a DOM property: true / false (video.paused) or a number (video.volume)
        expected = op.value if op.value in ("true", "false") else f"{property_value(op.value):g}"
        target = to_typescript(op.locator, page)
        return f"expect({target}){negation}.toHaveJSProperty({ts_string(op.key or '')}, {expected})"
    if op.name == "selected":  # an <option>: the one its select shows
        return f"expect({to_typescript(op.locator, page)}){negation}.toHaveJSProperty('selected', true)"
    if op.name == "attribute":
        expected = ts_string(op.value or "")
        if op.match not in (None, "equals"):
            expected = js_regex(text_pattern(op.value or "", op.match))
        target = to_typescript(op.locator, page)
        return f"expect({target}){negation}.toHaveAttribute({ts_string(op.key or '')}, {expected})"
    if op.name in ("text", "value") and op.match not in (None, "equals"):
        target = to_typescript(op.locator, page)
        if op.name == "text" and op.match == "contains":
            return f"expect({target}){negation}.toContainText({ts_string(op.value or '')})"
        method = "toHaveText" if op.name == "text" else "toHaveValue"
        return f"expect({target}){negation}.{method}({js_regex(text_pattern(op.value or '', op.match))})"
    if op.name not in _CHECKS:
        raise ValueError(f"unknown check {op.name!r}")
    argument = ""
    if op.name in _VALUE_CHECKS:
        argument = ts_text(op.value or "")
    elif op.name == "count":
        argument = str(int(op.value or 0))
    return f"expect({to_typescript(op.locator, page)}){negation}.{_CHECKS[op.name]}({argument})"


def _uses_unique(steps: Iterable[StepResult]) -> bool:
    return any(UNIQUE in operation.model_dump_json() for step in steps for operation in step.operations)


def _step_lines(step: StepResult, indent: str) -> list[str]:
    lines = [f"{indent}// {one_line(step.text)} — {step.source}"]
    if step.evidence.copies and step.evidence.source is not None:
        where = f"{step.evidence.source.file}:{step.evidence.source.line}"
        lines.append(
            f"{indent}// specwalk: the page shows {step.evidence.copies} copies of this control ({where});"
            " the first visible one is used"
        )
    if step.sensitivity == "weak":
        why = one_line(step.evidence.message) or "it would also pass if the step before it did nothing"
        lines.append(f"{indent}// specwalk: weak assertion — {why}")
    if not step.operations:
        state = "not run during verification" if step.status == "not_run" else step.status.replace("_", " ")
        lines.append(f"{indent}// specwalk: no code for this step ({state})")
    lines.extend(f"{indent}{render_operation(op)}" for op in step.operations)
    return lines


def _test_lines(scenario: ScenarioResult, title: str, indent: str = "  ") -> list[str]:
    inner = indent + "  "
    out = [f"{indent}// {scenario.requirement_id} — {scenario.source}"]
    out.append(f"{indent}test({ts_string(title)}, async ({{ page }}) => {{")
    if uses_dialogs([op for step in scenario.steps if not step.in_setup for op in step.operations]):
        out.append(f"{inner}const dialogs = watchDialogs(page);")
    if _uses_unique(step for step in scenario.steps if not step.in_setup):
        out.append(f"{inner}{TS_UNIQUE}")
    if scenario.status == "app_defect":
        out.append(f"{inner}// specwalk: app defect — {one_line(defect_summary(scenario))}")
        out.append(f"{inner}test.fail();")
    elif scenario.status == "flaky":
        out.append(f"{inner}// specwalk: flaky during verification — {one_line(scenario.message) or 'results varied'}")
    elif (note := not_checked_note(scenario)) is not None:
        out.append(f"{inner}// specwalk: {note}")
    shared = [step for step in scenario.steps if step.in_setup and step.index >= 0]
    if shared:
        out.append(f"{inner}// Done once by setup '{scenario.setup}' ({SETUP_FILE}); the test starts from its state:")
        out.extend(f"{inner}//   {one_line(step.text)} — {step.source}" for step in shared)
    for step in scenario.steps:
        if not step.in_setup:
            out.extend(_step_lines(step, inner))
    out.append(f"{indent}}});")
    return out


def _header(report: RunReport) -> list[str]:
    sources = ", ".join(report.requirements_files) or "the requirements"
    return [
        f"// {GENERATED_MARKER} from {sources}; edit the requirements, not this file,",
        "// and run `specwalk generate` again.",
    ]


def _skipped_block(spec: SpecFile) -> list[str]:
    if not spec.skipped:
        return []
    lines = ["// Not emitted as tests (fix the requirement or the app, then run `specwalk generate` again):"]
    for scenario in spec.skipped:
        lines.append(f"//   {scenario.requirement_id} — {scenario.source} — {one_line(skip_reason(scenario))}")
    return [*lines, ""]


def _runs(tests: tuple[PlannedTest, ...]) -> list[tuple[str | None, list[PlannedTest]]]:
    """Consecutive tests grouped by the shared setup they start from."""
    runs: list[tuple[str | None, list[PlannedTest]]] = []
    for planned in tests:
        if runs and runs[-1][0] == planned.scenario.setup:
            runs[-1][1].append(planned)
        else:
            runs.append((planned.scenario.setup, [planned]))
    return runs


def _spec_text(report: RunReport, spec: SpecFile, settings: SuiteSettings) -> str:
    out = _header(report)
    tests = [t for d in spec.describes for t in d.tests]
    use_fixtures = bool(settings.reset_command) or any(t.scenario.setup for t in tests)
    source = f"./{FIXTURES_FILE.removesuffix('.ts')}" if use_fixtures else "@playwright/test"
    operations = [op for t in tests for s in t.scenario.steps if not s.in_setup for op in s.operations]
    uses_expect = any(op.op == "check" for op in operations)
    names = "test, expect" if uses_expect else "test"
    dialogs = uses_dialogs(operations)
    out.append(f"import {{ {names} }} from {ts_string(source)};")
    if dialogs:
        out.append("import type { Dialog, Page } from '@playwright/test';")
    out.append("")
    if dialogs:
        out += [_DIALOGS_HELPER, ""]
    out.extend(_skipped_block(spec))
    for number, describe in enumerate(spec.describes):
        if number:
            out.append("")
        out.append(f"test.describe({ts_string(describe.feature)}, () => {{")
        runs = _runs(describe.tests)
        for index, (setup_id, planned_tests) in enumerate(runs):
            if index:
                out.append("")
            indent = "  "
            if setup_id and len(runs) > 1:
                # Only these tests start from the setup's state: an unnamed describe scopes test.use.
                out.append("  test.describe(() => {")
                indent = "    "
            if setup_id:
                out.append(f"{indent}test.use({{ specwalkSetup: {ts_string(setup_id)} }});")
                out.append("")
            for position, planned in enumerate(planned_tests):
                if position:
                    out.append("")
                out.extend(_test_lines(planned.scenario, planned.title, indent))
            if setup_id and len(runs) > 1:
                out.append("  });")
        out.append("});")
    return "\n".join(out) + "\n"


def _config_text(report: RunReport, settings: SuiteSettings, with_setup: bool) -> str:
    flags = ", ".join(ts_string(flag) for flag in CHROMIUM_FLAGS)
    out = [
        *_header(report),
        "import { defineConfig } from '@playwright/test';",
        "",
        "// SPECWALK_BASE_URL: test an app that is already running (then nothing is started here).",
        f"const baseURL = process.env.SPECWALK_BASE_URL || {ts_string(settings.base_url)};",
        "// SPECWALK_BROWSER: the Chromium/Chrome to launch instead of Playwright's own download.",
        "const executablePath = process.env.SPECWALK_BROWSER || undefined;",
        "",
        "export default defineConfig({",
        "  testDir: '.',",
        f"  timeout: {settings.test_timeout_ms},",
        f"  expect: {{ timeout: {settings.expect_timeout_ms} }},",
        "  retries: 0,",
        *(
            ["  // [app] reset restores the app's data before each test: one test at a time.", "  workers: 1,"]
            if settings.reset_command
            else []
        ),
        "  reporter: [['list']],",
        "  use: {",
        "    baseURL,",
        f"    launchOptions: {{ executablePath, args: [{flags}] }},",
        "  },",
    ]
    if with_setup:
        out += [
            "  projects: [",
            "    { name: 'setup', testMatch: /auth\\.setup\\.ts$/ },",
            "    { name: 'chromium', testMatch: /\\.spec\\.ts$/, dependencies: ['setup'] },",
            "  ],",
        ]
    if settings.app_command and settings.services:
        # [[app.services]] first, in order: Playwright starts the web servers one after another.
        out += ["  webServer: process.env.SPECWALK_BASE_URL", "    ? undefined", "    : ["]
        for service in settings.services:
            wait = (
                f"url: {ts_string(service.ready_url)}"
                if service.ready_url
                else (f"port: {service.port}" if service.port is not None else "")
            )
            out += [
                f"        // [[app.services]] {ts_string(service.name)}",
                "        {",
                f"          command: {ts_string(service.command)},",
                f"          cwd: {ts_string(service.cwd)},",
                *([f"          {wait},"] if wait else []),
                "          reuseExistingServer: true,",
                f"          timeout: {round(service.start_timeout_s * 1000)},",
                "        },",
            ]
        env = ", ".join(f"{name}: {ts_string(value)}" for name, value in settings.app_env.items())
        out += [
            "        {",
            f"          command: {ts_string(settings.app_command)},",
            f"          cwd: {ts_string(settings.app_cwd)},",
            f"          url: {ts_string(settings.ready_url or settings.base_url)},",
            *([f"          env: {{ {env} }},"] if env else []),
            "          reuseExistingServer: true,",
            f"          timeout: {round(settings.start_timeout_s * 1000)},",
            "        },",
            "      ],",
        ]
    elif settings.app_command:
        timeout_ms = round(settings.start_timeout_s * 1000)
        out += [
            "  webServer: process.env.SPECWALK_BASE_URL",
            "    ? undefined",
            "    : {",
            f"        command: {ts_string(settings.app_command)},",
            f"        cwd: {ts_string(settings.app_cwd)},",
            f"        url: {ts_string(settings.ready_url or settings.base_url)},",
            "        reuseExistingServer: true,",
            f"        timeout: {timeout_ms},",
            "      },",
        ]
    else:
        out.append("  // No app.command in specwalk.toml: start the app yourself or set SPECWALK_BASE_URL.")
    out.append("});")
    return "\n".join(out) + "\n"


def _setup_text(report: RunReport) -> str:
    uses_expect = any(op.op == "check" for shared in report.setups for op in shared.operations)
    out = [
        *_header(report),
        f"import {{ {'test as setup, expect' if uses_expect else 'test as setup'} }} from '@playwright/test';",
        "import path from 'node:path';",
        "",
        "// Each setup runs once before the specs and saves its cookies and storage; the tests that",
        "// declare it (test.use({ specwalkSetup })) start from that state.",
    ]
    for shared in report.setups:
        out.append("")
        out.append(f"// {shared.feature} — {shared.source}")
        out.extend(f"//   {one_line(text)}" for text in shared.texts)
        out.append(f"setup({ts_string(shared.id)}, async ({{ page }}) => {{")
        if UNIQUE in "".join(op.model_dump_json() for op in shared.operations):
            out.append(f"  {TS_UNIQUE}")
        out.extend(f"  {render_operation(op)}" for op in shared.operations)
        state_file = ts_string(shared.id + ".json")
        out.append(f"  const state = path.join(setup.info().project.testDir, '.auth', {state_file});")
        out.append("  await page.context().storageState({ path: state });")
        out.append("});")
    return "\n".join(out) + "\n"


def _fixtures_text(report: RunReport, settings: SuiteSettings) -> str:
    """The suite's `test`: shared setups' saved state (test.use({ specwalkSetup })) and [app] reset."""
    setups, reset = bool(report.setups), settings.reset_command
    options = [*(["specwalkSetup: string"] if setups else []), *(["specwalkReset: void"] if reset else [])]
    out = [
        *_header(report),
        "import { test as base, expect } from '@playwright/test';",
        *(["import { execSync } from 'node:child_process';"] if reset else []),
        "import path from 'node:path';",
        "",
    ]
    if reset:
        out += [
            "// [app] reset from specwalk.toml, run from the app's directory before each test.",
            f"const RESET = {ts_string(reset)};",
            f"const APP_DIR = {ts_string(settings.app_cwd)};",
            *(
                [
                    "// The services' ports, as the app's command gets them (the runner's own environment wins).",
                    "const SERVICES = { "
                    + ", ".join(f"{name}: {ts_string(value)}" for name, value in settings.app_env.items())
                    + " };",
                ]
                if settings.app_env
                else []
            ),
            "",
        ]
    if setups:
        out += [
            "// A test that sets specwalkSetup starts from the state that setup saved (resolved next to",
            "// this suite, so it does not depend on the directory the runner is started from).",
        ]
    out.append(f"export const test = base.extend<{{ {'; '.join(options)} }}>({{")
    if setups:
        out += [
            "  specwalkSetup: ['', { option: true }],",
            "  storageState: async ({ specwalkSetup, storageState }, use, testInfo) => {",
            "    const saved = path.join(testInfo.project.testDir, '.auth', `${specwalkSetup}.json`);",
            "    await use(specwalkSetup ? saved : storageState);",
            "  },",
        ]
    if reset:
        env = ", env: { ...SERVICES, ...process.env }" if settings.app_env else ""
        out += [
            "  // Every test starts from the same data (a sign-up can run again, a list has its seed).",
            "  specwalkReset: [",
            "    async ({}, use, testInfo) => {",
            "      const cwd = path.resolve(testInfo.project.testDir, APP_DIR);",
            f"      execSync(RESET, {{ cwd, stdio: 'pipe'{env} }});",
            "      await use();",
            "    },",
            "    { auto: true },",
            "  ],",
        ]
    out += ["});", "export { expect };"]
    return "\n".join(out)


def emit_typescript(report: RunReport, settings: SuiteSettings) -> dict[str, str]:
    """The suite's files, relative to the tests directory."""
    with_setup = bool(report.setups)
    files: dict[str, str] = {}
    for spec in plan_files(report, "typescript"):
        files[spec.path] = _spec_text(report, spec, settings)
    files[CONFIG_FILE] = _config_text(report, settings, with_setup)
    files[".gitignore"] = "# " + GENERATED_MARKER + "\n.auth/\ntest-results/\nplaywright-report/\n"
    if with_setup:
        files[SETUP_FILE] = _setup_text(report)
    if with_setup or settings.reset_command:
        files[FIXTURES_FILE] = _fixtures_text(report, settings) + "\n"
    return dict(sorted(files.items()))
