"""The `specwalk` command: a thin adapter over `specwalk.pipeline`.

Results go to stdout, progress and errors to stderr. `main(argv)` returns the exit code
(see `errors.ExitCode`); only `run()` exits the process.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.table import Table

from specwalk import __version__
from specwalk.errors import ExitCode, Interrupted, SpecwalkError, UsageError

if TYPE_CHECKING:
    from specwalk.doctor import UnreachableHost

# No emoji codes: "requirements.md:100:" must not print as "requirements.md💯".
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _env() -> dict[str, str]:
    # The one place the process environment enters; everything below gets it as an argument.
    return dict(os.environ)


def _load(config_path: str | None, *, required: bool = True, overrides: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    from specwalk.config import load_config

    return load_config(
        Path(config_path) if config_path else None, env=_env(), overrides=overrides, required=required, flags=_FLAGS
    )


# The flags that set config values: a bad value is blamed on the flag, not on specwalk.toml.
_FLAGS = {"llm": "--llm", "ground.retriever": "--retriever", "browser.workers": "--workers"}


config_option = click.option(
    "--config",
    "-c",
    "config_path",
    metavar="PATH",
    help="specwalk.toml to use (default: the nearest one up from here).",
)
base_url_option = click.option(
    "--base-url", metavar="URL", help="Use the app already running at URL; nothing is started or stopped."
)
llm_option = click.option(
    "--llm",
    "llm_choice_value",
    metavar="PROVIDER|URL",
    help="Plan free-prose lines with a model: deepseek, openai, ollama, vllm (PROVIDER:MODEL names the model), "
    "the URL of any OpenAI-compatible server, or none. Default: [llm] in specwalk.toml.",
)
no_llm_cache_option = click.option(
    "--no-cache", "no_llm_cache", is_flag=True, help="Ask the LLM again instead of reusing its cached answers."
)


def _llm_overrides(value: str | None) -> dict[str, object]:
    from specwalk.config import llm_choice

    return {"llm": llm_choice(value)} if value is not None else {}  # --llm "" is a mistake, not "no flag"


def _print_llm(session: object, console: Console) -> None:
    """Token usage, cost and what the model did, at the end of a run that used one."""
    from specwalk.llm.session import LlmSession

    if isinstance(session, LlmSession):
        for line in session.summary():
            console.print(f"llm: {line}", markup=False)


class _Progress:
    """Waiting-for-the-app progress on stderr: a live status line on a terminal, sparse lines otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._status: Status | None = None
        self._last_reported = -10.0

    def __call__(self, what: str, elapsed: float, timeout: float) -> None:
        if self.quiet:
            return
        if "://" not in what:  # a note, not a wait
            err.print(f"[yellow]{what}[/]")
            return
        where = f"the app at {what}" if what.startswith("http") else what  # a service names itself
        message = f"waiting for {where} ({elapsed:.0f}/{timeout:g} s)"
        if err.is_terminal:
            if self._status is None:
                self._status = err.status(message)
                self._status.start()
            else:
                self._status.update(message)
        elif elapsed - self._last_reported >= 5:
            self._last_reported = elapsed
            err.print(message)

    def say(self, message: str) -> None:
        """A line of stage progress (not about the app), ending any live status line first."""
        if not self.quiet:
            self.done()
            err.print(message, markup=False)

    def done(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="specwalk")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """specwalk: requirements + front-end source -> verified Playwright tests and a user manual."""


