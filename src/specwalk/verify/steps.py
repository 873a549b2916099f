"""The step kinds beyond click-fill-see: exact references, described targets, ordinals, drag,
focus, storage resets, browser dialogs, and class / state / attribute / dialog / URL-match checks.

`ScenarioVerifier` (engine.py) asks this module first for every step; what it returns are the
same resolved `Operation`s every other step gets, so replays, sensitivity and the emitters treat
them alike. Expected failures are values; a step that cannot be grounded raises `NotGrounded`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from specwalk.browser.driver import Driver
from specwalk.ground.nearby import TAG_WORDS, elements_by_words, field_by_text
from specwalk.ground.refs import describe_ref, ref_css
from specwalk.ground.resolve import Resolution, Resolver
from specwalk.ground.retrieve import tokenize
from specwalk.ground.states import choose_state_check
from specwalk.ground.targets import Targets, Wanted, content_words
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Operation, StepResult
from specwalk.models.scenario import ActionStep, ExpectationStep, Scenario, Step, TargetRef
from specwalk.models.uimap import UIMap
from specwalk.verify.antecedents import named_before, with_antecedents

# What makes a container not empty, by its tag: a table's body rows, a list's items.
_EMPTY_ITEMS = {
    "table": ":scope > tbody > tr",
    "tbody": ":scope > tr",
    "ul": ":scope > li",
    "ol": ":scope > li",
    "dl": ":scope > dt",
    "select": "option",
}

# Actions that set a field's value or state.
_FIELD_SETTERS = frozenset({"fill", "type", "select", "check", "uncheck", "clear"})

# How long a Given's state is looked at before the step sets it up instead.
_GLANCE_MS = 500


def _css_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# "each", "every", "all", "no … should": a sentence about every element a reference matches.
_ALL_OR_NONE = re.compile(r"\b(?:each|every|all|none|no)\b", re.IGNORECASE)

# Roles of fields a page may name only by the text next to them.
_NEARBY_ROLES = frozenset(
    {"textbox", "searchbox", "spinbutton", "combobox", "listbox", "checkbox", "radio", "switch", "slider"}
)


class NotGrounded(Exception):
    """Internal signal: this step has no unique target; carries the resolution for evidence."""

    def __init__(self, message: str, resolution: Resolution | None = None) -> None:
        super().__init__(message)
        self.resolution = resolution


# The engine's own grounding of a step's target, for the kinds that reuse it.
TargetFinder = Callable[..., Resolution]
Handled = tuple[list[Operation], Resolution | None]

_QUOTES = (('"', '"'), ("“", "”"), ("「", "」"), ("『", "』"), ("'", "'"), ("‘", "’"), ("`", "`"))


def quoted(text: str, phrase: str) -> bool:
    """Whether the sentence quotes the phrase: then it is the UI's own words, not a description."""
    return any(f"{left}{phrase}{right}" in text for left, right in _QUOTES)


def exact(step: ActionStep | ExpectationStep) -> bool:
    """Steps whose target this module grounds: exact references, described targets, ordinals."""
    return step.target_ref is not None or step.described or step.nth is not None


def wanted_of(step: ActionStep | ExpectationStep) -> Wanted:
    return Wanted(
        phrase=step.target,
        ref=step.target_ref,
        described=step.described,
        nth=step.nth,
        role=step.role,
        scope=step.scope,
        scope_role=step.scope_role,
        literal=bool(step.target) and quoted(step.text, step.target or ""),
        shows=step.value
        if isinstance(step, ExpectationStep) and step.expectation in ("text_contains", "text_equals")
        else None,
        field=isinstance(step, ExpectationStep) and step.expectation in ("value_equals", "value_contains"),
    )


# A counted container's items, by its tag or role: the rest (a single element that is not one)
# counts the reference's matches themselves.
_ITEMS = {
    "ul": ":scope > li",
    "ol": ":scope > li",
    "dl": ":scope > dt",
    "tbody": ":scope > tr",
    "table": ":scope > tbody > tr",
    "select": "option",
    "datalist": "option",
}
_ITEM_ROLES = {
    "list": "listitem",
    "listbox": "option",
    "table": "row",
    "grid": "row",
    "tree": "treeitem",
    "menu": "menuitem",
}


