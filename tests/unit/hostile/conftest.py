"""Hostile-input tests: every case runs the real CLI entry point (`specwalk.cli.main`) in a fresh
project directory and checks the exit code, the message (file, line, fix) and the files left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from specwalk.cli import main

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in [key for key in os.environ if key.startswith("SPECWALK_")]:
        monkeypatch.delenv(name)
    return tmp_path


@pytest.fixture
def run(project: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """`run("plan", "r.md")` -> (exit code, stdout + stderr); never a traceback."""

    def invoke(*args: str) -> tuple[int, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert "INTERNALERROR" not in output and "Traceback" not in output, output
        return code, output

    return invoke


SRC = Path(__file__).resolve().parents[3] / "src"
# Root ignores permission bits; without these capabilities it obeys them like any user.
_DROP = "-dac_override,-dac_read_search"


def unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console script's code path in a subprocess that permission bits apply to (as root:
    the same uid without the capabilities that bypass them)."""
    command = [sys.executable, "-m", "specwalk", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permission bits cannot be tested")
        command = [setpriv, f"--inh-caps={_DROP}", f"--bounding-set={_DROP}", *command]
    env = {key: value for key, value in os.environ.items() if not key.startswith("SPECWALK_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
