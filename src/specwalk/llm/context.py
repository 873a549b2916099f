"""The slice of the UI map a prompt carries: never the whole map, never whole source files.

Per route, the elements retrieval ranks highest for the requirement's words, each with its role,
the names it is known by, its best locator and the one source line that declares it (trimmed).
Then the route's other controls (buttons, fields, links) by role and name only, so the model
knows how to reach a state without the prompt growing with the app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from specwalk.ground.retrieve import Retriever
from specwalk.models.uimap import TextValue, UIElement, UIMap

SNIPPET_CHARS = 100
DETAILED_PER_ROUTE = 8
DETAILED_TOTAL = 20
CONTROLS_TOTAL = 30
MIN_RELATIVE_SCORE = 0.25  # of the best hit's score: weaker matches are noise in a prompt
_CONTROL_ROLES = frozenset(
    {
        "button",
        "link",
        "textbox",
        "searchbox",
        "spinbutton",
        "combobox",
        "listbox",
        "checkbox",
        "radio",
        "switch",
        "tab",
        "menuitem",
        "slider",
    }
)


def _texts(value: TextValue | None, locale: str) -> list[str]:
    if value is None:
        return []
    found: list[str] = []
    if value.value:
        found.append(value.value)
    if locale in value.translations:
        found.append(value.translations[locale])
    for variant in value.variants.values():
        text = variant.get(locale, variant.get(""))
        if text:
            found.append(text)
    found.extend(value.options)
    return found


def element_names(element: UIElement, locale: str) -> list[str]:
    """Every name the element is known by in `locale`: accessible name, label, text, placeholder..."""
    names: list[str] = []
    for value in (element.accessible_name, element.label, element.text):
        names.extend(_texts(value, locale))
    for attribute in ("placeholder", "title", "alt", "aria-label"):
        item = element.attributes.get(attribute)
        if item is not None and item.literal and item.value:
            names.append(item.value)
    unique: list[str] = []
    for name in names:
        clean = " ".join(name.split())
        if clean and clean not in unique:
            unique.append(clean)
    return unique


def best_locator(element: UIElement, locale: str) -> str:
    """The best locator a person would write, or "" when every one depends on run-time data."""
    for candidate in element.locators:
        if candidate.locale in (None, locale) and candidate.strategy != "css" and candidate.kind != "dynamic":
            return candidate.playwright
    return ""


class SourceLines:
    """Reads single declaring lines from the project, each file at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, list[str]] = {}

    def line(self, file: str, number: int) -> str:
        if file not in self._files:
            try:
                self._files[file] = (self.root / file).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._files[file] = []
        lines = self._files[file]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def snippet(self, element: UIElement) -> str:
        """The tag that declares the element, joined onto one line when it spans several."""
        location = element.location
        text = " ".join(self.line(location.file, location.line).split())
        number = location.line
        while ">" not in text and len(text) < SNIPPET_CHARS and number < location.line + 5:
            number += 1
            text = " ".join(f"{text} {self.line(location.file, number)}".split())
        return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


@dataclass(frozen=True)
class UiSlice:
    routes: tuple[str, ...]
    detailed: tuple[UIElement, ...]
    controls: tuple[UIElement, ...]


def _on(element: UIElement, route: str | None) -> bool:
    return route is None or not element.routes or route in element.routes


def select_slice(
    ui_map: UIMap,
    retriever: Retriever,
    query: str,
    *,
    locale: str,
    per_route: int = DETAILED_PER_ROUTE,
    detailed_total: int = DETAILED_TOTAL,
    controls_total: int = CONTROLS_TOTAL,
) -> UiSlice:
    """Per route, the top-k elements for `query` (weak matches dropped), then that route's controls.

    Routes are visited most relevant first, so the caps cut what matters least.
    """
    routes = list(dict.fromkeys(route.path for route in ui_map.routes if not route.redirect))
    scopes: list[str | None] = [*routes] if routes else [None]
    ranked: list[tuple[float, str | None, list[tuple[float, UIElement]]]] = []
    for route in scopes:
        hits = [hit for hit in retriever.search(query, k=per_route * 3, route=route) if _on(hit.element, route)]
        ranked.append((hits[0].score if hits else 0.0, route, [(hit.score, hit.element) for hit in hits]))
    ranked.sort(key=lambda item: -item[0])
    floor = ranked[0][0] * MIN_RELATIVE_SCORE if ranked else 0.0
    detailed: list[UIElement] = []
    seen: set[str] = set()
    for _best, _route, scored in ranked:
        kept = [element for score, element in scored if score >= floor and element.id not in seen][:per_route]
        for element in kept[: detailed_total - len(detailed)]:
            seen.add(element.id)
            detailed.append(element)
    controls: list[UIElement] = []
    for _best, route, _scored in ranked:
        for element in ui_map.elements:
            if len(controls) >= controls_total:
                break
            if element.id in seen or element.role not in _CONTROL_ROLES or not _on(element, route):
                continue
            seen.add(element.id)
            controls.append(element)
    return UiSlice(tuple(routes), tuple(detailed), tuple(controls))


def _routes_of(element: UIElement, all_routes: Sequence[str]) -> str:
    if not element.routes or set(all_routes) <= set(element.routes):
        return ""
    return " on " + ", ".join(element.routes[:3]) + (" …" if len(element.routes) > 3 else "")


def _quoted(names: Iterable[str]) -> str:
    return " / ".join(f'"{name}"' for name in names)


def render_slice(piece: UiSlice, ui_map: UIMap, *, locale: str, with_ids: bool = False) -> str:
    """The slice as compact lines: `[id] role "name" | locator | source line`."""
    sources = SourceLines(Path(ui_map.root))
    lines = ["Routes: " + (", ".join(piece.routes) if piece.routes else "(one page, no routes)")]
    lines.append("Elements most related to the requirement (role, names, locator, declaring source line):")
    for element in piece.detailed:
        names = element_names(element, locale)[:3]
        dynamic = _dynamic(element)
        label = _quoted(names) if names else dynamic
        prefix = f"[{element.id}] " if with_ids else ""
        locator = best_locator(element, locale)
        lines.append(
            f"- {prefix}{element.role or element.tag} {label}{_routes_of(element, piece.routes)}"
            f"{' | ' + locator if locator else ''} | {sources.snippet(element)}"
        )
    if piece.controls:
        lines.append("Other controls:")
        for element in piece.controls:
            prefix = f"[{element.id}] " if with_ids else ""
            names = element_names(element, locale)[:2]
            # No fixed name: the declaring line usually shows the label it gets (a component prop).
            shown = _quoted(names) if names else f"| {sources.snippet(element)}"
            lines.append(f"- {prefix}{element.role} {shown}{_routes_of(element, piece.routes)}")
    return "\n".join(lines)


def _dynamic(element: UIElement) -> str:
    """What a run-time text shows, as source: `{note.title}`, for elements with no literal name."""
    for value in (element.accessible_name, element.text):
        if value is not None and value.expression:
            return "{" + re.sub(r"\s+", " ", value.expression)[:60] + "}"
    return "(no name)"
