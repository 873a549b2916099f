"""The LLM planner: free-prose lines the rules could not plan -> the same scenario IR.

Only lines the deterministic planner marked `needs_llm` are sent, one request per line, with the
requirement, its user story, the document's reusable step phrases and a retrieved slice of the
UI map (see `llm/context.py`). The reply is JSON in the shape of `DraftPlan` (its JSON schema
is generated from these pydantic models and sent in the prompt), validated against the schema and
against the app: every element a step names must be a name the UI map knows, a value the scenario
typed, or a quoted value of the requirements. An invalid reply is re-asked with the errors at most
twice; then the line stays unplanned, reported with the reason and the model's last reply.

A planned scenario is tagged "llm" and verified in the browser like every other; when one of its
steps cannot be grounded, `LlmRepairer` may replace that step (bounded by `verify_plan`).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from specwalk.errors import LlmNoAnswer
from specwalk.ground.retrieve import Retriever
from specwalk.llm.base import ChatModel, Message
from specwalk.llm.context import element_names, render_slice, select_slice
from specwalk.llm.session import LlmLog
from specwalk.llm.structured import LlmOutputInvalid, ReplyInvalid, ask, validation_lines
from specwalk.llm.templates import render
from specwalk.models.report import StepResult
from specwalk.models.scenario import (
    ActionStep,
    ActionType,
    ExpectationStep,
    ExpectationType,
    Plan,
    Position,
    Requirement,
    Scenario,
    SourceRef,
    StateStep,
    Step,
    Unplanned,
)
from specwalk.models.uimap import UIMap
from specwalk.plan.planner import RequirementsDocument, plan_sentence, reusable_phrases
from specwalk.plan.quotes import extract
from specwalk.plan.render import describe

LLM_TAG = "llm"
MAX_SCENARIOS = 4
ABOUT_CHARS = 600
REPLY_CHARS = 2_000  # of the model's last reply kept in the plan for an unplanned line


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftAction(_Draft):
    kind: Literal["action"]
    action: ActionType
    target: str | None = None
    role: str | None = None
    scope: str | None = None
    scope_role: str | None = None
    value: str | None = None
    key: str | None = None
    count: int | None = Field(default=None, ge=1, le=50)


class DraftExpectation(_Draft):
    kind: Literal["expectation"]
    expectation: ExpectationType
    target: str | None = None
    role: str | None = None
    scope: str | None = None
    scope_role: str | None = None
    value: str | None = None
    values: list[str] = Field(default_factory=list)
    count: int | None = Field(default=None, ge=0)
    negated: bool = False
    position: Position | None = None


class DraftSentence(_Draft):
    kind: Literal["sentence"]
    text: str


DraftStep = Annotated[DraftAction | DraftExpectation | DraftSentence, Field(discriminator="kind")]


class DraftScenario(_Draft):
    name: str = Field(min_length=1, max_length=120)
    given: list[DraftStep] = Field(default_factory=list)
    steps: list[DraftStep] = Field(min_length=1)


class DraftPlan(_Draft):
    scenarios: list[DraftScenario] = Field(min_length=1, max_length=MAX_SCENARIOS)


class DraftRepair(_Draft):
    steps: list[DraftStep] = Field(max_length=6)
    reason: str = ""


def _compact(schema: Any) -> Any:
    """The JSON schema without titles: they repeat the field names and cost tokens."""
    if isinstance(schema, dict):
        return {key: _compact(value) for key, value in schema.items() if key != "title"}
    if isinstance(schema, list):
        return [_compact(item) for item in schema]
    return schema


@cache
def plan_schema() -> str:
    return json.dumps(_compact(DraftPlan.model_json_schema()), separators=(",", ":"), ensure_ascii=False)


# -- validation against the app ------------------------------------------------------------------

_ROLE_WORDS = (
    "alert alertdialog article banner button cell checkbox columnheader combobox complementary contentinfo "
    "dialog form grid group heading img link list listbox listitem main menu menubar menuitem menuitemcheckbox "
    "menuitemradio navigation option paragraph progressbar radio radiogroup region row rowgroup search "
    "searchbox separator slider spinbutton status switch tab table tablist tabpanel textbox timer toolbar "
    "tree treeitem"
)
_ROLES = frozenset(_ROLE_WORDS.split())
_NEEDS: dict[str, tuple[str, ...]] = {
    # field groups, each needing at least one value ("target|value": either will do)
    "click": ("target",),
    "double_click": ("target",),
    "hover": ("target",),
    "check": ("target",),
    "uncheck": ("target",),
    "clear": ("target",),
    "upload": ("target", "value"),
    "fill": ("target", "value"),
    "type": ("value",),
    "press": ("key|value",),
    "select": ("value",),
    "open": ("value|target",),
    "wait": ("value|target",),
    "text_visible": ("value|values",),
    "element_visible": ("target|role",),
    "enabled": ("target",),
    "checked": ("target",),
    "focused": ("target",),
    "empty": ("target",),
    "text_equals": ("target", "value"),
    "text_contains": ("target", "value|values"),
    "value_equals": ("target", "value"),
    "value_contains": ("target", "value"),
    "count": ("count",),
    "url": ("value",),
    "page": ("target|value",),
    "title": ("value",),
    "only_listed": ("values",),
}


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


class Vocabulary:
    """The names a step may use: the UI map's, the requirements' quoted values, and the routes."""

    def __init__(self, ui_map: UIMap, documents: Sequence[RequirementsDocument], *, locale: str) -> None:
        shown: dict[str, str] = {}
        self._prefixes: set[str] = set()
        self._roles: dict[str, set[str]] = {}
        for element in ui_map.elements:
            for name in element_names(element, locale):
                self._roles.setdefault(_plain(name), set()).add(element.role or "")
                if "{" in name:
                    # "Cart {count}": the literal part before the computed one names it too.
                    prefix = _plain(name.split("{", 1)[0])
                    if prefix:
                        self._prefixes.add(prefix)
                    continue
                shown.setdefault(_plain(name), name)
        self.ui_names = dict(shown)
        for document in documents:
            for value in extract(document.text).values:
                shown.setdefault(_plain(value), value)
        self.names = shown
        self.routes = sorted({route.path for route in ui_map.routes if not route.redirect})

    def knows(self, phrase: str, typed: set[str]) -> bool:
        wanted = _plain(phrase)
        return wanted in self.names or wanted in typed or wanted in self._prefixes

    def nearest(self, phrase: str, role: str | None = None) -> list[str]:
        """The UI's names most like `phrase`, those of elements with `role` first."""
        pool = [key for key in self.ui_names if role in self._roles.get(key, set())] if role else []
        close = difflib.get_close_matches(_plain(phrase), pool, n=5, cutoff=0.3)
        rest = difflib.get_close_matches(_plain(phrase), list(self.ui_names), n=5, cutoff=0.5)
        return [self.ui_names[key] for key in dict.fromkeys([*close, *rest])][:6]

    def route_ok(self, path: str) -> bool:
        if not self.routes or path.startswith("http"):
            return True
        wanted = path.replace("/#/", "#/").rstrip("/") or "/"
        for route in self.routes:
            pattern = route.replace("/#/", "#/").rstrip("/") or "/"
            regex = re.sub(r":\w+|\\\[[^\]]*\\\]", "[^/]+", re.escape(pattern).replace(r"\:", ":"))
            if re.fullmatch(regex.replace(r"\*", ".*"), wanted):
                return True
        return False


