"""The app's dev server and the services it needs: start them, wait until they answer, and
always stop them and their children.

Services (an API, a database) start first, in the order configured, then the dev server. Each
runs in its own process group (a new session), so a terminal's Ctrl-C reaches only specwalk,
which then stops every group itself, the app first: SIGTERM, a grace period, then SIGKILL for
anything left, including descendants that moved to another group.
"""

from __future__ import annotations

import atexit
import os
import re
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


def port_variable(service_name: str) -> str:
    """API_PORT for a service named api: how the commands started after it learn its port."""
    stem = re.sub(r"[^A-Z0-9]+", "_", service_name.upper()).strip("_")
    return f"{stem}_PORT" if stem else ""


@dataclass(frozen=True)
class ServiceSpec:
    """A process the app needs (an API, a database), started before it; from `[[app.services]]`."""

    name: str
    command: str  # may contain {port}
    cwd: Path
    port: int | None
    ready_url: str  # may contain {port}; empty: wait for the port to accept connections, if any
    start_timeout: float
    log_path: Path

    @property
    def port_variable(self) -> str:
        """The environment variable that tells later commands this service's port (api -> API_PORT)."""
        return port_variable(self.name) if self.port is not None else ""

    @property
    def label(self) -> str:
        return f'service "{self.name}"' if self.name else "service"


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
    services: tuple[ServiceSpec, ...] = ()


@dataclass(frozen=True)
class RunningService:
    name: str
    port: int | None
    pid: int
    log_path: Path
    command: str


@dataclass(frozen=True)
class RunningApp:
    base_url: str
    ready_url: str
    port: int | None
    pid: int | None  # None when the app was already running (--base-url)
    log_path: Path | None
    command: str
    services: tuple[RunningService, ...] = ()
    # What the app's command got on top of specwalk's environment: the services' ports
    # (API_PORT=…). Commands run against the app, such as [app] reset, need it too.
    env: Mapping[str, str] = field(default_factory=dict)


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


