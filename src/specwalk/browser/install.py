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