@dataclass(frozen=True)
class LineContext:
    """Where a drafted step comes from, and what it may refer to."""

    source: SourceRef
    document: RequirementsDocument
    vocabulary: Vocabulary


def _filled(draft: DraftAction | DraftExpectation, field: str) -> bool:
    value = getattr(draft, field, None)
    return bool(value) or (field == "count" and value is not None)


def _check_draft(draft: DraftAction | DraftExpectation, where: str, context: LineContext, typed: set[str]) -> list[str]:
    errors: list[str] = []
    kind = draft.action if isinstance(draft, DraftAction) else draft.expectation
    for group in _NEEDS.get(kind, ()):
        if not any(_filled(draft, field) for field in group.split("|")):
            errors.append(f"{where}: '{kind}' needs {' or '.join(group.split('|'))}")
    if draft.role is not None and draft.role not in _ROLES:
        errors.append(f"{where}.role: '{draft.role}' is not an ARIA role (e.g. button, textbox, link, checkbox)")
    if draft.scope_role is not None and draft.scope_role not in _ROLES:
        errors.append(f"{where}.scope_role: '{draft.scope_role}' is not an ARIA role (e.g. dialog, listitem)")
    route_like = isinstance(draft, DraftAction) and draft.action == "open"
    for field in ("target", "scope"):
        phrase = getattr(draft, field)
        if not phrase or (route_like and field == "target"):
            continue
        if not context.vocabulary.knows(phrase, typed):
            near = context.vocabulary.nearest(phrase, draft.role if field == "target" else draft.scope_role)
            fix = "use the element's exact words" + (": " + ", ".join(f'"{n}"' for n in near) if near else "")
            errors.append(f"{where}.{field}: no element of the app is named '{phrase}'; {fix}")
    if (
        route_like
        and draft.value
        and draft.value.startswith(("/", "#"))
        and not context.vocabulary.route_ok(draft.value)
    ):
        errors.append(
            f"{where}.value: '{draft.value}' is not a route of the app; routes: "
            + ", ".join(context.vocabulary.routes[:12])
        )
    return errors