def port_reachable(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on `port` (a service that is not HTTP)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


_live_servers: set[AppServer] = set()


@atexit.register
def _stop_leftovers() -> None:
    # Backstop for paths that skip `with` (os._exit excepted): never leave a dev server behind.
    for server in list(_live_servers):
        server.stop()


class _Group:
    """One command in its own process group, its output in a log file."""

    def __init__(self, command: str, cwd: Path, env: Mapping[str, str], log_path: Path, what: str) -> None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log_path
        self._log_file = log_path.open("wb")
        self._log_file.write(f"$ {command}\n".encode())
        self._log_file.flush()
        try:
            self.process: subprocess.Popen[bytes] | None = subprocess.Popen(  # noqa: S602 - the user's own command
                command,
                shell=True,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                env={**os.environ, **env},
                start_new_session=True,
            )
        except OSError as exc:
            self._log_file.close()
            raise AppStartError(f"could not run {what} `{command}` in {cwd}: {exc.strerror}") from exc
        self.pid = self.process.pid

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            _terminate_tree(process)
        if not self._log_file.closed:
            self._log_file.close()


def _choose_port(port: int, command: str, what: str, key: str, url_hint: str) -> tuple[int, str | None]:
    """`port` if free; else a free one when `command` has {port}; else an AppStartError saying what to do."""
    if not port_in_use(port):
        return port, None
    if "{port}" not in command:
        raise AppStartError(
            f"port {port} on 127.0.0.1 is already in use and {key} has no {{port}} "
            f"placeholder, so specwalk cannot move the {what} to a free port",
            hint=f"stop what uses port {port}, or add {{port}} to {key}{url_hint}",
        )
    free = free_port()
    return free, f"port {port} is in use; starting the {what} on free port {free}"


class AppServer:
    """Context manager around the app's dev-server process group and those of its services."""

    def __init__(self, spec: AppSpec, *, on_progress: ProgressCallback | None = None) -> None:
        self.spec = spec
        self._on_progress = on_progress
        self._groups: list[_Group] = []  # services first, the app last; stopped in reverse
        self.app: RunningApp | None = None

    def __enter__(self) -> RunningApp:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _note(self, note: str | None, timeout: float) -> None:
        if note and self._on_progress:
            self._on_progress(note, 0.0, timeout)

    def start(self) -> RunningApp:
        _live_servers.add(self)
        extra_env: dict[str, str] = {}
        services = [self._start_service(service, extra_env) for service in self.spec.services]
        spec = self.spec
        url = spec.base_url.replace("{port}", str(spec.port))
        hint = f", or, if that is your app already running, pass --base-url {url}"
        port, note = _choose_port(spec.port, spec.command, "app", "app.command", hint)
        self._note(note, spec.start_timeout)
        command = spec.command.replace("{port}", str(port))
        base_url = spec.base_url.replace("{port}", str(port))
        ready_url = (spec.ready_url or spec.base_url).replace("{port}", str(port))
        env = {**spec.env, **extra_env, "PORT": str(port), "BROWSER": "none"}
        group = _Group(command, spec.cwd, env, spec.log_path, "app.command")
        self._groups.append(group)
        self.app = RunningApp(
            base_url, ready_url, port, group.pid, spec.log_path, command, tuple(services), dict(extra_env)
        )
        self._wait_until_ready(group, ready_url, None, spec.start_timeout, command, "app", spec.cwd)
        return self.app

    def _start_service(self, service: ServiceSpec, extra_env: dict[str, str]) -> RunningService:
        """Start one service, wait for it, and add its port to `extra_env` for what starts after it."""
        port = service.port
        command = service.command
        if port is not None:
            key = f"the command of {service.label}"
            port, note = _choose_port(port, command, service.label, key, " in [[app.services]]")
            self._note(note, service.start_timeout)
            command = command.replace("{port}", str(port))
        ready_url = service.ready_url.replace("{port}", str(port)) if port is not None else service.ready_url
        env = {**self.spec.env, **extra_env}
        if port is not None:
            env["PORT"] = str(port)
        group = _Group(command, service.cwd, env, service.log_path, f"the command of {service.label}")
        self._groups.append(group)
        self._wait_until_ready(group, ready_url, port, service.start_timeout, command, service.label, service.cwd)
        if service.port_variable and port is not None:
            extra_env[service.port_variable] = str(port)
        return RunningService(service.name, port, group.pid, service.log_path, command)

    def _wait_until_ready(
        self, group: _Group, ready_url: str, port: int | None, timeout: float, command: str, what: str, cwd: Path
    ) -> None:
        """Poll `ready_url` (or else `port`) until it answers; nothing to wait for when neither is set."""
        if not ready_url and port is None:
            return
        target = ready_url or f"tcp://127.0.0.1:{port}"
        # Progress gets the app's URL as it is, a service's with its name: "://" marks a wait.
        waiting_for = target if what == "app" else f"{what} at {target}"
        started = time.monotonic()
        while True:
            elapsed = time.monotonic() - started
            code = group.exit_code()
            if code is not None:
                self._fail(f"the {what} exited with status {code} before it answered at {target}", command, group, cwd)
            if ready_url:
                up = answers(ready_url, timeout=min(2.0, max(0.2, timeout - elapsed)))
            else:
                up = port is not None and port_reachable(port)
            if up:
                return
            if elapsed >= timeout:
                key = "app.start_timeout" if what == "app" else "start_timeout of [[app.services]]"
                self._fail(f"the {what} did not answer at {target} within {timeout:g} s ({key})", command, group, cwd)
            if self._on_progress:
                self._on_progress(waiting_for, elapsed, timeout)
            time.sleep(_POLL_SECONDS)

    def _fail(self, reason: str, command: str, group: _Group, cwd: Path) -> None:
        self.stop()
        tail = log_tail(group.log_path)
        lines = [reason, f"command: {command}  (in {cwd})", f"last {len(tail)} lines of {group.log_path}:"]
        lines.extend(f"  | {line}" for line in tail)
        raise AppStartError(
            *lines,
            hint="fix app.command / app.port / app.ready_url (or the [[app.services]] entry) in specwalk.toml, "
            "or start the app yourself and pass --base-url",
        )

    def stop(self) -> None:
        """Stop every process group, the app first, and every descendant; safe to call twice, shielded from signals."""
        groups, self._groups = self._groups, []
        _live_servers.discard(self)
        if groups:
            with _signals_deferred():
                for group in reversed(groups):
                    group.stop()


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
