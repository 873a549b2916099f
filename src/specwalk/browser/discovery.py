"""Find a Chromium to drive, without importing playwright.

Order: an explicit path (config `browser.path` or $SPECWALK_BROWSER, already merged by the
config layer), then a Playwright-managed browser, then a system Chromium / Chrome.
An explicit path that does not work is an error, never silently replaced by another browser.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from specwalk.errors import BrowserNotFound

BrowserSource = Literal["configured", "playwright", "system"]

# Flags every launch uses: headless in a sandbox-less container with no outside network.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

_SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
_WINDOWS_SUFFIXES = (
    r"Google\Chrome\Application\chrome.exe",
    r"Chromium\Application\chrome.exe",
)
# Inside a Playwright browser directory, per platform; full builds first, headless shells last.
_MANAGED_EXECUTABLES = (
    "chrome-linux64/chrome",
    "chrome-linux/chrome",
    "chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
    "chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
    "chrome-mac/Chromium.app/Contents/MacOS/Chromium",
    "chrome-win64/chrome.exe",
    "chrome-win/chrome.exe",
    "chrome-headless-shell-linux64/chrome-headless-shell",
    "chrome-linux/headless_shell",
    "chrome-headless-shell-mac-arm64/chrome-headless-shell",
    "chrome-headless-shell-mac-x64/chrome-headless-shell",
    "chrome-headless-shell-win64/chrome-headless-shell.exe",
)


@dataclass(frozen=True)
class BrowserInfo:
    path: Path
    source: BrowserSource
    version: str  # e.g. "Chromium 156.0.8078.79"; "" when the binary would not say


def playwright_browsers_dirs(env: dict[str, str], home: Path | None = None) -> list[Path]:
    """Where Playwright keeps its browsers on this platform ($PLAYWRIGHT_BROWSERS_PATH first)."""
    home = home or Path.home()
    dirs: list[Path] = []
    custom = env.get("PLAYWRIGHT_BROWSERS_PATH", "")
    if custom and custom != "0":
        dirs.append(Path(custom))
    if sys.platform == "darwin":
        dirs.append(home / "Library" / "Caches" / "ms-playwright")
    elif sys.platform == "win32":
        dirs.append(Path(env.get("LOCALAPPDATA", home / "AppData" / "Local")) / "ms-playwright")
    else:
        dirs.append(Path(env.get("XDG_CACHE_HOME", home / ".cache")) / "ms-playwright")
    return dirs


def _expected_playwright_revision() -> str | None:
    """The chromium revision the installed playwright package was built for, if it is installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("playwright")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    browsers_json = Path(next(iter(spec.submodule_search_locations))) / "driver" / "package" / "browsers.json"
    try:
        data = json.loads(browsers_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for browser in data.get("browsers", []):
        if browser.get("name") == "chromium":
            return str(browser.get("revision"))
    return None


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_managed_browser(env: dict[str, str], home: Path | None = None) -> Path | None:
    """A Playwright-managed Chromium; the revision the installed playwright expects wins."""
    expected = _expected_playwright_revision()
    found: list[tuple[int, int, Path]] = []
    for base in playwright_browsers_dirs(env, home):
        if not base.is_dir():
            continue
        for directory in base.iterdir():
            match = re.fullmatch(r"(chromium|chromium_headless_shell)-(\d+)", directory.name)
            if not match:
                continue
            for rank, relative in enumerate(_MANAGED_EXECUTABLES):
                executable = directory / relative
                if _is_executable(executable):
                    preferred = 0 if match.group(2) == expected else 1
                    found.append((preferred, -int(match.group(2)) * 100 + rank, executable))
                    break
    return min(found)[2] if found else None


def find_system_browser(env: dict[str, str]) -> Path | None:
    for name in _SYSTEM_NAMES:
        located = shutil.which(name, path=env.get("PATH"))
        if located:
            return Path(located)
    if sys.platform == "darwin":
        for app in _MAC_APPS:
            if _is_executable(Path(app)):
                return Path(app)
    if sys.platform == "win32":
        for root_var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
            root = env.get(root_var)
            for suffix in _WINDOWS_SUFFIXES:
                if root and Path(root, suffix).is_file():
                    return Path(root, suffix)
    return None


def browser_version(path: Path, timeout: float = 15.0) -> str:
    """What `chrome --version` prints, first line; '' if it will not say."""
    try:
        result = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    for line in result.stdout.splitlines():
        if re.search(r"\d+\.\d+\.\d+", line):
            return line.strip()
    return ""


def install_hint() -> str:
    """The exact commands that get a browser on this platform."""
    managed = f"{sys.executable} -m playwright install chromium"
    system = _system_install_command()
    if system:
        return f"install one with `{managed}`, or with your system's package manager: `{system}`"
    return f"install one with `{managed}`"


def _system_install_command() -> str:
    if sys.platform == "darwin":
        return "brew install --cask chromium"
    if sys.platform == "win32":
        return "winget install Google.Chrome"
    release = _os_release()
    family = f"{release.get('ID', '')} {release.get('ID_LIKE', '')}"
    if "debian" in family or "ubuntu" in family:
        return "sudo apt-get install -y chromium"
    if "fedora" in family or "rhel" in family:
        return "sudo dnf install -y chromium"
    if "arch" in family:
        return "sudo pacman -S chromium"
    if "alpine" in family:
        return "sudo apk add chromium"
    if "suse" in family:
        return "sudo zypper install chromium"
    return ""


def _os_release() -> dict[str, str]:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value.strip().strip('"') for key, value in pairs}


def find_browser(configured: str, env: dict[str, str], *, with_version: bool = True) -> BrowserInfo:
    """The browser to use, or BrowserNotFound naming how to install one."""
    if configured:
        path = Path(configured).expanduser()
        if not path.is_absolute():
            located = shutil.which(configured, path=env.get("PATH"))
            path = Path(located) if located else path
        if not _is_executable(path):
            raise BrowserNotFound(
                f"browser not found at '{configured}' (from browser.path in specwalk.toml or $SPECWALK_BROWSER)",
                hint=f"point it at a Chromium/Chrome executable, unset it to search automatically, or {install_hint()}",
            )
        return BrowserInfo(path, "configured", browser_version(path) if with_version else "")
    managed = find_managed_browser(env)
    if managed is not None:
        return BrowserInfo(managed, "playwright", browser_version(managed) if with_version else "")
    system = find_system_browser(env)
    if system is not None:
        return BrowserInfo(system, "system", browser_version(system) if with_version else "")
    raise BrowserNotFound(
        f"no Chromium found (looked for a Playwright-managed browser in "
        f"{', '.join(str(d) for d in playwright_browsers_dirs(env))} and for "
        f"{', '.join(_SYSTEM_NAMES)} on PATH)",
        hint=install_hint(),
    )


def platform_summary() -> str:
    return f"{platform.system()} {platform.machine()}"
