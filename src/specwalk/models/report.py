"""The run report: what `generate` grounded, verified and emitted, for every requirement.

Written to `.specwalk/report.json`; the emitters render tests and `report.html` from it, the IDE
reads it. Traceability: requirement -> scenario -> test -> status, with per-step evidence.
Nothing volatile (timestamps, durations, ports) is stored here, so an unchanged input yields a
byte-identical file; timings go to the CLI output and the bench.
Additions are optional fields; bump REPORT_SCHEMA_VERSION on an incompatible change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from specwalk.models.locator import Locator
from specwalk.models.scenario import SourceRef, Unplanned
from specwalk.models.uimap import SourceSpan

REPORT_SCHEMA_VERSION: Literal[1] = 1


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


OpKind = Literal[
    "goto", "reload", "go_back", "go_forward", "act", "check", "press_key", "clear_storage", "dialog", "remember"
]
# act: click dblclick fill clear press select check uncheck hover upload focus drag (onto `to`)
# check: visible hidden enabled disabled checked pressed focused empty text contains value count
#        contains_all (value: a JSON list, items in order) url title class (value: one class name)
#        attribute (`key`, value) selected (an option is the chosen one) dialog (the last browser
#        dialog's message) property (`key`: a DOM property that is `value` "true" / "false": video.paused)
# clear_storage: forget cookies, localStorage and sessionStorage (a reload follows it)
# dialog: how to answer the next browser dialog: name "accept" (value: a prompt's text) / "dismiss"
# remember: name "count": how many elements `locator` matches now, kept as `key` ("before5"); a
#        count check with that `key` expects the kept number plus `value` ("1", or "0": the same)
OpName = str
# How `value` compares for url / text / attribute / dialog checks; None: the check's own way (text:
# equals; url: the path, then an optional ?query / #hash).
OpMatch = Literal["equals", "contains", "starts_with", "ends_with"]


class Operation(_Model):
    """One resolved, executable step: the vocabulary shared by the driver and the emitters."""

    op: OpKind
    name: OpName = ""  # the act/check name; "" for goto/reload/go_back/go_forward/press_key
    locator: Locator | None = None
    value: str | None = None  # text to fill, key to press, option, expected text/count/url
    negated: bool = False
    key: str | None = None  # attribute checks: the attribute's name
    match: OpMatch | None = None
    to: Locator | None = None  # drag: where to drop


class Candidate(_Model):
    """A UI-map element considered for a step's target, with why it ranked where it did."""

    element_id: str
    score: float
    description: str
    reason: str


class Evidence(_Model):
    element_id: str | None = None  # the UI-map element the target resolved to
    source: SourceSpan | None = None  # where that element is written
    candidates: list[Candidate] = Field(default_factory=list)  # retrieval's top candidates
    alternatives: list[Locator] = Field(default_factory=list)  # locators tried and rejected, in order
    rejected_because: list[str] = Field(default_factory=list)  # aligned with alternatives
    expected: str | None = None
    actual: str | None = None
    message: str = ""
    screenshot: str | None = None  # path relative to the output dir
    # The live matches were this many copies of the one UI-map element at `source` (a component
    # rendered twice: the article's buttons above and below it); the first visible one is used.
    copies: int | None = None


StepStatus = Literal["passed", "failed", "not_grounded", "not_run"]
Sensitivity = Literal["sensitive", "weak", "not_checked"]


class StepResult(_Model):
    index: int
    text: str
    source: SourceRef
    expanded_from: SourceRef | None = None  # the line that used the reusable step this comes from
    operations: list[Operation] = Field(default_factory=list)  # usually one; a state may expand
    status: StepStatus
    sensitivity: Sensitivity | None = None  # expectations only
    evidence: Evidence = Evidence()
    # Done once by the scenario's shared setup (a Background that signs in), not in the test body.
    in_setup: bool = False


# partial: fully planned part verified, some lines not planned (never counted as passed, never a defect);
# environment: the app did not answer (navigation timeout, 5xx document, crash), with the evidence;
# suite_failed: verified live, but the emitted test failed in every run of the suite.
ScenarioStatus = Literal[
    "passed", "app_defect", "not_grounded", "not_planned", "weak", "flaky", "partial", "environment", "suite_failed"
]


class ScenarioResult(_Model):
    scenario_id: str
    requirement_id: str
    name: str
    feature: str
    source: SourceRef
    status: ScenarioStatus
    steps: list[StepResult] = Field(default_factory=list)
    test_file: str | None = None  # relative to the project root
    test_title: str | None = None
    runs: list[bool] = Field(default_factory=list)  # the emitted test's results, one per run
    message: str = ""
    setup: str | None = None  # the SharedSetup.id its test starts from (its saved storage state)
    not_checked: list[str] = Field(default_factory=list)  # partial: the lines left unplanned, as written
    run_errors: list[str] = Field(default_factory=list)  # the runner's first error line, per failed run


class RequirementRow(_Model):
    requirement_id: str
    title: str
    feature: str
    source: SourceRef
    scenario_ids: list[str]
    status: ScenarioStatus  # the worst of its scenarios


class RunnerResult(_Model):
    runner: Literal["playwright", "pytest"]
    command: str
    passed: int
    failed: int
    flaky: int
    expected_failures: int  # tests marked test.fail() for app defects that did fail
    exit_code: int


class SharedSetup(_Model):
    """Leading steps several tests share, run once; verified to give the same state when replayed."""

    id: str  # a slug, unique in the report; the saved state is `.auth/<id>.json`
    feature: str
    source: SourceRef  # the first of its steps
    texts: list[str]  # the steps as written
    operations: list[Operation]


class RunReport(_Model):
    schema_version: Literal[1] = REPORT_SCHEMA_VERSION
    specwalk_version: str
    project: str  # project root name, not its absolute path (reports are compared across machines)
    requirements_files: list[str]
    locale: str
    requirements: list[RequirementRow] = Field(default_factory=list)
    scenarios: list[ScenarioResult] = Field(default_factory=list)
    unplanned: list[Unplanned] = Field(default_factory=list)
    runner: RunnerResult | None = None
    errors: list[str] = Field(default_factory=list)
    # Backgrounds that build state (signing in, filling a cart) and then open a page: each runs
    # once in a setup project and saves its cookies/storage; the tests that share it start there.
    setups: list[SharedSetup] = Field(default_factory=list)
