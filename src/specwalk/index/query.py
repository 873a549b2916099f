"""Query API over a UI map, for grounding, locator choice and the manual.

    q = UIQuery(uimap)
    q.under_route("/tasks")            # elements that render under a route
    q.by_text("Add task")              # visible text, in any locale (i18n translations included)
    q.by_label("Title"); q.by_test_id("task-list"); q.by_role("button", name="Save")
    describe(element)                  # one line for retrieval

Text matching is exact after collapsing whitespace; `{{name}}`-style interpolations in
translations match anything (`Signed in as {{name}}` matches "Signed in as Ada").
"""

from __future__ import annotations

from collections.abc import Iterable

from specwalk.index import i18n
from specwalk.models.uimap import TextValue, UIElement, UIMap


def text_strings(value: TextValue | None) -> list[str]:
    """Every string `value` may show: the literal, each translation and variant."""
    if value is None:
        return []
    found: list[str] = []
    if value.kind in ("literal", "mixed") and value.value:
        found.append(value.value)
    found.extend(value.translations.values())
    for texts in value.variants.values():
        found.extend(texts.values())
    found.extend(value.options)
    return [" ".join(text.split()) for text in found if text]


def text_matches(value: TextValue | None, wanted: str) -> bool:
    wanted = " ".join(wanted.split())
    for text in text_strings(value):
        if text == wanted:
            return True
        if (i18n.has_interpolation(text) or "{…}" in text) and i18n.as_pattern(text.replace("{…}", "{x}")).match(
            wanted
        ):
            return True
    return False


def _short(value: TextValue | None) -> str:
    if value is None:
        return ""
    if value.kind == "literal":
        return f'"{value.value}"'
    if value.kind == "i18n":
        if value.translations:
            shown = " / ".join(f"{text}" for text in value.translations.values())
            return f'"{shown}" (i18n {value.key})'
        if value.variants:
            options = [next(iter(texts.values())) for texts in value.variants.values() if texts]
            return "one of " + ", ".join(f'"{o}"' for o in options) + f" (i18n {value.key})"
        return f"(i18n {value.key})"
    if value.kind == "mixed":
        return f'"{value.value}"'
    if value.options:
        return "one of " + ", ".join(f'"{o}"' for o in value.options)
    return f"{{{value.expression}}}"


def describe(element: UIElement) -> str:
    """One line: role and name, label, placeholder, text, test id, component, routes."""
    values = element.__dict__  # read many times: skip the attribute lookups
    name_value = values["accessible_name"]
    label = values["label"]
    text = values["text"]
    attributes = values["attributes"]
    parts: list[str] = [values["role"] or values["native_tag"] or values["tag"]]
    name = _short(name_value)
    if name:
        parts.append(name)
    if label is not None and label is not name_value and label != name_value:
        parts.append(f"label {_short(label)}")
    if attributes:
        placeholder = attributes.get("placeholder")
        if placeholder is not None:
            parts.append(
                f'placeholder "{placeholder.value}"'
                if placeholder.literal
                else f"placeholder {{{placeholder.expression}}}"
            )
    if text is not None and text is not name_value and text != name_value:
        parts.append(f"text {_short(text)}")
    if attributes:
        for attribute in _DESCRIBED_ATTRIBUTES:
            value = attributes.get(attribute)
            if value is not None:
                parts.append(f"{attribute}={value.value}" if value.literal else f"{attribute}={{{value.expression}}}")
    handlers = values["handlers"]
    if handlers:
        parts.append("on " + ", ".join(f"{h.event}→{h.handler}" for h in handlers))
    render = values["render"]
    if render.loop:
        parts.append(f"per item of {render.loop}")
    if render.conditional:
        condition = render.conditional
        parts.append(f"when {condition if len(condition) <= _MAX_CONDITION else condition[: _MAX_CONDITION - 1] + '…'}")
    component = values["component"]
    parts.append(f"in {component}" if component else f"in {values['location'].file}")
    routes = values["routes"]
    if routes:
        more = len(routes) - _MAX_ROUTES
        parts.append("on " + ", ".join(routes[:_MAX_ROUTES]) + (f" and {more} more routes" if more > 0 else ""))
    return " ".join(parts)


# A shared control of a large app renders on hundreds of routes, and conditions can be whole
# boolean chains: the line is for people, retrieval and LLM prompts, so it stays short (the
# element's `routes` and `render` keep everything).
_MAX_ROUTES = 8
_MAX_CONDITION = 120


_DESCRIBED_ATTRIBUTES = ("data-testid", "data-test", "data-cy", "href", "type", "name")


class UIQuery:
    def __init__(self, uimap: UIMap) -> None:
        self.uimap = uimap
        self._by_id = {element.id: element for element in uimap.elements}

    def get(self, element_id: str) -> UIElement | None:
        return self._by_id.get(element_id)

    def under_route(self, path: str) -> list[UIElement]:
        return [e for e in self.uimap.elements if path in e.routes]

    def by_text(self, text: str, elements: Iterable[UIElement] | None = None) -> list[UIElement]:
        return [e for e in (elements or self.uimap.elements) if text_matches(e.text, text)]

    def by_label(self, label: str, elements: Iterable[UIElement] | None = None) -> list[UIElement]:
        return [e for e in (elements or self.uimap.elements) if text_matches(e.label, label)]

    def by_placeholder(self, text: str) -> list[UIElement]:
        found = []
        for element in self.uimap.elements:
            value = element.attributes.get("placeholder")
            literal = value is not None and value.literal and value.value == text
            if literal or any(c.strategy == "placeholder" and c.value == text for c in element.locators):
                found.append(element)
        return found

    def by_test_id(self, test_id: str) -> list[UIElement]:
        return [
            e
            for e in self.uimap.elements
            if any(
                a.literal and a.value == test_id
                for n, a in e.attributes.items()
                if n.startswith(("data-test", "data-cy"))
            )
        ]

    def by_role(self, role: str, name: str | None = None) -> list[UIElement]:
        found = [e for e in self.uimap.elements if e.role == role]
        if name is None:
            return found
        return [e for e in found if text_matches(e.accessible_name, name)]

    def descriptions(self) -> list[tuple[str, str]]:
        """(element id, one-line description) for every element, for retrieval indexes."""
        return [(element.id, element.description or describe(element)) for element in self.uimap.elements]
