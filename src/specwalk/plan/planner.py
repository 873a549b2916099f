"""The deterministic planner: requirements documents → `Plan`, never guessing.

Layout rules (documented in docs/step-language.md):
- Every Markdown heading of level 2 or deeper is a feature (the only heading when a document has
  no level-2 heading). Text before the first feature is introduction → `Plan.notes`.
- Gherkin scenarios become requirements; an outline gives one scenario per Examples row;
  Background steps and the scenario's leading Given steps are its preconditions.
- Each bullet / numbered item, and each paragraph that is not a user story or a list lead-in
  ("Acceptance criteria:"), is one acceptance criterion → one requirement with one scenario whose
  steps are the sentence's clauses, in order. Criteria are independent tests, so one per bullet.
- A line that cannot be planned is reported in `Plan.unplanned` with the reason and the nearest
  phrasing; its requirement keeps its id (for the LLM planner) and its scenario is incomplete.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from specwalk.errors import InputError
from specwalk.models.scenario import (
    Note,
    Plan,
    Requirement,
    Scenario,
    SourceRef,
    StateStep,
    Step,
    Unplanned,
)
from specwalk.plan.demonstrated import ATTEMPT, Demonstrations, definition_hint, substituted
from specwalk.plan.document import Document, Item, MdScenario, Section, read_markdown, slugify
from specwalk.plan.gherkin_reader import RawScenario, RawStep, read_gherkin
from specwalk.plan.library import BodyLine, Definition, StepLibrary, define
from specwalk.plan.resolver import Pending, resolve
from specwalk.plan.sentences import Failure, parse, split_keywords

_LEAD_IN = re.compile(r"[:：]\s*$")
_MAX_EXPANSION_DEPTH = 5
# Where a step comes from, not what it does: set anew when a step is learned from another scenario.
_META_FIELDS = ("text", "keyword", "keyword_type", "source", "expanded_from", "doc_string", "table", "learned_from")


@dataclass(frozen=True)
class RequirementsDocument:
    file: str  # how the file is named in the plan (relative to the project when possible)
    text: str


class Planner(Protocol):
    name: str

    def plan(self, document: RequirementsDocument) -> Plan: ...


def _substitute(text: str, row: dict[str, str] | None) -> str:
    if not row:
        return text
    return re.sub(r"<([^<>]+)>", lambda match: row.get(match.group(1), match.group(0)), text)


class _Run:
    """The state of planning one document."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.requirements: list[Requirement] = []
        self.unplanned: list[Unplanned] = []
        self.notes: list[Note] = []
        self.library = StepLibrary([])
        self.demonstrations: Demonstrations | None = None  # what the document's scenarios show how to do
        self.scenario_name: str | None = None  # the scenario being planned (it cannot learn from itself)
        self._ids: set[str] = set()
        self._next: dict[str, int] = {}  # base id -> the next number to try for a repeat
        self._reported: set[tuple[int, str]] = set()

    def ref(self, line: int) -> SourceRef:
        return SourceRef(file=self.file, line=line)

    def unique_id(self, base: str) -> str:
        # Start from the last number given for `base`: n repeats of one criterion cost n, not n².
        candidate, number = base, self._next.get(base, 2)
        if candidate in self._ids:
            candidate = f"{base}-{number}"
            while candidate in self._ids:
                number += 1
                candidate = f"{base}-{number}"
            self._next[base] = number + 1
        self._ids.add(candidate)
        return candidate

    def report(self, line: int, text: str, failure: Failure, requirement_id: str, scenario_id: str | None) -> None:
        if (line, failure.clause) in self._reported:
            return
        self._reported.add((line, failure.clause))
        clause = "" if failure.clause.strip() == text.strip() else f" (in: {failure.clause})"
        self.unplanned.append(
            Unplanned(
                source=self.ref(line),
                text=text,
                reason=failure.reason + clause,
                suggestion=failure.suggestion,
                needs_llm=failure.needs_llm,
                requirement_id=requirement_id,
                scenario_id=scenario_id,
            )
        )

    # --- sentences -------------------------------------------------------------------------

    def sentence_steps(
        self,
        text: str,
        line: int,
        keyword: str,
        keyword_type: str,
        *,
        doc_string: str | None = None,
        table: tuple[tuple[str, ...], ...] | None = None,
        expanded_from: SourceRef | None = None,
        depth: int = 0,
    ) -> tuple[list[Pending], Failure | None, int]:
        """Steps for one sentence; a reusable-step use expands to its definition's body."""
        use = self.library.match(text) if depth < _MAX_EXPANSION_DEPTH else None
        if use is not None:
            steps: list[Pending] = []
            origin = expanded_from or self.ref(line)
            for body in use.body:
                inner, failure, failed_line = self.sentence_steps(
                    body.text,
                    body.line,
                    keyword,
                    "given" if keyword_type == "given" else "when",
                    expanded_from=origin,
                    depth=depth + 1,
                )
                if failure is None and any(step.spec["kind"] == "state" for step in inner):
                    failure = Failure(body.text, "a step definition must be made of concrete steps", None, False)
                if failure is not None:
                    return steps, failure, failed_line
                steps.extend(inner)
            return steps, None, line
        parsed = parse(text, keyword_type, self._uses_step if self.library and depth < _MAX_EXPANSION_DEPTH else None)
        only_states = parsed.failure is None and all(
            spec["kind"] == "state" for clause in parsed.clauses for spec in clause.steps
        )
        attempt = keyword_type == "when" and ATTEMPT.match(text) is not None and parsed.failure is not None
        if (keyword_type == "given" or attempt) and depth == 0 and (parsed.failure is not None or only_states):
            learned = self.learned_steps(text, line, keyword, keyword_type)
            if learned:
                return learned, None, line
            if parsed.failure is not None and self.demonstrations is not None:
                failure = parsed.failure
                hint = definition_hint(text)
                return [], Failure(failure.clause, failure.reason, hint, failure.needs_llm), line
            if only_states and (line, "state") not in self._reported:
                self._reported.add((line, "state"))
                reason = "a state no step of the document reaches; to plan it, " + definition_hint(text)
                self.notes.append(Note(source=self.ref(line), text=text, reason=reason))
        if parsed.failure is not None:
            return [], parsed.failure, line
        steps = []
        for clause in parsed.clauses:
            for spec in clause.steps:
                if spec["kind"] == "use":  # a clause that uses a reusable step
                    inner, failure, failed_line = self.sentence_steps(
                        spec["text"], line, keyword, keyword_type, expanded_from=expanded_from, depth=depth
                    )
                    if failure is not None:
                        return steps, failure, failed_line
                    steps.extend(inner)
                    continue
                extra = {"doc_string": doc_string, "table": table} if not steps else {}
                meta = {
                    "text": clause.text,
                    "keyword": keyword,
                    "keyword_type": keyword_type,
                    "source": self.ref(line),
                    "expanded_from": expanded_from,
                    **extra,
                }
                steps.append(Pending(dict(spec), meta))
        return steps, None, line

    def learned_steps(self, text: str, line: int, keyword: str, keyword_type: str) -> list[Pending]:
        """A Given no rule covers, planned from the scenario of this document that shows how."""
        if not self.demonstrations:
            return []
        found = self.demonstrations.find(text, self.scenario_name)
        if found is None:
            return []
        demonstration, values = found
        learned: list[Pending] = []
        for step, step_text in substituted(demonstration, values, setup=keyword_type == "given"):
            spec = step.model_dump(exclude_none=True, exclude=set(_META_FIELDS))
            meta = {
                "text": step_text,
                "keyword": keyword,
                "keyword_type": keyword_type,
                "source": self.ref(line),
                "learned_from": demonstration.scenario,
            }
            learned.append(Pending(spec, meta))
        return learned

    def _uses_step(self, text: str) -> bool:
        return self.library.match(text) is not None

    # --- Gherkin ---------------------------------------------------------------------------

    def gherkin_requirement(self, raw: RawScenario, feature_slug: str, user_story: str | None) -> None:
        _check_placeholders(raw, self.file)
        requirement_id = self.unique_id(f"{feature_slug}/{slugify(raw.name or raw.text)}")
        rows: list[tuple[dict[str, str] | None, int]] = (
            [(row.values, row.line) for row in raw.examples] if raw.examples else [(None, raw.line)]
        )
        scenarios = []
        for number, (row, row_line) in enumerate(rows, start=1):
            scenario_id = f"{requirement_id}/example-{number}" if row is not None else requirement_id
            self.scenario_name = raw.name
            pending: list[tuple[bool, Pending]] = []  # (is a precondition, step)
            not_planned: list[str] = []
            leading_given = True
            for index, raw_step in enumerate([*raw.background, *raw.steps]):
                in_background = index < len(raw.background)
                if not in_background and raw_step.keyword_type != "given":
                    leading_given = False
                planned, failed = self._raw_step(raw_step, row, requirement_id, scenario_id)
                if failed is not None:
                    not_planned.append(failed)
                pending.extend((in_background or leading_given, step) for step in planned)
            if not raw.steps:
                # A scenario with a name and no step checks nothing: it needs attention, not a ✓.
                why = "a scenario with no steps checks nothing"
                self.report(
                    raw.line, raw.text, Failure(raw.text, why, "write its steps under it", False), requirement_id, None
                )
                not_planned.append(raw.text)
            preconditions, steps = self.settle(pending, not_planned, requirement_id, scenario_id)
            name = _substitute(raw.name, row)
            if row is not None and name == raw.name:
                name = f"{raw.name} (example {number})"
            scenarios.append(
                Scenario(
                    id=scenario_id,
                    name=name,
                    tags=raw.tags,
                    source=self.ref(row_line),
                    preconditions=tuple(preconditions),
                    steps=tuple(steps),
                    example=row,
                    complete=not not_planned,
                    not_planned=tuple(dict.fromkeys(not_planned)),
                )
            )
        self.requirements.append(
            Requirement(
                id=requirement_id,
                kind="gherkin",
                feature=raw.feature,
                title=raw.name,
                text=raw.text,
                source=self.ref(raw.line),
                user_story=user_story,
                tags=raw.tags,
                scenarios=tuple(scenarios),
            )
        )

    def _raw_step(
        self, raw: RawStep, row: dict[str, str] | None, requirement_id: str, scenario_id: str
    ) -> tuple[list[Pending], str | None]:
        """The steps of one scenario line, and the line as written when it cannot be planned."""
        text = _substitute(raw.text, row)
        table = tuple(tuple(_substitute(cell, row) for cell in cells) for cells in raw.table) if raw.table else None
        doc = _substitute(raw.doc_string, row) if raw.doc_string is not None else None
        steps, failure, line = self.sentence_steps(
            text, raw.line, raw.keyword, raw.keyword_type, doc_string=doc, table=table
        )
        if failure is not None:
            self.report(line, text if line == raw.line else failure.clause, failure, requirement_id, scenario_id)
            return [], f"{raw.keyword} {text}".strip()
        return steps, None

    def settle(
        self, pending: list[tuple[bool, Pending]], not_planned: list[str], requirement_id: str, scenario_id: str | None
    ) -> tuple[list[Step], list[Step]]:
        """Resolve a scenario's steps in order; (preconditions, steps). A step that cannot be
        resolved is reported and its line joins `not_planned`."""
        resolved, failures = resolve([step for _, step in pending])
        failed = {failure.index for failure in failures}
        for index, ((_, item), step) in enumerate(zip(pending, resolved, strict=True)):
            if step is None and index not in failed and (item.line, "noop") not in self._reported:
                self._reported.add((item.line, "noop"))
                text = str(item.meta.get("text", ""))
                self.notes.append(Note(source=self.ref(item.line), text=text, reason="a step that does nothing"))
        for failure in failures:
            item = pending[failure.index][1]
            text = str(item.meta.get("text", ""))
            self.report(item.line, text, Failure(text, failure.reason, None, False), requirement_id, scenario_id)
            not_planned.append(f"{item.meta.get('keyword', '')} {text}".strip())
        preconditions = [step for (before, _), step in zip(pending, resolved, strict=True) if before and step]
        steps = [step for (before, _), step in zip(pending, resolved, strict=True) if not before and step]
        return preconditions, steps

    # --- criteria --------------------------------------------------------------------------

    def criterion(self, item: Item, feature: str, feature_slug: str, user_story: str | None) -> None:
        digest = hashlib.sha1(item.text.encode("utf-8"), usedforsecurity=False).hexdigest()[:6]
        requirement_id = self.unique_id(f"{feature_slug}/{slugify(item.text, 48)}-{digest}")
        # "Given …, when …, then …" in one criterion: the Given part is the scenario's preconditions.
        parts = split_keywords(item.text) or [("", "none", item.text)]
        self.scenario_name = _title(item.text)
        pending: list[tuple[bool, Pending]] = []
        not_planned: list[str] = []
        for keyword, keyword_type, part in parts:
            planned, failure, line = self.sentence_steps(part, item.line, keyword, keyword_type)
            if failure is not None:
                self.report(line, item.text if line == item.line else failure.clause, failure, requirement_id, None)
                not_planned.append(part if len(parts) > 1 else item.text)
                continue
            pending.extend((keyword_type == "given", step) for step in planned)
        preconditions, steps = self.settle(pending, not_planned, requirement_id, None)
        scenarios: tuple[Scenario, ...] = ()
        # Partly planned: the planned part is verified, the rest named (never counted as passed).
        # Nothing planned but the setup: nothing to check, so no scenario.
        if steps or (preconditions and not not_planned):
            scenarios = (
                Scenario(
                    id=requirement_id,
                    name=_title(item.text),
                    source=self.ref(item.line),
                    preconditions=tuple(preconditions),
                    steps=tuple(steps),
                    complete=not not_planned,
                    not_planned=tuple(dict.fromkeys(not_planned)),
                ),
            )
        self.requirements.append(
            Requirement(
                id=requirement_id,
                kind="criterion",
                feature=feature,
                title=_title(item.text),
                text=item.text,
                source=self.ref(item.line),
                user_story=user_story,
                scenarios=scenarios,
            )
        )


