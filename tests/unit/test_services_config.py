"""[[app.services]] in specwalk.toml: validated, and turned into what the app lifecycle starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import load_config, render_toml
from specwalk.errors import ConfigError
from specwalk.pipeline import app_spec

SERVICES = """\
[app]
command = "npm run dev -- --port {port}"
port = 5176
reset = "npm run --silent db:reset"

[[app.services]]
name = "api"
command = "python3 server.py --port {port}"
cwd = "api"
port = 8799
ready_url = "http://127.0.0.1:{port}/api/health"

[[app.services]]
command = "redis-server"
"""


def test_services_become_specs_with_their_folder_log_and_port_variable(tmp_path: Path) -> None:
    (tmp_path / "specwalk.toml").write_text(SERVICES, encoding="utf-8")
    config = load_config(tmp_path / "specwalk.toml", env={})
    spec = app_spec(config)
    api, unnamed = spec.services
    assert (api.name, api.command, api.port) == ("api", "python3 server.py --port {port}", 8799)
    assert api.cwd == (tmp_path / "api").resolve()
    assert api.ready_url == "http://127.0.0.1:{port}/api/health"
    assert api.log_path == tmp_path / ".specwalk" / "logs" / "api.log"
    assert api.port_variable == "API_PORT"
    assert unnamed.log_path.name == "service-2.log" and unnamed.port_variable == ""
    assert unnamed.cwd == tmp_path.resolve()


def test_services_survive_a_round_trip_through_render_toml(tmp_path: Path) -> None:
    (tmp_path / "specwalk.toml").write_text(SERVICES, encoding="utf-8")
    config = load_config(tmp_path / "specwalk.toml", env={})
    (tmp_path / "again.toml").write_text(render_toml(config), encoding="utf-8")
    assert load_config(tmp_path / "again.toml", env={}).app == config.app


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('name = "my api"\ncommand = "x"', "use letters, digits"),
        ('name = "app"\ncommand = "x"', '"app" names the dev server'),
        ('name = "api"\ncommand = "x"\nport = 0', "app.services.port = 0 is invalid"),
        ('name = "api"\ncommand = "x"\nready_url = "localhost:8799"', "must be an http:// or https:// URL"),
        ('name = "api"', "app.services.command"),
    ],
)
def test_a_bad_service_names_the_file_and_the_fix(tmp_path: Path, entry: str, message: str) -> None:
    (tmp_path / "specwalk.toml").write_text(f"[[app.services]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "specwalk.toml", env={})
    assert str(tmp_path / "specwalk.toml") in str(caught.value)
    assert message in str(caught.value)


def test_two_services_with_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "specwalk.toml").write_text(
        '[[app.services]]\nname = "api"\ncommand = "a"\n[[app.services]]\nname = "api"\ncommand = "b"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"two \[\[app\.services\]\] are named api"):
        load_config(tmp_path / "specwalk.toml", env={})


def test_the_emitted_suite_gets_the_services_with_their_ports_and_folders(tmp_path: Path) -> None:
    from specwalk.emit.layout import suite_settings

    (tmp_path / "specwalk.toml").write_text(SERVICES, encoding="utf-8")
    settings = suite_settings(load_config(tmp_path / "specwalk.toml", env={}))
    api, unnamed = settings.services
    assert (api.command, api.cwd, api.port, api.ready_url) == (
        "python3 server.py --port 8799",
        "../api",  # from e2e-generated/
        8799,
        "http://127.0.0.1:8799/api/health",
    )
    assert (unnamed.command, unnamed.cwd, unnamed.port, unnamed.port_variable) == ("redis-server", "..", None, "")
    assert settings.app_env == {"API_PORT": "8799"}
