"""Emit speed: a synthetic 2,000-scenario report rendered as both suites and both reports.

Run: .venv/bin/python bench/emit_speed.py  → per-output times and sizes, then a re-write check.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.emit.groceries import groceries_scenarios

from specwalk.emit.files import write_files
from specwalk.emit.layout import SuiteSettings, assign_tests
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.emit.report_html import render_report_html
from specwalk.emit.report_json import render_report_json
from specwalk.models.report import RunReport


def synthetic(count: int) -> RunReport:
    base = groceries_scenarios()
    scenarios = []
    for number in range(count):
        template = base[number % len(base)]
        feature = f"feature-{number // 40:03d}"
        scenarios.append(
            template.model_copy(
                update={
                    "scenario_id": f"{feature}/s-{number:05d}",
                    "requirement_id": f"{feature}/s-{number:05d}",
                    "feature": feature,
                    "name": f"{template.name} {number}",
                }
            )
        )
    return RunReport(
        specwalk_version="0.1.0",
        project="bench",
        requirements_files=["requirements.md"],
        locale="en",
        scenarios=scenarios,
    )


def timed(label: str, work: object) -> object:
    start = time.perf_counter()
    result = work() if callable(work) else work
    size = sum(len(v) for v in result.values()) if isinstance(result, dict) else len(str(result))
    print(f"{label:<22} {time.perf_counter() - start:6.3f} s  {size / 1e6:6.2f} MB")
    return result


def main() -> None:
    report = assign_tests(synthetic(2000), "typescript", "e2e")
    settings = SuiteSettings(base_url="http://127.0.0.1:5173/", app_command="npm run dev")
    ts = timed("typescript suite", lambda: emit_typescript(report, settings))
    timed("python suite", lambda: emit_python(report, settings))
    timed("report.json", lambda: render_report_json(report))
    timed("report.html", lambda: render_report_html(report))
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        first = write_files(Path(scratch), ts)  # type: ignore[arg-type]
        middle = time.perf_counter()
        second = write_files(Path(scratch), ts)  # type: ignore[arg-type]
        end = time.perf_counter()
    print(
        f"write {len(first.written)} files   {middle - start:6.3f} s; re-write: {end - middle:.3f} s, "
        f"{len(second.written)} changed"
    )


if __name__ == "__main__":
    main()
