"""Emit the pytest (Python, `playwright.sync_api`) flavour of the suite: pure, data in, files out.

`test_<feature>.py` per feature plus a `conftest.py` that starts the app (unless
SPECWALK_BASE_URL is set), launches Chromium (SPECWALK_BROWSER, specwalk's flags) and gives each
test a fresh page. App defects are `xfail(strict=True)`: the test fails until the app is fixed,
then the unexpected pass tells you to regenerate. No pytest plugin is needed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from specwalk.browser.discovery import CHROMIUM_FLAGS
from specwalk.browser.driver import property_value
from specwalk.browser.page_scripts import SUBMIT_JS
from specwalk.emit.layout import (
    GENERATED_MARKER,
    SpecFile,
    SuiteSettings,
    defect_summary,
    not_checked_note,
    one_line,
    plan_files,
    skip_reason,
)
from specwalk.emit.locators import PY_UNIQUE, UNIQUE, py_string, py_text, to_python
from specwalk.models.patterns import text_pattern, url_pattern
from specwalk.models.report import Operation, RunReport, ScenarioResult, StepResult

CONFTEST_FILE = "conftest.py"

_ACTS = {
    "click": "click()",
    "dblclick": "dblclick()",
    "clear": "clear()",
    "check": "check()",
    "uncheck": "uncheck()",
    "hover": "hover()",
    "focus": "focus()",
    "right_click": 'click(button="right")',
}
_CHECKS = {
    "visible": "to_be_visible",
    "hidden": "to_be_hidden",
    "enabled": "to_be_enabled",
    "disabled": "to_be_disabled",
    "checked": "to_be_checked",
    "focused": "to_be_focused",
    "empty": "to_be_empty",
    "text": "to_have_text",
    "contains": "to_contain_text",
    "value": "to_have_value",
    "count": "to_have_count",
    "class": "to_contain_class",
    "in_viewport": "to_be_in_viewport",
}
_VALUE_CHECKS = {"text", "contains", "value", "class"}


def _regex(pattern: str) -> str:
    return f"re.compile({py_string(pattern)})"


def uses_dialogs(operations: list[Operation]) -> bool:
    return any(op.op == "dialog" or (op.op == "check" and op.name == "dialog") for op in operations)


def _uses_regex(op: Operation) -> bool:
    """Whether the statement for `op` calls re.compile."""
    if op.locator is not None and any(part.prefix for part in op.locator.parts):
        return True
    if op.to is not None and any(part.prefix for part in op.to.parts):
        return True
    if op.op != "check":
        return False
    if op.name in ("url", "dialog"):
        return True
    return (
        op.name in ("attribute", "text", "value")
        and op.match not in (None, "equals")
        and not (op.name == "text" and op.match == "contains")
    )


def render_operation(op: Operation, page: str = "page") -> str:
    """One statement of Python for one operation."""
    if op.op == "remember":  # how many there are before the actions ("a new row is added")
        return f"{op.key} = {to_python(op.locator, page)}.count()" if op.locator else ""
    if op.op == "goto":
        return f"{page}.goto({py_text(op.value or '/')})"
    if op.op == "reload":
        return f"{page}.reload()"
    if op.op == "go_back":
        return f"{page}.go_back()"
    if op.op == "go_forward":
        return f"{page}.go_forward()"
    if op.op == "press_key":
        return f"{page}.keyboard.press({py_string(op.value or 'Enter')})"
    if op.op == "clear_storage":
        clear = '"() => { localStorage.clear(); sessionStorage.clear(); }"'
        return f"{page}.context.clear_cookies(); {page}.evaluate({clear})"
    if op.op == "dialog":
        if op.name == "dismiss":
            return "dialogs.next = lambda dialog: dialog.dismiss()"
        text = py_string(op.value) if op.value is not None else ""
        return f"dialogs.next = lambda dialog: dialog.accept({text})"
    if op.op == "act":
        return _act(op, page)
    return _check(op, page)


def _act(op: Operation, page: str) -> str:
    if op.locator is None:
        if op.name == "press" and op.value:
            return f"{page}.keyboard.press({py_string(op.value)})"
        raise ValueError(f"act {op.name!r} needs a locator")
    target = to_python(op.locator, page)
    if op.name in _ACTS:
        return f"{target}.{_ACTS[op.name]}"
    if op.name == "fill":
        return f"{target}.fill({py_text(op.value or '')})"
    if op.name == "press":
        return f"{target}.press({py_string(op.value or 'Enter')})"
    if op.name == "type":  # key by key, as a user types (a number field ignores letters)
        return f"{target}.press_sequentially({py_string(op.value or '')})"
    if op.name == "submit":  # the form, as Enter in it would (requestSubmit: validation and handlers run)
        return f"{target}.evaluate({py_string(SUBMIT_JS)})"
    if op.name == "select":
        option = f"label={py_text(op.value)}" if op.value else "index=0"
        return f"{target}.select_option({option})"
    if op.name == "upload":
        return f"{target}.set_input_files({py_string(op.value) if op.value else '[]'})"
    if op.name == "drag":
        if op.to is None:
            raise ValueError("drag needs a place to drop")
        return f"{target}.drag_to({to_python(op.to, page)})"
    raise ValueError(f"unknown action {op.name!r}")


def _check(op: Operation, page: str) -> str:
    prefix = "not_" if op.negated else ""
    if op.name == "dialog" and not op.value:  # a dialog was shown, whatever it said
        return f"dialogs.expect_shown({'negated=True' if op.negated else ''})"
    if op.name == "count" and op.key and op.locator is not None:  # compared with the count kept before
        more = f" + {op.value}" if op.value not in (None, "0") else ""
        return f"expect({to_python(op.locator, page)}).{prefix}to_have_count({op.key}{more})"
    if op.name == "dialog":
        pattern = _regex(text_pattern(op.value or "", op.match or "equals"))
        return f"dialogs.expect_last({pattern}{', negated=True' if op.negated else ''})"
    if op.name == "url" and op.match is not None:
        return f"expect({page}).{prefix}to_have_url({_regex(url_pattern(op.value or '', op.match))})"
    if op.name == "url":
        # The same pattern the driver checked with: the path, then an optional ?query / #hash.
        pattern = f're.compile(re.escape({py_text(op.value or "")}) + r"(?:[?#].*)?$")'
        return f"expect({page}).{prefix}to_have_url({pattern})"
    if op.name == "title":
        return f"expect({page}).{prefix}to_have_title({py_text(op.value or '')})"
    if op.locator is None:
        raise ValueError(f"check {op.name!r} needs a locator")
    if op.name == "pressed":  # toggle buttons: aria-pressed, which to_be_checked does not read
        return f'expect({to_python(op.locator, page)}).{prefix}to_have_attribute("aria-pressed", "true")'
    if op.name == "contains_all":  # items in order, each containing its text
        texts = ", ".join(py_text(text) for text in json.loads(op.value or "[]"))
        return f"expect({to_python(op.locator, page)}).{prefix}to_contain_text([{texts}])"
    if op.name == "property":  # a DOM property: true / false (video.paused) or a number (video.volume)
        flag = {"true": "True", "false": "False"}.get(op.value or "") or f"{property_value(op.value):g}"
        return f"expect({to_python(op.locator, page)}).{prefix}to_have_js_property({py_string(op.key or '')}, {flag})"
    if op.name == "selected":  # an <option>: the one its select shows
        return f'expect({to_python(op.locator, page)}).{prefix}to_have_js_property("selected", True)'
    if op.name == "attribute":
        expected = py_string(op.value or "")
        if op.match not in (None, "equals"):
            expected = _regex(text_pattern(op.value or "", op.match))
        return f"expect({to_python(op.locator, page)}).{prefix}to_have_attribute({py_string(op.key or '')}, {expected})"
    if op.name in ("text", "value") and op.match not in (None, "equals"):
        target = to_python(op.locator, page)
        if op.name == "text" and op.match == "contains":
            return f"expect({target}).{prefix}to_contain_text({py_string(op.value or '')})"
        method = "to_have_text" if op.name == "text" else "to_have_value"
        return f"expect({target}).{prefix}{method}({_regex(text_pattern(op.value or '', op.match))})"
    if op.name not in _CHECKS:
        raise ValueError(f"unknown check {op.name!r}")
    argument = ""
    if op.name in _VALUE_CHECKS:
        argument = py_text(op.value or "")
    elif op.name == "count":
        argument = str(int(op.value or 0))
    return f"expect({to_python(op.locator, page)}).{prefix}{_CHECKS[op.name]}({argument})"


def _uses_unique(steps: Iterable[StepResult]) -> bool:
    return any(UNIQUE in operation.model_dump_json() for step in steps for operation in step.operations)


def _step_lines(step: StepResult, indent: str) -> list[str]:
    lines = [f"{indent}# {one_line(step.text)} — {step.source}"]
    if step.evidence.copies and step.evidence.source is not None:
        where = f"{step.evidence.source.file}:{step.evidence.source.line}"
        lines.append(
            f"{indent}# specwalk: the page shows {step.evidence.copies} copies of this control ({where});"
            " the first visible one is used"
        )
    if step.sensitivity == "weak":
        why = one_line(step.evidence.message) or "it would also pass if the step before it did nothing"
        lines.append(f"{indent}# specwalk: weak assertion — {why}")
    if not step.operations:
        state = "not run during verification" if step.status == "not_run" else step.status.replace("_", " ")
        lines.append(f"{indent}# specwalk: no code for this step ({state})")
    lines.extend(f"{indent}{render_operation(op)}" for op in step.operations)
    return lines


def _test_lines(scenario: ScenarioResult, name: str) -> list[str]:
    out = [f"# {scenario.requirement_id} — {scenario.source}"]
    if scenario.status == "app_defect":
        reason = py_string("app defect — " + one_line(defect_summary(scenario)))
        out.append(f"@pytest.mark.xfail(strict=True, reason={reason})")
    if scenario.setup:
        out.append(f"@pytest.mark.specwalk_setup({py_string(scenario.setup)})")
    if uses_dialogs([op for step in scenario.steps if not step.in_setup for op in step.operations]):
        out.append(f"def {name}(page: Page, dialogs: Dialogs) -> None:")
    else:
        out.append(f"def {name}(page: Page) -> None:")
    out.append(f"    {py_string(scenario.name)}")
    if _uses_unique(step for step in scenario.steps if not step.in_setup):
        out.append(f"    {PY_UNIQUE}")
    if scenario.status == "flaky":
        out.append(f"    # specwalk: flaky during verification — {one_line(scenario.message) or 'results varied'}")
    if (note := not_checked_note(scenario)) is not None:
        out.append(f"    # specwalk: {note}")
    shared = [step for step in scenario.steps if step.in_setup and step.index >= 0]
    if shared:
        out.append(f"    # Done once by setup '{scenario.setup}' (conftest.py); the test starts from its state:")
        out.extend(f"    #   {one_line(step.text)} — {step.source}" for step in shared)
    for step in scenario.steps:
        if not step.in_setup:
            out.extend(_step_lines(step, "    "))
    return out


def _header(report: RunReport) -> list[str]:
    sources = ", ".join(report.requirements_files) or "the requirements"
    return [
        f"# {GENERATED_MARKER} from {sources}; edit the requirements, not this file,",
        "# and run `specwalk generate` again.",
    ]


def _operations(spec: SpecFile) -> list[Operation]:
    return [
        op
        for describe in spec.describes
        for test in describe.tests
        for step in test.scenario.steps
        if not step.in_setup
        for op in step.operations
    ]


def _module_text(report: RunReport, spec: SpecFile) -> str:
    operations = _operations(spec)
    tests = [test for describe in spec.describes for test in describe.tests]
    out = _header(report)
    features = ", ".join(describe.feature for describe in spec.describes) or spec.slug
    out.append(py_string(f"{features}: tests generated by specwalk."))
    out += ["", "from __future__ import annotations", ""]
    dialogs = uses_dialogs(operations)
    standard = []
    if any(_uses_regex(op) for op in operations):
        standard.append("import re")
    if any(UNIQUE in op.model_dump_json() for op in operations):
        standard.append("import secrets")
    if standard:
        out += [*standard, ""]
    if dialogs:
        out += ["from typing import TYPE_CHECKING", ""]
    if any(test.scenario.status == "app_defect" or test.scenario.setup for test in tests):
        out += ["import pytest"]
    uses_expect = any(op.op == "check" and op.name != "dialog" for op in operations)
    out.append(f"from playwright.sync_api import {'Page, expect' if uses_expect else 'Page'}")
    if dialogs:
        out += ["", "if TYPE_CHECKING:", "    from conftest import Dialogs"]
    if spec.skipped:
        out += ["", "# Not emitted as tests (fix the requirement or the app, then run `specwalk generate` again):"]
        for scenario in spec.skipped:
            out.append(f"#   {scenario.requirement_id} — {scenario.source} — {one_line(skip_reason(scenario))}")
    for describe in spec.describes:
        if len(spec.describes) > 1:
            out += ["", "", f"# Feature: {one_line(describe.feature)}"]
        for test in describe.tests:
            out += ["", "", *_test_lines(test.scenario, test.title)]
    return "\n".join(out) + "\n"


_CONFTEST_BODY = '''
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

HERE = Path(__file__).resolve().parent
APP_COMMAND = {command}
APP_CWD = (HERE / {cwd}).resolve()
BASE_URL = {base_url}
READY_URL = {ready_url}
START_TIMEOUT = {start_timeout!r}
# [[app.services]] (command, cwd, ready URL, port, start timeout), started before the app; their
# ports reach the app command as specwalk passes them.
SERVICES: list[tuple[str, str, str, int | None, float]] = {services}
APP_ENV = {app_env}
CHROMIUM_FLAGS = [{flags}]

expect.set_options(timeout={expect_timeout})


def _answers(url: str) -> bool:
    """Up as Playwright's webServer sees it: a 2xx/3xx answer, or 400-403."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own app's URL
            return True
    except urllib.error.HTTPError as error:
        return 400 <= error.code <= 403
    except OSError:
        return False


