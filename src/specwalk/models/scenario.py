"""The scenario IR: what the requirements say the app must do, as typed steps.

Written by `specwalk plan` to `.specwalk/plan.json`; read by grounding, verification and the
manual. The deterministic planner and the LLM planner produce the same models. Plain data: no
I/O and no logic beyond derived read-only helpers.

    Plan
    ├── requirements: Requirement          one Gherkin scenario or one acceptance criterion
    │   └── scenarios: Scenario            one per Examples row for a Scenario Outline, else one
    │       ├── preconditions: Step        Background steps, then the scenario's leading Givens
    │       └── steps: Step                ActionStep | ExpectationStep | StateStep (by `kind`)
    ├── unplanned: Unplanned               every line the planner could not turn into steps
    └── notes: Note                        Markdown text read as description, not as requirements

Conventions: `target` is the element phrase as the document words it ("Sign in", "New task");
`role` is the ARIA role its noun implies ("button" → button, "field" → textbox), when it has one;
`scope` narrows the target to a container ("in the "Delete task?" dialog", "next to "Buy milk"").
Text expectations carry the text in `value`. Negative forms ("should not see", "disabled",
"hidden") are the positive expectation with `negated=True`.
Bump PLAN_SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

PLAN_SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceRef(_Model):
    """A line of a requirements document; `file` as given on the command line (POSIX), 1-based."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


ActionType = Literal[
    "open",  # a route (`value`) or a page by name (`target`)
    "click",
    "double_click",
    "fill",  # replace the value of `target` with `value`
    "type",  # type `value` into the focused element (or `target`) key by key
    "clear",
    "press",  # a key or chord in `key`: Enter, Escape, Control+A
    "select",  # choose option `value` in `target` (a select / radio group; None: by option alone)
    "check",
    "uncheck",
    "hover",
    "upload",  # file path in `value`
    "reload",
    "go_back",
    "go_forward",
    "wait",  # `value`: seconds, or `target`/`value` to wait for
    "drag",  # drag `target` onto `destination` (or `destination_ref`)
    "focus",
    "reset_storage",  # start from empty storage ("localStorage is empty"): clear it and reload
    "accept_dialog",  # answer the next browser dialog (alert / confirm / prompt: `value`) with OK
    "dismiss_dialog",  # answer the next browser dialog with Cancel
    "right_click",  # open `target`'s context menu (the secondary mouse button)
    "submit",  # submit the form `target` (or the form of the field `target`), as Enter in it would
]

ExpectationType = Literal[
    "text_visible",  # `value` is visible (within `scope` when given)
    "element_visible",  # the element `target` (with `role`) is visible; negated: hidden / absent
    "enabled",  # negated: disabled
    "checked",  # checked, selected or pressed; negated: unchecked
    "focused",
    "empty",
    "text_equals",  # the element's text equals `value`
    "text_contains",  # the element's text contains `value` (and every one of `values`)
    "value_equals",  # an input's value equals `value`
    "value_contains",
    "count",  # `count` elements match `target` (e.g. "3 notes are listed")
    "url",  # the URL / route is `value` (a path, "#/" route or full URL)
    "page",  # the page named `target` is shown (grounding maps names to routes)
    "title",  # the document title equals `value`
    "only_listed",  # the list (`scope`) shows exactly the items `values`
    "has_class",  # the element has the CSS class `value`
    "state",  # the element shows the state `value` ("completed", "active", "selected"): the state
    #           class the UI map knows for it, else the matching aria-* attribute
    "attribute",  # the element's attribute `key` equals `value` (contains with `match="contains"`)
    "dialog_text",  # the last browser dialog (alert / confirm / prompt) said `value`
    "focused_text",  # reserved
    "media",  # the <audio> / <video> `target`'s property `key` (paused, muted, ended, volume,
    #           currentTime, playbackRate) is `value` ("true" / "false" or a number)
]
UrlMatch = Literal["equals", "contains", "starts_with", "ends_with"]
RefKind = Literal["testid", "id", "class", "name", "css", "text"]

Position = Literal["first", "last"]


