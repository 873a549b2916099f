"""Getting a browser onto a machine that has none (`specwalk install-browser`, used by make).

First Playwright's own download; where that is impossible (no route to its CDN), the system
package manager's Chromium when we are allowed to use it; otherwise the instructions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

from specwalk.browser.discovery import (
    BrowserInfo,
    _os_release,
    find_browser,
    find_managed_browser,
    install_hint,
)
from specwalk.errors import BrowserNotFound, SpecwalkError

Say = Callable[[str], None]


def _run(command: list[str], say: Say, timeout: float) -> bool:
    say("$ " + " ".join(command))
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        say(f"  failed: {exc}")
        return False
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        say(f"  failed with status {result.returncode}: {output[0] if output else 'no output'}")
        return False
    return True


def _apt_prefix() -> list[str] | None:
    """How we may run apt-get without a password prompt, or None when we may not."""
    if sys.platform != "linux" or shutil.which("apt-get") is None:
        return None
    release = _os_release()
    if "debian" not in f"{release.get('ID', '')} {release.get('ID_LIKE', '')}":
        return None
    if os.geteuid() == 0:
        return []
    if (
        shutil.which("sudo")
        and subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0
    ):
        return ["sudo", "-n"]
    return None


def install_browser(env: dict[str, str], say: Say) -> BrowserInfo:
    try:
        found = find_browser("", env)
    except SpecwalkError:
        pass
    else:
        say(f"browser already available: {found.version or found.path} ({found.source})")
        return found

    say("no browser found; trying Playwright's download of Chromium")
    if _run([sys.executable, "-m", "playwright", "install", "chromium"], say, timeout=900):
        managed = find_managed_browser(env)
        if managed is not None:
            return find_browser(str(managed), env)

    prefix = _apt_prefix()
    if prefix is not None:
        say("Playwright's download is not possible here; installing the system package 'chromium'")
        env_apt = ["env", "DEBIAN_FRONTEND=noninteractive"]
        if _run([*prefix, *env_apt, "apt-get", "update", "-q"], say, timeout=900) and _run(
            [*prefix, *env_apt, "apt-get", "install", "-y", "-q", "chromium"], say, timeout=1800
        ):
            return find_browser("", env)

    raise BrowserNotFound("could not install a browser automatically", hint=install_hint())


CJK_FONT_PACKAGE = "fonts-noto-cjk"


def cjk_font_available() -> bool | None:
    """Whether fontconfig knows a Chinese font (None: no fontconfig to ask, e.g. not Linux)."""
    if shutil.which("fc-list") is None:
        return None
    try:
        command = ["fc-list", ":lang=zh", "family"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.returncode == 0 and bool(result.stdout.strip())


def install_cjk_fonts(say: Say) -> bool:
    """Make sure Chromium can draw Chinese (the manual in Chinese): Debian's Noto CJK through apt
    when no CJK font is installed and apt may be used; otherwise say what to install. Never fatal."""
    found = cjk_font_available()
    if found is None or found:
        if found:
            say("CJK font already available")
        return bool(found)
    prefix = _apt_prefix()
    if prefix is None:
        say(
            f"no CJK font found (fc-list :lang=zh): Chinese text in manual pictures and PDFs will show as boxes; "
            f"install one, e.g. `sudo apt-get install {CJK_FONT_PACKAGE}`"
        )
        return False
    say(f"no CJK font found; installing the system package '{CJK_FONT_PACKAGE}' for Chinese manuals")
    env_apt = ["env", "DEBIAN_FRONTEND=noninteractive"]
    install = [*prefix, *env_apt, "apt-get", "install", "-y", "-q", "--no-install-recommends", CJK_FONT_PACKAGE]
    # The package lists may be missing or stale on a fresh machine: then update them and retry.
    update = [*prefix, *env_apt, "apt-get", "update", "-q"]
    installed = _run(install, say, timeout=1800)
    installed = installed or (_run(update, say, timeout=900) and _run(install, say, timeout=1800))
    if not installed:
        say(f"could not install {CJK_FONT_PACKAGE}; Chinese text in manual pictures will show as boxes")
        return False
    return bool(cjk_font_available())