def _up(ready_url: str, port: int | None) -> bool:
    if ready_url:
        return _answers(ready_url)
    with socket.socket() as probe:
        return port is not None and probe.connect_ex(("127.0.0.1", port)) == 0


def _start(
    command: str, cwd: Path, ready_url: str, port: int | None, timeout: float, what: str
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S602 - the command from specwalk.toml
        command, shell=True, cwd=cwd, start_new_session=True, env={{**os.environ, **APP_ENV}},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while (ready_url or port is not None) and not _up(ready_url, port):
        if process.poll() is not None:
            pytest.fail(f"{{what}} exited with status {{process.returncode}}: {{command}}")
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"{{what}} did not answer at {{ready_url or port}} within {{timeout}} s: {{command}}")
        time.sleep(0.2)
    return process


@pytest.fixture(scope="session")
def specwalk_base_url() -> Iterator[str]:
    """SPECWALK_BASE_URL if set; else the app already running; else the app started here."""
    given = os.environ.get("SPECWALK_BASE_URL")
    if given or not APP_COMMAND or _answers(READY_URL):
        yield given or BASE_URL
        return
    started: list[subprocess.Popen[bytes]] = []
    try:
        for command, cwd, ready_url, port, timeout in SERVICES:
            if not (ready_url or port is not None) or not _up(ready_url, port):  # else: already running
                started.append(_start(command, (HERE / cwd).resolve(), ready_url, port, timeout, "a service"))
        started.append(_start(APP_COMMAND, APP_CWD, READY_URL, None, START_TIMEOUT, "the app command"))
        yield BASE_URL
    finally:
        for process in reversed(started):
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def specwalk_browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("SPECWALK_BROWSER") or None, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()
'''

_SETUP_STATE = '''

