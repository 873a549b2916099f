"""[app] reset: the shell command that puts the app's data back in a known state.

Run before each scenario is verified (and before each of its replays), as the emitted suite runs
it before each test, so a sign-up or a created article starts from the same data every time.
A command that fails stops the run: every verdict after it would be about the wrong data.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from specwalk.errors import EnvironmentProblem

RESET_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Reset:
    command: str
    cwd: Path
    env: Mapping[str, str] = field(default_factory=dict)  # the whole environment the command gets
    timeout_s: float = RESET_TIMEOUT_S

    def __call__(self) -> None:
        try:
            done = subprocess.run(  # noqa: S602 - the user's own command from specwalk.toml
                self.command,
                shell=True,
                cwd=self.cwd,
                env=dict(self.env),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=self.timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise EnvironmentProblem(
                f"[app] reset `{self.command}` did not finish within {self.timeout_s:g} s",
                hint="make the reset command quick (a seed endpoint, or copying a database file)",
            ) from exc
        except OSError as exc:
            raise EnvironmentProblem(
                f"[app] reset `{self.command}` could not run in {self.cwd}: {exc.strerror}"
            ) from exc
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-10:]
            raise EnvironmentProblem(
                f"[app] reset `{self.command}` failed (exit status {done.returncode}); its last lines:",
                *(tail or ["(no output)"]),
                hint="run the command yourself from the project directory to see why, then fix it in specwalk.toml",
            )
