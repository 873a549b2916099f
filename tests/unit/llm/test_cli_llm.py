"""`specwalk plan --llm`: the wiring from flags and environment to the model, and what it prints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from specwalk.cli import main
from specwalk.errors import ExitCode

from ...conftest import EXAMPLES
from ...llm_server import Reply, Request, replies, scripted_llm
from .examples import reference_reply

_NOT_SOURCE = shutil.ignore_patterns("node_modules", ".specwalk", "e2e-generated", "e2e-reference")


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    copy = tmp_path / "notes-html"
    shutil.copytree(EXAMPLES / "notes-html", copy, ignore=_NOT_SOURCE)
    return copy


def test_plan_with_a_model_plans_the_prose_lines_and_prints_usage(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(notes / "specwalk.toml")
    assert main(["plan", "-c", config]) == ExitCode.FAILURES  # without a model: two prose lines left
    capsys.readouterr()
    with scripted_llm(reference_reply("notes-html")) as server:
        assert main(["plan", "-c", config, "--llm", server.url]) == ExitCode.OK
        printed = capsys.readouterr()
        assert "A long body is cut to its first 80 characters and ends with …" in printed.out
        assert "need attention" not in printed.out
        assert "llm: planning requirements.md:56 (1/2)" in printed.err
        assert "llm: scripted: 2 request(s), " in printed.err
        assert "llm: planned 2 of 2 prose line(s)" in printed.err
        plan = json.loads((notes / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
        assert plan["planner"] == "rules+llm"
        assert [entry for entry in plan["unplanned"] if entry["needs_llm"]] == []

        assert main(["plan", "-c", config, "--llm", server.url]) == ExitCode.OK
        assert "llm: scripted: 0 request(s) (2 more from the cache)" in capsys.readouterr().err
        assert main(["plan", "-c", config, "--llm", server.url, "--no-cache"]) == ExitCode.OK
        assert "llm: scripted: 2 request(s), " in capsys.readouterr().err
    assert len(server.chat_requests()) == 4


def test_a_refused_key_is_one_line_and_exit_2(
    notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with scripted_llm(replies(Reply("{}")), api_key="the-right-key") as server:
        config = notes / "specwalk.toml"
        text = config.read_text(encoding="utf-8").replace('provider = "none"', 'provider = "vllm"')
        text = text.replace(
            'base_url = ""\napi_key_env = ""', f'base_url = "{server.url}"\napi_key_env = "NOTES_LLM_KEY"'
        )
        config.write_text(text, encoding="utf-8")
        assert main(["plan", "-c", str(config)]) == ExitCode.USAGE
        assert capsys.readouterr().err.splitlines()[0] == (
            "error: the vllm LLM needs an API key in $NOTES_LLM_KEY, which is not set"
        )
        monkeypatch.setenv("NOTES_LLM_KEY", "a-wrong-key")
        assert main(["plan", "-c", str(config)]) == ExitCode.USAGE
        err = capsys.readouterr().err
        assert [line for line in err.splitlines() if line.startswith("error:")] == [
            f"error: the LLM server at {server.url} refused the key in $NOTES_LLM_KEY (401): Incorrect API key provided"
        ]
        assert "Traceback" not in err
        assert len(server.requests) == 1  # stopped at the first refusal, not once per line
        assert not (notes / ".specwalk" / "plan.json").exists()  # nothing half-written


def test_an_unreachable_server_is_an_environment_problem(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def closed(_request: Request) -> Reply:
        return Reply("{}")

    with scripted_llm(closed) as server:
        url = server.url
    code = main(["plan", "-c", str(notes / "specwalk.toml"), "--llm", url])
    assert code == ExitCode.ENVIRONMENT
    assert f"error: cannot reach the LLM server at {url} (3 attempt(s))" in capsys.readouterr().err


def test_llm_none_turns_a_configured_model_off(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = notes / "specwalk.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('provider = "none"', 'provider = "deepseek"'), encoding="utf-8"
    )
    assert main(["plan", "-c", str(config), "--llm", "none"]) == ExitCode.FAILURES
    assert "llm:" not in capsys.readouterr().err
