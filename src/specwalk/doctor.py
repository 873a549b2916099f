"""`specwalk doctor`: what this machine has for specwalk, checked for real (a page is opened)."""

from __future__ import annotations

import http.server
import platform
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from specwalk import __version__
from specwalk.browser.discovery import BrowserInfo, find_browser, install_hint
from specwalk.errors import SpecwalkError
from specwalk.verify.runner import find_playwright_test

if TYPE_CHECKING:
    from specwalk.browser.playwright_driver import FailedRequest

_PROBE_TITLE = "specwalk doctor probe"
_PROBE_PAGE = (
    f"<!doctype html><html><head><title>{_PROBE_TITLE}</title></head>"
    "<body><button type=button onclick=\"this.textContent='clicked'\">Probe</button></body></html>"
).encode()


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool
    hint: str = ""


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[Check, ...]
    browser: BrowserInfo | None

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks if check.required)


def _command_version(command: str, env: dict[str, str]) -> str | None:
    executable = shutil.which(command, path=env.get("PATH"))
    if executable is None:
        return None
    try:
        result = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=20, check=False, env=env
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    output = (result.stdout or result.stderr).strip()
    return output.splitlines()[0] if result.returncode == 0 and output else None


@contextmanager
def _probe_server() -> Iterator[str]:
    """A one-page HTTP server on 127.0.0.1, so the check proves loopback networking too."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(_PROBE_PAGE)))
            self.end_headers()
            self.wfile.write(_PROBE_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def check_page_opens(browser: BrowserInfo, *, headless: bool = True) -> Check:
    from specwalk.browser.playwright_driver import browser_session

    try:
        with _probe_server() as url, browser_session(browser, headless=headless) as session:
            snapshot = session.visit(url)
    except SpecwalkError as exc:
        return Check("opens a page", False, str(exc), True, exc.hint or "")
    if snapshot.title != _PROBE_TITLE:
        return Check("opens a page", False, f"loaded {url} but read the title {snapshot.title!r}", True)
    return Check("opens a page", True, f"loaded a page from {url} headless and read its title", True)


def run_doctor(
    *, project_root: Path, browser_path: str, env: dict[str, str], headless: bool = True, open_page: bool = True
) -> DoctorReport:
    checks: list[Check] = [
        Check(
            "python",
            sys.version_info >= (3, 11),
            f"{platform.python_version()} ({sys.executable})",
            True,
            "specwalk needs Python 3.11 or newer",
        ),
        Check("specwalk", True, __version__, False),
    ]
    try:
        checks.append(Check("playwright (Python)", True, metadata.version("playwright"), True))
    except metadata.PackageNotFoundError:
        checks.append(Check("playwright (Python)", False, "not installed", True, "pip install 'specwalk[browser]'"))

    node = _command_version("node", env)
    checks.append(
        Check(
            "node",
            node is not None,
            node or "not found",
            False,
            "install Node.js 18+ to run emitted Playwright Test suites",
        )
    )
    npm = _command_version("npm", env)
    checks.append(Check("npm", npm is not None, npm or "not found", False, "npm comes with Node.js"))
    found = find_playwright_test(project_root)
    checks.append(
        Check(
            "@playwright/test",
            found is not None,
            f"{found[0]} ({found[1]})" if found else f"not installed for {project_root}",
            False,
            "npm install --save-dev @playwright/test   (needed to run the emitted TypeScript tests)",
        )
    )

    browser: BrowserInfo | None = None
    try:
        browser = find_browser(browser_path, env)
    except SpecwalkError as exc:
        checks.append(Check("browser", False, str(exc), True, exc.hint or install_hint()))
    else:
        version = browser.version or "version unknown"
        checks.append(Check("browser", True, f"{version} at {browser.path} ({browser.source})", True))
        if open_page and not any(not c.ok for c in checks if c.name == "playwright (Python)"):
            checks.append(check_page_opens(browser, headless=headless))
    return DoctorReport(tuple(checks), browser)


# --- doctor --app: hosts the app calls that do not answer ------------------------------------

# Files Vite, Create React App, Next.js and the Vue CLI read variables from, most specific last.
_ENV_FILES = (".env", ".env.local", ".env.development", ".env.development.local")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")
# What must work for the app to work: its page, its code and its API calls.
_NEEDED = frozenset({"document", "script", "fetch", "xhr", "websocket", "eventsource"})


@dataclass(frozen=True)
class UnreachableHost:
    origin: str  # scheme://host:port
    error: str  # Chromium's error for the first request, net::ERR_CONNECTION_REFUSED
    requests: tuple[str, ...]  # "fetch /api/articles", at most a few
    needed: bool  # a page, script or API call failed (not only images, fonts or styles)
    variable: str | None = None  # where the project sets the host: ".env: VITE_API_HOST=http://…"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def env_variables(root: Path) -> list[tuple[str, str, str]]:
    """(file, name, value) for every variable of the project's .env files."""
    found: list[tuple[str, str, str]] = []
    for name in _ENV_FILES:
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            match = _ENV_LINE.match(line)
            if match and not line.lstrip().startswith("#"):
                found.append((name, match.group(1), match.group(2).strip("'\"")))
    return found


def unreachable_hosts(failed: Sequence[FailedRequest], root: Path) -> list[UnreachableHost]:
    """The hosts behind `failed`, each with the .env variable that names it, when there is one."""
    by_origin: dict[str, list[FailedRequest]] = {}
    for request in failed:
        by_origin.setdefault(_origin(request.url), []).append(request)
    variables = env_variables(root)
    hosts = []
    for origin, requests in sorted(by_origin.items()):
        netloc = urlsplit(origin).netloc
        named = [
            f"{file}: {name}={value}"
            for file, name, value in variables
            if value and (netloc in value or (value.startswith("http") and _origin(value) == origin))
        ]
        shown = tuple(dict.fromkeys(f"{r.resource_type} {urlsplit(r.url).path or '/'}" for r in requests))[:3]
        hosts.append(
            UnreachableHost(
                origin=origin,
                error=requests[0].error,
                requests=shown,
                needed=any(request.resource_type in _NEEDED for request in requests),
                variable=named[-1] if named else None,
            )
        )
    return hosts
