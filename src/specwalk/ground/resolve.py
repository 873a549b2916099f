"""Resolve a step's target to exactly one on-screen element and a stable locator for it.

Source-ranked, live-proven: candidates come from the UI map (retrieval, then each element's
ranked locators) and from the phrase itself (the words the requirement quotes are usually the
UI's own); each is counted in the live page and the first that matches exactly one element wins.
Ambiguity and absence are results with the candidates and reasons, never a guess.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from specwalk.browser.driver import Driver
from specwalk.ground.retrieve import Hit, Retriever
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Candidate
from specwalk.models.uimap import LocatorCandidate, UIElement

# The roles an action can reasonably target when the requirement names none ("click "Sign in"").
_ROLES_FOR_ACTION: dict[str, tuple[str, ...]] = {
    "click": ("button", "link", "tab", "menuitem", "checkbox", "radio", "option", "switch", "treeitem"),
    "dblclick": ("button", "link", "listitem", "cell", "row"),
    "fill": ("textbox", "searchbox", "combobox", "spinbutton"),
    "clear": ("textbox", "searchbox", "combobox", "spinbutton"),
    "press": ("textbox", "searchbox", "combobox", "button", "link"),
    "select": ("combobox", "listbox", "radio", "radiogroup"),
    "check": ("checkbox", "radio", "switch", "menuitemcheckbox"),
    "uncheck": ("checkbox", "switch", "menuitemcheckbox"),
}

_FORM_ROLES = frozenset(
    {"textbox", "searchbox", "combobox", "spinbutton", "checkbox", "radio", "switch", "slider", "listbox"}
)

FORM_ROLES = _FORM_ROLES  # fields: what holds a value
ROLES_FOR_ACTION = _ROLES_FOR_ACTION

# Roles people name with one word: "the "Search" field" may be a searchbox, "Quantity" a spinbutton.
_ROLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"textbox", "searchbox", "spinbutton", "combobox"}),
    frozenset({"checkbox", "switch", "menuitemcheckbox"}),
    frozenset({"radio", "menuitemradio"}),
    frozenset({"combobox", "listbox"}),
)


def related_roles(role: str) -> tuple[str, ...]:
    """`role` first, then the roles a requirement's noun for it may also mean."""
    family = set().union(*(group for group in _ROLE_FAMILIES if role in group)) - {role}
    return (role, *sorted(family))


# A dropdown's roles, and a native select nothing names: no aria-label/-labelledby/title, no id a
# <label for> could point at, not inside a <label>.
_CHOOSER_ROLES = ("combobox", "listbox")
_NAMELESS_SELECT = "select:not([aria-label], [aria-labelledby], [title], [id], label *)"

# Container roles a list item / row scope can be expressed with (`filter({ hasText })`).
_SCOPE_ROLES = ("listitem", "row", "article", "dialog", "group", "region", "form")


def poll_intervals() -> Iterator[float]:
    """Milliseconds between looks: Playwright's own retry intervals, then every second."""
    yield from (100.0, 250.0, 500.0)
    while True:
        yield 1_000.0


@dataclass
class Resolution:
    locator: Locator | None
    element: UIElement | None = None
    candidates: list[Candidate] = field(default_factory=list)
    tried: list[Locator] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    message: str = ""
    copies: int = 0  # the locator matched this many copies of `element`; the first visible is used

    @property
    def ok(self) -> bool:
        return self.locator is not None


def candidate_rows(hits: Sequence[Hit]) -> list[Candidate]:
    """Retrieval's top hits as the report shows them."""
    return [
        Candidate(
            element_id=hit.element.id,
            score=round(hit.score, 3),
            description=hit.element.description,
            reason=hit.reason,
        )
        for hit in hits[:5]
    ]


def from_candidate(candidate: LocatorCandidate) -> Locator:
    if candidate.strategy == "role":
        part = LocatorPart(kind="role", role=candidate.role, value=candidate.value, exact=candidate.exact)
    elif candidate.strategy == "id":
        part = LocatorPart(kind="css", value=css_id(candidate.value))
    else:
        part = LocatorPart(kind=candidate.strategy, value=candidate.value, exact=candidate.exact)
    return Locator(parts=(part,))


