"""The text a JSX element shows: literal, i18n, state set from t-calls, a condition between
texts, or an expression; and the tag names the React parser reads it by."""

from __future__ import annotations

from specwalk.index import treesitter
from specwalk.index.fast import new_text, same_text
from specwalk.index.react_components import T_FUNCTIONS, Component, string_value, t_key, unwrap
from specwalk.index.treesitter import Node
from specwalk.models.uimap import TextValue

_text = treesitter.text

_INLINE_TAGS = frozenset(
    {"span", "strong", "em", "b", "i", "small", "code", "abbr", "mark", "kbd", "s", "u", "sup", "sub", "time", "bdi"}
)


def text_of_expression(node: Node, component: Component | None) -> TextValue:
    """What `{expr}` shows: literal, i18n (t-call or state set from t-calls), or dynamic."""
    node = unwrap(node)
    literal = string_value(node)
    if literal is not None:
        return same_text(kind="literal", value=literal)
    key = t_key(node)
    if key is not None:
        return same_text(kind="i18n", key=key)
    source = treesitter.text(node)
    if node.type == "ternary_expression":
        chosen = _ternary_text(node, source)
        if chosen is not None:
            return chosen
    if component is not None:
        # `x ?? undefined`, `x || ''` keep x's value.
        if node.type == "binary_expression" and treesitter.text(node.child_by_field_name("operator")) in ("??", "||"):
            right = node.child_by_field_name("right")
            if right is not None and treesitter.text(right) in ("undefined", "null", "''", '""'):
                return text_of_expression(node.child_by_field_name("left"), component)
        from_state = _from_state(node, component)
        if from_state is not None:
            return from_state
    return same_text(kind="dynamic", expression=source)


_NOTHING = frozenset({"null", "undefined", "false", "true"})


def _ternary_text(node: Node, source: str) -> TextValue | None:
    """`saving ? 'Saving…' : 'Save'`: the texts it can show, as options (`t()` keys: i18n
    variants). A branch that shows nothing (`null`, markup without text such as `<Spinner/>`, a
    block of its own) adds no option (none at all: no options); None when a branch may show
    something else (a variable, inline markup with text, texts and keys mixed)."""
    literals: list[str] = []
    keys: list[str] = []
    stack = [node]
    while stack:
        current = unwrap(stack.pop())
        kind = current.type
        if kind == "ternary_expression":
            for field_name in ("alternative", "consequence"):  # popped consequence first
                branch = current.child_by_field_name(field_name)
                if branch is None:
                    return None
                stack.append(branch)
            continue
        if kind in _NOTHING:
            continue
        if kind in ("jsx_element", "jsx_self_closing_element"):
            if _tag_name(current) in _INLINE_TAGS and _shows_text(current):
                return None  # inline markup with text: this element's, but not one string
            continue  # a block child's text is its own; textless markup shows none
        literal = string_value(current)
        if literal is not None:
            if literal.strip():
                literals.append(literal)
            continue
        key = t_key(current)
        if key is None:
            return None
        keys.append(key)
    if literals and not keys:
        return new_text(kind="dynamic", expression=source, options=list(dict.fromkeys(literals)))
    if keys and not literals:
        return _keys_value(keys)
    if not keys and not literals:
        return same_text(kind="dynamic", expression=source)  # shows no text of its own
    return None


def _shows_text(element: Node) -> bool:
    """Whether markup has text of its own (a text node or an expression among its children)."""
    return element.type == "jsx_element" and any(
        child.type == "jsx_expression" or (child.type == "jsx_text" and _text(child).strip())
        for child in element.named_children
    )


def _from_state(node: Node, component: Component) -> TextValue | None:
    if node.type == "identifier":
        values = component.state.get(treesitter.text(node), [])
        keys = [value.key for value in values if value.kind == "i18n" and value.key]
        return _keys_value(keys) if keys and len(keys) == len(values) else None
    if node.type == "call_expression" and treesitter.text(node.child_by_field_name("function")) in T_FUNCTIONS:
        arguments = node.child_by_field_name("arguments")
        first = treesitter.named_child(arguments, 0) if arguments is not None else None
        if first is not None and first.type == "identifier":
            values = component.state.get(treesitter.text(first), [])
            keys = [value.value for value in values if value.kind == "literal" and value.value]
            return _keys_value(keys) if keys and len(keys) == len(values) else None
    return None


def _keys_value(keys: list[str]) -> TextValue:
    unique = sorted(set(keys))
    if len(unique) == 1:
        return same_text(kind="i18n", key=unique[0])
    return new_text(kind="i18n", key=" | ".join(unique), variants={key: {} for key in unique})


