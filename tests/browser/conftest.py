from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from specwalk.browser.discovery import BrowserInfo, find_browser
from specwalk.browser.playwright_driver import BrowserSession, browser_session

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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_directory(
    directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) while the generator is open; yields its URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def session(browser: BrowserInfo) -> Iterator[BrowserSession]:
    """One Chromium per test module; each test opens its own fresh context in it."""
    with browser_session(browser) as opened:
        yield opened