_PLACEHOLDER = re.compile(r"<([^<>\s][^<>]*)>")
_OUTLINE_KEYWORDS = re.compile(r"outline|template|大纲|概要", re.IGNORECASE)


def _check_placeholders(raw: RawScenario, file: str) -> None:
    """A Scenario Outline's `<name>`s need an Examples column each: planning `click "<x>"` literally
    would test nothing the author meant. (A plain Scenario's "<h2>" is text.)"""
    if not _OUTLINE_KEYWORDS.search(raw.keyword):
        return
    columns = set(raw.examples[0].values) if raw.examples else set()
    for step in [*raw.background, *raw.steps]:
        texts = [step.text, step.doc_string or "", *(cell for row in step.table or () for cell in row)]
        missing = sorted({name for text in texts for name in _PLACEHOLDER.findall(text)} - columns)
        if not missing:
            continue
        names = ", ".join(f"<{name}>" for name in missing)
        if not raw.examples:
            raise InputError(
                f"{file}:{step.line}: {names} in a Scenario Outline with no Examples "
                f"(the outline is at line {raw.line})",
                hint="add an Examples table whose header names each placeholder, or write the values in the step",
            )
        raise InputError(
            f"{file}:{step.line}: {names} is not a column of the outline's Examples (line {raw.line})",
            hint=f"add the column to the Examples table, or write the value in the step; columns: "
            f"{', '.join(sorted(columns))}",
        )