@cli.command()
@config_option
@click.option("--app", "with_app", is_flag=True, help="Also start the app from specwalk.toml, open it and stop it.")
@base_url_option
@click.option("--no-page", is_flag=True, help="Skip launching the browser to open a test page.")
def doctor(config_path: str | None, with_app: bool, base_url: str | None, no_page: bool) -> int:
    """Check Python, Node, @playwright/test and the browser; optionally the app itself."""
    from specwalk.doctor import run_doctor

    config = _load(config_path, required=with_app and not base_url)
    report = run_doctor(
        project_root=config.root,
        browser_path=config.browser.path,
        env=_env(),
        headless=config.browser.headless,
        open_page=not no_page,
    )
    table = Table(title="specwalk doctor", show_header=True, header_style="bold")
    table.add_column("check")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    for check in report.checks:
        status = "[green]ok[/]" if check.ok else ("[red]MISSING[/]" if check.required else "[yellow]warning[/]")
        table.add_row(check.name, status, check.detail)
    out.print(table)
    # Fixes go below the table, unwrapped, so the commands in them can be copied as they are.
    for check in report.checks:
        if not check.ok and check.hint:
            out.print(f"{check.name}: -> {check.hint}", soft_wrap=True, markup=False, highlight=False)
    if not report.ok:
        err.print("[red]error:[/] something specwalk needs is missing (see MISSING above)")
        return int(ExitCode.ENVIRONMENT)
    if with_app or base_url:
        from specwalk.pipeline import check_app

        assert report.browser is not None
        progress = _Progress()
        try:
            result = check_app(config, report.browser, base_url=base_url, on_progress=progress)
        finally:
            progress.done()
        for running in result.app.services:
            on_port = f" on port {running.port}" if running.port is not None else ""
            out.print(
                f"app: started {running.name or 'service'} `{running.command}` (pid {running.pid}){on_port}",
                markup=False,
            )
        started = f"started `{result.app.command}` (pid {result.app.pid}), " if result.app.pid else ""
        out.print(f"app: {started}opened {result.url}")
        out.print(f"app: title {result.title!r}, {result.interactive_elements} interactive elements")
        out.print(f"app: screenshot {result.screenshot}")
        if result.app.pid:
            stopped = "the dev server, its services and their" if result.app.services else "the dev server and its"
            out.print(f"app: stopped {stopped} children")
        if _print_unreachable(result.unreachable):
            return int(ExitCode.ENVIRONMENT)
    out.print("[green]doctor: all required checks passed[/]")
    return int(ExitCode.OK)


def _print_unreachable(hosts: Sequence[UnreachableHost]) -> bool:
    """The hosts the app called that did not answer; True when the app needs one of them."""
    for host in hosts:
        kind = "[red]MISSING[/]" if host.needed else "[yellow]warning[/]"
        out.print(f"app: {kind} {escape(host.origin)} does not answer ({escape(host.error)})")
        out.print(f"      the app asked it for: {', '.join(host.requests)}", markup=False)
        if host.variable:
            out.print(f"      the address comes from {host.variable}: start that server or change it", markup=False)
    if any(host.needed for host in hosts):
        err.print("[red]error:[/] the app calls a host that does not answer (see above)")
        return True
    return False


