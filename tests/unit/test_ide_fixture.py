"""The VS Code extension's unit tests read a real report; it must still match the report schema.

`ide/vscode/test/fixtures/report.json` is what `specwalk generate --runs 1` wrote for
`tests/fixtures/generate/groceries` with the line in `requirements.md` (beside it) that cannot be
planned. It must load with today's model (reports from earlier runs stay readable), and what the
model writes must still have every field the extension reads (`ide/vscode/src/report.ts`). When a
field it reads is renamed or removed, regenerate both files and update the extension.
"""

from __future__ import annotations

import json

from specwalk.emit.report_json import load_report, render_report_json

from ..conftest import REPO

FIXTURES = REPO / "ide" / "vscode" / "test" / "fixtures"

# What report.ts, lenses.ts and diagnostics.ts read.
READ_BY_EXTENSION = {
    "report": {"schema_version", "project", "requirements", "scenarios", "unplanned", "runner", "errors"},
    "scenario": {"scenario_id", "requirement_id", "name", "feature", "source", "status", "steps", "message"},
    "step": {"index", "text", "source", "status", "evidence"},
    "evidence": {"message"},
    "unplanned": {"source", "text", "reason", "suggestion", "needs_llm"},
    "runner": {"runner", "passed", "failed", "flaky", "expected_failures"},
}


def test_the_extension_reads_a_report_the_pipeline_still_writes() -> None:
    report = load_report((FIXTURES / "report.json").read_text(encoding="utf-8"), where="fixtures/report.json")
    assert sorted(s.status for s in report.scenarios) == [
        "app_defect",
        "not_grounded",
        "passed",
        "passed",
        "passed",
        "passed",
    ]
    lines = (FIXTURES / "requirements.md").read_text(encoding="utf-8").splitlines()
    for unplanned in report.unplanned:
        assert lines[unplanned.source.line - 1].lstrip("- ") == unplanned.text
    for scenario in report.scenarios:
        assert scenario.source.file == "requirements.md" and scenario.source.line <= len(lines)

    written = json.loads(render_report_json(report))
    assert READ_BY_EXTENSION["report"] <= set(written)
    for scenario in written["scenarios"]:
        assert READ_BY_EXTENSION["scenario"] <= set(scenario)
        for step in scenario["steps"]:
            assert READ_BY_EXTENSION["step"] <= set(step)
            assert READ_BY_EXTENSION["evidence"] <= set(step["evidence"])
    assert all(READ_BY_EXTENSION["unplanned"] <= set(entry) for entry in written["unplanned"])
    assert READ_BY_EXTENSION["runner"] <= set(written["runner"])
