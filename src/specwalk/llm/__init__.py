"""The optional LLM flow: free-prose requirements, grounding assist and repair, through any
OpenAI-compatible model. Nothing else in specwalk depends on it; with no model configured every
command works as before.

    base.py           Message, Completion, Usage, Price and the `ChatModel` seam
    presets.py        deepseek / openai / ollama / vllm: URL, default model, key variable, prices
    openai_compat.py  the one client (the only importer of the `openai` SDK): retries, errors
    session.py        a run's model: response cache under .specwalk/cache/llm, usage, a log
    structured.py     ask for JSON, validate, re-ask with the errors (at most twice)
    context.py        the slice of the UI map a prompt carries
    assist.py         grounding assist: the model picks among retrieved candidates, by id
    prompts/*.md      the prompt templates

The LLM planner and repair live in `specwalk.plan.llm`.
"""
