"""The one serializer of the run report: stable order, byte-identical for the same run.

Requirements are sorted by id, scenarios by requirement id then scenario id, unplanned lines by
file and line; `indent=2`, UTF-8 kept as is, LF, one trailing newline. Loading goes through the
same model, so a report that does not match the schema is an InputError naming the field.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from specwalk.artifacts import refuse_stale
from specwalk.errors import InputError
from specwalk.models.report import RunReport

REPORT_FILE = "report.json"


def normalized(report: RunReport) -> RunReport:
    """The report in its canonical order."""
    return report.model_copy(
        update={
            "requirements": sorted(report.requirements, key=lambda row: row.requirement_id),
            "scenarios": sorted(report.scenarios, key=lambda s: (s.requirement_id, s.scenario_id)),
            "unplanned": sorted(report.unplanned, key=lambda u: (u.source.file, u.source.line, u.text)),
        }
    )


def render_report_json(report: RunReport) -> str:
    data = normalized(report).model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_report(text: str, where: str = REPORT_FILE) -> RunReport:
    try:
        return RunReport.model_validate_json(text)
    except ValidationError as exc:
        refuse_stale(where, text)  # the marker a failed `specwalk generate` leaves
        lines = [
            f"{where}: {'.'.join(str(part) for part in error['loc']) or '(top level)'}: {error['msg']}"
            for error in exc.errors()[:20]
        ]
        raise InputError(*lines, hint="regenerate it with `specwalk generate`") from exc
