"""Ask for JSON, validate it, and re-ask with the validation errors, a bounded number of times.

Transport retries (429, 5xx, timeouts) live in the client and have their own budget; this loop
only counts answers that arrived but did not validate. Each re-ask replays the model's previous
answer and the errors, compacted to field path + message, so prompts stay small.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from specwalk.llm.base import ChatModel, Message
from specwalk.llm.templates import render

T = TypeVar("T")
MAX_ERROR_LINES = 12


class ReplyInvalid(Exception):
    """A reply that arrived but does not fit: each line is "where: what"."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)[:MAX_ERROR_LINES]


class LlmOutputInvalid(Exception):
    """Every attempt's reply was invalid: the last reply and its errors, for the report."""

    def __init__(self, attempts: int, last_reply: str, errors: Sequence[str]) -> None:
        super().__init__(f"still invalid after {attempts} attempt(s): " + "; ".join(errors))
        self.attempts = attempts
        self.last_reply = last_reply
        self.errors = list(errors)


@dataclass(frozen=True)
class Answer(Generic[T]):
    value: T
    attempts: int
    reply: str


def parse_json(text: str) -> Any:
    """The JSON object in a reply; a ```json fence around it is tolerated, nothing else is."""
    body = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", body, flags=re.DOTALL)
    if fenced:
        body = fenced.group(1)
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise ReplyInvalid([f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"]) from error


def validation_lines(error: ValidationError, prefix: str = "") -> list[str]:
    """pydantic's errors as "path: message" lines, long enum lists shortened."""
    lines = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"])
        if len(message) > 160:
            message = message[:157] + "..."
        lines.append(f"{prefix}{path}: {message}" if path or prefix else message)
    return lines


def ask(
    model: ChatModel,
    messages: Sequence[Message],
    validate: Callable[[Any], T],
    *,
    max_reasks: int = 2,
) -> Answer[T]:
    """The first reply that `validate` accepts (it raises ReplyInvalid otherwise)."""
    history = list(messages)
    errors: list[str] = []
    reply = ""
    for attempt in range(1, max_reasks + 2):
        reply = model.complete(history).text
        try:
            return Answer(validate(parse_json(reply)), attempt, reply)
        except ReplyInvalid as invalid:
            errors = invalid.errors
        except ValidationError as error:
            errors = validation_lines(error)[:MAX_ERROR_LINES]
        # A new list per attempt: the caller's messages are never changed.
        history = [
            *history,
            Message("assistant", reply),
            Message("user", render("reask.md", errors="\n".join(f"- {line}" for line in errors))),
        ]
    raise LlmOutputInvalid(max_reasks + 1, reply, errors)
