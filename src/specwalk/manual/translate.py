"""A person's words in the other language, translated for the manual (`specwalk docs --llm`).

Chapter names, task titles and user stories come from the requirements as written; a Chinese
manual of English requirements (or the reverse) would show them in the wrong language. Without a
model they stay as written (task titles are then made from the app's own words in the manual's
language). With one, every such text of a manual is translated in one request, answered as JSON
and checked (every text answered, each in the right script); the session's cache keeps the
answer, so a re-run on the same requirements asks nothing and writes the same manual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from specwalk.llm.base import ChatModel, Message
from specwalk.llm.structured import LlmOutputInvalid, ReplyInvalid, ask
from specwalk.llm.templates import render

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese"}


class _Pair(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str
    translation: str


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    translations: list[_Pair]


def in_language(text: str, language: str) -> bool:
    """Whether `text` is written in `language` (by its script: Chinese has CJK characters)."""
    return bool(_CJK.search(text)) == (language == "zh")


def foreign(texts: Iterable[str | None], language: str) -> list[str]:
    """The texts not written in `language`, each once, in a stable order."""
    return sorted({text.strip() for text in texts if text and text.strip() and not in_language(text, language)})


def translate(model: ChatModel, texts: Sequence[str], language: str) -> tuple[dict[str, str], str]:
    """`texts` in `language`: the translations, and why there are none (the model's answer did not
    fit after the re-asks) or ""."""
    if not texts:
        return {}, ""
    name = LANGUAGE_NAMES.get(language, language)
    listing = "\n".join(f"{number}. {json.dumps(text, ensure_ascii=False)}" for number, text in enumerate(texts, 1))
    messages = [
        Message("system", render("translate_system.md", language=name)),
        Message("user", render("translate_user.md", language=name, texts=listing)),
    ]

    def validate(data: Any) -> dict[str, str]:
        answer = _Answer.model_validate(data)
        found = {pair.text.strip(): pair.translation.strip() for pair in answer.translations}
        problems = [f"{json.dumps(text, ensure_ascii=False)}: not answered" for text in texts if not found.get(text)]
        problems += [
            f"{json.dumps(text, ensure_ascii=False)}: the translation is not in {name}"
            for text in texts
            if found.get(text) and not in_language(found[text], language)
        ]
        if problems:
            raise ReplyInvalid(problems)
        return {text: found[text] for text in texts}

    try:
        return ask(model, messages, validate).value, ""
    except LlmOutputInvalid as failed:
        return {}, f"the model's translations did not fit: {'; '.join(failed.errors[:3])}"
