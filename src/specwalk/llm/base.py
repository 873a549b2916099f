"""Plain data the LLM layer passes around, and the one seam every model implements.

A `ChatModel` turns messages into one completion; the OpenAI-compatible client, the response
cache and the usage meter all speak it, so planners and grounding never see a vendor type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    model: str
    cached: bool = False  # served from the response cache: no request, no cost


class ChatModel(Protocol):
    @property
    def name(self) -> str: ...

    def complete(self, messages: Sequence[Message], *, json_mode: bool = True) -> Completion: ...


@dataclass(frozen=True)
class Price:
    """US dollars per million tokens, as the provider publishes them (cache-miss input)."""

    input_per_million: float
    output_per_million: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input_per_million + completion_tokens * self.output_per_million) / 1_000_000


@dataclass
class Usage:
    """What a run asked of the model: requests, cache hits, tokens and (when prices are known) cost."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = 0.0

    def add(self, completion: Completion, price: Price | None) -> None:
        if completion.cached:
            self.cached += 1
            return
        self.requests += 1
        self.prompt_tokens += completion.prompt_tokens
        self.completion_tokens += completion.completion_tokens
        if price is None:
            self.cost = None
        elif self.cost is not None:
            self.cost += price.cost(completion.prompt_tokens, completion.completion_tokens)

    def describe(self, model: str) -> str:
        cached = f" ({self.cached} more from the cache)" if self.cached else ""
        cost = "cost unknown for this provider" if self.cost is None else f"${self.cost:.4f}"
        return (
            f"{model}: {self.requests} request(s){cached}, {self.prompt_tokens:,} prompt + "
            f"{self.completion_tokens:,} completion tokens, {cost}"
        )
