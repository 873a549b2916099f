"""Shared walker for markup parsed with the html or svelte grammar.

Plain HTML pages, Vue `<template>`s, Angular templates, Svelte components and HTML built in
JavaScript strings all share one shape: elements with attributes and text. The framework
differences (which attribute is a binding, a handler, a condition or a loop; how text
interpolation is written; which tags are components) live in a `Dialect`; this module does the
rest: render conditions, text content, `<label>` association, accessible names, kit components.
Text-level helpers (parts, i18n calls, attribute values, names) are in `markup_text` and
re-exported here for the parsers.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from specwalk.index import grammar_gaps, roles
from specwalk.index import treesitter as ts
from specwalk.index.facts import ImportBinding
from specwalk.index.fast import new_edge, new_element, new_handler, new_render, new_span, new_text, replace, same_text
from specwalk.index.markup_text import HOLE as HOLE
from specwalk.index.markup_text import KeyOf as KeyOf
from specwalk.index.markup_text import Part as Part
from specwalk.index.markup_text import attribute_text as attribute_text
from specwalk.index.markup_text import bound_attribute as bound_attribute
from specwalk.index.markup_text import camel as camel
from specwalk.index.markup_text import expression_parts as expression_parts
from specwalk.index.markup_text import handler_name as handler_name
from specwalk.index.markup_text import i18n_key as i18n_key
from specwalk.index.markup_text import literal_attribute as literal_attribute
from specwalk.index.markup_text import localized_attribute
from specwalk.index.markup_text import mustache_parts as mustache_parts
from specwalk.index.markup_text import pascal as pascal
from specwalk.index.markup_text import template_parts as template_parts
from specwalk.index.markup_text import text_value as text_value
from specwalk.index.xliff import source_key
from specwalk.models.uimap import (
    AttributeValue,
    ComponentEdge,
    Handler,
    SourceSpan,
    TextValue,
    UIElement,
)

# Shared by the vue, svelte, angular and html parsers; part of each one's PARSER_VERSION.
MARKUP_VERSION = "markup-5"  # 5: i18n-<attribute>; 4: @angular/localize i18n texts; 3: more UI kits (kits.py)

# Attributes that only style or wire up the framework; they never help find an element.
_DROPPED_ATTRIBUTES = frozenset({"style", "key", "ref", "slot", "v-slot", "v-bind", "v-on", "is"})
# Subtrees that never render visible, locatable content.
_SKIPPED_SUBTREES = frozenset({"head", "script", "style", "svg", "math", "noscript", "title", "meta", "link"})
# Containers that are not themselves elements of interest but whose children are.
_TRANSPARENT = frozenset({"html", "body", "template", "slot", "transition", "transition-group", "keep-alive"})
_CONTROL_TAGS = frozenset({"input", "select", "textarea", "button"})
_KEEP_WHEN_EMPTY = roles.INTERACTIVE_TAGS | roles.ASSERTABLE_TAGS
_ACTIVE_CONTROLS = frozenset({"button", "a", "input", "select", "textarea"})


# --- Dialects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attr:
    attribute: AttributeValue


@dataclass(frozen=True)
class On:
    handler: Handler
    bound_value: AttributeValue | None = None  # v-model / bind:value also set the value


@dataclass(frozen=True)
class Cond:
    kind: str  # if | else-if | else | show
    expression: str = ""


@dataclass(frozen=True)
class Loop:
    expression: str


@dataclass(frozen=True)
class Localized:
    """Marked for translation (@angular/localize `i18n`, `i18n-title`): "" is the element's
    content, else the attribute's name."""

    attribute: str = ""


Effect = Attr | On | Cond | Loop | Localized