def _title(text: str, limit: int = 72) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _definitions(run: _Run, sections: Iterable[Section]) -> list[Definition]:
    definitions: list[Definition] = []
    for section in sections:
        pending: tuple[str, int] | None = None
        body: list[BodyLine] = []
        for item in section.items:
            if item.is_list_item and item.depth == 0:
                if pending:
                    definitions.append(define(pending[0], pending[1], body))
                pending, body = (item.text.rstrip(":：").strip(), item.line), []
            elif item.is_list_item and pending:
                body.append(BodyLine(item.text, item.line))
            else:
                run.notes.append(Note(source=run.ref(item.line), text=item.text, reason="text in the Steps section"))
        if pending:
            definitions.append(define(pending[0], pending[1], body))
        for block in section.gherkin:
            for raw in read_gherkin(block.text, block.first_line, run.file, section.heading):
                lines = [BodyLine(step.text, step.line) for step in [*raw.background, *raw.steps]]
                definitions.append(define(raw.name, raw.line, lines))
    return definitions


def _from_markdown(scenario: MdScenario, section: Section) -> RawScenario:
    """A scenario written in Markdown, as the Gherkin reader gives one (its section's Background first)."""
    keyword = scenario.keyword or ("Scenario Outline" if scenario.outline else "Scenario")
    if scenario.outline and "outline" not in keyword.lower() and "大纲" not in keyword:
        keyword = "Scenario Outline"
    return RawScenario(
        feature=section.heading,
        name=scenario.name,
        keyword=keyword,
        line=scenario.line,
        tags=(),
        background=list(section.background),
        steps=scenario.steps,
        examples=scenario.examples,
        text="\n".join(scenario.source_lines),
    )


