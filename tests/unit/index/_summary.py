"""Compact views of parser output, so tests can compare whole elements exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from specwalk.index.facts import FileFacts, ParseContext
from specwalk.models.uimap import TextValue, UIElement

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "index"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def text(value: TextValue | None) -> tuple[str, str | None] | None:
    """('literal', 'Save'), ('i18n', key), ('dynamic', expression), ('mixed', 'Add {…} more')."""
    if value is None:
        return None
    if value.kind == "i18n":
        return ("i18n", value.key)
    if value.kind == "dynamic":
        return ("dynamic", value.expression)
    return (value.kind, value.value)


def element(item: UIElement, *, with_class: bool = False) -> dict[str, Any]:
    attributes = {
        name: (value.value if value.literal else "{" + (value.expression or "") + "}")
        for name, value in item.attributes.items()
        if with_class or name != "class"
    }
    return {
        "at": f"{item.location.line}:{item.location.column}",
        "tag": item.tag,
        "native": item.native_tag,
        "role": item.role,
        "name": text(item.accessible_name),
        "text": text(item.text),
        "label": text(item.label),
        "attrs": attributes,
        "handlers": [(handler.event, handler.handler, handler.syntax) for handler in item.handlers],
        "if": item.render.conditional,
        "for": item.render.loop,
    }


def by_line(facts: FileFacts) -> dict[str, dict[str, Any]]:
    return {f"{item.location.line}:{item.location.column}": element(item) for item in facts.elements}


def context() -> ParseContext:
    return ParseContext()