def _typed_by(step: Step) -> set[str]:
    if isinstance(step, ActionStep) and step.action in ("fill", "type", "select") and step.value:
        return {_plain(step.value), _plain(step.value.strip())}
    return set()


def draft_steps(
    drafts: Sequence[DraftAction | DraftExpectation | DraftSentence],
    where: str,
    context: LineContext,
    typed: set[str],
    *,
    keyword_type: Literal["given", "none"] = "none",
) -> tuple[list[Step], list[str]]:
    """Drafts -> steps at the line's source, with every problem as a "path: what" line."""
    steps: list[Step] = []
    errors: list[str] = []
    for number, draft in enumerate(drafts):
        place = f"{where}.{number}"
        if isinstance(draft, DraftSentence):
            planned, failure = plan_sentence(
                context.document, draft.text, context.source.line, "given" if keyword_type == "given" else "when"
            )
            if failure is not None:
                fix = f" (try: {failure.suggestion})" if failure.suggestion else ""
                errors.append(
                    f"{place}: the sentence '{draft.text}' is not in the step language: {failure.reason}{fix}"
                )
                continue
            if any(isinstance(step, StateStep) for step in planned):
                errors.append(
                    f"{place}: '{draft.text}' names a state, not steps; use a reusable step or write the steps"
                )
                continue
            for step in planned:
                typed |= _typed_by(step)
            steps.extend(planned)
            continue
        problems = _check_draft(draft, place, context, typed)
        if problems:
            errors.extend(problems)
            continue
        fields = draft.model_dump(exclude={"kind"}, exclude_none=True)
        made: Step
        if isinstance(draft, DraftExpectation):
            fields["values"] = tuple(draft.values)
            made = ExpectationStep(text="", source=context.source, keyword_type=keyword_type, **fields)
        else:
            made = ActionStep(text="", source=context.source, keyword_type=keyword_type, **fields)
        # Our own rendering, which quotes the target, so grounding matches the UI's exact words.
        made = made.model_copy(update={"text": describe(made)})
        typed |= _typed_by(made)
        steps.append(made)
    return steps, errors


def scenarios_from(
    plan: DraftPlan, requirement: Requirement, context: LineContext, *, max_scenarios: int = MAX_SCENARIOS
) -> list[Scenario]:
    scenarios: list[Scenario] = []
    errors: list[str] = []
    for number, draft in enumerate(plan.scenarios[:max_scenarios]):
        typed: set[str] = set()
        given, given_errors = draft_steps(
            draft.given, f"scenarios.{number}.given", context, typed, keyword_type="given"
        )
        steps, step_errors = draft_steps(draft.steps, f"scenarios.{number}.steps", context, typed)
        errors.extend(given_errors + step_errors)
        if not given_errors and not step_errors and not any(isinstance(step, ExpectationStep) for step in steps):
            errors.append(f"scenarios.{number}.steps: no expectation, so the test could never fail; add what to check")
        single = len(plan.scenarios) == 1
        scenarios.append(
            Scenario(
                id=requirement.id if single else f"{requirement.id}/{number + 1}",
                name=requirement.title if single else " ".join(draft.name.split())[:120],
                tags=(LLM_TAG,),
                source=context.source,
                preconditions=tuple(given),
                steps=tuple(steps),
            )
        )
    if errors:
        raise ReplyInvalid(errors)
    return scenarios


