"""Exact references: an element the requirement names by test id, id, class, name, CSS or text.

"the button with data-testid 'add-note'", "(id="total")", "the item with the class 'todo'": no
retrieval is needed, the reference is the locator. It is still proven in the live page (how
many elements it finds, narrowed by a scope and an ordinal), and matched against the UI map so
the evidence can say where the element is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from specwalk.ground.resolve import css_id
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.scenario import TargetRef
from specwalk.models.uimap import UIElement

# How each reference kind reads in a message: "data-testid 'x'", "id 'x'".
REF_WORDS = {
    "testid": "data-testid",
    "id": "id",
    "class": "class",
    "name": "name",
    "css": "CSS selector",
    "text": "text",
}


def describe_ref(ref: TargetRef) -> str:
    return f"{REF_WORDS[ref.by]} '{ref.value}'"


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _css_class(name: str) -> str:
    """`.name`, or an attribute selector when the name needs escaping in CSS."""
    if re.fullmatch(r"-?[A-Za-z_][\w-]*", name):
        return f".{name}"
    return f"[class~={_css_string(name)}]"


def ref_part(ref: TargetRef) -> LocatorPart:
    """The locator part a reference stands for: getByTestId, `#id`, `.class`, `[name=…]`, CSS, text."""
    value = ref.value.strip()
    if ref.by == "testid":
        return LocatorPart(kind="testid", value=value)
    if ref.by == "id":
        return LocatorPart(kind="css", value=css_id(value))
    if ref.by == "class":
        # "with the class 'todo item'": an element with both classes.
        return LocatorPart(kind="css", value="".join(_css_class(name) for name in value.lstrip(".").split()))
    if ref.by == "name":
        return LocatorPart(kind="css", value=f"[name={_css_string(value)}]")
    if ref.by == "text":
        return LocatorPart(kind="text", value=value, exact=True)
    return LocatorPart(kind="css", value=value)


def ref_css(ref: TargetRef) -> str | None:
    """The reference as one CSS selector (to combine with a class test), or None for text."""
    part = ref_part(ref)
    if part.kind == "testid":
        return f"[data-testid={_css_string(part.value)}]"
    if part.kind == "css":
        return f":is({part.value})" if "," in part.value else part.value
    return None


def ref_locator(ref: TargetRef, *, within: Locator | None = None, nth: int | None = None) -> Locator:
    part = ref_part(ref)
    if nth is not None:
        part = part.model_copy(update={"nth": nth})
    return Locator(parts=(*(within.parts if within is not None else ()), part))


def _holes_pattern(template: str) -> re.Pattern[str]:
    """`note-${id}` / `note-{id}` -> a pattern matching any value the template can take."""
    pieces = re.split(r"\$?\{[^}]*\}", template)
    return re.compile("^" + ".+".join(re.escape(piece) for piece in pieces) + "$")


def _attribute_matches(element: UIElement, name: str, wanted: str, *, token: bool = False) -> bool:
    attribute = element.attributes.get(name)
    if attribute is None:
        return False
    if attribute.literal and attribute.value is not None:
        return wanted in attribute.value.split() if token else attribute.value == wanted
    expression = attribute.expression or attribute.value or ""
    if token:
        # className={done ? 'todo completed' : 'todo'}, :class="{ completed: done }": quoted words.
        return wanted in re.findall(r"[\w-]+", " ".join(re.findall(r"['\"`]([^'\"`]*)['\"`]", expression)))
    if "{" in expression:
        return _holes_pattern(expression.strip("`'\"")).match(wanted) is not None
    return False


def ref_elements(ref: TargetRef, elements: Sequence[UIElement]) -> list[UIElement]:
    """The UI-map elements the reference names (by the attribute as written, or a template of it)."""
    value = ref.value.strip()
    if ref.by == "testid":
        return [e for e in elements if _attribute_matches(e, "data-testid", value)]
    if ref.by == "id":
        plain = value.removeprefix("#")
        return [e for e in elements if _attribute_matches(e, "id", plain)]
    if ref.by == "name":
        return [e for e in elements if _attribute_matches(e, "name", value)]
    if ref.by == "class":
        names = value.lstrip(".").split()
        return [
            e
            for e in elements
            if all(
                _attribute_matches(e, "class", n, token=True) or _attribute_matches(e, "className", n, token=True)
                for n in names
            )
        ]
    if ref.by == "text":
        wanted = " ".join(value.split()).lower()
        return [
            e
            for e in elements
            if any(
                item is not None and item.value is not None and " ".join(item.value.split()).lower() == wanted
                for item in (e.text, e.accessible_name, e.label)
            )
        ]
    return []
