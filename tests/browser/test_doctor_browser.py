"""`specwalk doctor` with a real Chromium: it opens a page, and with --app the example app."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from specwalk.browser.app_server import AppServer
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import load_config
from specwalk.doctor import run_doctor
from specwalk.pipeline import app_spec

from ..conftest import EXAMPLES


def test_doctor_opens_a_page_in_the_real_browser(browser: BrowserInfo, env: dict[str, str]) -> None:
    report = run_doctor(project_root=EXAMPLES / "tasks-react", browser_path=str(browser.path), env=env)
    checks = {check.name: check for check in report.checks}
    assert report.ok, report.checks
    assert checks["opens a page"].ok
    assert checks["browser"].detail.startswith(browser.version)
    assert checks["@playwright/test"].ok  # the example's own devDependency


def doctor(*args: str, browser: BrowserInfo) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPECWALK_BROWSER": str(browser.path), "COLUMNS": "250"}
    return subprocess.run(
        [sys.executable, "-m", "specwalk", "doctor", *args], capture_output=True, text=True, env=env, timeout=180
    )


def test_doctor_app_starts_opens_and_stops_the_example(browser: BrowserInfo, tmp_path: Path) -> None:
    result = doctor("--app", "--config", str(EXAMPLES / "notes-html" / "specwalk.toml"), browser=browser)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "app: started `python3 -m http.server" in result.stdout
    assert "app: stopped the dev server and its children" in result.stdout
    assert (EXAMPLES / "notes-html" / ".specwalk" / "doctor" / "app.png").stat().st_size > 1000


def test_doctor_with_base_url_uses_the_running_app(browser: BrowserInfo, tmp_path: Path) -> None:
    config = load_config(EXAMPLES / "notes-html" / "specwalk.toml", env={})
    spec = app_spec(config)
    with AppServer(dataclasses.replace(spec, log_path=tmp_path / "app.log")) as app:
        result = doctor("--base-url", app.base_url, "--config", str(config.source), browser=browser)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"app: opened {app.base_url}" in result.stdout
    assert "started" not in result.stdout


@pytest.mark.parametrize("browser_path", ["/nonexistent/chrome"])
def test_doctor_app_with_a_missing_browser_starts_nothing(browser_path: str, tmp_path: Path) -> None:
    env = {**os.environ, "SPECWALK_BROWSER": browser_path, "COLUMNS": "250"}
    result = subprocess.run(
        [sys.executable, "-m", "specwalk", "doctor", "--app", "-c", str(EXAMPLES / "notes-html" / "specwalk.toml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 4
    assert "app:" not in result.stdout


def test_doctor_app_names_the_api_host_that_does_not_answer_and_its_env_variable(
    browser: BrowserInfo, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the API that is not running
        probe.bind(("127.0.0.1", 0))
        api = f"http://127.0.0.1:{probe.getsockname()[1]}"
    project = tmp_path / "conduit"
    project.mkdir()
    (project / ".env").write_text(f"VITE_API_HOST={api}\n", encoding="utf-8")
    (project / "index.html").write_text(
        "<!doctype html><title>Conduit</title><h1>Conduit</h1><ul id=articles></ul>"
        f"<script>fetch('{api}/api/articles').then(r => r.json()).catch(() => {{}});</script>",
        encoding="utf-8",
    )
    (project / "specwalk.toml").write_text(
        '[project]\nframework = "html"\n'
        '[app]\ncommand = "python3 -m http.server {port} --bind 127.0.0.1"\nport = 5195\n',
        encoding="utf-8",
    )
    result = doctor("--app", "--config", str(project / "specwalk.toml"), browser=browser)
    assert result.returncode == 4, result.stdout + result.stderr
    assert f"app: MISSING {api} does not answer (net::ERR_CONNECTION_REFUSED)" in result.stdout
    assert "the app asked it for: fetch /api/articles" in result.stdout
    assert f"the address comes from .env: VITE_API_HOST={api}" in result.stdout
    assert "the app calls a host that does not answer" in result.stderr