# -- prompts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromptParts:
    """Everything the planner sends for one line; `bench/tokens.py` measures the same messages."""

    messages: tuple[Message, ...]
    requirement: Requirement


def _about(plan: Plan, file: str) -> str:
    intro = " ".join(
        note.text
        for note in plan.notes
        if note.source.file == file
        and note.reason in ("introduction before the first feature", "document introduction")
    )
    intro = " ".join(intro.split())
    if not intro:
        return ""
    return "About the app: " + (intro if len(intro) <= ABOUT_CHARS else intro[: ABOUT_CHARS - 1] + "…")


def plan_messages(
    entry: Unplanned,
    requirement: Requirement,
    plan: Plan,
    document: RequirementsDocument,
    ui_map: UIMap,
    retriever: Retriever,
    *,
    locale: str,
) -> tuple[Message, ...]:
    scenario = next((s for s in requirement.scenarios if s.id == entry.scenario_id), None)
    if scenario is not None:
        text = entry.text
        steps = "\n".join(f"- {describe(step)}" for step in [*scenario.preconditions, *scenario.steps])
        context = (
            "\nIt is one line of a scenario; answer with one scenario whose steps do what this line says, "
            f"to run in its place. The scenario's other steps:\n{steps or '(none)'}\n"
        )
    else:
        text, context = requirement.text, ""
    phrases = reusable_phrases(document)
    piece = select_slice(ui_map, retriever, f"{requirement.feature} {text}", locale=locale)
    user = render(
        "plan_user.md",
        where=str(entry.source),
        feature=requirement.feature,
        requirement=" ".join(text.split()),
        context=context,
        story=f"User story: {' '.join(requirement.user_story.split())}\n" if requirement.user_story else "",
        about=_about(plan, document.file),
        phrases="\n".join(f"- {phrase}" for phrase in phrases) or "(none)",
        ui=render_slice(piece, ui_map, locale=locale),
    )
    system = render("plan_system.md", schema=plan_schema())
    return (Message("system", system), Message("user", user))


# -- the planner ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineOutcome:
    source: SourceRef
    planned: int  # scenarios (or, for one Gherkin line, 1 when its steps were placed)
    problem: str | None = None


@dataclass(frozen=True)
class LlmPlan:
    plan: Plan
    outcomes: tuple[LineOutcome, ...]


LineProgress = Callable[[int, int, SourceRef], None]


def _insert(scenario: Scenario, line: int, steps: Sequence[Step], *, complete: bool) -> Scenario:
    """The steps of one Gherkin line, put back where the line is among the scenario's steps."""

    def after(step: Step) -> bool:
        return (step.expanded_from or step.source).line > line

    preconditions, body = list(scenario.preconditions), list(scenario.steps)
    at = next((index for index, step in enumerate(preconditions) if after(step)), None)
    if at is not None:
        preconditions[at:at] = steps
    else:
        at = next((index for index, step in enumerate(body) if after(step)), len(body))
        body[at:at] = steps
    return scenario.model_copy(
        update={
            "preconditions": tuple(preconditions),
            "steps": tuple(body),
            "complete": complete,
            "tags": (*scenario.tags, LLM_TAG),
        }
    )


def _every_row(entries: list[Unplanned], requirements: dict[str, Requirement]) -> list[Unplanned]:
    """`entries`, plus one per further Scenario Outline row that still needs the same line.

    The rules report a line once when every row reads it the same, but each row is a scenario
    of its own, with its own values: each is planned with its own steps around it.
    """
    known = {(entry.source, entry.scenario_id) for entry in entries}
    every: list[Unplanned] = []
    for entry in entries:
        every.append(entry)
        if entry.scenario_id is None:
            continue
        for scenario in requirements[entry.requirement_id or ""].scenarios:
            if scenario.example is None or scenario.complete or (entry.source, scenario.id) in known:
                continue
            placed = any(
                (step.expanded_from or step.source) == entry.source
                for step in (*scenario.preconditions, *scenario.steps)
            )
            if not placed:  # the row has no steps for this line: the same line failed there too
                every.append(entry.model_copy(update={"scenario_id": scenario.id}))
                known.add((entry.source, scenario.id))
    return every


