"""The user manual as data: what `specwalk docs` captured, before it is written in a language.

Built from verified scenarios and the pictures taken while they ran (the target outlined);
rendered by `emit/manual_md.py` and `emit/manual_html.py`, and written beside them as
`manual.json` (the manifest: every picture with the target's and the outline's boxes, so a reader
or a test can check the outline sits on the element). Language-neutral: sentences are made by
the emitters from these facts, in English or Chinese. Nothing volatile (times, ports) is stored.

    ManualDocument
    └── features: ManualFeature            a chapter; `before`: preconditions its tasks share
        └── tasks: ManualTask              one user goal
            ├── procedure: ManualScenario  its happy path: numbered steps with pictures
            ├── table: ManualTable         an outline's rows: inputs and results
            └── notes: ManualNote          "If ..." : an error or edge scenario of the same task
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from specwalk.models.scenario import SourceRef

MANUAL_SCHEMA_VERSION: Literal[2] = 2


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Box(_Model):
    """A rectangle in CSS pixels, relative to the viewport at capture time."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


class Shot(_Model):
    """One screenshot: `image` relative to the language directory, `clip` the region it shows."""

    image: str
    clip: Box
    scale: float  # device pixels per CSS pixel: the PNG is clip.width * scale wide
    target: Box | None = None  # the element the step acts on (None: the whole page)
    overlay: Box | None = None  # the outline drawn around it
    badge: Box | None = None  # the numbered badge
    masked: int = 0  # dynamic values (dates, ids) hidden in this picture


# What a sentence says. Actions: the plan's action names (open, click, fill, ...); results: the
# plan's expectation names (text_visible, url, ...).
Phrase = Literal["action", "result"]
# Why a typed value is not shown: typed into a password field, or into a field `[docs] mask` hides.
Secret = Literal["password", "masked"]


class Sentence(_Model):
    """The facts one step sentence is made of; the UI's own words come from the live page."""

    phrase: Phrase
    kind: str  # action (open, click, fill, check, ...) or expectation (text_visible, url, ...)
    name: str | None = None  # the element's name as the app shows it
    role: str | None = None  # its ARIA role (button, textbox, checkbox, dialog, ...)
    value: str | None = None  # text typed, option chosen, key pressed, text expected, path
    values: tuple[str, ...] = ()
    scope: str | None = None  # the item or container it is in ("Buy milk", "Delete task?")
    scope_role: str | None = None  # listitem, dialog, ... when known
    negated: bool = False
    count: int | None = None
    position: Literal["first", "last"] | None = None
    secret: Secret | None = None  # the value typed is hidden (then `value` is None)
    column: str | None = None  # the value comes from this column of the task's table (an outline)
    task: str | None = None  # kind "task": the anchor of the task these steps are ("Sign in")


class ManualStep(_Model):
    number: int  # 1-based within the scenario; matches the badge in the picture
    sentence: Sentence
    source: SourceRef
    text: str  # the requirement's own line, for traceability
    shot: Shot | None = None
    results: tuple[Sentence, ...] = ()  # what the user then sees (the checks after this step)
    changed: bool = False  # its picture differs from the manual this one replaced (`docs --update`)


class ManualScenario(_Model):
    scenario_id: str
    requirement_id: str
    name: str  # as written in the requirements
    named: bool  # True: a scenario title written by a person; False: a criterion's own words
    source: SourceRef
    locale: str  # the app's locale while it was captured
    before: tuple[Sentence, ...] = ()  # preconditions, as short sentences without pictures
    seen: tuple[Sentence, ...] = ()  # checks before the first step: what the page shows
    steps: tuple[ManualStep, ...] = ()
    # A picture of what the last step shows (the message of an error), taken for notes.
    outcome: Shot | None = None
    example: tuple[tuple[str, str], ...] = ()  # an outline row's values, (column, value) in order


# How a note's scenario differs from its task's procedure: other values in the same steps; other
# last steps ("instead"); more steps after ("then") or before ("first"); another page opened.
NoteWay = Literal["values", "instead", "then", "first", "open", "other"]


class ManualTable(_Model):
    """An outline's rows: the procedure once, then per row what is typed and what is seen."""

    columns: tuple[str, ...]  # the Examples header, as written
    rows: tuple[tuple[str, ...], ...]  # values per row (a secret column's values are "")
    secret: tuple[str, ...] = ()  # columns typed into password or masked fields: shown as ••••
    scenario_ids: tuple[str, ...] = ()  # one per row


class ManualNote(_Model):
    """An "If ..." note under a task: another scenario of the same task, told by how it differs."""

    scenario: ManualScenario
    way: NoteWay
    condition: tuple[Sentence, ...] = ()  # what the user does differently
    # What the user then sees: groups of results, each after an action (None: the condition's own).
    results: tuple[tuple[Sentence | None, tuple[Sentence, ...]], ...] = ()
    table: ManualTable | None = None  # an outline as a note: its rows' values and results


class ManualTask(_Model):
    """One user goal: its procedure (the happy path), an outline's table, "If ..." notes."""

    anchor: str  # unique in the manual: "<feature slug>-<number>"
    procedure: ManualScenario
    merged: tuple[str, ...] = ()  # scenarios with the same steps, their results added to the procedure's
    table: ManualTable | None = None
    notes: tuple[ManualNote, ...] = ()

    @property
    def scenarios(self) -> tuple[ManualScenario, ...]:
        return (self.procedure, *(note.scenario for note in self.notes))

    @property
    def scenario_ids(self) -> tuple[str, ...]:
        """Every scenario the task tells of: merged ones and every outline row included."""
        ids = [self.procedure.scenario_id, *self.merged, *(self.table.scenario_ids if self.table else ())]
        for note in self.notes:
            ids += [note.scenario.scenario_id, *(note.table.scenario_ids if note.table else ())]
        return tuple(dict.fromkeys(ids))


class ManualFeature(_Model):
    slug: str
    name: str
    user_story: str | None = None
    before: tuple[Sentence, ...] = ()  # preconditions every task of the chapter shares, said once
    tasks: tuple[ManualTask, ...] = ()

    @property
    def scenarios(self) -> tuple[ManualScenario, ...]:
        return tuple(scenario for task in self.tasks for scenario in task.scenarios)


class Omitted(_Model):
    scenario_id: str
    name: str
    source: SourceRef
    reason: str


class ManualDocument(_Model):
    schema_version: Literal[2] = MANUAL_SCHEMA_VERSION
    specwalk_version: str
    project: str
    language: str  # the manual's language: en or zh
    locale: str  # the app's locale the pictures show
    features: tuple[ManualFeature, ...] = ()
    omitted: tuple[Omitted, ...] = Field(default_factory=tuple)
    # A person's words (chapter names, titles, stories) in the manual's language, when they were
    # written in the other one: (as written, translated), from the LLM (`docs --llm`).
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def screenshots(self) -> int:
        return len(self.images)

    @property
    def images(self) -> tuple[str, ...]:
        """Every picture the manual shows (image paths), in reading order."""
        paths: list[str] = []
        for feature in self.features:
            for task in feature.tasks:
                paths += [step.shot.image for step in task.procedure.steps if step.shot is not None]
                paths += [note.scenario.outcome.image for note in task.notes if note.scenario.outcome is not None]
        return tuple(paths)
