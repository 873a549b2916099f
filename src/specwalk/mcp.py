"""`specwalk mcp`: the pipeline as MCP tools, resources and a prompt, for coding assistants.

The one module that imports the MCP SDK (the `specwalk[mcp]` extra). Every tool is a thin adapter
over what the CLI calls (`specwalk.pipeline`, the UI-map query, the resolver, the suite runner);
arguments and results are our pydantic models, so the published schemas are theirs. Work runs on
a worker thread, one call at a time: calls share the project's output directory, the app's port
and the browser.

A SpecwalkError becomes a tool error whose text is exactly what the CLI prints for it; anything
else is a bug, which the SDK logs with its traceback on stderr and answers as a tool error. The
server keeps serving after either.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import re
import socket
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, ParamSpec, TypeVar

from pydantic import Field

from specwalk import __version__
from specwalk.config import Config, find_config, load_config
from specwalk.errors import ExitCode, NavigationFailed, SpecwalkError, UsageError
from specwalk.mcp_helpers import (
    check_route,
    error_text,
    find_scenario,
    known_by,
    parse_phrase,
    read_report,
    requirement_paths,
    runner_selector,
    scenario_summary,
)
from specwalk.models.report import RunReport, ScenarioStatus
from specwalk.models.scenario import Plan
from specwalk.models.tools import (
    GenerateSummary,
    GroundCandidate,
    GroundResult,
    IndexResult,
    LiveGrounding,
    LocatorFinding,
    ManualLanguage,
    ManualSummary,
    OmittedScenario,
    QueryResult,
    RouteSummary,
    VerifyResult,
)
from specwalk.models.uimap import UIElement, UIMap

if TYPE_CHECKING:
    from specwalk.ground.resolve import Resolver

try:
    import anyio
    import anyio.from_thread
    import anyio.lowlevel
    from mcp.server.mcpserver import Context, MCPServer
    from mcp.server.mcpserver.exceptions import ResourceError
    from mcp.types import CallToolResult, TextContent
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise UsageError("the Python package 'mcp' is not installed", hint="pip install 'specwalk[mcp]'") from exc

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

FINDINGS_SHOWN = 50  # as `specwalk index`: a longer list is not actionable at a glance
NAME = "specwalk"


def _reported(tool: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R | CallToolResult]]:
    """A SpecwalkError raised by the tool becomes an MCP tool error with the CLI's text.

    The wrapper keeps the tool's signature (`functools.wraps`), so the SDK still derives the input
    and output schemas from the tool itself; an error result is passed through unvalidated.
    """

    @functools.wraps(tool)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | CallToolResult:
        try:
            return await tool(*args, **kwargs)
        except SpecwalkError as error:
            return CallToolResult(content=[TextContent(type="text", text=error_text(error))], is_error=True)

    return wrapper


# -- argument types (each becomes part of the tool's input schema) ---------------------------------

ProjectArg = Annotated[
    str,
    Field(
        description="The front-end project: its directory or its specwalk.toml, absolute or relative to the "
        "directory the server runs in. Empty: the project the server was started for."
    ),
]
RequirementsArg = Annotated[
    tuple[str, ...],
    Field(
        description="Requirements files (Markdown / Gherkin), relative to the project root. "
        "Empty: project.requirements from specwalk.toml."
    ),
]
BaseUrlArg = Annotated[
    str | None,
    Field(
        description="Use the app already running at this URL; nothing is started. Default: start it from specwalk.toml."
    ),
]
RouteArg = Annotated[
    str | None, Field(description="A route path exactly as the UI map lists it, e.g. '/' or '/#/notes/new'.")
]
ActionArg = Literal["click", "dblclick", "fill", "clear", "press", "select", "check", "uncheck"]


class SpecwalkTools:
    """The tool implementations, bound to the server's environment and default project."""

    def __init__(self, *, env: Mapping[str, str], cwd: Path, config_path: Path | None = None) -> None:
        self.env = dict(env)
        self.cwd = cwd
        self.config_path = config_path
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """Is a tool call running on its thread now?"""
        return self._lock.locked()

    # -- shared plumbing -------------------------------------------------------------------------

    def config(self, project: str = "") -> Config:
        """The project's Config: its specwalk.toml (given, or the nearest one up), else detected settings."""
        if not project:
            if self.config_path is not None:
                return load_config(self.config_path, cwd=self.cwd, env=self.env)
            start = self.cwd
        else:
            path = Path(project).expanduser()
            path = path if path.is_absolute() else self.cwd / path
            if not path.exists():
                raise UsageError(
                    f"{project}: no such file or directory",
                    hint="pass the front-end project's directory or its specwalk.toml",
                )
            if path.is_file():
                return load_config(path, cwd=self.cwd, env=self.env)
            start = path
        found = find_config(start)
        if found is not None:
            return load_config(found, cwd=self.cwd, env=self.env)
        from specwalk.detect import detect_project
        from specwalk.pipeline import config_from_detection

        root = start.resolve()
        return config_from_detection(detect_project(root), root)

    async def run(self, work: Callable[[], T]) -> T:
        """`work` on its own thread, after any call still running (the pipeline is synchronous).

        A daemon thread, not the SDK's worker pool: when the server is stopped mid-call (SIGTERM,
        Ctrl-C) the process exits at once and its exit hooks stop the app it started, instead of
        waiting minutes for a generate to finish.
        """
        token = anyio.lowlevel.current_token()
        finished = anyio.Event()
        results: list[T] = []
        errors: list[BaseException] = []

        def body() -> None:
            try:
                with self._lock:
                    results.append(work())
            except BaseException as error:  # noqa: BLE001 - handed to the awaiting call, which raises it
                errors.append(error)
            finally:
                with contextlib.suppress(RuntimeError):  # the event loop is gone: the server is stopping
                    anyio.from_thread.run_sync(finished.set, token=token)

        threading.Thread(target=body, name="specwalk-tool", daemon=True).start()
        await finished.wait()
        if errors:
            raise errors[0]
        return results[0]

    @staticmethod
    def progress(ctx: Context[Any, Any]) -> Callable[[str], None]:
        """A callback for the tool's thread that sends each message as an MCP progress notification."""
        token = anyio.lowlevel.current_token()
        sent = 0

        def say(message: str) -> None:
            nonlocal sent
            sent += 1
            # A client that went away gets no more notes; the work finishes and writes its files anyway.
            with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                anyio.from_thread.run(ctx.report_progress, sent, None, message, token=token)

        return say

    # -- tools -----------------------------------------------------------------------------------

    @_reported
    async def index_repo(
        self,
        project: ProjectArg = "",
        no_cache: Annotated[bool, Field(description="Parse every file again, ignoring the cache.")] = False,
    ) -> IndexResult:
        """Read the project's front-end source into the UI map (.specwalk/uimap.json): routes, every
        interactive element with its role, name, label, test id, source file:line and ranked Playwright
        locators. Returns a summary and the elements that lack a stable locator, with the fix for each.
        Call it first, and again after editing UI code (unchanged files come from the cache)."""

        def work() -> IndexResult:
            from specwalk.index.summary import summarize
            from specwalk.pipeline import index_for

            config = self.config(project)
            uimap = index_for(config, use_cache=not no_cache)
            summary = summarize(uimap)
            return IndexResult(
                root=str(config.root),
                framework=uimap.framework,
                locales=list(uimap.locales),
                files=summary.files,
                elements=summary.elements,
                routes=[
                    RouteSummary(path=r.path, component=r.component, elements=r.elements, redirect=r.redirect)
                    for r in summary.routes
                ],
                unrouted=summary.unrouted,
                findings=[
                    LocatorFinding(element_id=f.element_id, where=f.where, what=f.what, fix=f.fix)
                    for f in summary.findings[:FINDINGS_SHOWN]
                ],
                findings_total=len(summary.findings),
                problems=summary.problems,
                uimap=str(config.output_dir / "uimap.json"),
            )

        return await self.run(work)

    @_reported
    async def query_ui_map(
        self,
        project: ProjectArg = "",
        route: RouteArg = None,
        text: Annotated[str | None, Field(description="Visible text, in any locale.")] = None,
        label: Annotated[str | None, Field(description="The associated <label> or aria-label.")] = None,
        role: Annotated[str | None, Field(description="ARIA role: button, link, textbox, checkbox, ...")] = None,
        name: Annotated[str | None, Field(description="Accessible name (with role).")] = None,
        test_id: Annotated[str | None, Field(description="A data-testid / data-test / data-cy value.")] = None,
        placeholder: Annotated[str | None, Field(description="An input's placeholder.")] = None,
        limit: Annotated[int, Field(ge=1, le=500, description="Return at most this many elements.")] = 20,
    ) -> QueryResult:
        """Look up UI-map elements: those under a route, and/or by exact visible text, label, role (and
        accessible name), test id or placeholder; every given filter must hold. Each element carries its
        source file:line, render conditions and ranked locators (Playwright code in `playwright`).
        Indexes first if the source changed."""

        def work() -> QueryResult:
            from specwalk.index.query import UIQuery
            from specwalk.pipeline import index_for

            config = self.config(project)
            uimap = index_for(config)
            query = UIQuery(uimap)
            found: list[UIElement] = list(uimap.elements)
            if route is not None:
                check_route(config, uimap, route)
                found = query.under_route(route)
            filters: list[list[UIElement]] = []
            if text is not None:
                filters.append(query.by_text(text))
            if label is not None:
                filters.append(query.by_label(label))
            if role is not None or name is not None:
                if role is None:
                    raise UsageError("name needs a role", hint="pass role too, e.g. role='button', name='Save'")
                filters.append(query.by_role(role, name))
            if test_id is not None:
                filters.append(query.by_test_id(test_id))
            if placeholder is not None:
                filters.append(query.by_placeholder(placeholder))
            for matches in filters:
                ids = {element.id for element in matches}
                found = [element for element in found if element.id in ids]
            return QueryResult(
                total=len(found), elements=found[:limit], routes=sorted({item.path for item in uimap.routes})
            )

        return await self.run(work)

    @_reported
    async def plan_requirements(self, requirements: RequirementsArg = (), project: ProjectArg = "") -> Plan:
        """Turn requirements (Markdown acceptance criteria, Gherkin) into scenarios of typed steps, the
        scenario IR written to .specwalk/plan.json. Every line that could not be planned is in
        `unplanned` with its file:line, the reason and a suggested phrasing: fix those first."""

        def work() -> Plan:
            from specwalk.pipeline import plan_for

            config = self.config(project)
            return plan_for(config, requirement_paths(config, requirements))

        return await self.run(work)

    @_reported
    async def ground_step(
        self,
        phrase: Annotated[
            str,
            Field(
                description='The element as a requirement names it: "Add task", the "Title" field, the Save button. '
                "Quoted words are taken as the UI's own text; a noun (button, link, field, checkbox) implies a role."
            ),
        ],
        project: ProjectArg = "",
        route: RouteArg = None,
        role: Annotated[str | None, Field(description="ARIA role, when the phrase does not imply one.")] = None,
        action: Annotated[ActionArg | None, Field(description="What the step does to it (live only).")] = None,
        live: Annotated[
            bool,
            Field(
                description="Also resolve it in the running app (started from specwalk.toml unless base_url): "
                "returns the locator that matches exactly one element, as Playwright code."
            ),
        ] = False,
        page: Annotated[
            str | None, Field(description="Live only: the path or URL to open first. Default: route, else '/'.")
        ] = None,
        base_url: BaseUrlArg = None,
        limit: Annotated[int, Field(ge=1, le=20, description="How many ranked elements to return.")] = 5,
    ) -> GroundResult:
        """Map a step's target phrase to UI-map elements, ranked, with the evidence: why each ranked where it
        did, its source file:line and its best locators. With live=true, prove a unique locator in Chromium
        instead of guessing a selector."""

        def work() -> GroundResult:
            from specwalk.ground import build_retriever
            from specwalk.ground.resolve import Resolver, related_roles
            from specwalk.pipeline import index_for

            target, implied, quoted = parse_phrase(phrase)
            config = self.config(project)
            uimap = index_for(config)
            if route is not None:
                check_route(config, uimap, route)
            wanted_role = role or implied
            locale = config.project.locales[0]
            resolver = Resolver(build_retriever(config.ground.retriever, uimap.elements), locale=locale)
            preferred = related_roles(wanted_role) if wanted_role else ()
            hits = resolver.candidates(target, wanted_role, route, preferred)[:limit]
            candidates = [
                GroundCandidate(
                    rank=number,
                    element_id=hit.element.id,
                    score=round(hit.score, 3),
                    reason=hit.reason,
                    exact_name=known_by(hit.element, target),
                    description=hit.element.description,
                    role=hit.element.role,
                    source=hit.element.location,
                    routes=list(hit.element.routes),
                    locators=[c for c in hit.element.locators if c.locale in (None, locale)][:3],
                )
                for number, hit in enumerate(hits, start=1)
            ]
            message = "" if candidates else f"no element in the UI map matches '{target}'"
            live_result = None
            if live:
                live_result = self.ground_live(
                    config, uimap, resolver, target, wanted_role, route, action, quoted, page, base_url
                )
            return GroundResult(
                phrase=target, role=wanted_role, route=route, candidates=candidates, message=message, live=live_result
            )

        return await self.run(work)

    def ground_live(
        self,
        config: Config,
        uimap: UIMap,
        resolver: Resolver,
        target: str,
        role: str | None,
        route: str | None,
        action: str | None,
        literal: bool,
        page: str | None,
        base_url: str | None,
    ) -> LiveGrounding:
        from specwalk.browser.discovery import find_browser
        from specwalk.browser.playwright_driver import browser_session
        from specwalk.emit.locators import to_typescript
        from specwalk.ground.routes import match_route
        from specwalk.pipeline import running_app

        opened = page or (route if route and not re.search(r"[:\[*]", route) else "/")
        browser = find_browser(config.browser.path, self.env)
        locale = config.project.locales[0]
        with (
            running_app(config, base_url=base_url) as app,
            browser_session(browser, headless=config.browser.headless) as session,
            session.page(app.base_url, locale=locale) as driver,
        ):
            outcome = driver.goto(opened)
            if not outcome.ok:
                raise NavigationFailed(outcome.message, hint="check `page` (a path such as / or #/notes/new)")
            driver.wait_for_settle()
            here = route or match_route(driver.url, uimap.routes)
            resolution = resolver.resolve(driver, target, role=role, route=here, action=action, literal=literal)
            url = driver.url
        return LiveGrounding(
            url=url,
            found=resolution.locator is not None,
            locator=resolution.locator,
            playwright=to_typescript(resolution.locator) if resolution.locator is not None else None,
            element_id=resolution.element.id if resolution.element is not None else None,
            tried=[to_typescript(locator) for locator in resolution.tried],
            rejected_because=list(resolution.rejected),
            candidates=list(resolution.candidates),
            message=resolution.message,
        )

    @_reported
    async def generate_tests(
        self,
        ctx: Context[Any, Any],
        requirements: RequirementsArg = (),
        project: ProjectArg = "",
        base_url: BaseUrlArg = None,
        language: Annotated[
            Literal["typescript", "python"], Field(description="Emit Playwright Test (TypeScript) or pytest.")
        ] = "typescript",
        runs: Annotated[int, Field(ge=0, le=10, description="Runs of the emitted suite (0: do not run it).")] = 1,
    ) -> GenerateSummary:
        """Index, plan, verify every scenario live in Chromium, emit the Playwright suite, run it, and write
        .specwalk/report.json and report.html (what `specwalk generate` does). Sends a progress
        notification per phase and scenario; takes seconds per scenario. Statuses: passed; app_defect
        (the app does not do what the requirement says, twice; the test is emitted marked as failing);
        environment (the app did not answer: a page that would not load, a 5xx); not_grounded (a step
        names something the UI does not have); weak; flaky; suite_failed (its test failed in every run
        of the suite); partial. Details: get_report."""
        say = self.progress(ctx)

        def on_app(what: str, _elapsed: float, _timeout: float) -> None:
            if "://" not in what:  # the per-poll "waiting for the app" lines would flood the client
                say(what)

        def work() -> GenerateSummary:
            from specwalk.pipeline import generate

            config = self.config(project)
            result = generate(
                config,
                env=dict(self.env),
                requirements=requirement_paths(config, requirements),
                base_url=base_url,
                language=language,
                runs=runs,
                on_progress=say,
                on_app_progress=on_app,
            )
            report = result.report
            counts: dict[str, int] = {}
            for scenario in report.scenarios:
                counts[scenario.status] = counts.get(scenario.status, 0) + 1
            return GenerateSummary(
                ok=result.ok,
                counts=dict(sorted(counts.items())),
                scenarios=[scenario_summary(scenario) for scenario in report.scenarios],
                unplanned=len(report.unplanned),
                runner=report.runner,
                tests_dir=str(result.tests_dir),
                report_json=str(result.report_json),
                report_html=str(result.report_html),
                seconds=dict(result.seconds),
            )

        return await self.run(work)

    @_reported
    async def verify_test(
        self,
        scenario: Annotated[
            str, Field(description="The scenario id (as in get_report), or its emitted test's title, or its name.")
        ],
        project: ProjectArg = "",
        base_url: BaseUrlArg = None,
        runs: Annotated[int, Field(ge=1, le=10, description="How many times to run it (flakiness).")] = 1,
    ) -> VerifyResult:
        """Run one emitted test with the real runner (Playwright Test or pytest) against the app and return
        its result with the evidence generate recorded for it (steps, expected vs seen, screenshot). Use it
        after fixing the app or the requirement. expected_failure: a test marked as an app defect still
        fails as recorded."""

        def work() -> VerifyResult:
            from specwalk.browser.discovery import find_browser
            from specwalk.pipeline import running_app
            from specwalk.verify.runner import run_suite

            config = self.config(project)
            report = read_report(config)
            chosen = find_scenario(report, scenario, config)
            test_file, title = chosen.test_file, chosen.test_title
            if not test_file or not title:
                raise UsageError(
                    f"scenario '{chosen.scenario_id}' has no emitted test: it is {chosen.status}"
                    + (f" ({chosen.message})" if chosen.message else ""),
                    hint="fix the requirement or the app, then call generate_tests again",
                )
            tests_dir = config.resolve(config.output.tests_dir)
            language: Literal["typescript", "python"] = "python" if test_file.endswith(".py") else "typescript"
            only = runner_selector(config.root / test_file, tests_dir, title, language, test_file)
            browser = find_browser(config.browser.path, self.env)
            with running_app(config, base_url=base_url) as app:
                run = run_suite(
                    language,
                    tests_dir,
                    env={**self.env, **app.env},  # the services' ports (API_PORT), for the suite's reset
                    base_url=app.base_url,
                    browser=browser.path,
                    runs=runs,
                    display_root=config.root,
                    only=only,
                )
            outcome = next((test for test in run.tests if test.title == title), None)
            return VerifyResult(
                scenario_id=chosen.scenario_id,
                test_file=test_file,
                test_title=title,
                status=outcome.status if outcome is not None else "not_run",
                runs=list(outcome.results) if outcome is not None else [],
                runner=run.result,
                recorded_status=chosen.status,
                message=chosen.message,
                steps=list(chosen.steps),
                errors=list(run.errors),
                output="\n".join(run.output.strip().splitlines()[-40:]),
            )

        return await self.run(work)

    @_reported
    async def build_manual(
        self,
        ctx: Context[Any, Any],
        requirements: RequirementsArg = (),
        project: ProjectArg = "",
        base_url: BaseUrlArg = None,
        languages: Annotated[
            tuple[Literal["en", "zh"], ...], Field(min_length=1, description="Manual languages: en, zh or both.")
        ] = ("en",),
    ) -> ManualSummary:
        """Write the user manual (what `specwalk docs` does): a chapter per feature, its verified scenarios as
        tasks (numbered steps with a picture of the app before every action, outline tables, "If ..."
        notes for error and edge cases), as Markdown, one HTML file and a PDF per language under
        output.manual_dir. Scenarios that could not be verified are left out and listed in `omitted`.
        Sends progress notifications while it runs."""
        say = self.progress(ctx)

        def work() -> ManualSummary:
            from specwalk.pipeline import build_manual

            config = self.config(project)
            result = build_manual(
                config,
                env=dict(self.env),
                requirements=requirement_paths(config, requirements),
                base_url=base_url,
                languages=list(dict.fromkeys(languages)),
                on_progress=say,
            )
            return ManualSummary(
                ok=result.ok,
                manuals=[
                    ManualLanguage(
                        language=files.language,
                        locale=files.locale,
                        directory=str(files.directory),
                        markdown=str(files.markdown),
                        html=str(files.html),
                        pdf=str(files.pdf),
                        manifest=str(files.manifest),
                        scenarios=files.scenarios,
                        screenshots=files.screenshots,
                    )
                    for files in result.files.values()
                ],
                screenshots=result.screenshots,
                omitted=[
                    OmittedScenario(scenario=name, source=source, reason=reason)
                    for name, source, reason in result.omitted
                ],
                seconds=dict(result.seconds),
            )

        return await self.run(work)

    @_reported
    async def get_report(
        self,
        project: ProjectArg = "",
        status: Annotated[
            tuple[ScenarioStatus, ...] | None,
            Field(description="Only scenarios with these statuses, e.g. ['app_defect']."),
        ] = None,
    ) -> RunReport:
        """The latest run report (.specwalk/report.json): every requirement, scenario and step with its
        status, locators, evidence (expected vs seen, screenshot path relative to .specwalk) and emitted
        test, the lines that were not planned (file:line, why), and the runner's result."""

        def work() -> RunReport:
            report = read_report(self.config(project))
            if status is None:
                return report
            return report.model_copy(update={"scenarios": [s for s in report.scenarios if s.status in status]})

        return await self.run(work)

    # -- resources -------------------------------------------------------------------------------

    def artifact(self, name: str, produced_by: str) -> str:
        """The text of `<output dir>/<name>` of the server's project, or a ResourceError saying how to make it."""
        try:
            path = self.config().output_dir / name
        except SpecwalkError as error:
            raise ResourceError(error_text(error)) from error
        if not path.is_file():
            raise ResourceError(f"error: {path} does not exist yet\n  hint: call {produced_by} first")
        from specwalk.artifacts import refuse_stale

        text = path.read_text(encoding="utf-8")
        try:
            refuse_stale(path, text)
        except SpecwalkError as error:
            raise ResourceError(error_text(error)) from error
        return text


