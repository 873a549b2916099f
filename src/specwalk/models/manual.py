"""The user manual as data: what `specwalk docs` captured, before it is written in a language.

Built from verified scenarios and their live re-run (screenshots with the target outlined);
rendered by `emit/manual_md.py` and `emit/manual_html.py`, and written beside them as
`manual.json` (the manifest: every picture with the target's and the outline's boxes, so a reader
or a test can check the outline sits on the element). Language-neutral: sentences are made by
the emitters from these facts, in English or Chinese. Nothing volatile (times, ports) is stored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from specwalk.models.scenario import SourceRef

MANUAL_SCHEMA_VERSION: Literal[1] = 1


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


class ManualStep(_Model):
    number: int  # 1-based within the scenario; matches the badge in the picture
    sentence: Sentence
    source: SourceRef
    text: str  # the requirement's own line, for traceability
    shot: Shot | None = None
    results: tuple[Sentence, ...] = ()  # what the user then sees (the checks after this step)


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


class ManualFeature(_Model):
    slug: str
    name: str
    user_story: str | None = None
    scenarios: tuple[ManualScenario, ...] = ()


class Omitted(_Model):
    scenario_id: str
    name: str
    source: SourceRef
    reason: str


class ManualDocument(_Model):
    schema_version: Literal[1] = MANUAL_SCHEMA_VERSION
    specwalk_version: str
    project: str
    language: str  # the manual's language: en or zh
    locale: str  # the app's locale the pictures show
    features: tuple[ManualFeature, ...] = ()
    omitted: tuple[Omitted, ...] = Field(default_factory=tuple)

    @property
    def screenshots(self) -> int:
        return sum(1 for f in self.features for s in f.scenarios for step in s.steps if step.shot is not None)
