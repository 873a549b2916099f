"""Re-run one verified scenario in a still page and take the manual's pictures.

The operations are the ones verification proved (locators unique in the live page), replayed in a
fresh context made for repeatable pictures (`BrowserSession.still_page`). Each step the user takes
gets one picture just before its action, the target outlined with the step's number; opening a
page gets a picture of the page once it is open. Preconditions (signing in, opening the start
page) run without pictures and become a short "before you begin" list. Checks run too, so every
picture shows the state the scenario was verified in, and become the step's results.
"""

from __future__ import annotations

import json
import struct
import time
import zlib
from dataclasses import dataclass, field

from specwalk.browser.playwright_driver import BrowserSession, PageDriver
from specwalk.models.locator import Locator
from specwalk.models.manual import Box, ManualScenario, ManualStep, Sentence, Shot
from specwalk.models.report import Operation, ScenarioResult, StepResult
from specwalk.models.scenario import ActionStep, ExpectationStep, Scenario, Step
from specwalk.verify.engine import execute

_ACTIONS = frozenset({"act", "goto", "press_key", "reload", "go_back", "go_forward"})
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


def action_sentence(step: Step | None, operation: Operation, live_name: str | None = None) -> Sentence:
    """What the user does, from the plan step (its kind, scope) and the proven operation."""
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
        value=operation.value,
        scope=scope,
        scope_role=scope_role,
        count=count,
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


def _keep(scenario: Scenario, steps: list[StepResult]) -> list[str]:
    """Every text the scenario quotes or checks: never masked, even when it looks like a date."""
    texts: set[str] = set()
    for step in (*scenario.preconditions, *scenario.steps):
        for value in (step.target, step.scope, getattr(step, "value", None), *getattr(step, "values", ())):
            if value:
                texts.add(value)
    for result in steps:
        for operation in result.operations:
            if operation.value:
                texts.add(operation.value)
            name = _name_of(operation.locator)
            if name:
                texts.add(name)
    return sorted(texts)


def _box(data: object) -> Box | None:
    if not isinstance(data, dict):
        return None
    return Box(**{key: round(float(data[key]), 2) for key in ("x", "y", "width", "height")})


class ManualCapture:
    """Takes the manual's pictures of verified scenarios in one browser session."""

    def __init__(self, session: BrowserSession, *, base_url: str, locale: str, timeout_ms: float = 5_000) -> None:
        self.session = session
        self.base_url = base_url
        self.locale = locale
        self.timeout_ms = timeout_ms

    def capture(
        self, scenario: Scenario, result: ScenarioResult, *, named: bool, image_prefix: str
    ) -> CapturedScenario:
        plan_steps: list[Step] = [*scenario.preconditions, *scenario.steps]
        own_from = len(scenario.preconditions)
        keep = _keep(scenario, result.steps)
        captured = CapturedScenario(None)
        before: list[Sentence] = []
        seen: list[Sentence] = []
        steps: list[ManualStep] = []
        with self.session.still_page(self.base_url, timeout_ms=self.timeout_ms, locale=self.locale) as driver:

            def replay(operations: list[Operation], step: StepResult) -> bool:
                for operation in operations:
                    outcome = execute(driver, operation)
                    if not outcome.ok:
                        captured.failure = f"{step.source}: the replay failed: {outcome.message}"
                        return False
                return True

            for step_result in result.steps:
                plan_step = plan_steps[step_result.index] if 0 <= step_result.index < len(plan_steps) else None
                operations = list(step_result.operations)
                acting = [operation for operation in operations if operation.op in _ACTIONS]
                if step_result.index < own_from:
                    # Preconditions (and opening the app): replayed, listed briefly, no pictures.
                    if not replay(operations, step_result):
                        return captured
                    before.extend(action_sentence(plan_step, operation) for operation in acting)
                    continue
                if isinstance(plan_step, ActionStep) and plan_step.action == "wait" and not operations:
                    wait = Sentence(phrase="action", kind="wait", value=plan_step.value)
                    steps.append(
                        ManualStep(
                            number=len(steps) + 1, sentence=wait, source=step_result.source, text=step_result.text
                        )
                    )
                    continue
                if not acting:
                    # Checks: what the user then sees, under the step before (or before any step).
                    if not replay(operations, step_result):
                        return captured
                    sentences = result_sentences(plan_step, operations)
                    if steps:
                        steps[-1] = steps[-1].model_copy(update={"results": (*steps[-1].results, *sentences)})
                    else:
                        seen.extend(sentences)
                    continue
                number = len(steps) + 1
                image = f"{image_prefix}-{number:02d}.png"
                first = acting[0]
                if first.op == "goto":
                    # Opening a page: the picture shows the page once it is open.
                    if not replay(operations[: operations.index(first) + 1], step_result):
                        return captured
                    shot, live_name = self._shoot(driver, captured, None, number, keep, image, focused=False)
                    rest = operations[operations.index(first) + 1 :]
                    sentence = action_sentence(plan_step, first).model_copy(update={"name": live_name})
                else:
                    locator = first.locator if first.op == "act" else None
                    pressing = first.op == "press_key"
                    shot, live_name = self._shoot(driver, captured, locator, number, keep, image, focused=pressing)
                    rest = operations
                    sentence = action_sentence(plan_step, first, live_name)
                if shot is None or not replay(rest, step_result):
                    return captured
                steps.append(
                    ManualStep(
                        number=number,
                        sentence=sentence,
                        source=step_result.source,
                        text=step_result.text,
                        shot=shot,
                        results=tuple(result_sentences(plan_step, operations)),
                    )
                )
        captured.scenario = ManualScenario(
            scenario_id=result.scenario_id,
            requirement_id=result.requirement_id,
            name=result.name,
            named=named,
            source=result.source,
            locale=self.locale,
            before=tuple(before),
            seen=tuple(seen),
            steps=tuple(steps),
        )
        return captured

    def _shoot(
        self,
        driver: PageDriver,
        captured: CapturedScenario,
        locator: Locator | None,
        number: int,
        keep: list[str],
        image: str,
        *,
        focused: bool,
    ) -> tuple[Shot | None, str | None]:
        driver.wait_for_settle()
        started = time.monotonic()
        picture = driver.capture(locator, number=number, keep=keep, focused=focused)
        captured.seconds += time.monotonic() - started
        if not picture.ok or picture.boxes is None:
            captured.failure = f"could not take the picture for step {number}: {picture.message}"
            return None, None
        captured.shots += 1
        captured.images[image] = stable_png(picture.png)
        boxes = picture.boxes
        shot = Shot(
            image=image,
            clip=_box(boxes["clip"]) or Box(x=0, y=0, width=0, height=0),
            scale=float(boxes.get("scale", 2)),
            target=_box(boxes.get("target")),
            overlay=_box(boxes.get("overlay")),
            badge=_box(boxes.get("badge")),
            masked=int(boxes.get("masked", 0)),
        )
        name = str(boxes.get("name") or "")
        # A long "name" is the text of a whole row or region, not what a person calls the control.
        return shot, (name if 0 < len(name) <= 80 else None)
