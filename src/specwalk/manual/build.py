"""Verify every planned scenario in the app's locale for a manual language, taking its pictures as it runs.

A manual language maps to the app locale it shows: the project's locale in that language when the
app has one (`zh` -> `zh`, or `zh-CN`), else the app's default. Languages that share a locale
share the verification and the pictures; only the sentences differ. In a non-default locale the
scenario's quoted UI texts are first moved to that locale through the app's own i18n texts; when
that version does not pass, the scenario as written is tried (it may switch languages itself).
Each scenario runs once, in a still page (repeatable pictures), with a camera watching; only
the pictures of a run that passes are kept. The others are reported as omitted, with the reason.
Several browsers may run scenarios side by side; each scenario gets its own fresh context either
way, and the manual is assembled in the plan's order.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from specwalk import __version__
from specwalk.browser.driver import Session
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever, Retriever
from specwalk.manual.capture import Camera, describe
from specwalk.manual.catalog import Catalog, locale_messages, mixed, translate_scenario
from specwalk.manual.chapters import chapters
from specwalk.manual.tasks import Group, group_plan, outcomes_wanted
from specwalk.models.manual import ManualDocument, ManualScenario, Omitted, Secret
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.models.uimap import UIMap
from specwalk.verify.engine import ScenarioRun, ScenarioVerifier
from specwalk.verify.suite import verify_plan

Say = Callable[[str], None]
# Opens another browser, in the thread that will use it.
SessionFactory = Callable[[], AbstractContextManager[Session]]


def app_locale(language: str, locales: Sequence[str]) -> str:
    """The app locale a manual in `language` shows: the app's own locale in that language, else its default."""
    for locale in locales:
        lowered = locale.lower().replace("_", "-")
        if lowered == language or lowered.startswith(language + "-"):
            return locale
    return locales[0] if locales else "en"


def feature_slugs(plan: Plan) -> dict[str, str]:
    """Feature name -> an ASCII file name, unique, in requirements order."""
    slugs: dict[str, str] = {}
    for requirement in plan.requirements:
        if requirement.feature in slugs:
            continue
        head = requirement.id.split("/", 1)[0]
        slug = re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-") or f"feature-{len(slugs) + 1}"
        base, number = slug, 2
        while slug in slugs.values():
            slug, number = f"{base}-{number}", number + 1
        slugs[requirement.feature] = slug
    return slugs


@dataclass
class LocaleCapture:
    """What one app locale gave: captured scenarios by id, their pictures, what was left out."""

    locale: str
    scenarios: dict[str, ManualScenario] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)
    omitted: list[Omitted] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)  # the plan's tasks
    secrets: dict[str, Secret] = field(default_factory=dict)  # values typed into hidden fields
    shots: int = 0
    shot_seconds: float = 0.0  # inside the kept pictures' screenshot calls (overlay, capture)
    capture_seconds: float = 0.0  # what pictures add to verifying: settling, screenshot calls
    verify_seconds: float = 0.0  # verifying runs, without what the pictures took


def _pairs(plan: Plan) -> list[tuple[Requirement, Scenario]]:
    return [(requirement, scenario) for requirement in plan.requirements for scenario in requirement.scenarios]


class Cameras:
    """A camera for every verifying run (a `verify.suite.ObserverFactory`); the last one made for
    a scenario watched its last run, the one its result tells of. Runs of one scenario happen in
    one thread, several scenarios in several."""

    def __init__(self, *, mask: Sequence[str] = (), outcomes: Iterable[str] = ()) -> None:
        """`mask`: what pictures hide; `outcomes`: scenarios whose outcome is pictured too."""
        self._lock = threading.Lock()
        self.mask = tuple(mask)
        self.outcomes = frozenset(outcomes)
        self.last: dict[str, Camera] = {}
        self.all: list[Camera] = []

    def watch(self, scenario: Scenario) -> Camera:
        camera = Camera(scenario, mask=self.mask, outcome=scenario.id in self.outcomes)
        with self._lock:
            self.last[scenario.id] = camera
            self.all.append(camera)
        return camera


