"""Targets the requirement names exactly, describes, or counts off: one live element each, never a guess.

- An exact reference (`target_ref`: "with data-testid 'x'", "(id="total")") is the locator; it
  is proven in the page (how many it finds, inside the step's scope) and matched to the UI map
  for the evidence (where the element is written).
- A described target ("the comment box", "the bill amount field", "the textarea") is retrieved
  from the UI map by meaning (names, labels, placeholders, ids, test ids, classes, role nouns),
  then resolved in the page: exactly one retrieved element must be there and clearly the best
  match; two close matches are ambiguous and reported with both, never picked between.
- An ordinal (`nth`: the first, the second, the last) picks among the elements a reference or a
  phrase finds, rendered `.first()` / `.nth(i)` / `.last()`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from specwalk.browser.driver import Driver
from specwalk.ground.nearby import TAG_WORDS, element_by_words
from specwalk.ground.refs import describe_ref, ref_elements, ref_locator
from specwalk.ground.resolve import (
    FORM_ROLES,
    ROLES_FOR_ACTION,
    Resolution,
    Resolver,
    candidate_rows,
    poll_intervals,
    related_roles,
    scoped,
)
from specwalk.ground.retrieve import Hit, tokenize
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.scenario import TargetRef
from specwalk.models.uimap import UIElement

# A described target's role nouns: the noun -> (ARIA role, native tag it prefers or "").
ROLE_NOUNS: dict[str, tuple[str, str]] = {
    "textarea": ("textbox", "textarea"),
    "text area": ("textbox", "textarea"),
    "field": ("textbox", ""),
    "input": ("textbox", "input"),
    "input field": ("textbox", "input"),
    "text field": ("textbox", "input"),
    "textbox": ("textbox", ""),
    "text box": ("textbox", ""),
    "box": ("textbox", ""),
    "search box": ("searchbox", ""),
    "slider": ("slider", ""),
    "range": ("slider", ""),
    "dropdown": ("combobox", "select"),
    "drop-down": ("combobox", "select"),
    "select": ("combobox", "select"),
    "checkbox": ("checkbox", ""),
    "radio button": ("radio", ""),
    "radio": ("radio", ""),
    "button": ("button", ""),
    "link": ("link", ""),
    "heading": ("heading", ""),
    "title": ("heading", ""),
    "image": ("img", ""),
    "picture": ("img", ""),
    "table": ("table", ""),
    "list": ("list", ""),
    "dialog": ("dialog", ""),
    "tab": ("tab", ""),
    "输入框": ("textbox", ""),
    "文本框": ("textbox", ""),
    "多行文本框": ("textbox", "textarea"),
    "滑块": ("slider", ""),
    "下拉框": ("combobox", "select"),
    "按钮": ("button", ""),
    "链接": ("link", ""),
    "复选框": ("checkbox", ""),
}
# Actions that put a value in a field: their target is a field whatever noun names it.
_VALUE_ACTIONS = frozenset({"fill", "clear", "type"})
# Parts of an element people name by their place, not by any word the page shows: "the table
# body should be empty". The phrase's ending -> the CSS of that part; the page must have one.
PART_NOUNS: dict[str, str] = {
    "table body": "table > tbody",
    "body of the table": "table > tbody",
    "table header": "table > thead",
    "table head": "table > thead",
    "header row": "table > thead > tr",
    "table footer": "table > tfoot",
}

# Retrieval scores within this ratio of the best present match are too close to tell apart.
_CLOSE = 0.75


def role_noun(phrase: str) -> tuple[str, str] | None:
    """The role (and preferred tag) a described phrase's last noun implies: "the comment box" -> textbox."""
    words = " ".join(phrase.lower().replace("_", " ").split())
    for noun in sorted(ROLE_NOUNS, key=len, reverse=True):
        # Chinese runs have no spaces: "备注多行文本框" ends with the noun itself.
        boundary = "" if not noun[0].isascii() else r"(?:^|\s)"
        if re.search(rf"{boundary}{re.escape(noun)}$", words):
            return ROLE_NOUNS[noun]
    return None