def answer_first(steps: Sequence[Step], preconditions: int) -> list[Step]:
    """A dialog answer written after the action that opens the dialog ("click Delete", then
    "cancel the confirmation") must be in place before it: each such pair is swapped. The
    browser answers at once, so an answer registered afterwards would go to the next dialog."""
    ordered = list(steps)
    for position in range(1, len(ordered)):
        step, before = ordered[position], ordered[position - 1]
        same_part = (position < preconditions) == (position - 1 < preconditions)
        if (
            same_part
            and isinstance(step, ActionStep)
            and step.action in ("accept_dialog", "dismiss_dialog")
            and isinstance(before, ActionStep)
            and before.action not in ("accept_dialog", "dismiss_dialog", "open", "reload", "reset_storage")
        ):
            ordered[position - 1], ordered[position] = step, before
    return ordered


def field_setter(steps: Sequence[StepResult], position: int, first_own: int) -> int | None:
    """The precondition step that set the field a check at `position` looks at ("Given I enter
    "Our Task" into the Task field … Then the Task field should still contain "Our Task""), if one
    did: skipping it is a fair test of the check, unlike skipping a sign-in, which breaks all."""
    looked_at = {
        op.locator.model_dump_json() for op in steps[position].operations if op.op == "check" and op.locator is not None
    }
    for candidate in range(first_own - 1, -1, -1):
        if any(
            op.op == "act"
            and op.name in _FIELD_SETTERS
            and op.locator is not None
            and op.locator.model_dump_json() in looked_at
            for op in steps[candidate].operations
        ):
            return candidate
    return None


def unmet_assumption(step: Step, result: StepResult, before: Sequence[StepResult]) -> StepResult:
    """A Given that checks the state the app starts in ("the checkbox is already checked", "the box
    is initially hidden") and does not hold is an assumption the scenario never sets up, not
    evidence against the app: the scenario cannot run as written (not grounded). Once the
    scenario has acted on the page, a failing check is the app's doing as usual."""
    if result.status != "failed" or not isinstance(step, ExpectationStep) or step.keyword_type != "given":
        return result
    if any(op.op in ("act", "press_key", "dialog", "clear_storage") for earlier in before for op in earlier.operations):
        return result
    message = (
        f"the scenario assumes '{step.text}' of the page as it opens, and it does not hold "
        f"({result.evidence.message}); write the steps that set it up"
    )
    return result.model_copy(
        update={"status": "not_grounded", "evidence": result.evidence.model_copy(update={"message": message})}
    )