# -- the server ----------------------------------------------------------------------------------

INSTRUCTIONS = """\
specwalk turns front-end requirements into verified Playwright end-to-end tests and a user manual.
Use its tools instead of guessing selectors: index_repo (UI map), query_ui_map / ground_step
(elements and proven locators with file:line), plan_requirements (scenarios; unplanned lines with
fixes), generate_tests (verify live, emit, run), verify_test (rerun one test), get_report,
build_manual. The prompt `specwalk_workflow` explains how they fit together."""

WORKFLOW = """\
You are working on a front-end project with specwalk, which turns requirements into Playwright tests
that were verified in a real browser, and into a user manual. Use its tools rather than guessing
selectors or reading the whole source:

1. index_repo: read the source into the UI map. Do it first and after you change UI code. Fix the
   `findings` (elements without a stable locator) when you touch those files.
2. plan_requirements{requirements_arg}: turn the requirements into scenarios. Each `unplanned` line
   has file:line, why, and a suggested phrasing: rewrite those lines before generating.
3. query_ui_map and ground_step: find elements by route, text, label, role or test id, or map a phrase
   such as the "Add task" button to ranked elements with evidence. ground_step with live=true proves
   a locator that matches exactly one element in the running app; use its `playwright` code when you
   write a test by hand.
4. generate_tests{requirements_arg}: verify every scenario in Chromium, emit the suite and run it.
   Then get_report: `app_defect` means the app does not do what the requirement says (see the step's
   expected vs seen and the screenshot) - fix the app, not the test; `not_grounded` means a step names
   something the UI does not have - fix the wording or the UI; `environment` means the app did not
   answer (start it, or fix its server) - not a verdict on the app; `flaky`, `suite_failed` (see its
   run_errors) and `weak` need a look too.
5. verify_test: rerun one emitted test after a fix, with the real runner.
6. build_manual: write the user manual with screenshots once the scenarios pass.

Never edit the emitted tests to make them pass: change the requirement or the app and generate again.
Tool errors are the same one-line messages the specwalk CLI prints, with a hint on what to do."""