class Dialect:
    """Plain HTML; subclasses override the hooks for their template syntax."""

    parser = "html"
    handler_syntax_prefix = "on"

    def attribute(self, name: str, value: str | None) -> list[Effect]:
        """What one attribute as written means. `value` is None for a bare attribute."""
        lowered = name.lower()
        if lowered in _DROPPED_ATTRIBUTES:
            return []
        if lowered.startswith("on") and len(lowered) > 2 and value is not None:
            return [On(new_handler(event=lowered[2:], handler=handler_name(value), syntax=name))]
        return [Attr(literal_attribute(lowered, value if value is not None else ""))]

    def prop_name(self, name: str) -> str:
        """A component prop's name as the component declares it (Vue: item-name -> itemName)."""
        return name

    def model_prop(self, handler: Handler) -> str | None:
        """The prop a two-way binding on a component sets (v-model -> modelValue), or None."""
        return None

    def node_effects(self, node: ts.Node) -> list[Effect]:
        """Effects that come from where the element sits (Angular `@if` blocks around it)."""
        return []

    def keep(self, raw: Raw) -> bool:
        """Whether to keep an element the generic rules would drop."""
        return False

    def tag_effects(self, tag: str, attributes: Mapping[str, AttributeValue]) -> list[Effect]:
        """Effects a tag has by itself (a plain `<template>` renders only when cloned)."""
        return []

    def text_parts(self, raw: str) -> list[Part]:
        return [Part(raw)]

    def i18n_key(self, expression: str) -> str | None:
        return i18n_key(expression)

    def component(self, tag: str) -> str | None:
        """The component a tag renders (custom or kit), or None for a native element."""
        return None

    def layout_text(self, tag: str) -> bool:
        """Whether a kit's layout element (not a component) is kept, like a div, for its own text."""
        return False

    def kit(self, component: str) -> roles.KitComponent | None:
        """The UI-kit component `component` is (Svelte asks the module it is imported from)."""
        return roles.kit_component(component)

    def block(self, node: ts.Node) -> tuple[list[Effect], list[ts.Node]] | None:
        """Control-flow nodes (Svelte `{#if}`): effects and child nodes, or None."""
        return None

    def element_text_parts(self, node: ts.Node) -> list[Part] | None:
        """A non-element child node that contributes text (Svelte `{expr}`), or None."""
        return None


# --- Positions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where the parsed text starts inside the file (for markup embedded in a JS/TS string)."""

    source: bytes  # the bytes that were parsed
    line: int = 0  # 0-based line of the parsed text's first byte in the file
    column: int = 0  # 0-based character column of that byte
    file_lines: tuple[bytes, ...] | None = None

    @functools.cached_property
    def ascii(self) -> bool:
        return self.source.isascii()

    def span(self, file: str, node: ts.Node) -> SourceSpan:
        row, byte_column = node.start_point
        end_row = node.end_point[0]
        if self.ascii:  # a byte is a character
            column = byte_column
        else:
            start = node.start_byte
            column = len(self.source[start - byte_column : start].decode("utf-8", errors="replace"))
        if row == 0:
            column += self.column
        return new_span(file=file, line=self.line + row + 1, column=column + 1, end_line=self.line + end_row + 1)


# --- The walk ---------------------------------------------------------------------------------


class Raw:
    """One element of the markup, with what its ancestors contribute.

    A slotted class with a plain constructor: a large project has hundreds of thousands."""

    __slots__ = (
        "attributes",
        "children",
        "component",
        "condition_kind",
        "conditions",
        "direct_text",
        "handlers",
        "hidden",
        "label_ancestor",
        "localized",
        "loops",
        "node",
        "parts",
        "tag",
    )

    def __init__(
        self,
        node: ts.Node,
        tag: str,
        attributes: dict[str, AttributeValue],
        handlers: list[Handler],
        conditions: list[str],
        loops: list[str],
        label_ancestor: Raw | None,
        component: str | None,  # custom or kit component name this tag renders
        hidden: bool,  # aria-hidden / inert subtree
        condition_kind: str | None = None,  # this element's own v-if / v-else kind, for chaining
    ) -> None:
        self.node = node
        self.tag = tag
        self.attributes = attributes
        self.handlers = handlers
        self.conditions = conditions
        self.loops = loops
        self.label_ancestor = label_ancestor
        self.component = component
        self.hidden = hidden
        self.children: list[Raw] = []
        self.parts: list[Part] = []  # text content (textContent with holes)
        self.direct_text = False
        self.condition_kind = condition_kind
        self.localized: frozenset[str] = frozenset()  # see `Localized`


@dataclass
class Extraction:
    elements: list[UIElement]
    edges: list[ComponentEdge]
    i18n_keys: list[str]
    raws: list[Raw]