@cli.command()
@click.argument("path", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing specwalk.toml.")
def init(path: Path, force: bool) -> int:
    """Detect the front-end project at PATH and write its specwalk.toml."""
    from specwalk.pipeline import init_project

    result = init_project(path, force=force)
    for line in result.detection.evidence:
        err.print(f"  {line}")
    out.print(f"wrote {result.path}")
    if not result.detection.requirements:
        err.print("[yellow]note:[/] no requirements file found; set project.requirements when you have one")
    return int(ExitCode.OK)


@cli.command()
@config_option
def serve(config_path: str | None) -> int:
    """Start the app from specwalk.toml and keep it running until Ctrl-C."""
    import time

    from specwalk.pipeline import running_app

    config = _load(config_path)
    progress = _Progress()
    with running_app(config, on_progress=progress) as app:
        progress.done()
        for running in app.services:
            on_port = f" on port {running.port}" if running.port is not None else ""
            out.print(
                f"{running.name or 'service'} ready{on_port} (pid {running.pid}, log {running.log_path})", markup=False
            )
        out.print(f"app ready at {app.base_url} (pid {app.pid}, log {app.log_path}); Ctrl-C stops it", markup=False)
        sys.stdout.flush()
        while True:
            time.sleep(3600)


@cli.command("install-browser")
def install_browser_command() -> int:
    """Make sure a Chromium is available: Playwright's download, else the system package.

    Also makes sure it can draw Chinese (for `specwalk docs --lang zh`): the system's CJK font
    package when none is installed and apt may be used; otherwise it says what to install.
    """
    from specwalk.browser.install import install_browser, install_cjk_fonts

    info = install_browser(_env(), lambda line: err.print(line, markup=False))
    out.print(f"browser: {info.version or 'Chromium'} at {info.path} ({info.source})")
    install_cjk_fonts(lambda line: err.print(line, markup=False))
    return int(ExitCode.OK)


INDEX_FINDINGS_SHOWN = 50  # a longer list is not actionable at a glance; --all shows it


@cli.command("index")
@click.argument("path", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the UI map as JSON instead of the summary.")
@click.option("--no-cache", is_flag=True, help="Parse every file again, ignoring the cache.")
@click.option("--all", "show_all", is_flag=True, help="List every element lacking a stable locator (default: 50).")
def index_command(path: Path, config_path: str | None, as_json: bool, no_cache: bool, show_all: bool) -> int:
    """Read the front-end source at PATH and write the UI map (.specwalk/uimap.json)."""
    from specwalk.config import find_config
    from specwalk.index import index_project, settings_for

    if not path.is_dir():
        raise UsageError(f"{path}: no such directory", hint="pass the front-end project's directory")
    found = Path(config_path) if config_path else find_config(path)
    if found is not None:
        config = _load(str(found))
        settings = settings_for(
            config.root,
            source_roots=config.project.source_roots,
            framework=config.project.framework,
            locales=config.project.locales,
            output_dir=config.output_dir,
            use_cache=not no_cache,
            skip_dirs=(config.resolve(config.output.tests_dir), config.resolve(config.output.manual_dir)),
        )
    else:
        from specwalk.detect import detect_project

        root = path.resolve()
        detection = detect_project(root)
        err.print(f"no specwalk.toml at or above {root}; detected a {detection.framework} project")
        settings = settings_for(
            root,
            source_roots=tuple(detection.source_roots) or (".",),
            framework=detection.framework,
            locales=tuple(detection.locales) or ("en",),
            output_dir=root / ".specwalk",
            use_cache=not no_cache,
        )

    def progress(what: str, done: int, total: int) -> None:
        if total >= 500 and not as_json:
            err.print(f"index: {what} {done}/{total} files", markup=False)

    run = index_project(settings, on_progress=progress)
    if as_json:
        sys.stdout.write(run.uimap.model_dump_json(indent=2) + "\n")
        return int(ExitCode.OK)
    summary = run.summary  # an unchanged re-run reads a small side file, not the whole map
    note = "nothing changed" if run.unchanged else f"parsed {run.parsed}, reused {run.reused} from the cache"
    out.print(f"indexed {summary.files} files ({note}): {summary.elements} elements", markup=False)
    if summary.routes:
        # Plain aligned columns in one write: a rich Table over thousands of routes takes seconds.
        rows = [
            (
                route.path,
                f"-> {route.redirect}" if route.redirect and not route.component else (route.component or ""),
                str(route.elements),
            )
            for route in summary.routes
        ]
        widths = [max(len(row[n]) for row in [("path", "component", "elements"), *rows]) for n in range(3)]
        lines = [
            f"{path:<{widths[0]}}  {component:<{widths[1]}}  {count:>{widths[2]}}".rstrip()
            for path, component, count in [("path", "component", "elements"), *rows]
        ]
        out.print("routes:\n" + "\n".join(lines), markup=False)
        if summary.unrouted:
            out.print(f"{summary.unrouted} elements are not under any route", markup=False)
    if summary.findings:
        out.print(f"{len(summary.findings)} elements lack a stable locator:", markup=False)
        shown = summary.findings if show_all else summary.findings[:INDEX_FINDINGS_SHOWN]
        for finding in shown:
            out.print(f"  {finding.where}: {finding.what}", markup=False)
            out.print(f"      fix: {finding.fix}", markup=False)
        if len(shown) < len(summary.findings):
            more = len(summary.findings) - len(shown)
            out.print(f"  … and {more} more (`specwalk index --all` lists them)", markup=False)
    elif not summary.problems:
        out.print("every interactive element has a stable locator", markup=False)
    else:  # never claim a complete map when something could not be read
        out.print("every element indexed has a stable locator", markup=False)
    if summary.problems:
        out.print(
            f"{len(summary.problems)} problem(s) reading the source (listed below): the map may be incomplete",
            markup=False,
        )
    for problem in summary.problems:
        err.print(f"[yellow]problem:[/] {escape(problem)}")
    out.print(f"wrote {settings.out / 'uimap.json'}", markup=False)
    return int(ExitCode.OK)


@cli.command()
@config_option
@click.argument("requirements", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON instead of a tree.")
@llm_option
@no_llm_cache_option
def plan(
    config_path: str | None,
    requirements: tuple[Path, ...],
    as_json: bool,
    llm_choice_value: str | None,
    no_llm_cache: bool,
) -> int:
    """Turn REQUIREMENTS (default: project.requirements) into scenarios; writes .specwalk/plan.json.

    Exit 0 when every line is planned, 1 when some need attention (listed with file:line),
    2 when a file cannot be read, 3 when it cannot be parsed or plans no requirement at all.
    """
    from specwalk.artifacts import producing
    from specwalk.config import load_config
    from specwalk.pipeline import llm_for
    from specwalk.plan import plan_files, write_plan
    from specwalk.plan.render import render_tree

    # Where plan.json is comes from specwalk.toml alone, so that a failure anywhere after it (a
    # bad --llm included) leaves no plan.json looking current.
    located = load_config(
        Path(config_path) if config_path else None,
        env={key: value for key, value in _env().items() if key != "SPECWALK_LLM"},
        required=False,
    )
    target = located.output_dir / "plan.json"
    with producing("specwalk plan", target):
        config = _load(config_path, required=False, overrides=_llm_overrides(llm_choice_value))
        paths = list(requirements) or [config.resolve(item) for item in config.project.requirements]
        if not paths:
            raise UsageError(
                "no requirements to plan", hint="pass REQUIREMENTS.md, or set project.requirements in specwalk.toml"
            )
        base = config.root if config.source is not None and not requirements else Path.cwd()
        session = llm_for(config, _env(), use_cache=not no_llm_cache)
        if session is None:
            result = plan_files(paths, base=base)
            write_plan(result, target)
        else:
            from specwalk.pipeline import plan_for

            result = plan_for(
                config, paths, llm=session, base=base, on_progress=lambda line: err.print(line, markup=False)
            )
    if as_json:
        out.print(result.model_dump_json(indent=2), markup=False)
    else:
        for line in render_tree(result):
            out.print(line, markup=False)
        if result.unplanned:
            out.print("")
            out.print(f"{len(result.unplanned)} line(s) need attention:", markup=False)
            for entry in result.unplanned:
                llm = " [free prose: needs the LLM planner]" if entry.needs_llm else ""
                out.print(f"  {entry.source}: {entry.text}", markup=False)
                out.print(f"      why: {entry.reason}{llm}", markup=False)
                if entry.suggestion:
                    out.print(f"      try: {entry.suggestion}", markup=False)
        states = [note for note in result.notes if note.reason.startswith("a state no step")]
        if states:  # kept as states (for grounding or the LLM planner): say how to make them steps
            out.print("")
            out.print(f"{len(states)} Given line(s) kept as a state no step reaches:", markup=False)
            for note in states:
                out.print(f"  {note.source}: {note.text}", markup=False)
                out.print(f"      {note.reason.split('; ', 1)[-1]}", markup=False)
    if result.requirements and not result.scenario_count:
        err.print(
            f"plan: no scenario: none of the {len(result.requirements)} requirement(s) could be planned; "
            "the lines above say why",
            markup=False,
        )
    err.print(
        f"plan: {len(result.requirements)} requirements, {result.scenario_count} scenarios, "
        f"{len(result.unplanned)} line(s) need attention; wrote {target}",
        markup=False,
    )
    _print_llm(session, err)
    return int(ExitCode.FAILURES if result.unplanned else ExitCode.OK)


@cli.command()
@config_option
@click.argument("requirements", nargs=-1, type=click.Path(path_type=Path))
@base_url_option
@click.option(
    "--lang",
    "language",
    type=click.Choice(["typescript", "python"]),
    default="typescript",
    show_default=True,
    help="Emit Playwright Test (TypeScript) or pytest (Python).",
)
@click.option(
    "--runs",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Runs of the emitted suite with its real runner (0: verify and emit only).",
)
@click.option(
    "--install-runner",
    is_flag=True,
    help="Install the emitted suite's runner into the project when it lacks it (@playwright/test, or pytest).",
)
@click.option(
    "--retriever",
    type=click.Choice(["lexical", "semantic"]),
    default=None,
    help="Override ground.retriever: semantic adds sentence embeddings (pip install 'specwalk[semantic]').",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 16),
    default=None,
    help="Override browser.workers: browsers verifying scenarios side by side (0: one per CPU core, at most 4).",
)
@llm_option
@no_llm_cache_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def generate(
    config_path: str | None,
    requirements: tuple[Path, ...],
    base_url: str | None,
    language: str,
    runs: int,
    install_runner: bool,
    retriever: str | None,
    workers: int | None,
    llm_choice_value: str | None,
    no_llm_cache: bool,
    quiet: bool,
    as_json: bool,
) -> int:
    """Verify REQUIREMENTS (default: project.requirements) in the running app and emit Playwright tests.

    Exit 0 when every planned scenario is verified; 1 when nothing was planned, or there are app
    defects, scenarios that could not be grounded or verified, flaky tests or a failing suite run;
    4 when the emitted suite's runner is missing (checked before verifying) or could not run.
    """
    from specwalk.pipeline import generate as run_generate
    from specwalk.pipeline import llm_for

    overrides: dict[str, object] = {"ground": {"retriever": retriever}} if retriever else {}
    if workers is not None:
        overrides["browser"] = {"workers": workers}
    config = _load(config_path, overrides={**overrides, **_llm_overrides(llm_choice_value)})
    session = llm_for(config, _env(), use_cache=not no_llm_cache)
    progress = _Progress(quiet=quiet)
    say = progress.say

    try:
        result = run_generate(
            config,
            env=_env(),
            requirements=requirements,
            base_url=base_url,
            language="python" if language == "python" else "typescript",
            runs=runs,
            on_progress=say,
            on_app_progress=progress,
            llm=session,
            install_runner=install_runner,
        )
    finally:
        progress.done()
    report = result.report
    if as_json:
        from specwalk.emit.report_json import render_report_json

        sys.stdout.write(render_report_json(report))
        _print_llm(result.llm, err)
    else:
        counts: dict[str, int] = {}
        for scenario in report.scenarios:
            counts[scenario.status] = counts.get(scenario.status, 0) + 1
        summary = ", ".join(f"{count} {status.replace('_', ' ')}" for status, count in sorted(counts.items()))
        out.print(f"scenarios: {summary or 'none'}; {len(report.unplanned)} line(s) not planned", markup=False)
        if not report.scenarios:
            for entry in report.unplanned:  # nothing else to show: say why each line was not planned
                out.print(f"  not planned: {entry.source}: {entry.reason}", markup=False)
        for scenario in report.scenarios:
            if scenario.status != "passed":
                out.print(f"  {scenario.status}: {scenario.name} ({scenario.source})", markup=False)
                if scenario.message:
                    out.print(f"      {scenario.message}", markup=False)
        if report.runner is not None:
            runner = report.runner
            out.print(
                f"{runner.runner}: {runner.passed} passed, {runner.failed} failed, {runner.flaky} flaky, "
                f"{runner.expected_failures} expected failures over {runs} run(s)",
                markup=False,
            )
        if result.llm is not None:
            for entry in report.unplanned:
                if entry.needs_llm:
                    out.print(f"  not planned: {entry.source}: {entry.reason}", markup=False)
        timing = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.seconds.items())
        err.print(f"time: {timing}", markup=False)
        _print_llm(result.llm, out)
        out.print(f"tests:  {result.tests_dir}", markup=False)
        out.print(f"report: {result.report_html}", markup=False)
        out.print(f"        {result.report_json}", markup=False)
    return int(ExitCode.OK if result.ok else ExitCode.FAILURES)


@cli.command("mcp")
@config_option
@click.option(
    "--http",
    "http_port",
    type=click.IntRange(1, 65535),
    metavar="PORT",
    help="Serve streamable HTTP on 127.0.0.1:PORT instead of stdio.",
)
def mcp_command(config_path: str | None, http_port: int | None) -> int:
    """Serve specwalk's tools to coding assistants over MCP (stdio; --http PORT for HTTP).

    Tools: index_repo, query_ui_map, plan_requirements, ground_step, generate_tests, verify_test,
    build_manual, get_report. Without --config, tools default to the project found from here.
    """
    from specwalk.mcp import serve as serve_mcp

    def ready(url: str) -> None:
        err.print(f"specwalk mcp: serving {url} (Ctrl-C stops it)", markup=False)

    serve_mcp(
        env=_env(),
        cwd=Path.cwd(),
        config_path=Path(config_path) if config_path else None,
        http_port=http_port,
        on_ready=ready,
    )
    return int(ExitCode.OK)


@cli.command("docs")
@config_option
@click.argument("requirements", nargs=-1, type=click.Path(path_type=Path))
@base_url_option
@click.option(
    "--lang",
    "languages",
    multiple=True,
    type=click.Choice(["en", "zh", "all"]),
    help="Manual language, repeatable; 'all' = en and zh.  [default: all]",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 16),
    default=None,
    help="Override browser.workers: browsers running scenarios side by side (0: one per CPU core, at most 4).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Regenerate into .specwalk/manual-check/ and list what differs from the manual on disk; exit 1 when "
    "anything does. The manual on disk is not touched.",
)
@click.option(
    "--update", is_flag=True, help="Write the new manual, list what changed and mark the steps whose picture changed."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=0.1,
    show_default=True,
    metavar="PERCENT",
    help="With --check / --update: a picture has changed when more than this share of its pixels differs.",
)
@llm_option
@no_llm_cache_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON on stdout.")
def docs_command(
    config_path: str | None,
    requirements: tuple[Path, ...],
    base_url: str | None,
    languages: tuple[str, ...],
    workers: int | None,
    check: bool,
    update: bool,
    threshold: float,
    llm_choice_value: str | None,
    no_llm_cache: bool,
    quiet: bool,
    as_json: bool,
) -> int:
    """Write the user manual for REQUIREMENTS (default: project.requirements) from the verified scenarios.

    Markdown (pictures as files), one self-contained HTML file and a PDF per language, under
    output.manual_dir (default docs/manual/<lang>/). Exit 0 when every planned scenario is in the
    manual; 1 when some could not be verified and were left out (listed with the reason), or, with
    --check, when the manual on disk is not current. With --llm, chapter names, titles and stories
    written in the other language are translated (and the translations cached).
    """
    import json

    from specwalk.pipeline import MANUAL_LANGUAGES, build_manual, llm_for

    if check and update:
        raise click.UsageError("--check and --update exclude each other: --check only compares, --update writes")
    overrides: dict[str, object] = {"browser": {"workers": workers}} if workers is not None else {}
    config = _load(config_path, overrides={**overrides, **_llm_overrides(llm_choice_value)} or None)
    session = llm_for(config, _env(), use_cache=not no_llm_cache)
    choices = languages or ("all",)
    chosen = [lang for choice in choices for lang in (MANUAL_LANGUAGES if choice == "all" else (choice,))]
    progress = _Progress(quiet=quiet)
    say = progress.say

    try:
        result = build_manual(
            config,
            env=_env(),
            requirements=requirements,
            base_url=base_url,
            languages=list(dict.fromkeys(chosen)),
            on_progress=say,
            on_app_progress=progress,
            mode="check" if check else "update" if update else "write",
            threshold=threshold,
            llm=session,
        )
    finally:
        progress.done()
    if as_json:
        payload = {
            "languages": {
                language: {
                    "locale": files.locale,
                    "markdown": str(files.markdown),
                    "html": str(files.html),
                    "pdf": str(files.pdf),
                    "manifest": str(files.manifest),
                    "scenarios": files.scenarios,
                    "screenshots": files.screenshots,
                }
                for language, files in result.files.items()
            },
            "screenshots": result.screenshots,
            "planned": result.planned,
            "omitted": [
                {"scenario": name, "source": source, "reason": reason} for name, source, reason in result.omitted
            ],
            "seconds": result.seconds,
            "seconds_per_screenshot": round(result.seconds_per_screenshot, 3),
        }
        if result.mode != "write":
            payload["changes"] = {
                language: [{"chapter": c.chapter, "task": c.task, "step": c.step, "what": c.what} for c in changes]
                for language, changes in result.changes.items()
            }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        _print_llm(session, err)
    else:
        if not result.planned:
            out.print("nothing to put in the manual: no scenario could be planned", markup=False)
            for entry in result.unplanned:
                out.print(f"  not planned: {entry.source}: {entry.reason}", markup=False)
        for name, source, reason in result.omitted:
            out.print(f"  omitted: {name} ({source})", markup=False)
            out.print(f"      {reason}", markup=False)
        for language, changes in result.changes.items():
            if not changes:
                current = "the manual on disk is current" if result.mode == "check" else "nothing changed"
                out.print(f"manual ({language}): {current}", markup=False)
                continue
            since = "from the manual on disk" if result.mode == "check" else "since the previous manual"
            out.print(f"manual ({language}): {len(changes)} change(s) {since}:", markup=False)
            for change in changes:
                out.print(f"  {change}", markup=False)
        _print_llm(session, err)
        for language, files in result.files.items():
            out.print(
                f"manual ({language}, app locale {files.locale}): {files.scenarios} scenarios, "
                f"{files.screenshots} pictures",
                markup=False,
            )
            out.print(f"  markdown: {files.markdown}", markup=False)
            out.print(f"  html:     {files.html}", markup=False)
            if result.mode != "check":  # the regenerated manual is compared, not printed
                out.print(f"  pdf:      {files.pdf}", markup=False)
        timing = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.seconds.items())
        err.print(
            f"time: {timing}; {result.seconds_per_screenshot:.2f} s per picture ({result.screenshots} pictures)",
            markup=False,
        )
    return int(ExitCode.OK if result.ok else ExitCode.FAILURES)