class LlmPlanner:
    def __init__(
        self,
        model: ChatModel,
        ui_map: UIMap,
        documents: Sequence[RequirementsDocument],
        retriever: Retriever,
        *,
        locale: str,
        max_reasks: int = 2,
    ) -> None:
        self.model = model
        self.ui_map = ui_map
        self.documents = {document.file: document for document in documents}
        self.retriever = retriever
        self.locale = locale
        self.max_reasks = max_reasks
        self.vocabulary = Vocabulary(ui_map, documents, locale=locale)

    def plan(self, plan: Plan, *, on_line: LineProgress | None = None) -> LlmPlan:
        """`plan` with each needs-LLM line planned, or kept unplanned with the model's reason."""
        requirements = {requirement.id: requirement for requirement in plan.requirements}
        pending = [e for e in plan.unplanned if e.needs_llm and e.requirement_id in requirements]
        pending = [e for e in pending if e.source.file in self.documents]
        remaining: list[Unplanned] = [entry for entry in plan.unplanned if entry not in pending]
        pending = _every_row(pending, requirements)
        failed: list[Unplanned] = []
        outcomes: list[LineOutcome] = []
        for number, entry in enumerate(pending, start=1):
            if on_line:
                on_line(number, len(pending), entry.source)
            requirement = requirements[entry.requirement_id or ""]
            still_open = [e for e in pending[number:] + failed if e.scenario_id and e.scenario_id == entry.scenario_id]
            try:
                updated = self._plan_line(entry, requirement, plan, complete=not still_open)
            except (LlmOutputInvalid, LlmNoAnswer) as problem:
                reason, reply = _failure(problem)
                failed.append(entry.model_copy(update={"reason": reason, "llm_reply": reply}))
                outcomes.append(LineOutcome(entry.source, 0, reason))
                continue
            requirements[requirement.id] = updated
            added = len(updated.scenarios) if entry.scenario_id is None else 1
            outcomes.append(LineOutcome(entry.source, added))
        if not pending:
            return LlmPlan(plan, ())
        unplanned = sorted([*remaining, *failed], key=lambda e: (e.source.file, e.source.line))
        planned_any = any(outcome.planned for outcome in outcomes)
        return LlmPlan(
            plan.model_copy(
                update={
                    "requirements": tuple(requirements[r.id] for r in plan.requirements),
                    "unplanned": tuple(unplanned),
                    "planner": f"{plan.planner}+llm" if planned_any else plan.planner,
                }
            ),
            tuple(outcomes),
        )

    def _plan_line(self, entry: Unplanned, requirement: Requirement, plan: Plan, *, complete: bool) -> Requirement:
        document = self.documents[entry.source.file]
        context = LineContext(entry.source, document, self.vocabulary)
        messages = plan_messages(entry, requirement, plan, document, self.ui_map, self.retriever, locale=self.locale)
        line_mode = entry.scenario_id is not None

        def validate(data: Any) -> list[Scenario]:
            try:
                drafted = DraftPlan.model_validate(data)
            except ValidationError as error:
                raise ReplyInvalid(validation_lines(error)) from error
            return scenarios_from(drafted, requirement, context, max_scenarios=1 if line_mode else MAX_SCENARIOS)

        scenarios = ask(self.model, messages, validate, max_reasks=self.max_reasks).value
        if not line_mode:
            return requirement.model_copy(update={"scenarios": tuple(scenarios)})
        steps = [*scenarios[0].preconditions, *scenarios[0].steps]
        return requirement.model_copy(
            update={
                "scenarios": tuple(
                    _insert(s, entry.source.line, steps, complete=complete) if s.id == entry.scenario_id else s
                    for s in requirement.scenarios
                )
            }
        )


