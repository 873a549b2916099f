"""Hand-built UI-map elements and scenarios for unit tests over the in-memory fake driver."""

from __future__ import annotations

from pathlib import Path

from specwalk.browser.driver import Session
from specwalk.browser.fake import FakeApp, FakeSession
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Requirement, Scenario, SourceRef
from specwalk.models.uimap import LocatorCandidate, Route, SourceSpan, TextValue, UIElement, UIMap
from specwalk.verify.engine import ScenarioVerifier

BASE_URL = "http://app.test/"


def ui_element(
    element_id: str,
    role: str,
    name: str,
    *,
    routes: tuple[str, ...] = ("/",),
    shared: int = 1,
    repeated: bool = False,
) -> UIElement:
    """An element known by `name` with one role locator, declared at `element_id` (file:line:column)."""
    file, line, column = element_id.rsplit(":", 2)
    return UIElement(
        id=element_id,
        location=SourceSpan(file=file, line=int(line), column=int(column)),
        component=None,
        tag=role,
        native_tag=role,
        role=role,
        accessible_name=TextValue(kind="literal", value=name),
        routes=list(routes),
        description=f'{role} "{name}"',
        locators=[
            LocatorCandidate(
                strategy="role",
                role=role,
                value=name,
                score=100,
                stable=True,
                shared=shared,
                repeated=repeated,
                playwright=f"getByRole('{role}', {{ name: '{name}' }})",
            )
        ],
    )


def ui_map(*elements: UIElement, routes: tuple[str, ...] = ("/",)) -> UIMap:
    return UIMap(
        specwalk_version="test",
        root="/app",
        framework="html",
        locales=["en"],
        files_indexed=1,
        routes=[
            Route(path=path, component=None, location=SourceSpan(file="app.js", line=1, column=1), source="hash")
            for path in routes
        ],
        elements=list(elements),
    )


def verifier(
    app: FakeApp | Session,
    the_map: UIMap,
    *,
    timeout_ms: float = 5_000,
    base_url: str = BASE_URL,
    artifacts: Path | None = None,
) -> ScenarioVerifier:
    """A verifier over the fake app, or over a real browser session (then `base_url` is the app's)."""
    resolver = Resolver(LexicalRetriever(the_map.elements), locale="en")
    session = FakeSession(app) if isinstance(app, FakeApp) else app
    return ScenarioVerifier(
        session, the_map, resolver, base_url=base_url, locale="en", timeout_ms=timeout_ms, artifacts=artifacts
    )


def _source(line: int) -> SourceRef:
    return SourceRef(file="requirements.md", line=line)


def open_page(path: str, line: int = 1) -> ActionStep:
    return ActionStep(text=f'I open "{path}"', source=_source(line), action="open", value=path)


def click(name: str, line: int, role: str = "button") -> ActionStep:
    return ActionStep(text=f'I click "{name}"', source=_source(line), action="click", target=name, role=role)


def fill(target: str, value: str, line: int) -> ActionStep:
    return ActionStep(
        text=f'I fill in "{target}" with "{value}"', source=_source(line), action="fill", target=target, value=value
    )


def sees(text: str, line: int) -> ExpectationStep:
    return ExpectationStep(text=f'I should see "{text}"', source=_source(line), expectation="text_visible", value=text)


def scenario(name: str, *steps: ActionStep | ExpectationStep) -> Scenario:
    return Scenario(id=name.lower().replace(" ", "-"), name=name, source=_source(1), steps=steps)


def plan(*scenarios: Scenario) -> Plan:
    requirement = Requirement(
        id="feature/requirement",
        kind="criterion",
        feature="Feature",
        title="Requirement",
        text="",
        source=_source(1),
        scenarios=scenarios,
    )
    return Plan(requirements=(requirement,))
