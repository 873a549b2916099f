"""Route tables that live in one file and are mounted by another (a project-wide merge step).

Each parser reads one file, so a table's paths start at `/` in its own file. Two kinds of table
belong somewhere else:
- lazy modules (Angular `loadChildren`): the route's `mounts` names the module it loads; that
  module's routes are mounted under the route's path. The routes are in the module's own file,
  or, for an NgModule, in its routing module (the Angular CLI's `pages-routing.module.ts` beside
  `pages.module.ts`, or the one file of routes in the module's folder). Nested lazy modules
  (`/pages` loads forms, which loads more) mount in turn.
- react-router v6 descendant routes: a `<Routes>` rendered by a component (`within`) is relative
  to where that component renders, so its routes are mounted under every route whose page
  renders it, directly or through other components.
Rebasing a route joins its path, parent (a top route's parent becomes the mounting route) and,
for Angular, its redirect; `params` are recomputed.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from specwalk.index.fast import replace
from specwalk.index.routes_js import join, params
from specwalk.models.uimap import ComponentNode, Route

_MAX_DEPTH = 8  # nested lazy modules / descendant tables deeper than this are a cycle
_ROUTING_SUFFIXES = ("-routing.module", ".routing.module", ".routing", ".routes", "-routes", "-routing")


def _stem(file: str) -> str:
    return file.rsplit(".", 1)[0] if "." in PurePosixPath(file).name else file


def _rebase(route: Route, mount: Route, *, written_in_full: bool = False) -> Route:
    """`route` (from a table whose paths start at `/`) under `mount`. `written_in_full`: a path
    that already starts with the mount's is kept (react-router allows a descendant route's path
    to be absolute when it starts with its parent's)."""
    base = mount.path
    prefix = base.removesuffix("*").rstrip("/")

    def under(path: str) -> str:
        if written_in_full and prefix and (path == prefix or path.startswith(prefix + "/")):
            return path
        return join(base, path.lstrip("/"))

    path = under(route.path)
    redirect = route.redirect
    if redirect is not None and route.source == "angular" and redirect.startswith("/"):
        redirect = under(redirect)
    return replace(
        route,
        path=path,
        parent=mount.path if route.parent is None else under(route.parent),
        params=params(path),
        redirect=redirect,
    )


def _lazy_targets(spec: str, files: Iterable[str], mounting_file: str) -> list[str]:
    """The files holding the routes of the module `spec` names (see the module docstring)."""
    stems = {_stem(file): file for file in files}
    if not spec.startswith((".", "/")) and spec not in stems and spec + "/index" not in stems:
        # A path alias (`@app/pages/pages.module`): match the end of a file's path.
        tail = spec.split("/", 1)[1] if spec.startswith(("@", "~")) and "/" in spec else spec
        matches = sorted(stem for stem in stems if stem == tail or stem.endswith("/" + tail))
        spec = matches[0] if len(matches) == 1 else spec
    for candidate in (spec, spec + "/index"):
        if candidate in stems:
            return [stems[candidate]]
    base = spec.removesuffix(".module")
    for suffix in _ROUTING_SUFFIXES:
        if base + suffix in stems:
            return [stems[base + suffix]]
    folder = posixpath.dirname(spec)
    beside = [file for stem, file in stems.items() if posixpath.dirname(stem) == folder and file != mounting_file]
    return beside if len(beside) == 1 else []


def mount_lazy(routes: list[Route]) -> list[Route]:
    """Routes with every lazily loaded module's routes mounted under the route loading it."""
    # Only Angular's loadChildren loads a table; a react-router page's `mounts` is its own file.
    if not any(route.mounts and route.source == "angular" for route in routes):
        return routes
    by_file: dict[str, list[Route]] = defaultdict(list)
    for route in routes:
        by_file[route.location.file].append(route)
    targets: dict[tuple[str, str], list[str]] = {}
    for route in routes:
        if route.mounts and route.source == "angular":
            key = (route.mounts, route.location.file)
            if key not in targets:
                targets[key] = _lazy_targets(route.mounts, by_file, route.location.file)
    mounted = {file for files in targets.values() for file in files}
    placed: list[Route] = []
    reached: set[str] = set()

    def place(file: str, mount: Route | None, chain: tuple[str, ...]) -> None:
        reached.add(file)
        for route in by_file[file]:
            at = route if mount is None else _rebase(route, mount)
            placed.append(at)
            if not at.mounts or at.source != "angular" or len(chain) > _MAX_DEPTH:
                continue
            for target in targets.get((at.mounts, file), []):
                if target not in chain:
                    place(target, at, (*chain, target))

    for file in by_file:
        if file not in mounted:
            place(file, None, (file,))
    for file in by_file:  # mounted only from a cycle: as parsed, rather than lost
        if file not in reached:
            place(file, None, (file,))
    return placed


def _renderers(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Component -> every component rendering it, directly or through others."""
    parents: dict[str, set[str]] = defaultdict(set)
    for name, children in graph.items():
        for child in children:
            parents[child].add(name)
    found: dict[str, set[str]] = {}
    for start in parents:
        seen: set[str] = set()
        stack = [start]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        found[start] = seen
    return found


def mount_descendants(routes: list[Route], components: list[ComponentNode]) -> list[Route]:
    """Routes with each react-router descendant table mounted under the routes rendering the
    component that holds it (see the module docstring). A table whose component no route renders
    (the app's own router) stays where it is."""
    tables: dict[str, list[Route]] = defaultdict(list)
    for route in routes:
        if route.within and route.source == "react-router":
            tables[route.within].append(route)
    if not tables:
        return routes
    graph: dict[str, set[str]] = defaultdict(set)
    for component in components:
        graph[component.name].update(edge.component for edge in component.renders)
    rendered_by = _renderers(graph)
    holders = {name: {name} | rendered_by.get(name, set()) for name in tables}
    # A lazy page (`mounts`: its file) renders what that file's components render.
    files_of: dict[str, set[str]] = defaultdict(set)
    for component in components:
        files_of[_stem(component.location.file)].add(component.name)

    def renders(route: Route, name: str) -> bool:
        if route.component in holders[name]:
            return True
        return bool(route.mounts) and not files_of.get(route.mounts or "", set()).isdisjoint(holders[name])

    # Mounting moves routes, and the moved routes may render another table: settle in rounds.
    current = routes
    mounts: dict[str, list[Route]] = {}
    for _ in range(_MAX_DEPTH):
        found = {
            name: [route for route in current if renders(route, name) and route.within != name and not route.redirect]
            for name in tables
        }
        if found == mounts:
            break
        mounts = found
        current = []
        for route in routes:
            under = mounts.get(route.within or "") if route.source == "react-router" else None
            if under:
                current.extend(_rebase(route, mount, written_in_full=True) for mount in under)
            else:
                current.append(route)
    return current


# Routers whose routes move after `#` when the app uses hash history (HTML hash routes already are).
_HASHABLE = frozenset({"react-router", "vue-router", "angular"})


def hashed(route: Route) -> Route:
    """`/login` of a router with hash history is `/#/login` in the browser (as plain apps' hash routes)."""
    if route.source not in _HASHABLE or "#" in route.path:
        return route

    def moved(path: str | None) -> str | None:
        return None if path is None else "/#" + (path if path.startswith("/") else "/" + path)

    return replace(
        route, path=moved(route.path) or route.path, parent=moved(route.parent), redirect=moved(route.redirect)
    )
