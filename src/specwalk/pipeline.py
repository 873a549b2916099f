"""The core the CLI (and later the MCP server) call: plain functions, no printing.

Long work reports through callbacks; the front-ends decide how to show it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from specwalk import __version__
from specwalk.artifacts import producing
from specwalk.browser.app_server import (
    AppServer,
    AppSpec,
    ProgressCallback,
    RunningApp,
    ServiceSpec,
    external_app,
)
from specwalk.browser.discovery import BrowserInfo
from specwalk.config import CONFIG_FILENAME, Config, build_config, render_toml
from specwalk.detect import Detection, detect_project
from specwalk.errors import EnvironmentProblem, UsageError
from specwalk.fileio import write_atomic
from specwalk.models.report import RequirementRow, RunReport, ScenarioResult, SharedSetup

if TYPE_CHECKING:
    from specwalk.browser.reset import Reset
    from specwalk.doctor import UnreachableHost
    from specwalk.emit.layout import Language
    from specwalk.emit.manual_check import Change
    from specwalk.ground.resolve import Chooser
    from specwalk.ground.retrieve import Retriever
    from specwalk.llm.session import LlmSession
    from specwalk.models.manual import ManualDocument
    from specwalk.models.scenario import Plan, Unplanned
    from specwalk.models.uimap import UIMap
    from specwalk.verify.runner import MissingRunner
    from specwalk.verify.suite import Repairer


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
                "reset": detection.reset,
                "services": [
                    {"name": service.name, "command": service.command, "port": service.port}
                    for service in detection.services
                ],
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
        services=tuple(
            ServiceSpec(
                name=service.name,
                command=service.command,
                cwd=(config.root / service.cwd).resolve(),
                port=service.port,
                ready_url=service.ready_url,
                start_timeout=service.start_timeout,
                log_path=config.output_dir / "logs" / f"{service.name or f'service-{number}'}.log",
            )
            for number, service in enumerate(config.app.services, start=1)
        ),
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
    unreachable: tuple[UnreachableHost, ...] = ()  # hosts the app called that did not answer


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
        # Long enough for the API calls an app makes once it has loaded.
        snapshot = session.visit(app.base_url, screenshot=screenshot, settle_ms=APP_SETTLE_MS)
    from specwalk.doctor import unreachable_hosts

    unreachable = tuple(unreachable_hosts(snapshot.failed_requests, config.root))
    return AppCheck(app, snapshot.title, snapshot.url, snapshot.interactive_elements, screenshot, unreachable)


APP_SETTLE_MS = 5_000.0


# -- generate ------------------------------------------------------------------------------------

GenerateProgress = Callable[[str], None]


@dataclass(frozen=True)
class GenerateResult:
    report: RunReport
    tests_dir: Path
    report_json: Path
    report_html: Path
    seconds: dict[str, float]  # per phase: index, plan, verify, emit, run; never written to files
    llm: LlmSession | None = None  # the model the run used (usage, cost, what it did), if any

    @property
    def ok(self) -> bool:
        """Something was planned, and every planned scenario (or its planned part) verified, its
        test as expected in every run."""
        good = {"passed", "weak", "not_planned", "partial"}
        runner_ok = self.report.runner is None or self.report.runner.exit_code == 0
        scenarios = self.report.scenarios
        return runner_ok and bool(scenarios) and all(scenario.status in good for scenario in scenarios)


def index_for(config: Config, *, use_cache: bool = True) -> UIMap:
    from specwalk.index import index_project, settings_for

    settings = settings_for(
        config.root,
        source_roots=config.project.source_roots,
        framework=config.project.framework,
        locales=config.project.locales,
        output_dir=config.output_dir,
        use_cache=use_cache,
        skip_dirs=(config.resolve(config.output.tests_dir), config.resolve(config.output.manual_dir)),
    )
    return index_project(settings).uimap


def llm_for(config: Config, env: dict[str, str], *, use_cache: bool = True) -> LlmSession | None:
    """The run's model from [llm] (key from `env`), or None when none is configured."""
    from specwalk.llm.presets import resolve_settings

    settings = resolve_settings(config.llm, env)
    if settings is None:
        return None
    from specwalk.llm.session import connect

    return connect(settings, cache_dir=config.output_dir / "cache" / "llm", use_cache=use_cache)