def _tag_of(node: ts.Node) -> tuple[str, ts.Node | None]:
    for child in node.children:
        if child.type in ("start_tag", "self_closing_tag"):
            for grandchild in child.children:
                if grandchild.type == "tag_name":
                    return ts.text(grandchild), child
            return "", child
    return "", None


def tag_name(node: ts.Node) -> str:
    return _tag_of(node)[0]


def _attributes(start: ts.Node) -> Iterator[tuple[str, str | None, ts.Node]]:
    for child in start.children:
        if child.type != "attribute":
            continue
        name = ""
        value: str | None = None
        for part in child.children:
            kind = part.type  # a new string on each access: read once
            if kind == "attribute_name":
                name = ts.text(part)
            elif kind == "attribute_value":
                value = html.unescape(ts.text(part))
            elif kind == "quoted_attribute_value":
                inner = [c for c in part.children if c.type == "attribute_value"]
                value = html.unescape(ts.text(inner[0])) if inner else ""
            elif kind == "expression":  # svelte {expr}
                value = "{" + _expression_source(part) + "}"
        if name:
            yield name, value, child


def _expression_source(node: ts.Node) -> str:
    raw = ts.text(node)
    return raw[1:-1].strip() if raw.startswith("{") and raw.endswith("}") else raw.strip()


