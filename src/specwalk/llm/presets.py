"""Known OpenAI-compatible providers, and the settings one run uses, resolved from [llm].

Prices are US dollars per million tokens as the providers published them (DeepSeek: deepseek-chat
on its 2025-09 price list, cache-miss input; OpenAI: gpt-4.1-mini). Local servers cost nothing
but your hardware. Check the provider's page before relying on a figure; the run prints the
token counts it is computed from.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from specwalk.config import LlmSection
from specwalk.errors import UsageError
from specwalk.llm.base import Price


@dataclass(frozen=True)
class Preset:
    name: str
    base_url: str
    model: str  # "": ask the server (a vLLM / llama.cpp server usually serves one model)
    key_env: str  # "": no key needed
    price: Price | None
    json_mode: bool = True  # accepts response_format {"type": "json_object"}


PRESETS: dict[str, Preset] = {
    "deepseek": Preset(
        "deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY", Price(0.28, 0.42)
    ),
    "openai": Preset("openai", "https://api.openai.com/v1", "gpt-4.1-mini", "OPENAI_API_KEY", Price(0.40, 1.60)),
    "ollama": Preset("ollama", "http://127.0.0.1:11434/v1", "qwen2.5-coder:7b", "", Price(0.0, 0.0)),
    "vllm": Preset("vllm", "http://127.0.0.1:8000/v1", "", "", Price(0.0, 0.0)),
}


@dataclass(frozen=True)
class LlmSettings:
    """Everything needed to talk to one model; built once at the edge from [llm] and the environment."""

    provider: str
    base_url: str
    model: str
    api_key: str = field(repr=False)
    key_env: str
    timeout: float
    retries: int
    price: Price | None
    json_mode: bool = True

    @property
    def label(self) -> str:
        return f"{self.provider} {self.model or '(server default)'} at {self.base_url}"


def resolve_settings(section: LlmSection, env: Mapping[str, str]) -> LlmSettings | None:
    """The run's LLM settings, or None when no model is configured (`provider = "none"`)."""
    if section.provider == "none":
        return None
    preset = PRESETS.get(section.provider)
    if preset is None:  # config validation already limits providers; this guards direct callers
        close = difflib.get_close_matches(section.provider, list(PRESETS), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(PRESETS)
        raise UsageError(f"unknown LLM provider '{section.provider}'", hint=hint)
    custom_url = bool(section.base_url) and section.base_url.rstrip("/") != preset.base_url.rstrip("/")
    key_env = section.api_key_env or preset.key_env
    api_key = ""
    if key_env:
        api_key = env.get(key_env, "").strip()
        if not api_key:
            raise UsageError(
                f"the {preset.name} LLM needs an API key in ${key_env}, which is not set",
                hint=f"export {key_env}=..., or run without a model (--llm none)",
            )
    # A server of our own with no model named: the client asks it which model it serves.
    model = section.model or preset.model
    return LlmSettings(
        provider=preset.name,
        base_url=(section.base_url or preset.base_url).rstrip("/"),
        model=model,
        api_key=api_key,
        key_env=key_env,
        timeout=section.timeout,
        retries=section.retries,
        # A preset's prices are for its own service only; another URL may charge anything.
        price=preset.price if not custom_url or preset.price == Price(0.0, 0.0) else None,
        json_mode=preset.json_mode,
    )
