"""A real single-page app as a new user meets it (tests/fixtures/generate/articles-vue, Vue 3 with
vue-router in hash mode on Vite): articles arrive 1.5 s after the page, an article's actions are
rendered twice, and the requirements never write `/#/`. Every scenario verifies and its test runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.errors import ExitCode

from ..conftest import EXAMPLES, REPO

FIXTURE = REPO / "tests" / "fixtures" / "generate" / "articles-vue"


@pytest.fixture
def project(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    modules = EXAMPLES / "shop-vue" / "node_modules"
    if not (modules / "vite").is_dir():
        pytest.fail("examples/shop-vue/node_modules is missing: run `make node`")
    copy = tmp_path / "articles-vue"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns(".specwalk", "e2e-generated", "node_modules"))
    (copy / "node_modules").symlink_to(modules)
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return copy


def test_late_content_copies_and_hash_routes_verify_and_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "-c", str(project / "specwalk.toml"), "--runs", "1"]) == ExitCode.OK
    assert "playwright: 3 passed, 0 failed, 0 flaky, 0 expected failures over 1 run(s)" in capsys.readouterr().out
    report = json.loads((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))
    assert [scenario["status"] for scenario in report["scenarios"]] == ["passed", "passed", "passed"]

    reading = (project / "e2e-generated" / "reading.spec.ts").read_text(encoding="utf-8")
    # Content the API delivers 1.5 s after load: found by waiting, checked web-first, no sleep.
    assert "await expect(page.getByText('How to train your dragon', { exact: true })).toBeVisible();" in reading
    assert "waitForTimeout" not in reading
    # The Favorite button above and below the article: one control, the first copy.
    assert (
        "// specwalk: the page shows 2 copies of this control (src/components/ArticleActions.vue:9);"
        " the first visible one is used"
    ) in reading
    assert "await page.getByRole('button', { name: 'Favorite', exact: true }).first().click();" in reading
    # Routes as the router writes them, opened and checked after the #.
    assert "await page.goto('/#/article/how-to-train-your-dragon');" in reading
    signing_in = (project / "e2e-generated" / "signing-in.spec.ts").read_text(encoding="utf-8")
    assert "await page.goto('/#/login');" in signing_in
    assert "await expect(page).toHaveURL(/\\/#\\/settings(?:[?#].*)?$/);" in signing_in