def _print_error(error: SpecwalkError) -> None:
    for number, line in enumerate(error.lines):
        err.print(f"[red]error:[/] {escape(line)}" if number == 0 else f"  {escape(line)}")
    if error.hint:
        err.print(f"  hint: {error.hint}", markup=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    from specwalk.browser.app_server import termination_as_interrupt

    try:
        with termination_as_interrupt():
            result = cli.main(args=args, prog_name="specwalk", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        out.print(exc.ctx.get_help() if exc.ctx else str(exc), markup=False)
        return int(ExitCode.USAGE)
    except click.ClickException as exc:
        err.print(f"[red]error:[/] {escape(exc.format_message())}")
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            err.print(f"  try `{exc.ctx.command_path} --help`", markup=False)
        return int(ExitCode.USAGE)
    except (KeyboardInterrupt, click.exceptions.Abort, Interrupted) as exc:
        reason = str(exc) if isinstance(exc, Interrupted) else "interrupted"
        err.print(f"specwalk: {reason}; stopped cleanly")
        return int(ExitCode.INTERRUPTED)
    except SpecwalkError as exc:
        if debug:
            err.print(traceback.format_exc(), markup=False)
        _print_error(exc)
        return int(exc.exit_code)
    except Exception:  # noqa: BLE001 - the one place bugs are reported as bugs
        err.print("specwalk: internal error, please report it with the traceback below", markup=False)
        for line in traceback.format_exc().splitlines():
            err.print(f"INTERNALERROR> {line}", markup=False)
        return int(ExitCode.INTERNAL)
    return int(result or 0)


def run() -> None:
    sys.exit(main())
