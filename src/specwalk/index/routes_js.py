"""Routes defined in JS/TS code: react-router JSX and objects, vue-router, Angular `Routes`.

- react-router JSX: `<Route path element={<X/>} index>` nested in `<Route>`s; a pathless
  `<Route element={<Layout/>}>` is a layout whose children are nested under its parent's path;
- objects (react-router `createBrowserRouter` / `useRoutes`, vue-router `createRouter({routes})`
  and `RouteRecordRaw[]`, Angular `Routes` for `RouterModule.forRoot` / `provideRouter`):
  any object with a `path` key inside an array, in a file importing a router package, or an
  object that also names `component` / `element` / `loadComponent` / `redirect(To)`;
  `children` nest. The component is `component: X`, `element: <X/>`, `Component: X`, or the
  target of a lazy `import('./X')` / `.then(m => m.X)`. Angular `loadChildren` records the
  module it loads (`Route.mounts`); `routes_mount` mounts that module's routes under it.
- react-router routes inside a component (`Route.within`, descendant `<Routes>` / `useRoutes`)
  are relative to where it renders; `routes_mount` mounts them under the routes rendering it.

Paths are joined to full paths (`/settings/profile`); `:id` params are listed.
"""

from __future__ import annotations

import posixpath
import re

from specwalk.index import grammar_gaps, treesitter
from specwalk.index.facts import FileFacts, ImportBinding
from specwalk.index.fast import new_span, replace
from specwalk.index.react_components import string_value
from specwalk.index.treesitter import Grammar, Node
from specwalk.models.uimap import ParseProblem, Route, RouteSource, SourceSpan

_ROUTE_JSX = "[(jsx_element) (jsx_self_closing_element)] @el"
_OBJECTS = "(array (object) @obj)"
OBJECTS_QUERY = _OBJECTS  # for a caller's `treesitter.MatchSet`
JSX_QUERY = _ROUTE_JSX
_ROUTER_PACKAGES: dict[str, RouteSource] = {
    "react-router": "react-router",
    "react-router-dom": "react-router",
    "@tanstack/react-router": "react-router",
    "vue-router": "vue-router",
    "@angular/router": "angular",
}
_ROUTE_KEYS = frozenset(
    {"component", "element", "Component", "loadComponent", "loadChildren", "redirect", "redirectTo", "lazy"}
)
_NON_PAGE = frozenset({"Navigate", "Redirect", "Outlet", "Suspense", "Fragment"})
_PARAM = re.compile(r":(\w+)|\[(?:\.\.\.)?(\w+)\]")


def join(parent: str | None, path: str | None) -> str:
    """Full path of a child route: ("/settings", "profile") -> "/settings/profile". A splat
    parent's children match what its `*` stood for: ("/debug/*", "runner") -> "/debug/runner"."""
    if path is None or path == "":
        return parent or "/"
    if path.startswith("/"):
        return path
    base = (parent or "/").removesuffix("/*").rstrip("/")
    return f"{base}/{path}"


def params(path: str) -> list[str]:
    return [first or second for first, second in _PARAM.findall(path)]


def _path_value(node: Node | None) -> str | None:
    """A route's `path`: the string, or the source of what is computed (`${homePath()}/:tab?`,
    `${ACTIVITY_DEBUG}/*`) so the route keeps its own path instead of taking its parent's."""
    while node is not None and node.type in ("jsx_expression", "parenthesized_expression"):
        node = treesitter.named_child(node, 0)
    if node is None:
        return None
    literal = string_value(node)
    if literal is not None:
        return literal
    source = " ".join(treesitter.text(node).split())
    return source[1:-1] if node.type == "template_string" else "${" + source + "}"


def _span(path: str, node: Node) -> SourceSpan:
    return new_span(
        file=path, line=node.start_point[0] + 1, column=node.start_point[1] + 1, end_line=node.end_point[0] + 1
    )


def _jsx_name(node: Node) -> str:
    opening = node if node.type == "jsx_self_closing_element" else node.child_by_field_name("open_tag")
    if opening is None:
        return ""
    name = opening.child_by_field_name("name")
    return treesitter.text(name) if name is not None else ""