class Walker:
    def __init__(self, dialect: Dialect, testids: tuple[str, ...], source: bytes) -> None:
        self.dialect = dialect
        self.testids = testids
        self.source = source  # the parsed bytes, for text the grammar split (grammar_gaps)
        self.grammar: ts.Grammar = "svelte" if dialect.parser == "svelte" else "html"
        self.raws: list[Raw] = []
        self.i18n: list[str] = []
        # The hooks the dialect leaves as they are answer nothing: skip calling them per element.
        kind = type(dialect)
        self.tag_effects = kind.tag_effects is not Dialect.tag_effects
        self.node_effects = kind.node_effects is not Dialect.node_effects
        self.blocks = kind.block is not Dialect.block or kind.element_text_parts is not Dialect.element_text_parts

    def walk(
        self,
        node: ts.Node,
        parent: Raw | None,
        conditions: list[str],
        loops: list[str],
        label: Raw | None,
        hidden: bool,
    ) -> list[Part]:
        """Walk `node`'s children; returns their text parts (for the parent's text content)."""
        parts: list[Part] = []
        previous_end: int | None = None
        chain: list[str] = []  # conditions of the preceding v-if / v-else-if siblings
        run_start = run_index = -1  # the run of text siblings so far: its first byte, its index in parts
        split = False  # whether a grammar gap (a bare `&` / `>`) split that run into several nodes
        for child in node.children:
            if previous_end is not None and child.start_byte > previous_end:
                parts.append(_SPACE)
            previous_end = child.end_byte
            kind = child.type
            if kind == "text" or (kind == "ERROR" and grammar_gaps.is_text_gap(child, self.grammar)):
                if run_start < 0:
                    run_start, run_index = child.start_byte, len(parts)
                split = split or kind == "ERROR"
                if split:  # read the run as the one text it is (a `{{ a > b }}` stays whole)
                    del parts[run_index:]
                    raw_text = self.source[run_start : child.end_byte].decode("utf-8", "replace")
                else:
                    raw_text = ts.text(child)
                parts.extend(self.dialect.text_parts(raw_text))
                if parent is not None and raw_text.strip():
                    parent.direct_text = True
                continue
            run_start, split = -1, False
            if kind == "entity":
                parts.append(Part(html.unescape(ts.text(child))))
                if parent is not None:
                    parent.direct_text = True
            elif kind == "element":
                parts.extend(self._element(child, parent, conditions, loops, label, hidden, chain))
            elif kind in ("start_tag", "end_tag", "self_closing_tag", "comment", "doctype") or not self.blocks:
                continue
            else:
                extra = self.dialect.element_text_parts(child)
                if extra is not None:
                    parts.extend(extra)
                    if parent is not None:
                        parent.direct_text = True
                    continue
                block = self.dialect.block(child)
                if block is not None:
                    effects, inner = block
                    sub_conditions, sub_loops = _apply_flow(effects, conditions, loops, chain)
                    for inner_node in inner:
                        parts.extend(self.walk(inner_node, parent, sub_conditions, sub_loops, label, hidden))
                    chain = []
        return parts

    def _element(
        self,
        node: ts.Node,
        parent: Raw | None,
        conditions: list[str],
        loops: list[str],
        label: Raw | None,
        hidden: bool,
        chain: list[str],
    ) -> list[Part]:
        tag, start = _tag_of(node)
        lowered = tag.lower()
        if lowered in _SKIPPED_SUBTREES or start is None:
            return []
        attributes: dict[str, AttributeValue] = {}
        handlers: list[Handler] = []
        effects: list[Effect] = []
        localized: set[str] = set()
        component = self.dialect.component(tag)
        custom = component is not None and self.dialect.kit(component) is None
        for name, value, _attr_node in _attributes(start):
            for effect in self.dialect.attribute(name, value):
                if isinstance(effect, Attr):
                    attributes[effect.attribute.name] = effect.attribute
                elif isinstance(effect, On):
                    handlers.append(effect.handler)
                    if effect.bound_value is not None and not custom:
                        attributes.setdefault(effect.bound_value.name, effect.bound_value)
                elif isinstance(effect, Localized):
                    localized.add(effect.attribute)
                else:
                    effects.append(effect)
        for name in localized:
            marked = attributes.get(name) if name else None
            if marked is not None and marked.literal and (marked.value or "").strip():
                # `i18n-placeholder`: the value is the source locale's, translated like `$localize`.
                attributes[name] = localized_attribute(marked)
        if self.tag_effects:
            effects.extend(self.dialect.tag_effects(tag, attributes))
        if self.node_effects:
            effects.extend(self.dialect.node_effects(node))
        own_kind = None
        for effect in effects:
            if isinstance(effect, Cond) and effect.kind != "show":
                own_kind = effect.kind
                break
        if own_kind in (None, "if"):
            chain.clear()
        sub_conditions, sub_loops = _apply_flow(effects, conditions, loops, chain)
        for key in attributes.values():
            if not key.literal and key.expression:
                found = self.dialect.i18n_key(key.expression)
                if found:
                    self.i18n.append(found)
        aria_hidden = attributes.get("aria-hidden")
        is_hidden = hidden or (aria_hidden is not None and aria_hidden.literal and aria_hidden.value == "true")
        raw = Raw(node, tag, attributes, handlers, sub_conditions, sub_loops, label, component, is_hidden, own_kind)
        if localized:
            raw.localized = frozenset(localized)
        self.raws.append(raw)
        if parent is not None:
            parent.children.append(raw)
        inner_label = raw if lowered == "label" or _is_form_item(raw, self.dialect) else label
        parts = self.walk(node, raw, sub_conditions, sub_loops, inner_label, is_hidden)
        raw.parts = parts
        for part in parts:
            if part.expression:
                found = self.dialect.i18n_key(part.text)
                if found and found not in self.i18n:
                    self.i18n.append(found)
        if is_hidden and not hidden:
            return []
        if lowered in ("br", "hr"):
            return [_SPACE]
        if lowered in ("input", "select", "textarea"):
            return []
        return parts


_SPACE = Part(" ")  # parts are frozen: one for every gap between nodes


def _is_form_item(raw: Raw, dialect: Dialect) -> bool:
    """A kit form item (`<el-form-item label>`, `<Form.Item label>`) labels the control inside."""
    kit = dialect.kit(raw.component) if raw.component is not None else None
    return kit is not None and kit.native_tag == "div" and kit.props.get("label") == "label" and kit.role is None


