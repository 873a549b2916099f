"""Verify every planned scenario in the app's locale for a manual language, then take its pictures.

A manual language maps to the app locale it shows: the project's locale in that language when the
app has one (`zh` -> `zh`, or `zh-CN`), else the app's default. Languages that share a locale
share the verification and the pictures; only the sentences differ. In a non-default locale the
scenario's quoted UI texts are first moved to that locale through the app's own i18n texts; when
that version does not pass, the scenario as written is tried (it may switch languages itself).
Only scenarios that pass are captured; the others are reported as omitted, with the reason.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from specwalk import __version__
from specwalk.browser.playwright_driver import BrowserSession
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.manual.capture import CapturedScenario, ManualCapture
from specwalk.manual.catalog import Catalog, locale_messages, mixed, translate_scenario
from specwalk.models.manual import ManualDocument, ManualFeature, ManualScenario, Omitted
from specwalk.models.report import ScenarioResult, StepResult
from specwalk.models.scenario import Plan, Requirement, Scenario
from specwalk.models.uimap import UIMap
from specwalk.verify.engine import ScenarioVerifier

Say = Callable[[str], None]


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
    shot_seconds: float = 0.0  # inside screenshot calls (settle, overlay, capture)
    capture_seconds: float = 0.0  # replays with pictures
    verify_seconds: float = 0.0


def _pairs(plan: Plan) -> list[tuple[Requirement, Scenario]]:
    return [(requirement, scenario) for requirement in plan.requirements for scenario in requirement.scenarios]


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
) -> LocaleCapture:
    result = LocaleCapture(locale)
    resolver = Resolver(LexicalRetriever(ui_map.elements), locale=locale)
    verifier = ScenarioVerifier(session, ui_map, resolver, base_url=base_url, locale=locale, timeout_ms=timeout_ms)
    catalog = None
    if locale != default_locale:
        catalog = Catalog(ui_map, default_locale, locale, locale_messages(root, (default_locale, locale)))
    camera = ManualCapture(session, base_url=base_url, locale=locale, timeout_ms=timeout_ms)
    slugs = feature_slugs(plan)
    numbers: dict[str, int] = {}
    pairs = _pairs(plan)
    for position, (requirement, scenario) in enumerate(pairs, start=1):
        say(f"verify ({locale}) {position}/{len(pairs)}: {scenario.name}")
        if not scenario.complete:
            result.omitted.append(_omit(scenario, "some of its lines could not be planned (see `specwalk plan`)"))
            continue
        started = time.monotonic()
        chosen, steps, message = _verify(verifier, scenario, catalog)
        result.verify_seconds += time.monotonic() - started
        if chosen is None:
            result.omitted.append(_omit(scenario, f"not verified in the app ({locale}): {message}"))
            continue
        slug = slugs[requirement.feature]
        numbers[slug] = numbers.get(slug, 0) + 1
        verified = ScenarioResult(
            scenario_id=scenario.id,
            requirement_id=requirement.id,
            name=scenario.name,
            feature=requirement.feature,
            source=scenario.source,
            status="passed",
            steps=steps,
        )
        started = time.monotonic()
        captured: CapturedScenario = camera.capture(
            chosen, verified, named=requirement.kind == "gherkin", image_prefix=f"images/{slug}/{numbers[slug]:02d}"
        )
        result.capture_seconds += time.monotonic() - started
        result.shot_seconds += captured.seconds
        if captured.scenario is None:
            numbers[slug] -= 1
            result.omitted.append(_omit(scenario, f"could not be captured ({locale}): {captured.failure}"))
            continue
        result.shots += captured.shots
        result.images.update(captured.images)
        result.scenarios[scenario.id] = captured.scenario
        say(f"capture ({locale}): {scenario.name}: {captured.shots} picture(s)")
    return result


def _verify(
    verifier: ScenarioVerifier, scenario: Scenario, catalog: Catalog | None
) -> tuple[Scenario | None, list[StepResult], str]:
    """The version of `scenario` that passes in this locale, its steps, else why none did.

    In another locale: its UI texts moved there first; if that fails at some step, the steps from
    there on as written (the scenario may have switched the app's language itself); then as written.
    """
    versions = [scenario]
    if catalog is not None:
        moved = translate_scenario(scenario, catalog)
        versions = [moved, scenario] if moved != scenario else [scenario]
    message = ""
    tried: list[Scenario] = []
    while versions:
        version = versions.pop(0)
        if version in tried:
            continue
        tried.append(version)
        run = verifier.run(version)
        if run.status == "passed":
            return version, run.steps, ""
        message = message or run.message or run.status
        failed = next((step.index for step in run.steps if step.status in ("failed", "not_grounded")), None)
        if catalog is not None and len(tried) == 1 and failed is not None and failed > 0:
            versions.insert(0, mixed(version, scenario, failed))
    return None, [], message


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
