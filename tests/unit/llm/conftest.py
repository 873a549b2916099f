from __future__ import annotations

from collections.abc import Callable

import pytest

from specwalk.llm.base import Price
from specwalk.llm.presets import LlmSettings

from .examples import Example, load_example


def settings_for(
    url: str, *, model: str = "scripted", timeout: float = 5.0, retries: int = 2, **extra: object
) -> LlmSettings:
    values: dict[str, object] = {
        "provider": "vllm",
        "base_url": url,
        "model": model,
        "api_key": "",
        "key_env": "",
        "timeout": timeout,
        "retries": retries,
        "price": Price(1.0, 2.0),
    }
    values.update(extra)
    return LlmSettings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Example]:
    """An example app's UI map (indexed into a temporary directory) and rules plan, made once."""
    made: dict[str, Example] = {}

    def get(name: str) -> Example:
        if name not in made:
            made[name] = load_example(name, tmp_path_factory.mktemp(name))
        return made[name]

    return get
