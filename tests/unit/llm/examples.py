"""The example apps' inputs for LLM tests: their real UI maps and rules plans (no browser)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from specwalk.config import Config, load_config
from specwalk.index import index_project, settings_for
from specwalk.models.scenario import Plan
from specwalk.models.uimap import UIMap
from specwalk.plan import RequirementsDocument, load_document, plan_files

from ...conftest import EXAMPLES, REPO
from ...llm_server import Reply, Request

REFERENCE = json.loads((REPO / "tests" / "fixtures" / "llm" / "reference_replies.json").read_text(encoding="utf-8"))
PROSE_LINES = tuple(sorted(REFERENCE))  # "notes-html/requirements.md:56", ...


@dataclass(frozen=True)
class Example:
    name: str
    config: Config
    ui_map: UIMap
    plan: Plan
    documents: tuple[RequirementsDocument, ...]


def load_example(name: str, output: Path) -> Example:
    config = load_config(EXAMPLES / name / "specwalk.toml", env={})
    settings = settings_for(
        config.root,
        source_roots=config.project.source_roots,
        framework=config.project.framework,
        locales=config.project.locales,
        output_dir=output,
        use_cache=False,
    )
    ui_map = index_project(settings).uimap
    paths = [config.resolve(item) for item in config.project.requirements]
    plan = plan_files(paths, base=config.root)
    return Example(name, config, ui_map, plan, tuple(load_document(path, config.root) for path in paths))


def line_of(request: Request) -> str | None:
    """The requirements file:line a plan prompt is about."""
    match = re.search(r"^Requirement \((\S+)\)", request.first_user, flags=re.MULTILINE)
    return match.group(1) if match else None


def reference_reply(name: str) -> Callable[[Request], Reply]:
    """The reply a correct model gives: keyed on the line the prompt names."""

    def script(request: Request) -> Reply:
        where = line_of(request)
        key = f"{name}/{where}"
        if key not in REFERENCE:
            return Reply(status=500, error=f"no scripted reply for {key}")
        return Reply(json.dumps(REFERENCE[key], ensure_ascii=False))

    return script