def _apply_flow(
    effects: list[Effect], conditions: list[str], loops: list[str], chain: list[str]
) -> tuple[list[str], list[str]]:
    """Conditions and loops in force inside an element or block with these effects."""
    if not effects:
        return conditions, loops  # shared: nothing changes these lists once made
    new_conditions = list(conditions)
    new_loops = list(loops)
    for effect in effects:
        if isinstance(effect, Loop):
            new_loops.append(effect.expression)
        elif isinstance(effect, Cond):
            negated = [f"!({previous})" for previous in chain]
            if effect.kind == "if":
                new_conditions.append(effect.expression)
                chain[:] = [effect.expression]
            elif effect.kind == "else-if":
                new_conditions.append(" && ".join([*negated, effect.expression]))
                chain.append(effect.expression)
            elif effect.kind == "else":
                if negated:
                    new_conditions.append(" && ".join(negated))
                chain.clear()
            else:  # show: present but maybe hidden
                new_conditions.append(effect.expression)
    return new_conditions, new_loops


# --- From raw elements to UI elements -----------------------------------------------------------


def _literal_values(attributes: dict[str, AttributeValue]) -> dict[str, str | None]:
    return {name: (value.value if value.literal else None) for name, value in attributes.items()}


def _is_kept(raw: Raw, dialect: Dialect, testids: tuple[str, ...]) -> bool:
    if raw.component is not None:
        return True
    tag = raw.tag.lower()
    if tag in _TRANSPARENT:
        return False
    if "-" in tag or "." in tag:  # custom elements, a kit's layout parts (nb-card-header, Layout.Stack)
        return dialect.layout_text(raw.tag) and raw.direct_text and bool(text_value(raw.parts, dialect.i18n_key))
    if tag in _KEEP_WHEN_EMPTY or raw.handlers:
        return True
    attributes = raw.attributes
    if any(name in attributes for name in ("role", "aria-label", "aria-labelledby", "tabindex", "contenteditable")):
        return True
    if any(name in attributes for name in testids):
        return True
    if dialect.keep(raw):
        return True
    return raw.direct_text and bool(text_value(raw.parts, dialect.i18n_key))


def _text_without_controls(raw: Raw) -> list[Part]:
    """A label's own text: its content minus the controls it wraps."""
    controls = [child for child in _descendants(raw) if child.tag.lower() in ("input", "select", "textarea")]
    if not controls:
        return raw.parts
    # Controls contribute no text (see Walker._element), except <select>'s options: drop those.
    option_texts = {
        part
        for control in controls
        if control.tag.lower() == "select"
        for option in _descendants(control)
        for part in option.parts
    }
    return [part for part in raw.parts if part not in option_texts]


def _descendants(raw: Raw) -> Iterator[Raw]:
    for child in raw.children:
        yield child
        yield from _descendants(child)


