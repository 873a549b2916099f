from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import psutil
import pytest

from specwalk.browser.discovery import BrowserInfo, find_browser

APPS = Path(__file__).parent / "apps"


@pytest.fixture(scope="session")
def browser() -> BrowserInfo:
    """The browser the suite drives; a missing one fails loudly (make installs one)."""
    try:
        return find_browser(os.environ.get("SPECWALK_BROWSER", ""), dict(os.environ))
    except Exception as exc:  # pragma: no cover - environment problem, reported as such
        pytest.fail(f"no browser for the browser tests: {exc} ({getattr(exc, 'hint', '')}); run `make browser`")


def tree_server_command(detach_grandchild: bool = False) -> str:
    extra = " --detach-grandchild" if detach_grandchild else ""
    return f"{sys.executable} {APPS / 'tree_server.py'} {{port}}{extra}"


def wait_gone(processes: list[psutil.Process], timeout: float = 10.0) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    alive = processes
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.1)
    return alive