def _jsx_components(node: Node) -> list[tuple[str, Node]]:
    """Capitalised JSX element names inside `node`, in document order."""
    found: list[tuple[str, Node]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("jsx_element", "jsx_self_closing_element"):
            name = _jsx_name(current)
            if name[:1].isupper():
                found.append((name, current))
        stack.extend(reversed(current.named_children))
    return found


def _element_target(node: Node) -> tuple[str | None, str | None]:
    """(component, redirect) of a route's `element`: the page component, or <Navigate to>.

    The page is the innermost component along the chain of only children (`<Suspense>`,
    `<RequireAuth><Page/></RequireAuth>`, `<div><Page/></div>`). Components passed in
    attributes (`<EmptyState icon={<Icon/>}/>`) are not the page; markup with several children
    (`<ul>` of `<Link>`s) is the enclosing component's own: no page component then.
    """
    redirect: str | None = None
    for name, element in _jsx_components(node):
        if name in ("Navigate", "Redirect"):
            opening = element if element.type == "jsx_self_closing_element" else element.child_by_field_name("open_tag")
            for attribute in opening.named_children if opening is not None else []:
                if attribute.type == "jsx_attribute" and treesitter.text(attribute.named_children[0]) == "to":
                    value = treesitter.named_child(attribute, 1)
                    redirect = string_value(value) or string_value(
                        treesitter.named_child(value, 0) if value is not None else None
                    )
    return _page_component(node), redirect


def _page_component(node: Node | None) -> str | None:
    """The page component of a route's `element` value (see `_element_target`)."""
    while node is not None and node.type in ("jsx_expression", "parenthesized_expression"):
        node = treesitter.named_child(node, 0)
    if node is None:
        return None
    if node.type == "ternary_expression":
        # `loading ? <Spinner/> : <Page/>`, `signedIn ? <Page/> : <Navigate/>`: the page is the
        # branch that has one, the last first (a placeholder usually comes first)
        return _page_component(node.child_by_field_name("alternative")) or _page_component(
            node.child_by_field_name("consequence")
        )
    if node.type == "binary_expression":  # `allowed && <Page/>`
        return _page_component(node.child_by_field_name("right"))
    component: str | None = None
    current = node if node.type in ("jsx_element", "jsx_self_closing_element") else None
    while current is not None:
        name = _jsx_name(current)
        if name[:1].isupper() and name not in _NON_PAGE:
            component = name
        children = [
            child for child in current.named_children if child.type in ("jsx_element", "jsx_self_closing_element")
        ]
        current = children[0] if len(children) == 1 else None
    return component


def _lazy_target(node: Node) -> str | None:
    """`() => import('./views/Cart.vue')` -> Cart; `.then(m => m.CartPage)` -> CartPage;
    Angular's `import('./home/home.component')` -> HomeComponent (its class, by convention)."""
    source = treesitter.text(node)
    then = re.search(r"\.then\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\.(\w+)", source)
    if then:
        return then.group(2)
    imported = re.search(r"import\(\s*['\"`]([^'\"`]+)['\"`]\s*\)", source)
    if imported:
        stem = re.sub(r"\.(vue|svelte|[cm]?[jt]sx?)$", "", imported.group(1).rsplit("/", 1)[-1])
        return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_.]", stem))
    return None


_FUNCTIONS = frozenset(
    {"function_declaration", "function_expression", "arrow_function", "function", "method_definition"}
)
_WRAPPERS = frozenset({"call_expression", "arguments", "parenthesized_expression", "as_expression"})


def _enclosing_component(node: Node) -> str | None:
    """The component whose render holds `node`: the nearest enclosing function or class with a
    capitalised name (`function Debug()`, `const Debug = () =>`, `memo(() => …)` assigned to a
    capitalised name); helpers and callbacks inside it (`routes.map(r => <Route/>)`) are passed."""
    current = node.parent
    while current is not None:
        name: Node | None = None
        if current.type in ("function_declaration", "class_declaration", "class"):
            name = current.child_by_field_name("name")
        elif current.type in _FUNCTIONS:
            holder = current.parent
            while holder is not None and holder.type in _WRAPPERS:
                holder = holder.parent
            if holder is not None and holder.type == "variable_declarator":
                name = holder.child_by_field_name("name")
        if name is not None and treesitter.text(name)[:1].isupper():
            return treesitter.text(name)
        current = current.parent
    return None