def _failure(problem: LlmOutputInvalid | LlmNoAnswer) -> tuple[str, str | None]:
    if isinstance(problem, LlmNoAnswer):
        return f"the LLM planner got no answer: {problem}", None
    first = problem.errors[0] if problem.errors else "invalid"
    more = f" (+{len(problem.errors) - 1} more)" if len(problem.errors) > 1 else ""
    reply = problem.last_reply if len(problem.last_reply) <= REPLY_CHARS else problem.last_reply[:REPLY_CHARS] + "…"
    return f"the LLM planner's reply was still invalid after {problem.attempts} attempt(s): {first}{more}", reply


# -- repair --------------------------------------------------------------------------------------


class LlmRepairer:
    """Replaces the step of an LLM-planned scenario that could not be grounded (see `verify_plan`).

    Only for scenarios this planner made, and only for steps that could not be grounded: a check
    that failed while every element was found may be an app defect, and rewriting it could hide one.
    """

    def __init__(self, planner: LlmPlanner, plan: Plan, *, log: LlmLog | None = None) -> None:
        self.planner = planner
        self.log = log or LlmLog()
        self.requirements = {
            scenario.id: requirement for requirement in plan.requirements for scenario in requirement.scenarios
        }

    def repair(self, scenario: Scenario, failed: StepResult, attempt: int) -> Scenario | None:
        if LLM_TAG not in scenario.tags or failed.index < 0:
            return None
        steps = [*scenario.preconditions, *scenario.steps]
        if failed.index >= len(steps):
            return None
        broken = steps[failed.index]
        document = self.planner.documents.get(broken.source.file)
        if document is None:
            return None
        context = LineContext(broken.source, document, self.planner.vocabulary)
        messages = self._messages(scenario, steps, failed, broken)
        typed: set[str] = set()
        for step in steps[: failed.index]:
            typed |= _typed_by(step)

        keyword_type: Literal["given", "none"] = "given" if broken.keyword_type == "given" else "none"

        def validate(data: Any) -> list[Step]:
            try:
                drafted = DraftRepair.model_validate(data)
            except ValidationError as error:
                raise ReplyInvalid(validation_lines(error)) from error
            replaced, errors = draft_steps(drafted.steps, "steps", context, set(typed), keyword_type=keyword_type)
            if errors:
                raise ReplyInvalid(errors)
            return replaced

        try:
            replacement = ask(self.planner.model, messages, validate, max_reasks=self.planner.max_reasks).value
        except (LlmOutputInvalid, LlmNoAnswer):
            return None
        if not replacement:
            return None  # the model says this cannot be tested so
        self.log.repairs_tried += 1
        given = len(scenario.preconditions)
        merged = [*steps[: failed.index], *replacement, *steps[failed.index + 1 :]]
        cut = given if failed.index >= given else given + len(replacement) - 1
        return scenario.model_copy(update={"preconditions": tuple(merged[:cut]), "steps": tuple(merged[cut:])})

    def _messages(
        self, scenario: Scenario, steps: Sequence[Step], failed: StepResult, broken: Step
    ) -> tuple[Message, ...]:
        planner = self.planner
        listed = "\n".join(
            f"{number + 1}. {describe(step)}" + ("   <- FAILED" if number == failed.index else "")
            for number, step in enumerate(steps)
        )
        candidates = failed.evidence.candidates
        found = (
            "Elements retrieval found for it:\n" + "\n".join(f"- {c.description}" for c in candidates[:5]) + "\n"
            if candidates
            else ""
        )
        piece = select_slice(
            planner.ui_map, planner.retriever, f"{broken.target or ''} {broken.text}", locale=planner.locale
        )
        requirement = self.requirements.get(scenario.id)
        user = render(
            "repair_user.md",
            where=str(scenario.source),
            requirement=" ".join(requirement.text.split()) if requirement else scenario.name,
            steps=listed,
            failure=failed.evidence.message or "the step could not be grounded",
            candidates=found,
            ui=render_slice(piece, planner.ui_map, locale=planner.locale),
        )
        return (Message("system", render("repair_system.md", schema=plan_schema())), Message("user", user))
