from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import Config, build_config, load_config, render_toml
from specwalk.errors import ConfigError, UsageError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "specwalk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file_when_not_required(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, env={}, required=False)
    assert config.app.port == 5173
    assert config.base_url == "http://127.0.0.1:5173/"
    assert config.root == tmp_path.resolve()


def test_missing_file_names_the_directory_and_init(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load_config(cwd=tmp_path, env={})
    assert str(tmp_path) in str(caught.value)
    assert caught.value.hint is not None and "specwalk init" in caught.value.hint


def test_finds_the_nearest_config_upwards(tmp_path: Path) -> None:
    write(tmp_path, "[app]\nport = 4000\n")
    nested = tmp_path / "src" / "components"
    nested.mkdir(parents=True)
    config = load_config(cwd=nested, env={})
    assert config.app.port == 4000
    assert config.root == tmp_path.resolve()


def test_unknown_key_names_line_and_suggests_the_right_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[project]\nframework = "react"\n\n[app]\ncomand = "npm run dev"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    message = str(caught.value)
    assert f"{path}:5" in message
    assert "unknown key 'app.comand'" in message
    assert "did you mean 'app.command'" in message


def test_bad_values_are_all_reported_with_key_value_and_fix(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[project]\nframework = "jquery"\n[app]\nport = 70000\nbase_url = "localhost:3000"\nstart_timeout = -1\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    lines = caught.value.lines
    assert len(lines) == 4
    assert any(f"{path}:2: project.framework = 'jquery' is invalid" in line and "react, vue" in line for line in lines)
    assert any(f"{path}:4: app.port = 70000 is invalid" in line and "1 to 65535" in line for line in lines)
    assert any(f"{path}:5: app.base_url = 'localhost:3000'" in line and "http://" in line for line in lines)
    assert any(f"{path}:6: app.start_timeout = -1" in line for line in lines)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[app]\nport = 5173\ncommand = npm run dev\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert str(caught.value).startswith(f"{path}:3: not valid TOML")


def test_layers_env_over_file_and_flags_over_env(tmp_path: Path) -> None:
    path = write(tmp_path, '[browser]\npath = "/from/file"\n[llm]\nprovider = "openai"\n')
    config = load_config(path, env={"SPECWALK_BROWSER": "/from/env"})
    assert config.browser.path == "/from/env"
    assert config.llm.provider == "openai"
    config = load_config(path, env={"SPECWALK_BROWSER": "/from/env"}, overrides={"browser": {"path": "/from/flag"}})
    assert config.browser.path == "/from/flag"


def test_bad_env_value_is_reported_like_a_config_value(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(ConfigError, match=r"llm\.provider = 'gpt'"):
        load_config(path, env={"SPECWALK_LLM": "gpt"})


def test_render_toml_round_trips(tmp_path: Path) -> None:
    config = build_config(
        {
            "project": {"framework": "vue", "source_roots": ["src"], "locales": ["en", "zh-CN"]},
            "app": {"command": 'npm run dev -- --port {port} --mode "e2e"', "port": 5174},
        },
        root=tmp_path,
    )
    text = render_toml(config)
    assert "# react | vue | svelte | angular | html" in text
    path = write(tmp_path, text)
    loaded = load_config(path, env={})
    assert loaded.model_dump() == config.model_dump()
    assert isinstance(loaded, Config)


def test_browser_workers_default_to_the_cores_and_a_flag_keeps_the_env_browser(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, env={"SPECWALK_BROWSER": "/from/env"}, required=False)
    assert config.browser.workers == 0
    assert [config.browser.worker_count(cpus) for cpus in (None, 1, 2, 8)] == [1, 1, 2, 4]
    # A flag for one browser key must not drop the browser the environment names.
    config = load_config(
        cwd=tmp_path, env={"SPECWALK_BROWSER": "/from/env"}, overrides={"browser": {"workers": 3}}, required=False
    )
    assert (config.browser.path, config.browser.worker_count(2)) == ("/from/env", 3)
    path = write(tmp_path, "[browser]\nworkers = 40\n")
    with pytest.raises(ConfigError, match=r"browser\.workers = 40 is invalid.*0 \(one per CPU core"):
        load_config(path, env={})
