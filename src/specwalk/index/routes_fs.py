"""File-system routes: Next.js `pages/` and `app/`, SvelteKit `src/routes`.

The route tree is in the file names, so this needs only the list of files:
- Next.js `pages/`: `index.tsx` -> `/`, `tasks/[id].tsx` -> `/tasks/[id]`, `[...slug]`,
  `[[...slug]]`; `_app`, `_document`, `_error` and `api/` are not pages.
- Next.js `app/`: `page.tsx` files are pages, `layout.tsx` files are layouts (each page's
  `parent` is its nearest layout); route groups `(group)` and parallel slots `@slot` add no
  segment; private folders `_x` are skipped.
- SvelteKit `src/routes`: `+page.svelte` pages, `+layout.svelte` layouts, `[param]`,
  `[[optional]]`, `[...rest]`, groups `(group)`.
- Vue (vite-plugin-pages, unplugin-vue-router, Nuxt): `.vue` files under `pages/` or
  `src/pages/`: `index.vue` -> its folder, `[id].vue` / Nuxt 2 `_id.vue` -> `[id]`, `_.vue` ->
  `[...all]`; `users.vue` beside `users/` is the parent of the pages in that folder. The
  component is the one the Vue parser names after the file (`teams.vue` -> Teams).

Paths keep the framework's own param syntax (`/tasks/[id]`); `params` lists the names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from specwalk.index import markup
from specwalk.index.facts import FileFacts, ParseContext
from specwalk.index.fast import new_span, replace
from specwalk.index.vue import component_name as vue_component
from specwalk.models.uimap import Route, RouteSource

# Bump when the facts this parser emits change: the index cache keys on it.
PARSER_VERSION = "routes-fs-3"
_SCRIPT_SUFFIXES = (".js", ".jsx", ".ts", ".tsx", ".mdx")
_PARAM = re.compile(r"\[{1,2}(?:\.\.\.)?([\w-]+)\]{1,2}")
_NEXT_SPECIAL = frozenset({"_app", "_document", "_error", "404", "500", "_middleware"})


def _segments(directory: PurePosixPath, *, slots: bool = True) -> list[str]:
    """URL segments of a route directory: groups dropped, and Next.js parallel slots `@slot`
    (`slots`; in SvelteKit `@[user]` is an ordinary segment)."""
    kept = []
    for part in directory.parts:
        if part.startswith("(") and part.endswith(")"):
            continue
        if slots and part.startswith("@"):
            continue
        kept.append(part)
    return kept


def _params(segments: list[str]) -> list[str]:
    # A param may share its segment with text: SvelteKit `project-[region]-[project]`, `@[user]`.
    return [name for segment in segments for name in _PARAM.findall(segment)]


def _url(segments: list[str]) -> str:
    return "/" + "/".join(segments) if segments else "/"


def route_component_name(path: str) -> str:
    """A name for a route file's component, unique per route: src/routes/todos/[id]/+page.svelte ->
    TodosIdPage, app/(shop)/cart/page.tsx -> CartPage, pages/tasks/[id].tsx -> TasksIdPage."""
    posix = PurePosixPath(path)
    parts = list(posix.parent.parts)
    for root in ("routes", "app", "pages"):
        if root in parts:
            parts = parts[len(parts) - parts[::-1].index(root) :]
            break
    stem = posix.stem.lstrip("+")
    if stem not in ("page", "layout", "error", "index"):
        parts.append(stem)
        stem = "page"
    if stem == "index":
        stem = "page"
    # Layouts of sibling groups share a URL (`(app)/+layout`, `(public)/+layout`): their group
    # names tell them apart. Pages cannot share one, so their names stay free of groups.
    segments = (
        [part.strip("()") for part in parts]
        if stem == "layout"
        else _segments(PurePosixPath(*parts), slots=posix.suffix != ".svelte")
    )
    words = [re.sub(r"[^\w]", " ", segment) for segment in segments if segment]
    prefix = "".join(markup.pascal(word) for word in words) or "Root"
    return prefix + markup.pascal(stem)


def _root_index(parts: tuple[str, ...], root: str) -> int | None:
    """Where `root` (pages / app / routes) sits: at the top or right under src/."""
    if parts[:1] == (root,):
        return 0
    if parts[:2] == ("src", root):
        return 1
    return None


def file_routes(
    paths: Iterable[str],
    *,
    next_js: bool = True,
    sveltekit: bool = True,
    vue: bool = True,
    component_names: Mapping[str, str] | None = None,
) -> list[Route]:
    """Routes from the project's file names (POSIX, relative to the project root), sorted by path.

    `component_names`: file -> the component its default export is called (build knows it from
    the parsed file); otherwise `route_component_name(file)`.
    """
    names = component_names or {}
    pages: list[tuple[str, list[str], RouteSource, str, bool]] = []  # (file, segments, source, kind, index)
    for path in sorted(set(paths)):
        posix = PurePosixPath(path)
        parts = posix.parts
        if sveltekit and posix.suffix == ".svelte" and posix.stem in ("+page", "+layout"):
            at = _root_index(parts, "routes")
            if at == 1:
                segments = _segments(PurePosixPath(*parts[at + 1 : -1]), slots=False)
                pages.append((path, segments, "sveltekit", posix.stem[1:], False))
            continue
        if vue and posix.suffix == ".vue":
            at = _root_index(parts, "pages")
            if at is not None:
                inner = [_vue_segment(part) for part in parts[at + 1 : -1]]
                stem = _vue_segment(posix.stem)
                index = stem == "index"
                pages.append((path, inner + ([] if index else [stem]), "vue-pages", "page", index))
            continue
        if not next_js or posix.suffix not in _SCRIPT_SUFFIXES or posix.name.endswith((".d.ts",)):
            continue
        at = _root_index(parts, "app")
        if at is not None and posix.stem in ("page", "layout"):
            app_inner = parts[at + 1 : -1]
            if any(part.startswith("_") for part in app_inner):
                continue
            pages.append((path, _segments(PurePosixPath(*app_inner)), "next-app", posix.stem, False))
            continue
        at = _root_index(parts, "pages")
        if at is not None:
            inner = list(parts[at + 1 :])
            if inner[0] == "api" or posix.stem in _NEXT_SPECIAL or any(part.startswith("_") for part in inner[:-1]):
                continue
            page_segments = inner[:-1] + ([] if posix.stem == "index" else [posix.stem])
            pages.append((path, page_segments, "next-pages", "page", posix.stem == "index"))
    layouts = {(source, _url(segments)): path for path, segments, source, kind, _ in pages if kind == "layout"}
    # Vue: `users.vue` beside a `users/` folder is the parent (it has the <RouterView>) of the
    # pages in that folder.
    for path, segments, source, _, index in pages:
        if source == "vue-pages" and not index and segments:
            layouts.setdefault((source, _url(segments)), path)
    routes: list[Route] = []
    for path, segments, source, kind, index in pages:
        url = _url(segments)
        parent = None
        # The nearest layout above (for a layout: strictly above; for a page: its own folder too).
        candidates = [segments[:cut] for cut in range(len(segments), -1, -1)]
        if kind == "layout" or (source == "vue-pages" and not index):
            candidates = candidates[1:]
        for candidate in candidates:
            if (source, _url(candidate)) in layouts:
                parent = _url(candidate)
                break
        routes.append(
            Route(
                path=url,
                component=names.get(path)
                or (vue_component(path) if source == "vue-pages" else "")
                or route_component_name(path),
                location=new_span(file=path, line=1, column=1),
                source=source,
                parent=parent,
                index=index,
                params=_params(segments),
            )
        )
    return sorted(routes, key=lambda route: (route.path, route.parent is not None, route.location.file))


def _vue_segment(part: str) -> str:
    """A Vue pages file or folder name as a segment: `[id]` stays, Nuxt 2 style `_id` is `[id]`,
    `_` alone is a catch-all (`[...all]`)."""
    if part == "_":
        return "[...all]"
    if part.startswith("_") and len(part) > 1:
        return f"[{part[1:]}]"
    return part


_DEFAULT_EXPORT = re.compile(rb"export\s+default\s+(?:async\s+)?(?:function\s*\*?\s*|class\s+)?([A-Z][\w$]*)")


def default_export_name(source: bytes) -> str | None:
    """The name of a module's default export when it is a named function, class or identifier."""
    match = _DEFAULT_EXPORT.search(source)
    return match.group(1).decode() if match else None


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    """The route one file defines by where it sits (build's per-file dispatch).

    A page's `parent` layout needs the other files, so it is left None here; `file_routes`
    over the whole file list fills it in. The component is the default export's name when the
    file names it (`export default function TaskPage`), so it matches what the react parser saw.
    """
    del context  # file-system routes depend on the path (and the default export) only
    names = {}
    if not path.endswith((".svelte", ".vue")):
        exported = default_export_name(source)
        if exported is not None:
            names[path] = exported
    routes = [replace(route, parent=None) for route in file_routes([path], component_names=names)]
    return FileFacts(file=path, parser="routes_fs", routes=routes)