def _part_noun(phrase: str) -> str | None:
    """The CSS of the part a phrase names by its place ("the table body"), or None."""
    words = " ".join(phrase.lower().split())
    return next((css for noun, css in PART_NOUNS.items() if words == noun or words.endswith(f" {noun}")), None)


# Words that say what kind of thing an element is, not which one: "the cart display", "the drop area".
_GENERIC = frozenset(
    {"display", "area", "section", "element", "container", "region", "panel", "part", "item", "component", "widget"}
)


def content_words(phrase: str) -> set[str]:
    """The words of a phrase that say which element it is (role nouns and generic words dropped)."""
    rest = " ".join(phrase.lower().split())
    for noun in sorted(ROLE_NOUNS, key=len, reverse=True):
        rest = re.sub(rf"(?:^|\s){re.escape(noun)}(?=\s|$)", " ", rest)
    return {word for word in tokenize(rest) if word not in _GENERIC}


def _known_words(element: UIElement) -> set[str]:
    """The words an element is known by: its description (role, names, label, placeholder, test
    id, name, handlers, component) and its id and classes."""
    extra = " ".join(
        attribute.value or ""
        for name, attribute in element.attributes.items()
        if name in ("id", "class", "className", "name", "data-testid", "aria-label", "title") and attribute.literal
    )
    return set(tokenize(f"{element.description} {extra}"))


def _only_role_words(phrase: str) -> bool:
    """ "the textarea", "the slider": no words beyond the role noun (and articles)."""
    rest = " ".join(phrase.lower().split())
    for noun in sorted(ROLE_NOUNS, key=len, reverse=True):
        rest = re.sub(rf"(?:^|\s){re.escape(noun)}(?=\s|$)", " ", rest)
    return not tokenize(rest)


@dataclass(frozen=True)
class Wanted:
    """What a step says about its target, for resolution."""

    phrase: str | None
    ref: TargetRef | None = None
    described: bool = False
    nth: int | None = None
    role: str | None = None
    scope: str | None = None
    scope_role: str | None = None
    literal: bool = True  # the phrase quotes the UI's words
    shows: str | None = None  # the text the step expects the element to show, if it says
    field: bool = False  # the step reads or sets a value: only a form field fits


def _with_nth(locator: Locator, nth: int | None) -> Locator:
    if nth is None:
        return locator
    return Locator(parts=(*locator.parts[:-1], locator.target.model_copy(update={"nth": nth})))


def _enough(count: int, nth: int | None) -> bool:
    """Whether `count` matches hold the one `nth` picks (all of them, for no ordinal: exactly one)."""
    if nth is None:
        return count == 1
    return count > (nth if nth >= 0 else -nth - 1)


