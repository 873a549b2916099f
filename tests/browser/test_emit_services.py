"""The emitted suite starts [[app.services]] before the app when run on its own (no SPECWALK_BASE_URL).

The emitted playwright.config.ts / conftest.py are executed by their real runners: the service is
a static server with a status file, the app a page that shows the API_PORT it was started with.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from specwalk.browser.app_server import port_in_use
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import load_config
from specwalk.emit.files import write_files
from specwalk.emit.layout import suite_settings
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.verify.runner import run_suite

from ..conftest import EXAMPLES
from ..unit.emit.groceries import groceries_report

NODE_MODULES = EXAMPLES / "notes-html" / "node_modules"

# The app: writes a page naming the API port it was told, then serves it.
APP = (
    f"{sys.executable} -c \\\"import os, pathlib; pathlib.Path('index.html').write_text("
    "'<h1>api on ' + os.environ.get('API_PORT', 'nothing') + '</h1>')\\\" && "
    f"{sys.executable} -m http.server {{port}} --bind 127.0.0.1"
)

TS_SPEC = """import { test, expect } from '@playwright/test';

test('the service runs and the app knows its port', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading')).toHaveText('api on %(api)s');
  expect(await (await request.get('http://127.0.0.1:%(api)s/status.txt')).text()).toBe('api up');
});
"""

PY_TEST = """import urllib.request

from playwright.sync_api import Page, expect


def test_the_service_runs_and_the_app_knows_its_port(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading")).to_have_text("api on %(api)s")
    with urllib.request.urlopen("http://127.0.0.1:%(api)s/status.txt") as answer:
        assert answer.read() == b"api up"
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _project(tmp_path: Path) -> tuple[Path, int, int]:
    root = tmp_path / "project"
    (root / "api").mkdir(parents=True)
    (root / "site").mkdir()
    (root / "api" / "status.txt").write_text("api up", encoding="utf-8")
    if not (NODE_MODULES / "@playwright" / "test").is_dir():
        pytest.fail(f"{NODE_MODULES} is missing @playwright/test: run `make node`")
    (root / "node_modules").symlink_to(NODE_MODULES)
    api, app = _free_port(), _free_port()
    (root / "specwalk.toml").write_text(
        f'[app]\ncommand = "cd site && {APP}"\nport = {app}\n'
        f'[[app.services]]\nname = "api"\ncommand = "{sys.executable} -m http.server {{port}} --bind 127.0.0.1"\n'
        f'cwd = "api"\nport = {api}\n',
        encoding="utf-8",
    )
    return root, api, app


@pytest.mark.parametrize("language", ["typescript", "python"])
def test_the_emitted_suite_starts_the_services_first(tmp_path: Path, browser: BrowserInfo, language: str) -> None:
    root, api, app = _project(tmp_path)
    config = load_config(root / "specwalk.toml", env={})
    settings = suite_settings(config)
    tests_dir = config.resolve(config.output.tests_dir)
    emit = emit_typescript if language == "typescript" else emit_python
    kept = "playwright.config.ts" if language == "typescript" else "conftest.py"
    files = {kept: emit(groceries_report(), settings)[kept]}
    if language == "typescript":
        files["services.spec.ts"] = TS_SPEC % {"api": api}
    else:
        files["test_services.py"] = PY_TEST % {"api": api}
    write_files(tests_dir, files, track=False)

    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    run = run_suite(language, tests_dir, env=env, browser=browser.path, display_root=root)  # type: ignore[arg-type]
    assert run.errors == (), run.output
    assert [test.status for test in run.tests] == ["passed"], run.output
    assert not port_in_use(api) and not port_in_use(app)  # the runner stopped both
