"""The match patterns a check compares with mean the same to Python's `re` (the driver, pytest
suites) and to JavaScript (Playwright Test suites): evaluated by both on the same texts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from specwalk.models.patterns import text_pattern, url_pattern
from specwalk.models.report import OpMatch

VALUES = ["Saved.", "$1 (total)", "a+b*c^d|e[f]{g}\\h/i-j", 'Delete "Eggs"?', "#/basket", "/notes/1?x=y", "总计：5"]
TEXTS = [
    "Saved.",
    "Saved!",
    "It was Saved. Yes",
    "$1 (total)",
    "$1 (total) and more",
    "a+b*c^d|e[f]{g}\\h/i-j",
    'Delete "Eggs"?',
    "http://127.0.0.1:5173/#/basket",
    "http://127.0.0.1:5173/#/basket/2",
    "http://127.0.0.1:5173/notes/1?x=y",
    "http://127.0.0.1:5173/app/notes/1?x=y",
    "总计：5",
    "",
]
MATCHES: list[OpMatch] = ["equals", "contains", "starts_with", "ends_with"]


def _cases() -> list[tuple[str, str]]:
    patterns = [text_pattern(v, m) for v in VALUES for m in MATCHES]
    patterns += [url_pattern(v, m) for v in VALUES for m in MATCHES]
    return [(pattern, text) for pattern in patterns for text in TEXTS]


def test_python_and_javascript_agree_on_every_pattern() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed (it runs the emitted TypeScript suites)")
    cases = _cases()
    script = (
        "const c = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(c.map(([p, t]) => new RegExp(p).test(t))));"
    )
    out = subprocess.run([node, "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True)
    javascript = json.loads(out.stdout)
    python = [re.search(pattern, text) is not None for pattern, text in cases]
    assert [c for c, js, py in zip(cases, javascript, python, strict=True) if js != py] == []
    # and the patterns say what they mean
    assert re.search(text_pattern("Saved.", "equals"), "Saved!") is None
    assert re.search(url_pattern("#/basket", "ends_with"), "http://h/#/basket")
    assert re.search(url_pattern("/notes", "starts_with"), "http://h:1/notes/1")
    assert not re.search(url_pattern("/notes", "starts_with"), "http://h:1/app/notes")
