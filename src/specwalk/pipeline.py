"""The core the CLI (and later the MCP server) call: plain functions, no printing.

Long work reports through callbacks; the front-ends decide how to show it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from specwalk.browser.app_server import AppServer, AppSpec, ProgressCallback, RunningApp, external_app
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import CONFIG_FILENAME, Config, build_config, render_toml
from specwalk.detect import Detection, detect_project
from specwalk.errors import UsageError


@dataclass(frozen=True)
class InitResult:
    path: Path
    config: Config
    detection: Detection


def config_from_detection(detection: Detection, root: Path) -> Config:
    return build_config(
        {
            "project": {
                "framework": detection.framework,
                "package_manager": detection.package_manager,
                "source_roots": detection.source_roots,
                "requirements": detection.requirements,
                "locales": detection.locales,
            },
            "app": {
                "command": detection.command,
                "port": detection.port,
                "base_url": "http://127.0.0.1:{port}/",
                "ready_url": "http://127.0.0.1:{port}/",
                "start_timeout": 60.0,
            },
        },
        root=root,
    )


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def init_project(root: Path, *, force: bool = False) -> InitResult:
    """Detect the project at `root` and write its specwalk.toml."""
    root = root.resolve()
    target = root / CONFIG_FILENAME
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists",
            hint="pass --force to overwrite it (your edits will be lost), or edit it by hand",
        )
    detection = detect_project(root)
    config = config_from_detection(detection, root)
    write_atomic(target, render_toml(config))
    return InitResult(target, config, detection)


def app_spec(config: Config) -> AppSpec:
    if not config.app.command.strip():
        where = config.source or CONFIG_FILENAME
        raise UsageError(
            f"{where}: app.command is empty, so specwalk cannot start the app",
            hint='set app.command (e.g. "npm run dev -- --port {port}"), or start the app yourself and pass --base-url',
        )
    return AppSpec(
        command=config.app.command,
        cwd=config.root,
        port=config.app.port,
        base_url=config.app.base_url,
        ready_url=config.app.ready_url,
        start_timeout=config.app.start_timeout,
        log_path=config.output_dir / "logs" / "app.log",
    )


@contextmanager
def running_app(
    config: Config, *, base_url: str | None = None, on_progress: ProgressCallback | None = None
) -> Iterator[RunningApp]:
    """The app, started from the config (and stopped after), or the one already at `base_url`."""
    if base_url:
        yield external_app(base_url)
        return
    with AppServer(app_spec(config), on_progress=on_progress) as app:
        yield app


@dataclass(frozen=True)
class AppCheck:
    app: RunningApp
    title: str
    url: str
    interactive_elements: int
    screenshot: Path


def check_app(
    config: Config,
    browser: BrowserInfo,
    *,
    base_url: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> AppCheck:
    """Start (or reach) the app, open it in the browser, take a screenshot, stop it."""
    from specwalk.browser.playwright_driver import browser_session

    screenshot = config.output_dir / "doctor" / "app.png"
    with (
        running_app(config, base_url=base_url, on_progress=on_progress) as app,
        browser_session(browser, headless=config.browser.headless) as session,
    ):
        snapshot = session.visit(app.base_url, screenshot=screenshot)
    return AppCheck(app, snapshot.title, snapshot.url, snapshot.interactive_elements, screenshot)