def build_elements(
    raws: list[Raw],
    *,
    file: str,
    component: str | None,
    origin: Origin,
    dialect: Dialect,
    testids: tuple[str, ...],
) -> tuple[list[UIElement], list[ComponentEdge]]:
    """UI elements (and component usages as edges) from the walked markup of one file."""
    by_id: dict[str, Raw] = {}
    labels_for: dict[str, Raw] = {}
    for raw in raws:
        element_id = raw.attributes.get("id")
        if element_id is not None:
            by_id[_attr_key(element_id)] = raw
        if raw.tag.lower() == "label":
            associated = raw.attributes.get("for") or raw.attributes.get("htmlfor")
            if associated is not None:
                labels_for[_attr_key(associated)] = raw
    elements: list[UIElement] = []
    edges: list[ComponentEdge] = []
    key_of = dialect.i18n_key
    for raw in raws:
        if not _is_kept(raw, dialect, testids):
            continue
        span = origin.span(file, raw.node)
        kit = dialect.kit(raw.component) if raw.component is not None else None
        attributes = raw.attributes  # not changed here: new dicts below, and new_element copies
        # Containers (landmarks, forms, lists) would repeat all their descendants' text; only
        # elements with text of their own, or named by their content, keep it.
        content_role = (kit.role or roles.implied_role(kit.native_tag)) if kit is not None else _implied(raw)
        own_text = raw.direct_text or content_role in roles.NAME_FROM_CONTENT_ROLES
        custom = raw.component is not None and kit is None
        text = text_value(raw.parts, key_of) if own_text or custom else None
        label: TextValue | None = None
        native_tag: str | None
        role: str | None
        if raw.component is not None and kit is None:
            # The project's own component: build resolves what it renders.
            native_tag, role = None, None
            attributes = {
                dialect.prop_name(prop): replace(value, name=dialect.prop_name(prop))
                for prop, value in attributes.items()
            }
            props = {
                prop: (value.value or "") if value.literal else (value.expression or "")
                for prop, value in attributes.items()
            }
            for handler in raw.handlers:
                model_prop = dialect.model_prop(handler)
                if model_prop is not None:
                    props[model_prop] = handler.handler
            edges.append(new_edge(component=raw.component, props=props, location=span))
        elif kit is not None:
            native_tag = kit.native_tag
            if not kit.children_text:
                text = None  # before the props: a `label` prop that is the text stays
            mapped: dict[str, AttributeValue] = {}
            for prop, value in attributes.items():
                target = kit.props.get(camel(prop), kit.props.get(prop, prop))
                if target == "text":
                    text = attribute_text(value, key_of) or text
                elif target == "label":
                    label = attribute_text(value, key_of)
                else:
                    mapped[target] = replace(value, name=target)
            attributes = mapped
            role = kit.role or roles.implied_role(native_tag, _literal_values(attributes))
            explicit = attributes.get("role")
            if explicit is not None and explicit.literal and explicit.value:
                role = explicit.value.split()[0]
        else:
            native_tag = raw.tag.lower()
            role = content_role  # `_implied(raw)`: the same tag and attributes
            if native_tag in ("input", "select", "textarea"):
                text = None
        if "" in raw.localized and text is not None and text.kind == "literal" and text.value:
            # The template's text is the source locale's; translations are found by it.
            text = new_text(kind="i18n", key=source_key(text.value), value=text.value)
        if label is None:
            label = _label_of(raw, attributes, by_id, labels_for, key_of, dialect)
        name = _accessible_name(raw, role, native_tag, attributes, text, label, key_of) if role else None
        render = new_render(
            conditional=" && ".join(raw.conditions) or None,
            loop="; ".join(raw.loops) or None,
        )
        elements.append(
            new_element(
                id=f"{span.file}:{span.line}:{span.column}",
                location=span,
                component=component,
                tag=raw.tag,
                native_tag=native_tag,
                role=role,
                attributes=attributes,
                text=text,
                label=label,
                accessible_name=name,
                handlers=raw.handlers,
                render=render,
            )
        )
    return elements, edges


def _implied(raw: Raw) -> str | None:
    return roles.implied_role(raw.tag.lower(), _literal_values(raw.attributes))


def _attr_key(value: AttributeValue) -> str:
    return ("=" + (value.value or "")) if value.literal else ("{" + (value.expression or "").strip())


def _label_of(
    raw: Raw,
    attributes: dict[str, AttributeValue],
    by_id: dict[str, Raw],
    labels_for: dict[str, Raw],
    key_of: KeyOf,
    dialect: Dialect,
) -> TextValue | None:
    labelledby = attributes.get("aria-labelledby")
    if labelledby is not None:
        if labelledby.literal:
            texts = [
                text_value(by_id["=" + ref].parts, key_of)
                for ref in (labelledby.value or "").split()
                if "=" + ref in by_id
            ]
            return _join_texts([t for t in texts if t is not None])
        return text_value(expression_parts(labelledby.expression or ""), key_of)
    aria_label = attributes.get("aria-label")
    if aria_label is not None:
        return attribute_text(aria_label, key_of)
    tag = raw.tag.lower()
    if raw.component is None and tag not in roles.LABELABLE_TAGS:
        return None
    element_id = raw.attributes.get("id")
    if element_id is not None:
        label_raw = labels_for.get(_attr_key(element_id))
        if label_raw is not None:
            return text_value(_text_without_controls(label_raw), key_of)
    ancestor = raw.label_ancestor
    if ancestor is not None and ancestor is not raw:
        if _is_form_item(ancestor, dialect):
            item_label = ancestor.attributes.get("label")
            return attribute_text(item_label, key_of) if item_label is not None else None
        return text_value(_text_without_controls(ancestor), key_of)
    return None


