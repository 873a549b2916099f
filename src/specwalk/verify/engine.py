"""Run one scenario step by step in a real browser: ground, act, check, then prove sensitivity.

Grounding happens live, at the moment each step runs, so a locator is proven unique in the state
the test will see. The result is a list of resolved `Operation`s (what the emitters render) plus
per-step evidence. Expected failures are values: a step that cannot be grounded, an action the
app refuses, an expectation that does not hold.
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from specwalk.browser.driver import Driver, Outcome, Session
from specwalk.ground.resolve import Resolution, Resolver, from_candidate
from specwalk.ground.routes import in_app, match_route, route_for_page
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Evidence, Operation, ScenarioStatus, StepResult, StepStatus
from specwalk.models.scenario import ActionStep, ExpectationStep, Scenario, StateStep, Step
from specwalk.models.uimap import UIMap
from specwalk.verify import replays
from specwalk.verify import steps as step_kinds
from specwalk.verify.replays import execute
from specwalk.verify.steps import NotGrounded, StepKinds

_ACT_NAMES = {
    "click": "click",
    "double_click": "dblclick",
    "fill": "fill",
    "type": "fill",
    "clear": "clear",
    "press": "press",
    "select": "select",
    "check": "check",
    "uncheck": "uncheck",
    "hover": "hover",
    "upload": "upload",
    "right_click": "right_click",
    "submit": "submit",
}
_NAVIGATIONS = frozenset({"goto", "reload", "go_back", "go_forward"})
_ELEMENT_CHECKS = {
    "element_visible": ("visible", False),
    "enabled": ("enabled", False),
    "checked": ("checked", False),
    "focused": ("focused", False),
    "empty": ("empty", False),
    "text_equals": ("text", True),
    "text_contains": ("contains", True),
    "value_equals": ("value", True),
}


class StepObserver(Protocol):
    """Watches a live run around each grounded step (the manual takes its pictures here, so the
    scenario runs once). It may look at the page, never change its state."""

    def before(self, driver: Driver, index: int, operations: Sequence[Operation]) -> None:
        """The step's operations are resolved and about to run."""

    def after(self, driver: Driver, index: int, operations: Sequence[Operation]) -> None:
        """The step's operations all succeeded."""


@dataclass
class StepRun:
    step: Step
    result: StepResult


@dataclass
class ScenarioRun:
    scenario: Scenario
    status: ScenarioStatus
    steps: list[StepResult] = field(default_factory=list)
    message: str = ""

    @property
    def operations(self) -> list[Operation]:
        return [operation for step in self.steps for operation in step.operations]


class CheckFailed(Exception):
    """Internal signal: an expectation already failed while its locator was being chosen."""

    def __init__(self, operation: Operation, outcome: Outcome) -> None:
        super().__init__(outcome.message)
        self.operation = operation
        self.outcome = outcome


def _evidence(resolution: Resolution | None, message: str = "", **extra: str | None) -> Evidence:
    if resolution is None:
        return Evidence(message=message, expected=extra.get("expected"), actual=extra.get("actual"))
    element = resolution.element
    return Evidence(
        element_id=element.id if element else None,
        source=element.location if element else None,
        candidates=resolution.candidates,
        alternatives=resolution.tried[:6],
        rejected_because=resolution.rejected[:6],
        expected=extra.get("expected"),
        actual=extra.get("actual"),
        message=message or resolution.message,
        copies=resolution.copies or None,
    )


