"""The core the CLI (and later the MCP server) call: plain functions, no printing.

Long work reports through callbacks; the front-ends decide how to show it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from specwalk import __version__
from specwalk.browser.app_server import AppServer, AppSpec, ProgressCallback, RunningApp, external_app
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import CONFIG_FILENAME, Config, build_config, render_toml
from specwalk.detect import Detection, detect_project
from specwalk.errors import UsageError
from specwalk.fileio import write_atomic
from specwalk.models.report import RunReport

if TYPE_CHECKING:
    from specwalk.emit.layout import Language
    from specwalk.models.scenario import Plan
    from specwalk.models.uimap import UIMap


@dataclass(frozen=True)
class InitResult:
    path: Path
    config: Config
    detection: Detection


def config_from_detection(detection: Detection, root: Path) -> Config:
    return build_config(
        {
            "project": {
                "framework": detection.framework,
                "package_manager": detection.package_manager,
                "source_roots": detection.source_roots,
                "requirements": detection.requirements,
                "locales": detection.locales,
            },
            "app": {
                "command": detection.command,
                "port": detection.port,
                "base_url": "http://127.0.0.1:{port}/",
                "ready_url": "http://127.0.0.1:{port}/",
                "start_timeout": 60.0,
            },
        },
        root=root,
    )


def init_project(root: Path, *, force: bool = False) -> InitResult:
    """Detect the project at `root` and write its specwalk.toml."""
    root = root.resolve()
    target = root / CONFIG_FILENAME
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists",
            hint="pass --force to overwrite it (your edits will be lost), or edit it by hand",
        )
    detection = detect_project(root)
    config = config_from_detection(detection, root)
    write_atomic(target, render_toml(config))
    return InitResult(target, config, detection)


def app_spec(config: Config) -> AppSpec:
    if not config.app.command.strip():
        where = config.source or CONFIG_FILENAME
        raise UsageError(
            f"{where}: app.command is empty, so specwalk cannot start the app",
            hint='set app.command (e.g. "npm run dev -- --port {port}"), or start the app yourself and pass --base-url',
        )
    return AppSpec(
        command=config.app.command,
        cwd=config.root,
        port=config.app.port,
        base_url=config.app.base_url,
        ready_url=config.app.ready_url,
        start_timeout=config.app.start_timeout,
        log_path=config.output_dir / "logs" / "app.log",
    )


@contextmanager
def running_app(
    config: Config, *, base_url: str | None = None, on_progress: ProgressCallback | None = None
) -> Iterator[RunningApp]:
    """The app, started from the config (and stopped after), or the one already at `base_url`."""
    if base_url:
        yield external_app(base_url)
        return
    with AppServer(app_spec(config), on_progress=on_progress) as app:
        yield app


@dataclass(frozen=True)
class AppCheck:
    app: RunningApp
    title: str
    url: str
    interactive_elements: int
    screenshot: Path


def check_app(
    config: Config,
    browser: BrowserInfo,
    *,
    base_url: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> AppCheck:
    """Start (or reach) the app, open it in the browser, take a screenshot, stop it."""
    from specwalk.browser.playwright_driver import browser_session

    screenshot = config.output_dir / "doctor" / "app.png"
    with (
        running_app(config, base_url=base_url, on_progress=on_progress) as app,
        browser_session(browser, headless=config.browser.headless) as session,
    ):
        snapshot = session.visit(app.base_url, screenshot=screenshot)
    return AppCheck(app, snapshot.title, snapshot.url, snapshot.interactive_elements, screenshot)


# -- generate ------------------------------------------------------------------------------------

GenerateProgress = Callable[[str], None]


@dataclass(frozen=True)
class GenerateResult:
    report: RunReport
    tests_dir: Path
    report_json: Path
    report_html: Path
    seconds: dict[str, float]  # per phase: index, plan, verify, emit, run; never written to files

    @property
    def ok(self) -> bool:
        bad = {"app_defect", "not_grounded", "flaky"}
        runner_ok = self.report.runner is None or self.report.runner.exit_code == 0
        return runner_ok and not any(scenario.status in bad for scenario in self.report.scenarios)


def index_for(config: Config, *, use_cache: bool = True) -> UIMap:
    from specwalk.index import index_project, settings_for

    settings = settings_for(
        config.root,
        source_roots=config.project.source_roots,
        framework=config.project.framework,
        locales=config.project.locales,
        output_dir=config.output_dir,
        use_cache=use_cache,
    )
    return index_project(settings).uimap


def plan_for(config: Config, requirements: Sequence[Path] = ()) -> Plan:
    from specwalk.plan import plan_files, write_plan

    paths = list(requirements) or [config.resolve(item) for item in config.project.requirements]
    if not paths:
        raise UsageError(
            "no requirements to generate tests from",
            hint="pass REQUIREMENTS.md, or set project.requirements in specwalk.toml",
        )
    plan = plan_files(paths, base=config.root)
    write_plan(plan, config.output_dir / "plan.json")
    return plan


def generate(
    config: Config,
    *,
    env: dict[str, str],
    requirements: Sequence[Path] = (),
    base_url: str | None = None,
    language: Language = "typescript",
    runs: int = 3,
    on_progress: GenerateProgress | None = None,
    on_app_progress: ProgressCallback | None = None,
) -> GenerateResult:
    """Index, plan, verify every scenario live, emit the suite, run it `runs` times, write reports."""
    from specwalk.browser.discovery import find_browser
    from specwalk.browser.playwright_driver import browser_session
    from specwalk.emit.output import emit_suite, write_reports
    from specwalk.ground.resolve import Resolver
    from specwalk.ground.retrieve import LexicalRetriever
    from specwalk.verify.engine import ScenarioVerifier
    from specwalk.verify.runner import apply_runs, run_suite
    from specwalk.verify.suite import verify_plan

    say = on_progress or (lambda _message: None)
    seconds: dict[str, float] = {}
    clock = time.monotonic()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.monotonic()
        seconds[phase] = round(now - clock, 2)
        clock = now

    say("index: reading the source")
    ui_map = index_for(config)
    lap("index")
    say(f"index: {len(ui_map.elements)} elements, {len(ui_map.routes)} routes")
    plan = plan_for(config, requirements)
    lap("plan")
    say(f"plan: {plan.scenario_count} scenarios, {len(plan.unplanned)} line(s) not planned")
    browser = find_browser(config.browser.path, env)
    locale = config.project.locales[0]
    tests_dir = config.resolve(config.output.tests_dir)
    with (
        running_app(config, base_url=base_url, on_progress=on_app_progress) as app,
        browser_session(browser, headless=config.browser.headless) as session,
    ):
        lap("start")
        verifier = ScenarioVerifier(
            session,
            ui_map,
            Resolver(LexicalRetriever(ui_map.elements), locale=locale),
            base_url=app.base_url,
            locale=locale,
            artifacts=config.output_dir,
        )
        verified = verify_plan(
            plan, verifier, on_progress=lambda n, total, name, step: say(f"scenario {n}/{total}: {name} — {step}")
        )
        lap("verify")
        report = RunReport(
            specwalk_version=__version__,
            project=config.root.name,
            requirements_files=sorted(plan.sources),
            locale=locale,
            requirements=verified.requirements,
            scenarios=verified.scenarios,
            unplanned=list(plan.unplanned),
        )
        report, _written = emit_suite(report, config, language)
        lap("emit")
        if runs > 0 and any(scenario.test_file for scenario in report.scenarios):
            say(f"run: the emitted suite, {runs} time(s), with the real runner")
            suite_run = run_suite(
                language,
                tests_dir,
                env=env,
                base_url=app.base_url,
                browser=browser.path,
                runs=runs,
                display_root=config.root,
                on_run=lambda number, total: say(f"run {number}/{total}"),
            )
            report = apply_runs(report, suite_run)
            lap("run")
    write_reports(report, config, language)
    from specwalk.emit.report_html import REPORT_HTML_FILE
    from specwalk.emit.report_json import REPORT_FILE

    return GenerateResult(
        report, tests_dir, config.output_dir / REPORT_FILE, config.output_dir / REPORT_HTML_FILE, seconds
    )
