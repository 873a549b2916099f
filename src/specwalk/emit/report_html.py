"""A readable, self-contained `report.html`: requirement → scenario → test → status, with evidence.

One file, inline CSS, no scripts, no external resources; every value from the report is
escaped. The same canonical order as report.json.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from specwalk.emit import playwright_ts, pytest_py
from specwalk.emit.layout import Language, defect_summary, skip_reason
from specwalk.emit.locators import to_python, to_typescript
from specwalk.emit.report_json import normalized
from specwalk.models.locator import Locator
from specwalk.models.report import Operation, RunReport, ScenarioResult, StepResult

REPORT_HTML_FILE = "report.html"

STATUS_LABELS = {
    "passed": "passed",
    "app_defect": "app defect",
    "not_grounded": "not grounded",
    "not_planned": "not planned",
    "weak": "weak",
    "flaky": "flaky",
    "partial": "partial",
    "environment": "environment",
    "suite_failed": "failed in suite run",
    "failed": "failed",
    "not_run": "not run",
}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:76rem;
padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
pre{background:#f6f8fa;padding:.4rem;margin:0;white-space:pre-wrap;word-break:break-word}
.badge{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:12px;font-weight:600;white-space:nowrap}
.passed{background:#dafbe1;color:#116329}.app_defect,.failed,.suite_failed{background:#ffebe9;color:#a40e26}
.not_grounded,.not_planned,.not_run{background:#eaeef2;color:#424a53}
.weak,.flaky,.partial,.environment{background:#fff8c5;color:#7d4e00}
details{border:1px solid #d0d7de;border-radius:6px;margin:.6rem 0;padding:.4rem .8rem}
summary{cursor:pointer;font-weight:600}.muted{color:#656d76}ul{margin:.2rem 0;padding-left:1.2rem}
""".strip()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _badge(status: str) -> str:
    return f'<span class="badge {_e(status)}">{_e(STATUS_LABELS.get(status, status))}</span>'


def _locator_code(locator: Locator, language: Language) -> str:
    return to_typescript(locator) if language == "typescript" else to_python(locator)


def _operation_code(op: Operation, language: Language) -> str:
    try:
        if language == "typescript":
            return playwright_ts.render_operation(op)
        return pytest_py.render_operation(op)
    except ValueError as error:  # an operation no emitter can render: show why, not crash the report
        return f"/* {error} */"


def _anchor(index: int) -> str:
    return f"scenario-{index}"


def _runs(scenario: ScenarioResult) -> str:
    if not scenario.runs:
        return '<span class="muted">—</span>'
    marks = "".join("✓" if ok else "✗" for ok in scenario.runs)
    return f'<span title="{_e(sum(scenario.runs))} of {len(scenario.runs)} runs as expected">{marks}</span>'


def _summary(report: RunReport) -> str:
    counts: Counter[str] = Counter(scenario.status for scenario in report.scenarios)
    cells = "".join(f"<td>{_badge(status)} {counts[status]}</td>" for status in STATUS_LABELS if status in counts)
    return f"<table><tr><th>scenarios</th><td>{len(report.scenarios)}</td>{cells}</tr></table>"


def _runner(report: RunReport) -> str:
    runner = report.runner
    if runner is None:
        return '<p class="muted">The emitted suite was not run.</p>'
    return (
        "<table><tr><th>runner</th><th>command</th><th>passed</th><th>failed</th><th>flaky</th>"
        "<th>expected failures (app defects)</th><th>exit code</th></tr>"
        f"<tr><td>{_e(runner.runner)}</td><td><code>{_e(runner.command)}</code></td><td>{runner.passed}</td>"
        f"<td>{runner.failed}</td><td>{runner.flaky}</td><td>{runner.expected_failures}</td>"
        f"<td>{runner.exit_code}</td></tr></table>"
    )


def _matrix(report: RunReport, index_of: dict[str, int]) -> str:
    by_id = {scenario.scenario_id: scenario for scenario in report.scenarios}
    rows = [
        "<table><tr><th>requirement</th><th>line</th><th>scenario</th><th>test</th><th>status</th><th>runs</th></tr>"
    ]
    for requirement in report.requirements:
        scenarios = [by_id[sid] for sid in sorted(requirement.scenario_ids) if sid in by_id]
        span = max(1, len(scenarios))
        head = (
            f'<td rowspan="{span}"><b>{_e(requirement.title)}</b><br><code>{_e(requirement.requirement_id)}'
            f'</code><br>{_badge(requirement.status)}</td><td rowspan="{span}"><code>{_e(requirement.source)}'
            "</code></td>"
        )
        if not scenarios:
            rows.append(f"<tr>{head}<td colspan=4 class=muted>no scenario</td></tr>")
        for number, scenario in enumerate(scenarios):
            test = (
                f"<code>{_e(scenario.test_file)}</code> › {_e(scenario.test_title)}"
                if scenario.test_file
                else '<span class="muted">not emitted</span>'
            )
            link = f'<a href="#{_anchor(index_of[scenario.scenario_id])}">{_e(scenario.name)}</a>'
            rows.append(
                f"<tr>{head if number == 0 else ''}<td>{link}</td><td>{test}</td>"
                f"<td>{_badge(scenario.status)}</td><td>{_runs(scenario)}</td></tr>"
            )
    rows.append("</table>")
    return "".join(rows)


