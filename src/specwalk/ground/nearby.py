"""Targets the UI map cannot name, found in the live page from what the requirement says of them.

- A field named by the text beside it ("the 'Height in cm' input field" for
  `<p>Height in cm</p><input>`, "the radio button for the option "Paris"" for
  `<input type=radio><label>Paris</label>` with no `for`): no accessible name links them, but the
  text and the one field next to it do. The locator says so: the text, then its sibling field.
- An element described by its kind and words its own identifiers carry ("the video player" for
  `<video class="player__video">`): the one element whose tag, class, id or test id holds every
  word. Then the element's own test id, id or classes make its locator.

Each is accepted only when exactly one element fits; otherwise the step stays not grounded.
"""

from __future__ import annotations

import re

from specwalk.browser.driver import Driver
from specwalk.ground.resolve import css_id, related_roles
from specwalk.models.locator import Locator, LocatorPart

# The fields a role's noun can mean, as tags (nearby-text search looks for these).
_FIELD_TAGS: dict[str, str] = {
    "textbox": "self::input[not(@type) or not(contains('checkbox radio button submit reset range hidden', @type))]"
    " or self::textarea",
    "searchbox": "self::input",
    "spinbutton": "self::input",
    "combobox": "self::select or self::input",
    "listbox": "self::select",
    "checkbox": "self::input[@type='checkbox']",
    "radio": "self::input[@type='radio']",
    "switch": "self::input[@type='checkbox']",
    "slider": "self::input[@type='range']",
}
# Words that are tag names: "the video", "the table".
TAG_WORDS: dict[str, str] = {
    "video": "video",
    "audio": "audio",
    "table": "table",
    "form": "form",
    "canvas": "canvas",
    "image": "img",
    "picture": "img",
    "iframe": "iframe",
    "textarea": "textarea",
    "视频": "video",
    "表格": "table",
    "表单": "form",
}


def field_by_text(driver: Driver, text: str, role: str | None) -> Locator | None:
    """The one field of `role` right before or after the element that shows exactly `text`."""
    tests = [_FIELD_TAGS[r] for r in related_roles(role) if r in _FIELD_TAGS] if role else list(_FIELD_TAGS.values())
    if not tests:
        return None
    label = LocatorPart(kind="text", value=text, exact=True)
    if driver.count(Locator(parts=(label,))) != 1:
        return None
    kinds = " or ".join(f"({test})" for test in dict.fromkeys(tests))
    relations = (
        f"xpath=following-sibling::*[1][{kinds}]",
        f"xpath=preceding-sibling::*[1][{kinds}]",
        f"xpath=following-sibling::*[{kinds}][1]",
        f"xpath=preceding-sibling::*[{kinds}][1]",
    )
    for relation in relations:
        locator = Locator(parts=(label, LocatorPart(kind="css", value=relation)))
        if driver.count(locator) == 1 and (
            role is None or any(driver.has_role(locator, r) for r in related_roles(role))
        ):
            return locator
    return None


def _attribute_test(word: str) -> str:
    value = word.replace("\\", "\\\\").replace('"', '\\"')
    return f':is([class*="{value}" i], [id*="{value}" i], [data-testid*="{value}" i], [name*="{value}" i])'


def element_by_words(driver: Driver, words: set[str]) -> Locator | None:
    """The one element whose tag, classes, id, test id or name hold every word; with a locator
    from its own identifiers (test id, id, or tag and classes) proven unique."""
    words = {word for word in words if re.fullmatch(r"[\w-]+", word)}
    if not words:
        return None
    tags = {TAG_WORDS[word] for word in words if word in TAG_WORDS}
    rest = sorted(word for word in words if word not in TAG_WORDS)
    found: Locator | None = None
    for tag in sorted(tags) or ["*"]:
        if tag == "*" and not rest:
            continue
        selector = tag + "".join(_attribute_test(word) for word in rest)
        candidate = Locator(parts=(LocatorPart(kind="css", value=selector),))
        count = driver.count(candidate)
        if count > 1 or (count == 1 and found is not None):
            return None  # several fit: not ours to choose
        if count == 1:
            found = candidate
    if found is None:
        return None
    return _own_locator(driver, found) or found


def elements_by_words(driver: Driver, words: set[str]) -> Locator | None:
    """ "the piano keys": every element whose tag, classes, id, test id or name hold the words, when
    there are several; as their shared class when one class selects exactly them."""
    words = {word for word in words if re.fullmatch(r"[\w-]+", word)}
    tags = sorted({TAG_WORDS[word] for word in words if word in TAG_WORDS}) or ["*"]
    rest = sorted(word for word in words if word not in TAG_WORDS)
    if len(tags) > 1 or (tags == ["*"] and not rest):
        return None
    selector = tags[0] + "".join(_attribute_test(word) for word in rest)
    found = Locator(parts=(LocatorPart(kind="css", value=selector),))
    count = driver.count(found)
    if count < 2:
        return None
    facts = driver.facts(found)
    for name in facts.classes if facts is not None else ():
        if not re.fullmatch(r"-?[A-Za-z_][\w-]*", name):
            continue
        shared = Locator(parts=(LocatorPart(kind="css", value=f".{name}"),))
        same = Locator(parts=(LocatorPart(kind="css", value=f"{selector}:not(.{name})"),))
        if driver.count(shared) == count and driver.count(same) == 0:
            return shared
    return found


def _own_locator(driver: Driver, found: Locator) -> Locator | None:
    """A readable locator for the one element `found` matches: its test id, id, or tag.classes."""
    facts = driver.facts(found)
    if facts is None:
        return None
    options: list[Locator] = []
    if facts.attributes.get("data-testid"):
        options.append(Locator(parts=(LocatorPart(kind="testid", value=facts.attributes["data-testid"]),)))
    if facts.attributes.get("id"):
        options.append(Locator(parts=(LocatorPart(kind="css", value=css_id(facts.attributes["id"])),)))
    classes = [name for name in facts.classes if re.fullmatch(r"-?[A-Za-z_][\w-]*", name)]
    if classes:
        options.append(Locator(parts=(LocatorPart(kind="css", value=facts.tag + "".join(f".{c}" for c in classes)),)))
    for option in options:
        if driver.count(option) == 1 and driver.same_element(option, found):
            return option
    return None