class LocaleFallback:
    """Other versions of a scenario moved to another locale (a `verify.suite.Fallback`): when the
    moved one fails at some step, the steps from there on as written (the scenario may switch the
    app's language itself); then the scenario as written."""

    def __init__(self, original: Plan) -> None:
        self._written = {scenario.id: scenario for _requirement, scenario in _pairs(original)}

    def another(self, scenario: Scenario, run: ScenarioRun, attempt: int) -> Scenario | None:
        written = self._written.get(scenario.id)
        if written is None or written == scenario:
            return None
        failed = next((step.index for step in run.steps if step.status in ("failed", "not_grounded")), None)
        if attempt == 1 and failed is not None and failed > 0:
            partly = mixed(scenario, written, failed)
            if partly != scenario:
                return partly
        return written if attempt <= 2 and run.scenario != written else None


def moved_plan(plan: Plan, catalog: Catalog) -> Plan:
    """The plan with every scenario's quoted UI texts moved to the catalog's locale."""
    return plan.model_copy(
        update={
            "requirements": tuple(
                requirement.model_copy(
                    update={"scenarios": tuple(translate_scenario(s, catalog) for s in requirement.scenarios)}
                )
                for requirement in plan.requirements
            )
        }
    )


def capture_locale(
    plan: Plan,
    ui_map: UIMap,
    session: Session,
    *,
    base_url: str,
    locale: str,
    default_locale: str,
    root: Path,
    say: Say,
    timeout_ms: float = 5_000,
    helpers: Sequence[SessionFactory] = (),
    mask: Sequence[str] = (),
    retriever: Retriever | None = None,
    reset: Callable[[], None] | None = None,
) -> LocaleCapture:
    """Verify and picture every scenario in `locale` with generate's verification (`verify_plan`),
    a camera watching each run; with `helpers`, that many more browsers take scenarios side by
    side. The result keeps the plan's order whoever ran what, so the manual does not depend on the
    number of browsers."""
    result = LocaleCapture(locale, groups=group_plan(plan, ui_map.routes))
    fallback: LocaleFallback | None = None
    verified_plan = plan
    if locale != default_locale:
        catalog = Catalog(ui_map, default_locale, locale, locale_messages(root, (default_locale, locale)))
        verified_plan = moved_plan(plan, catalog)
        fallback = LocaleFallback(plan)

    def verifier_for(own: Session) -> ScenarioVerifier:
        resolver = Resolver(retriever or LexicalRetriever(ui_map.elements), locale=locale)
        return ScenarioVerifier(
            own, ui_map, resolver, base_url=base_url, locale=locale, timeout_ms=timeout_ms, still=True, reset=reset
        )

    @contextmanager
    def helper(factory: SessionFactory) -> Iterator[ScenarioVerifier]:
        with factory() as own:
            yield verifier_for(own)

    progress_lock = threading.Lock()
    announced: set[int] = set()

    def progress(number: int, total: int, name: str, _step: str) -> None:
        with progress_lock:
            if number not in announced:
                announced.add(number)
                say(f"verify ({locale}) {number}/{total}: {name}")

    cameras = Cameras(mask=mask, outcomes=outcomes_wanted(result.groups))
    started = time.monotonic()
    verified = verify_plan(
        verified_plan,
        verifier_for(session),
        on_progress=progress,
        helpers=[partial(helper, factory) for factory in helpers],
        observe=cameras.watch,
        fallback=fallback,
        sensitivity=False,
    )
    wall = time.monotonic() - started
    # Side by side, the cameras' own times add up to more than the time taken: share them out.
    picturing = sum(camera.seconds + camera.settle_seconds for camera in cameras.all) / (1 + len(helpers))
    result.capture_seconds = min(wall, picturing)
    result.verify_seconds = wall - result.capture_seconds
    for camera in cameras.all:
        result.secrets.update(camera.secret_values)
    slugs = feature_slugs(plan)
    requirements = {requirement.id: requirement for requirement in plan.requirements}
    numbers: dict[str, int] = {}
    for verified_result in verified.scenarios:
        requirement = requirements[verified_result.requirement_id]
        scenario = next(s for s in requirement.scenarios if s.id == verified_result.scenario_id)
        if verified_result.status == "not_planned" or not scenario.complete:
            result.omitted.append(_omit(scenario, "some of its lines could not be planned (see `specwalk plan`)"))
            continue
        if verified_result.status != "passed":
            reason = verified_result.message or verified_result.status.replace("_", " ")
            result.omitted.append(_omit(scenario, f"not verified in the app ({locale}): {reason}"))
            continue
        slug = slugs[requirement.feature]
        captured = describe(
            verified_result,
            cameras.last[scenario.id],
            named=requirement.kind == "gherkin",
            locale=locale,
            image_prefix=f"images/{slug}/{numbers.get(slug, 0) + 1:02d}",
        )
        if captured.scenario is None:
            result.omitted.append(_omit(scenario, f"could not be captured ({locale}): {captured.failure}"))
            continue
        numbers[slug] = numbers.get(slug, 0) + 1
        result.shots += captured.shots
        result.shot_seconds += captured.seconds
        result.images.update(captured.images)
        result.scenarios[scenario.id] = captured.scenario
        say(f"capture ({locale}): {scenario.name}: {captured.shots} picture(s)")
    return result


