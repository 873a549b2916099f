"""One run's model: the client behind a response cache, with a usage meter and a log of what it did.

The cache key is the model, the server and a hash of the exact messages, so a re-run with the
same inputs asks nothing and costs nothing; `use_cache=False` (`--no-cache`) asks again and
refreshes the entry. Entries live under `.specwalk/cache/llm/` as small JSON files.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from specwalk.fileio import write_atomic
from specwalk.llm.base import ChatModel, Completion, Message, Price, Usage
from specwalk.llm.presets import LlmSettings

CACHE_VERSION = 1  # bump when what a cached entry means changes


@dataclass
class LlmLog:
    """What the model did for the run, for the summary printed at the end."""

    lines_planned: int = 0
    lines_failed: int = 0
    choices: int = 0
    choices_rejected: int = 0
    repairs_tried: int = 0
    repairs_fixed: int = 0
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = []
        if self.lines_planned or self.lines_failed:
            total = self.lines_planned + self.lines_failed
            parts.append(f"planned {self.lines_planned} of {total} prose line(s)")
        if self.choices:
            parts.append(f"chose among candidates {self.choices} time(s) ({self.choices_rejected} rejected)")
        if self.repairs_tried:
            parts.append(f"repaired {self.repairs_fixed} of {self.repairs_tried} failing scenario(s)")
        return "; ".join(parts) or "not needed: every line was planned and grounded without it"


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def key(model: str, base_url: str, messages: Sequence[Message], json_mode: bool) -> str:
        document = {
            "v": CACHE_VERSION,
            "model": model,
            "server": base_url,
            "json": json_mode,
            "messages": [[message.role, message.content] for message in messages],
        }
        encoded = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Completion(
                text=str(data["text"]),
                prompt_tokens=int(data["prompt_tokens"]),
                completion_tokens=int(data["completion_tokens"]),
                model=str(data["model"]),
                cached=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: ask the model again

    def put(self, key: str, completion: Completion) -> None:
        data = {
            "model": completion.model,
            "text": completion.text,
            "prompt_tokens": completion.prompt_tokens,
            "completion_tokens": completion.completion_tokens,
        }
        write_atomic(self._path(key), json.dumps(data, ensure_ascii=False, indent=1) + "\n")


class LlmSession:
    """A `ChatModel` for one run: cached, metered, logged."""

    def __init__(
        self,
        model: ChatModel,
        *,
        server: str,
        model_id: str = "",
        price: Price | None,
        cache: ResponseCache | None = None,
        use_cache: bool = True,
    ) -> None:
        self.model = model
        self.server = server
        # The configured name, not the one a server reports later: keys must not change mid-run.
        self.model_id = model_id or model.name
        self.price = price
        self.cache = cache
        self.use_cache = use_cache
        self.usage = Usage()
        self.log = LlmLog()
        self._served_by = ""  # the model named in answers (a server may pick it), cached ones included
        self._lock = threading.Lock()  # verification may ask from several browser threads

    @property
    def name(self) -> str:
        return self._served_by or self.model.name

    def complete(self, messages: Sequence[Message], *, json_mode: bool = True) -> Completion:
        key = ResponseCache.key(self.model_id, self.server, messages, json_mode) if self.cache else ""
        if self.cache is not None and self.use_cache:
            hit = self.cache.get(key)
            if hit is not None:
                with self._lock:
                    self.usage.add(hit, self.price)
                    self._served_by = hit.model
                return hit
        completion = self.model.complete(messages, json_mode=json_mode)
        with self._lock:
            self.usage.add(completion, self.price)
            self._served_by = completion.model
        if self.cache is not None:
            self.cache.put(key, completion)
        return completion

    def summary(self) -> list[str]:
        return [self.usage.describe(self.name), self.log.describe()]


def connect(settings: LlmSettings, *, cache_dir: Path | None, use_cache: bool = True) -> LlmSession:
    """The session for `settings`: the OpenAI-compatible client, cached under `cache_dir`."""
    from specwalk.llm.openai_compat import OpenAICompatModel

    model = OpenAICompatModel(settings)
    cache = ResponseCache(cache_dir) if cache_dir is not None else None
    return LlmSession(
        model,
        server=settings.base_url,
        model_id=settings.model,
        price=settings.price,
        cache=cache,
        use_cache=use_cache,
    )