class TargetRef(BaseModel):
    """An element named exactly by the document: "with data-testid 'add-note'", "(id="x")",
    "with the class 'todo'". Becomes an exact locator; no retrieval is needed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    by: RefKind
    value: str


KeywordType = Literal["given", "when", "then", "none"]


class _StepBase(_Model):
    text: str  # the sentence (or the clause of a compound sentence) as written
    keyword: str = ""  # as written: "Given", "And", "假如", or "" for prose criteria
    keyword_type: KeywordType = "none"  # And / But resolved to the step they continue
    source: SourceRef
    expanded_from: SourceRef | None = None  # the line that used a reusable step defined elsewhere
    target: str | None = None
    role: str | None = None
    scope: str | None = None
    scope_role: str | None = None
    doc_string: str | None = None
    table: tuple[tuple[str, ...], ...] | None = None
    # An exact reference ("with data-testid 'x'"); `target` keeps the words around it, if any.
    target_ref: TargetRef | None = None
    # `target` is described ("the comment box", "the bill amount field"), not quoted from the UI:
    # grounding retrieves it from the UI map by meaning instead of matching a name literally.
    described: bool = False
    # Which of several matches: 0 first, 1 second, -1 last ("the first "Delete" button").
    nth: int | None = None
    # The scenario (its name) this step was learned from: a Given no rule covers, planned from
    # another scenario of the same document that shows how to do it.
    learned_from: str | None = None


class ActionStep(_StepBase):
    kind: Literal["action"] = "action"
    action: ActionType
    value: str | None = None
    key: str | None = None
    count: int | None = None  # repeat, e.g. "click "Increase" 3 times"
    destination: str | None = None  # drag: where to drop, as worded
    destination_ref: TargetRef | None = None


class ExpectationStep(_StepBase):
    kind: Literal["expectation"] = "expectation"
    expectation: ExpectationType
    value: str | None = None
    values: tuple[str, ...] = ()
    count: int | None = None
    negated: bool = False
    position: Position | None = None  # "at the end of the list" → last
    match: UrlMatch | None = None  # url / text / attribute: how `value` compares (None: the type's own)
    key: str | None = None  # attribute: its name; media: the property
    # Every element `target` names satisfies the check, and there is at least one ("all checkboxes
    # are checked", "each key has the class "key""); with `negated`, none does ("no seat is selected").
    every: bool = False
    # Compared with the page just before the When actions that lead to this check: count "more"
    # by `count` ("a new row is added to the table") or the "same" ("no new item is added").
    relative: Literal["more", "same"] | None = None


class StateStep(_StepBase):
    """A precondition that names an application state rather than UI steps.

    "Given I am signed in as "admin"", "Given there are no notes yet": kept verbatim with its
    quoted values and numbers, for a reusable-step definition, grounding or the LLM planner to
    reach. Only Given / Background lines become states; nothing is guessed about how.
    """

    kind: Literal["state"] = "state"
    state: str  # the sentence with quoted values replaced by "{0}", "{1}", ...
    values: tuple[str, ...] = ()
    count: int | None = None


Step = Annotated[ActionStep | ExpectationStep | StateStep, Field(discriminator="kind")]


class Scenario(_Model):
    id: str
    name: str
    tags: tuple[str, ...] = ()
    source: SourceRef
    preconditions: tuple[Step, ...] = ()
    steps: tuple[Step, ...] = ()
    example: dict[str, str] | None = None  # the Examples row of an outline expansion
    complete: bool = True  # False: some of its lines are in Plan.unplanned
    # The lines not planned (as written), when `complete` is False: verification checks the
    # planned part and reports the scenario as partial, naming these.
    not_planned: tuple[str, ...] = ()


RequirementKind = Literal["gherkin", "criterion"]


class Requirement(_Model):
    """One Gherkin scenario (outline) or one acceptance criterion.

    `id` is "<feature-slug>/<title-slug>": it depends on the feature heading and the scenario
    title (criteria: their words), never on line numbers, so edits elsewhere keep it.
    """

    id: str
    kind: RequirementKind
    feature: str  # the Markdown heading (or Gherkin Feature name) it belongs to
    title: str
    text: str  # the criterion, or the scenario's source lines
    source: SourceRef
    user_story: str | None = None
    tags: tuple[str, ...] = ()
    scenarios: tuple[Scenario, ...] = ()


class Unplanned(_Model):
    """A line the deterministic planner did not turn into steps, and why."""

    source: SourceRef
    text: str
    reason: str
    suggestion: str | None = None  # the nearest phrasing the controlled language accepts
    needs_llm: bool = False  # free prose: only the LLM planner can plan it
    requirement_id: str | None = None
    scenario_id: str | None = None
    llm_reply: str | None = None  # the LLM planner's last (invalid) reply, when it tried and failed


class Note(_Model):
    """Markdown read as description (introductions, list lead-ins), not as a requirement."""

    source: SourceRef
    text: str
    reason: str


class Plan(_Model):
    schema_version: int = PLAN_SCHEMA_VERSION
    planner: str = "rules"
    sources: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    unplanned: tuple[Unplanned, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.unplanned

    @property
    def scenario_count(self) -> int:
        return sum(len(requirement.scenarios) for requirement in self.requirements)
