from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from specwalk.cli import cli, main
from specwalk.errors import ExitCode


def test_docs_rejects_an_unknown_manual_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "--lang", "fr"]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert "'fr' is not one of 'en', 'zh', 'all'" in captured.err
    assert captured.out == ""


def test_short_flags_are_unique_per_command() -> None:
    for name, command in cli.commands.items():
        flags = [opt for param in command.params if isinstance(param, click.Option) for opt in param.opts]
        short = [flag for flag in flags if not flag.startswith("--")]
        assert len(short) == len(set(short)), f"duplicate short flag in `specwalk {name}`: {short}"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == ExitCode.USAGE
    assert "No such command" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == ExitCode.OK
    assert "specwalk, version" in capsys.readouterr().out


def test_init_writes_config_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == ExitCode.OK
    written = (tmp_path / "specwalk.toml").read_text(encoding="utf-8")
    assert 'framework = "html"' in written
    capsys.readouterr()
    assert main(["init", str(tmp_path)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert (tmp_path / "specwalk.toml").read_text(encoding="utf-8") == written
    assert main(["init", str(tmp_path), "--force"]) == ExitCode.OK


def test_init_on_a_non_frontend_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.py").write_text("print()", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == ExitCode.USAGE
    assert "does not look like a front-end project" in capsys.readouterr().err
    assert not (tmp_path / "specwalk.toml").exists()


def test_bad_config_is_one_clear_line_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "specwalk.toml"
    config.write_text('[app]\nport = "five"\n', encoding="utf-8")
    assert main(["serve", "--config", str(config)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert f"{config}:2: app.port = 'five' is invalid" in err
    assert "Traceback" not in err


def test_serve_without_a_command_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "specwalk.toml"
    config.write_text('[app]\ncommand = ""\n', encoding="utf-8")
    assert main(["serve", "-c", str(config)]) == ExitCode.USAGE
    assert "app.command is empty" in capsys.readouterr().err


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specwalk", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_doctor_with_a_missing_browser_fails_and_says_how_to_install(tmp_path: Path) -> None:
    env = {**os.environ, "SPECWALK_BROWSER": "/nonexistent", "COLUMNS": "80"}
    result = run_cli("doctor", env=env)
    assert result.returncode == ExitCode.ENVIRONMENT
    assert "browser not found at '/nonexistent'" in result.stdout
    assert "playwright install chromium" in result.stdout
    assert "MISSING" in result.stdout


def test_package_json_that_is_not_an_object_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(["not", "an", "object"]), encoding="utf-8")
    result = run_cli("init", str(tmp_path), env=dict(os.environ))
    assert result.returncode == ExitCode.USAGE
    assert "package.json: not a JSON object" in result.stderr
    assert "INTERNALERROR" not in result.stderr
