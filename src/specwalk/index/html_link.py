"""Plain HTML apps: apply the scripts' effects to the pages' elements (after parsing).

A page and its scripts are parsed and cached separately (`html.parse_file`); a script records
what it does to markup it finds by selector as `DomBinding`s. `link_scripts` applies them all:
handlers, texts set through `textContent` (with the literal options of a ternary), `hidden`
toggles (as render conditions), attributes, and the loops that clone a `<template>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from specwalk.index import markup, roles
from specwalk.index.facts import DomBinding, FileFacts
from specwalk.index.fast import new_attribute, new_render, new_text, replace
from specwalk.models.uimap import TextValue, UIElement


def link_scripts(facts: Mapping[str, FileFacts]) -> dict[str, FileFacts]:
    """Apply every script's `dom_bindings` to the elements of the project's HTML pages.

    Returns the facts with pages (and scripts holding markup) updated; call once after parsing
    every file and before merging. Bindings match by the selector's last compound: `#id`,
    `.class`, `[attr="value"]`, `tag` (or `tag.class` / `tag#id`).
    """
    bindings = [binding for item in facts.values() for binding in item.dom_bindings]
    pages = [item.file for item in facts.values() if item.parser == "html"]
    linked = dict(facts)
    if not bindings:
        return linked
    for path, item in facts.items():
        linked[path] = link_elements(item, bindings)
    if len(pages) == 1:
        for path, item in linked.items():
            linked[path] = link_routes(item, pages)
    return linked


def link_elements(item: FileFacts, bindings: list[DomBinding]) -> FileFacts:
    """`item` with the project's script `bindings` applied to its elements (pages and scripts)."""
    if item.parser not in ("html", "script") or not item.elements or not bindings:
        return item
    elements = [_apply(element, bindings) for element in item.elements]
    return replace(item, elements=_relabel(elements))


def link_routes(item: FileFacts, pages: list[str]) -> FileFacts:
    """A one-page app: the routes its scripts switch between render that page."""
    if len(pages) != 1 or item.parser != "script" or not item.routes:
        return item
    page_name = PurePosixPath(pages[0]).name
    routes = [replace(route, component=route.component or page_name) for route in item.routes]
    return replace(item, routes=routes)


def _matches(selector: str, element: UIElement) -> bool:
    compound = re.match(r"^([A-Za-z][\w-]*)?((?:[#.][\w-]+|\[[^\]]+\])*)$", selector)
    if compound is None:
        return False
    tag, rest = compound.group(1), compound.group(2)
    if tag and (element.native_tag or element.tag).lower() != tag.lower():
        return False
    if not tag and not rest:
        return False
    for token in re.findall(r"[#.][\w-]+|\[[^\]]+\]", rest):
        if token.startswith("#"):
            value = element.attributes.get("id")
            if value is None or not value.literal or value.value != token[1:]:
                return False
        elif token.startswith("."):
            value = element.attributes.get("class")
            if value is None or not value.literal or token[1:] not in (value.value or "").split():
                return False
        else:
            attribute = re.match(r"""^\[\s*([\w-]+)\s*(?:=\s*["']?([^"'\]]*)["']?)?\s*\]$""", token)
            if attribute is None:
                return False
            value = element.attributes.get(attribute.group(1))
            if value is None:
                return False
            if attribute.group(2) is not None and (not value.literal or value.value != attribute.group(2)):
                return False
    return True