def _tag_name(element: Node) -> str:
    opening = element if element.type == "jsx_self_closing_element" else element.child_by_field_name("open_tag")
    if opening is None:
        opening = element.named_children[0] if element.named_children else element
    name = opening.child_by_field_name("name")
    return treesitter.text(name) if name is not None else ""


def _opening(element: Node) -> Node:
    if element.type == "jsx_self_closing_element":
        return element
    opening = element.child_by_field_name("open_tag")
    return opening if opening is not None else element.named_children[0]


def opening_and_name(element: Node) -> tuple[Node, str]:
    """(`_opening(element)`, `_tag_name(element)`), reading the opening tag once."""
    if element.type == "jsx_self_closing_element":
        opening = element
    else:
        opening = element.child_by_field_name("open_tag")
        if opening is None:
            children = element.named_children
            opening = children[0] if children else element
    name = opening.child_by_field_name("name")
    return opening, (_text(name) if name is not None else "")


def children_text(element: Node, component: Component | None, emitted: set[int]) -> TextValue | None:
    """Visible text of an element: its text nodes, expressions and inline children."""
    parts: list[TextValue] = []
    if element.type == "jsx_element":
        _collect(element, component, parts)
    return _combine(parts)


_HIDDEN = frozenset({'aria-hidden="true"', "aria-hidden={true}", "aria-hidden"})


def _collect(node: Node, component: Component | None, parts: list[TextValue]) -> None:
    # A module function, not a closure: a closure calling itself is a reference cycle, and with
    # the collector off during a run each one would keep its file's whole syntax tree alive.
    for child in node.named_children:
        kind = child.type
        if kind == "jsx_text":
            text = " ".join(_text(child).split())
            if text:
                parts.append(same_text(kind="literal", value=text))
        elif kind == "jsx_expression":
            inner = child.named_child(0) if child.named_child_count else None
            if inner is None or inner.type == "comment":
                continue
            inner = unwrap(inner)
            inner_kind = inner.type
            if inner_kind in _MAY_HOLD_JSX and has_jsx(inner):
                # Markup chosen or repeated here is the children's own text, except a condition
                # between texts (`saving ? <Spinner/> : 'Save'`), which is this element's text.
                if inner_kind == "ternary_expression":
                    source = _text(inner)
                    chosen = _ternary_text(inner, source)
                    if chosen is None:
                        parts.append(same_text(kind="dynamic", expression=source))
                    elif chosen.options or chosen.kind == "i18n":
                        parts.append(chosen)
                continue
            parts.append(text_of_expression(inner, component))
        elif kind == "jsx_element":
            opening, tag = opening_and_name(child)
            if tag not in _INLINE_TAGS and tag != "Trans":
                continue  # a block child: its text is its own, not this element's
            if any(
                attribute.type == "jsx_attribute" and _text(attribute).replace(" ", "") in _HIDDEN
                for attribute in opening.named_children
            ):
                continue
            if tag == "Trans":
                for attribute in opening.named_children:
                    if attribute.type == "jsx_attribute" and _text(attribute.named_children[0]) == "i18nKey":
                        key = string_value(attribute.named_children[1]) if len(attribute.named_children) > 1 else None
                        if key:
                            parts.append(same_text(kind="i18n", key=key))
                            break
                else:
                    _collect(child, component, parts)
            else:
                _collect(child, component, parts)
        elif kind == "jsx_self_closing_element" and _tag_name(child) == "Trans":
            for attribute in child.named_children:
                if attribute.type == "jsx_attribute" and _text(attribute.named_children[0]) == "i18nKey":
                    key = string_value(attribute.named_children[1]) if len(attribute.named_children) > 1 else None
                    if key:
                        parts.append(same_text(kind="i18n", key=key))


_MAY_HOLD_JSX = frozenset(
    {"jsx_element", "jsx_self_closing_element", "binary_expression", "ternary_expression", "call_expression"}
)


def _combine(parts: list[TextValue]) -> TextValue | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    if all(part.kind == "literal" for part in parts):
        return new_text(kind="literal", value=" ".join(part.value or "" for part in parts))
    value = " ".join(part.value if part.kind == "literal" and part.value else "{…}" for part in parts)
    expression = " ".join(
        part.expression or (f"t('{part.key}')" if part.key else "") for part in parts if part.kind != "literal"
    )
    return same_text(kind="mixed", value=value, expression=expression)


def has_jsx(node: Node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("jsx_element", "jsx_self_closing_element"):
            return True
        stack.extend(current.named_children)
    return False
