"""Vue single-file components: the `<template>` block (html grammar) and the script's imports.

Template syntax read here: `:x` / `v-bind:x` (dynamic; a string constant counts as literal),
`@click` / `v-on:click` (with modifiers), `v-model` (handler event "model"), `v-if` /
`v-else-if` / `v-else` / `v-show`, `v-for`, `{{ }}` interpolation (dynamic text), `$t('key')` /
`t('key')` (vue-i18n), `<router-link to>` and UI-kit components (Element Plus, Vuetify, Ant
Design Vue) through `roles.kit_component`. The project's own components (PascalCase or
kebab-case tags) become elements with `native_tag=None` plus component edges with their props;
`build` follows them to what they render.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from specwalk.index import grammar_gaps, markup, roles
from specwalk.index import treesitter as ts
from specwalk.index.facts import FileFacts, ParseContext
from specwalk.index.fast import new_attribute, new_handler, new_span
from specwalk.models.uimap import ComponentNode, Handler, ParseProblem

# Vue's built-in components: containers, not elements of interest.
# Bump when the facts this parser emits change: the index cache keys on it (with markup's).
PARSER_VERSION = f"vue-4+{markup.MARKUP_VERSION}"  # 4: a file ending inside elements is closed there
_BUILTINS = frozenset(
    {
        "transition",
        "transition-group",
        "keep-alive",
        "teleport",
        "suspense",
        "component",
        "slot",
        "router-view",
        "template",
        "client-only",
        "nuxt-page",
        "nuxt-layout",
    }
)
_KIT_PREFIXES = ("el-", "v-", "a-", "n-", "q-", "van-")
_DIRECTIVE = re.compile(r"^(?:v-on:|@)([\w:-]+)((?:\.[\w-]+)*)$")
_BINDING = re.compile(r"^(?:v-bind:|:|\.)([\w:.-]+?)((?:\.(?:prop|camel|attr))*)$")
_MODEL = re.compile(r"^v-model(?::([\w-]+))?((?:\.[\w-]+)*)$")


# What starts a directive (v-if, v-on:, @click, :prop, v-bind:, .prop, #slot): the rest is plain.
_DIRECTIVE_STARTS = ("v-", "@", ":", ".", "#")
_COMPONENTS: dict[str, str | object | None] = {}  # tag -> VueDialect.component(tag)
_UNKNOWN = object()


class VueDialect(markup.Dialect):
    parser = "vue"

    def attribute(self, name: str, value: str | None) -> list[markup.Effect]:
        if not name.startswith(_DIRECTIVE_STARTS):  # a plain attribute (most): no directive to read
            if name in ("ref", "key", "style", "is", "slot"):
                return []
            return [markup.Attr(markup.literal_attribute(name, value if value is not None else ""))]
        if name in ("v-if", "v-else-if", "v-show"):
            return [markup.Cond(name[2:], (value or "").strip())]
        if name == "v-else":
            return [markup.Cond("else")]
        if name == "v-for":
            return [markup.Loop((value or "").strip())]
        model = _MODEL.match(name)
        if model:
            expression = (value or "").strip()
            handler = new_handler(event="model", handler=expression, syntax=name)
            bound = new_attribute(name=model.group(1) or "value", literal=False, expression=expression)
            return [markup.On(handler, bound_value=bound)]
        event = _DIRECTIVE.match(name)
        if event:
            return [markup.On(new_handler(event=event.group(1), handler=markup.handler_name(value or ""), syntax=name))]
        binding = _BINDING.match(name)
        if binding:
            target = binding.group(1)
            if target in ("class", "style", "key") or value is None:
                return []
            return [markup.Attr(markup.bound_attribute(target, value))]
        if name.startswith(("v-", "#")) or name in ("ref", "key", "style", "is", "slot"):
            return []
        return [markup.Attr(markup.literal_attribute(name, value if value is not None else ""))]

    def text_parts(self, raw: str) -> list[markup.Part]:
        return markup.mustache_parts(raw)

    def component(self, tag: str) -> str | None:
        found = _COMPONENTS.get(tag, _UNKNOWN)
        if found is _UNKNOWN:
            found = _COMPONENTS[tag] = self._component(tag)
        return found if isinstance(found, str) else None

    def _component(self, tag: str) -> str | None:
        lowered = roles.kebab(tag) if tag[:1].isupper() else tag.lower()
        if lowered in _BUILTINS:
            return None
        if roles.kit_component(tag) is not None:
            return tag
        if lowered.startswith(_KIT_PREFIXES):
            return None  # a kit's layout container (el-form, v-card): its children matter
        if tag[:1].isupper() or "-" in tag:
            return markup.pascal(tag)
        return None

    def prop_name(self, name: str) -> str:
        return name if name.startswith(("aria-", "data-")) else markup.camel(name)

    def model_prop(self, handler: Handler) -> str | None:
        if handler.event != "model":
            return None
        model = _MODEL.match(handler.syntax)
        return markup.camel(model.group(1)) if model and model.group(1) else "modelValue"


def component_name(path: str) -> str:
    """ProductCard.vue -> ProductCard; order-summary.vue -> OrderSummary."""
    return markup.pascal(_stem(path))


def _stem(path: str) -> str:
    """`PurePosixPath(path).stem`, without making a path object per file."""
    name = path.rsplit("/", 1)[-1]
    if name in ("", ".", ".."):
        return PurePosixPath(path).stem
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    """Facts of one `.vue` file."""
    root, error, truncated = grammar_gaps.parse_markup("html", source)
    name = component_name(path)
    problems: list[ParseProblem] = []
    template = None
    imports = {}
    props: list[str] = []
    for child in root.children:
        if child.type == "element" and _tag(child) == "template" and template is None:
            template = child
        elif child.type == "script_element":
            code = next((c for c in child.children if c.type == "raw_text"), None)
            if code is not None:
                program = ts.parse("typescript", bytes(code.text))
                imports.update(markup.script_imports(program))
                props.extend(p for p in declared_props(program) if p not in props)
    if error is not None:
        line = error.start_point[0] + 1
        problems.append(ParseProblem(file=path, line=line, message="template syntax error; the rest was indexed"))
    if truncated is not None:
        message = f"{truncated[1]}: truncated, or closing tags are missing; read as if closed there"
        problems.append(ParseProblem(file=path, line=truncated[0], message=message))
    location = new_span(file=path, line=1, column=1)
    if template is None:
        return FileFacts(
            file=path,
            parser="vue",
            components=[ComponentNode(name=name, location=location, props=props)],
            imports=imports,
            problems=problems,
        )
    origin = markup.Origin(source)
    extraction = markup.extract(
        template, file=path, component=name, origin=origin, dialect=VueDialect(), testids=context.testid_attributes
    )
    root_tags = [_tag(child).lower() for child in template.children if child.type == "element"]
    node = ComponentNode(
        name=name,
        location=origin.span(path, template),
        renders=extraction.edges,
        wraps=markup.wrapped_tag(extraction.raws, root_tags),
        props=props,
    )
    return FileFacts(
        file=path,
        parser="vue",
        elements=extraction.elements,
        components=[node],
        imports=imports,
        i18n_keys=extraction.i18n_keys,
        problems=problems,
    )


_PROPS_QUERY = """
[(interface_declaration name: (_) @name body: (_) @body) (type_alias_declaration name: (_) @name value: (_) @body)]
(call_expression function: (_) @function (#eq? @function "defineProps")) @call
(pair key: (_) @key (#eq? @key "props") value: (_) @value)
"""


def declared_props(program: ts.Node) -> list[str]:
    """The props a component's script declares, so `build` can substitute what a usage passes:
    `defineProps<{ title: string }>()` (or a named interface / type), `defineProps({ title:
    String })`, `defineProps(['title'])`, and the Options API's `props: [...]` / `props: {...}`."""
    source = bytes(program.text)
    if b"props" not in source and b"Props" not in source:
        return []
    names: list[str] = []
    types: dict[str, ts.Node] = {}
    calls: list[ts.Node] = []
    options: list[ts.Node] = []
    # One query pass (in C) instead of a walk over every node; matches come in document order.
    for pattern, captures in ts.matches("typescript", _PROPS_QUERY, program):
        if pattern == 0:
            types[ts.text(captures["name"][0])] = captures["body"][0]
        elif pattern == 1:
            calls.append(captures["call"][0])
        else:
            options.append(captures["value"][0])
    for call in calls:
        arguments = call.child_by_field_name("type_arguments")
        for argument in arguments.named_children if arguments is not None else []:
            if argument.type == "type_identifier":
                argument = types.get(ts.text(argument), argument)
            names.extend(_member_names(argument))
        values = call.child_by_field_name("arguments")
        options.extend(values.named_children if values is not None else [])
    for value in options:
        names.extend(_member_names(value))
    return list(dict.fromkeys(names))


def _member_names(node: ts.Node) -> list[str]:
    """Keys of an object type / interface body / object literal; strings of an array literal."""
    names: list[str] = []
    for member in node.named_children:
        if member.type in ("property_signature", "pair", "method_signature"):
            key = member.child_by_field_name("name") or member.child_by_field_name("key")
            if key is not None:
                names.append(ts.text(key).strip("'\""))
        elif member.type == "shorthand_property_identifier":
            names.append(ts.text(member))
        elif member.type == "string" and node.type == "array":
            names.append(ts.text(member).strip("'\"`"))
    return names


def _tag(element: ts.Node) -> str:
    for child in element.children:
        if child.type in ("start_tag", "self_closing_tag"):
            for part in child.children:
                if part.type == "tag_name":
                    return ts.text(part)
    return ""
