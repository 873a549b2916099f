"""Svelte components (tree-sitter-svelte): markup, blocks and the script's imports.

Read here: `on:click` (with modifiers) and Svelte 5 `onclick={…}`, `bind:value` (handler event
"model"), `{#if}` / `{:else if}` / `{:else}`, `{#each items as item}`, `{expr}` text and
attribute values (dynamic), `$_('key')` / `$t('key')` (svelte-i18n), components (capitalised
tags) as elements with `native_tag=None` plus component edges.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from specwalk.index import grammar_gaps, markup, roles, routes_fs
from specwalk.index import treesitter as ts
from specwalk.index.facts import FileFacts, ImportBinding, ParseContext
from specwalk.index.fast import new_attribute, new_handler, new_span
from specwalk.models.uimap import ComponentNode, ParseProblem

# Bump when the facts this parser emits change: the index cache keys on it (with markup's).
PARSER_VERSION = f"svelte-3+{markup.MARKUP_VERSION}"  # 3: kits by import (pink-svelte)
_EVENT = re.compile(r"^on:([\w-]+)((?:\|[\w-]+)*)$")
_BIND = re.compile(r"^bind:([\w-]+)$")
_DROPPED_PREFIXES = ("class:", "style:", "use:", "transition:", "in:", "out:", "animate:", "let:")
_SVELTE_SPECIAL = frozenset({"svelte:head", "svelte:window", "svelte:body", "svelte:document", "svelte:options"})


class SvelteDialect(markup.Dialect):
    parser = "svelte"

    def __init__(self, imports: dict[str, ImportBinding] | None = None) -> None:
        self.imports = imports or {}

    def _kit_name(self, tag: str) -> tuple[str, str] | None:
        """(module, name as the kit exports it) for a tag imported from a known UI kit."""
        root, dot, rest = tag.partition(".")
        binding = self.imports.get(root)
        if binding is None or not roles.is_kit_module(binding.source):
            return None
        exported = root if binding.imported in ("default", "*") else binding.imported
        return binding.source, exported + dot + rest

    def layout_text(self, tag: str) -> bool:
        return self._kit_name(tag) is not None  # text right inside <Layout.Stack> stays findable

    def kit(self, component: str) -> roles.KitComponent | None:
        found = self._kit_name(component)
        if found is None:
            return None
        return roles.kit_component(found[1], found[0])

    def attribute(self, name: str, value: str | None) -> list[markup.Effect]:
        if name.startswith("{"):  # {name} shorthand; {...rest} spreads say nothing we can read
            inner = name.strip("{} ")
            if inner.startswith("..."):
                return []
            return [markup.Attr(new_attribute(name=inner, literal=False, expression=inner))]
        expression = _braced(value)
        if ":" in name:  # on:x, bind:x and the dropped directives all have one
            event = _EVENT.match(name)
            if event:
                return [
                    markup.On(
                        new_handler(event=event.group(1), handler=markup.handler_name(expression or ""), syntax=name)
                    )
                ]
            bind = _BIND.match(name)
            if bind:
                target = bind.group(1)
                handler = new_handler(event="model", handler=expression or target, syntax=name)
                bound = new_attribute(name=target, literal=False, expression=expression or target)
                return [markup.On(handler, bound_value=bound)]
            if name.startswith(_DROPPED_PREFIXES):
                return []
        if name in ("this", "key"):
            return []
        lowered = name.lower()
        if lowered.startswith("on") and len(lowered) > 2 and expression is not None:
            return [markup.On(new_handler(event=lowered[2:], handler=markup.handler_name(expression), syntax=name))]
        if not name:
            return []
        if expression is not None:
            return [markup.Attr(markup.bound_attribute(name, expression))]
        if value is not None and "{" in value:
            parts = _brace_parts(value)
            source = "`" + "".join("${" + p.text + "}" if p.expression else p.text for p in parts) + "`"
            return [markup.Attr(new_attribute(name=name, literal=False, expression=source))]
        return [markup.Attr(markup.literal_attribute(name, value if value is not None else ""))]

    def component(self, tag: str) -> str | None:
        if tag in _SVELTE_SPECIAL or tag.startswith("svelte:"):
            return None
        if tag[:1].isupper():
            if self._kit_name(tag) is not None and self.kit(tag) is None:
                return None  # a kit's layout part (pink-svelte's Layout.Stack): look through it
            return tag
        return None

    def element_text_parts(self, node: ts.Node) -> list[markup.Part] | None:
        if node.type == "expression":
            return [markup.Part(_expression(node), expression=True)]
        return None

    def block(self, node: ts.Node) -> tuple[list[markup.Effect], list[ts.Node]] | None:
        kind = node.type
        if kind == "if_statement":
            return self._if_chain(node)
        if kind == "each_statement":
            start = next((c for c in node.children if c.type == "each_start"), None)
            header = _block_header(start, "each")
            inner = [c for c in node.children if c.type not in ("each_start", "each_end", "else_block")]
            effects: list[markup.Effect] = [markup.Loop(header)]
            return effects, [_Group(inner)]
        if kind in ("await_statement", "key_statement", "snippet_statement"):
            inner = [c for c in node.children if not c.type.endswith(("_start", "_end"))]
            return [], [_Group(inner)]
        return None

    def _if_chain(self, node: ts.Node) -> tuple[list[markup.Effect], list[ts.Node]]:
        """`{#if a}…{:else if b}…{:else}…{/if}` as one group per branch with its condition."""
        start = next((c for c in node.children if c.type == "if_start"), None)
        condition = _block_header(start, "if")
        branches: list[ts.Node] = []
        body: list[ts.Node] = []
        negated = [f"!({condition})"]
        for child in node.children:
            if child.type in ("if_start", "if_end"):
                continue
            if child.type == "else_if_block":
                head = next((c for c in child.children if c.type == "else_if_start"), None)
                branch_condition = _block_header(head, "else if")
                inner = [c for c in child.children if c.type != "else_if_start"]
                branches.append(_Group(inner, " && ".join([*negated, branch_condition])))
                negated.append(f"!({branch_condition})")
            elif child.type == "else_block":
                inner = [c for c in child.children if c.type != "else_start"]
                branches.append(_Group(inner, " && ".join(negated)))
            else:
                body.append(child)
        return [], [_Children([group]) for group in [_Group(body, condition), *branches]]


class _Group:
    """A synthetic node: a run of sibling nodes rendered under one condition."""

    type = "svelte_group"

    def __init__(self, children: list[ts.Node], condition: str | None = None) -> None:
        self.children = children
        self.condition = condition
        self.start_byte = children[0].start_byte if children else 0
        self.end_byte = children[-1].end_byte if children else 0


class _GroupAwareDialect(SvelteDialect):
    def block(self, node: ts.Node) -> tuple[list[markup.Effect], list[ts.Node]] | None:
        if isinstance(node, _Group):
            effects: list[markup.Effect] = [markup.Cond("show", node.condition)] if node.condition else []
            return effects, [_Children(node.children)]
        return super().block(node)


class _Children:
    """Lets the walker iterate a group's nodes as if they were one node's children."""

    type = "svelte_children"

    def __init__(self, children: list[ts.Node]) -> None:
        self.children = children


def _braced(value: str | None) -> str | None:
    if value is not None and value.startswith("{") and value.endswith("}") and value.count("{") == 1:
        return value[1:-1].strip()
    return None


def _brace_parts(value: str) -> list[markup.Part]:
    parts: list[markup.Part] = []
    for piece in re.split(r"(\{[^}]*\})", value):
        if piece.startswith("{") and piece.endswith("}"):
            parts.append(markup.Part(piece[1:-1].strip(), expression=True))
        elif piece:
            parts.append(markup.Part(piece))
    return parts


def _expression(node: ts.Node) -> str:
    raw = ts.text(node)
    return raw[1:-1].strip() if raw.startswith("{") else raw.strip()


def _block_header(start: ts.Node | None, keyword: str) -> str:
    if start is None:
        return ""
    raw = ts.text(start).strip()
    raw = raw[1:-1] if raw.startswith("{") and raw.endswith("}") else raw
    raw = re.sub(r"^[#:]\s*" + re.escape(keyword) + r"\b", "", raw).strip()
    return " ".join(raw.split())


def component_name(path: str) -> str:
    """task-list.svelte -> TaskList; src/routes/todos/+page.svelte -> TodosPage."""
    stem = PurePosixPath(path).stem
    if stem.startswith("+"):  # SvelteKit route files: named after their route, like routes_fs does
        return routes_fs.route_component_name(path)
    return markup.pascal(stem)


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    root = ts.parse("svelte", source)
    name = component_name(path)
    imports: dict[str, ImportBinding] = {}
    markup_nodes: list[ts.Node] = []
    for child in root.children:
        if child.type == "script_element":
            code = next((c for c in child.children if c.type == "raw_text"), None)
            if code is not None:
                imports.update(markup.script_imports(ts.parse("typescript", bytes(code.text))))
        elif child.type != "style_element":
            markup_nodes.append(child)
    problems: list[ParseProblem] = []
    error = grammar_gaps.first_error(root, "svelte")
    if error is not None:
        line = error.start_point[0] + 1
        problems.append(ParseProblem(file=path, line=line, message="syntax error; the rest of the file was indexed"))
    origin = markup.Origin(source)
    extraction = markup.extract(
        _Children(markup_nodes),
        file=path,
        component=name,
        origin=origin,
        dialect=_GroupAwareDialect(imports),
        testids=context.testid_attributes,
    )
    root_tags = [markup.tag_name(child).lower() for child in markup_nodes if child.type == "element"]
    node = ComponentNode(
        name=name,
        location=new_span(file=path, line=1, column=1),
        renders=extraction.edges,
        wraps=markup.wrapped_tag(extraction.raws, root_tags),
    )
    return FileFacts(
        file=path,
        parser="svelte",
        elements=extraction.elements,
        components=[node],
        imports=imports,
        i18n_keys=extraction.i18n_keys,
        problems=problems,
    )
