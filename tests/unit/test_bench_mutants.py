"""The quality bench's mutant and cosmetic definitions still fit the example apps' source.

No browser: each mutant's anchor must occur exactly once in its file and its replacement must
change the file; the cosmetic refactor must apply and leave every visible text alone.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_mutants", ROOT / "bench" / "mutants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
APPS = [app for app in bench.APPS if (ROOT / "bench" / "mutants" / f"{app}.toml").is_file()]
MUTANTS = [(app, mutant) for app in APPS for mutant in bench.load_mutants(app)]


def test_every_app_has_at_least_20_mutants() -> None:
    assert list(bench.APPS) == APPS
    for app in APPS:
        assert len(bench.load_mutants(app)) >= 20, app


@pytest.mark.parametrize(("app", "mutant"), MUTANTS, ids=[f"{app}:{mutant.id}" for app, mutant in MUTANTS])
def test_mutant_applies_once_and_changes_the_source(app: str, mutant: object) -> None:
    path = ROOT / "examples" / app / mutant.file  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    assert text.count(mutant.anchor) == 1  # type: ignore[attr-defined]
    mutated = bench.apply_edit(text, mutant.anchor, mutant.replacement, where=mutant.id)  # type: ignore[attr-defined]
    assert mutated != text
    assert mutant.replacement in mutated  # type: ignore[attr-defined]


def test_apply_edit_rejects_missing_repeated_and_noop_anchors() -> None:
    with pytest.raises(bench.DefinitionError, match="found 0 times"):
        bench.apply_edit("a b", "c", "d", where="x")
    with pytest.raises(bench.DefinitionError, match="found 2 times"):
        bench.apply_edit("a a", "a", "d", where="x")
    with pytest.raises(bench.DefinitionError, match="changes nothing"):
        bench.apply_edit("a b", "a", "a", where="x")
    assert bench.apply_edit("a b", "b", "c", where="x") == "a c"


# What a user or a role-based locator sees: literal text between tags, translation keys, roles,
# test ids, labels and titles. A cosmetic refactor may move these around but not change them.
_VISIBLE = re.compile(
    r">([^<>{}]*\w[^<>{}]*)<"
    r"|\bt\('([^']+)'"
    r"|\b(?:role|data-testid|aria-label|title|placeholder|label)=\"([^\"]*)\""
)


def _visible(text: str) -> list[str]:
    found = ("".join(groups) for groups in _VISIBLE.findall(text))
    return sorted(" ".join(item.split()) for item in found)


@pytest.mark.parametrize("app", APPS)
def test_cosmetic_refactor_applies_and_keeps_visible_texts(app: str, tmp_path: Path) -> None:
    source = ROOT / "examples" / app
    copy = tmp_path / app
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("node_modules", "e2e-*", ".specwalk"))
    changes = bench.apply_cosmetic(copy, bench.load_cosmetic(app))
    assert len(changes) >= 3
    for relative in changes:
        before = (source / relative).read_text(encoding="utf-8")
        after = (copy / relative).read_text(encoding="utf-8")
        assert after != before
        assert _visible(after) == _visible(before), relative


def test_visible_texts_notice_a_changed_label() -> None:
    before = '<button title="Delete task">{t(\'tasks.add\')}</button><p role="status">Saved</p>'
    assert _visible(before) == ["Delete task", "Saved", "status", "tasks.add"]
    assert _visible(before.replace("Saved", "Stored")) != _visible(before)
    assert _visible(before.replace("<p ", '<div class="x"><p ') + "</div>") == _visible(before)