def _evidence(step: StepResult, language: Language) -> str:
    evidence = step.evidence
    parts: list[str] = []
    if evidence.element_id:
        where = f" at <code>{_e(evidence.source.file)}:{evidence.source.line}</code>" if evidence.source else ""
        parts.append(f"element <code>{_e(evidence.element_id)}</code>{where}")
    if evidence.expected is not None or evidence.actual is not None:
        parts.append(f"expected <code>{_e(evidence.expected)}</code>, seen <code>{_e(evidence.actual)}</code>")
    if evidence.message:
        parts.append(_e(evidence.message))
    if evidence.alternatives:
        items = []
        for number, locator in enumerate(evidence.alternatives):
            why = evidence.rejected_because[number] if number < len(evidence.rejected_because) else ""
            items.append(f"<li><code>{_e(_locator_code(locator, language))}</code> {_e(why)}</li>")
        parts.append(f"alternatives rejected:<ul>{''.join(items)}</ul>")
    if evidence.candidates:
        items = [
            f"<li><code>{_e(c.element_id)}</code> ({c.score:g}) {_e(c.description)} — {_e(c.reason)}</li>"
            for c in evidence.candidates
        ]
        parts.append(f"candidates:<ul>{''.join(items)}</ul>")
    if evidence.screenshot:
        parts.append(f'<a href="{_e(evidence.screenshot)}">screenshot</a>')
    return "<br>".join(parts)


def _scenario(scenario: ScenarioResult, index: int, language: Language) -> str:
    note = ""
    if scenario.status == "app_defect":
        note = f"<p>App defect: {_e(defect_summary(scenario))}</p>"
    elif scenario.status in ("not_grounded", "not_planned", "environment"):
        note = f"<p>{_e(skip_reason(scenario))}</p>"
    elif scenario.message:
        note = f"<p>{_e(scenario.message)}</p>"
    if scenario.not_checked:
        lines = "".join(f"<li>{_e(line)}</li>" for line in scenario.not_checked)
        note += f"<p>Not checked (these lines could not be planned):</p><ul>{lines}</ul>"
    if scenario.run_errors:
        runs = "".join(f"<li><code>{_e(error)}</code></li>" for error in scenario.run_errors)
        note += f"<p>The runner, in the runs that were not as expected:</p><ul>{runs}</ul>"
    rows = [
        "<table><tr><th>#</th><th>step</th><th>status</th><th>code</th><th>evidence</th></tr>",
    ]
    for step in scenario.steps:
        code = "\n".join(_operation_code(op, language) for op in step.operations)
        sensitivity = f"<br>{_badge('weak')}" if step.sensitivity == "weak" else ""
        rows.append(
            f"<tr><td>{step.index}</td><td>{_e(step.text)}<br><code class=muted>{_e(step.source)}</code></td>"
            f"<td>{_badge(step.status)}{sensitivity}</td>"
            f"<td>{f'<pre>{_e(code)}</pre>' if code else ''}</td><td>{_evidence(step, language)}</td></tr>"
        )
    rows.append("</table>")
    return (
        f'<details id="{_anchor(index)}"{" open" if scenario.status != "passed" else ""}>'
        f"<summary>{_badge(scenario.status)} {_e(scenario.name)} "
        f'<code class="muted">{_e(scenario.scenario_id)} · {_e(scenario.source)}</code></summary>'
        f"{note}{''.join(rows) if scenario.steps else ''}</details>"
    )


def _setup(report: RunReport, language: Language) -> str:
    if not report.setups:
        return ""
    parts = ["<h2>Shared setups</h2>"]
    for shared in report.setups:
        users = sum(scenario.setup == shared.id for scenario in report.scenarios)
        code = "\n".join(_operation_code(op, language) for op in shared.operations)
        parts.append(
            f"<h3>{_e(shared.id)}</h3><p>{_e(shared.feature)} · <code>{_e(shared.source)}</code>: runs once and"
            f" saves cookies and storage; {users} tests start from that state.</p><pre>{_e(code)}</pre>"
        )
    return "".join(parts)


def render_report_html(report: RunReport, language: Language = "typescript") -> str:
    report = normalized(report)
    index_of = {scenario.scenario_id: number for number, scenario in enumerate(report.scenarios)}
    unplanned = "".join(
        f"<tr><td><code>{_e(item.source)}</code></td><td>{_e(item.text)}</td><td>{_e(item.reason)}</td>"
        f"<td>{_e(item.suggestion or '')}</td></tr>"
        for item in report.unplanned
    )
    errors = "".join(f"<li>{_e(error)}</li>" for error in report.errors)
    body = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>specwalk report — {_e(report.project)}</title><style>{_CSS}</style></head><body>",
        f"<h1>specwalk report — {_e(report.project)}</h1>",
        f'<p class="muted">specwalk {_e(report.specwalk_version)} · locale {_e(report.locale)} · '
        f"{_e(', '.join(report.requirements_files))}</p>",
        _summary(report),
        "<h2>Test run</h2>",
        _runner(report),
        "<h2>Traceability</h2>",
        _matrix(report, index_of),
        _setup(report, language),
        "<h2>Scenarios</h2>",
        "".join(_scenario(s, index_of[s.scenario_id], language) for s in report.scenarios),
    ]
    if unplanned:
        body.append(
            "<h2>Lines not planned</h2><table><tr><th>line</th><th>text</th><th>why</th><th>try</th></tr>"
            f"{unplanned}</table>"
        )
    if errors:
        body.append(f"<h2>Errors</h2><ul>{errors}</ul>")
    body.append("</body></html>")
    return "\n".join(body) + "\n"
