"""The response cache and the usage meter around the real client."""

from __future__ import annotations

from pathlib import Path

from specwalk.llm.base import Message, Price
from specwalk.llm.openai_compat import OpenAICompatModel
from specwalk.llm.session import LlmSession, ResponseCache, connect

from ...llm_server import Reply, Request, scripted_llm
from .conftest import settings_for


def numbered(request: Request) -> Reply:
    return Reply(f'{{"answer": {request.number}}}')


def ask(session: LlmSession, text: str) -> str:
    return session.complete((Message("user", text),)).text


def test_a_rerun_is_served_from_the_cache_and_costs_nothing(tmp_path: Path) -> None:
    with scripted_llm(numbered) as server:
        settings = settings_for(server.url)
        first = connect(settings, cache_dir=tmp_path)
        assert ask(first, "plan line 12") == '{"answer": 1}'
        assert ask(first, "plan line 13") == '{"answer": 2}'
        again = connect(settings, cache_dir=tmp_path)
        assert ask(again, "plan line 12") == '{"answer": 1}'
        assert ask(again, "plan line 13") == '{"answer": 2}'
    assert len(server.chat_requests()) == 2
    assert (first.usage.requests, first.usage.cached) == (2, 0)
    assert (again.usage.requests, again.usage.cached) == (0, 2)
    assert again.usage.prompt_tokens == 0
    assert again.usage.cost == 0.0
    assert again.usage.describe("scripted") == (
        "scripted: 0 request(s) (2 more from the cache), 0 prompt + 0 completion tokens, $0.0000"
    )
    assert len(list(tmp_path.rglob("*.json"))) == 2


def test_no_cache_asks_again_and_refreshes_the_entry(tmp_path: Path) -> None:
    with scripted_llm(numbered) as server:
        settings = settings_for(server.url)
        ask(connect(settings, cache_dir=tmp_path), "the same prompt")
        fresh = connect(settings, cache_dir=tmp_path, use_cache=False)
        assert ask(fresh, "the same prompt") == '{"answer": 2}'
        assert ask(connect(settings, cache_dir=tmp_path), "the same prompt") == '{"answer": 2}'
    assert len(server.chat_requests()) == 2


def test_the_key_depends_on_model_server_and_every_message() -> None:
    base = (Message("system", "s"), Message("user", "u"))
    key = ResponseCache.key("m", "http://a/v1", base, True)
    assert key == ResponseCache.key("m", "http://a/v1", base, True)
    assert key != ResponseCache.key("other", "http://a/v1", base, True)
    assert key != ResponseCache.key("m", "http://b/v1", base, True)
    assert key != ResponseCache.key("m", "http://a/v1", (Message("system", "s"), Message("user", "u2")), True)
    assert key != ResponseCache.key("m", "http://a/v1", base, False)


def test_a_damaged_cache_entry_is_asked_again(tmp_path: Path) -> None:
    with scripted_llm(numbered) as server:
        settings = settings_for(server.url)
        ask(connect(settings, cache_dir=tmp_path), "prompt")
        for entry in tmp_path.rglob("*.json"):
            entry.write_text("{not json", encoding="utf-8")
        assert ask(connect(settings, cache_dir=tmp_path), "prompt") == '{"answer": 2}'


def test_usage_adds_tokens_and_cost_at_the_presets_prices() -> None:
    with scripted_llm(lambda _request: Reply("x" * 400)) as server:
        session = LlmSession(OpenAICompatModel(settings_for(server.url)), server=server.url, price=Price(0.28, 0.42))
        for _ in range(3):
            ask(session, "y" * 4000)
    assert (session.usage.prompt_tokens, session.usage.completion_tokens) == (3000, 300)
    assert session.usage.cost is not None
    assert abs(session.usage.cost - (3000 * 0.28 + 300 * 0.42) / 1_000_000) < 1e-12
    assert session.summary()[0] == "scripted: 3 request(s), 3,000 prompt + 300 completion tokens, $0.0010"


def test_unknown_prices_say_so() -> None:
    with scripted_llm(lambda _request: Reply("{}")) as server:
        session = LlmSession(OpenAICompatModel(settings_for(server.url)), server=server.url, price=None)
        ask(session, "hello")
    assert session.usage.cost is None
    assert session.usage.describe("m").endswith("cost unknown for this provider")
