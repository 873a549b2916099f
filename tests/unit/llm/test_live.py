"""Against a real model: only when SPECWALK_LIVE_LLM names one (a preset or a server URL) and its key
is set, e.g. `SPECWALK_LIVE_LLM=deepseek DEEPSEEK_API_KEY=... pytest tests/unit/llm/test_live.py`.
It spends tokens (a few thousand per prose line), so it never runs by default.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from specwalk.cli import main
from specwalk.config import llm_choice
from specwalk.errors import ExitCode
from specwalk.llm.presets import PRESETS

from ...conftest import EXAMPLES

LIVE = os.environ.get("SPECWALK_LIVE_LLM", "")


def _skip_reason() -> str | None:
    if not LIVE:
        return "set SPECWALK_LIVE_LLM (deepseek, openai, ollama, vllm or a URL) to run against a real model"
    provider = str(llm_choice(LIVE)["provider"])
    key = PRESETS[provider].key_env if provider in PRESETS else ""
    if key and not os.environ.get(key):
        return f"SPECWALK_LIVE_LLM={LIVE} needs ${key}"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


def test_a_real_model_plans_the_notes_prose_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "notes-html"
    shutil.copytree(EXAMPLES / "notes-html", project, ignore=shutil.ignore_patterns("node_modules", ".specwalk"))
    code = main(["plan", "-c", str(project / "specwalk.toml"), "--llm", LIVE, "--no-cache"])
    printed = capsys.readouterr()
    assert code in (ExitCode.OK, ExitCode.FAILURES), printed.err
    plan = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    llm_scenarios = [s for r in plan["requirements"] for s in r["scenarios"] if "llm" in s["tags"]]
    left = [entry for entry in plan["unplanned"] if entry["needs_llm"]]
    assert llm_scenarios, f"the model planned none of the prose lines: {[entry['reason'] for entry in left]}"
    for entry in left:  # a line it could not plan is reported with why and what it said
        assert entry["reason"].startswith("the LLM planner")
    assert "llm: " in printed.err and " prompt + " in printed.err
