"""`specwalk init` on each bundled example reproduces the committed specwalk.toml."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from specwalk.pipeline import init_project

from ..conftest import EXAMPLE_NAMES, EXAMPLES

# Run output too: another test worker may be running an example's reference suite (its database file
# and test-results come and go while this copies).
_NOT_SOURCE = shutil.ignore_patterns(
    "node_modules", "dist", "test-results", "playwright-report", ".specwalk", "specwalk.toml", "*.db*", "__pycache__"
)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_init_reproduces_the_committed_config(name: str, tmp_path: Path) -> None:
    committed = tomllib.loads((EXAMPLES / name / "specwalk.toml").read_text(encoding="utf-8"))
    copy = tmp_path / name
    shutil.copytree(EXAMPLES / name, copy, ignore=_NOT_SOURCE)
    result = init_project(copy)
    regenerated = tomllib.loads(result.path.read_text(encoding="utf-8"))
    assert regenerated == committed