def css_id(value: str) -> str:
    """A CSS selector for an element id, written as `#id` when that needs no escaping."""
    plain = value.removeprefix("#")
    if re.fullmatch(r"[A-Za-z][\w-]*", plain):
        return f"#{plain}"
    return '[id="' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def _names(element: UIElement, locale: str) -> set[str]:
    """Every literal/translated name the element is known by, lower-cased."""
    names: set[str] = set()
    for value in (element.accessible_name, element.label, element.text):
        if value is None:
            continue
        if value.value:
            names.add(" ".join(value.value.split()).lower())
        if locale in value.translations:
            names.add(" ".join(value.translations[locale].split()).lower())
        for variant in value.variants.values():
            # "" holds a variant that is the same in every locale (a literal set by a script).
            text = variant.get(locale, variant.get(""))
            if text:
                names.add(" ".join(text.split()).lower())
    for attribute in ("placeholder", "title", "alt", "aria-label"):
        item = element.attributes.get(attribute)
        if item is not None and item.value:
            names.add(item.value.strip().lower())
    field_name = element.attributes.get("name")
    if element.role in _FORM_ROLES and field_name is not None and field_name.literal and field_name.value:
        # <textarea name="body"> is "the Body field" even when its visible label is not associated.
        names.add(re.sub(r"[-_]+", " ", field_name.value).strip().lower())
    return names


def _computed_suffix(hits: list[Hit], wanted: str, locale: str) -> bool:
    """Whether a retrieved element's name is the wanted words followed by a computed part."""
    return any(
        name.startswith(wanted) and name[len(wanted) :].lstrip().startswith("{")
        for hit in hits
        for name in _names(hit.element, locale)
    )


def phrase_locators(target: str, role: str | None) -> list[Locator]:
    """What the phrase itself says, in Playwright's order: role+name, label, placeholder, text, title."""
    locators: list[Locator] = []
    if role:
        locators.append(Locator(parts=(LocatorPart(kind="role", role=role, value=target, exact=True),)))
    for kind in ("label", "placeholder"):
        locators.append(Locator(parts=(LocatorPart(kind=kind, value=target, exact=True),)))
    if role not in _FORM_ROLES:  # a field is never found by its label's text: that is the label
        locators.append(Locator(parts=(LocatorPart(kind="text", value=target, exact=True),)))
    locators.append(Locator(parts=(LocatorPart(kind="title", value=target, exact=True),)))
    if role:
        locators.append(Locator(parts=(LocatorPart(kind="role", role=role, value=target),)))
    return locators


def scoped(container: str, scope_role: str | None, inner: Locator) -> list[Locator]:
    """`inner` inside the item that shows `container` text: listitem / row / ... filter({hasText})."""
    roles = (scope_role,) if scope_role else _SCOPE_ROLES
    return [
        Locator(parts=(LocatorPart(kind="role", role=role, value="", has_text=container), *inner.parts))
        for role in roles
    ]


def _copies(element: UIElement, locator: Locator, hits: Sequence[Hit]) -> bool:
    """Whether every live match of `locator` is `element` rendered again: the UI map knows one
    source line for it, not rendered per item of a list, and no other retrieved element it could be."""
    target = locator.target
    key = (target.kind, target.role, " ".join(target.value.split()).lower())

    def keys(candidate: LocatorCandidate) -> tuple[str, str | None, str]:
        part = from_candidate(candidate).target
        return (part.kind, part.role, " ".join(part.value.split()).lower())

    own = [candidate for candidate in element.locators if keys(candidate) == key]
    if not own or any(candidate.repeated for candidate in own):
        return False
    where = (element.location.file, element.location.line)
    return all(
        (hit.element.location.file, hit.element.location.line) == where
        for hit in hits
        if any(keys(candidate) == key for candidate in hit.element.locators)
    )


@dataclass(frozen=True)
class Choice:
    """A chooser's answer: the candidate the step means and why, or none (`element` None)."""

    element: UIElement | None
    reason: str
    containers: tuple[UIElement, ...] = ()  # elements enclosing it, nearest first, to scope a locator
    rejected: str = ""  # why the chooser's own answer was not usable (e.g. an id that is no candidate)


