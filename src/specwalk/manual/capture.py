"""Take the manual's pictures while a scenario is verified, then turn the run into manual steps.

The scenario runs once, in a context made for repeatable pictures (`BrowserSession.still_page`):
a `Camera` watches the verifying run (`verify.engine.StepObserver`). Each step the user takes gets
one picture just before its action, the target (located as verification just proved it, unique in
the live page) outlined with the step's number; opening a page gets a picture of the page once it
is open. Preconditions (signing in, opening the start page) get no pictures and become a short
"before you begin" list; checks become the step's results.
"""

from __future__ import annotations

import json
import re
import struct
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from specwalk.browser.driver import Driver
from specwalk.models.locator import Locator
from specwalk.models.manual import Box, ManualScenario, ManualStep, Secret, Sentence, Shot
from specwalk.models.report import Operation, ScenarioResult
from specwalk.models.scenario import ActionStep, ExpectationStep, Scenario, Step

_ACTIONS = frozenset({"act", "goto", "press_key", "reload", "go_back", "go_forward"})
# Checks of something shown on the page, which a picture of the outcome can outline.
_SHOWN = frozenset({"visible", "text", "contains", "value", "checked", "pressed", "enabled", "disabled", "empty"})
# A field the plan names so holds a secret, before the live page confirms it (one entry per word).
PASSWORD_WORDS = re.compile(r"password|passcode|passphrase|\bpin\b|密码|口令", re.IGNORECASE)
_PASSWORD_FIELD = "input[type=password]"  # noqa: S105 - a selector, not a password
# PNG chunks that carry pixels or how to show them; anything else (tIME, tEXt, ...) is dropped
# so an unchanged picture is an unchanged file.
_PNG_KEEP = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"sRGB", b"gAMA", b"cHRM", b"iCCP", b"pHYs"})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stable_png(data: bytes) -> bytes:
    """The PNG with only the chunks that define the picture, so equal pixels give equal bytes."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    out = [_PNG_SIGNATURE]
    position = len(_PNG_SIGNATURE)
    idat = bytearray()
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IDAT":
            idat += body
            continue
        if idat and kind != b"IDAT":
            out.append(_chunk(b"IDAT", bytes(idat)))
            idat = bytearray()
        if kind in _PNG_KEEP:
            out.append(_chunk(kind, body))
        if kind == b"IEND":
            break
    return b"".join(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


@dataclass
class CapturedScenario:
    scenario: ManualScenario | None
    images: dict[str, bytes] = field(default_factory=dict)  # image path (as in Shot.image) -> PNG
    failure: str = ""  # why it could not be captured (then `scenario` is None)
    seconds: float = 0.0  # screenshots only
    shots: int = 0


def _role_of(locator: Locator | None) -> str | None:
    if locator is None:
        return None
    part = locator.target
    return part.role if part.kind == "role" else None


def _name_of(locator: Locator | None) -> str | None:
    """The UI words a locator found the element by (role name, label, text, ...), when it has them."""
    if locator is None:
        return None
    part = locator.target
    if part.kind in ("role", "label", "placeholder", "text", "alt", "title") and part.value:
        return part.value
    return part.has_text


def _scope_of(locator: Locator | None, step: Step | None) -> tuple[str | None, str | None]:
    if step is not None and step.scope:
        outer = locator.parts[0] if locator is not None and len(locator.parts) > 1 else None
        return step.scope, step.scope_role or (outer.role if outer is not None and outer.kind == "role" else None)
    if locator is not None and len(locator.parts) > 1:
        outer = locator.parts[0]
        if outer.kind == "role" and outer.has_text:
            return outer.has_text, outer.role
        if outer.kind == "role" and outer.role in ("dialog", "alertdialog") and outer.value:
            return outer.value, outer.role
    return None, None


def action_sentence(
    step: Step | None, operation: Operation, live_name: str | None = None, secret: Secret | None = None
) -> Sentence:
    """What the user does, from the plan step (its kind, scope) and the proven operation; a
    `secret` value (a password, a masked field's) is left out."""
    scope, scope_role = _scope_of(operation.locator, step)
    if operation.op == "goto":
        return Sentence(phrase="action", kind="open", value=operation.value or "/", name=live_name)
    if operation.op in ("reload", "go_back", "go_forward"):
        return Sentence(phrase="action", kind=operation.op)
    if operation.op == "press_key":
        return Sentence(phrase="action", kind="press", value=operation.value or "Enter", name=live_name)
    kind = operation.name
    if isinstance(step, ActionStep) and step.action == "select" and kind == "check":
        kind = "choose"  # an option shown as a radio button
    if kind == "select" and operation.value is None:
        kind = "click"
    role = _role_of(operation.locator) or (step.role if step is not None else None)
    name = live_name or _name_of(operation.locator) or (step.target if step is not None else None)
    if kind == "press":
        return Sentence(phrase="action", kind="press", value=operation.value or "Enter", name=name, role=role)
    count = step.count if isinstance(step, ActionStep) and step.count and step.count > 1 else None
    return Sentence(
        phrase="action",
        kind=kind,
        name=name,
        role=role,
        value=None if secret and operation.value else operation.value,
        scope=scope,
        scope_role=scope_role,
        count=count,
        secret=secret if operation.value else None,
    )


def result_sentences(step: Step | None, operations: list[Operation]) -> list[Sentence]:
    """What the user then sees: one sentence per expectation (its checks carry the exact texts)."""
    checks = [operation for operation in operations if operation.op == "check"]
    if not checks:
        return []
    if not isinstance(step, ExpectationStep):
        # "wait for "Saved"": a visibility check from an action step.
        first = checks[0]
        return [Sentence(phrase="result", kind="element_visible", name=_name_of(first.locator))]
    kind = step.expectation
    first = checks[0]
    scope, scope_role = _scope_of(first.locator, step)
    if kind == "text_visible":
        texts: list[str] = []
        for operation in checks:
            text = operation.value if operation.name == "contains" else _name_of(operation.locator)
            if text and text not in texts:
                texts.append(text)
        texts = texts or ([step.value] if step.value else list(step.values))
        return [
            Sentence(
                phrase="result",
                kind="text_visible",
                values=tuple(texts),
                negated=step.negated,
                scope=scope,
                scope_role=scope_role,
                position=step.position,
            )
        ]
    if kind == "only_listed":
        values = next((tuple(json.loads(c.value or "[]")) for c in checks if c.name == "contains_all"), step.values)
        return [Sentence(phrase="result", kind="only_listed", values=tuple(values), scope=scope)]
    if kind in ("url", "title"):
        return [Sentence(phrase="result", kind=kind, value=first.value, negated=first.negated)]
    if kind == "page":
        if first.name == "url":
            return [Sentence(phrase="result", kind="url", value=first.value, negated=first.negated)]
        return [
            Sentence(phrase="result", kind="page", name=_name_of(first.locator) or step.target, negated=step.negated)
        ]
    if kind == "count":
        return [
            Sentence(
                phrase="result",
                kind="count",
                count=int(first.value or 0),
                name=step.target,
                negated=first.negated,
            )
        ]
    name = _name_of(first.locator) or step.target
    role = _role_of(first.locator) or step.role
    check = first.name
    negated = first.negated
    if kind == "element_visible":
        return [Sentence(phrase="result", kind="element_visible", name=name, role=role, negated=check == "hidden")]
    if kind == "enabled":
        return [Sentence(phrase="result", kind="enabled", name=name, role=role, negated=check == "disabled")]
    if kind == "checked":
        pressed = check == "pressed"
        return [
            Sentence(phrase="result", kind="pressed" if pressed else "checked", name=name, role=role, negated=negated)
        ]
    return [Sentence(phrase="result", kind=kind, name=name, role=role, value=first.value, negated=negated, scope=scope)]


def _texts(operations: Sequence[Operation]) -> set[str]:
    """The texts operations type, choose or check; a count ("1") is no text on the page, and
    keeping it would leave every date with that digit unmasked."""
    texts: set[str] = set()
    for operation in operations:
        if operation.value and not (operation.op == "check" and operation.name == "count"):
            texts.add(operation.value)
        name = _name_of(operation.locator)
        if name:
            texts.add(name)
    return texts


def _quoted(scenario: Scenario) -> set[str]:
    """Every text the scenario quotes: never masked, even when it looks like a date."""
    texts: set[str] = set()
    for step in (*scenario.preconditions, *scenario.steps):
        for value in (step.target, step.scope, getattr(step, "value", None), *getattr(step, "values", ())):
            if value:
                texts.add(value)
    return texts


def _box(data: object) -> Box | None:
    if not isinstance(data, dict):
        return None
    return Box(**{key: round(float(data[key]), 2) for key in ("x", "y", "width", "height")})


def _acting(operations: Sequence[Operation]) -> list[Operation]:
    return [operation for operation in operations if operation.op in _ACTIONS]


def _lands_on(url: str, opened: str) -> bool:
    """Whether the page at `url` is the one `opened` asked for (no redirect elsewhere)."""
    live = urlsplit(url)
    wanted = urlsplit(opened)
    if opened.startswith("#") or wanted.fragment.startswith("/"):
        return live.fragment.rstrip("/") == wanted.fragment.rstrip("/")
    return (live.path.rstrip("/") or "/") == (wanted.path.rstrip("/") or "/")


def _waits(step: Step | None, operations: Sequence[Operation]) -> bool:
    """A fixed short wait: a numbered step with no picture."""
    return isinstance(step, ActionStep) and step.action == "wait" and not operations


@dataclass
class Picture:
    number: int
    shot: Shot  # its `image` is named when the scenario gets its place in the manual
    png: bytes
    name: str | None  # what the page calls the target (a label, a button's text), when short


class Camera:
    """Takes one scenario's pictures during one verifying run (a `verify.engine.StepObserver`).

    A failed picture is remembered in `failure` and ends the pictures, not the run: whether the
    scenario passes is still worth knowing.
    """

    def __init__(self, scenario: Scenario, *, mask: Sequence[str] = (), outcome: bool = False) -> None:
        """`mask`: selectors of what pictures hide (`[docs] mask`), and whose typed values the text
        hides; `outcome`: also picture what the last action shows (a note's message)."""
        self.scenario = scenario
        self.plan_steps: list[Step] = [*scenario.preconditions, *scenario.steps]
        self.own_from = len(scenario.preconditions)
        self.pictures: dict[int, Picture] = {}  # step index -> its picture
        self.outcome: Picture | None = None  # what the last action shows, when asked for
        self.secrets: dict[int, Secret] = {}  # step index -> why the value it types is hidden
        self.secret_values: dict[str, Secret] = {}  # the values so hidden
        self.failure = ""
        self.seconds = 0.0  # inside screenshot calls (overlay, capture)
        self.settle_seconds = 0.0  # waiting for the page to settle before a picture
        self.mask = tuple(mask)
        # Values typed into what the plan calls a password: hidden wherever the page shows them,
        # from the first picture on (before the field that proves them secret is even reached).
        self._hidden = {
            step.value
            for step in self.plan_steps
            if isinstance(step, ActionStep) and step.action in ("fill", "type") and step.value
            if PASSWORD_WORDS.search(step.target or "")
        }
        self._keep = _quoted(scenario)
        self._numbered = 0
        self._after: dict[int, int] = {}  # step index -> number, for pictures taken once a page is open
        acting = [i for i, step in enumerate(self.plan_steps) if isinstance(step, ActionStep) and step.action != "wait"]
        # The outcome is pictured after the first check that follows the last action.
        self._outcome_after = (acting[-1] if acting else -1) if outcome else None

    def before(self, driver: Driver, index: int, operations: Sequence[Operation]) -> None:
        # Texts the steps so far quote or check stay unmasked (later ones are not known yet).
        self._keep |= _texts(operations)
        self._hide_secrets(driver, index, operations)
        if index < self.own_from or self.failure:
            return
        step = self.plan_steps[index] if index < len(self.plan_steps) else None
        acting = _acting(operations)
        if not acting:
            self._numbered += _waits(step, operations)
            return
        self._numbered += 1
        first = acting[0]
        if first.op == "goto":
            # Opening a page (the step's only operation): the picture shows it once it is open.
            self._after[index] = self._numbered
            return
        locator = first.locator if first.op == "act" else None
        self._shoot(driver, index, self._numbered, locator, focused=first.op == "press_key")

    def after(self, driver: Driver, index: int, operations: Sequence[Operation]) -> None:
        number = self._after.pop(index, None)
        if number is not None and not self.failure:
            self._shoot(driver, index, number, None, focused=False)
            opened = next((operation.value for operation in operations if operation.op == "goto"), None)
            picture = self.pictures.get(index)
            if picture is not None and opened and not _lands_on(driver.url, opened):
                # Sent elsewhere (to sign in first): the heading is not the page the step opened.
                picture.name = None
        if self._outcome_after is not None and index > self._outcome_after and self.outcome is None:
            shown = next((op for op in operations if op.op == "check" and op.locator and op.name in _SHOWN), None)
            if shown is not None and not shown.negated:
                # Optional: a message that cannot be pictured leaves the note without a picture.
                self._shoot(driver, index, 0, shown.locator, focused=False, outcome=True)

    def _hide_secrets(self, driver: Driver, index: int, operations: Sequence[Operation]) -> None:
        """Values typed into a password field, or into what `[docs] mask` selects, never reach the text."""
        for operation in operations:
            if operation.op != "act" or operation.name not in ("fill", "type") or not operation.locator:
                continue
            found = driver.matches(operation.locator, [_PASSWORD_FIELD, *self.mask])
            if found is None:
                continue
            kind: Secret = "password" if found == _PASSWORD_FIELD else "masked"
            self.secrets[index] = kind
            if operation.value:
                self.secret_values[operation.value] = kind
                self._hidden.add(operation.value)

    def _shoot(
        self,
        driver: Driver,
        index: int,
        number: int,
        locator: Locator | None,
        *,
        focused: bool,
        outcome: bool = False,
    ) -> None:
        started = time.monotonic()
        driver.wait_for_settle()
        settled = time.monotonic()
        self.settle_seconds += settled - started
        picture = driver.capture(
            locator,
            number=number,
            keep=sorted(self._keep),
            focused=focused,
            mask=self.mask,
            # Not one- or two-letter values: covering every "a" on the page would hide the page.
            hide=sorted(text for text in self._hidden if len(text.strip()) >= 3),
        )
        self.seconds += time.monotonic() - settled
        if outcome and (not picture.ok or picture.boxes is None):
            self._outcome_after = None
            return
        if not picture.ok or picture.boxes is None:
            self.failure = f"could not take the picture for step {number}: {picture.message}"
            return
        boxes = picture.boxes
        shot = Shot(
            image="",
            clip=_box(boxes["clip"]) or Box(x=0, y=0, width=0, height=0),
            scale=float(boxes.get("scale", 2)),
            target=_box(boxes.get("target")),
            overlay=_box(boxes.get("overlay")),
            badge=_box(boxes.get("badge")),
            masked=int(boxes.get("masked", 0)),
        )
        name = str(boxes.get("name") or "")
        # A long "name" is the text of a whole row or region, not what a person calls the control.
        taken = Picture(number, shot, stable_png(picture.png), name if 0 < len(name) <= 80 else None)
        if outcome:
            self.outcome = taken
        else:
            self.pictures[index] = taken


def _column(example: dict[str, str] | None, step: Step | None) -> str | None:
    """The outline column a step's value comes from; of several holding it, the one named like
    the element ("Username" -> username)."""
    value = getattr(step, "value", None)
    if not example or step is None or value is None:
        return None
    matching = [column for column, text in example.items() if text == value]
    if len(matching) < 2:
        return matching[0] if matching else None
    words = set((step.target or "").lower().split())
    return max(matching, key=lambda column: len(words & set(re.split(r"[\W_]+", column.lower()))))


def _from_columns(sentences: Sequence[Sentence], column: str | None) -> list[Sentence]:
    return [sentence.model_copy(update={"column": column}) if column else sentence for sentence in sentences]


def describe(
    result: ScenarioResult, camera: Camera, *, named: bool, locale: str, image_prefix: str
) -> CapturedScenario:
    """The manual's version of a passed run that `camera` watched: steps, their pictures (named
    `<image_prefix>-<step number>.png`) and results."""
    shots = len(camera.pictures) + (camera.outcome is not None)
    captured = CapturedScenario(None, seconds=camera.seconds, shots=shots)
    if camera.failure:
        captured.failure = camera.failure
        return captured
    before: list[Sentence] = []
    seen: list[Sentence] = []
    steps: list[ManualStep] = []
    for step_result in result.steps:
        index = step_result.index
        plan_step = camera.plan_steps[index] if 0 <= index < len(camera.plan_steps) else None
        operations = list(step_result.operations)
        acting = _acting(operations)
        secret = camera.secrets.get(index)
        column = _column(camera.scenario.example, plan_step)
        if index < camera.own_from:
            for operation in acting:
                sentence = action_sentence(plan_step, operation, secret=secret)
                # The app's start page and a precondition that opens it again read as one step.
                sentence = _from_columns([sentence], column)[0]
                if not before or before[-1] != sentence:
                    before.append(sentence)
            continue
        if isinstance(plan_step, ActionStep) and _waits(plan_step, operations):
            wait = Sentence(phrase="action", kind="wait", value=plan_step.value)
            steps.append(
                ManualStep(number=len(steps) + 1, sentence=wait, source=step_result.source, text=step_result.text)
            )
            continue
        if not acting:
            # Checks: what the user then sees, under the step before (or before any step).
            sentences = _from_columns(result_sentences(plan_step, operations), column)
            if steps:
                steps[-1] = steps[-1].model_copy(update={"results": (*steps[-1].results, *sentences)})
            else:
                seen.extend(sentences)
            continue
        picture = camera.pictures.get(index)
        if picture is None or picture.number != len(steps) + 1:
            captured.failure = f"{step_result.source}: no picture was taken for this step"
            return captured
        image = f"{image_prefix}-{picture.number:02d}.png"
        captured.images[image] = picture.png
        first = acting[0]
        if first.op == "goto":
            sentence = action_sentence(plan_step, first).model_copy(update={"name": picture.name})
        else:
            sentence = action_sentence(plan_step, first, picture.name, secret)
        if column:
            sentence = sentence.model_copy(update={"column": column})
        steps.append(
            ManualStep(
                number=picture.number,
                sentence=sentence,
                source=step_result.source,
                text=step_result.text,
                shot=picture.shot.model_copy(update={"image": image}),
                results=tuple(_from_columns(result_sentences(plan_step, operations), column)),
            )
        )
    outcome = None
    if camera.outcome is not None:
        image = f"{image_prefix}-outcome.png"
        captured.images[image] = camera.outcome.png
        outcome = camera.outcome.shot.model_copy(update={"image": image})
    captured.scenario = ManualScenario(
        scenario_id=result.scenario_id,
        requirement_id=result.requirement_id,
        name=result.name,
        named=named,
        source=result.source,
        locale=locale,
        before=tuple(before),
        seen=tuple(seen),
        steps=tuple(steps),
        outcome=outcome,
        example=tuple((camera.scenario.example or {}).items()),
    )
    return captured
