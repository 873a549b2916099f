"""Checks of the sentences real requirements add: media properties and every element of a kind.

`StepKinds.expectation` (steps.py) hands these steps here; what comes back are ordinary resolved
`Operation`s (property and count checks), so replays, sensitivity and both emitters treat them
like any other step.

- media: the <audio> / <video> element the step names has the property (`key`) at `value`:
  paused / muted / ended are true or false, volume / currentTime / playbackRate a number. The
  element must be in the page: an `new Audio()` the script keeps to itself is not grounded (what
  it plays is not something a test of the page can see). An element whose media file does not
  load (a missing file) is not grounded for playing, ended and time checks, never an app defect.
- every: all the elements the phrase names pass the check, and there is at least one; negated,
  none of them passes it. Checked as counts over one CSS selector: the matches, and the matches
  that fail (a class they lack, a box not ticked), which must be none.
- compared with before: the items of the list a check names are counted (`remember`) just before
  the first When action of the actions that lead to it; after them the count is that number plus
  one ("a new row is added") or the same ("no new item is added").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from specwalk.browser.driver import Driver
from specwalk.ground.nearby import TAG_WORDS, elements_by_words
from specwalk.ground.refs import describe_ref, ref_css
from specwalk.ground.resolve import Resolution
from specwalk.ground.retrieve import tokenize
from specwalk.ground.targets import content_words
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Operation
from specwalk.models.scenario import ActionStep, ExpectationStep, Step
from specwalk.models.uimap import UIMap
from specwalk.verify.steps import _ITEM_ROLES, _ITEMS, Handled, NotGrounded, TargetFinder

_MEDIA_TAGS = frozenset({"audio", "video"})
MEDIA_KEYS = frozenset({"paused", "muted", "ended", "volume", "currentTime", "playbackRate"})
# Properties that depend on the media playing: with no loadable source (networkState 3,
# NETWORK_NO_SOURCE) they say nothing about the app, so the check is not made.
_PLAYBACK_KEYS = frozenset({"paused", "ended", "currentTime"})
_NO_SOURCE = "3"
_NO_SOURCE_WAIT_MS = 1_000

# The elements of a role, as CSS: "all checkboxes", "no radio button".
_ROLE_CSS = {
    "checkbox": "input[type=checkbox]",
    "radio": "input[type=radio]",
    "button": "button",
    "textbox": "input:not([type]), input[type=text], textarea",
    "combobox": "select",
}
# What fails each check, as a CSS test added to the matches (positive form, then negated form).
_FAILING = {
    "checked": (":not(:checked)", ":checked"),
    "enabled": (":disabled", ":enabled"),
}
_CLASS_NAME = re.compile(r"-?[A-Za-z_][\w-]*")


def media(driver: Driver, step: ExpectationStep, find: TargetFinder) -> Handled:
    if step.key not in MEDIA_KEYS or step.value is None:
        raise NotGrounded("the step names no property of the media element to check")
    resolution = find(driver, step, must_exist=True)
    locator = resolution.locator
    assert locator is not None
    facts = driver.facts(locator)
    if facts is None or facts.tag not in _MEDIA_TAGS:
        raise NotGrounded(
            f"'{step.target}' is no <audio> or <video> element of the page (found <{facts.tag if facts else '?'}>); "
            "a sound the script plays without one is not something the page shows",
            resolution,
        )
    if (
        step.key in _PLAYBACK_KEYS
        and driver.check("property", locator, _NO_SOURCE, key="networkState", timeout_ms=_NO_SOURCE_WAIT_MS).ok
    ):
        raise NotGrounded(
            f"the <{facts.tag}> element's media file does not load (no source it can play): whether it plays "
            "cannot be checked here; a missing or unsupported file is the environment's, not the app's doing",
            resolution,
        )
    value = step.value
    if step.negated and value in ("true", "false"):
        value = "false" if value == "true" else "true"
    elif step.negated:
        raise NotGrounded("a number the media element must not have says nothing it should have", resolution)
    check = Operation(op="check", name="property", locator=locator, key=step.key, value=value)
    resolution.message = f"{resolution.message}; the <{facts.tag}> element's {step.key}".lstrip("; ")
    return [check], resolution


def every(driver: Driver, step: ExpectationStep, timeout_ms: float, ui_map: UIMap | None = None) -> Handled:
    """ "all checkboxes are checked", "no seat has the class "selected"": counts over the matches.

    An element whose markup gives it the class outright (a legend's sample "selected" seat) is
    not one a "no seat is selected" is about: it never changes, so it is left out of that check."""
    selector, described = _matches(driver, step, timeout_ms)
    if step.expectation == "has_class" and step.negated and ui_map is not None:
        fixed = _fixed_with_class(ui_map, (step.value or "").strip().lstrip("."))
        if fixed:
            selector = f":is({selector}):not({', '.join(fixed)})"
            described = f"{described}, but {len(fixed)} that the markup gives the class outright"
    matches = Locator(parts=(LocatorPart(kind="css", value=selector),))
    present = Operation(op="check", name="count", locator=matches, value="0", negated=True)
    if step.expectation == "element_visible":
        if step.negated:
            raise NotGrounded("'none of them is visible' is checked one element at a time; name them")
        hidden = Locator(parts=(LocatorPart(kind="css", value=selector, hidden=True),))
        none_hidden = Operation(op="check", name="count", locator=hidden, value="0")
        return [present, none_hidden], Resolution(locator=matches, message=described)
    wrong = Locator(parts=(LocatorPart(kind="css", value=f":is({selector}){_failing(step)}"),))
    none_wrong = Operation(op="check", name="count", locator=wrong, value="0")
    return [present, none_wrong], Resolution(locator=matches, message=described)


def _fixed_with_class(ui_map: UIMap, name: str) -> list[str]:
    """Selectors (test id or id) of elements whose class attribute is a literal that lists `name`."""
    found: list[str] = []
    for element in ui_map.elements:
        attribute = element.attributes.get("class")
        if attribute is None or not attribute.literal or name not in (attribute.value or "").split():
            continue
        for key, template in (("data-testid", '[data-testid="{}"]'), ("id", '[id="{}"]')):
            own = element.attributes.get(key)
            if own is not None and own.literal and own.value and re.fullmatch(r"[\w:.-]+", own.value):
                found.append(template.format(own.value))
                break
    return sorted(set(found))


def _failing(step: ExpectationStep) -> str:
    """The CSS test a match that fails the check passes."""
    if step.expectation == "has_class":
        name = (step.value or "").strip().lstrip(".")
        if not _CLASS_NAME.fullmatch(name):
            raise NotGrounded(f"'{step.value}' is not one class name")
        return f".{name}" if step.negated else f":not(.{name})"
    if step.expectation in _FAILING:
        positive, negative = _FAILING[step.expectation]
        return negative if step.negated else positive
    raise NotGrounded(f"a check of every element does not cover '{step.expectation}'")


def _matches(driver: Driver, step: ExpectationStep, timeout_ms: float) -> tuple[str, str]:
    """One CSS selector for every element the step names, and how it was found."""
    role_css = _ROLE_CSS.get(step.role or "")
    if step.target_ref is not None:
        selector = ref_css(step.target_ref)
        if selector is None:
            raise NotGrounded("a text reference names one element, not every one of a kind")
        matches = Locator(parts=(LocatorPart(kind="css", value=selector),))
        driver.wait_attached(matches, timeout_ms=timeout_ms)
        described = f"every element with {describe_ref(step.target_ref)}"
        if role_css is not None and driver.count(matches) == 1:
            facts = driver.facts(matches)
            if facts is not None and not _is_role(facts.tag, facts.type, step.role or ""):
                # "no checkboxes in the days group with data-testid 'days'": the group holds them
                inside = ", ".join(f":is({selector}) {part.strip()}" for part in role_css.split(","))
                return inside, f"every {step.role} in the element with {describe_ref(step.target_ref)}"
        return selector, described
    if role_css is not None:
        return role_css, f"every {step.role} of the page"
    phrase = step.target or ""
    words = {_singular(word) for word in content_words(phrase)} | {
        word for word in tokenize(phrase) if word in TAG_WORDS
    }
    found = elements_by_words(driver, words)
    if found is None or len(found.parts) != 1 or found.parts[0].kind != "css":
        raise NotGrounded(
            f"no set of elements of the page is '{phrase}' (a tag, class, id or test id holding its words); "
            'reference them exactly (e.g. with the class "…")'
        )
    return found.parts[0].value, f"all {driver.count(found)} elements '{phrase}' names"


def _is_role(tag: str, input_type: str, role: str) -> bool:
    if role in ("checkbox", "radio"):
        return tag == "input" and input_type == role
    return tag in {"button": ("button",), "combobox": ("select",), "textbox": ("input", "textarea")}.get(role, ())


def _singular(word: str) -> str:
    """ "seats" → "seat": class names are usually singular ("piano keys" are each a .key)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- compared with before -------------------------------------------------------------------


def before_key(position: int) -> str:
    """The name a count kept for the check at `position` goes by (a variable in emitted tests)."""
    return f"before{position}"


def reads_before(
    driver: Driver, steps: Sequence[Step], position: int, find: TargetFinder, kept: dict[int, Locator]
) -> list[Operation]:
    """At the first When action of a run of actions: `remember` operations for the checks after the
    run that compare with before ("a new row is added to the table"), reading their counts now.
    A target that cannot be found yet is left to its check, which then says so."""
    step = steps[position]
    if not isinstance(step, ActionStep) or step.keyword_type == "given":
        return []
    previous = steps[position - 1] if position else None
    if isinstance(previous, ActionStep) and previous.keyword_type != "given":
        return []  # not the first action of the run
    later = position
    while later < len(steps) and isinstance(steps[later], ActionStep):
        later += 1
    reads: list[Operation] = []
    while later < len(steps) and isinstance(steps[later], ExpectationStep):
        check = steps[later]
        assert isinstance(check, ExpectationStep)
        if check.relative is not None and check.expectation == "count":
            try:
                locator = items_of(driver, find(driver, check, must_exist=True).locator)
            except NotGrounded:
                locator = None
            if locator is not None:
                kept[later] = locator
                reads.append(Operation(op="remember", name="count", locator=locator, key=before_key(later)))
        later += 1
    return reads


def relative(step: ExpectationStep, position: int, kept: dict[int, Locator]) -> Handled:
    """ "a new row is added": the count kept before the actions, plus one (or the same number)."""
    locator = kept.get(position)
    if locator is None:
        raise NotGrounded(
            "no count of it could be read before the actions (the element was not found then); "
            "say how many items it has instead"
        )
    change = 0 if step.relative == "same" else (step.count or 1)
    check = Operation(op="check", name="count", locator=locator, key=before_key(position), value=str(change))
    how = "as many items as" if change == 0 else f"{change} more item(s) than"
    return [check], Resolution(locator=locator, message=f"{how} just before the actions")


def items_of(driver: Driver, locator: Locator | None) -> Locator | None:
    """A container's items (a list's <li>, a table's body rows); other elements count themselves."""
    if locator is None:
        return None
    facts = driver.facts(locator) if driver.count(locator) == 1 else None
    if facts is None:
        return locator
    items = _ITEMS.get(facts.tag)
    if items is not None:
        return Locator(parts=(*locator.parts, LocatorPart(kind="css", value=items)))
    role = _ITEM_ROLES.get(facts.attributes.get("role", ""))
    if role is not None:
        return Locator(parts=(*locator.parts, LocatorPart(kind="role", role=role, value="")))
    return locator