def plan_for(
    config: Config,
    requirements: Sequence[Path] = (),
    *,
    llm: LlmSession | None = None,
    ui_map: UIMap | None = None,
    retriever: Retriever | None = None,
    on_progress: Callable[[str], None] | None = None,
    base: Path | None = None,
) -> Plan:
    """The rules' plan; with `llm`, its free-prose lines planned by the model against the UI map."""
    paths = list(requirements) or [config.resolve(item) for item in config.project.requirements]
    if not paths:
        raise UsageError(
            "no requirements to generate tests from",
            hint="pass REQUIREMENTS.md, or set project.requirements in specwalk.toml",
        )
    with producing("specwalk plan", config.output_dir / "plan.json"):  # failed: plan.json marked stale
        return _plan_for(config, paths, llm, ui_map, retriever, on_progress, base or config.root)


def _plan_for(
    config: Config,
    paths: list[Path],
    llm: LlmSession | None,
    ui_map: UIMap | None,
    retriever: Retriever | None,
    on_progress: Callable[[str], None] | None,
    base: Path,
) -> Plan:
    from specwalk.plan import load_document, plan_files, write_plan

    plan = plan_files(paths, base=base)
    if llm is not None and any(entry.needs_llm for entry in plan.unplanned):
        from specwalk.ground.retrieve import LexicalRetriever
        from specwalk.plan.llm import LlmPlanner

        ui_map = ui_map or index_for(config)
        say = on_progress or (lambda _message: None)
        planner = LlmPlanner(
            llm,
            ui_map,
            [load_document(path, base) for path in paths],
            retriever or LexicalRetriever(ui_map.elements),
            locale=config.project.locales[0],
        )
        planned = planner.plan(plan, on_line=lambda n, total, where: say(f"llm: planning {where} ({n}/{total})"))
        failed_lines: set[str] = set()
        for outcome in planned.outcomes:
            if outcome.problem:
                failed_lines.add(str(outcome.source))
                say(f"llm: {outcome.source}: not planned: {outcome.problem}")
        # A line of a Scenario Outline is planned once per row: it counts once, failed if any row failed.
        lines = {str(outcome.source) for outcome in planned.outcomes}
        llm.log.lines_failed += len(failed_lines)
        llm.log.lines_planned += len(lines - failed_lines)
        plan = planned.plan
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
    llm: LlmSession | None = None,
    install_runner: bool = False,
) -> GenerateResult:
    """Index, plan, verify every scenario live, emit the suite, run it `runs` times, write reports.

    With `llm`, free-prose lines are planned by the model, ambiguous targets may be settled by it
    and its own scenarios' ungroundable steps repaired; all of it verified like everything else.
    The last run's reports are removed first; a suite that could not run (no runner) is found
    once the requirements are read, before any verification (`install_runner`: install it then),
    and one that fails to run after verification still leaves the reports of what was verified.
    """
    from specwalk.browser.discovery import find_browser
    from specwalk.browser.playwright_driver import BrowserSession, browser_session
    from specwalk.emit.output import emit_suite, remove_reports, write_reports
    from specwalk.emit.report_html import REPORT_HTML_FILE
    from specwalk.emit.report_json import REPORT_FILE
    from specwalk.ground import build_retriever
    from specwalk.ground.resolve import Resolver
    from specwalk.verify.engine import ScenarioVerifier
    from specwalk.verify.runner import apply_runs, run_suite
    from specwalk.verify.setup import SetupSharing, share_setups
    from specwalk.verify.suite import verify_plan

    say = on_progress or (lambda _message: None)
    seconds: dict[str, float] = {}
    clock = time.monotonic()
    tests_dir = config.resolve(config.output.tests_dir)

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.monotonic()
        seconds[phase] = round(now - clock, 2)
        clock = now

    def result(report: RunReport) -> GenerateResult:
        write_reports(report, config, language)
        return GenerateResult(
            report, tests_dir, config.output_dir / REPORT_FILE, config.output_dir / REPORT_HTML_FILE, seconds, llm
        )

    remove_reports(config)
    say("index: reading the source")
    ui_map = index_for(config)
    lap("index")
    say(f"index: {len(ui_map.elements)} elements, {len(ui_map.routes)} routes")
    retriever = build_retriever(config.ground.retriever, ui_map.elements)
    plan = plan_for(config, requirements, llm=llm, ui_map=ui_map, retriever=retriever, on_progress=say)
    lap("plan")
    say(f"plan: {plan.scenario_count} scenarios, {len(plan.unplanned)} line(s) not planned")
    locale = config.project.locales[0]
    if not plan.scenario_count:
        # Nothing to verify: the report lists the lines that were not planned; the run is not a success.
        return result(_report(config, plan, locale, [], []))
    if runs > 0:
        # After reading the inputs (their mistakes come first), before any verification.
        _ensure_runner(config, language, tests_dir, env, install=install_runner, say=say)
    browser = find_browser(config.browser.path, env)
    with (
        running_app(config, base_url=base_url, on_progress=on_app_progress) as app,
        browser_session(browser, headless=config.browser.headless) as session,
    ):
        lap("start")
        reset = reset_for(config, app, env)

        def verifier_for(session: BrowserSession) -> ScenarioVerifier:
            return ScenarioVerifier(
                session,
                ui_map,
                Resolver(retriever, locale=locale, chooser=_chooser(llm, ui_map, locale)),
                base_url=app.base_url,
                locale=locale,
                timeout_ms=config.app.action_timeout * 1000,
                artifacts=config.output_dir,
                reset=reset,
            )

        @contextmanager
        def helper() -> Iterator[ScenarioVerifier]:
            with browser_session(browser, headless=config.browser.headless) as own:
                yield verifier_for(own)

        verifier = verifier_for(session)
        workers = min(config.browser.worker_count(os.cpu_count()), max(1, plan.scenario_count))
        if reset is not None:
            # One scenario at a time: a reset would pull the data from under another one's feet.
            workers = 1
            say(f"verify: [app] reset (`{reset.command}`) before each scenario, one at a time")
        if workers > 1:
            say(f"verify: {workers} browsers side by side")
        verified = verify_plan(
            plan,
            verifier,
            on_progress=lambda n, total, name, step: say(f"scenario {n}/{total}: {name} — {step}"),
            repair=_repairer(llm, plan, ui_map, retriever, locale, config, requirements),
            helpers=[helper] * (workers - 1),
        )
        if llm is not None:
            from specwalk.verify.suite import REPAIRED

            repaired = [scenario for scenario in verified.scenarios if REPAIRED in scenario.message]
            llm.log.repairs_fixed += sum(scenario.status != "not_grounded" for scenario in repaired)
        # With a reset, every test builds its own state: a shared setup's user would be reset away.
        sharing = (
            share_setups(verified.scenarios, verifier) if reset is None else SetupSharing(verified.scenarios, [], [])
        )
        for line in sharing.refused:
            say(f"setup: {line}")
        for shared in sharing.setups:
            users = sum(scenario.setup == shared.id for scenario in sharing.scenarios)
            say(f"setup: '{shared.id}' ({shared.source}) runs once and {users} tests start from its saved state")
        lap("verify")
        report = _report(config, plan, locale, verified.requirements, sharing.scenarios, sharing.setups)
        report, _written = emit_suite(report, config, language)
        lap("emit")
        if runs > 0 and any(scenario.test_file for scenario in report.scenarios):
            say(f"run: the emitted suite, {runs} time(s), with the real runner")
            try:
                suite_run = run_suite(
                    language,
                    tests_dir,
                    env={**env, **app.env},  # the services' ports (API_PORT), for the suite's reset
                    base_url=app.base_url,
                    browser=browser.path,
                    runs=runs,
                    display_root=config.root,
                    on_run=lambda number, total: say(f"run {number}/{total}"),
                )
            except EnvironmentProblem as problem:
                # What was verified is reported; the report says the suite could not run.
                write_reports(report.model_copy(update={"errors": [*report.errors, *problem.lines]}), config, language)
                raise
            report = apply_runs(report, suite_run)
            lap("run")
    return result(report)