def _omit(scenario: Scenario, reason: str) -> Omitted:
    return Omitted(scenario_id=scenario.id, name=scenario.name, source=scenario.source, reason=reason)


def assemble(
    plan: Plan, capture: LocaleCapture, *, language: str, project: str, translations: Mapping[str, str] | None = None
) -> ManualDocument:
    """The manual in `language`: chapters in requirements order, each with its tasks; no value
    typed into a password or masked field anywhere in it."""
    stories: dict[str, str | None] = {}
    for requirement in plan.requirements:
        stories[requirement.feature] = stories.get(requirement.feature) or requirement.user_story
    document = ManualDocument(
        specwalk_version=__version__,
        project=project,
        language=language,
        locale=capture.locale,
        features=chapters(capture.groups, capture.scenarios, slugs=feature_slugs(plan), stories=stories),
        omitted=tuple(sorted(capture.omitted, key=lambda item: (item.source.file, item.source.line, item.scenario_id))),
        translations=tuple(sorted((translations or {}).items())),
    )
    return redact(document, capture.secrets)


HIDDEN = "••••"
# Fields that name files, anchors or kinds, never what a user typed or reads.
_NOT_TEXT = frozenset(
    {"image", "anchor", "slug", "scenario_id", "requirement_id", "task", "file", "scenario_ids", "kind", "phrase"}
    | {"role", "scope_role", "secret", "column", "locale", "language", "specwalk_version", "way", "schema_version"}
)


def redact(document: ManualDocument, secrets: Iterable[str]) -> ManualDocument:
    """`document` with every value typed into a password or masked field replaced by ••••: in
    sentences, the requirements' own lines and names, outline rows. Short values only where they
    are the whole text or quoted (a one-letter password must not blank every "a")."""
    hidden = sorted({secret for secret in secrets if secret.strip()}, key=len, reverse=True)
    if not hidden:
        return document

    def hide(text: str) -> str:
        for secret in hidden:
            if text == secret:
                return HIDDEN
            if len(secret) >= 4:
                text = text.replace(secret, HIDDEN)
            else:
                for left, right in _QUOTE_PAIRS:
                    text = text.replace(f"{left}{secret}{right}", f"{left}{HIDDEN}{right}")
        return text

    def walk(value: object, name: str = "") -> object:
        if isinstance(value, str):
            return value if name in _NOT_TEXT else hide(value)
        if isinstance(value, dict):
            return {key: walk(item, key) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [walk(item, name) for item in value]
        return value

    return ManualDocument.model_validate(walk(document.model_dump()))


_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("「", "」"), ("'", "'"), ("‘", "’"))
