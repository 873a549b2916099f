"""React (TSX / JSX / JS / TS): components, elements, attributes, text, handlers, conditions.

One tree-sitter parse per file; the JSX elements, imports and components come from cached
queries (cheap, in C); each element's context — enclosing component, `cond && …`, ternaries,
early `if (…) return`, `.map(…)` loops — is read by walking up its ancestors.

What comes out per element:
- native tags that are interactive or assertable (roles.INTERACTIVE_TAGS / ASSERTABLE_TAGS), or
  carry a role, a handler, a test id or aria-label, or show literal / i18n text;
- UI-kit components (MUI, antd, Headless UI, router links) mapped to their native tag and role;
- usages of the project's own components (tag `Button`, native_tag None) with their props as
  attributes and their children as text: `build` follows them to the wrapper's native element.
Labels are associated inside the component: `<label htmlFor=X>` ↔ `id=X` (same literal or the
same expression), a wrapping `<label>`, `aria-labelledby` ↔ `id`; `aria-label` is the label.
Text from `t('key')`, `i18n.t`, `<Trans i18nKey>` is i18n (keys resolved by `build`); a state
variable set only through `setX(t('key'))` or `setX('key')` read as `{x}` / `{t(x)}` resolves to
those keys. Routes in the same file come from `routes_js`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from specwalk.index import grammar_gaps, routes_js, treesitter
from specwalk.index.facts import FileFacts, ImportBinding, ParseContext
from specwalk.index.fast import (
    new_attribute,
    new_edge,
    new_element,
    new_handler,
    new_render,
    new_span,
    replace,
    same_text,
)
from specwalk.index.kits import KitComponent
from specwalk.index.react_components import (
    COMPONENT_QUERIES,
    IMPORTS_QUERY,
    Component,
    Styled,
    collect_state,
    find_components,
    find_styled,
    parse_imports,
    string_value,
    styled_names,
    t_key,
    unwrap,
)
from specwalk.index.react_text import (
    children_text,
    has_jsx,
    opening_and_name,
    text_of_expression,
)
from specwalk.index.roles import ASSERTABLE_TAGS, INTERACTIVE_TAGS, implied_role, is_native_tag, kit_component
from specwalk.index.treesitter import Node
from specwalk.models.uimap import (
    AttributeValue,
    ComponentEdge,
    ComponentNode,
    Handler,
    ParseProblem,
    RenderCondition,
    SourceSpan,
    TextValue,
)

# 6: more UI kits (kits.py); a kit's text prop survives children_text=False
# 7: styled-components / emotion definitions; wrappers of kit components and of other wrappers
PARSER_VERSION = "react-7"

_ELEMENTS = "[(jsx_element) (jsx_self_closing_element)] @el"
# Every query a file runs, in one pass over its tree (see treesitter.MatchSet).
_SCRIPT_QUERIES = (IMPORTS_QUERY, routes_js.OBJECTS_QUERY)
_JSX_QUERIES = tuple(dict.fromkeys((*_SCRIPT_QUERIES, *COMPONENT_QUERIES, routes_js.JSX_QUERY, _ELEMENTS)))

# Components that only structure rendering; they are edges, never elements.
_STRUCTURAL = frozenset(
    {
        "Fragment",
        "StrictMode",
        "Suspense",
        "Routes",
        "Route",
        "Navigate",
        "Outlet",
        "Switch",
        "Redirect",
        "RouterProvider",
        "BrowserRouter",
        "HashRouter",
        "MemoryRouter",
        "Trans",
        "ErrorBoundary",
    }
)
_TEXT_TAGS = frozenset(
    {"p", "span", "div", "strong", "em", "small", "label", "dt", "dd", "figcaption", "caption", "legend", "blockquote"}
)
_RENAMES = {"className": "class", "htmlFor": "for"}


@dataclass
class _Element:
    node: Node
    name: str
    component: str | None
    attributes: dict[str, AttributeValue]
    handlers: list[Handler]
    text: TextValue | None
    render: RenderCondition
    props: dict[str, str] = field(default_factory=dict)
    texts: dict[str, TextValue] = field(default_factory=dict)  # i18n texts of attributes
    native: str | None = None  # the native tag a styled component of the file renders


_text = treesitter.text


def _span(path: str, node: Node) -> SourceSpan:
    return new_span(
        file=path, line=node.start_point[0] + 1, column=node.start_point[1] + 1, end_line=node.end_point[0] + 1
    )


def _handler_name(node: Node) -> str:
    node = unwrap(node)
    if node.type in ("arrow_function", "function_expression"):
        body = node.child_by_field_name("body")
        if body is not None and body.type == "call_expression":
            return treesitter.text(body.child_by_field_name("function"))
        if body is not None and body.type == "statement_block" and len(body.named_children) == 1:
            statement = body.named_children[0]
            call = treesitter.named_child(statement, 0)
            if call is not None and call.type == "call_expression":
                return treesitter.text(call.child_by_field_name("function"))
    source = " ".join(treesitter.text(node).split())
    return source if len(source) <= 80 else source[:77] + "..."


def _attributes(
    opening: Node, component: Component | None
) -> tuple[dict[str, AttributeValue], list[Handler], dict[str, str], dict[str, TextValue]]:
    """Attributes, handlers, props as written (for component edges), and texts of attributes."""
    attributes: dict[str, AttributeValue] = {}
    handlers: list[Handler] = []
    props: dict[str, str] = {}
    texts: dict[str, TextValue] = {}
    for child in opening.named_children:
        kind = child.type
        if kind == "jsx_expression":  # {...rest}
            props["..."] = _text(child)[1:-1].strip().removeprefix("...")
            continue
        if kind != "jsx_attribute":
            continue
        parts = child.named_children  # a new list on each access: read once
        if not parts:
            continue
        raw_name = _text(parts[0])
        name = _RENAMES.get(raw_name, raw_name)
        if len(parts) == 1:
            attributes[name] = new_attribute(name=name, literal=True, value="")
            props[raw_name] = "true"
            continue
        value_node = parts[1]
        if value_node.type != "jsx_expression":
            literal = string_value(value_node)
            value = literal if literal is not None else _text(value_node)
            attributes[name] = new_attribute(name=name, literal=True, value=value)
            props[raw_name] = value
            continue
        inner = value_node.named_child(0) if value_node.named_child_count else None
        if inner is None:
            continue
        if raw_name[:2] == "on" and "A" <= raw_name[2:3] <= "Z":
            handlers.append(new_handler(event=raw_name[2:].lower(), handler=_handler_name(inner), syntax=raw_name))
            props[raw_name] = "{" + _text(inner) + "}"
            continue
        literal = string_value(unwrap(inner))
        if literal is not None:
            attributes[name] = new_attribute(name=name, literal=True, value=literal)
            props[raw_name] = literal
            continue
        shown = text_of_expression(inner, component)
        expression = _text(inner)
        if shown.kind == "i18n":
            texts[name] = shown
            if component is not None and shown.key and t_key(inner) is None:
                expression = f"t('{shown.key}')"  # resolved through a useState setter
        default = None
        if component is not None and inner.type == "identifier":
            default = component.defaults.get(_text(inner))
        attributes[name] = new_attribute(name=name, literal=False, expression=expression, value=default)
        props[raw_name] = "{" + expression + "}"
    return attributes, handlers, props, texts


# Node kinds `_context` passes on its way up without reading them.
_NOT_CONTEXT = frozenset(
    {
        "jsx_element",
        "jsx_self_closing_element",
        "jsx_expression",
        "parenthesized_expression",
        "arguments",
        "arrow_function",
        "return_statement",
        "jsx_opening_element",
        "jsx_attribute",
        "program",
    }
)

# node id of an element -> (its component, its conditions innermost first, its loop)
_Contexts = dict[int, tuple["Component | None", list[str], "str | None"]]


def _context(
    element: Node, functions: dict[int, Component], known: _Contexts | None = None
) -> tuple[Component | None, RenderCondition]:
    """Enclosing component, and the conditions / loop between it and `element`.

    `known` holds the contexts of elements already seen (enclosing ones come first in document
    order): the walk up stops at the nearest of them instead of climbing to the component.
    """
    conditions: list[str] = []
    loop: str | None = None
    child = element
    node = element.parent
    outer = None
    while node is not None:
        node_id = node.id
        if known is not None and node_id in known:
            outer = known[node_id]
            break
        if node_id in functions:
            break
        kind = node.type
        parent = node.parent
        if kind in _NOT_CONTEXT:
            pass  # the usual steps up from an element (JSX, expressions, arguments): nothing to read
        elif kind == "binary_expression" and treesitter.text(node.child_by_field_name("operator")) == "&&":
            if node.child_by_field_name("right") == child:
                conditions.append(treesitter.text(node.child_by_field_name("left")))
        elif kind == "ternary_expression":
            condition = treesitter.text(node.child_by_field_name("condition"))
            if node.child_by_field_name("consequence") == child:
                conditions.append(condition)
            elif node.child_by_field_name("alternative") == child:
                conditions.append(_negate(condition))
        elif kind == "if_statement":
            condition = treesitter.text(node.child_by_field_name("condition")).strip()
            condition = condition[1:-1] if condition.startswith("(") and condition.endswith(")") else condition
            if node.child_by_field_name("consequence") == child:
                conditions.append(condition)
            else:
                conditions.append(_negate(condition))
        elif kind == "call_expression" and loop is None:
            callee = node.child_by_field_name("function")
            if callee is not None and callee.type == "member_expression":
                prop = treesitter.text(callee.child_by_field_name("property"))
                if prop in ("map", "flatMap") and child.type == "arguments":
                    loop = f"{treesitter.text(callee.child_by_field_name('object'))}.{prop}(...)"
        elif kind == "statement_block" and parent is not None and parent.id in functions:
            # An early `if (x) return …;` earlier in the body makes what follows conditional.
            for statement in node.named_children:
                if statement.start_byte >= child.start_byte:
                    break
                if statement.type == "if_statement" and _returns(statement.child_by_field_name("consequence")):
                    condition = treesitter.text(statement.child_by_field_name("condition")).strip()
                    condition = condition[1:-1] if condition.startswith("(") and condition.endswith(")") else condition
                    conditions.append(_negate(condition))
        child = node
        node = parent
    if outer is not None:
        component, outer_conditions, outer_loop = outer
        conditions.extend(outer_conditions)
        loop = loop if loop is not None else outer_loop
    else:
        component = functions.get(node.id) if node is not None else None
    if known is not None:
        known[element.id] = (component, conditions, loop)
    conditional = " && ".join(reversed(conditions)) if conditions else None
    return component, new_render(conditional=conditional, loop=loop)


def _forwards_props(record: _Element, props: set[str], label: TextValue | None) -> bool:
    """A wrapper's native element spreads the rest props or shows them (text, label, attributes)."""
    if not props:
        return False
    if record.props.get("...") in props:
        return True
    roots = [
        value.expression.split(".")[0].split("?")[0].strip()
        for value in (record.text, label)
        if value is not None and value.kind == "dynamic" and value.expression
    ]
    roots.extend(
        (value.expression or "").split(".")[0].strip()
        for name, value in record.attributes.items()
        if not value.literal and name not in ("class", "style", "key", "ref")
    )
    return any(root in props for root in roots)


