"""The OpenAI-compatible client against a scripted server, through the real `openai` SDK."""

from __future__ import annotations

import json
import socket
import time

import pytest

from specwalk.errors import LlmNoAnswer, LlmRefused, LlmUnavailable
from specwalk.llm.base import Message
from specwalk.llm.openai_compat import OpenAICompatModel

from ...llm_server import Reply, replies, scripted_llm
from .conftest import settings_for

HELLO = (Message("system", "answer in JSON"), Message("user", "say hello"))


def test_a_reply_carries_text_usage_and_the_request_is_json_mode_at_temperature_zero() -> None:
    with scripted_llm(replies(Reply('{"hello": "world"}'))) as server:
        completion = OpenAICompatModel(settings_for(server.url)).complete(HELLO)
    assert json.loads(completion.text) == {"hello": "world"}
    assert completion.model == "scripted"
    assert completion.prompt_tokens == (len("answer in JSON") + len("say hello")) // 4
    assert completion.completion_tokens == len('{"hello": "world"}') // 4
    body = server.chat_requests()[0].body
    assert body["response_format"] == {"type": "json_object"}
    assert body["temperature"] == 0
    assert body["messages"] == [
        {"role": "system", "content": "answer in JSON"},
        {"role": "user", "content": "say hello"},
    ]


def test_429_then_success_is_retried_after_the_servers_retry_after() -> None:
    script = replies(Reply(status=429, error="slow down", headers={"Retry-After": "0"}), Reply('{"ok": true}'))
    with scripted_llm(script) as server:
        started = time.monotonic()
        completion = OpenAICompatModel(settings_for(server.url), backoff=5.0).complete(HELLO)
        elapsed = time.monotonic() - started
    assert completion.text == '{"ok": true}'
    assert len(server.chat_requests()) == 2
    assert elapsed < 3  # Retry-After: 0 wins over the 5 s backoff


def test_500_is_retried_with_backoff_then_reported_in_one_line() -> None:
    pauses: list[float] = []
    with scripted_llm(replies(Reply(status=500, error="the GPU caught fire"))) as server:
        model = OpenAICompatModel(settings_for(server.url, retries=2), backoff=0.25, sleep=pauses.append)
        with pytest.raises(LlmNoAnswer) as caught:
            model.complete(HELLO)
    assert len(server.chat_requests()) == 3
    assert pauses == [0.25, 0.5]  # doubling, and no pause after the last attempt
    message = str(caught.value)
    assert "\n" not in message
    assert "kept failing (500 the GPU caught fire) after 3 attempt(s)" in message


def test_a_timeout_is_retried_then_reported_with_the_limit() -> None:
    with scripted_llm(replies(Reply('{"late": true}', delay=3.0))) as server:
        model = OpenAICompatModel(settings_for(server.url, timeout=0.4, retries=1), backoff=0.01)
        started = time.monotonic()
        with pytest.raises(LlmNoAnswer, match=r"gave no answer within 0\.4 s \(2 attempt\(s\)\)"):
            model.complete(HELLO)
        assert time.monotonic() - started < 2.5
    assert len(server.chat_requests()) == 2


def test_a_refused_key_stops_at_once_naming_the_variable() -> None:
    with scripted_llm(replies(Reply("{}")), api_key="right-key") as server:
        settings = settings_for(server.url, api_key="wrong-key", key_env="SCRIPTED_API_KEY")
        with pytest.raises(LlmRefused) as caught:
            OpenAICompatModel(settings, backoff=0.01).complete(HELLO)
    assert len(server.requests) == 1  # never retried: it would fail the same way
    message = str(caught.value)
    assert message == (
        f"the LLM server at {server.url} refused the key in $SCRIPTED_API_KEY (401): Incorrect API key provided"
    )
    assert caught.value.hint == "check $SCRIPTED_API_KEY"


def test_an_unknown_model_stops_at_once() -> None:
    with (
        scripted_llm(replies(Reply("{}"))) as server,
        pytest.raises(LlmRefused, match=r"does not know the model 'gpt-nonexistent'") as caught,
    ):
        OpenAICompatModel(settings_for(server.url, model="gpt-nonexistent")).complete(HELLO)
    assert len(server.requests) == 1
    assert "llm.model" in (caught.value.hint or "")


def test_a_base_url_without_the_api_is_named() -> None:
    with scripted_llm(replies(Reply("{}"))) as server:
        wrong = server.url.removesuffix("/v1") + "/api"
        with pytest.raises(LlmRefused, match=r"has no OpenAI-compatible API \(404\); the base URL usually ends in /v1"):
            OpenAICompatModel(settings_for(wrong)).complete(HELLO)


def test_nothing_listening_is_unavailable_after_the_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    model = OpenAICompatModel(settings_for(f"http://127.0.0.1:{port}/v1", retries=1), backoff=0.01)
    with pytest.raises(LlmUnavailable, match=r"cannot reach the LLM server at http://127\.0\.0\.1:\d+/v1 \(2 attempt"):
        model.complete(HELLO)


def test_a_server_with_one_model_is_used_without_naming_it() -> None:
    with scripted_llm(replies(Reply('{"a": 1}')), models=("qwen2.5-coder:7b",)) as server:
        model = OpenAICompatModel(settings_for(server.url, model=""))
        assert model.complete(HELLO).model == "qwen2.5-coder:7b"
    assert server.chat_requests()[0].body["model"] == "qwen2.5-coder:7b"


def test_a_server_with_several_models_asks_which() -> None:
    with (
        scripted_llm(replies(Reply("{}")), models=("alpha", "beta")) as server,
        pytest.raises(LlmRefused, match="serves 2 models; say which one") as caught,
    ):
        OpenAICompatModel(settings_for(server.url, model="")).complete(HELLO)
    assert caught.value.hint == "set llm.model to one of: alpha, beta"
    assert server.chat_requests() == []
