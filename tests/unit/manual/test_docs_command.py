"""`specwalk docs` fails, and says why, when the requirements give it nothing to put in a manual."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.cli import main
from specwalk.errors import ExitCode


def test_nothing_planned_is_a_failure_that_lists_the_lines_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Shop\n\n## Checkout\n\n- The checkout should feel fast and friendly to first-time buyers.\n",
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text("<title>Shop</title><button>Pay</button>", encoding="utf-8")
    (tmp_path / "specwalk.toml").write_text(
        '[project]\nframework = "html"\nsource_roots = ["."]\nrequirements = ["requirements.md"]\n'
        '[app]\ncommand = "false"\n',
        encoding="utf-8",
    )
    code = main(["docs", "-c", str(tmp_path / "specwalk.toml"), "--lang", "en", "--quiet"])
    out = capsys.readouterr().out
    assert code == ExitCode.FAILURES
    assert "nothing to put in the manual: no scenario could be planned" in out
    assert "not planned: requirements.md:5:" in out
    assert not (tmp_path / "docs").exists()  # no app started (its command would fail), nothing written
