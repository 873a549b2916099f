"""The dev-server lifecycle against real processes and sockets on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from specwalk.browser.app_server import AppServer, AppSpec, answers, external_app, port_in_use
from specwalk.errors import AppStartError

from .conftest import tree_server_command, wait_gone

REPO = Path(__file__).resolve().parents[2]


def spec(tmp_path: Path, command: str, port: int, timeout: float = 20.0) -> AppSpec:
    return AppSpec(
        command=command,
        cwd=tmp_path,
        port=port,
        base_url="http://127.0.0.1:{port}/",
        ready_url="",
        start_timeout=timeout,
        log_path=tmp_path / "logs" / "app.log",
    )


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("detach", [False, True], ids=["same-group", "detached-grandchild"])
def test_start_waits_until_ready_and_stop_kills_the_whole_tree(tmp_path: Path, detach: bool) -> None:
    port = unused_port()
    progress: list[float] = []
    with AppServer(
        spec(tmp_path, tree_server_command(detach), port), on_progress=lambda _u, e, _t: progress.append(e)
    ) as app:
        assert app.port == port and app.base_url == f"http://127.0.0.1:{port}/"
        assert answers(app.base_url)
        assert app.pid is not None
        tree = [psutil.Process(app.pid), *psutil.Process(app.pid).children(recursive=True)]
        assert len(tree) >= 3  # shell or server, child, grandchild
    assert wait_gone(tree) == []
    assert not port_in_use(port)
    assert "tree server pid" in (tmp_path / "logs" / "app.log").read_text()


def test_an_error_inside_the_block_still_stops_the_app(tmp_path: Path) -> None:
    port = unused_port()
    with pytest.raises(RuntimeError), AppServer(spec(tmp_path, tree_server_command(), port)) as app:
        assert app.pid is not None
        tree = [psutil.Process(app.pid), *psutil.Process(app.pid).children(recursive=True)]
        raise RuntimeError("boom")
    assert wait_gone(tree) == []
    assert not port_in_use(port)


def test_a_taken_port_moves_the_app_to_a_free_one(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        notes: list[str] = []
        with AppServer(
            spec(tmp_path, tree_server_command(), taken), on_progress=lambda u, _e, _t: notes.append(u)
        ) as app:
            assert app.port != taken
            assert app.base_url == f"http://127.0.0.1:{app.port}/"
            assert answers(app.base_url)
        assert any(f"port {taken} is in use" in note for note in notes)


def test_a_taken_port_without_placeholder_is_explained(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        with pytest.raises(AppStartError) as caught:
            AppServer(spec(tmp_path, "python3 -m http.server 1", taken)).start()
    assert f"port {taken}" in str(caught.value) and "{port}" in str(caught.value)
    assert caught.value.hint is not None and "--base-url" in caught.value.hint


def test_an_app_that_crashes_shows_its_command_and_last_30_log_lines(tmp_path: Path) -> None:
    script = "; ".join([*(f"print('line {n}')" for n in range(1, 41)), "raise SystemExit(3)"])
    command = f'{sys.executable} -c "{script}"'
    with pytest.raises(AppStartError) as caught, AppServer(spec(tmp_path, command, unused_port())):
        pass
    lines = caught.value.lines
    assert "exited with status 3" in lines[0]
    assert any(command in line for line in lines)
    logged = [line for line in lines if line.startswith("  | ")]
    assert len(logged) == 30
    assert logged[-1] == "  | line 40" and logged[0] == "  | line 11"


def test_an_app_that_never_answers_times_out_and_is_stopped(tmp_path: Path) -> None:
    command = f"{sys.executable} -c \"import time; print('booting', flush=True); time.sleep(60)\""
    started = time.monotonic()
    with pytest.raises(AppStartError) as caught, AppServer(spec(tmp_path, command, unused_port(), timeout=1.5)):
        pass
    assert time.monotonic() - started < 15
    assert "within 1.5 s" in str(caught.value)
    assert "  | booting" in caught.value.lines
    leftovers = [p for p in psutil.process_iter(["cmdline"]) if "time.sleep(60)" in " ".join(p.info["cmdline"] or [])]
    assert wait_gone(leftovers) == []


def test_external_app_is_checked_not_started(tmp_path: Path) -> None:
    port = unused_port()
    with pytest.raises(AppStartError, match="nothing answers"):
        external_app(f"http://127.0.0.1:{port}/")
    with AppServer(spec(tmp_path, tree_server_command(), port)) as running:
        app = external_app(running.base_url)
        assert app.pid is None and app.base_url == running.base_url


def write_config(directory: Path, command: str, port: int) -> Path:
    config = directory / "specwalk.toml"
    config.write_text(
        f'[app]\ncommand = "{command}"\nport = {port}\nstart_timeout = 60\n[output]\ndir = "{directory / ".sw"}"\n',
        encoding="utf-8",
    )
    return config


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_serving(config: Path, cwd: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "specwalk", "serve", "--config", str(config)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
        # As from a terminal: a shell running this suite in the background ignores SIGINT, and
        # the child would inherit that.
        preexec_fn=_default_sigint,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "app ready at" in line:
            return process, line
        if not line and process.poll() is not None:
            break
    process.kill()
    pytest.fail(f"specwalk serve did not get ready: {process.communicate()}")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("app", ["tree-server", "tasks-react"])
def test_signal_to_specwalk_leaves_no_server_process_and_frees_the_port(
    tmp_path: Path, signum: signal.Signals, app: str
) -> None:
    port = unused_port()
    if app == "tasks-react":
        cwd = REPO / "examples" / "tasks-react"
        if not (cwd / "node_modules").is_dir():
            pytest.fail("examples/tasks-react/node_modules missing: run `make node`")
        # The config must sit in the example (app.command runs in the config's directory).
        config = write_config(tmp_path, "npm run dev -- --port {port}", port).rename(cwd / f"specwalk.{port}.toml")
    else:
        cwd = tmp_path
        config = write_config(tmp_path, tree_server_command(), port)
    try:
        process, ready = start_serving(config, cwd)
        assert f"http://127.0.0.1:{port}/" in ready
        server_pid = int(ready.split("(pid ")[1].split(",")[0])
        tree = [psutil.Process(server_pid), *psutil.Process(server_pid).children(recursive=True)]
        assert answers(f"http://127.0.0.1:{port}/")
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 130, stderr
        assert "stopped cleanly" in stderr
        assert wait_gone(tree) == [], [p.cmdline() for p in tree if p.is_running()]
        assert not port_in_use(port)
    finally:
        if app == "tasks-react":
            config.unlink()