class Targets:
    """Resolves exact references, described targets and ordinals for verification."""

    def __init__(
        self,
        resolver: Resolver,
        elements: Sequence[UIElement],
        *,
        timeout_ms: float,
        written: Callable[[TargetRef], str | None] = lambda _ref: None,
    ) -> None:
        """`written` says where the app's source writes a reference the UI map does not hold (a
        test id a script sets on an element it creates), or None."""
        self.resolver = resolver
        self.elements = list(elements)
        self.timeout_ms = timeout_ms
        self.written = written

    def resolve(
        self,
        driver: Driver,
        wanted: Wanted,
        *,
        route: str | None,
        must_exist: bool,
        action: str | None = None,
        known_absent_ok: bool = False,
        many: bool = False,
    ) -> Resolution:
        """`known_absent_ok`: an expectation may check an element the source writes that the page
        lacks now (its absence then fails the check, with the evidence); `many`: the step is about
        all the matches (a count), so they need not be one."""
        if wanted.ref is not None:
            return self._by_ref(driver, wanted, wanted.ref, must_exist, known_absent_ok, many)
        if wanted.phrase and wanted.described and wanted.nth is None:
            return self._described_when_there(driver, wanted, route, action, must_exist)
        if wanted.phrase:
            return self._ordinal(driver, wanted, route, must_exist, action)
        return Resolution(locator=None, message="the step names no element to act on or check")

    # -- exact references ---------------------------------------------------------------------

    def _containers(self, wanted: Wanted, inner: Locator) -> list[Locator]:
        if wanted.scope:
            return scoped(wanted.scope, wanted.scope_role, inner)
        if wanted.scope_role:
            return [Locator(parts=(LocatorPart(kind="role", role=wanted.scope_role, value=""), *inner.parts))]
        return [inner]

    def _by_ref(
        self, driver: Driver, wanted: Wanted, ref: TargetRef, must_exist: bool, known_absent_ok: bool, many: bool
    ) -> Resolution:
        inside = self._named_inside(driver, wanted, ref)
        if inside is not None:
            return inside
        known = ref_elements(ref, self.elements)
        element = known[0] if len(known) == 1 else None
        where = f" ({element.location.file}:{element.location.line})" if element else ""
        if not known and (script := self.written(ref)) is not None:
            known, where = [], f" (set by {script})"
        said = f"exact reference {describe_ref(ref)}{where}"
        options = self._containers(wanted, ref_locator(ref))
        if must_exist:
            # It may still be rendering: wait (bounded) for the reference to match at all.
            driver.wait_attached(_with_nth(options[0], wanted.nth), timeout_ms=self.timeout_ms)
        result = Resolution(locator=None, element=element, message=said)
        counts: list[int] = []
        for locator in options:
            count = driver.count(locator)
            counts.append(count)
            if (many and count >= 1) or (not many and _enough(count, wanted.nth)):
                result.locator = locator if many else _with_nth(locator, wanted.nth)
                return result
            result.tried.append(locator)
            result.rejected.append("no match on the page" if count == 0 else f"{count} matches, not unique")
        in_source = bool(known) or bool(where)
        if not must_exist or (known_absent_ok and in_source and not any(counts)):
            result.locator = options[0] if many else _with_nth(options[0], wanted.nth)
            result.message = f"{said}; not on the page now" + ("" if in_source else " (nor written in the source)")
            return result
        most = max(counts, default=0)
        if most > 1 and not many:
            pick = "the first, the second, the last" if wanted.nth is None else "another ordinal"
            result.message = (
                f"{describe_ref(ref)} matches {most} elements on the page; say which ({pick}, or in which item)"
            )
        elif in_source:
            result.message = f"no element with {describe_ref(ref)} on the page now (the source writes it{where})"
        else:
            result.message = f"no element with {describe_ref(ref)} on the page, nor in the UI map"
        return result

    def _named_inside(self, driver: Driver, wanted: Wanted, ref: TargetRef) -> Resolution | None:
        """ "the "Friday" checkbox under the days group with data-testid 'days'": the reference is the
        container (it is no checkbox); the quoted words name the element inside it."""
        if not (wanted.phrase and wanted.role and wanted.literal):
            return None
        container = ref_locator(ref)
        driver.wait_attached(container, timeout_ms=self.timeout_ms)
        if driver.count(container) != 1 or any(driver.has_role(container, r) for r in related_roles(wanted.role)):
            return None
        _hits, ordered = self.resolver.ranked(wanted.phrase, role=wanted.role, literal=True)
        for inner, element in ordered:
            locator = Locator(parts=(*container.parts, *inner.parts))
            if driver.count(locator) == 1:
                message = f"'{wanted.phrase}' inside the element with {describe_ref(ref)}"
                return Resolution(locator=locator, element=element, message=message)
        return None

    # -- described targets --------------------------------------------------------------------

    def _described_when_there(
        self, driver: Driver, wanted: Wanted, route: str | None, action: str | None, must_exist: bool
    ) -> Resolution:
        """A described target looked for again, as Playwright's auto-waiting does, until it is there
        and clearly the one, or the action timeout has passed: a comment box rendered after the
        article loads is found (a form shown once its data arrives)."""
        started, paused = time.monotonic(), 0.0
        for interval in poll_intervals():
            result = self._described(driver, wanted, route, action)
            if result.ok or not must_exist:
                return result
            # Both clocks: a real page's own looks take time, a simulated one's only its pauses.
            left = min(self.timeout_ms - paused, self.timeout_ms - (time.monotonic() - started) * 1000)
            if left <= 0:
                return result
            driver.pause(min(interval, left))
            paused += min(interval, left)
        return result  # pragma: no cover - poll_intervals never ends

    def _described(self, driver: Driver, wanted: Wanted, route: str | None, action: str | None) -> Resolution:
        phrase = wanted.phrase or ""
        item = re.match(r"^(.+?)\s+(?:item|entry|row|card)$", " ".join(phrase.split()), re.IGNORECASE)
        if item and wanted.shows:
            showing = self._item_showing(driver, item.group(1), wanted.shows, route)
            if showing is not None:
                return showing
        noun = role_noun(phrase)
        if noun and action in _VALUE_ACTIONS and noun[0] not in FORM_ROLES:
            noun = None  # "fill in the title": a field named so, not a heading (nothing else takes text)
        role = wanted.role or (noun[0] if noun else None)
        tag = noun[1] if noun else ""
        hits = [
            hit
            for hit in self.resolver.candidates(phrase, role, route)
            if not role or hit.element.role in related_roles(role) or (tag and hit.element.native_tag == tag)
        ]
        # A description says most of what the element is known by: "the video's playback speed" is
        # not the "playback-rate" slider (one word of three), whatever else retrieval offers.
        asked = content_words(phrase)
        hits = [hit for hit in hits if not asked or 2 * len(asked & _known_words(hit.element)) >= len(asked)]
        fits = FORM_ROLES if wanted.field else frozenset(ROLES_FOR_ACTION.get(action or "", ()))
        if fits and any(hit.element.role in fits for hit in hits):
            # "set the volume", "the volume should be 1": the slider, not the text "Volume" beside it.
            hits = [hit for hit in hits if hit.element.role in fits]
        result = Resolution(locator=None, candidates=candidate_rows(hits))
        present: list[tuple[Hit, Locator]] = []
        for hit in hits:
            for inner in self.resolver.element_locators(hit.element):
                found = next((loc for loc in self._containers(wanted, inner) if driver.count(loc) == 1), None)
                if found is not None:
                    present.append((hit, found))
                    break
                result.tried.append(inner)
                result.rejected.append(f"{hit.element.id}: not exactly one on the page")
        if present:
            best, locator = present[0]
            rivals = [hit for hit, _ in present[1:] if hit.score >= best.score * _CLOSE]
            if rivals:
                names = ", ".join(f"{hit.element.description} ({hit.element.id})" for hit in (best, *rivals))
                result.message = (
                    f"'{phrase}' fits more than one element on the page equally well: {names}; name it exactly"
                )
                return result
            result.locator, result.element = locator, best.element
            result.message = f"described: '{phrase}' is {best.element.description} (best match, {best.reason})"
            return result
        if role and _only_role_words(phrase):
            # "the textarea": the page's only element of that kind.
            kinds = [Locator(parts=(LocatorPart(kind="css", value=tag),))] if tag else []
            kinds.append(Locator(parts=(LocatorPart(kind="role", role=role, value=""),)))
            for locator in kinds:
                for option in self._containers(wanted, locator):
                    if driver.count(option) == 1:
                        result.locator = option
                        result.message = f"described: the only {tag or role} on the page"
                        return result
        part = _part_noun(phrase)
        if part is not None:
            for option in self._containers(wanted, Locator(parts=(LocatorPart(kind="css", value=part),))):
                if driver.count(option) == 1:
                    result.locator = option
                    result.message = f"described: the page's only {part.replace(' > ', ' ')}"
                    return result
        words = content_words(phrase) | {w for w in tokenize(phrase) if w in TAG_WORDS}
        by_words = element_by_words(driver, words) if words else None
        if by_words is not None and not (role and not any(driver.has_role(by_words, r) for r in related_roles(role))):
            result.locator = by_words
            result.message = f"described: the one element of the page whose tag, class, id or test id says '{phrase}'"
            return result
        result.message = f"no element on the page fits the description '{phrase}'" + (
            "; say which one exactly (its label, text or test id)" if hits else ""
        )
        return result

    def _item_showing(self, driver: Driver, container: str, shows: str, route: str | None) -> Resolution | None:
        """ "the task item displays "X"": the item of the task list that shows X."""
        for role, item_role in (("list", "listitem"), ("table", "row")):
            for hit in self.resolver.candidates(container, role, route):
                if hit.element.role not in (role, "rowgroup" if role == "table" else role):
                    continue
                for outer in self.resolver.element_locators(hit.element):
                    if driver.count(outer) != 1:
                        continue
                    items = Locator(
                        parts=(*outer.parts, LocatorPart(kind="role", role=item_role, value="", has_text=shows))
                    )
                    if driver.wait_attached(items, timeout_ms=self.timeout_ms) and driver.count(items) == 1:
                        message = f"described: the {item_role} of {hit.element.description} that shows '{shows}'"
                        return Resolution(locator=items, element=hit.element, message=message)
        return None

    # -- ordinals over a phrase -----------------------------------------------------------------

    def _ordinal(
        self, driver: Driver, wanted: Wanted, route: str | None, must_exist: bool, action: str | None
    ) -> Resolution:
        phrase = wanted.phrase or ""
        hits, ordered = self.resolver.ranked(
            phrase,
            role=wanted.role,
            scope=wanted.scope,
            scope_role=wanted.scope_role,
            route=route,
            action=action,
            literal=wanted.literal,
        )
        result = Resolution(locator=None, candidates=candidate_rows(hits))
        seen: set[str] = set()
        for _ in range(2):  # once now, once after the page settles (a list still rendering)
            for locator, element in ordered:
                for option in _exact_first(locator):
                    key = option.model_dump_json()
                    if key in seen:
                        continue
                    seen.add(key)
                    count = driver.count(option)
                    if _enough(count, wanted.nth) and (
                        not wanted.role
                        or option.target.kind == "role"
                        or any(driver.has_role(option, r) for r in related_roles(wanted.role))
                    ):
                        result.locator, result.element = _with_nth(option, wanted.nth), element
                        result.message = f"the {_ordinal_word(wanted.nth)} of {count} matches"
                        return result
                    result.tried.append(option)
                    result.rejected.append("no match on the page" if count == 0 else f"{count} matches")
            driver.wait_for_settle()
            seen.clear()
        if not must_exist and ordered:
            result.locator = _with_nth(ordered[0][0], wanted.nth)
            result.message = "not on the page now; locator from the UI map"
            return result
        result.message = f"no element on the page matches '{phrase}'"
        return result


def _exact_first(locator: Locator) -> list[Locator]:
    """An inexact name also finds longer names ("Delete" in "Delete all"): try the exact one first."""
    target = locator.target
    if target.exact or target.prefix or target.kind not in ("role", "label", "text") or not target.value:
        return [locator]
    exact = Locator(parts=(*locator.parts[:-1], target.model_copy(update={"exact": True})))
    return [exact, locator]


def _ordinal_word(nth: int | None) -> str:
    if nth is None:
        return "only one"
    if nth == -1:
        return "last"
    return {0: "first", 1: "second", 2: "third"}.get(nth, f"{nth + 1}th")
