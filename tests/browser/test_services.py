"""[[app.services]]: processes the app needs (an API), started before it and stopped with it.

Real processes and sockets on 127.0.0.1; no browser.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from specwalk.browser.app_server import AppServer, AppSpec, ServiceSpec, answers, port_in_use
from specwalk.browser.discovery import BrowserInfo
from specwalk.errors import AppStartError

from .conftest import tree_server_command, wait_gone
from .test_app_lifecycle import start_serving, unused_port


def service(tmp_path: Path, command: str, port: int | None, *, name: str = "api", ready_url: str = "") -> ServiceSpec:
    return ServiceSpec(
        name=name,
        command=command,
        cwd=tmp_path,
        port=port,
        ready_url=ready_url,
        start_timeout=20.0,
        log_path=tmp_path / "logs" / f"{name}.log",
    )


def app_with(tmp_path: Path, command: str, port: int, *services: ServiceSpec) -> AppSpec:
    return AppSpec(
        command=command,
        cwd=tmp_path,
        port=port,
        base_url="http://127.0.0.1:{port}/",
        ready_url="",
        start_timeout=20.0,
        log_path=tmp_path / "logs" / "app.log",
        services=services,
    )


def tree(pid: int) -> list[psutil.Process]:
    return [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]


# The app echoes the port variable it was given, then serves: the log shows what it saw.
ECHO_APP = f"echo api is on port $API_PORT; exec {tree_server_command()}"


def test_services_start_first_tell_the_app_their_port_and_stop_with_it(tmp_path: Path) -> None:
    api_port, app_port = unused_port(), unused_port()
    api = service(tmp_path, tree_server_command(), api_port, ready_url="http://127.0.0.1:{port}/")
    with AppServer(app_with(tmp_path, ECHO_APP, app_port, api)) as app:
        assert [(s.name, s.port) for s in app.services] == [("api", api_port)]
        assert app.env == {"API_PORT": str(api_port)}
        assert answers(f"http://127.0.0.1:{api_port}/") and answers(app.base_url)
        processes = tree(app.services[0].pid) + tree(app.pid or 0)
    assert wait_gone(processes) == []
    assert not port_in_use(api_port) and not port_in_use(app_port)
    assert f"api is on port {api_port}" in (tmp_path / "logs" / "app.log").read_text()
    assert "tree server pid" in (tmp_path / "logs" / "api.log").read_text()


def test_a_taken_service_port_moves_the_service_and_the_app_follows(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        notes: list[str] = []
        api = service(tmp_path, tree_server_command(), taken)  # no ready_url: its port is waited for
        spec = app_with(tmp_path, ECHO_APP, unused_port(), api)
        with AppServer(spec, on_progress=lambda note, _e, _t: notes.append(note)) as app:
            moved = app.services[0].port
            assert moved is not None and moved != taken
            assert answers(f"http://127.0.0.1:{moved}/")
            assert app.env["API_PORT"] == str(moved)
        assert any(f'port {taken} is in use; starting the service "api" on free port {moved}' in n for n in notes)
    assert f"api is on port {moved}" in (tmp_path / "logs" / "app.log").read_text()


def test_a_taken_service_port_without_placeholder_is_explained(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        api = service(tmp_path, f"{sys.executable} -m http.server {taken}", taken)
        with pytest.raises(AppStartError) as caught, AppServer(app_with(tmp_path, ECHO_APP, unused_port(), api)):
            pass
    message = str(caught.value)
    assert f"port {taken}" in message and 'service "api"' in message and "{port}" in message
    assert not (tmp_path / "logs" / "app.log").exists()  # the app was never started


def test_a_service_that_crashes_is_reported_with_its_log_and_the_app_never_starts(tmp_path: Path) -> None:
    command = f"{sys.executable} -c \"print('no such database: blog.db'); raise SystemExit(2)\""
    api = service(tmp_path, command, unused_port())
    with pytest.raises(AppStartError) as caught, AppServer(app_with(tmp_path, ECHO_APP, unused_port(), api)):
        pass
    lines = caught.value.lines
    assert lines[0].startswith('the service "api" exited with status 2 before it answered at tcp://127.0.0.1:')
    assert any(command in line for line in lines)
    assert "  | no such database: blog.db" in lines
    assert str(tmp_path / "logs" / "api.log") in "\n".join(lines)
    assert not (tmp_path / "logs" / "app.log").exists()


def test_an_app_that_fails_stops_the_services_already_running(tmp_path: Path) -> None:
    api_port = unused_port()
    api = service(tmp_path, tree_server_command(), api_port)
    failing_app = f'{sys.executable} -c "raise SystemExit(5)"'
    server = AppServer(app_with(tmp_path, failing_app, unused_port(), api))
    with pytest.raises(AppStartError, match="the app exited with status 5"):
        server.start()
    assert not port_in_use(api_port)
    assert not any(
        str(api_port) in " ".join(p.info["cmdline"] or []) and "tree_server" in " ".join(p.info["cmdline"] or [])
        for p in psutil.process_iter(["cmdline"])
    )


def test_a_service_without_port_or_url_is_not_waited_for(tmp_path: Path) -> None:
    worker = service(tmp_path, f'{sys.executable} -c "import time; time.sleep(600)"', None, name="worker")
    with AppServer(app_with(tmp_path, tree_server_command(), unused_port(), worker)) as app:
        assert app.services[0].port is None and app.env == {}
        processes = tree(app.services[0].pid)
        assert all(p.is_running() for p in processes)
    assert wait_gone(processes) == []


def test_serve_stops_the_services_on_sigint(tmp_path: Path) -> None:
    api_port, app_port = unused_port(), unused_port()
    config = tmp_path / "specwalk.toml"
    config.write_text(
        f'[app]\ncommand = "{ECHO_APP}"\nport = {app_port}\n[output]\ndir = "{tmp_path / ".sw"}"\n'
        f'[[app.services]]\nname = "api"\ncommand = "{tree_server_command()}"\nport = {api_port}\n',
        encoding="utf-8",
    )
    process, _ready = start_serving(config, tmp_path)
    try:
        api_pid = next(
            p.pid
            for p in psutil.process_iter(["cmdline"])
            if "tree_server.py" in " ".join(p.info["cmdline"] or []) and str(api_port) in " ".join(p.info["cmdline"])
        )
        processes = tree(api_pid)
        assert answers(f"http://127.0.0.1:{api_port}/")
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert wait_gone(processes) == []
    assert not port_in_use(api_port) and not port_in_use(app_port)
    assert (tmp_path / ".sw" / "logs" / "api.log").is_file()


def test_doctor_app_starts_the_services_and_stops_them(tmp_path: Path, browser: BrowserInfo) -> None:
    api_port, app_port = unused_port(), unused_port()
    config = tmp_path / "specwalk.toml"
    config.write_text(
        f'[app]\ncommand = "{ECHO_APP}"\nport = {app_port}\n[output]\ndir = "{tmp_path / ".sw"}"\n'
        f'[[app.services]]\nname = "api"\ncommand = "{tree_server_command()}"\nport = {api_port}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "SPECWALK_BROWSER": str(browser.path), "COLUMNS": "300"}
    result = subprocess.run(
        [sys.executable, "-m", "specwalk", "doctor", "--app", "-c", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"app: started api `{tree_server_command().replace('{port}', str(api_port))}`" in result.stdout
    assert f"on port {api_port}" in result.stdout
    assert "app: stopped the dev server, its services and their children" in result.stdout
    assert not port_in_use(api_port) and not port_in_use(app_port)
