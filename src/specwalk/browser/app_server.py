"""The app's dev server: start it, wait until it answers, and always stop it and its children.

The server runs in its own process group (a new session), so a terminal's Ctrl-C reaches only
specwalk, which then stops the whole group itself: SIGTERM, a grace period, then SIGKILL for
anything left, including descendants that moved to another group.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from specwalk.errors import AppStartError, Interrupted

LOG_TAIL_LINES = 30
_STOP_GRACE_SECONDS = 5.0
_POLL_SECONDS = 0.2

ProgressCallback = Callable[[str, float, float], None]  # (ready_url, elapsed, timeout)


@dataclass(frozen=True)
class AppSpec:
    """What it takes to run one app; built from the config by the pipeline."""

    command: str
    cwd: Path
    port: int
    base_url: str  # may contain {port}
    ready_url: str  # may contain {port}; empty means base_url
    start_timeout: float
    log_path: Path
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RunningApp:
    base_url: str
    ready_url: str
    port: int | None
    pid: int | None  # None when the app was already running (--base-url)
    log_path: Path | None
    command: str


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((host, port)) == 0:
            return True
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Servers set SO_REUSEADDR, so connections in TIME_WAIT do not make a port "taken".
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when an HTTP server answers `url` with anything but a server error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local app URL
            return int(response.status) < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (urllib.error.URLError, OSError, ValueError):
        return False


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text.splitlines()[-lines:]


_live_servers: set[AppServer] = set()


@atexit.register
def _stop_leftovers() -> None:
    # Backstop for paths that skip `with` (os._exit excepted): never leave a dev server behind.
    for server in list(_live_servers):
        server.stop()


class AppServer:
    """Context manager around one dev-server process group."""

    def __init__(self, spec: AppSpec, *, on_progress: ProgressCallback | None = None) -> None:
        self.spec = spec
        self._on_progress = on_progress
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: object | None = None
        self.app: RunningApp | None = None

    def __enter__(self) -> RunningApp:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _choose_port(self) -> tuple[int, str | None]:
        spec = self.spec
        if not port_in_use(spec.port):
            return spec.port, None
        if "{port}" not in spec.command:
            raise AppStartError(
                f"port {spec.port} on 127.0.0.1 is already in use and app.command has no {{port}} "
                "placeholder, so specwalk cannot move the app to a free port",
                hint=f"stop what uses port {spec.port}, add {{port}} to app.command, or, if that is "
                f"your app already running, pass --base-url {spec.base_url.replace('{port}', str(spec.port))}",
            )
        port = free_port()
        return port, f"port {spec.port} is in use; starting the app on free port {port}"

    def start(self) -> RunningApp:
        spec = self.spec
        port, note = self._choose_port()
        if note and self._on_progress:
            self._on_progress(note, 0.0, spec.start_timeout)
        command = spec.command.replace("{port}", str(port))
        base_url = spec.base_url.replace("{port}", str(port))
        ready_url = (spec.ready_url or spec.base_url).replace("{port}", str(port))
        spec.log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = spec.log_path.open("wb")
        log_file.write(f"$ {command}\n".encode())
        log_file.flush()
        self._log_file = log_file
        env = {**os.environ, **spec.env, "PORT": str(port), "BROWSER": "none"}
        try:
            self._process = subprocess.Popen(  # noqa: S602 - the user's own dev command
                command,
                shell=True,
                cwd=spec.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            raise AppStartError(f"could not run app.command `{command}` in {spec.cwd}: {exc.strerror}") from exc
        _live_servers.add(self)
        self.app = RunningApp(base_url, ready_url, port, self._process.pid, spec.log_path, command)
        self._wait_until_ready(ready_url, command)
        return self.app

    def _wait_until_ready(self, ready_url: str, command: str) -> None:
        assert self._process is not None
        started = time.monotonic()
        while True:
            elapsed = time.monotonic() - started
            code = self._process.poll()
            if code is not None:
                self._fail(f"the app exited with status {code} before it answered at {ready_url}", command)
            if answers(ready_url, timeout=min(2.0, max(0.2, self.spec.start_timeout - elapsed))):
                return
            if elapsed >= self.spec.start_timeout:
                self._fail(
                    f"the app did not answer at {ready_url} within {self.spec.start_timeout:g} s (app.start_timeout)",
                    command,
                )
            if self._on_progress:
                self._on_progress(ready_url, elapsed, self.spec.start_timeout)
            time.sleep(_POLL_SECONDS)

    def _fail(self, reason: str, command: str) -> None:
        self.stop()
        tail = log_tail(self.spec.log_path)
        lines = [
            reason,
            f"command: {command}  (in {self.spec.cwd})",
            f"last {len(tail)} lines of {self.spec.log_path}:",
        ]
        lines.extend(f"  | {line}" for line in tail)
        raise AppStartError(
            *lines,
            hint="fix app.command / app.port / app.ready_url in specwalk.toml, or start the app yourself "
            "and pass --base-url",
        )

    def stop(self) -> None:
        """Stop the process group and every descendant; safe to call twice, shielded from signals."""
        process, self._process = self._process, None
        _live_servers.discard(self)
        if process is not None:
            with _signals_deferred():
                _terminate_tree(process)
        log_file, self._log_file = self._log_file, None
        if log_file is not None:
            log_file.close()  # type: ignore[attr-defined]


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while cleaning up, so a second Ctrl-C cannot leave orphans."""
    if sys.platform == "win32":
        yield
        return
    blocked = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _terminate_tree(process: subprocess.Popen[bytes]) -> None:
    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        descendants = []
    _signal_group(process.pid, signal.SIGTERM)
    for child in descendants:
        _signal_process(child, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_GRACE_SECONDS
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=_STOP_GRACE_SECONDS)
    _, alive = psutil.wait_procs(descendants, timeout=max(0.0, deadline - time.monotonic()))
    if process.poll() is None or alive:
        _signal_group(process.pid, signal.SIGKILL)
        for child in alive:
            _signal_process(child, signal.SIGKILL)
        process.wait(timeout=_STOP_GRACE_SECONDS)
        psutil.wait_procs(alive, timeout=_STOP_GRACE_SECONDS)


def _signal_group(pgid: int, signum: int) -> None:
    if sys.platform == "win32":
        return
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def _signal_process(process: psutil.Process, signum: int) -> None:
    with suppress(psutil.Error):
        process.send_signal(signum)


def external_app(base_url: str, ready_url: str = "") -> RunningApp:
    """An app the user already runs: checked once, never started or stopped by us."""
    url = ready_url or base_url
    if not answers(url, timeout=5.0):
        raise AppStartError(
            f"nothing answers at {url} (given with --base-url)",
            hint="start your app first, or drop --base-url to let specwalk start it from specwalk.toml",
        )
    return RunningApp(base_url, url, None, None, None, "")


@contextmanager
def termination_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM (and SIGHUP) into an `Interrupted` exception so `with` blocks clean up."""
    if sys.platform == "win32":
        yield
        return

    def _raise(signum: int, _frame: object) -> None:
        raise Interrupted(f"stopped by {signal.Signals(signum).name}")

    previous = {sig: signal.signal(sig, _raise) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