class ScenarioVerifier:
    """Runs scenarios against one app in one browser session."""

    def __init__(
        self,
        session: Session,
        ui_map: UIMap,
        resolver: Resolver,
        *,
        base_url: str,
        locale: str,
        timeout_ms: float = 5_000,
        artifacts: Path | None = None,
        still: bool = False,
        reset: Callable[[], None] | None = None,
    ) -> None:
        """`still`: every live run in a context made for repeatable pictures (the manual's).

        `reset` ([app] reset) runs before every run and replay, so each starts from the same data.
        """
        self.session = session
        self.ui_map = ui_map
        self.resolver = resolver
        self.base_url = base_url
        self.locale = locale
        self.timeout_ms = timeout_ms
        self.artifacts = artifacts
        self.kinds = StepKinds(resolver, ui_map, timeout_ms=timeout_ms)
        self.still = still
        self.reset = reset
        self._pages_by_heading: dict[str, str] = {}
        # Saved states proven per distinct prefix (replays.state_after), in a folder of their own.
        self.states: dict[str, Path | None] = {}
        self.state_dir: tempfile.TemporaryDirectory[str] | None = None

    @contextmanager
    def patient(self, factor: float) -> Iterator[None]:
        """Runs inside wait `factor` times longer for pages, targets and checks: a re-check of a
        probable defect, so that an app slowed by a busy machine is not called wrong."""
        timeout, targets = self.timeout_ms, self.kinds.targets.timeout_ms
        self.timeout_ms, self.kinds.targets.timeout_ms = timeout * factor, targets * factor
        try:
            yield
        finally:
            self.timeout_ms, self.kinds.targets.timeout_ms = timeout, targets

    # -- one live run --------------------------------------------------------------------------

    def run(
        self,
        scenario: Scenario,
        *,
        on_step: Callable[[int, int, str], None] | None = None,
        observer: StepObserver | None = None,
        still: bool = False,
    ) -> ScenarioRun:
        """One live run; `still`: in a context made for repeatable pictures (`Session.still_page`)."""
        steps = self.kinds.begin(scenario)
        run = ScenarioRun(scenario, "passed")
        self._reset()
        opened = (
            self.session.still_page(self.base_url, timeout_ms=self.timeout_ms, locale=self.locale)
            if still or self.still
            else self.session.page(self.base_url, timeout_ms=self.timeout_ms, locale=self.locale)
        )
        with opened as driver:
            starts_with_open = bool(steps) and isinstance(steps[0], ActionStep) and steps[0].action == "open"
            results: Iterator[StepResult] = (
                self._run_step(driver, index, step, scenario, observer, on_step, len(steps))
                for index, step in enumerate(steps)
            )
            if not starts_with_open:
                start = Operation(op="goto", value="/")
                opened_app = driver.goto("/")
                status: StepStatus = "passed" if opened_app.ok else "failed"
                results = itertools.chain(
                    [
                        StepResult(
                            index=-1,
                            text="(open the app)",
                            source=scenario.source,
                            operations=[start],
                            status=status,
                            evidence=Evidence(message=opened_app.message),
                        )
                    ],
                    results,
                )
            for result in results:
                if result.index >= 0:
                    result = step_kinds.unmet_assumption(steps[result.index], result, run.steps)
                run.steps.append(result)
                if result.status in ("failed", "not_grounded"):
                    self._verdict(driver, run, result)
                    break
        run.steps.extend(
            StepResult(index=i, text=s.text, source=s.source, expanded_from=s.expanded_from, status="not_run")
            for i, s in enumerate(steps)
            if i > max((r.index for r in run.steps), default=-1)
        )
        return run

    def _verdict(self, driver: Driver, run: ScenarioRun, result: StepResult) -> None:
        """Why the run stopped at `result`: the environment's failure when the app did not answer
        (a page that would not load, a 5xx document, a crash), else not grounded or an app defect."""
        unanswered = driver.problem()
        if unanswered is None and result.operations and all(op.op in _NAVIGATIONS for op in result.operations):
            unanswered = result.evidence.message  # a page load that failed is never the app's defect
        if unanswered is not None:
            run.status, folder = "environment", "environment"
            run.message = f"{result.source}: the app did not answer: {unanswered}"
            evidence = result.evidence.model_copy(update={"message": f"the app did not answer: {unanswered}"})
        elif result.status == "not_grounded":
            run.status, run.message = "not_grounded", f"{result.source}: {result.evidence.message}"
            return
        else:
            run.status, folder = "app_defect", "defects"
            run.message = f"{result.source}: {result.evidence.message}"
            evidence = result.evidence
        if self.artifacts is not None:
            relative = f"{folder}/{_safe(run.scenario.id)}.png"  # relative: reports move between machines
            driver.screenshot(self.artifacts / relative)
            evidence = evidence.model_copy(update={"screenshot": relative})
        run.steps[-1] = result.model_copy(update={"evidence": evidence})

    def _reset(self) -> None:
        if self.reset is not None:
            self.reset()

    def _route(self, driver: Driver) -> str | None:
        return match_route(driver.url, self.ui_map.routes)

    def _run_step(
        self,
        driver: Driver,
        index: int,
        step: Step,
        scenario: Scenario,
        observer: StepObserver | None = None,
        on_step: Callable[[int, int, str], None] | None = None,
        total: int = 0,
    ) -> StepResult:
        if on_step:
            on_step(index + 1, total, step.text)
        base = StepResult(
            index=index, text=step.text, source=step.source, expanded_from=step.expanded_from, status="passed"
        )
        try:
            if isinstance(step, StateStep):
                raise NotGrounded(
                    f"the state '{step.state}' has no steps: define it in the requirements' Steps section "
                    "or Background, or write the steps that reach it"
                )
            if isinstance(step, ActionStep):
                operations, resolution = self._action(driver, step)
                operations = [*self.kinds.reads_before(driver, index, self._target), *operations]
            else:
                operations, resolution = self._expectation(driver, step)
        except NotGrounded as problem:
            return base.model_copy(
                update={"status": "not_grounded", "evidence": _evidence(problem.resolution, str(problem))}
            )
        except CheckFailed as failure:
            evidence = _evidence(
                None,
                failure.outcome.message,
                expected=_describe_expected(failure.operation),
                actual=failure.outcome.actual,
            )
            return base.model_copy(update={"operations": [failure.operation], "status": "failed", "evidence": evidence})
        if observer is not None:
            observer.before(driver, index, operations)
        defaulted = driver.defaulted_dialogs
        for operation in operations:
            outcome = execute(driver, operation)
            if not outcome.ok and operation.op == "act":
                # Only a failed expectation is a probable app defect; an element that cannot take the
                # action is most likely the wrong element, so this is a generation failure.
                message = f"could not {operation.name} the element it resolved to: {outcome.message}"
                return base.model_copy(
                    update={
                        "operations": operations,
                        "status": "not_grounded",
                        "evidence": _evidence(resolution, message),
                    }
                )
            if not outcome.ok:
                expected = _describe_expected(operation)
                evidence = _evidence(resolution, outcome.message, expected=expected, actual=outcome.actual)
                return base.model_copy(update={"operations": operations, "status": "failed", "evidence": evidence})
        if observer is not None:
            observer.after(driver, index, operations)
        if driver.defaulted_dialogs > defaulted and not any(operation.op == "dialog" for operation in operations):
            # A dialog the scenario does not mention came up and was answered with OK: the test
            # answers it the same way (without a handler Playwright would press Cancel).
            operations = [Operation(op="dialog", name="accept"), *operations]
        return base.model_copy(update={"operations": operations, "evidence": _evidence(resolution)})

    # -- steps -> operations -------------------------------------------------------------------

    def _target(
        self,
        driver: Driver,
        step: ActionStep | ExpectationStep,
        *,
        must_exist: bool = True,
        action: str | None = None,
        option: str | None = None,
    ) -> Resolution:
        if step_kinds.exact(step):
            if step.target_ref is None:  # a reference needs no settled page; "briefly" shown states do not wait
                driver.wait_for_settle()
            return self.kinds.target(driver, step, route=self._route(driver), must_exist=must_exist, action=action)
        if not step.target:
            if step.role and not step.scope:
                # "the dialog is closed": the role alone names it.
                driver.wait_for_settle()
                only = Locator(parts=(LocatorPart(kind="role", role=step.role, value=""),))
                if driver.count(only) <= 1 or not must_exist:
                    return Resolution(locator=only, message=f"the only {step.role} on the page")
            raise NotGrounded("the step names no element to act on or check")
        driver.wait_for_settle()
        resolution = self.resolver.resolve(
            driver,
            step.target,
            role=step.role,
            scope=step.scope,
            scope_role=step.scope_role,
            route=self._route(driver),
            must_exist=must_exist,
            action=action,
            literal=_quoted(step.text, step.target),
            context=step.text,
            option=option,
        )
        if not resolution.ok and must_exist:
            # Waited for the words as the step uses them; a last look without the action's roles
            # and with the route the page has now reached.
            resolution = self.resolver.resolve(
                driver,
                step.target,
                role=step.role,
                scope=step.scope,
                scope_role=step.scope_role,
                route=self._route(driver),
                context=step.text,
                option=option,
                timeout_ms=0,
            )
        if not resolution.ok and (nearby := self.kinds.fallback(driver, step)) is not None:
            return nearby
        if not resolution.ok:
            raise NotGrounded(resolution.message, resolution)
        return resolution

    def _action(self, driver: Driver, step: ActionStep) -> tuple[list[Operation], Resolution | None]:
        handled = self.kinds.action(driver, step, self._target, self._route(driver))
        if handled is not None:
            return handled
        action = step.action
        if action == "open":
            return [Operation(op="goto", value=self._open_path(driver, step))], None
        if action in ("reload", "go_back", "go_forward"):
            return [Operation(op=action)], None
        if action == "wait":
            if step.target:
                resolution = self._target(driver, step)
                return [Operation(op="check", name="visible", locator=resolution.locator)], resolution
            seconds = _seconds(step.value)
            if seconds is not None and seconds * 1000 <= self.timeout_ms:
                # Web-first assertions already wait this long for the next expectation to hold.
                return [], None
            raise NotGrounded(
                f"a fixed wait ({step.value}) longer than the {self.timeout_ms / 1000:g} s assertions wait makes "
                "tests slow and flaky; wait for something to appear or disappear instead"
            )
        if action in ("press", "type") and not step.target:
            key = step.key or step.value
            if action == "type":
                raise NotGrounded('typing needs a field: say which one (e.g. type "x" into the "Title" field)')
            return [Operation(op="press_key", value=key or "Enter")], None
        if action == "select" and step.value and not step.target and step.target_ref is None:
            # "I select "Express (1–2 business days)"": an option shown as a radio button.
            option = self.resolver.resolve(driver, step.value, role="radio", route=self._route(driver))
            if not option.ok:
                raise NotGrounded(option.message, option)
            return [Operation(op="act", name="check", locator=option.locator)], option
        name = _ACT_NAMES[action]
        chosen = step.value if action == "select" else None
        resolution = self._target(driver, step, action=name, option=chosen)
        value = step.key if action == "press" else step.value
        if action == "select" and step.value is None and step.target:
            name, value = "click", None
        operation = Operation(op="act", name=name, locator=resolution.locator, value=value)
        return [self.kinds.as_done(driver, operation)] * max(1, step.count or 1), resolution

    def _open_path(self, driver: Driver, step: ActionStep) -> str:
        if step.value and (step.value.startswith(("/", "#", "http"))):
            return in_app(step.value, self.ui_map.routes)
        name = step.target or step.value or ""
        if name.strip().lower() in ("app", "the app", "application", "home", "home page", "首页", "应用"):
            return "/"
        route = route_for_page(name, self.ui_map.routes)
        if route is not None:
            return route.path if not route.path.startswith("#") else "/" + route.path
        found = self._page_by_heading(driver, name)
        if found is not None:
            return found
        known = ", ".join(sorted({r.path for r in self.ui_map.routes if not r.redirect})) or "none found"
        raise NotGrounded(
            f"no route is named '{name}' and no page of the app (routes: {known}) shows it as a heading or title; "
            'write its path, e.g. open "/tasks"'
        )

    def _page_by_heading(self, driver: Driver, name: str) -> str | None:
        """The static route whose page shows `name` as a heading ("All notes" -> "/"), found by visiting.

        Remembered per name: every scenario of a feature opens the same page, and finding it costs
        a visit to each route.
        """
        if name not in self._pages_by_heading:
            found = self._find_page_by_heading(driver, name)
            if found is None:
                return None  # not remembered: another scenario's state may show it
            self._pages_by_heading[name] = found
        return self._pages_by_heading[name]

    def _find_page_by_heading(self, driver: Driver, name: str) -> str | None:
        heading = Locator(parts=(LocatorPart(kind="role", role="heading", value=name, exact=True),))
        paths = sorted({r.path for r in self.ui_map.routes if not r.redirect and not re.search(r":\w|\[|\*", r.path)})
        titled: list[str] = []
        for path in paths or ["/"]:
            target = path if not path.startswith("#") else "/" + path
            if not driver.goto(target).ok:
                continue
            if driver.check("visible", heading, timeout_ms=1_000).ok:
                return target
            if _names_title(name, _document_title(driver)):
                titled.append(target)
        # "the BMI Calculator page": the page whose document title says so, when only one does
        if len(titled) == 1:
            return titled[0]
        # else its main heading, or, in a one-page app, a title or heading with a word of the name
        return step_kinds.page_named(driver, name, paths)

    def _expectation(self, driver: Driver, step: ExpectationStep) -> tuple[list[Operation], Resolution | None]:
        handled = self.kinds.expectation(driver, step, self._target, self._route(driver))
        if handled is not None:
            return handled
        kind, negated = step.expectation, step.negated
        if kind == "url":
            value = in_app(step.value or "/", self.ui_map.routes)
            return [Operation(op="check", name="url", value=value, negated=negated)], None
        if kind == "title":
            return [Operation(op="check", name="title", value=step.value or "", negated=negated)], None
        if kind == "page":
            name = step.target or step.value or ""
            route = route_for_page(name, self.ui_map.routes)
            if route is None:
                # No route is named so: a page is recognised by its heading, as a user would.
                heading = Locator(parts=(LocatorPart(kind="role", role="heading", value=name, exact=True),))
                return [Operation(op="check", name="visible", locator=heading, negated=negated)], None
            path = route.path
            value = path if not re.search(r":\w+|\[", path) else path.split("/:")[0]
            return [Operation(op="check", name="url", value=value, negated=negated)], None
        if kind == "text_visible":
            return self._text_visible(driver, step)
        if kind == "only_listed":
            return self._only_listed(driver, step)
        if kind == "count":
            return self._count(driver, step)
        if kind in _ELEMENT_CHECKS:
            name, with_value = _ELEMENT_CHECKS[kind]
            must_exist = not (kind == "element_visible" and negated)
            # A dropdown's value ("dark") can single out a select that has no name, as in a select step.
            chosen = step.value if kind == "value_equals" and step.role in ("combobox", "listbox") else None
            resolution = self._target(driver, step, must_exist=must_exist, option=chosen)
            if kind == "element_visible" and negated:
                name, negated = "hidden", False
            if kind == "enabled" and negated:
                name, negated = "disabled", False
            if kind == "checked" and (
                (resolution.element and resolution.element.role == "button") or step.role == "button"
            ):
                name = "pressed"
            check_value: str | None = (step.value or "") if with_value else None
            locator = resolution.locator
            if (
                name in ("text", "contains")
                and locator is not None
                and self._is_label(driver, locator, step.target, step.value)
            ):
                # "the "Shipping" is "$4.95"": the element found says "Shipping"; the value sits beside
                # it, so check the row that holds both.
                locator = Locator(parts=(*locator.parts, LocatorPart(kind="css", value="xpath=..")))
                name = "contains"
                resolution.locator = locator
            check = Operation(
                op="check",
                name=name,
                locator=resolution.locator,
                value=check_value,
                negated=negated,
                match=step.match if with_value else None,
            )
            return [self.kinds.as_seen(driver, check)], resolution
        raise NotGrounded(f"the expectation '{kind}' is not supported by verification yet")

    def _text_visible(self, driver: Driver, step: ExpectationStep) -> tuple[list[Operation], Resolution | None]:
        # "the header shows "alice" and "New article"": every text it quotes, each checked
        texts = list(dict.fromkeys(text for text in (step.value, *step.values) if text))
        if not texts:
            raise NotGrounded("the step quotes no text to look for")
        if step.position and not step.negated:
            # "at the top / end of the list": the first / last item holds the text, not just any.
            items = self._items(driver, step.scope, "listitem")
            index = 0 if step.position == "first" else -1
            item = Locator(parts=(*items.parts[:-1], items.parts[-1].model_copy(update={"nth": index})))
            return [Operation(op="check", name="contains", locator=item, value=text) for text in texts], None
        operations: list[Operation] = []
        for text in texts:
            locator = self._text_locator(driver, text, step.scope, step.scope_role, negated=step.negated)
            operations.append(Operation(op="check", name="visible", locator=locator, negated=step.negated))
        return operations, None

    def _text_locator(
        self, driver: Driver, text: str, scope: str | None, scope_role: str | None, *, negated: bool
    ) -> Locator:
        exact = Locator(parts=(LocatorPart(kind="text", value=text, exact=True),))
        loose = Locator(parts=(LocatorPart(kind="text", value=text),))
        options = [exact, loose]
        if scope:
            container = self.resolver.resolve(driver, scope, role=scope_role, must_exist=True)
            if container.locator is not None:
                options = [Locator(parts=(*container.locator.parts, *option.parts)) for option in options]
        elif scope_role:
            # "in the header": the page's one landmark of that role (a missing one fails the check)
            region = LocatorPart(kind="role", role=scope_role, value="")
            options = [Locator(parts=(region, *option.parts)) for option in options]
        if negated:
            # "should not see X": no element showing X at all. The exact form would also pass when X
            # sits in a longer text ("Bread Delete"), which makes the check unable to fail.
            return options[1]
        # Wait (bounded) for the text to appear anywhere, then pick the most precise unique locator.
        anywhere = options[-1]
        probe = driver.check(
            "visible", Locator(parts=(*anywhere.parts[:-1], anywhere.parts[-1].model_copy(update={"nth": 0})))
        )
        if not probe.ok:
            # It never appeared: report the failure now rather than wait for it a second time.
            raise CheckFailed(Operation(op="check", name="visible", locator=options[0]), probe)
        for option in options:
            if driver.count(option) == 1:
                return option
        for role in ("alert", "status", "heading", "listitem", "dialog"):
            narrowed = Locator(parts=(LocatorPart(kind="role", role=role, value="", has_text=text),))
            if driver.count(narrowed) == 1:
                return narrowed
        # Several places show the text (e.g. a list and a toast); the first one is what the user sees.
        return Locator(parts=(*options[0].parts[:-1], options[0].parts[-1].model_copy(update={"nth": 0})))

    def _count(self, driver: Driver, step: ExpectationStep) -> tuple[list[Operation], Resolution | None]:
        if step.count is None:
            raise NotGrounded("the step gives no number to count")
        item_role = step.role if step.role and step.role != "list" else "listitem"
        items = self._items(driver, step.target, item_role)
        return [Operation(op="check", name="count", locator=items, value=str(step.count), negated=step.negated)], None

    def _only_listed(self, driver: Driver, step: ExpectationStep) -> tuple[list[Operation], Resolution | None]:
        """Exactly these items, in this order: a count and an in-order "contains" over the items."""
        if not step.values:
            raise NotGrounded("the step lists no items")
        items = self._items(driver, step.scope, "listitem")
        return [
            Operation(op="check", name="count", locator=items, value=str(len(step.values))),
            Operation(op="check", name="contains_all", locator=items, value=json.dumps(list(step.values))),
        ], None

    def _items(self, driver: Driver, phrase: str | None, item_role: str) -> Locator:
        """The items of the list a phrase names ("8 products" -> the list "Products"), else this page's list."""
        items = Locator(parts=(LocatorPart(kind="role", role=item_role, value=""),))
        container: Locator | None = None
        if phrase:
            # No waiting: the items' count is checked web-first, and an unnamed list is this page's one.
            named = self.resolver.resolve(
                driver, phrase, role="list", route=self._route(driver), literal=False, timeout_ms=0
            )
            container = named.locator
        if container is None:
            container = self._list_container(driver)
        return Locator(parts=(*container.parts, *items.parts)) if container is not None else items

    def _target_phrase(self, driver: Driver, phrase: str, role: str | None) -> Locator | None:
        resolution = self.resolver.resolve(driver, phrase, role=role, route=self._route(driver))
        return resolution.locator

    def _is_label(self, driver: Driver, locator: Locator, phrase: str | None, expected: str | None) -> bool:
        """Whether the element only names the value ("Shipping"), rather than showing it itself."""
        if not phrase or _plain(phrase) == _plain(expected or ""):
            return False  # "the "Cart" link is "Cart"": the element says the expected text itself
        try:
            own = driver.text_of(locator)
        except Exception:  # noqa: BLE001 - vendor errors: then it is not known to be a label
            return False
        return _plain(own) == _plain(phrase)

    def _list_container(self, driver: Driver) -> Locator | None:
        """The one list on this page: by a unique locator from the UI map, or the page's only list."""
        route = self._route(driver)
        for element in self.ui_map.elements:
            if element.role != "list" or (route and element.routes and route not in element.routes):
                continue
            for candidate in element.locators:
                if candidate.strategy in ("css", "text"):
                    continue
                container = from_candidate(candidate)
                if driver.count(container) == 1:
                    return container
        only = Locator(parts=(LocatorPart(kind="role", role="list", value=""),))
        return only if driver.count(only) == 1 else None

    # -- replays (verify/replays.py) ------------------------------------------------------------

    def sensitivity(self, run: ScenarioRun, *, max_tries: int = 3) -> list[StepResult]:
        """Each passing check must fail when an action that should cause it is skipped."""
        first_own = (1 if run.steps and run.steps[0].index == -1 else 0) + len(run.scenario.preconditions)
        return replays.sensitivity(self, run.steps, first_own, max_tries=max_tries)

    def state_after(self, prefix: Sequence[Operation], rest: Sequence[Operation]) -> Path | None:
        """The cookies and storage `prefix` leaves, if starting `rest` from them passes as it did live."""
        return replays.state_after(self, prefix, rest)

    def replay(self, operations: Sequence[Operation]) -> bool:
        """Run resolved operations once in a fresh context: True when every one succeeds."""
        return replays.replay(self, operations)