def _apply(element: UIElement, bindings: list[DomBinding]) -> UIElement:
    update: dict[str, object] = {}
    handlers = list(element.handlers)
    attributes = dict(element.attributes)
    conditional = element.render.conditional
    loop = element.render.loop
    ident = element.attributes.get("id")
    texts: list[str] = []
    for binding in bindings:
        # Loops and hidden toggles reach descendants through the markers in their render fields.
        if binding.kind == "loop" and loop and f"template{binding.selector}" in loop:
            loop = loop.replace(f"template{binding.selector}", binding.expression or "")
            continue
        if binding.kind == "hidden" and conditional and f"{binding.selector}[hidden]" in conditional:
            conditional = conditional.replace(f"{binding.selector}[hidden]", f"!({binding.expression})")
            continue
        if not _matches(binding.selector, element):
            continue
        if binding.kind == "handler" and binding.handler is not None and binding.handler not in handlers:
            handlers.append(binding.handler)
        elif binding.kind == "text":
            texts.append(binding.expression or "")
        elif binding.kind == "hidden":
            condition = f"!({binding.expression})"
            marker = f"#{ident.value}[hidden]" if ident is not None and ident.literal else None
            if not (conditional and marker and marker in conditional):
                conditional = f"{conditional} && {condition}" if conditional else condition
        elif binding.kind == "attribute" and binding.name:
            current = attributes.get(binding.name)
            if current is None or current.literal:
                attributes[binding.name] = new_attribute(
                    name=binding.name,
                    literal=False,
                    value=current.value if current else None,
                    expression=binding.expression,
                )
    if texts:
        update["text"] = _script_text(element.text, texts)
        named_by_content = element.role in roles.NAME_FROM_CONTENT_ROLES and element.label is None
        if named_by_content or (element.accessible_name is not None and element.accessible_name == element.text):
            update["accessible_name"] = update["text"]
    update["handlers"] = handlers
    update["attributes"] = attributes
    update["render"] = new_render(conditional=conditional, loop=loop)
    return replace(element, **update)


def _script_text(static: TextValue | None, expressions: list[str]) -> TextValue:
    """Text a script sets: a string constant is literal; else dynamic (clearing with '' is ignored)."""
    values = [expression for expression in expressions if markup.text_value(markup.expression_parts(expression))]
    if not values:
        return static or new_text(kind="literal", value="")
    if len(values) == 1:
        value = markup.text_value(markup.expression_parts(values[0]))
        if value is not None and value.kind == "literal":
            return value
    options = [option for expression in values for option in _ternary_literals(expression)]
    literal_values = [
        found.value
        for expression in values
        if (found := markup.text_value(markup.expression_parts(expression))) is not None and found.kind == "literal"
    ]
    options.extend(value for value in literal_values if value)
    return new_text(
        kind="dynamic",
        expression=" | ".join(values),
        options=list(dict.fromkeys(options)),
    )


def _ternary_literals(expression: str) -> list[str]:
    """`isNew ? 'New note' : 'Edit note'` -> ['New note', 'Edit note']; [] otherwise."""
    match = re.match(r"""^[^?]+\?\s*(['"])((?:\\.|(?!\1).)*)\1\s*:\s*(['"])((?:\\.|(?!\3).)*)\3\s*$""", expression)
    return [match.group(2), match.group(4)] if match else []


def _relabel(elements: list[UIElement]) -> list[UIElement]:
    """Content-named elements (links, list items) with no text of their own take their
    descendants' text, which scripts may have set after the markup was read."""
    result: list[UIElement] = []
    for element in elements:
        if element.text is None and element.role in roles.NAME_FROM_CONTENT_ROLES:
            parts: list[markup.Part] = []
            for inner in _descendants_of(element, elements):
                if inner.text is None:
                    continue
                if inner.text.kind == "literal":
                    parts.append(markup.Part(" " + (inner.text.value or "") + " "))
                else:
                    parts.append(markup.Part(inner.text.expression or inner.text.key or "", expression=True))
                    parts.append(markup.Part(" "))
            text = markup.text_value(parts)
            if text is not None:
                update: dict[str, object] = {"text": text}
                if element.accessible_name is None and element.label is None:
                    update["accessible_name"] = text
                element = replace(element, **update)
        result.append(element)
    return result


def _descendants_of(outer: UIElement, elements: list[UIElement]) -> list[UIElement]:
    """Elements inside `outer` by position (spans keep no end column: multi-line parents only)."""
    start = outer.location
    end_line = start.end_line or start.line
    found = []
    for inner in elements:
        place = inner.location
        if inner is outer or place.file != start.file:
            continue
        after_start = (place.line, place.column) > (start.line, start.column)
        if after_start and place.line < end_line and (place.end_line or place.line) <= end_line:
            found.append(inner)
    # Only the innermost text carriers: skip elements that contain another found one.
    return [item for item in found if not any(other is not item and _inside(other, item) for other in found)]


def _inside(inner: UIElement, outer: UIElement) -> bool:
    a, b = inner.location, outer.location
    return (
        (a.line, a.column) > (b.line, b.column)
        and (a.end_line or a.line) <= (b.end_line or b.line)
        and a.line < (b.end_line or b.line)
    )