def build_server(tools: SpecwalkTools) -> MCPServer[Any]:
    """The MCP server with every tool, resource and prompt of `tools`."""
    server: MCPServer[Any] = MCPServer(
        NAME, version=__version__, instructions=INSTRUCTIONS, log_level="WARNING", warn_on_duplicate_tools=False
    )
    for tool in (
        tools.index_repo,
        tools.query_ui_map,
        tools.plan_requirements,
        tools.ground_step,
        tools.generate_tests,
        tools.verify_test,
        tools.build_manual,
        tools.get_report,
    ):
        server.add_tool(tool, structured_output=True)

    @server.resource("specwalk://project/uimap.json", name="UI map", mime_type="application/json")
    def uimap_resource() -> str:
        """The project's UI map: routes, components and every element with its locators."""
        return tools.artifact("uimap.json", "index_repo")

    @server.resource("specwalk://project/plan.json", name="Scenario IR", mime_type="application/json")
    def plan_resource() -> str:
        """The scenario IR of the last plan: requirements, scenarios, typed steps, unplanned lines."""
        return tools.artifact("plan.json", "plan_requirements")

    @server.resource("specwalk://project/report.json", name="Latest report", mime_type="application/json")
    def report_resource() -> str:
        """The latest run report: statuses, evidence and emitted tests for every requirement."""
        return tools.artifact("report.json", "generate_tests")

    @server.prompt(name="specwalk_workflow", title="Use specwalk to test requirements")
    def workflow(requirements: str = "") -> str:
        """How to use the specwalk tools together, optionally for one requirements file."""
        argument = f' (requirements=["{requirements}"])' if requirements else ""
        return WORKFLOW.format(requirements_arg=argument)

    return server