def _lazy_module(file: str, node: Node) -> str | None:
    """What `loadChildren` loads: `() => import('./pages/pages.module').then(...)` or the old
    string form `'./pages/pages.module#PagesModule'`, as a project-relative path without extension
    (`src/app/pages/pages.module`). A bare specifier (a path alias) is kept as written: `build`
    matches it against the ends of the project's file names."""
    literal = string_value(node)
    if literal is not None:
        specifier = literal.split("#", 1)[0]
    else:
        imported = re.search(r"import\(\s*['\"`]([^'\"`]+)['\"`]\s*\)", treesitter.text(node))
        if imported is None:
            return None
        specifier = imported.group(1)
    specifier = re.sub(r"\.(?:[cm]?[jt]sx?)$", "", specifier)
    if not specifier.startswith("."):
        return specifier
    return posixpath.normpath(posixpath.join(posixpath.dirname(file), specifier))


_LAZY_BINDING = re.compile(
    r"""\b(?:const|let|var)\s+([A-Z][\w$]*)\s*(?::[^=]+)?=\s*(?:React\.)?lazy\(\s*(?:async\s*)?\(\)\s*=>\s*import\(\s*['"`]([^'"`]+)['"`]"""
)


def _lazy_pages(path: str, root: Node) -> dict[str, str]:
    """`const Debug = lazy(() => import('./routes/debug'))` -> {"Debug": "src/ui/routes/debug"}: the
    file a route's lazy page comes from (its component there may have another name)."""
    found: dict[str, str] = {}
    for match in _LAZY_BINDING.finditer(treesitter.text(root)):
        specifier = re.sub(r"\.(?:[cm]?[jt]sx?)$", "", match.group(2))
        if specifier.startswith("."):
            specifier = posixpath.normpath(posixpath.join(posixpath.dirname(path), specifier))
        found.setdefault(match.group(1), specifier)
    return found


def extract(
    path: str,
    root: Node,
    grammar: Grammar,
    imports: dict[str, ImportBinding],
    matched: treesitter.MatchSet | None = None,
) -> list[Route]:
    """Every route defined in this file (JSX `<Route>` and route objects)."""
    source_kind: RouteSource | None = None
    for binding in imports.values():
        if binding.source in _ROUTER_PACKAGES:
            source_kind = _ROUTER_PACKAGES[binding.source]
            break
    routes: list[Route] = []
    if grammar == "tsx" and "Route" in imports:
        routes.extend(_jsx_routes(path, root, matched))
    routes.extend(_object_routes(path, root, grammar, source_kind, matched))
    if routes and (source_kind or "react-router") == "react-router" and "lazy" in treesitter.text(root):
        pages = _lazy_pages(path, root)
        routes = [
            replace(route, mounts=pages[route.component]) if route.component in pages and not route.mounts else route
            for route in routes
        ]
    return routes


def _jsx_routes(path: str, root: Node, matched: treesitter.MatchSet | None = None) -> list[Route]:
    full_paths: dict[int, str] = {}
    routes: list[Route] = []
    for captures in treesitter.captures("tsx", _ROUTE_JSX, root, matched):
        node = captures["el"][0]
        if _jsx_name(node) != "Route":
            continue
        parent_path: str | None = None
        ancestor = node.parent
        while ancestor is not None:
            if ancestor.id in full_paths:
                parent_path = full_paths[ancestor.id]
                break
            ancestor = ancestor.parent
        opening = node if node.type == "jsx_self_closing_element" else node.child_by_field_name("open_tag")
        own_path: str | None = None
        index = False
        component: str | None = None
        redirect: str | None = None
        for attribute in opening.named_children if opening is not None else []:
            if attribute.type != "jsx_attribute" or not attribute.named_children:
                continue
            name = treesitter.text(attribute.named_children[0])
            value = treesitter.named_child(attribute, 1)
            if name == "path":
                own_path = _path_value(value)
            elif name == "index":
                index = value is None or treesitter.text(value) in ("{true}",)
            elif name in ("element", "component", "Component") and value is not None:
                if name == "element":
                    component, redirect = _element_target(value)
                else:
                    component = treesitter.text(value).strip("{}").strip() or None
        full = join(parent_path, own_path)
        full_paths[node.id] = full
        routes.append(
            Route(
                path=full,
                component=component,
                location=_span(path, node),
                source="react-router",
                parent=parent_path,
                index=index,
                params=params(full),
                redirect=redirect,
                within=_enclosing_component(node),
            )
        )
    return routes


def _pair_value(obj: Node, key: str) -> Node | None:
    for pair in obj.named_children:
        if pair.type == "pair":
            name = pair.child_by_field_name("key")
            if name is not None and (treesitter.text(name) == key or string_value(name) == key):
                return pair.child_by_field_name("value")
    return None


