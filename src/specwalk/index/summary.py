"""The human summary of a UI map: routes with element counts, then what lacks a stable locator.

Plain data out (`Summary`); the CLI renders it. "Stable" = a literal unique candidate, or an
i18n one that is unique on its routes (known per locale). Only elements a test acts on are
listed as actionable (controls, links, elements with handlers), each with a suggested fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from specwalk.index.locators import has_stable_locator
from specwalk.models.uimap import ParseProblem, Route, UIElement, UIMap

_ACTIONABLE_ROLES = frozenset(
    {
        "button",
        "link",
        "textbox",
        "searchbox",
        "checkbox",
        "radio",
        "combobox",
        "listbox",
        "slider",
        "spinbutton",
        "switch",
        "tab",
        "menuitem",
        "option",
    }
)


@dataclass(frozen=True)
class RouteCount:
    path: str
    component: str | None
    elements: int
    redirect: str | None = None


@dataclass(frozen=True)
class Finding:
    element_id: str
    where: str  # file:line
    what: str  # the element's description
    fix: str


@dataclass
class Summary:
    files: int
    elements: int
    routes: list[RouteCount] = field(default_factory=list)
    unrouted: int = 0  # elements not under any route
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def suggest_fix(element: UIElement) -> str:
    """What to change in the source so the element gets a stable, user-facing locator."""
    role = element.role or ""
    native = element.native_tag or ""
    dynamic_name = element.accessible_name is not None and element.accessible_name.kind == "dynamic"
    if native in ("input", "select", "textarea") or role in ("textbox", "combobox", "checkbox", "radio", "switch"):
        if element.label is None:
            return (
                "associate the label: <label for=…> with a matching id, or wrap the control in its <label>"
                " (or add an aria-label)"
            )
        if dynamic_name:
            return "the label comes from data; add a data-testid"
    if role in ("button", "link") and element.accessible_name is None:
        return "add an aria-label (an icon-only control has no accessible name)"
    if element.render.loop:
        return (
            f"rendered per item of {element.render.loop}: add a data-testid with the item's id,"
            " or scope by the list item's text"
        )
    if dynamic_name:
        return "the name is only known at run time; add a data-testid or a literal aria-label"
    return "add a literal aria-label or a data-testid"


def _actionable(element: UIElement) -> bool:
    return (element.role or "") in _ACTIONABLE_ROLES or (bool(element.handlers) and element.native_tag not in ("form",))


@dataclass
class Tally:
    """The summary's part from some elements (the shards tally theirs, per file)."""

    elements: int = 0
    route_counts: dict[str, int] = field(default_factory=dict)
    unrouted: int = 0
    findings: list[Finding] = field(default_factory=list)


def tally(elements: Iterable[UIElement]) -> Tally:
    part = Tally()
    counts = part.route_counts
    for element in elements:
        part.elements += 1
        for path in element.routes:
            counts[path] = counts.get(path, 0) + 1
        if not element.routes:
            part.unrouted += 1
        if _actionable(element) and not has_stable_locator(element):
            part.findings.append(
                Finding(
                    element_id=element.id,
                    where=f"{element.location.file}:{element.location.line}",
                    what=element.description,
                    fix=suggest_fix(element),
                )
            )
    return part


def assemble(
    files: int, routes: Iterable[Route], tallies: Iterable[Tally], problems: Iterable[ParseProblem]
) -> Summary:
    """The summary from the map's routes and problems and its elements' tallies (in map order)."""
    summary = Summary(files=files, elements=0)
    counts: dict[str, int] = {}
    for part in tallies:
        summary.elements += part.elements
        summary.unrouted += part.unrouted
        summary.findings.extend(part.findings)
        for path, count in part.route_counts.items():
            counts[path] = counts.get(path, 0) + count
    seen: set[str] = set()
    for route in routes:
        if route.path in seen and route.component is None:
            continue
        seen.add(route.path)
        summary.routes.append(RouteCount(route.path, route.component, counts.get(route.path, 0), route.redirect))
    summary.problems = [f"{p.file}:{p.line}: {p.message}" if p.line else f"{p.file}: {p.message}" for p in problems]
    return summary


def summarize(uimap: UIMap) -> Summary:
    return assemble(uimap.files_indexed, uimap.routes, [tally(uimap.elements)], uimap.problems)


def to_json(summary: Summary) -> str:
    """The summary as JSON, saved beside the map so an unchanged re-run never reads the map."""
    # What `asdict` gives, without its generic deep copy (tens of thousands of findings).
    data = {
        "files": summary.files,
        "elements": summary.elements,
        "routes": [
            {"path": r.path, "component": r.component, "elements": r.elements, "redirect": r.redirect}
            for r in summary.routes
        ],
        "unrouted": summary.unrouted,
        "findings": [
            {"element_id": f.element_id, "where": f.where, "what": f.what, "fix": f.fix} for f in summary.findings
        ],
        "problems": list(summary.problems),
    }
    return json.dumps(data, separators=(",", ":"))


def from_json(text: str) -> Summary | None:
    """A summary saved by `to_json`, or None when the text is not one (then recompute it)."""
    try:
        data = json.loads(text)
        return Summary(
            files=data["files"],
            elements=data["elements"],
            routes=[RouteCount(**item) for item in data["routes"]],
            unrouted=data["unrouted"],
            findings=[Finding(**item) for item in data["findings"]],
            problems=list(data["problems"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
