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
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from specwalk import __version__
from specwalk.browser.playwright_driver import BrowserSession
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.manual.capture import Camera, describe
from specwalk.manual.catalog import Catalog, locale_messages, mixed, translate_scenario
from specwalk.models.manual import ManualDocument, ManualFeature, ManualScenario, Omitted
from specwalk.models.report import ScenarioResult, StepResult
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.models.uimap import UIMap
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.parallel import side_by_side

Say = Callable[[str], None]
# Opens another browser, in the thread that will use it.
SessionFactory = Callable[[], AbstractContextManager[BrowserSession]]


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
    shots: int = 0
    shot_seconds: float = 0.0  # inside the kept pictures' screenshot calls (overlay, capture)
    capture_seconds: float = 0.0  # what pictures add to verifying: settling, screenshot calls
    verify_seconds: float = 0.0  # verifying runs, without what the pictures took


def _pairs(plan: Plan) -> list[tuple[Requirement, Scenario]]:
    return [(requirement, scenario) for requirement in plan.requirements for scenario in requirement.scenarios]


@dataclass
class _Verified:
    """One scenario's runs: the version that passed (None: none did), its steps, the cameras."""

    chosen: Scenario | None
    steps: list[StepResult]
    message: str
    cameras: list[Camera]
    seconds: float  # wall time of its runs, pictures included


def capture_locale(
    plan: Plan,
    ui_map: UIMap,
    session: BrowserSession,
    *,
    base_url: str,
    locale: str,
    default_locale: str,
    root: Path,
    say: Say,
    timeout_ms: float = 5_000,
    helpers: Sequence[SessionFactory] = (),
) -> LocaleCapture:
    """Verify and picture every scenario in `locale`; with `helpers`, that many more browsers take
    scenarios side by side. The result keeps the plan's order whoever ran what, so the manual does
    not depend on the number of browsers."""
    result = LocaleCapture(locale)
    catalog = None
    if locale != default_locale:
        catalog = Catalog(ui_map, default_locale, locale, locale_messages(root, (default_locale, locale)))

    def verifier_for(own: BrowserSession) -> ScenarioVerifier:
        resolver = Resolver(LexicalRetriever(ui_map.elements), locale=locale)
        return ScenarioVerifier(own, ui_map, resolver, base_url=base_url, locale=locale, timeout_ms=timeout_ms)

    pairs = _pairs(plan)
    started = time.monotonic()
    runs = _run_all(pairs, verifier_for, session, helpers, catalog, lambda text: say(f"verify ({locale}) {text}"))
    wall = time.monotonic() - started
    slugs = feature_slugs(plan)
    numbers: dict[str, int] = {}
    for (requirement, scenario), verified_run in zip(pairs, runs, strict=True):
        if verified_run is None:
            result.omitted.append(_omit(scenario, "some of its lines could not be planned (see `specwalk plan`)"))
            continue
        chosen, cameras = verified_run.chosen, verified_run.cameras
        picturing = sum(camera.seconds + camera.settle_seconds for camera in cameras)
        result.verify_seconds += verified_run.seconds - picturing
        result.capture_seconds += picturing
        if chosen is None:
            result.omitted.append(_omit(scenario, f"not verified in the app ({locale}): {verified_run.message}"))
            continue
        slug = slugs[requirement.feature]
        verified = ScenarioResult(
            scenario_id=scenario.id,
            requirement_id=requirement.id,
            name=scenario.name,
            feature=requirement.feature,
            source=scenario.source,
            status="passed",
            steps=verified_run.steps,
        )
        captured = describe(
            verified,
            cameras[-1],
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
    # Side by side, the scenarios' own times add up to more than the time taken: scale them down
    # so the phases still add up to the wall time.
    spent = result.verify_seconds + result.capture_seconds
    if spent > wall > 0:
        result.verify_seconds *= wall / spent
        result.capture_seconds *= wall / spent
    return result


def _run_all(
    pairs: Sequence[tuple[Requirement, Scenario]],
    verifier_for: Callable[[BrowserSession], ScenarioVerifier],
    session: BrowserSession,
    helpers: Sequence[SessionFactory],
    catalog: Catalog | None,
    say: Say,
) -> list[_Verified | None]:
    """Every scenario's runs (None: not complete, so not run), in order, from this thread's browser
    and one more per helper, side by side."""
    say_lock = threading.Lock()

    def verify_one(verifier: ScenarioVerifier, position: int) -> _Verified | None:
        scenario = pairs[position][1]
        with say_lock:
            say(f"{position + 1}/{len(pairs)}: {scenario.name}")
        if not scenario.complete:
            return None
        started = time.monotonic()
        chosen, steps, message, cameras = _verify(verifier, scenario, catalog)
        return _Verified(chosen, steps, message, cameras, time.monotonic() - started)

    @contextmanager
    def helper_verifier(factory: SessionFactory) -> Iterator[ScenarioVerifier]:
        with factory() as own:
            yield verifier_for(own)

    helper_verifiers = [partial(helper_verifier, factory) for factory in helpers]
    return side_by_side(len(pairs), verify_one, verifier_for(session), helper_verifiers)


def _verify(
    verifier: ScenarioVerifier, scenario: Scenario, catalog: Catalog | None
) -> tuple[Scenario | None, list[StepResult], str, list[Camera]]:
    """The version of `scenario` that passes in this locale, its steps, else why none did; and the
    cameras that watched each run (the last one watched the version that passed).

    In another locale: its UI texts moved there first; if that fails at some step, the steps from
    there on as written (the scenario may have switched the app's language itself); then as written.
    """
    versions = [scenario]
    if catalog is not None:
        moved = translate_scenario(scenario, catalog)
        versions = [moved, scenario] if moved != scenario else [scenario]
    message = ""
    tried: list[Scenario] = []
    cameras: list[Camera] = []
    while versions:
        version = versions.pop(0)
        if version in tried:
            continue
        tried.append(version)
        cameras.append(Camera(version))
        run = verifier.run(version, observer=cameras[-1], still=True)
        if run.status == "passed":
            return version, run.steps, "", cameras
        message = message or run.message or run.status
        failed = next((step.index for step in run.steps if step.status in ("failed", "not_grounded")), None)
        if catalog is not None and len(tried) == 1 and failed is not None and failed > 0:
            versions.insert(0, mixed(version, scenario, failed))
    return None, [], message, cameras


def _omit(scenario: Scenario, reason: str) -> Omitted:
    return Omitted(scenario_id=scenario.id, name=scenario.name, source=scenario.source, reason=reason)


def assemble(plan: Plan, capture: LocaleCapture, *, language: str, project: str) -> ManualDocument:
    """The manual in `language`: features in requirements order, each with its captured scenarios."""
    slugs = feature_slugs(plan)
    features: dict[str, list[ManualScenario]] = {}
    stories: dict[str, str | None] = {}
    for requirement in plan.requirements:
        features.setdefault(requirement.feature, [])
        stories[requirement.feature] = stories.get(requirement.feature) or requirement.user_story
        for scenario in requirement.scenarios:
            if scenario.id in capture.scenarios:
                features[requirement.feature].append(capture.scenarios[scenario.id])
    return ManualDocument(
        specwalk_version=__version__,
        project=project,
        language=language,
        locale=capture.locale,
        features=tuple(
            ManualFeature(slug=slugs[name], name=name, user_story=stories.get(name), scenarios=tuple(scenarios))
            for name, scenarios in features.items()
            if scenarios
        ),
        omitted=tuple(sorted(capture.omitted, key=lambda item: (item.source.file, item.source.line, item.scenario_id))),
    )