def _describe_expected(operation: Operation) -> str:
    negation = "not " if operation.negated else ""
    if operation.op == "act":
        return f"can {operation.name} the element"
    if operation.value is not None:
        return f"{negation}{operation.name} {operation.value!r}"
    return f"{negation}{operation.name}"


_QUOTES = (('"', '"'), ("“", "”"), ("「", "」"), ("『", "』"), ("'", "'"), ("‘", "’"), ("`", "`"))


def _quoted(text: str, target: str) -> bool:
    """Whether the requirement quotes the target: then it is the UI's own words, not a description."""
    return any(f"{left}{target}{right}" in text for left, right in _QUOTES)


def _seconds(value: str | None) -> float | None:
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|秒)?\s*$", value or "")
    if not match:
        return None
    amount = float(match.group(1))
    return amount / 1000 if (match.group(2) or "").startswith("m") else amount


def _safe(identifier: str) -> str:
    return re.sub(r"[^\w.-]+", "_", identifier)[:120]


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


_TITLE = Locator(parts=(LocatorPart(kind="css", value="head > title"),))
_PAGE_WORDS = frozenset({"page", "webpage", "screen", "view", "app", "application", "site", "website", "the"})


def _document_title(driver: Driver) -> str:
    """The open page's document title ("" when it has none)."""
    if driver.count(_TITLE) == 0:
        return ""
    return driver.text_of(_TITLE)


def _names_title(name: str, title: str) -> bool:
    """Whether a page name is the document title's: every word of it (but "page", "webpage" …) is a
    word of the title, case aside ("the movie seat booking page", "the piano webpage")."""
    words = {word for word in re.findall(r"\w+", name.lower()) if word not in _PAGE_WORDS}
    return bool(words) and words <= set(re.findall(r"\w+", title.lower()))
