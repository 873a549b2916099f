"""[llm] and --llm: presets, keys from the environment the CLI passes in, switching providers."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import ConfigError, LlmSection, llm_choice, load_config
from specwalk.errors import UsageError
from specwalk.llm.base import Price
from specwalk.llm.presets import PRESETS, resolve_settings


def test_no_provider_means_no_model() -> None:
    assert resolve_settings(LlmSection(), {"DEEPSEEK_API_KEY": "sk-x"}) is None


def test_deepseek_needs_its_key_and_says_which_variable() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_settings(LlmSection(provider="deepseek"), {})
    assert str(caught.value) == "the deepseek LLM needs an API key in $DEEPSEEK_API_KEY, which is not set"
    assert caught.value.hint == "export DEEPSEEK_API_KEY=..., or run without a model (--llm none)"


def test_deepseek_preset() -> None:
    settings = resolve_settings(LlmSection(provider="deepseek"), {"DEEPSEEK_API_KEY": " sk-test "})
    assert settings is not None
    assert (settings.base_url, settings.model, settings.api_key) == (
        "https://api.deepseek.com/v1",
        "deepseek-chat",
        "sk-test",
    )
    assert settings.price == PRESETS["deepseek"].price == Price(0.28, 0.42)
    assert "sk-test" not in repr(settings)


def test_local_servers_need_no_key_and_cost_nothing() -> None:
    ollama = resolve_settings(LlmSection(provider="ollama"), {})
    assert ollama is not None and ollama.api_key == "" and ollama.price == Price(0.0, 0.0)
    assert ollama.base_url == "http://127.0.0.1:11434/v1"
    vllm = resolve_settings(LlmSection(provider="vllm", base_url="http://10.0.0.5:9000/v1/"), {})
    assert vllm is not None and vllm.base_url == "http://10.0.0.5:9000/v1" and vllm.model == ""


def test_a_hosted_preset_at_another_url_has_no_known_price() -> None:
    section = LlmSection(provider="openai", base_url="https://proxy.example/v1", api_key_env="PROXY_KEY")
    settings = resolve_settings(section, {"PROXY_KEY": "k"})
    assert settings is not None and settings.price is None and settings.key_env == "PROXY_KEY"


def test_llm_choice_forms() -> None:
    assert llm_choice("deepseek") == {"provider": "deepseek"}
    assert llm_choice("deepseek:deepseek-reasoner") == {"provider": "deepseek", "model": "deepseek-reasoner"}
    assert llm_choice("ollama:qwen2.5-coder:14b") == {"provider": "ollama", "model": "qwen2.5-coder:14b"}
    assert llm_choice("http://127.0.0.1:8000/v1") == {"provider": "vllm", "base_url": "http://127.0.0.1:8000/v1"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "specwalk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_another_provider_on_the_command_line_does_not_inherit_the_files_model(tmp_path: Path) -> None:
    path = write(tmp_path, '[llm]\nprovider = "ollama"\nmodel = "llama3.1:8b"\ntimeout = 5\n')
    switched = load_config(path, env={}, overrides={"llm": llm_choice("deepseek")})
    assert (switched.llm.provider, switched.llm.model, switched.llm.timeout) == ("deepseek", "", 5.0)
    same = load_config(path, env={}, overrides={"llm": llm_choice("ollama")})
    assert (same.llm.provider, same.llm.model) == ("ollama", "llama3.1:8b")
    from_env = load_config(path, env={"SPECWALK_LLM": "http://127.0.0.1:8000/v1"})
    assert (from_env.llm.provider, from_env.llm.base_url, from_env.llm.model) == (
        "vllm",
        "http://127.0.0.1:8000/v1",
        "",
    )


def test_bad_llm_values_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[llm]\nprovider = "deepseek"\nbase_url = "api.deepseek.com"\nretries = 99\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    lines = caught.value.lines
    assert any(
        line.startswith(f"{path}:3: llm.base_url = 'api.deepseek.com' is invalid: must be an http") for line in lines
    )
    assert any(line.startswith(f"{path}:4: llm.retries = 99 is invalid") for line in lines)
    empty = write(tmp_path, "")
    with pytest.raises(ConfigError, match=r"llm\.provider = 'gpt'.*one of none, deepseek, openai, ollama, vllm"):
        load_config(empty, env={}, overrides={"llm": llm_choice("gpt")})
