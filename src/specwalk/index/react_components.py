"""React components of a module: their props, `useState` texts, imports (used by `react`).

`find_components` locates function components (plain, arrow, `memo` / `forwardRef`), with the
props they destructure and literal defaults; `collect_state` records what each `setX(...)` is
called with so `{x}` can resolve to those texts; `parse_imports` maps local names to modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from specwalk.index import treesitter
from specwalk.index.facts import ImportBinding
from specwalk.index.fast import new_text, same_text
from specwalk.index.treesitter import Node
from specwalk.models.uimap import TextValue

T_FUNCTIONS = frozenset({"t", "$t", "translate", "i18n.t", "i18next.t", "intl.formatMessage"})

_IMPORTS = "(import_statement) @imp"
_FUNCTIONS = """
(function_declaration name: (identifier) @name) @fn
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (call_expression)] @fn)
"""
_STATE = """
(variable_declarator
  name: (array_pattern (identifier) @value (identifier) @setter)
  value: (call_expression function: (identifier) @hook (#match? @hook "^use(State|Reducer)$")))
"""
_CALLS = "(call_expression function: (identifier) @callee arguments: (arguments . (_) @arg)) @call"
# For a `treesitter.MatchSet` that runs them with the caller's own queries in one pass.
IMPORTS_QUERY = _IMPORTS
COMPONENT_QUERIES = (_FUNCTIONS, _STATE, _CALLS)


@dataclass
class Component:
    name: str
    node: Node
    props: list[str]
    defaults: dict[str, str]
    state: dict[str, list[TextValue]] = field(default_factory=dict)


def string_value(node: Node | None) -> str | None:
    """The value of a string literal or a template without substitutions, else None."""
    if node is None:
        return None
    kind = node.type
    if kind == "string":
        children = node.named_children
        if not children:
            return ""
        if len(children) == 1:  # the usual case: one fragment
            only = children[0]
            return treesitter.text(only) if only.type in ("string_fragment", "escape_sequence") else ""
        return "".join(
            treesitter.text(child) for child in children if child.type in ("string_fragment", "escape_sequence")
        )
    if kind == "template_string" and not any(child.type == "template_substitution" for child in node.named_children):
        return treesitter.text(node)[1:-1]
    return None


_WRAPPERS = frozenset({"parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression"})


def unwrap(node: Node) -> Node:
    while node.type in _WRAPPERS:
        if not node.named_child_count:
            return node
        node = node.named_child(0)
    return node


def t_key(node: Node) -> str | None:
    """The key of `t('key')` / `t(\\`a.${x}\\`)` / `i18n.t('key')`, else None."""
    node = unwrap(node)
    if node.type != "call_expression":
        return None
    callee = treesitter.text(node.child_by_field_name("function"))
    if callee not in T_FUNCTIONS:
        return None
    arguments = node.child_by_field_name("arguments")
    first = treesitter.named_child(arguments, 0) if arguments is not None else None
    if first is None:
        return None
    literal = string_value(first)
    if literal is not None:
        return literal
    if first.type == "template_string":
        return treesitter.text(first)[1:-1]
    return None


def _function_props(fn: Node) -> tuple[list[str], dict[str, str]]:
    """Names of the props a component destructures (or reads as `props.x`), with literal defaults."""
    if fn.type == "call_expression":  # memo(...), forwardRef(...)
        arguments = fn.child_by_field_name("arguments")
        inner = treesitter.named_child(arguments, 0) if arguments is not None else None
        if inner is None or inner.type not in ("arrow_function", "function_expression"):
            return [], {}
        fn = inner
    parameters = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
    if parameters is None:
        return [], {}
    first = parameters if parameters.type == "identifier" else (treesitter.named_child(parameters, 0))
    if first is None:
        return [], {}
    pattern = (
        first.child_by_field_name("pattern") if first.type in ("required_parameter", "optional_parameter") else first
    )
    if pattern is None:
        return [], {}
    props: list[str] = []
    defaults: dict[str, str] = {}
    if pattern.type == "object_pattern":
        for item in pattern.named_children:
            if item.type == "shorthand_property_identifier_pattern":
                props.append(treesitter.text(item))
            elif item.type == "object_assignment_pattern":
                name = treesitter.text(item.child_by_field_name("left"))
                props.append(name)
                default = string_value(item.child_by_field_name("right"))
                if default is not None:
                    defaults[name] = default
            elif item.type == "pair_pattern":
                props.append(treesitter.text(item.child_by_field_name("key")))
            elif item.type == "rest_pattern":
                props.append("..." + treesitter.text(item.named_children[0]) if item.named_children else "...")
    elif pattern.type == "identifier":
        name = treesitter.text(pattern)
        body = treesitter.text(fn.child_by_field_name("body"))
        props.extend(sorted(set(re.findall(rf"\b{re.escape(name)}\.(\w+)", body))))
        # `const { a, b = "x", ...rest } = props;` in the body: as if destructured in the parameter.
        for names in re.findall(rf"\{{([^{{}}]*)\}}\s*=\s*{re.escape(name)}\s*;", body):
            for item in names.split(","):
                key = item.split("=", 1)[0].split(":", 1)[0].strip()
                if re.fullmatch(r"(\.\.\.)?[A-Za-z_$][\w$]*", key) and key not in props:
                    props.append(key)
    return props, defaults


def find_components(root: Node, matched: treesitter.MatchSet | None = None) -> dict[int, Component]:
    found: dict[int, Component] = {}
    for captures in treesitter.captures("tsx", _FUNCTIONS, root, matched):
        name = treesitter.text(captures["name"][0])
        fn = captures["fn"][0]
        if not name[:1].isupper():
            continue
        if fn.type == "call_expression":
            callee = treesitter.text(fn.child_by_field_name("function"))
            if callee not in ("memo", "forwardRef", "React.memo", "React.forwardRef", "observer"):
                continue
            arguments = fn.child_by_field_name("arguments")
            inner = treesitter.named_child(arguments, 0) if arguments is not None else None
            if inner is None:
                continue
            props, defaults = _function_props(fn)
            found[inner.id] = Component(name, inner, props, defaults)
            continue
        props, defaults = _function_props(fn)
        found[fn.id] = Component(name, fn, props, defaults)
    return found


def collect_state(root: Node, components: dict[int, Component], matched: treesitter.MatchSet | None = None) -> None:
    """For `const [x, setX] = useState()`: what `setX(...)` is called with, as TextValues."""
    setters: dict[tuple[int, str], str] = {}
    for captures in treesitter.captures("tsx", _STATE, root, matched):
        declarator = captures["value"][0]
        owner = owner_of(declarator, components)
        if owner is not None:
            setters[(owner.node.id, treesitter.text(captures["setter"][0]))] = treesitter.text(captures["value"][0])
    if not setters:
        return
    names = {name for _, name in setters}
    sizes = {len(name.encode()) for name in names}
    for captures in treesitter.captures("tsx", _CALLS, root, matched):
        callee_node = captures["callee"][0]
        if callee_node.end_byte - callee_node.start_byte not in sizes:
            continue  # not a setter's name (most calls): skip reading it
        callee = treesitter.text(callee_node)
        if callee not in names:
            continue  # most calls are not to a state setter: skip the walk up to their component
        owner = owner_of(captures["call"][0], components)
        if owner is None or (owner.node.id, callee) not in setters:
            continue
        argument = unwrap(captures["arg"][0])
        if argument.type in ("null", "undefined"):
            continue
        variable = setters[(owner.node.id, callee)]
        literal = string_value(argument)
        key = t_key(argument)
        if literal is not None:
            value = same_text(kind="literal", value=literal)
        elif key is not None:
            value = same_text(kind="i18n", key=key)
        else:
            value = new_text(kind="dynamic", expression=treesitter.text(argument))
        owner.state.setdefault(variable, []).append(value)


def owner_of(node: Node, components: dict[int, Component]) -> Component | None:
    """The component whose function is `node`'s nearest enclosing one.

    Found by byte ranges (the smallest function range holding the node's), not by climbing:
    each step up a syntax tree searches down from its root again, and setter calls sit deep.
    """
    start, end, node_id = node.start_byte, node.end_byte, node.id
    found: Component | None = None
    size = 0
    for component in components.values():
        function = component.node
        low, high = function.start_byte, function.end_byte
        if low <= start and end <= high and function.id != node_id and (found is None or high - low < size):
            found, size = component, high - low
    return found


def parse_imports(
    root: Node, grammar: treesitter.Grammar = "tsx", matched: treesitter.MatchSet | None = None
) -> dict[str, ImportBinding]:
    """Local name -> where it is imported from, for every import statement of the module."""
    imports: dict[str, ImportBinding] = {}
    for captures in treesitter.captures(grammar, _IMPORTS, root, matched):
        statement = captures["imp"][0]
        source = string_value(statement.child_by_field_name("source"))
        if source is None:
            continue
        for clause in statement.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    imports[treesitter.text(part)] = ImportBinding(source=source, imported="default")
                elif part.type == "named_imports":
                    for specifier in part.named_children:
                        if specifier.type != "import_specifier":
                            continue
                        name = treesitter.text(specifier.child_by_field_name("name"))
                        alias = specifier.child_by_field_name("alias")
                        local = treesitter.text(alias) if alias is not None else name
                        imports[local] = ImportBinding(source=source, imported=name)
                elif part.type == "namespace_import" and part.named_children:
                    imports[treesitter.text(part.named_children[0])] = ImportBinding(source=source, imported="*")
    return imports


# --- styled-components / emotion ----------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """`const Name = styled.h1`…`` / `styled("div")` / `styled(Other).attrs(…)`…``: a component
    rendering `target` (a native tag, or the component `Other`) with the literal `attributes`
    its `.attrs({…})` sets (`as` already applied to `target`)."""

    name: str
    node: Node  # the declarator
    target: str
    attributes: dict[str, str]
    exported: bool


# The head of a styled definition: `styled.tag`, `styled("tag")`, `styled(Component)`.
_STYLED_HEAD = re.compile(
    r"""(?P<fn>[A-Za-z_$][\w$]*)\s*(?:\.\s*(?P<tag>[a-z][a-z0-9]*)\b|\(\s*(?:(?P<q>["'])(?P<quoted>[a-z][a-z0-9]*)(?P=q)"""
    r"""|(?P<component>[A-Z][\w$]*(?:\.[\w$]+)*))\s*[,)])"""
)
# `.attrs({ type: "button", role: "tab" })`: only values that are whole literals (not `"a" in p`).
_ATTRS_PAIR = re.compile(r"""(?<![.\w$])(as|role|type)\s*:\s*(["'])([\w-]+)\2\s*[,}\n]""")


def styled_names(imports: dict[str, ImportBinding]) -> frozenset[str]:
    """Local names of a `styled` function: `import styled from "styled-components" |
    "@emotion/styled"`, `import { styled } from "@mui/material/styles"` and the like."""
    return frozenset(
        local
        for local, binding in imports.items()
        if binding.imported == "styled" or (binding.imported == "default" and local == "styled")
    )


def find_styled(root: Node, functions: frozenset[str]) -> dict[str, Styled]:
    """Top-level styled definitions (where they practically always are: no query needed)."""
    found: dict[str, Styled] = {}
    exported_names: set[str] = set()
    for statement in root.named_children:
        exported = statement.type == "export_statement"
        declaration = statement.child_by_field_name("declaration") if exported else statement
        if exported:
            _exported_names(statement, exported_names)
        if declaration is None or declaration.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in declaration.named_children:
            if declarator.type != "variable_declarator":
                continue
            name_node, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name_node is None or value is None or value.type not in ("call_expression", "binary_expression"):
                continue
            head = treesitter.text(value)
            match = _STYLED_HEAD.match(head)
            if match is None or match.group("fn") not in functions:
                continue
            target = match.group("tag") or match.group("quoted") or match.group("component")
            rest = head[match.end() :].split("`", 1)[0]
            attributes = {key: literal for key, _, literal in _ATTRS_PAIR.findall(rest)} if ".attrs" in rest else {}
            name = treesitter.text(name_node)
            found[name] = Styled(name, declarator, attributes.pop("as", target), attributes, exported)
    for name in exported_names:
        if name in found:
            found[name] = Styled(found[name].name, found[name].node, found[name].target, found[name].attributes, True)
    return found


def _exported_names(statement: Node, names: set[str]) -> None:
    """`export default X;` / `export { X, Y as Z };` (without `from`): the local names exported."""
    if statement.child_by_field_name("source") is not None:
        return
    value = statement.child_by_field_name("value")
    if value is not None:
        names.update(re.findall(r"[A-Z][\w$]*", treesitter.text(value)))  # also observer(X), memo(X)
        return
    for clause in statement.named_children:
        if clause.type == "export_clause":
            for specifier in clause.named_children:
                local = specifier.child_by_field_name("name")
                if local is not None:
                    names.add(treesitter.text(local))
