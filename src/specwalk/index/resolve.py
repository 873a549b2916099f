"""Merge per-file facts into the UI map: what needs the whole project, and what each element needs.

`build` and `shards` run it in two halves so that the facts stay in the worker that parsed them:
the main process does the project-wide steps on small data (component table, the expansion of
the elements that take part in it, routes, inherited render conditions); each shard finishes,
proposes, counts, then ranks its own elements. Steps:

1. wrappers: a usage of the project's own component (`<Button>`, native_tag None) whose
   definition renders exactly one interactive native element becomes that element, with the
   usage's props substituted (`children` -> text, `label` -> label, the rest -> attributes);
2. props: elements of a component that show its props (`<h2>{title}</h2>`) are instantiated per
   usage with the usage's values (ids `<usage id>><line>:<column>`); twice, for one nesting level;
3. render conditions are inherited from usage sites (an item rendered by `tasks.map` is looped);
4. i18n keys resolve through the locale files for every locale;
5. routes -> components (route component + layouts above it + components rendered outside
   the router, through the component graph), elements -> routes;
6. locators ranked per route (uniqueness), descriptions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from specwalk.index import i18n, locators
from specwalk.index.facts import FileFacts, LocaleTable
from specwalk.index.fast import new_attribute, new_render, new_text, replace, same_text
from specwalk.index.query import describe
from specwalk.index.roles import implied_role, is_native_tag
from specwalk.models.uimap import (
    AttributeValue,
    ComponentNode,
    LocatorCandidate,
    RenderCondition,
    Route,
    TextValue,
    UIElement,
)

_T_CALL = re.compile(r"""^\s*(?:i18n\.|i18next\.|this\.)?\$?t(?:ranslate)?\(\s*(['"`])(.+?)\1\s*[,)]""")
_PIPE = re.compile(r"""^\s*(['"])(.+?)\1\s*\|\s*translate\b""")
_STRING = re.compile(r"""^\s*(['"])(.*)\1\s*$""")
_IDENT_ROOT = re.compile(r"^\s*([A-Za-z_$][\w$]*)")


def expression_text(expression: str | None) -> TextValue | None:
    """What an expression shows when it is a t-call, a translate pipe or a string; else None."""
    if not expression:
        return None
    inner = expression.strip()
    if inner.startswith("{") and inner.endswith("}"):
        inner = inner[1:-1]
    match = _T_CALL.match(inner) or _PIPE.match(inner)
    if match:
        return new_text(kind="i18n", key=match.group(2))
    string = _STRING.match(inner)
    if string and string.group(1) not in string.group(2):
        return new_text(kind="literal", value=string.group(2))
    return None


def _attribute_text(value: AttributeValue) -> TextValue:
    if value.literal:
        return same_text(kind="literal", value=value.value or "")
    return expression_text(value.expression) or same_text(kind="dynamic", expression=value.expression)


def _resolve_text(value: TextValue | None, table: LocaleTable, order: list[str]) -> TextValue | None:
    if value is None:
        return None
    if value.kind == "dynamic":
        found = expression_text(value.expression)
        if found is not None:
            value = found
    if value.kind == "i18n" and value.key and not value.translations:
        if value.variants:
            return replace(value, variants={key: i18n.lookup(table, key) for key in value.variants})
        return i18n.resolve(table, value.key, order)
    return value


# --- wrappers and props ------------------------------------------------------------------------


def _root(expression: str | None) -> str | None:
    if not expression:
        return None
    try:
        return _ROOTS[expression]
    except KeyError:
        match = _IDENT_ROOT.match(expression)
        found = _ROOTS[expression] = match.group(1) if match else None
        return found


_ROOTS: dict[str, str | None] = {}  # expression -> `_root` (a project repeats its expressions)


def _substitute_text(value: TextValue | None, props: set[str], usage: UIElement) -> TextValue | None:
    if value is None or value.kind != "dynamic":
        return value
    root = _root(value.expression)
    if root is None or root not in props:
        return value
    if root == "children":
        return usage.text
    given = usage.attributes.get(root)
    if given is None:
        return None  # the prop was not passed: nothing rendered from it
    if value.expression == root:
        return _attribute_text(given)
    if given.literal:
        return same_text(kind="dynamic", expression=value.expression)
    return new_text(kind="dynamic", expression=(given.expression or root) + (value.expression or "")[len(root) :])


def _depends_on(element: UIElement, props: set[str]) -> bool:
    for value in (element.text, element.label, element.accessible_name):
        if value is not None and value.kind == "dynamic" and _root(value.expression) in props:
            return True
    return any(
        not a.literal and _root(a.expression) in props for n, a in element.attributes.items() if n not in _NOT_CONTENT
    )


def _merge_render(outer: RenderCondition, inner: RenderCondition) -> RenderCondition:
    conditions = [c for c in (outer.conditional, inner.conditional) if c]
    return new_render(conditional=" && ".join(conditions) or None, loop=inner.loop or outer.loop)


def _instantiate(element: UIElement, usage: UIElement, component: ComponentNode, primary: bool) -> UIElement | None:
    props = {p.removeprefix("...") for p in component.props} | {"children"}
    declared = {p for p in component.props if not p.startswith("...")}
    attributes: dict[str, AttributeValue] = {}
    for name, value in element.attributes.items():
        root = _root(value.expression) if not value.literal else None
        if root in props and root != "children":
            given = usage.attributes.get(root)
            if given is not None:
                attributes[name] = replace(given, name=name)
            elif value.value is not None:  # the prop's default
                attributes[name] = new_attribute(name=name, literal=True, value=value.value)
            continue
        attributes[name] = value
    handlers = list(element.handlers)
    if primary:
        # Props the wrapper does not declare fall through (`{...rest}`) to the native element.
        for name, value in usage.attributes.items():
            if name not in declared and name not in ("class", "ref", "variant", "size"):
                attributes[name] = value
        handlers = [*usage.handlers, *[h for h in element.handlers if _root(h.handler) not in props]]
    text = _substitute_text(element.text, props, usage)
    if primary and element.text is None and "children" not in declared:
        text = usage.text  # `<button {...rest}/>`: the children are in the rest props
    label = _substitute_text(element.label, props, usage)
    if element.text is not None and text is None and not primary:
        return None  # e.g. `{hint && <p>{hint}</p>}` where the usage gives no hint
    literal_attributes = {n: (a.value if a.literal else None) for n, a in attributes.items()}
    role = element.role
    if element.native_tag and (is_native_tag(element.tag) or role == _implied(element)):
        role = implied_role(element.native_tag, literal_attributes)  # else a kit's role: kept
    explicit = attributes.get("role")
    if explicit is not None and explicit.literal and explicit.value:
        role = explicit.value
    if not primary and role is None and text is None and label is None and not handlers:
        found = element.attributes.keys() - attributes.keys()
        if found and not any(name.startswith(("data-test", "data-cy", "aria-label", "id")) for name in attributes):
            return None  # `<div data-testid={testId}>` where the usage gives no test id: nothing to find
    if primary:
        identity = {"id": usage.id, "location": usage.location, "tag": usage.tag}
    else:
        identity = {
            "id": f"{usage.id}>{element.location.line}:{element.location.column}",
            "location": element.location,
            "tag": element.tag,
        }
    return replace(
        element,
        **{
            **identity,
            "component": usage.component,
            "attributes": attributes,
            "text": text,
            "label": label,
            "accessible_name": _substitute_text(element.accessible_name, props, usage),
            "handlers": handlers,
            "role": role,
            "render": _merge_render(usage.render, element.render),
        },
    )


def _implied(element: UIElement) -> str | None:
    literal = {name: (value.value if value.literal else None) for name, value in element.attributes.items()}
    return implied_role(element.native_tag or element.tag, literal)


def _is_primary(element: UIElement, wraps: str) -> bool:
    """Whether `element` is what a wrapper renders: its native tag, or the kit / wrapper
    component (already expanded: it has a native tag now) named as written."""
    if is_native_tag(wraps):
        return element.native_tag == wraps
    return element.tag == wraps and element.native_tag is not None


def _as_native(usage: UIElement, tag: str) -> UIElement | None:
    """A usage of a styled component defined in another file, as the native element it is;
    None for layout (a styled `div` without a role, text, handler or test id)."""
    shown_as = usage.attributes.get("as")
    if shown_as is not None and shown_as.literal and shown_as.value and is_native_tag(shown_as.value):
        tag = shown_as.value
    literal = {name: (value.value if value.literal else None) for name, value in usage.attributes.items()}
    role = literal.get("role") or implied_role(tag, literal)
    if role is None and not usage.handlers and usage.text is None and not _findable_attribute(usage):
        return None
    return replace(usage, native_tag=tag, role=role)


def _findable_attribute(element: UIElement) -> bool:
    return any(name.startswith(("data-test", "data-cy", "aria-label")) for name in element.attributes)


def _aliases(elements: list[UIElement], components: dict[str, ComponentNode]) -> dict[str, str]:
    """Component -> what it stands for, for styled components of other files
    (`styled.h1` -> "h1", `styled(Button)` -> "Button", followed to the end of a chain).

    Such a component `wraps` something but has no element of its own, unlike a function wrapper
    (whose wrapped element is among `elements`: see `template_candidates`).
    """
    wrapping = {name for name, component in components.items() if component.wraps}
    if not wrapping:
        return {}
    with_elements = {
        element.component
        for element in elements
        if element.component in wrapping and element.location.file == components[element.component].location.file
    }
    aliases: dict[str, str] = {}
    for name in wrapping - with_elements:
        target = components[name].wraps or name
        for _ in range(8):
            following = components.get(target)
            if following is None or not following.wraps or target in with_elements:
                break
            target = following.wraps
        aliases[name] = target
    return aliases


def _topological(components: dict[str, ComponentNode]) -> list[str]:
    """Component names, rendered components before the ones rendering them."""
    order: list[str] = []
    state: dict[str, int] = {}
    for start in sorted(components):
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            name, index = stack.pop()
            if index == 0:
                if state.get(name):
                    continue
                state[name] = 1
            children = (
                [e.component for e in components[name].renders if e.component in components]
                if name in components
                else []
            )
            if index < len(children):
                stack.append((name, index + 1))
                child = children[index]
                if not state.get(child):
                    stack.append((child, 0))
            else:
                state[name] = 2
                order.append(name)
    return order


_NOT_CONTENT = frozenset({"class", "style", "key", "ref"})


def _expand_components(elements: list[UIElement], components: dict[str, ComponentNode]) -> list[UIElement]:
    """Wrappers become their native element; prop-showing elements are instantiated per usage."""
    usages: dict[str, list[UIElement]] = defaultdict(list)
    buckets: dict[str | None, list[UIElement]] = defaultdict(list)
    aliases = _aliases(elements, components)
    for element in elements:
        if element.native_tag is None and element.tag in components:
            target = aliases.get(element.tag, element.tag)
            if target in components:
                usages[target].append(element)
            elif is_native_tag(target):
                native = _as_native(element, target)
                if native is not None:
                    buckets[native.component].append(native)
            else:
                buckets[element.component].append(element)  # styles a component nobody knows
        else:
            buckets[element.component].append(element)
    order = _topological(components)
    for name in [*[n for n in order if components[n].wraps], *[n for n in order if not components[n].wraps]]:
        component = components[name]
        if not usages.get(name):
            continue
        own = [e for e in buckets.get(name, []) if e.location.file == component.location.file]
        wraps = component.wraps
        primary = next((e for e in own if wraps and _is_primary(e, wraps)), None)
        props = {p.removeprefix("...") for p in component.props} | {"children"}
        dependent = [e for e in own if e is not primary and e.native_tag is not None and _depends_on(e, props)]
        if primary is None and not dependent:
            continue
        replaced = {e.id for e in dependent} | ({primary.id} if primary is not None else set())
        buckets[name] = [e for e in buckets[name] if e.id not in replaced]
        for usage in usages[name]:
            if primary is not None:
                instance = _instantiate(primary, usage, component, primary=True)
                if instance is not None:
                    buckets[instance.component].append(instance)
            for element in dependent:
                instance = _instantiate(element, usage, component, primary=False)
                if instance is not None:
                    buckets[instance.component].append(instance)
    return [element for bucket in buckets.values() for element in bucket]


def _keep_unknown(element: UIElement) -> bool:
    """A component we cannot follow (third-party, not a known kit) stays only if findable."""
    if element.native_tag is not None or element.role is not None:
        return True
    return element.text is not None or _findable_attribute(element)


# --- routes ----------------------------------------------------------------------------------


def _closure(start: Iterable[str], graph: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(start)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack.extend(graph.get(name, ()))
    return seen


# File-system routers nest a page in the layouts of the folders above it, whatever URL they have
# (a `(group)` folder's layout sits at its parent's URL, beside the other groups' layouts).
_FS_LAYOUT_SOURCES = ("next-app", "sveltekit", "vue-pages")
_LAYOUT_STEMS = ("layout", "+layout")


def _fs_layouts(routes: Iterable[Route]) -> dict[tuple[str, PurePosixPath], Route]:
    """(source, folder) -> the layout route of that folder, for Next.js app/ and SvelteKit; for
    Vue file routes, `users.vue` is the layout of the folder `users/` beside it."""
    layouts: dict[tuple[str, PurePosixPath], Route] = {}
    for route in routes:
        file = PurePosixPath(route.location.file)
        if route.source == "vue-pages" and file.stem != "index":
            layouts.setdefault((route.source, file.parent / file.stem), route)
        elif route.source in _FS_LAYOUT_SOURCES and file.stem in _LAYOUT_STEMS:
            layouts.setdefault((route.source, file.parent), route)
    return layouts


def _enclosing_layout(route: Route, layouts: dict[tuple[str, PurePosixPath], Route]) -> Route | None:
    """The layout of the nearest folder above a file route: a page's own folder counts, a
    layout's does not (that is itself)."""
    file = PurePosixPath(route.location.file)
    own_folder = file.stem in _LAYOUT_STEMS and route.source != "vue-pages"
    folder = file.parent.parent if own_folder else file.parent
    while True:
        layout = layouts.get((route.source, folder))
        if layout is not None:
            return layout
        if folder == folder.parent:
            return None
        folder = folder.parent


def route_components(routes: list[Route], components: list[ComponentNode]) -> dict[str, list[str]]:
    """Route path -> the components rendering under it."""
    if not routes:
        return {}
    graph: dict[str, set[str]] = defaultdict(set)
    for component in components:
        graph[component.name].update(edge.component for edge in component.renders)
    # Components rendered outside the router (providers, toasts) show on every route. Only
    # router tables have an "outside"; file-based routes (html-file, next, sveltekit) do not.
    route_files = {r.location.file for r in routes if r.source in ("react-router", "vue-router", "angular")}
    routed = {r.component for r in routes if r.component}
    owners = {c.name for c in components if c.location.file in route_files and c.name not in routed}
    parents_of: dict[str, set[str]] = defaultdict(set)
    for name, children in graph.items():
        for child in children:
            parents_of[child].add(name)
    roots = _closure(owners, parents_of)  # whoever renders the router, up to the entry point
    global_components = _closure(roots, graph) - routed if owners else set()
    by_path: dict[str, list[Route]] = defaultdict(list)
    for route in routes:
        by_path[route.path].append(route)
    mapping: dict[str, list[str]] = {}
    layouts = _fs_layouts(routes)
    for route in routes:
        if route.component is None and route.redirect is not None:
            continue
        names: set[str] = set(global_components)
        if route.component:
            names |= _closure([route.component], graph)
        parent = route.parent
        if route.source in _FS_LAYOUT_SOURCES:
            # Only the layouts of the folders above: the pages at a parent's URL are not there.
            layout = _enclosing_layout(route, layouts)
            while layout is not None:
                if layout.component:
                    names |= _closure([layout.component], graph)
                layout = _enclosing_layout(layout, layouts)
            parent = None
        seen_paths: set[str] = set()
        while parent is not None and parent not in seen_paths:
            seen_paths.add(parent)
            next_parent: str | None = None
            for candidate in by_path.get(parent, []):
                if candidate is route or candidate.index:
                    continue
                if candidate.component:
                    names |= _closure([candidate.component], graph)
                # A lazy mount and the module's own top route share a path (`/pages` loads a
                # module whose '' route renders PagesComponent): the one with a parent leads up.
                if next_parent is None and candidate.parent != parent:
                    next_parent = candidate.parent
            parent = next_parent
        existing = set(mapping.get(route.path, []))
        mapping[route.path] = sorted(existing | names)
    return mapping


def inherited_render(elements: list[UIElement], components: dict[str, ComponentNode]) -> dict[str, RenderCondition]:
    """For each component, the loop / condition of the place it is rendered from (first usage)."""
    usage_render: dict[str, tuple[str | None, RenderCondition]] = {}
    for element in elements:
        if element.native_tag is None and element.tag in components and element.tag not in usage_render:
            usage_render[element.tag] = (element.component, element.render)
    resolved: dict[str, RenderCondition] = {}

    def get(name: str, depth: int = 0) -> RenderCondition:
        if name in resolved:
            return resolved[name]
        entry = usage_render.get(name)
        if entry is None or depth > 8:
            return new_render()
        parent, render = entry
        outer = get(parent, depth + 1) if parent and parent != name else new_render()
        resolved[name] = _merge_render(outer, render)
        return resolved[name]

    for name in usage_render:
        get(name)
    return resolved


# --- the whole project (main process) ---------------------------------------------------------


def component_table(component_list: Iterable[ComponentNode]) -> dict[str, ComponentNode]:
    """Name -> definition; the first by file wins when two files define the same name."""
    components: dict[str, ComponentNode] = {}
    for component in component_list:
        components.setdefault(component.name, component)
    return components


def expand(involved: list[UIElement], components: dict[str, ComponentNode]) -> tuple[set[int], list[UIElement]]:
    """Wrappers and prop-showing elements over the elements that take part (`involved`, in
    project order: usages of project components and each component's template candidates).

    Returns the positions in `involved` of the elements the expansion removes (usages, replaced
    templates) and the instances it adds. Every other element is untouched by it, which is why
    it can run on this small subset while the shards keep the rest.
    """
    result = _expand_components(involved, components)
    kept = {id(element) for element in result}
    originals = {id(element) for element in involved}
    removed = {number for number, element in enumerate(involved) if id(element) not in kept}
    return removed, [element for element in result if id(element) not in originals]


def is_usage(element: UIElement, components: Container[str]) -> bool:
    return element.native_tag is None and element.tag in components


def template_candidates(item: FileFacts) -> list[int]:
    """Positions of elements in `item` that `expand` may replace by per-usage instances: the
    native element a wrapper renders, and elements showing their component's props."""
    own: dict[str, tuple[ComponentNode, set[str]]] = {}
    for component in item.components:
        if component.name not in own:
            own[component.name] = (component, {p.removeprefix("...") for p in component.props} | {"children"})
    found: list[int] = []
    for number, element in enumerate(item.elements):
        definition, props = own.get(element.component or "", (None, set()))
        if definition is None or element.native_tag is None or element.location.file != definition.location.file:
            continue
        if (definition.wraps and _is_primary(element, definition.wraps)) or _depends_on(element, props):
            found.append(number)
    return found


def routes_by_component(
    routes: list[Route], component_list: list[ComponentNode], mapping: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """(route path -> components under it) inverted: component -> sorted route paths.

    `mapping`: `route_components(routes, component_list)` when the caller has it already."""
    routes_of: dict[str, list[str]] = defaultdict(list)
    if mapping is None:
        mapping = route_components(routes, component_list)
    for path, names in mapping.items():
        for name in names:
            routes_of[name].append(path)
    return {name: sorted(paths) for name, paths in routes_of.items()}


def dedupe_routes(routes: list[Route]) -> list[Route]:
    """The routes once each; a file route's `parent` (its nearest layout's path), which its
    own file's facts cannot know, filled in."""
    seen: set[tuple[str, str | None, str, int]] = set()
    unique: list[Route] = []
    layouts = _fs_layouts(routes)
    for route in routes:
        if route.parent is None and route.source in _FS_LAYOUT_SOURCES:
            layout = _enclosing_layout(route, layouts)
            if layout is not None:
                route = replace(route, parent=layout.path)
        key = (route.path, route.component, route.location.file, route.location.line)
        if route.source == "hash":
            # A hash route is named in links and in the router's comparisons: one per path
            # (the first by file, as facts arrive sorted by path).
            key = (route.path, route.component, "", 0)
        if key not in seen:
            seen.add(key)
            unique.append(route)
    return unique


# --- each element (in the shard that holds it) -------------------------------------------------

ProposalKey = locators.ProposalKey
NO_ROUTE = "(no route)"


@dataclass(frozen=True)
class Project:
    """What finishing an element needs from the whole project (computed once, sent to shards)."""

    inherited: dict[str, RenderCondition]  # component -> the render condition of its usage
    table: LocaleTable
    locales: list[str]  # configured first
    routes_of: dict[str, list[str]]  # component -> route paths it renders under
    testid_attributes: tuple[str, ...]


class _Texts:
    """`_resolve_text` and `_attribute_text` for one locale order, remembered: a project's
    elements show the same expressions and i18n keys again and again (the values are frozen, so
    elements may share them)."""

    def __init__(self, table: LocaleTable, order: list[str]) -> None:
        self.table = table
        self.order = order
        self.expressions: dict[str | None, TextValue | None] = {}  # expression -> expression_text
        self.keys: dict[str, TextValue] = {}  # i18n key -> i18n.resolve
        self.attributes: dict[str | None, TextValue | None] = {}  # expression -> resolved attribute text

    def resolve(self, value: TextValue | None) -> TextValue | None:
        """`_resolve_text(value, table, order)`."""
        if value is None:
            return None
        if value.kind == "dynamic":
            expression = value.expression
            try:
                found = self.expressions[expression]
            except KeyError:
                found = self.expressions[expression] = expression_text(expression)
            if found is not None:
                value = found
        if value.kind == "i18n" and value.key and not value.translations:
            if value.variants:
                return replace(value, variants={key: i18n.lookup(self.table, key) for key in value.variants})
            key = value.key
            resolved = self.keys.get(key)
            if resolved is None:
                resolved = self.keys[key] = i18n.resolve(self.table, key, self.order)
            return resolved
        return value

    def attribute(self, value: AttributeValue) -> TextValue | None:
        """`_resolve_text(_attribute_text(value), table, order)`."""
        if value.literal:
            return self.resolve(_attribute_text(value))
        expression = value.expression
        try:
            return self.attributes[expression]
        except KeyError:
            found = self.attributes[expression] = self.resolve(_attribute_text(value))
            return found


def finish_elements(elements: list[UIElement], project: Project) -> list[UIElement]:
    """Drop unknown components nobody can find; resolve texts, names, render conditions, routes.

    Finishes the elements in place (they belong to the shard and nothing else holds them; the
    cache has their parsed form already) and empties `elements`.
    """
    texts = _Texts(project.table, project.locales)
    inherited, routes_of = project.inherited, project.routes_of
    elements.reverse()
    finished: list[UIElement] = []
    while elements:
        element = elements.pop()
        if not _keep_unknown(element):
            continue
        values = element.__dict__  # frozen for users of the map; set here, before it is shared
        component = values["component"] or ""
        outer = inherited.get(component)
        if outer is not None:
            values["render"] = _merge_render(outer, values["render"])
        label = texts.resolve(values["label"])
        if label is None and "aria-label" in values["attributes"]:
            label = texts.attribute(values["attributes"]["aria-label"])
        name = texts.resolve(values["accessible_name"])
        values["text"] = texts.resolve(values["text"])
        values["label"] = label
        values["routes"] = routes_of.get(component, [])
        if name is None:
            values["accessible_name"] = None  # what `_name_from_attributes` must not see
            name = _name_from_attributes(element, texts)
        values["accessible_name"] = name
        finished.append(element)
    return finished


def _name_from_attributes(element: UIElement, texts: _Texts) -> TextValue | None:
    found = locators.accessible_name(element)
    if found is not None:
        return found
    for attribute in ("title", "placeholder", "alt"):
        value = element.attributes.get(attribute)
        if value is None or value.literal:
            continue
        if attribute == "placeholder" and (element.native_tag or "") not in ("input", "textarea"):
            continue
        text = texts.attribute(value)
        if text is not None and text.kind == "i18n":
            return text
    return None


def propose(elements: list[UIElement], project: Project) -> list[list[locators.Proposal]]:
    """Each element's locator proposals, in the first locale (the others are looked up after it)."""
    locale = project.locales[0] if project.locales else "en"
    texts = _Texts(project.table, [locale, *[code for code in project.table.messages if code != locale]])

    def attribute_texts(element: UIElement, attribute: str) -> TextValue | None:
        value = element.attributes.get(attribute)
        if value is None or value.literal:
            return None
        return texts.attribute(value)

    testids = tuple(project.testid_attributes)
    return [
        locators.propose(e, testid_attributes=testids, locale=locale, attribute_texts=attribute_texts) for e in elements
    ]


def count_proposals(
    elements: list[UIElement], proposals: list[list[locators.Proposal]]
) -> dict[str, dict[ProposalKey, int]]:
    """Route -> proposal key -> how many of these elements it would find there."""
    keys_on: dict[str, list[ProposalKey]] = {}  # route -> each element's distinct keys, in a row
    no_route = (NO_ROUTE,)
    for element, proposed in zip(elements, proposals, strict=True):
        keys = {proposal[0] for proposal in proposed}
        for route in element.routes or no_route:
            found = keys_on.get(route)
            if found is None:
                keys_on[route] = list(keys)
            else:
                found.extend(keys)
    # Counter counts in C: a large project has a few hundred thousand keys on a route.
    return {route: Counter(keys) for route, keys in keys_on.items()}


def rank_elements(
    elements: list[UIElement],
    proposals: list[list[locators.Proposal]],
    shared: dict[str, dict[ProposalKey, int]],
    made: dict[Any, LocatorCandidate] | None = None,
) -> list[UIElement]:
    """Rank each element's proposals; `shared[route][key]` counts the keys several elements share
    on a route (in the whole project). Sets the locators and the one-line description, in place
    (as `finish_elements`), and empties `elements` and `proposals`. `made`: see `locators.rank`."""
    ranked: list[UIElement] = []
    if len(elements) != len(proposals):
        raise ValueError("rank_elements: one list of proposals per element")
    elements.reverse()
    proposals.reverse()
    no_route = (NO_ROUTE,)
    rank = locators.rank
    while elements:
        element, proposed = elements.pop(), proposals.pop()
        duplicates: dict[ProposalKey, int] = {}
        for route in element.routes or no_route:
            on_route = shared.get(route)
            if not on_route:
                continue
            for proposal in proposed:
                key = proposal[0]
                count = on_route.get(key)
                if count is not None and count > duplicates.get(key, 1):
                    duplicates[key] = count
        values = element.__dict__
        values["locators"] = rank(proposed, duplicates=duplicates, loop=values["render"].loop, made=made)
        values["description"] = describe(element)
        ranked.append(element)
    return ranked
