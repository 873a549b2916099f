"""Prompt templates: Markdown files shipped in `specwalk/llm/prompts/`, filled with `$name`.

`string.Template` rather than `str.format`, so the JSON braces in the prompts need no escaping.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template


@cache
def template(name: str) -> Template:
    text = resources.files("specwalk.llm").joinpath("prompts").joinpath(name).read_text(encoding="utf-8")
    return Template(text)


def render(name: str, **values: str) -> str:
    return template(name).substitute(values).strip()