def reset_for(config: Config, app: RunningApp, env: dict[str, str]) -> Reset | None:
    """[app] reset as a callable (None when not configured): `{port}` is the app's port, and the
    command gets the services' ports (API_PORT=…) as the app's command did."""
    command = config.app.reset.strip()
    if not command:
        return None
    from specwalk.browser.reset import Reset

    port = str(app.port) if app.port is not None else ""
    return Reset(command.replace("{port}", port), config.root, {**env, **app.env, "PORT": port})


def _report(
    config: Config,
    plan: Plan,
    locale: str,
    requirements: list[RequirementRow],
    scenarios: list[ScenarioResult],
    setups: list[SharedSetup] | None = None,
) -> RunReport:
    return RunReport(
        specwalk_version=__version__,
        project=config.root.name,
        requirements_files=sorted(plan.sources),
        locale=locale,
        requirements=requirements,
        scenarios=scenarios,
        unplanned=list(plan.unplanned),
        setups=setups or [],
    )


def _ensure_runner(
    config: Config, language: Language, tests_dir: Path, env: dict[str, str], *, install: bool, say: GenerateProgress
) -> None:
    """Stop before any verification when the emitted suite could not be run; or install its runner."""
    from specwalk.verify.runner import install_runner, missing_runner

    def missing() -> MissingRunner | None:
        return missing_runner(
            language, tests_dir, root=config.root, package_manager=config.project.package_manager, env=env
        )

    lacking = missing()
    if lacking is not None and install and lacking.install:
        say(f"runner: installing {lacking.what.split(' (')[0]}: {lacking.command} (in {lacking.where})")
        install_runner(lacking, env)
        lacking = missing()
    if lacking is None:
        return
    fix = f"run `{lacking.command}` in {lacking.where}, or pass --install-runner" if lacking.install else ""
    raise EnvironmentProblem(
        f"the emitted {'pytest' if language == 'python' else 'Playwright Test'} suite could not run: "
        f"this project lacks {lacking.what}",
        hint=(fix + "; " if fix else "install Node.js 18+; ") + "or pass --runs 0 to verify without running it",
    )


