"""Validate, re-ask with the errors, give up after two re-asks with the last reply."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from specwalk.llm.base import Message
from specwalk.llm.openai_compat import OpenAICompatModel
from specwalk.llm.structured import LlmOutputInvalid, ReplyInvalid, ask, parse_json

from ...llm_server import Reply, replies, scripted_llm
from .conftest import settings_for


class Greeting(BaseModel):
    greeting: str
    times: int


def greeting(data: Any) -> Greeting:
    return Greeting.model_validate(data)


PROMPT = (Message("system", "reply with JSON"), Message("user", "greet me"))


def test_malformed_json_is_re_asked_with_the_parse_error() -> None:
    script = replies(Reply('{"greeting": "hi", "times": 2'), Reply('{"greeting": "hi", "times": 2}'))
    with scripted_llm(script) as server:
        answer = ask(OpenAICompatModel(settings_for(server.url)), PROMPT, greeting)
    assert answer.value == Greeting(greeting="hi", times=2)
    assert answer.attempts == 2
    second = server.chat_requests()[1].messages
    assert second[2] == {"role": "assistant", "content": '{"greeting": "hi", "times": 2'}
    assert "not valid JSON: Expecting ',' delimiter at line 1 column 30" in second[3]["content"]
    assert "whole corrected JSON object" in second[3]["content"]


def test_a_schema_violation_three_times_gives_up_with_the_last_reply() -> None:
    prompt = list(PROMPT)
    bad = [Reply('{"greeting": "hi"}'), Reply('{"greeting": "hi", "times": "often"}'), Reply('{"times": 1}')]
    with scripted_llm(replies(*bad)) as server, pytest.raises(LlmOutputInvalid) as caught:
        ask(OpenAICompatModel(settings_for(server.url)), prompt, greeting)
    assert len(server.chat_requests()) == 3  # the first ask and two re-asks
    assert caught.value.attempts == 3
    assert caught.value.last_reply == '{"times": 1}'
    assert caught.value.errors == ["greeting: Field required"]
    assert "times: Input should be a valid integer" in server.chat_requests()[2].messages[-1]["content"]
    assert prompt == list(PROMPT)  # the caller's messages are never extended in place


def test_a_validator_can_reject_with_its_own_words() -> None:
    def known(data: Any) -> str:
        if data.get("id") not in ("a", "b"):
            raise ReplyInvalid([f"id: '{data.get('id')}' is not one of the candidates: a, b"])
        return str(data["id"])

    with scripted_llm(replies(Reply('{"id": "z"}'), Reply('{"id": "b"}'))) as server:
        assert ask(OpenAICompatModel(settings_for(server.url)), PROMPT, known, max_reasks=1).value == "b"
    assert "'z' is not one of the candidates: a, b" in server.chat_requests()[1].messages[-1]["content"]


def test_a_fenced_json_reply_is_accepted() -> None:
    assert parse_json('```json\n{"a": 1}\n```') == {"a": 1}
    with pytest.raises(ReplyInvalid, match="not valid JSON"):
        parse_json('Sure! Here it is: {"a": 1}')
