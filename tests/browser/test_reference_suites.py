"""Each example's hand-written e2e-reference suite, run by the real @playwright/test runner
against the app started through specwalk's lifecycle code."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pytest

from specwalk.browser.app_server import AppServer
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import load_config
from specwalk.pipeline import app_spec

from ..conftest import EXAMPLE_NAMES, EXAMPLES


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_reference_suite_passes_against_the_app(name: str, browser: BrowserInfo, tmp_path: Path) -> None:
    example = EXAMPLES / name
    if not (example / "node_modules" / "@playwright" / "test").is_dir():
        pytest.fail(f"{example}/node_modules is missing @playwright/test: run `make node`")
    config = load_config(example / "specwalk.toml", env={})
    spec = dataclasses.replace(app_spec(config), log_path=tmp_path / "app.log")
    with AppServer(spec) as app:
        result = subprocess.run(
            ["npx", "playwright", "test", "-c", "e2e-reference", "--reporter=list", "--output", str(tmp_path / "out")],
            cwd=example,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "SPECWALK_BASE_URL": app.base_url, "SPECWALK_BROWSER": str(browser.path), "CI": "1"},
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"^\s*(\d+) passed", output, re.MULTILINE)
    assert passed is not None, output
    assert int(passed.group(1)) >= 8, output
    assert not re.search(r"^\s*\d+ (failed|flaky|skipped)", output, re.MULTILINE), output