class RulesPlanner:
    """Plans with the controlled language only: exact, offline, no model."""

    name = "rules"

    def plan(self, document: RequirementsDocument) -> Plan:
        first = self._plan(document, None)
        demonstrations = Demonstrations(first, document.text)
        if not demonstrations or not _learnable(first):
            return first
        # Givens no rule covers may be shown by another scenario: plan again, learning from the first pass
        return self._plan(document, demonstrations)

    def _plan(self, document: RequirementsDocument, demonstrations: Demonstrations | None) -> Plan:
        run = _Run(document.file)
        run.demonstrations = demonstrations
        if document.file.endswith(".feature"):
            for raw in read_gherkin(document.text, 1, document.file, None):
                run.gherkin_requirement(raw, slugify(raw.feature), None)
            return _finish(run, document.file)
        structure: Document = read_markdown(document.text)
        features = [section for section in structure.sections if not section.is_steps]
        deep = any(section.level >= 2 for section in features)
        run.library = StepLibrary(_definitions(run, (s for s in structure.sections if s.is_steps)))
        for item in structure.preamble:
            run.notes.append(
                Note(source=run.ref(item.line), text=item.text, reason="introduction before the first feature")
            )
        for section in features:
            introduction = deep and section.level < 2
            slug = slugify(section.heading) if section.heading else "requirements"
            for block in section.gherkin:
                for raw in read_gherkin(block.text, block.first_line, run.file, section.heading or None):
                    run.gherkin_requirement(raw, slug, section.user_story)
            for scenario in section.scenarios:
                run.gherkin_requirement(_from_markdown(scenario, section), slug, section.user_story)
            for item in section.notes:
                run.notes.append(Note(source=run.ref(item.line), text=item.text, reason="description"))
            if section.background and not section.scenarios:
                line = section.background[0].line
                run.notes.append(
                    Note(source=run.ref(line), text="Background", reason="a background with no scenario after it")
                )
            for item in section.items:
                if introduction:
                    run.notes.append(Note(source=run.ref(item.line), text=item.text, reason="document introduction"))
                elif not item.is_list_item and _LEAD_IN.search(item.text):
                    run.notes.append(Note(source=run.ref(item.line), text=item.text, reason="list lead-in"))
                else:
                    run.criterion(item, section.heading, slug, section.user_story)
        return _finish(run, document.file)


