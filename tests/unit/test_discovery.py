"""Browser discovery against fake browser installs: real files, real PATH lookups, no patching."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from specwalk.browser.discovery import find_browser, find_managed_browser, install_hint
from specwalk.errors import BrowserNotFound

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake browsers are shell scripts")


def fake_browser(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho '{version}'\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def isolated_env(tmp_path: Path, path_dirs: list[Path] | None = None) -> dict[str, str]:
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    dirs = [*(path_dirs or []), empty]
    return {
        "PATH": os.pathsep.join(str(d) for d in dirs),
        "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "ms-playwright"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "home"),
    }


def test_configured_path_wins_and_reports_its_version(tmp_path: Path) -> None:
    browser = fake_browser(tmp_path / "my" / "chrome", "Google Chrome 130.0.1.2")
    fake_browser(tmp_path / "bin" / "chromium", "Chromium 120.0.0.0")
    info = find_browser(str(browser), isolated_env(tmp_path, [tmp_path / "bin"]))
    assert (info.path, info.source, info.version) == (browser, "configured", "Google Chrome 130.0.1.2")


def test_configured_path_that_does_not_exist_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    fake_browser(tmp_path / "bin" / "chromium", "Chromium 120.0.0.0")
    with pytest.raises(BrowserNotFound) as caught:
        find_browser("/nonexistent/chrome", isolated_env(tmp_path, [tmp_path / "bin"]))
    assert "/nonexistent/chrome" in str(caught.value)
    assert caught.value.hint is not None and "playwright install chromium" in caught.value.hint


def test_playwright_managed_browser_before_system(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, [tmp_path / "bin"])
    fake_browser(tmp_path / "bin" / "chromium", "Chromium 120.0.0.0")
    old = fake_browser(tmp_path / "ms-playwright" / "chromium-1100" / "chrome-linux" / "chrome", "Chromium 118.0")
    new = fake_browser(tmp_path / "ms-playwright" / "chromium-1200" / "chrome-linux64" / "chrome", "Chromium 130.0")
    (tmp_path / "ms-playwright" / "ffmpeg-1010").mkdir()
    info = find_browser("", env)
    assert info.source == "playwright"
    assert info.path == new
    assert old.exists()


def test_managed_browser_in_default_cache_directory(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    del env["PLAYWRIGHT_BROWSERS_PATH"]
    if sys.platform == "darwin":
        pytest.skip("linux cache layout")
    browser = fake_browser(tmp_path / "cache" / "ms-playwright" / "chromium-1300" / "chrome-linux" / "chrome", "C 1")
    assert find_managed_browser(env) == browser


def test_system_chromium_on_path(tmp_path: Path) -> None:
    browser = fake_browser(tmp_path / "bin" / "google-chrome", "Google Chrome 131.0.6778.85")
    info = find_browser("", isolated_env(tmp_path, [tmp_path / "bin"]))
    assert (info.path, info.source, info.version) == (browser, "system", "Google Chrome 131.0.6778.85")


def test_nothing_found_names_where_it_looked_and_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(BrowserNotFound) as caught:
        find_browser("", isolated_env(tmp_path))
    assert str(tmp_path / "ms-playwright") in str(caught.value)
    assert caught.value.hint == install_hint()
    assert f"{sys.executable} -m playwright install chromium" in install_hint()