def _chooser(llm: LlmSession | None, ui_map: UIMap, locale: str) -> Chooser | None:
    if llm is None:
        return None
    from specwalk.llm.assist import LlmChooser

    return LlmChooser(llm, ui_map, locale=locale, log=llm.log)


def _repairer(
    llm: LlmSession | None,
    plan: Plan,
    ui_map: UIMap,
    retriever: Retriever,
    locale: str,
    config: Config,
    requirements: Sequence[Path],
) -> Repairer | None:
    if llm is None:
        return None
    from specwalk.plan import load_document
    from specwalk.plan.llm import LlmPlanner, LlmRepairer

    paths = list(requirements) or [config.resolve(item) for item in config.project.requirements]
    planner = LlmPlanner(llm, ui_map, [load_document(path, config.root) for path in paths], retriever, locale=locale)
    return LlmRepairer(planner, plan, log=llm.log)


# -- docs ----------------------------------------------------------------------------------------

MANUAL_LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class ManualFiles:
    """One language's manual on disk."""

    language: str
    locale: str  # the app locale its pictures show
    directory: Path
    markdown: Path  # index.md; one more .md per feature beside it
    html: Path
    pdf: Path
    manifest: Path  # manual.json: every picture with the target's and the outline's boxes
    scenarios: int
    screenshots: int


@dataclass(frozen=True)
class ManualResult:
    files: dict[str, ManualFiles]  # by language (for --check: the regenerated manual, in the scratch folder)
    screenshots: int  # pictures taken (languages showing the same app locale share them)
    omitted: tuple[tuple[str, str, str], ...]  # (scenario name, requirements file:line, reason)
    seconds: dict[str, float]  # per phase: index, plan, start, verify, capture, render, compare, pdf, write
    screenshot_seconds: float  # time inside the screenshot calls alone
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # by language (check, update)
    mode: str = "write"
    planned: int = 0  # scenarios planned: none means nothing was written
    unplanned: tuple[Unplanned, ...] = ()  # the lines that could not be planned

    @property
    def ok(self) -> bool:
        """Something was planned, every scenario is in the manual, and (--check) the manual on
        disk is current."""
        stale = self.mode == "check" and any(self.changes.values())
        return self.planned > 0 and not self.omitted and not stale

    @property
    def seconds_per_screenshot(self) -> float:
        return self.screenshot_seconds / self.screenshots if self.screenshots else 0.0