def _learnable(plan: Plan) -> bool:
    """Whether a line was left unplanned or a Given as a state (something another scenario might show)."""
    states = any(
        isinstance(step, StateStep)
        for requirement in plan.requirements
        for scenario in requirement.scenarios
        for step in scenario.preconditions
    )
    return states or bool(plan.unplanned)


def _finish(run: _Run, file: str) -> Plan:
    requirements = sorted(run.requirements, key=lambda requirement: requirement.source.line)
    return Plan(
        planner="rules",
        sources=(file,),
        requirements=tuple(requirements),
        unplanned=tuple(sorted(run.unplanned, key=lambda entry: entry.source.line)),
        notes=tuple(sorted(run.notes, key=lambda note: note.source.line)),
    )


def merge(plans: Iterable[Plan]) -> Plan:
    """One plan for several documents, in the order given.

    Ids are unique within a document; a requirement whose id an earlier document already has
    (the same feature and title in two files) gets its file's name in front, so reports, tests
    and manual anchors keyed by id never mix the two.
    """
    collected = list(plans)
    taken: set[str] = set()
    renamed_plans = []
    for plan in collected:
        renames: dict[str, str] = {}
        for requirement in plan.requirements:
            if requirement.id in taken:
                stem = slugify(PurePosixPath(requirement.source.file).stem) or "requirements"
                candidate, number = f"{stem}/{requirement.id}", 2
                while candidate in taken:
                    candidate, number = f"{stem}-{number}/{requirement.id}", number + 1
                renames[requirement.id] = candidate
            taken.add(renames.get(requirement.id, requirement.id))
        renamed_plans.append(_renamed(plan, renames) if renames else plan)
    return Plan(
        planner=collected[0].planner if collected else "rules",
        sources=tuple(source for plan in renamed_plans for source in plan.sources),
        requirements=tuple(requirement for plan in renamed_plans for requirement in plan.requirements),
        unplanned=tuple(entry for plan in renamed_plans for entry in plan.unplanned),
        notes=tuple(note for plan in renamed_plans for note in plan.notes),
    )


