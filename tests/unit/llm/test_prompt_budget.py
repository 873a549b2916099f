"""Each prose line's prompt stays under 4,000 tokens (o200k_base, the vocabulary bpe-openai ships)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from specwalk.ground.retrieve import LexicalRetriever
from specwalk.plan.llm import plan_messages

from .examples import PROSE_LINES, Example

BUDGET = 4_000
# bpe-openai reads its vocabulary with an importlib API Python deprecates; nothing of ours.
pytestmark = pytest.mark.filterwarnings("ignore:open_binary is deprecated:DeprecationWarning")


@pytest.mark.parametrize("key", PROSE_LINES)
def test_the_plan_prompt_fits_the_budget(key: str, examples: Callable[[str], Example]) -> None:
    import bpe_openai

    name, where = key.split("/", 1)
    example = examples(name)
    entry = next(entry for entry in example.plan.unplanned if str(entry.source) == where)
    requirement = next(r for r in example.plan.requirements if r.id == entry.requirement_id)
    messages = plan_messages(
        entry,
        requirement,
        example.plan,
        example.documents[0],
        example.ui_map,
        LexicalRetriever(example.ui_map.elements),
        locale=example.config.project.locales[0],
    )
    encoding = bpe_openai.get_encoding("o200k_base")
    tokens = sum(len(encoding.encode(message.content)) + 4 for message in messages) + 3
    assert 1_000 < tokens < BUDGET