def _keys(obj: Node) -> set[str]:
    keys: set[str] = set()
    for pair in obj.named_children:
        if pair.type == "pair":
            name = pair.child_by_field_name("key")
            if name is not None:
                keys.add(string_value(name) or treesitter.text(name))
        elif pair.type == "shorthand_property_identifier":
            keys.add(treesitter.text(pair))
    return keys


def _object_routes(
    path: str, root: Node, grammar: Grammar, source_kind: RouteSource | None, matched: treesitter.MatchSet | None
) -> list[Route]:
    candidates: list[Node] = []
    for captures in treesitter.captures(grammar, _OBJECTS, root, matched):
        obj = captures["obj"][0]
        keys = _keys(obj)
        if "path" not in keys and not ("index" in keys and keys & _ROUTE_KEYS):
            continue
        if source_kind is None and not (keys & _ROUTE_KEYS):
            continue
        candidates.append(obj)
    if not candidates:
        return []
    kind: RouteSource = source_kind or "react-router"
    full_paths: dict[int, str] = {}
    routes: list[Route] = []
    # Document order puts parents before children, so a child's parent path is known.
    for obj in sorted(candidates, key=lambda node: node.start_byte):
        parent_path: str | None = None
        ancestor = obj.parent
        while ancestor is not None:
            if ancestor.id in full_paths:
                parent_path = full_paths[ancestor.id]
                break
            ancestor = ancestor.parent
        own = _path_value(_pair_value(obj, "path"))
        full = join(parent_path, own)
        full_paths[obj.id] = full
        component: str | None = None
        redirect: str | None = None
        for key in ("component", "Component", "loadComponent", "element", "lazy"):
            value = _pair_value(obj, key)
            if value is None:
                continue
            if value.type == "identifier":
                component = treesitter.text(value)
            elif value.type in ("jsx_element", "jsx_self_closing_element", "parenthesized_expression"):
                component, redirect = _element_target(value)
            else:
                component = _lazy_target(value)
            if component:
                break
        for key in ("redirect", "redirectTo"):
            target = string_value(_pair_value(obj, key))
            if target is not None:
                redirect = join(parent_path, target) if kind == "angular" else target
        lazy = _pair_value(obj, "loadChildren")
        mounts = _lazy_module(path, lazy) if lazy is not None else None
        index_value = _pair_value(obj, "index")
        index = (index_value is not None and treesitter.text(index_value) == "true") or (
            own == "" and parent_path is not None
        )
        routes.append(
            Route(
                path=full,
                component=component,
                location=_span(path, obj),
                source=kind,
                parent=parent_path,
                index=index,
                params=params(full),
                redirect=redirect,
                mounts=mounts,
                within=_enclosing_component(obj) if kind == "react-router" else None,
            )
        )
    return routes


PARSER_VERSION = "routes-js-8"  # 8: hash_history

# A router created with hash history; comments are removed first, so a commented-out line is not one.
_HASH_HISTORY = re.compile(
    rb"\bcreateWebHashHistory\s*\(|<HashRouter\b|\bcreateHashRouter\s*\(|\bwithHashLocation\s*\("
    rb"|\buseHash\s*:\s*true\b|\bHashLocationStrategy\b"
)
_COMMENTS = re.compile(rb"/\*.*?\*/|(?<![:\w])//[^\n]*", re.DOTALL)


def hash_history(source: bytes) -> bool:
    """Whether this module sets up its router with hash history (routes are then `/#/path`)."""
    return b"Hash" in source and _HASH_HISTORY.search(_COMMENTS.sub(b"", source)) is not None


def parse_file(path: str, source: bytes, context: object) -> FileFacts:
    """Facts of a JS/TS module outside React projects: its imports and route tables only."""
    from specwalk.index.react_components import parse_imports

    grammar: Grammar = "typescript" if path.endswith((".ts", ".mts", ".cts")) else "javascript"
    facts = FileFacts(file=path, parser="script")
    root, bad = grammar_gaps.parse_script(grammar, source)
    if bad is not None:
        facts.problems.append(
            ParseProblem(
                file=path,
                line=bad.start_point[0] + 1,
                message="syntax error; route tables in the rest of the file were still read",
            )
        )
    facts.imports = parse_imports(root, grammar)
    facts.routes = extract(path, root, grammar, facts.imports)
    facts.hash_history = hash_history(source)
    return facts
