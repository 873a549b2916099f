"""A failed stage leaves no output looking current: plan.json, uimap.json, report.json and
report.html are replaced by a stale marker, and readers refuse the marker with the failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specwalk.artifacts import STALE_KEY, read_fresh, stale_failure, stale_text
from specwalk.config import load_config
from specwalk.emit.report_json import load_report
from specwalk.errors import ExitCode, InputError, UsageError
from specwalk.index.build import IndexRun
from specwalk.pipeline import generate

from .conftest import Run

PLANNABLE = '## Tasks\n\n- Click "Add": "Added" is shown.\n'
PAGE = '<main><h1>Notes</h1><button type="button">Add</button></main>\n'


def marker(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[STALE_KEY] == 1
    return dict(data)


def test_a_failed_plan_marks_the_previous_plan_stale(project: Path, run: Run) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.OK
    (project / "r.md").write_text("", encoding="utf-8")
    code, _ = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    stale = marker(project / ".specwalk" / "plan.json")
    assert stale["command"] == "specwalk plan"
    assert stale["failure"] == ["r.md: no requirements: the file is empty"]
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.OK
    assert STALE_KEY not in (project / ".specwalk" / "plan.json").read_text(encoding="utf-8")


def test_a_plan_that_fails_to_read_a_file_marks_it_too(project: Path, run: Run) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.OK
    code, _ = run("plan", "missing.md")
    assert code == ExitCode.USAGE
    assert marker(project / ".specwalk" / "plan.json")["failure"] == ["missing.md: no such requirements file"]


def test_a_failed_plan_writes_nothing_where_nothing_was(project: Path, run: Run) -> None:
    (project / "r.md").write_text("", encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.BAD_INPUT
    assert not (project / ".specwalk").exists()


def index_project(project: Path, page: str = PAGE) -> None:
    (project / "specwalk.toml").write_text('[project]\nframework = "html"\n', encoding="utf-8")
    (project / "index.html").write_text(page, encoding="utf-8")


def test_a_failed_index_marks_the_map_stale_and_readers_refuse_it(project: Path, run: Run) -> None:
    index_project(project)
    assert run("index")[0] == ExitCode.OK
    (project / "index.html").write_text("<p></p>\n", encoding="utf-8")  # no element left
    assert run("index")[0] == ExitCode.BAD_INPUT
    uimap = project / ".specwalk" / "uimap.json"
    assert marker(uimap)["command"] == "specwalk index"
    with pytest.raises(UsageError, match="stale — the last `specwalk index` failed") as caught:
        _ = IndexRun(uimap).uimap
    assert any("found no element" in line for line in caught.value.lines)
    # An unchanged re-run does not take the marker for a map: it fails the same way again.
    assert run("index")[0] == ExitCode.BAD_INPUT
    index_project(project)
    assert run("index")[0] == ExitCode.OK
    assert read_fresh(uimap)


def test_a_bad_source_root_marks_the_map_stale(project: Path, run: Run) -> None:
    index_project(project)
    assert run("index")[0] == ExitCode.OK
    (project / "specwalk.toml").write_text('[project]\nframework = "html"\nsource_roots = ["src"]\n', encoding="utf-8")
    assert run("index")[0] == ExitCode.USAGE
    assert marker(project / ".specwalk" / "uimap.json")["failure"] == ["project.source_roots: 'src' does not exist"]


def test_a_failed_generate_leaves_no_report_looking_current(project: Path, env: dict[str, str]) -> None:
    index_project(project)
    out = project / ".specwalk"
    out.mkdir()
    (out / "report.json").write_text('{"schema_version": 1}', encoding="utf-8")
    (out / "report.html").write_text("<html>yesterday</html>", encoding="utf-8")
    (out / "plan.json").write_text('{"requirements": []}', encoding="utf-8")
    config = load_config(cwd=project, env={})
    with pytest.raises(UsageError, match="no requirements"):
        generate(config, env=env, runs=0)
    for name in ("report.json", "report.html"):  # generate removes the last run's reports first
        assert not (out / name).exists() or STALE_KEY in (out / name).read_text(encoding="utf-8")


def test_a_stale_report_is_refused_with_its_failure() -> None:
    text = stale_text("report.json", "specwalk generate", ["the app did not start"])
    with pytest.raises(UsageError, match="the last `specwalk generate` failed") as caught:
        load_report(text, where="report.json")
    assert "  the app did not start" in caught.value.lines
    page = stale_text("report.html", "specwalk generate", ["<b>x</b>"])
    assert "&lt;b&gt;x&lt;/b&gt;" in page and STALE_KEY in page


def test_a_report_that_is_not_a_marker_is_still_a_schema_error() -> None:
    with pytest.raises(InputError):
        load_report('{"schema_version": 1, "note": "specwalk_stale"}')


def test_stale_failure_ignores_real_outputs() -> None:
    assert stale_failure('{"schema_version": 2, "elements": []}') is None
    assert stale_failure(b'{"specwalk_stale": 1, "command": "specwalk index", "failure": ["a"]}') == (
        "specwalk index",
        ["a"],
    )
    assert stale_failure("specwalk_stale but not JSON") is None
