"""What the IDE tools (`specwalk mcp`) return: small views over the UI map, plan and report.

The tools publish these as their output schemas, so an assistant knows every field before it
calls. They reuse the pipeline's own models (UI elements, locators, evidence, runner results)
and add only what a tool answers beyond them. Plain data: no I/O, no logic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from specwalk.models.locator import Locator
from specwalk.models.report import Candidate, RunnerResult, ScenarioStatus, StepResult
from specwalk.models.scenario import SourceRef
from specwalk.models.uimap import LocatorCandidate, SourceSpan, UIElement


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RouteSummary(_Model):
    path: str
    component: str | None
    elements: int  # elements that render under it
    redirect: str | None = None


class LocatorFinding(_Model):
    """An element a test acts on that has no stable locator, and what to change in the source."""

    element_id: str
    where: str  # file:line
    what: str
    fix: str


class IndexResult(_Model):
    root: str
    framework: str
    locales: list[str]
    files: int
    elements: int
    routes: list[RouteSummary] = Field(default_factory=list)
    unrouted: int = 0
    findings: list[LocatorFinding] = Field(default_factory=list)  # the first 50
    findings_total: int = 0
    problems: list[str] = Field(default_factory=list)  # files that could not be parsed, file:line: why
    uimap: str  # path of the written uimap.json


class QueryResult(_Model):
    total: int  # elements matching every filter
    elements: list[UIElement]  # the first `limit` of them, in source order
    routes: list[str]  # every route of the map, to narrow a next query


class GroundCandidate(_Model):
    rank: int  # 1 = best
    element_id: str
    score: float
    reason: str  # why it ranked there (bm25, role, route)
    exact_name: bool  # the element is known by exactly the phrase (its name, label, text, placeholder)
    description: str
    role: str | None
    source: SourceSpan
    routes: list[str]
    locators: list[LocatorCandidate]  # its best few, best first (Playwright code in `playwright`)


class LiveGrounding(_Model):
    """The phrase resolved in the running app: the locator that matched exactly one element."""

    url: str
    found: bool
    locator: Locator | None = None
    playwright: str | None = None  # the locator as Playwright Test code
    element_id: str | None = None  # the UI-map element it is, when proven
    tried: list[str] = Field(default_factory=list)  # Playwright code of rejected locators, in order
    rejected_because: list[str] = Field(default_factory=list)  # aligned with `tried`
    candidates: list[Candidate] = Field(default_factory=list)
    message: str = ""


class GroundResult(_Model):
    phrase: str
    role: str | None
    route: str | None
    candidates: list[GroundCandidate]
    message: str = ""
    live: LiveGrounding | None = None


class ScenarioSummary(_Model):
    scenario_id: str
    requirement_id: str
    name: str
    status: ScenarioStatus
    source: SourceRef
    test_file: str | None = None
    test_title: str | None = None
    message: str = ""


class GenerateSummary(_Model):
    ok: bool  # no app defects, ungrounded or flaky scenarios, and the suite ran as expected
    counts: dict[str, int]  # scenario status -> how many
    scenarios: list[ScenarioSummary]
    unplanned: int  # requirement lines not planned (see get_report for each, with file:line)
    runner: RunnerResult | None = None
    tests_dir: str
    report_json: str
    report_html: str
    seconds: dict[str, float] = Field(default_factory=dict)


TestRunStatus = Literal["passed", "failed", "flaky", "expected_failure", "skipped", "not_run"]


class VerifyResult(_Model):
    scenario_id: str
    test_file: str  # relative to the project root
    test_title: str
    status: TestRunStatus  # expected_failure: marked as an app defect and still failing as recorded
    runs: list[str]  # each run's outcome: passed, failed, expected_failure, unexpected_pass, skipped
    runner: RunnerResult
    recorded_status: ScenarioStatus  # what generate recorded for the scenario
    message: str = ""  # generate's message for the scenario (where and why it failed)
    steps: list[StepResult] = Field(default_factory=list)  # the recorded steps with their evidence
    errors: list[str] = Field(default_factory=list)  # runner-level problems
    output: str = ""  # the runner's last lines


class ManualLanguage(_Model):
    """One language's manual on disk (absolute paths)."""

    language: str
    locale: str  # the app locale its pictures show
    directory: str
    markdown: str  # index.md; one more .md per feature beside it
    html: str
    pdf: str
    manifest: str  # manual.json: every picture with its target's box
    scenarios: int
    screenshots: int


class OmittedScenario(_Model):
    scenario: str
    source: str  # requirements file:line
    reason: str


class ManualSummary(_Model):
    ok: bool  # every planned scenario is in the manual
    manuals: list[ManualLanguage]
    screenshots: int
    omitted: list[OmittedScenario] = Field(default_factory=list)
    seconds: dict[str, float] = Field(default_factory=dict)