def _inside_route_definition(node: Node, known: dict[int, bool] | None = None) -> bool:
    """Whether `node` is (inside) a route's `element`; `known`: answers for enclosing elements."""
    found = _route_definition_above(node, known)
    if known is not None:
        known[node.id] = found
    return found


def _route_definition_above(node: Node, known: dict[int, bool] | None) -> bool:
    current = node.parent
    while current is not None:
        if known is not None and current.id in known:
            return known[current.id]
        if current.type == "jsx_attribute" and current.named_children:
            if treesitter.text(current.named_children[0]) in ("element", "errorElement") and current.parent is not None:
                name = current.parent.child_by_field_name("name")
                if name is not None and treesitter.text(name) == "Route":
                    return True
        elif current.type == "pair":
            key = current.child_by_field_name("key")
            if key is not None and treesitter.text(key) in ("element", "errorElement"):
                return True
        current = current.parent
    return False


def _negate(condition: str) -> str:
    if re.fullmatch(r"![\w.$?]+", condition):
        return condition[1:]
    if re.fullmatch(r"[\w.$?]+", condition):
        return "!" + condition
    return f"!({condition})"


def _returns(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type == "return_statement":
        return True
    return any(child.type == "return_statement" for child in node.named_children)


def _has_direct_text(node: Node) -> bool:
    for child in node.named_children:
        if child.type == "jsx_text" and treesitter.text(child).strip():
            return True
        if child.type == "jsx_expression" and child.named_children and not has_jsx(child):
            return bool(child.named_children[0].type != "comment")
    return False


def _may_keep_native(
    tag: str, attributes: dict[str, AttributeValue], handlers: list[Handler], context: ParseContext
) -> bool:
    """False when `_keep_native` is False whatever the element's text."""
    return tag in _TEXT_TAGS or _keep_native_without_text(tag, attributes, handlers, context)


def _keep_native_without_text(
    tag: str, attributes: dict[str, AttributeValue], handlers: list[Handler], context: ParseContext
) -> bool:
    if tag in INTERACTIVE_TAGS and tag != "label":
        return True
    if tag in ASSERTABLE_TAGS or handlers:
        return True
    return any(
        name in attributes
        for name in ("role", "aria-label", "aria-labelledby", "tabIndex", "aria-live", *context.testid_attributes)
    )


def _keep_native(
    node: Node,
    tag: str,
    attributes: dict[str, AttributeValue],
    handlers: list[Handler],
    text: TextValue | None,
    context: ParseContext,
) -> bool:
    if _keep_native_without_text(tag, attributes, handlers, context):
        return True
    if tag not in _TEXT_TAGS or tag == "label" or text is None or text.kind not in ("literal", "i18n", "mixed"):
        return False
    return tag not in ("div", "span") or _has_direct_text(node)


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    """Facts of one React/JS/TS file. Never raises on bad input."""
    grammar: treesitter.Grammar = (
        "typescript" if path.endswith((".ts", ".mts", ".cts")) and not path.endswith(".d.ts") else "tsx"
    )
    facts = FileFacts(file=path, parser="react")
    try:
        root, bad = grammar_gaps.parse_script(grammar, source)
    except (ValueError, RuntimeError) as exc:  # tree-sitter refuses the input (e.g. encoding)
        facts.problems.append(ParseProblem(file=path, message=f"could not parse: {exc}"))
        return facts
    if bad is not None:
        facts.problems.append(
            ParseProblem(
                file=path,
                line=bad.start_point[0] + 1,
                message="syntax error; what could be read was indexed (fix the syntax or check the file extension)",
            )
        )
    jsx = grammar == "tsx" and b"<" in source
    matched = treesitter.MatchSet(grammar, _JSX_QUERIES if jsx else _SCRIPT_QUERIES, root)
    facts.imports = parse_imports(root, grammar, matched)
    facts.routes = routes_js.extract(path, root, grammar, facts.imports, matched)
    facts.hash_history = routes_js.hash_history(source)
    functions = styled_names(facts.imports) if b"styled" in source else frozenset()
    styled = find_styled(root, functions) if functions else {}
    if not jsx:
        # A `.ts` file of styled components (`export default styled.h1`...``) renders through them.
        facts.components.extend(_styled_component(path, d, facts.imports) for d in styled.values() if d.exported)
        return facts
    components = find_components(root, matched)
    collect_state(root, components, matched)
    # Only `element=` / `element:` (or errorElement) make a route definition: most files have none.
    _extract_elements(path, root, components, facts, context, matched, routes=b"lement" in source, styled=styled)
    return facts


def _extract_elements(
    path: str,
    root: Node,
    components: dict[int, Component],
    facts: FileFacts,
    context: ParseContext,
    matched: treesitter.MatchSet | None = None,
    *,
    routes: bool = True,
    styled: dict[str, Styled] | None = None,
) -> None:
    records: list[_Element] = []
    edges: dict[str, list[ComponentEdge]] = {}
    emitted: set[int] = set()
    labels: list[tuple[_Element, Node]] = []  # (label record, node) for htmlFor association
    contexts: _Contexts = {}
    in_routes: dict[int, bool] = {}
    for captures in treesitter.captures("tsx", _ELEMENTS, root, matched):
        node = captures["el"][0]
        opening, name = opening_and_name(node)
        if not name:
            continue
        if routes and _inside_route_definition(node, in_routes):
            continue  # `<Route element={<Page/>}>`: the route table owns it, not the component
        component, render = _context(node, components, contexts)
        attributes, handlers, props, attribute_texts = _attributes(opening, component)
        owner = component.name if component is not None else None
        native = is_native_tag(name)
        tag = name  # the native tag for the rules below (a styled component's, too)
        if styled and not native and name in styled:
            name, styled_tag = _follow_styled(name, styled, attributes, props)
            native = styled_tag is not None
            tag = styled_tag or name
        children: TextValue | None = None
        if not native:
            if owner is not None or name not in _STRUCTURAL:
                edge_props = {key: value for key, value in props.items() if key != "key"}
                children = children_text(node, component, emitted)
                if children is not None:
                    shown = children.expression or (f"t('{children.key}')" if children.key else "")
                    literal_text = children.value if children.kind == "literal" and children.value else None
                    edge_props.setdefault("children", literal_text or f"{{{shown}}}")
                edges.setdefault(owner or path.rsplit("/", 1)[-1], []).append(
                    new_edge(component=name, props=edge_props, location=_span(path, node))
                )
            if name in _STRUCTURAL or name.endswith(".Provider"):
                continue
        hidden = attributes.get("aria-hidden")
        if hidden is not None and hidden.literal and hidden.value in ("true", ""):
            continue
        if native and tag != "label" and not _may_keep_native(tag, attributes, handlers, context):
            continue  # dropped whatever its text (most divs and spans): skip reading it
        text = children_text(node, component, emitted) if native else children
        record = _Element(node, name, owner, attributes, handlers, text, render, props=props, texts=attribute_texts)
        if tag != name:
            record.native = tag
        if tag == "label":
            labels.append((record, node))
            if not handlers:
                continue
        elif native and not _keep_native(node, tag, attributes, handlers, text, context):
            continue
        records.append(record)
        emitted.add(node.id)
    _emit(path, records, labels, components, edges, facts, styled or {})


def _follow_styled(
    name: str, styled: dict[str, Styled], attributes: dict[str, AttributeValue], props: dict[str, str]
) -> tuple[str, str | None]:
    """A usage of a styled component of this file: (the name it stands for, its native tag or None).

    Resolved here, not through the project's component table: every file has its own `Title`
    and `Wrapper`. Ends at a native tag, or at a component (`styled(Button)`) whose usage it
    becomes. A literal `as="a"` on the usage, or in `.attrs`, renders that tag instead.
    """
    target = name
    for _ in range(8):  # a chain of styled components; a cycle is a mistake in the source
        definition = styled.get(target)
        if definition is None:
            break
        for key, value in definition.attributes.items():
            if key not in attributes:
                attributes[key] = new_attribute(name=key, literal=True, value=value)
                props.setdefault(key, value)
        target = definition.target
    shown_as = attributes.get("as")
    if shown_as is not None and shown_as.literal and shown_as.value and is_native_tag(shown_as.value):
        return name, shown_as.value
    if is_native_tag(target):
        return name, target
    return target, None


# A wrapper's element: what a usage of the wrapper becomes when it renders one of these.
_WRAPPABLE = frozenset({"button", "a", "input", "select", "textarea"})


def _wrapped(record: _Element, kit: KitComponent | None) -> str | None:
    """What a usage of `record`'s component would become were `record` its one element: a native
    tag, a kit component or another of the project's components (the name as written); else None."""
    native = record.native or (record.name if is_native_tag(record.name) else None)
    if native is not None:
        return native if native in _WRAPPABLE else None
    if kit is not None:
        return record.name if kit.role is not None or kit.native_tag in _WRAPPABLE else None
    if record.name == record.component or record.name in _STRUCTURAL or "." in record.name:
        return None
    return record.name


def _wrappers(
    records: list[_Element],
    kits: list[KitComponent | None],
    components: dict[int, Component],
    label_of: dict[int, TextValue],
) -> dict[str, str]:
    """Component -> what its usages become (`_wrapped`), "*" when that is ambiguous.

    One candidate element that forwards the component's props decides. Several decide too when
    they are the same element and each spreads the rest props: alternatives (`if (!action)
    return <button {...rest}/>` … `<button {...rest} onClick=…>`), not siblings.
    """
    declared = {c.name: {p.removeprefix("...") for p in c.props} for c in components.values()}
    rests = {c.name: {p[3:] for p in c.props if p.startswith("...")} for c in components.values()}
    candidates: dict[str, list[tuple[str, bool, bool]]] = {}
    for record, kit in zip(records, kits, strict=True):
        owner = record.component
        if not owner:
            continue
        inner = _wrapped(record, kit)
        if inner is None:
            continue
        spreads = record.props.get("...") in rests.get(owner, ())
        if not spreads and (kit is not None or not is_native_tag(inner)):
            continue  # a kit or component counts only when it gets the rest props
        forwards = _forwards_props(record, declared.get(owner, set()), label_of.get(id(record)))
        candidates.setdefault(owner, []).append((inner, forwards, spreads))
    wrappers: dict[str, str] = {}
    for owner, found in candidates.items():
        inner, forwards, _ = found[0]
        if len(found) == 1:
            wrappers[owner] = inner if forwards else "*"
        elif all(other == inner and spreads for other, _, spreads in found):
            wrappers[owner] = inner
        else:
            wrappers[owner] = "*"
    return wrappers


def _kit_of(tag: str, imports: dict[str, ImportBinding] | None) -> KitComponent | None:
    root, dot, rest = tag.partition(".")
    imported = imports.get(root) if imports else None
    if imported is None:
        return None
    # `import { Tabs as RadixTabs } from "radix-ui"`: <RadixTabs.List> is the kit's Tabs.List.
    exported = root if imported.imported in ("default", "*") else imported.imported
    return kit_component(exported + dot + rest, imported.source)


def _emit(
    path: str,
    records: list[_Element],
    labels: list[tuple[_Element, Node]],
    components: dict[int, Component],
    edges: dict[str, list[ComponentEdge]],
    facts: FileFacts,
    styled: dict[str, Styled],
) -> None:
    by_id: dict[tuple[str | None, str], _Element] = {}
    for record in records:
        found = record.attributes.get("id")
        if found is not None:
            by_id[
                (record.component, (found.value or "") if found.literal else "{" + (found.expression or "") + "}")
            ] = record
    label_of: dict[int, TextValue] = {}
    for label_record, node in labels:
        for_attribute = label_record.attributes.get("for")
        if for_attribute is not None:
            key = for_attribute.value if for_attribute.literal else "{" + (for_attribute.expression or "") + "}"
            associated = by_id.get((label_record.component, key or ""))
            if associated is not None and label_record.text is not None:
                label_of[id(associated)] = label_record.text
                continue
        # A wrapping label_record names the control inside it (its text minus the control's).
        for record in records:
            if (
                record.component == label_record.component
                and node.start_byte < record.node.start_byte < node.end_byte
                and label_record.text is not None
            ):
                label_of.setdefault(id(record), label_record.text)
    imports = facts.imports
    kits = [None if is_native_tag(record.name) else _kit_of(record.name, imports) for record in records]
    wrappers = _wrappers(records, kits, components, label_of)
    elements = facts.elements
    for record, kit in zip(records, kits, strict=True):
        label = label_of.get(id(record))
        texts = record.texts
        record_attributes = record.attributes
        if "aria-label" in record_attributes:
            found = record_attributes["aria-label"]
            label = texts.get("aria-label") or (
                same_text(kind="literal", value=found.value)
                if found.literal
                else same_text(kind="dynamic", expression=found.expression)
            )
        elif "aria-labelledby" in record_attributes:
            found = record_attributes["aria-labelledby"]
            key = found.value if found.literal else "{" + (found.expression or "") + "}"
            labelled_by = by_id.get((record.component, key or ""))
            if labelled_by is not None and labelled_by.text is not None:
                label = labelled_by.text
        tag = record.name
        native: str | None = record.native or (tag if is_native_tag(tag) else None)
        role: str | None = None
        attributes = record_attributes  # copied below when changed (and by new_element)
        text = record.text
        if kit is not None:
            attributes = dict(record_attributes)
            native = kit.native_tag
            role = (
                record_attributes["role"].value
                if "role" in record_attributes and record_attributes["role"].literal
                else kit.role
            )
            if not kit.children_text:
                text = None  # before the props: a `label` prop that is the text stays
            for prop, target_name in kit.props.items():
                if prop in record_attributes and target_name == "label":
                    found = record_attributes[prop]
                    label = texts.get(prop) or (
                        same_text(kind="literal", value=found.value)
                        if found.literal
                        else same_text(kind="dynamic", expression=found.expression)
                    )
                elif prop in record_attributes and target_name == "text":
                    found = record_attributes[prop]
                    text = texts.get(prop) or (
                        same_text(kind="literal", value=found.value)
                        if found.literal
                        else same_text(kind="dynamic", expression=found.expression)
                    )
                elif prop in record_attributes and target_name != prop:
                    attributes[target_name] = replace(record_attributes[prop], name=target_name)
        elif native is not None:
            role = implied_role(
                native, {name: (value.value if value.literal else None) for name, value in record_attributes.items()}
            )
        for name, value in texts.items():
            if name in ("placeholder", "title", "alt") and value.kind == "i18n":
                if attributes is record_attributes:
                    attributes = dict(record_attributes)
                attributes[name] = (
                    replace(attributes[name], expression=f"t('{value.key}')")
                    if name in attributes
                    else attributes.get(name, new_attribute(name=name, literal=False, expression=f"t('{value.key}')"))
                )
        if "key" in attributes:
            attributes = {name: value for name, value in attributes.items() if name != "key"}
        node = record.node
        line, column = node.start_point
        line += 1
        column += 1
        elements.append(
            new_element(
                id=f"{path}:{line}:{column}",
                location=new_span(file=path, line=line, column=column, end_line=node.end_point[0] + 1),
                component=record.component,
                tag=tag,
                native_tag=native,
                role=role,
                attributes=attributes,  # new_element copies it
                text=text,
                label=label,
                handlers=record.handlers,
                render=record.render,
            )
        )
    for component in components.values():
        node = component.node
        wrapped = wrappers.get(component.name)
        facts.components.append(
            ComponentNode(
                name=component.name,
                location=_span(
                    path, node.parent if node.parent is not None and node.type != "function_declaration" else node
                ),
                renders=edges.get(component.name, []),
                wraps=wrapped if wrapped and wrapped != "*" else None,
                props=component.props,
            )
        )
    for definition in styled.values():
        if definition.exported:  # the file's own usages were resolved in `_follow_styled`
            facts.components.append(_styled_component(path, definition, imports))
    stem = path.rsplit("/", 1)[-1]
    if stem in edges:  # JSX outside any component (e.g. main.tsx's render call)
        facts.components.append(
            ComponentNode(name=stem, location=new_span(file=path, line=1, column=1), renders=edges[stem])
        )


def _styled_component(path: str, definition: Styled, imports: dict[str, ImportBinding]) -> ComponentNode:
    """An exported styled component: it `wraps` its native tag, or the component it styles (whose
    usage its usages become, see `resolve`); a kit component stands for its native tag."""
    location = _span(path, definition.node)
    target = definition.target
    if is_native_tag(target):
        return ComponentNode(name=definition.name, location=location, wraps=target)
    kit = _kit_of(target, imports)
    if kit is not None:
        return ComponentNode(name=definition.name, location=location, wraps=kit.native_tag)
    edge = new_edge(component=target, props={}, location=location)
    return ComponentNode(name=definition.name, location=location, renders=[edge], wraps=target)
