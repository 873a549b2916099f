from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from specwalk.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures" / "plan"
PLANNABLE = """## Sign in

- Open the "/login" page, fill in "Username" with "admin" and click "Sign in": "Welcome" is shown.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_everything_planned_exits_0_and_writes_plan_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "req.md").write_text(PLANNABLE, encoding="utf-8")
    assert main(["plan", "req.md"]) == 0
    output = capsys.readouterr().out
    assert 'fill "Username" with "admin"' in output
    saved = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    steps = saved["requirements"][0]["scenarios"][0]["steps"]
    assert [(s["kind"], s.get("action") or s.get("expectation")) for s in steps] == [
        ("action", "open"),
        ("action", "fill"),
        ("action", "click"),
        ("expectation", "text_visible"),
    ]


def test_lines_needing_attention_exit_1_and_are_listed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "mixed.md", project / "mixed.md")
    assert main(["plan", "mixed.md"]) == 1
    output = capsys.readouterr().out
    assert "mixed.md:44: the todos are magically sorted by importance" in output
    assert "mixed.md:50: The list feels fast and friendly." in output


def test_json_output_is_the_plan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "req.md").write_text(PLANNABLE, encoding="utf-8")
    assert main(["plan", "--json", "req.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    assert data["sources"] == ["req.md"]


def test_default_requirements_come_from_specwalk_toml(project: Path) -> None:
    (project / "specwalk.toml").write_text('[project]\nrequirements = ["docs/req.md"]\n', encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "req.md").write_text(PLANNABLE, encoding="utf-8")
    assert main(["plan"]) == 0
    saved = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    assert saved["sources"] == ["docs/req.md"]


def test_missing_file_exits_2_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "nope.md"]) == 2
    assert "nope.md: no such requirements file" in capsys.readouterr().err
    assert not (project / ".specwalk").exists()


def test_malformed_gherkin_exits_3_with_the_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "malformed.md", project / "malformed.md")
    assert main(["plan", "malformed.md"]) == 3
    assert "malformed.md:12: Gherkin:" in capsys.readouterr().err


def test_a_state_no_step_reaches_is_listed_with_the_definition_to_add(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "r.md").write_text(
        '## Cart\n\n- Given I have imported the orders "A", when I open the "/" page, then I see "A".\n',
        encoding="utf-8",
    )
    assert main(["plan", "r.md"]) == 0
    output = capsys.readouterr().out
    assert "1 Given line(s) kept as a state no step reaches:" in output
    assert 'add to a "## Steps" section: - I have imported the orders "{value}"' in output


def test_a_document_that_plans_no_scenario_exits_1_saying_so(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "r.md").write_text("## Notes\n\n- The app feels fast.\n- Everything is delightful.\n", encoding="utf-8")
    assert main(["plan", "r.md"]) == 1
    captured = capsys.readouterr()
    assert "plan: no scenario: none of the 2 requirement(s) could be planned" in captured.err
    assert "r.md:3: The app feels fast." in captured.out
