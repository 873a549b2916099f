"""What the tests of the plain HTML + JS fixture apps (tests/fixtures/e2estyle/*) share: a copy of an
app with or without one of its planted bugs, its UI map, and its scenarios verified by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from specwalk.browser.playwright_driver import BrowserSession
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.index import index_project, settings_for
from specwalk.models.report import ScenarioResult
from specwalk.models.scenario import Plan
from specwalk.models.uimap import UIMap
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.suite import verify_plan


def load_mutants(app: Path) -> list[dict[str, Any]]:
    """The app's planted bugs (mutants.json: id, file, find, replace, covering scenarios)."""
    mutants: list[dict[str, Any]] = json.loads((app / "mutants.json").read_text(encoding="utf-8"))["mutants"]
    return mutants


def copy_app(app: Path, directory: Path, mutant: dict[str, Any] | None = None) -> Path:
    """A copy of the app's files (not its requirements or bugs), with `mutant`'s edit applied."""
    shutil.copytree(app, directory, ignore=shutil.ignore_patterns("mutants.json", "requirements.md"))
    if mutant is not None:
        source = directory / mutant["file"]
        text = source.read_text(encoding="utf-8")
        assert text.count(mutant["find"]) == 1, mutant["id"]
        source.write_text(text.replace(mutant["find"], mutant["replace"]), encoding="utf-8")
    return directory


def index_html_app(app_dir: Path, output_dir: Path) -> UIMap:
    settings = settings_for(
        app_dir, source_roots=(".",), framework="html", locales=("en",), output_dir=output_dir, workers=1
    )
    return index_project(settings).uimap


def verify_by_name(
    session: BrowserSession, ui_map: UIMap, url: str, plan: Plan, timeout_ms: float = 5_000
) -> dict[str, ScenarioResult]:
    resolver = Resolver(LexicalRetriever(ui_map.elements), locale="en")
    verifier = ScenarioVerifier(session, ui_map, resolver, base_url=url, locale="en", timeout_ms=timeout_ms)
    return {result.name: result for result in verify_plan(plan, verifier).scenarios}