def _join_texts(texts: list[TextValue]) -> TextValue | None:
    if not texts:
        return None
    if len(texts) == 1:
        return texts[0]
    if all(text.kind == "literal" for text in texts):
        return new_text(kind="literal", value=" ".join(text.value or "" for text in texts))
    value = " ".join(text.value if text.kind in ("literal", "mixed") and text.value else HOLE for text in texts)
    expression = ", ".join(text.expression or text.key or "" for text in texts if text.kind != "literal")
    return same_text(kind="mixed", value=value, expression=expression)


def _accessible_name(
    raw: Raw,
    role: str | None,
    native_tag: str | None,
    attributes: dict[str, AttributeValue],
    text: TextValue | None,
    label: TextValue | None,
    key_of: KeyOf,
) -> TextValue | None:
    if label is not None:
        return label
    if role in roles.NAME_FROM_CONTENT_ROLES and text is not None:
        return text
    if native_tag == "input":
        kind = attributes.get("type")
        value = attributes.get("value")
        if kind is not None and kind.literal and kind.value in ("submit", "button", "reset") and value is not None:
            return attribute_text(value, key_of)
        if kind is not None and kind.literal and kind.value == "submit":
            return same_text(kind="literal", value="Submit")
    if native_tag in ("img", "area") or (native_tag == "input" and "alt" in attributes):
        alt = attributes.get("alt")
        if alt is not None:
            return attribute_text(alt, key_of)
    title = attributes.get("title")
    if title is not None:
        return attribute_text(title, key_of)
    placeholder = attributes.get("placeholder")
    if placeholder is not None and native_tag in ("input", "textarea"):
        return attribute_text(placeholder, key_of)
    return None


def extract(
    root: ts.Node,
    *,
    file: str,
    component: str | None,
    origin: Origin,
    dialect: Dialect,
    testids: tuple[str, ...],
    conditions: list[str] | None = None,
    loops: list[str] | None = None,
) -> Extraction:
    """Walk `root` and build the file's UI elements."""
    walker = Walker(dialect, testids, origin.source)
    walker.walk(root, None, list(conditions or []), list(loops or []), None, False)
    elements, edges = build_elements(
        walker.raws, file=file, component=component, origin=origin, dialect=dialect, testids=testids
    )
    for raw in walker.raws:
        # A label and the control inside it refer to each other (children, label_ancestor): with
        # the cyclic collector off during a run, that cycle would keep the syntax tree alive.
        raw.label_ancestor = None
    return Extraction(elements=elements, edges=edges, i18n_keys=walker.i18n, raws=walker.raws)


def interactive_count(raws: list[Raw]) -> list[Raw]:
    """The active controls of a template (to tell whether a component wraps one native element)."""
    return [raw for raw in raws if raw.component is None and raw.tag.lower() in _ACTIVE_CONTROLS]


def script_imports(root: ts.Node) -> dict[str, ImportBinding]:
    """Local name -> where it comes from, for the import statements of a JS/TS program."""
    imports: dict[str, ImportBinding] = {}
    for node in root.children:
        if node.type != "import_statement":
            continue
        source_node = node.child_by_field_name("source")
        if source_node is None:
            continue
        specifier = "".join(ts.text(c) for c in source_node.children if c.type == "string_fragment")
        for clause in node.children:
            if clause.type != "import_clause":
                continue
            for item in clause.children:
                if item.type == "identifier":
                    imports[ts.text(item)] = ImportBinding(source=specifier, imported="default")
                elif item.type == "namespace_import":
                    names = [c for c in item.children if c.type == "identifier"]
                    if names:
                        imports[ts.text(names[0])] = ImportBinding(source=specifier, imported="*")
                elif item.type == "named_imports":
                    for spec in item.children:
                        if spec.type != "import_specifier":
                            continue
                        imported = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or imported
                        if imported is not None and alias is not None:
                            imports[ts.text(alias)] = ImportBinding(source=specifier, imported=ts.text(imported))
    return imports


def wrapped_tag(raws: list[Raw], root_tags: list[str]) -> str | None:
    """The native control a component wraps: its only active control, when that control is the
    template's root or comes with a `<label>` (a field wrapper); else None."""
    controls = interactive_count(raws)
    if len(controls) != 1:
        return None
    control = controls[0].tag.lower()
    has_label = any(raw.tag.lower() == "label" for raw in raws)
    if control in root_tags or has_label:
        return control
    return None