def serve(
    *,
    env: Mapping[str, str],
    cwd: Path,
    config_path: Path | None = None,
    http_port: int | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until the client disconnects (stdio) or the process is stopped (HTTP on 127.0.0.1)."""
    if config_path is not None:
        load_config(config_path, cwd=cwd, env=env)  # a bad --config fails now, not at the first call
    if http_port is not None:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", http_port))
            except OSError as error:
                raise UsageError(
                    f"cannot listen on 127.0.0.1:{http_port}: {error.strerror}", hint="pass another port to --http"
                ) from error
    # Plain lines on stderr (the SDK would draw boxed tracebacks); set before the SDK configures its own.
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)  # some libraries log at DEBUG on their own loggers
    handler.setFormatter(logging.Formatter("specwalk mcp: %(levelname)s %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    tools = SpecwalkTools(env=env, cwd=cwd, config_path=config_path)
    server = build_server(tools)
    try:
        if http_port is None:
            server.run("stdio")  # stdout carries the protocol: nothing else may print there
        else:
            if on_ready is not None:
                on_ready(f"http://127.0.0.1:{http_port}/mcp")
            server.run("streamable-http", host="127.0.0.1", port=http_port)
    except BaseException as stopped:
        if tools.busy:
            _abandon(str(stopped) if isinstance(stopped, SpecwalkError) else "interrupted", ExitCode.INTERRUPTED)
        raise
    if tools.busy:  # the client went away while a call was running
        _abandon("the client disconnected", ExitCode.OK)


def _abandon(reason: str, code: ExitCode) -> NoReturn:
    """Exit now, leaving a running tool call behind: its thread cannot be interrupted.

    Python would wait for it (or crash finalizing a thread inside Playwright), so run the exit hooks
    (they stop any app the call started; output files are written atomically, so nothing is left
    half-written) and leave without finalizing.
    """
    atexit._run_exitfuncs()
    sys.stderr.write(f"specwalk: {reason}; stopped (a running tool call was abandoned)\n")
    sys.stderr.flush()
    os._exit(int(code))
