"""The emit half of `generate`, as the pipeline calls it: name the tests, render, write.

report = assign_tests(verified, language, config.output.tests_dir)   # inside emit_suite
suite, written = emit_suite(report, config, language)                 # tests on disk
run = verify.runner.run_suite(language, tests_dir, ...)               # optional
report = verify.runner.apply_runs(suite, run)
write_reports(report, config, language)                               # report.json + .html
"""

from __future__ import annotations

from specwalk.config import Config
from specwalk.emit.files import WriteResult, write_files
from specwalk.emit.layout import Language, assign_tests, suite_settings
from specwalk.emit.playwright_ts import emit_typescript
from specwalk.emit.pytest_py import emit_python
from specwalk.emit.report_html import REPORT_HTML_FILE, render_report_html
from specwalk.emit.report_json import REPORT_FILE, render_report_json
from specwalk.fileio import write_error
from specwalk.models.report import RunReport


def render_suite(report: RunReport, config: Config, language: Language) -> tuple[RunReport, dict[str, str]]:
    """The report with test files/titles recorded, and the suite's files (relative to tests_dir)."""
    named = assign_tests(report, language, config.output.tests_dir)
    settings = suite_settings(config)
    files = emit_typescript(named, settings) if language == "typescript" else emit_python(named, settings)
    return named, files


def emit_suite(report: RunReport, config: Config, language: Language) -> tuple[RunReport, WriteResult]:
    named, files = render_suite(report, config, language)
    return named, write_files(config.resolve(config.output.tests_dir), files)


def render_reports(report: RunReport, language: Language) -> dict[str, str]:
    return {REPORT_FILE: render_report_json(report), REPORT_HTML_FILE: render_report_html(report, language)}


def write_reports(report: RunReport, config: Config, language: Language) -> WriteResult:
    return write_files(config.output_dir, render_reports(report, language), track=False)


def remove_reports(config: Config) -> None:
    """Delete the last run's report.json and report.html: a run that stops early must not leave a
    report that looks like its own."""
    for name in (REPORT_FILE, REPORT_HTML_FILE):
        path = config.output_dir / name
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise write_error(path, exc) from exc