class StepKinds:
    """Grounds and checks the new step kinds for one verifier (one app, one UI map)."""

    def __init__(self, resolver: Resolver, ui_map: UIMap, *, timeout_ms: float) -> None:
        self.ui_map = ui_map
        self.targets = Targets(resolver, ui_map.elements, timeout_ms=timeout_ms, written=self.written)
        self._classes: dict[str, str] | None = None
        self._dialog_call: str | None = None  # where the app's script opens a browser dialog ("": nowhere)
        self._written: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        self._steps: list[Step] = []  # the scenario being run, in the order it runs
        self._offpage: set[str] = set()  # locators this scenario saw hidden by being moved off the page
        self._kept: dict[int, Locator] = {}  # what was counted before the actions, by the check's position

    def begin(self, scenario: Scenario) -> list[Step]:
        """The scenario's steps in the order they run (dialog answers first), remembered so a
        described target can be one the scenario named exactly before, and a check that names no
        element is about the one an earlier check of the same property was about."""
        ordered = answer_first([*scenario.preconditions, *scenario.steps], len(scenario.preconditions))
        self._steps = with_antecedents(ordered)
        self._offpage = set()
        self._kept = {}
        return self._steps

    def reads_before(self, driver: Driver, position: int, find: TargetFinder) -> list[Operation]:
        """Counts to keep before the action at `position`, for checks that compare with before."""
        from specwalk.verify import more

        return more.reads_before(driver, self._steps, position, find, self._kept)

    def as_done(self, driver: Driver, operation: Operation) -> Operation:
        """An action as a user does it where Playwright's shortcut differs: letters "entered" into a
        number field are typed key by key (the browser drops them), not filled; choosing the option
        a dropdown already shows changes nothing (a browser fires no change event for it, while
        selectOption does), so it is checked as shown instead."""
        if operation.name == "select":
            return _already_chosen(driver, operation) or operation
        if operation.name != "fill" or operation.locator is None or not operation.value:
            return operation
        facts = driver.facts(operation.locator) if driver.count(operation.locator) == 1 else None
        if facts is None or facts.tag != "input" or facts.type != "number":
            return operation
        if re.fullmatch(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*", operation.value):
            return operation
        return operation.model_copy(update={"name": "type"})

    def as_seen(self, driver: Driver, operation: Operation) -> Operation:
        """The check for what a user sees, where Playwright's own notion differs.

        A field shows its value, not its text ("the "Start time" field should display "09:00""); a
        dropdown shows its chosen option's label. An element the app hides by moving it off the
        page (a panel translated away) is visible to Playwright: hidden is then "not in the
        viewport", and visible, for the rest of the scenario, "in the viewport".
        """
        locator = operation.locator
        if locator is None or operation.op != "check":
            return operation
        key = locator.model_dump_json()
        if operation.name in ("hidden", "visible"):
            hidden = (operation.name == "hidden") != operation.negated
            if key not in self._offpage:
                if not (_moved_off(driver, locator, self.targets.timeout_ms) if hidden else _off(driver, locator)):
                    return operation
                self._offpage.add(key)
            return operation.model_copy(update={"name": "in_viewport", "negated": hidden})
        if operation.name in ("text", "contains") and operation.value:
            operation = _without_text_beside(driver, operation)
        if operation.name == "empty":
            return _no_items(driver, operation)
        return shown_value(driver, operation)

    def written(self, ref: TargetRef) -> str | None:
        """Where a script of the app writes this test id / id / name, when the UI map lacks it."""
        attribute = {"testid": "data-testid", "id": "id", "name": "name"}.get(ref.by)
        root = Path(self.ui_map.root)
        if attribute is None or not root.is_dir():
            return None
        if attribute not in self._written:
            from specwalk.index.source_scan import written_values

            self._written[attribute] = written_values(root, attribute)
        value = ref.value.strip().removeprefix("#") if ref.by == "id" else ref.value.strip()
        return next((where for pattern, where in self._written[attribute] if pattern.match(value)), None)

    def source_classes(self) -> dict[str, str]:
        """The classes the app's source uses (read once, on the first state check)."""
        if self._classes is None:
            from specwalk.index.source_scan import class_names

            root = Path(self.ui_map.root)
            self._classes = class_names(root) if root.is_dir() else {}
        return self._classes

    def target(
        self,
        driver: Driver,
        step: ActionStep | ExpectationStep,
        *,
        route: str | None,
        must_exist: bool,
        action: str | None = None,
        many: bool = False,
    ) -> Resolution:
        wanted = wanted_of(step)
        earlier = named_before(self._steps, step) if step.described and step.target_ref is None else None
        if earlier is not None:
            # The scenario named this element exactly before: the description refers back to it.
            wanted = replace(wanted, ref=earlier[0], described=False)
        resolution = self.targets.resolve(
            driver,
            wanted,
            route=route,
            must_exist=must_exist,
            action=action,
            known_absent_ok=isinstance(step, ExpectationStep),
            many=many,
        )
        if not resolution.ok:
            raise NotGrounded(resolution.message, resolution)
        if earlier is not None:
            resolution.message = f"'{step.target}' is the {earlier[1]} named before; {resolution.message}"
        return resolution

    def fallback(self, driver: Driver, step: ActionStep | ExpectationStep) -> Resolution | None:
        """A field the page names by the text beside it, when nothing else found the quoted words."""
        if not step.target or step.scope or step.role not in _NEARBY_ROLES:
            return None
        locator = field_by_text(driver, step.target, step.role)
        if locator is None:
            return None
        return Resolution(
            locator=locator, message=f"the {step.role} next to the text '{step.target}' (no label names it)"
        )

    # -- actions --------------------------------------------------------------------------------

    def action(self, driver: Driver, step: ActionStep, find: TargetFinder, route: str | None) -> Handled | None:
        """Operations for drag, focus, reset_storage and dialog answers; None for other actions."""
        if step.action == "reset_storage":
            # Start from empty storage: forget it, then load the page again as a new visitor would.
            return [Operation(op="clear_storage"), Operation(op="reload")], None
        if step.action in ("accept_dialog", "dismiss_dialog"):
            answer = "accept" if step.action == "accept_dialog" else "dismiss"
            value = step.value if answer == "accept" else None
            return [Operation(op="dialog", name=answer, value=value)], None
        if step.action == "focus":
            resolution = find(driver, step, action="focus")
            return [Operation(op="act", name="focus", locator=resolution.locator)], resolution
        if step.action == "drag":
            source = find(driver, step, action="drag")
            if not step.destination and step.destination_ref is None:
                raise NotGrounded("the step says what to drag but not where to drop it", source)
            destination = self.targets.resolve(
                driver,
                Wanted(
                    phrase=step.destination,
                    ref=step.destination_ref,
                    described=step.destination_ref is None and not quoted(step.text, step.destination or ""),
                    literal=quoted(step.text, step.destination or ""),
                ),
                route=route,
                must_exist=True,
            )
            if not destination.ok:
                raise NotGrounded(f"where to drop: {destination.message}", destination)
            operation = Operation(op="act", name="drag", locator=source.locator, to=destination.locator)
            return [operation], source
        return None

    # -- expectations ---------------------------------------------------------------------------

    def expectation(
        self, driver: Driver, step: ExpectationStep, find: TargetFinder, route: str | None
    ) -> Handled | None:
        """Operations for class, state, attribute, dialog and URL-match checks; None for others."""
        kind = step.expectation
        if kind == "media" or step.every or step.relative is not None:
            from specwalk.verify import more  # it builds on this module's types

            if kind == "media":
                return more.media(driver, step, find)
            if step.relative is not None:
                return more.relative(step, self._steps.index(step), self._kept)
            return more.every(driver, step, self.targets.timeout_ms, self.ui_map)
        set_up = self._given_field_state(driver, step, find)
        if set_up is not None:
            return set_up
        if kind == "dialog_text":
            if step.value is None:
                raise NotGrounded("the step quotes no dialog message to look for")
            if not step.negated and _validation_instead(driver):
                raise NotGrounded(
                    "no dialog came, and a required field of the form is empty: the browser's own validation "
                    "stops the submit and shows its message, which is no dialog; fill the other fields, or check "
                    "what the page shows"
                )
            check = Operation(op="check", name="dialog", value=step.value, match=step.match, negated=step.negated)
            return [check], None
        if kind == "url" and step.match not in (None, "equals"):
            return [
                Operation(op="check", name="url", value=step.value or "/", match=step.match, negated=step.negated)
            ], None
        if kind == "has_class":
            if not step.value:
                raise NotGrounded("the step names no class to look for")
            every = self._every_has_class(driver, step)
            if every is not None:
                return every
            resolution = find(driver, step, must_exist=not step.negated)
            name = step.value.strip().lstrip(".")
            return [
                Operation(op="check", name="class", locator=resolution.locator, value=name, negated=step.negated)
            ], resolution
        if kind == "attribute":
            if not step.key:
                raise NotGrounded("the step names no attribute to check")
            resolution = find(driver, step)
            check = Operation(
                op="check",
                name="attribute",
                locator=resolution.locator,
                key=step.key,
                value=step.value or "",
                match=step.match,
                negated=step.negated,
            )
            return [check], resolution
        if kind == "state":
            return self._state(driver, step, find)
        if kind == "value_contains":
            resolution = find(driver, step)
            value = step.value or ""
            check = Operation(
                op="check",
                name="value",
                locator=resolution.locator,
                value=value,
                match="contains",
                negated=step.negated,
            )
            return [check], resolution
        if kind == "count" and step.target_ref is not None:
            return self._count(driver, step, route)
        if kind == "element_visible" and step.role == "alert" and step.target_ref is None:
            shown = self._browser_alert(driver, step)
            if shown is not None:
                return shown
        if kind == "element_visible" and not step.negated and step.described and step.target_ref is None:
            return self._all_visible(driver, step)
        return None

    def _browser_alert(self, driver: Driver, step: ExpectationStep) -> Handled | None:
        """ "Then an alert is displayed" where the page has no alert element and its script opens a
        browser dialog (`alert("…")`): a dialog was shown (its message unsaid, any one). Not when a
        form's field is invalid and no dialog came: the "alert" may be the browser's validation."""
        if step.target and quoted(step.text, step.target):
            return None
        driver.wait_for_settle()
        if driver.count(Locator(parts=(LocatorPart(kind="role", role="alert", value=""),))) > 0:
            return None  # an element the page shows as an alert: the usual visibility check
        if self._dialog_call is None:
            from specwalk.index.source_scan import dialog_call

            root = Path(self.ui_map.root)
            self._dialog_call = (dialog_call(root) if root.is_dir() else None) or ""
        if not self._dialog_call:
            return None
        if _validation_instead(driver):
            return None
        check = Operation(op="check", name="dialog", value="", match="contains", negated=step.negated)
        message = f"no alert element on the page; its script opens a browser dialog ({self._dialog_call})"
        return [check], Resolution(locator=None, message=message)

    def _all_visible(self, driver: Driver, step: ExpectationStep) -> Handled | None:
        """ "the piano keys are visible": a plural description of many elements, all of them shown:
        there are some, and none of them is hidden."""
        words = (step.target or "").lower().split()
        if not words or not words[-1].endswith("s") or words[-1].endswith("ss"):
            return None
        phrase = step.target or ""
        found = elements_by_words(driver, content_words(phrase) | {w for w in tokenize(phrase) if w in TAG_WORDS})
        if found is None:
            return None
        hidden = Locator(parts=(*found.parts[:-1], found.target.model_copy(update={"hidden": True})))
        some = Operation(op="check", name="count", locator=found, value="0", negated=True)
        none_hidden = Operation(op="check", name="count", locator=hidden, value="0")
        return [some, none_hidden], Resolution(
            locator=found, message=f"all {driver.count(found)} elements '{phrase}' names"
        )

    def _given_field_state(self, driver: Driver, step: ExpectationStep, find: TargetFinder) -> Handled | None:
        """ "Given the volume slider is set to 0.5", "Given the "Monday" checkbox is checked": a Given
        states how a field the user sets is; when the page does not show it yet, the step sets it
        (fill / check / uncheck) and then checks it, as the scenario requires."""
        if step.keyword_type != "given" or step.expectation not in ("value_equals", "checked"):
            return None
        if step.expectation == "value_equals" and step.value is None:
            return None
        resolution = find(driver, step)
        locator = resolution.locator
        assert locator is not None
        facts = driver.facts(locator)
        if facts is None or not facts.editable:
            return None
        if step.expectation == "checked":
            if facts.type not in ("checkbox", "radio") or (step.negated and facts.type == "radio"):
                return None
            name, value, action = "checked", None, "uncheck" if step.negated else "check"
        else:
            name, value, action = "value", step.value, "select" if facts.tag == "select" else "fill"
        check = Operation(
            op="check", name=name, locator=locator, value=value, negated=step.negated and name == "checked"
        )
        if driver.check(name, locator, value, negated=check.negated, timeout_ms=_GLANCE_MS).ok:
            return None  # it already is: the Given checks it, as written
        act = Operation(op="act", name=action, locator=locator, value=value if action != "check" else None)
        if action == "select":
            act = act.model_copy(update={"value": None})
            chosen = Locator(
                parts=(*locator.parts, LocatorPart(kind="css", value=f"option[value={_css_quote(value or '')}]"))
            )
            if driver.count(chosen) != 1:
                return None  # the value is no option's: not for us to pick one
            act = Operation(op="act", name="select", locator=locator, value=driver.text_of(chosen).strip())
        resolution.message = f"{resolution.message}; the Given sets this field up ({action}), then checks it".lstrip(
            "; "
        )
        return [act, check], resolution

    def _every_has_class(self, driver: Driver, step: ExpectationStep) -> Handled | None:
        """ "each piano key with data-testid starting with 'piano-key' should have the 'hide' class",
        "no seat should have the class 'selected'": a reference that matches many, about all of
        them: none of the matches may lack the class (or, negated, have it); checked as a count."""
        if step.target_ref is None or step.nth is not None or not _ALL_OR_NONE.search(step.text):
            return None
        selector = ref_css(step.target_ref)
        if selector is None:
            return None
        matches = Locator(parts=(LocatorPart(kind="css", value=selector),))
        driver.wait_attached(matches, timeout_ms=self.targets.timeout_ms)
        if driver.count(matches) < 2:
            return None
        name = (step.value or "").strip().lstrip(".")
        if not re.fullmatch(r"-?[A-Za-z_][\w-]*", name):
            return None
        wrong = f"{selector}.{name}" if step.negated else f"{selector}:not(.{name})"
        check = Operation(
            op="check", name="count", locator=Locator(parts=(LocatorPart(kind="css", value=wrong),)), value="0"
        )
        present = Operation(op="check", name="count", locator=matches, value="0", negated=True)
        message = f"all {driver.count(matches)} elements with {describe_ref(step.target_ref)}"
        return [present, check], Resolution(locator=matches, message=message)

    def _count(self, driver: Driver, step: ExpectationStep, route: str | None) -> Handled:
        """ "the list with data-testid 'todos' has 2 items" counts the list's items; "3 elements with
        the class 'seat selected'" counts the matches themselves."""
        if step.count is None:
            raise NotGrounded("the step gives no number to count")
        resolution = self.target(driver, step, route=route, must_exist=False, many=True)
        locator = resolution.locator
        assert locator is not None
        facts = driver.facts(locator) if driver.count(locator) == 1 else None
        items = _ITEMS.get(facts.tag) if facts is not None else None
        if facts is not None and items is None and facts.attributes.get("role") in _ITEM_ROLES:
            role = _ITEM_ROLES[facts.attributes["role"]]
            items = None
            locator = Locator(parts=(*locator.parts, LocatorPart(kind="role", role=role, value="")))
        elif items is not None:
            locator = Locator(parts=(*locator.parts, LocatorPart(kind="css", value=items)))
        check = Operation(op="check", name="count", locator=locator, value=str(step.count), negated=step.negated)
        return [check], resolution

    def _state(self, driver: Driver, step: ExpectationStep, find: TargetFinder) -> Handled:
        if not step.value:
            raise NotGrounded("the step names no state to look for")
        resolution = find(driver, step)
        locator = resolution.locator
        assert locator is not None
        facts = driver.facts(locator)
        element = resolution.element
        own: set[str] = set()
        map_attributes: set[str] = set()
        if element is not None:
            from specwalk.index.source_scan import class_names_in_binding

            for name in ("class", "className", ":class", "v-bind:class", "[class]", "[ngClass]"):
                attribute = element.attributes.get(name)
                if attribute is not None:
                    own |= class_names_in_binding(attribute.value if attribute.literal else attribute.expression)
            map_attributes = set(element.attributes)
        chosen = choose_state_check(
            step.value,
            tag=facts.tag if facts else (element.native_tag or "" if element else ""),
            input_type=facts.type if facts else "",
            own_classes=frozenset(own),
            live_classes=frozenset(facts.classes if facts else ()),
            live_attributes=facts.attributes if facts else {},
            map_attributes=frozenset(map_attributes),
            source_classes=self.source_classes(),
            negated=step.negated,
        )
        if chosen is None:
            raise NotGrounded(
                f"the app has no known way to show '{step.value}' on this element: no such class in its source, "
                'no aria-* attribute for it; say what shows it (e.g. has the class "…")',
                resolution,
            )
        name, negated = chosen.name, step.negated != chosen.inverted
        if name == "disabled" and negated:
            name, negated = "enabled", False
        check = Operation(op="check", name=name, locator=locator, value=chosen.value, key=chosen.key, negated=negated)
        resolution.message = f"{resolution.message}; state '{step.value}': {chosen.why}".lstrip("; ")
        return [check], resolution


# Words that name a page as a page, not which one: "the Movie Seat Booking webpage".
_PAGE_WORDS = frozenset(
    {"page", "webpage", "web", "screen", "view", "site", "website", "app", "application", "页面", "页", "网页"}
)


def _name_words(text: str) -> set[str]:
    from specwalk.ground.retrieve import tokenize

    return {word for word in tokenize(text) if word not in _PAGE_WORDS}


def page_named(driver: Driver, name: str, paths: Sequence[str]) -> str | None:
    """The static route whose document title or main heading says the page's name: "the movie
    seat booking page" is the page titled "Movie Seat Booking" (every word of the name in it).

    An app with one page only needs one word of its name in the title or heading ("the piano
    webpage" for "Playable Piano"); with several, every word must be there.
    """
    wanted = _name_words(name)
    if not wanted:
        return None
    for path in paths or ["/"]:
        target = path if not path.startswith("#") else "/" + path
        if not driver.goto(target).ok:
            continue
        driver.wait_for_settle()
        shown: set[str] = set()
        for selector in ("head > title", "h1", "h2"):
            locator = Locator(parts=(LocatorPart(kind="css", value=selector),))
            if driver.count(locator):
                with suppress(Exception):  # a vendor error: then this text is not known
                    shown |= _name_words(driver.text_of(locator))
        if wanted <= shown or (len(paths) <= 1 and wanted & shown):
            return target
    return None


def _validation_instead(driver: Driver) -> bool:
    """No dialog came and a form's field is invalid (a required one left empty): the browser's own
    validation stopped the submit and shows its bubble, which no dialog check (nor any locator)
    sees. Not ours to call an app defect."""
    invalid = Locator(parts=(LocatorPart(kind="css", value="form:not([novalidate]) :invalid"),))
    return not driver.dialogs and driver.count(invalid) > 0


def _already_chosen(driver: Driver, operation: Operation) -> Operation | None:
    """A check that the dropdown shows the option `operation` selects, when it already does."""
    if operation.locator is None or not operation.value or driver.count(operation.locator) != 1:
        return None
    chosen = Locator(parts=(*operation.locator.parts, LocatorPart(kind="css", value="option:checked")))
    if driver.count(chosen) != 1:
        return None
    by_value = Locator(
        parts=(
            *operation.locator.parts,
            LocatorPart(kind="css", value=f"option:checked[value={_css_quote(operation.value)}]"),
        )
    )
    label = " ".join(driver.text_of(chosen).split())
    if label != " ".join(operation.value.split()) and driver.count(by_value) != 1:
        return None
    return Operation(op="check", name="text", locator=chosen, value=label)


def _off(driver: Driver, locator: Locator) -> bool:
    facts = driver.facts(locator) if driver.count(locator) == 1 else None
    return facts is not None and facts.offpage


def _moved_off(driver: Driver, locator: Locator, timeout_ms: float) -> bool:
    """Whether an element that should be hidden is rendered but moved off the page (waiting, as
    the check itself would, while it is still on its way out)."""
    waited = 0.0
    while True:
        if driver.count(locator) != 1 or driver.visible_count(locator) == 0:
            return False  # hidden (or gone) the usual way
        if _off(driver, locator):
            return True
        if waited >= timeout_ms:
            return False
        driver.pause(250)
        waited += 250


def _without_text_beside(driver: Driver, operation: Operation) -> Operation:
    """ "the total price with data-testid 'total-price' should be "$20"" where the page writes
    `$<span data-testid="total-price">20</span>`: the "$" is the page's text beside the element,
    so the element itself must show "20"."""
    assert operation.locator is not None and operation.value is not None
    facts = driver.facts(operation.locator) if driver.count(operation.locator) == 1 else None
    if facts is None or facts.editable:
        return operation
    value = operation.value
    before = next(
        (facts.before[-n:] for n in range(len(facts.before), 0, -1) if value.startswith(facts.before[-n:])), ""
    )
    after = next((facts.after[:n] for n in range(len(facts.after), 0, -1) if value.endswith(facts.after[:n])), "")
    core = value[len(before) : len(value) - len(after)]
    if (not before.strip() and not after.strip()) or not core.strip():
        return operation
    return operation.model_copy(update={"value": core.strip() if operation.name == "text" else core})


def _no_items(driver: Driver, operation: Operation) -> Operation:
    """ "the timetable table is empty": a table with its header row, a list, has no items (a count);
    toBeEmpty would need it to have no children at all, headers included."""
    assert operation.locator is not None
    facts = driver.facts(operation.locator) if driver.count(operation.locator) == 1 else None
    items = _EMPTY_ITEMS.get(facts.tag) if facts is not None else None
    if items is None:
        return operation
    locator = Locator(parts=(*operation.locator.parts, LocatorPart(kind="css", value=items)))
    return operation.model_copy(update={"name": "count", "locator": locator, "value": "0"})


def shown_value(driver: Driver, operation: Operation) -> Operation:
    """A field shows its value, not its text: "the "Start time" field should display "09:00"" is a
    value check; a dropdown shows its chosen option's label. Other elements keep the text check."""
    if operation.name not in ("text", "contains") or operation.locator is None:
        return operation
    facts = driver.facts(operation.locator)
    if facts is None or not facts.editable:
        return operation
    if facts.tag == "select":
        chosen = Locator(parts=(*operation.locator.parts, LocatorPart(kind="css", value="option:checked")))
        return operation.model_copy(update={"locator": chosen})
    if operation.name == "contains":
        return operation.model_copy(update={"name": "value", "match": "contains"})
    return operation.model_copy(update={"name": "value"})