def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "specwalk_setup(name): start from the state that shared setup saved")


_STATES: dict[str, Any] = {}


def _saved_state(name: str, browser: Browser, base_url: str) -> Any:
    """Runs the named setup once per session; its tests start from the cookies and storage it left."""
    if name not in _STATES:
        context = browser.new_context(base_url=base_url)
        try:
            SETUPS[name](context.new_page())
            _STATES[name] = context.storage_state()
        finally:
            context.close()
    return _STATES[name]
'''


_DIALOGS = '''

class Dialogs:
    """Browser dialogs (alert, confirm, prompt): answered at once, with OK unless a step set `next`
    for the next one, their messages kept for the checks; as specwalk verified the tests."""

    def __init__(self, page: Page, timeout_ms: float) -> None:
        self.page = page
        self.timeout_ms = timeout_ms
        self.messages: list[str] = []
        self.next: Any = None
        page.on("dialog", self._answer)

    def _answer(self, dialog: Any) -> None:
        self.messages.append(dialog.message)
        answer = self.next or (lambda d: d.accept())
        self.next = None
        answer(dialog)

    def expect_shown(self, *, negated: bool = False) -> None:
        """A dialog was shown (none, when negated), within the expect timeout."""
        waited = 0
        while bool(self.messages) == negated:
            if waited >= self.timeout_ms:
                raise AssertionError("a dialog was shown" if negated else "no dialog was shown")
            self.page.wait_for_timeout(50)
            waited += 50

    def expect_last(self, pattern: re.Pattern[str], *, negated: bool = False) -> None:
        """The last dialog's message matches `pattern` (not, when negated), within the expect timeout."""
        waited = 0
        while (pattern.search(self.messages[-1] if self.messages else "") is not None) == negated:
            if waited >= self.timeout_ms:
                seen = repr(self.messages[-1]) if self.messages else "no dialog"
                wanted = "not " if negated else ""
                raise AssertionError(f"expected a last dialog {{wanted}}matching {{pattern.pattern!r}}: {{seen}}")
            self.page.wait_for_timeout(50)
            waited += 50