def build_manual(
    config: Config,
    *,
    env: dict[str, str],
    requirements: Sequence[Path] = (),
    base_url: str | None = None,
    languages: Sequence[str] = ("en",),
    on_progress: Callable[[str], None] | None = None,
    on_app_progress: ProgressCallback | None = None,
    mode: Literal["write", "check", "update"] = "write",
    threshold: float = 0.1,
    llm: LlmSession | None = None,
) -> ManualResult:
    """Index, plan, verify each scenario in the app (in each language's locale), take a picture
    before every action, and write Markdown, HTML and PDF per language under output.manual_dir.

    `mode="check"`: write the regenerated manual to a scratch folder (.specwalk/manual-check/)
    and list what differs from the one on disk (pictures: more than `threshold` percent of their
    pixels); `"update"`: the same list, then write the new manual with the steps whose picture
    changed marked. With `llm`, a person's words written in the other language (chapter names,
    titles, stories) are translated for each manual, and the translations cached."""
    from specwalk.browser.discovery import find_browser
    from specwalk.browser.playwright_driver import browser_session
    from specwalk.emit.files import write_files
    from specwalk.emit.manual_check import compare_manual, mark_changed
    from specwalk.emit.manual_html import HTML_FILE
    from specwalk.emit.manual_md import INDEX_FILE
    from specwalk.emit.manual_pdf import PDF_FILE, print_manual
    from specwalk.ground import build_retriever
    from specwalk.manual.appname import app_name, usable_name
    from specwalk.manual.build import LocaleCapture, app_locale, assemble, capture_locale

    unknown = [language for language in languages if language not in MANUAL_LANGUAGES]
    if unknown or not languages:
        raise UsageError(
            f"no manual language {', '.join(unknown) or '(none given)'}",
            hint="use --lang en, --lang zh, or --lang all",
        )
    chosen = list(dict.fromkeys(languages))
    say = on_progress or (lambda _message: None)
    if "zh" in chosen:
        from specwalk.browser.install import cjk_font_available

        if cjk_font_available() is False:
            say(
                "warning: no CJK font installed (fc-list :lang=zh): Chinese will show as boxes; "
                "run `specwalk install-browser`"
            )
    seconds: dict[str, float] = {}
    clock = time.monotonic()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.monotonic()
        seconds[phase] = round(seconds.get(phase, 0.0) + now - clock, 2)
        clock = now

    say("index: reading the source")
    ui_map = index_for(config)
    lap("index")
    plan = plan_for(config, requirements)
    lap("plan")
    say(f"plan: {plan.scenario_count} scenarios, {len(plan.unplanned)} line(s) not planned")
    if not plan.scenario_count:
        # Nothing to put in a manual: no app is started, nothing is written, and the run fails.
        return ManualResult({}, 0, (), seconds, 0.0, mode=mode, unplanned=tuple(plan.unplanned))
    # Translated before verifying, so a model that cannot be reached fails the run at once.
    translations = {language: _translations(plan, language, llm, say) for language in chosen} if llm else {}
    browser = find_browser(config.browser.path, env)
    locales = config.project.locales or ("en",)
    manual_root = config.resolve(config.output.manual_dir)
    captures: dict[str, LocaleCapture] = {}
    files: dict[str, ManualFiles] = {}
    changes: dict[str, tuple[Change, ...]] = {}
    with (
        running_app(config, base_url=base_url, on_progress=on_app_progress) as app,
        browser_session(browser, headless=config.browser.headless) as session,
    ):
        lap("start")
        # The app's own name; the live page's title only when its files give none.
        project = config.docs.title.strip() or app_name(config.root)
        if not project:
            project = usable_name(session.visit(app.base_url).title) or ""
        # More browsers run scenarios side by side (the manual does not depend on how many), unless
        # [app] reset restores the data before each: then one at a time, as generate does.
        reset = reset_for(config, app, env)
        workers = min(config.browser.worker_count(os.cpu_count()), max(1, plan.scenario_count))
        if reset is not None:
            workers = 1
            say(f"verify: [app] reset (`{reset.command}`) before each scenario, one at a time")
        helpers = [partial(browser_session, browser, headless=config.browser.headless)] * (workers - 1)
        for language in chosen:
            locale = app_locale(language, locales)
            if locale not in captures:
                captures[locale] = capture_locale(
                    plan,
                    ui_map,
                    session,
                    base_url=app.base_url,
                    locale=locale,
                    default_locale=locales[0],
                    root=config.root,
                    say=say,
                    helpers=helpers,
                    mask=config.docs.mask,
                    # The same verification as generate: its retriever, its action timeout.
                    retriever=build_retriever(config.ground.retriever, ui_map.elements),
                    timeout_ms=config.app.action_timeout * 1000,
                    reset=reset,
                )
                seconds["verify"] = round(seconds.get("verify", 0.0) + captures[locale].verify_seconds, 2)
                seconds["capture"] = round(seconds.get("capture", 0.0) + captures[locale].capture_seconds, 2)
                clock = time.monotonic()
            capture = captures[locale]
            document = assemble(
                plan, capture, language=language, project=project, translations=translations.get(language)
            )
            directory = manual_root / language
            rendered = _rendered(document, capture.images)
            lap("render")
            if mode != "write":
                found = compare_manual(directory, document, rendered, threshold=threshold)
                changes[language] = tuple(found)
                if mode == "update" and found:
                    rendered = _rendered(mark_changed(document, found), capture.images)
                lap("compare")
            if mode == "check":
                # The regenerated manual, for a look at what changed; the one on disk stays as it is.
                directory = config.output_dir / "manual-check" / language
            else:
                say(f"pdf ({language}): printing the manual with Chromium")
                rendered[PDF_FILE] = print_manual(session, str(rendered[HTML_FILE]))
                lap("pdf")
            write_files(directory, rendered)
            lap("write")
            files[language] = ManualFiles(
                language=language,
                locale=locale,
                directory=directory,
                markdown=directory / INDEX_FILE,
                html=directory / HTML_FILE,
                pdf=directory / PDF_FILE,
                manifest=directory / MANIFEST_FILE,
                scenarios=sum(len(task.scenario_ids) for feature in document.features for task in feature.tasks),
                screenshots=document.screenshots,
            )
    omitted = {(item.name, str(item.source), item.reason) for capture in captures.values() for item in capture.omitted}
    return ManualResult(
        files=files,
        screenshots=sum(capture.shots for capture in captures.values()),
        omitted=tuple(sorted(omitted, key=lambda item: (item[1], item[0], item[2]))),
        seconds=seconds,
        screenshot_seconds=round(sum(capture.shot_seconds for capture in captures.values()), 3),
        changes=changes,
        mode=mode,
        planned=plan.scenario_count,
        unplanned=tuple(plan.unplanned),
    )