def _renamed(plan: Plan, renames: dict[str, str]) -> Plan:
    """`plan` with requirement ids changed by `renames`, and the ids of their scenarios with them."""

    def new_id(identifier: str | None) -> str | None:
        if identifier is None:
            return None
        for old, new in renames.items():
            if identifier == old or identifier.startswith(old + "/"):
                return new + identifier[len(old) :]
        return identifier

    requirements = tuple(
        requirement.model_copy(
            update={
                "id": renames.get(requirement.id, requirement.id),
                "scenarios": tuple(
                    scenario.model_copy(update={"id": new_id(scenario.id)}) for scenario in requirement.scenarios
                ),
            }
        )
        for requirement in plan.requirements
    )
    unplanned = tuple(
        entry.model_copy(
            update={"requirement_id": new_id(entry.requirement_id), "scenario_id": new_id(entry.scenario_id)}
        )
        for entry in plan.unplanned
    )
    return plan.model_copy(update={"requirements": requirements, "unplanned": unplanned})


def _library(run: _Run, document: RequirementsDocument) -> StepLibrary:
    if document.file.endswith(".feature"):
        return StepLibrary([])
    structure = read_markdown(document.text)
    return StepLibrary(_definitions(run, (section for section in structure.sections if section.is_steps)))


def plan_sentence(
    document: RequirementsDocument, text: str, line: int, keyword_type: str = "when"
) -> tuple[list[Step], Failure | None]:
    """Steps for one controlled-language sentence as if written at `document`:`line`.

    The document's reusable steps apply, so the LLM planner can say "I am signed in" and get
    exactly the steps the requirements define for it.
    """
    run = _Run(document.file)
    run.library = _library(run, document)
    pending, failure, _line = run.sentence_steps(text, line, "", keyword_type)
    if failure is not None:
        return [], failure
    resolved, failures = resolve(pending)
    if failures:
        item = pending[failures[0].index]
        return [], Failure(str(item.meta.get("text", text)), failures[0].reason, None, False)
    return [step for step in resolved if step is not None], None


def reusable_phrases(document: RequirementsDocument) -> list[str]:
    """The phrases the document's Steps section defines, as written (with their {parameters})."""
    run = _Run(document.file)
    if document.file.endswith(".feature"):
        return []
    structure = read_markdown(document.text)
    return [definition.phrase for definition in _definitions(run, (s for s in structure.sections if s.is_steps))]