@pytest.fixture
def dialogs(page: Page) -> Dialogs:
    return Dialogs(page, {expect_timeout})
'''


def _conftest_text(report: RunReport, settings: SuiteSettings) -> str:
    body = _CONFTEST_BODY.format(
        command=py_string(settings.app_command),
        cwd=py_string(settings.app_cwd),
        base_url=py_string(settings.base_url),
        ready_url=py_string(settings.ready_url or settings.base_url),
        start_timeout=float(settings.start_timeout_s),
        services="["
        + ", ".join(
            f"({py_string(x.command)}, {py_string(x.cwd)}, {py_string(x.ready_url)}, {x.port!r}, {x.start_timeout_s!r})"
            for x in settings.services
        )
        + "]",
        app_env="{" + ", ".join(f"{py_string(k)}: {py_string(v)}" for k, v in settings.app_env.items()) + "}",
        flags=", ".join(py_string(flag) for flag in CHROMIUM_FLAGS),
        expect_timeout=settings.expect_timeout_ms,
    )
    out = [*_header(report), '"""The app, the browser and a fresh page per test, for the generated tests."""', body]
    if report.setups:
        if any(op.op == "check" and op.name == "url" for shared in report.setups for op in shared.operations):
            out += ["", "import re  # noqa: E402 - used by the setups' URL checks"]
        if any(UNIQUE in op.model_dump_json() for shared in report.setups for op in shared.operations):
            out += ["", "import secrets  # noqa: E402 - a fresh value for {unique} in the setups"]
        for number, shared in enumerate(report.setups):
            out += ["", "", f"# {shared.feature} — {shared.source}"]
            out += [f"#   {one_line(text)}" for text in shared.texts]
            out.append(f"def _setup_{number}(page: Page) -> None:")
            if any(UNIQUE in op.model_dump_json() for op in shared.operations):
                out.append(f"    {PY_UNIQUE}")
            out += [f"    {render_operation(op)}" for op in shared.operations]
        entries = ", ".join(f"{py_string(shared.id)}: _setup_{n}" for n, shared in enumerate(report.setups))
        out += ["", "", f"SETUPS = {{{entries}}}"]
        out.append(_SETUP_STATE.rstrip("\n"))
    if uses_dialogs([op for scenario in report.scenarios for step in scenario.steps for op in step.operations]):
        if not any(op.op == "check" and op.name == "url" for shared in report.setups for op in shared.operations):
            out += ["", "import re  # noqa: E402 - the dialog checks' patterns"]
        out.append(_DIALOGS.format(expect_timeout=settings.expect_timeout_ms).rstrip("\n"))
    if settings.reset_command:
        out += [
            "",
            "",
            f"RESET_COMMAND = {py_string(settings.reset_command)}",
            # The services' ports, as the app's command gets them (the environment's own win).
            "RESET_ENV = {"
            + ", ".join(f"{py_string(name)}: {py_string(value)}" for name, value in settings.app_env.items())
            + "}",
            "",
            "",
            "@pytest.fixture(autouse=True)",
            "def specwalk_reset(specwalk_base_url: str) -> None:",
            '    """[app] reset from specwalk.toml, run from the app\'s directory before each test."""',
            "    done = subprocess.run(  # noqa: S602 - the command from specwalk.toml",
            "        RESET_COMMAND, shell=True, cwd=APP_CWD, capture_output=True, text=True, check=False,",
            "        env={**RESET_ENV, **os.environ},",
            "    )",
            "    if done.returncode != 0:",
            '        pytest.fail(f"[app] reset failed (exit status {done.returncode}): {RESET_COMMAND}\\n"'
            ' f"{done.stdout}{done.stderr}")',
        ]
    out += [
        "",
        "",
        "@pytest.fixture",
        "def page(",
        "    request: pytest.FixtureRequest, specwalk_browser: Browser, specwalk_base_url: str",
        ") -> Iterator[Page]:",
    ]
    if report.setups:
        out += [
            '    marker = request.node.get_closest_marker("specwalk_setup")',
            "    state = _saved_state(marker.args[0], specwalk_browser, specwalk_base_url) if marker else None",
        ]
    else:
        out.append("    state = None")
    out += [
        "    context = specwalk_browser.new_context(base_url=specwalk_base_url, storage_state=state)",
        f"    context.set_default_timeout({settings.test_timeout_ms // 2})",
        "    try:",
        "        page = context.new_page()",
        "        yield page",
        "    finally:",
        "        context.close()",
    ]
    return "\n".join(out) + "\n"


def emit_python(report: RunReport, settings: SuiteSettings) -> dict[str, str]:
    """The suite's files, relative to the tests directory."""
    files = {spec.path: _module_text(report, spec) for spec in plan_files(report, "python")}
    files[CONFTEST_FILE] = _conftest_text(report, settings)
    return dict(sorted(files.items()))
