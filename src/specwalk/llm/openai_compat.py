"""The one OpenAI-compatible client: DeepSeek, OpenAI, Ollama, vLLM and llama.cpp servers alike.

The only module that imports the `openai` SDK (lazily, so specwalk runs without it). Retries are
ours, not the SDK's, so their number and backoff are visible and bounded: 429, 5xx, timeouts and
dropped connections are retried; a refused key or an unknown model is not (it would fail the same
way every time). Every SDK error leaves as one of specwalk's own, with a one-line message.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from specwalk.errors import LlmNoAnswer, LlmRefused, LlmUnavailable, UsageError
from specwalk.llm.base import Completion, Message
from specwalk.llm.presets import LlmSettings

if TYPE_CHECKING:
    import openai

MAX_BACKOFF_SECONDS = 30.0


def _sdk() -> Any:
    try:
        import openai
    except ImportError as exc:
        raise UsageError(
            "the LLM flow needs the OpenAI SDK, which is not installed",
            hint="pip install 'specwalk[llm]', or run without a model (--llm none)",
        ) from exc
    return openai


def _detail(error: Exception) -> str:
    """The server's own words, on one line and short."""
    body = getattr(error, "body", None)
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = str(inner.get("message", "")) if isinstance(inner, dict) else str(inner)
    message = message or getattr(error, "message", "") or str(error)
    message = " ".join(message.split())
    return message if len(message) <= 160 else message[:157] + "..."


def _is_model_error(error: Exception) -> bool:
    text = f"{getattr(error, 'code', '') or ''} {_detail(error)}".lower()
    return "model" in text and any(word in text for word in ("not exist", "not found", "model_not_found", "unknown"))


class OpenAICompatModel:
    """Chat completions over the OpenAI wire format, with bounded retries and mapped errors."""

    def __init__(
        self,
        settings: LlmSettings,
        *,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        sdk = _sdk()
        self.settings = settings
        self.backoff = backoff
        self._sleep = sleep
        self._model = settings.model
        # The SDK insists on a key; local servers ignore whatever is sent.
        self._client: openai.OpenAI = sdk.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "no-key",
            timeout=settings.timeout,
            max_retries=0,
        )
        self._sdk = sdk

    @property
    def name(self) -> str:
        return self._model or "(server default)"

    def complete(self, messages: Sequence[Message], *, json_mode: bool = True) -> Completion:
        if not self._model:
            self._model = self._only_model()
        extra: dict[str, Any] = {}
        if json_mode and self.settings.json_mode:
            extra["response_format"] = {"type": "json_object"}
        payload: Any = [{"role": message.role, "content": message.content} for message in messages]
        response = self._with_retries(
            lambda: self._client.chat.completions.create(model=self._model, messages=payload, temperature=0, **extra)
        )
        choice = response.choices[0] if response.choices else None
        text = (choice.message.content if choice is not None else None) or ""
        usage = response.usage
        return Completion(
            text=text,
            prompt_tokens=usage.prompt_tokens if usage is not None else 0,
            completion_tokens=usage.completion_tokens if usage is not None else 0,
            model=self._model,
        )

    def _only_model(self) -> str:
        """The model a self-hosted server serves, when the config names none."""
        listing = self._with_retries(lambda: self._client.models.list())
        names: list[str] = sorted(str(model.id) for model in listing.data)
        if len(names) == 1:
            return names[0]
        where = self.settings.base_url
        if not names:
            raise LlmRefused(f"the LLM server at {where} lists no models", hint="set llm.model in specwalk.toml")
        raise LlmRefused(
            f"the LLM server at {where} serves {len(names)} models; say which one",
            hint="set llm.model to one of: " + ", ".join(names[:10]),
        )

    def _with_retries(self, call: Callable[[], Any]) -> Any:
        sdk = self._sdk
        where = self.settings.base_url
        attempts = self.settings.retries + 1
        last = ""
        for attempt in range(attempts):
            try:
                return call()
            except (sdk.AuthenticationError, sdk.PermissionDeniedError) as error:
                source = (
                    f"the key in ${self.settings.key_env}" if self.settings.key_env else "the request (no key sent)"
                )
                raise LlmRefused(
                    f"the LLM server at {where} refused {source} ({error.status_code}): {_detail(error)}",
                    hint=f"check ${self.settings.key_env}" if self.settings.key_env else "set llm.api_key_env",
                ) from error
            except (sdk.NotFoundError, sdk.BadRequestError) as error:
                if _is_model_error(error):
                    raise LlmRefused(
                        f"the LLM server at {where} does not know the model '{self._model}': {_detail(error)}",
                        hint="set llm.model (or --llm PROVIDER:MODEL) to a model it serves",
                    ) from error
                if error.status_code == 404:
                    raise LlmRefused(
                        f"{where} has no OpenAI-compatible API (404); the base URL usually ends in /v1",
                        hint="set llm.base_url, e.g. http://127.0.0.1:8000/v1",
                    ) from error
                raise LlmNoAnswer(f"the LLM server at {where} rejected the request (400): {_detail(error)}") from error
            except sdk.APIStatusError as error:
                status = error.status_code
                if status == 402:
                    raise LlmRefused(f"the LLM server at {where} wants payment (402): {_detail(error)}") from error
                if status != 429 and status < 500:
                    raise LlmNoAnswer(f"the LLM server at {where} answered {status}: {_detail(error)}") from error
                last = f"{status} {_detail(error)}"
                delay = self._delay(attempt, error.response.headers.get("retry-after"))
            except sdk.APITimeoutError as error:
                last = f"no answer within {self.settings.timeout:g} s"
                delay = self._delay(attempt, None)
                if attempt + 1 == attempts:
                    raise LlmNoAnswer(f"the LLM at {where} gave {last} ({attempts} attempt(s))") from error
            except sdk.APIConnectionError as error:
                last = "connection failed"
                delay = self._delay(attempt, None)
                if attempt + 1 == attempts:
                    raise LlmUnavailable(
                        f"cannot reach the LLM server at {where} ({attempts} attempt(s)): {_detail(error)}",
                        hint="is it running, and is llm.base_url right?",
                    ) from error
            if attempt + 1 < attempts:
                self._sleep(delay)
        raise LlmNoAnswer(f"the LLM at {where} kept failing ({last}) after {attempts} attempt(s)")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), MAX_BACKOFF_SECONDS)
            except ValueError:
                pass  # an HTTP date; fall back to our own backoff
        return min(self.backoff * 2.0**attempt, MAX_BACKOFF_SECONDS)