class Chooser(Protocol):
    """Picks the element a step means when its words alone do not single one out (e.g. an LLM).

    Only asked after the deterministic rules failed, and only about retrieved candidates; what it
    picks is proven unique in the live page like any other locator.
    """

    def choose(
        self, context: str, target: str, role: str | None, hits: Sequence[Hit], seen: Sequence[str]
    ) -> Choice: ...


class Resolver:
    def __init__(self, retriever: Retriever, *, locale: str, chooser: Chooser | None = None) -> None:
        self.retriever = retriever
        self.locale = locale
        self.chooser = chooser

    def candidates(
        self, target: str, role: str | None, route: str | None, preferred: tuple[str, ...] = ()
    ) -> list[Hit]:
        hits = self.retriever.search(target, k=8, role=role, route=route)
        wanted = target.strip().lower()
        # An element known by exactly the quoted words outranks a merely similar one, and one whose
        # role fits the action ("click" -> button, link) outranks a heading with the same words.
        return sorted(
            hits,
            key=lambda hit: (
                wanted not in _names(hit.element, self.locale),
                bool(preferred) and hit.element.role not in preferred,
                -hit.score,
            ),
        )

    def element_locators(self, element: UIElement) -> list[Locator]:
        """The element's ranked locators (test ids and ids included, CSS left out), best first."""
        return self._element_locators(element)

    def _element_locators(self, element: UIElement, wanted: str | None = None) -> list[Locator]:
        """The element's ranked locators; with `wanted` (a quoted phrase) only those saying exactly it.

        An element rendered with several texts (a loop over filters: "All", "Active", "Completed")
        has a locator per text; the quoted phrase picks the right one.
        """
        usable = [
            candidate
            for candidate in element.locators
            if candidate.locale in (None, self.locale)
            and candidate.strategy != "css"
            and (
                wanted is None
                or candidate.strategy in ("testid", "id")
                or " ".join(candidate.value.split()).lower() == wanted
            )
        ]
        return [from_candidate(candidate) for candidate in usable]

    def resolve(
        self,
        driver: Driver,
        target: str,
        *,
        role: str | None = None,
        scope: str | None = None,
        scope_role: str | None = None,
        route: str | None = None,
        must_exist: bool = True,
        action: str | None = None,
        literal: bool = True,
        context: str | None = None,
        option: str | None = None,
        timeout_ms: float | None = None,
    ) -> Resolution:
        """`context` (the step's sentence) lets a configured chooser settle what the words do not.

        `option` is the choice a "select" step makes ("Dark"): a dropdown without a name is found by it.
        A target that must exist is looked for again, as Playwright's auto-waiting does, until it
        is there and unique or `timeout_ms` (default: the driver's action timeout) has passed:
        content rendered after a data load is found, and "missing" means missing for that long.
        """
        limit = driver.timeout_ms if timeout_ms is None else timeout_ms
        started, paused = time.monotonic(), 0.0
        for interval in poll_intervals():
            result, ordered, hits = self._look(driver, target, role, scope, scope_role, route, action, literal)
            if result.ok or not must_exist:
                break
            if option and not scope and not scope_role:
                found = self._by_option(driver, target, option)
                if found is not None:
                    result.locator, result.message = found
                    return result
            # Both clocks: a real page's own looks take time, a simulated one's only its pauses.
            left = min(limit - paused, limit - (time.monotonic() - started) * 1000)
            if left <= 0:
                break
            driver.pause(min(interval, left))
            paused += min(interval, left)
        if result.ok:
            return result
        if not must_exist:
            # For "is hidden / is not shown", absence is the point: use the best source-backed locator.
            for locator, element in ordered:
                if element is not None:
                    result.locator, result.element = locator, element
                    result.message = "not on the page now; locator from the UI map"
                    return result
            if ordered:
                result.locator = ordered[0][0]
                result.message = "not on the page now; locator from the requirement's words"
                return result
        many = [reason for reason in result.rejected if "not unique" in reason]
        result.message = (
            f"'{target}' matches more than one element; say which (e.g. the {role or 'element'} of \"…\")"
            if many
            else f"no element on the page matches '{target}'"
        )
        if self.chooser is not None and context is not None and hits:
            self._assisted(driver, context, target, role, scope, scope_role, hits, result)
        return result

    def ranked(
        self,
        target: str,
        *,
        role: str | None = None,
        scope: str | None = None,
        scope_role: str | None = None,
        route: str | None = None,
        action: str | None = None,
        literal: bool = True,
    ) -> tuple[list[Hit], list[tuple[Locator, UIElement | None]]]:
        """Retrieval's hits and every locator worth trying for the phrase, best first (not yet
        counted in the page): the hits' own locators, then what the phrase itself says."""
        preferred = () if role else _ROLES_FOR_ACTION.get(action or "", ())
        hits = self.candidates(target, role, route, preferred)
        ordered: list[tuple[Locator, UIElement | None]] = []
        wanted = " ".join(target.split()).lower()
        for hit in hits:
            names = _names(hit.element, self.locale)
            if literal and wanted not in names:
                continue  # the requirement quotes the UI's words; an element not known by them is not it
            if role and hit.element.role not in related_roles(role):
                continue  # "the "New item" field" is a textbox, not the label that says "New item"
            if preferred and hit.element.role not in preferred:
                continue
            locators = self._element_locators(hit.element, wanted if literal else None)
            ordered.extend((locator, hit.element) for locator in locators)
        for implied in related_roles(role) if role else (preferred or (None,)):
            ordered.extend((locator, None) for locator in phrase_locators(target, implied))
        if scope:
            ordered = [(outer, element) for locator, element in ordered for outer in scoped(scope, scope_role, locator)]
        elif scope_role:
            # "click "Cancel" in the dialog": inside the one element with that role.
            container = LocatorPart(kind="role", role=scope_role, value="")
            ordered = [(Locator(parts=(container, *locator.parts)), element) for locator, element in ordered]
        return hits, ordered

    def _look(
        self,
        driver: Driver,
        target: str,
        role: str | None,
        scope: str | None,
        scope_role: str | None,
        route: str | None,
        action: str | None,
        literal: bool,
    ) -> tuple[Resolution, list[tuple[Locator, UIElement | None]], list[Hit]]:
        """One look at the live page: the first candidate locator that matches exactly one element."""
        hits, ordered = self.ranked(
            target, role=role, scope=scope, scope_role=scope_role, route=route, action=action, literal=literal
        )
        result = Resolution(locator=None, candidates=candidate_rows(hits))
        wanted = " ".join(target.split()).lower()

        winner: tuple[Locator, UIElement | None] | None = None
        seen: set[str] = set()
        for locator, element in ordered:
            key = locator.model_dump_json()
            if key in seen:
                continue
            seen.add(key)
            count = driver.count(locator)
            if count > 1 and not locator.target.exact and locator.target.kind in ("role", "label", "text"):
                # "Delete" also matches "Delete task": the exact name may single it out.
                exact = Locator(parts=(*locator.parts[:-1], locator.target.model_copy(update={"exact": True})))
                result.tried.append(locator)
                result.rejected.append(f"{count} matches, not unique")
                locator, count = exact, driver.count(exact)
                if (
                    count == 0
                    and locator.target.kind in ("role", "text")
                    and _computed_suffix(hits, wanted, self.locale)
                ):
                    # The source says "Cart {count}": no name is exactly "Cart", but only one starts with it.
                    result.tried.append(locator)
                    result.rejected.append("no match on the page")
                    prefix = locator.target.model_copy(update={"exact": False, "prefix": True})
                    locator = Locator(parts=(*locator.parts[:-1], prefix))
                    count = driver.count(locator)
            if count > 1 and element is not None and _copies(element, locator, hits):
                # One control the page renders more than once (a component used twice): the first
                # visible copy is the one a user sees first.
                first = driver.first_visible(locator)
                if first is not None:
                    pick = locator.target.model_copy(update={"nth": 0, "visible": first > 0})
                    chosen = Locator(parts=(*locator.parts[:-1], pick))
                    if driver.count(chosen) == 1:
                        result.copies = count
                        winner = (chosen, element)
                        break
            if (
                count == 1
                and role
                and locator.target.kind != "role"
                and not any(driver.has_role(locator, related) for related in related_roles(role))
            ):
                # getByText("Search") may find the label, not the "Search" button the step names.
                result.tried.append(locator)
                result.rejected.append(f"matches an element that is not a {role}")
                continue
            if count == 1:
                winner = (locator, element)
                break
            result.tried.append(locator)
            result.rejected.append("no match on the page" if count == 0 else f"{count} matches, not unique")
        if winner is not None:
            # The page may have finished rendering while we counted: a better-ranked candidate that
            # matched nothing a moment ago gets one more look before a lower-ranked one wins.
            best_locator, best_element = winner
            for position, earlier in enumerate(result.tried):
                if result.rejected[position] == "no match on the page" and driver.count(earlier) == 1:
                    best_locator = earlier
                    best_element = next((element for locator, element in ordered if locator == earlier), None)
                    del result.tried[position:], result.rejected[position:]
                    break
            result.locator = best_locator
            result.element = best_element or self._source_of(driver, best_locator, hits)
        return result, ordered, hits

    def _by_option(self, driver: Driver, target: str, option: str) -> tuple[Locator, str] | None:
        """The one nameless native dropdown offering `option`, when the page shows `target` as text.

        A `<label>` not linked to its `<select>` leaves the select without an accessible name, so the
        step's words ("Theme") find only the label; the option it picks ("Dark") still singles out the
        select. Only a select with no naming attribute qualifies: one named otherwise ("Language")
        is not the dropdown the step means.
        """
        if driver.count(Locator(parts=(LocatorPart(kind="text", value=target, exact=True),))) < 1:
            return None
        nameless = Locator(parts=(LocatorPart(kind="css", value=_NAMELESS_SELECT, has_text=option),))
        if driver.count(nameless) != 1:
            return None
        for box_role in _CHOOSER_ROLES:
            box = Locator(parts=(LocatorPart(kind="role", role=box_role, value="", has_text=option),))
            # Offered by its label ("Dark") or, for a value check, by its value ("dark").
            by_value = 'option[value="' + option.replace("\\", "\\\\").replace('"', '\\"') + '"]'
            offered = [
                Locator(parts=(*box.parts, LocatorPart(kind="role", role="option", value=option, exact=True))),
                Locator(parts=(*box.parts, LocatorPart(kind="css", value=by_value))),
            ]
            if (
                driver.count(box) == 1
                and any(driver.count(locator) >= 1 for locator in offered)
                and driver.same_element(box, nameless)
            ):
                message = (
                    f"the {box_role} that offers '{option}'; it has no accessible name (the page shows "
                    f"'{target}', but no label is associated with it): an accessibility problem worth fixing"
                )
                return box, message
        return None

    def _assisted(
        self,
        driver: Driver,
        context: str,
        target: str,
        role: str | None,
        scope: str | None,
        scope_role: str | None,
        hits: list[Hit],
        result: Resolution,
    ) -> None:
        """Ask the chooser which candidate the step means, then prove a locator for it unique."""
        assert self.chooser is not None
        shown = hits[:5]
        choice = self.chooser.choose(context, target, role, shown, result.rejected)
        element = choice.element
        if element is None:
            result.message += f"; {choice.rejected or 'the model chose none of the candidates'}"
            if choice.reason:
                result.message += f" ({choice.reason})"
            return
        inner = self._element_locators(element)
        options = list(inner)
        for container in choice.containers:
            for outer in self._element_locators(container)[:2]:
                options.extend(Locator(parts=(*outer.parts, *locator.parts)) for locator in inner)
        if scope:
            options = [outer for locator in options for outer in scoped(scope, scope_role, locator)]
        elif scope_role:
            box = LocatorPart(kind="role", role=scope_role, value="")
            options = [Locator(parts=(box, *locator.parts)) for locator in options]
        for locator in options:
            if driver.count(locator) != 1:
                continue
            if (
                role
                and locator.target.kind != "role"
                and not any(driver.has_role(locator, r) for r in related_roles(role))
            ):
                continue
            result.locator, result.element = locator, element
            result.message = f"chosen by the model from {len(shown)} candidates: {choice.reason}"
            return
        result.message += f"; the model chose {element.id} ({choice.reason}), but no locator finds only it"

    def _source_of(self, driver: Driver, locator: Locator, hits: list[Hit]) -> UIElement | None:
        """The UI-map element a phrase-derived locator found, proven by identity in the DOM."""
        for hit in hits[:5]:
            for candidate in self._element_locators(hit.element)[:2]:
                if driver.count(candidate) == 1 and driver.same_element(locator, candidate):
                    return hit.element
        return None