MANIFEST_FILE = "manual.json"


def _translations(plan: Plan, language: str, llm: LlmSession, say: Callable[[str], None]) -> dict[str, str]:
    """The model's translations of the requirements' own words written in the other language:
    chapter names, user stories, scenario titles."""
    from specwalk.emit.manual_tasks import without_row
    from specwalk.manual.translate import foreign, translate

    words: list[str | None] = []
    for requirement in plan.requirements:
        words += [requirement.feature, requirement.user_story]
        if requirement.kind == "gherkin":
            words += [without_row(scenario.name) for scenario in requirement.scenarios]
    texts = foreign(words, language)
    if not texts:
        return {}
    say(f"llm: translating {len(texts)} title(s) and introduction(s) into {language}")
    found, problem = translate(llm, texts, language)
    if problem:
        say(f"llm: {problem}; they stay as written")
    return found


def _rendered(document: ManualDocument, images: Mapping[str, bytes]) -> dict[str, str | bytes]:
    """One language's manual as files: Markdown, HTML, the manifest and the pictures it shows."""
    from specwalk.emit.manual_html import HTML_FILE, render_html
    from specwalk.emit.manual_md import render_markdown

    rendered: dict[str, str | bytes] = dict(render_markdown(document))
    rendered[HTML_FILE] = render_html(document, images)
    rendered[MANIFEST_FILE] = document.model_dump_json(indent=2) + "\n"
    used = set(document.images)
    rendered.update({path: data for path, data in sorted(images.items()) if path in used})
    return rendered
