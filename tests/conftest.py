from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_NAMES = ("tasks-react", "shop-vue", "notes-html", "blog-vue")


@pytest.fixture
def env() -> dict[str, str]:
    """The process environment minus specwalk's own variables, as the CLI would pass it."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
