"""Match a live URL to a UI-map route, and a page name from a requirement to a route."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from specwalk.ground.retrieve import tokenize
from specwalk.models.uimap import Route


def _pattern(path: str) -> re.Pattern[str]:
    """`/tasks/:taskId`, `/products/[id]`, `#/notes/:id` -> a regex over the path."""
    parts = []
    for segment in path.strip("/").split("/"):
        if segment.startswith(":") or (segment.startswith("[") and segment.endswith("]")):
            parts.append(r"[^/]+")
        elif segment in ("*", "**", "[...slug]"):
            parts.append(r".*")
        else:
            parts.append(re.escape(segment))
    return re.compile("^/" + "/".join(parts).lstrip("/") + "/?$")


def live_path(url: str) -> str:
    """The route-relevant part of a URL: the hash route for hash-routed apps, else the path."""
    parts = urlsplit(url)
    if parts.fragment.startswith("/"):
        return "#" + parts.fragment
    return parts.path or "/"


def _hash_part(path: str) -> str | None:
    """The route inside the hash of a hash route ("/#/notes/:id", "#/notes/:id" -> "/notes/:id"), else None."""
    _page, sign, inside = path.partition("#")
    return (inside or "/") if sign else None


def match_route(url: str, routes: Sequence[Route]) -> str | None:
    path = live_path(url)
    hashed = path.startswith("#")
    plain = path[1:] if hashed else path
    best: tuple[int, str] | None = None
    for route in routes:
        inside = _hash_part(route.path)
        if route.redirect or (inside is not None) != hashed:
            continue
        candidate = inside if inside is not None else route.path
        if _pattern(candidate).match(plain):
            # Prefer the most specific (longest literal) match.
            weight = len(re.sub(r":\w+|\[[^\]]+\]|\*", "", candidate))
            if best is None or weight > best[0]:
                best = (weight, route.path)
    return best[1] if best else None


def in_app(path: str, routes: Sequence[Route]) -> str:
    """A path as the browser needs it: "/login" of a hash-routed app is "/#/login".

    Requirements name routes as the app's router does; only when some hash route matches the path
    (and no plain route does) is it moved after the `#`.
    """
    if not path.startswith("/") or "#" in path or path == "/":
        return path
    route_path = path.partition("?")[0]
    plain = [r for r in routes if not r.redirect and _hash_part(r.path) is None]
    hashed = [r for r in routes if not r.redirect and _hash_part(r.path) is not None]
    if any(_pattern(r.path).match(route_path) for r in plain):
        return path
    if any(_pattern(_hash_part(r.path) or "/").match(route_path) for r in hashed):
        return "/#" + path
    return path


def route_for_page(name: str, routes: Sequence[Route]) -> Route | None:
    """'the login page', 'Settings', '设置页面' -> the route whose path or component says so."""
    wanted = {token for token in tokenize(name) if token not in ("page", "screen", "view", "页面", "页")}
    if not wanted:
        return None
    scored: list[tuple[int, int, str, Route]] = []
    for route in routes:
        if route.redirect or ":" in route.path or "[" in route.path:
            continue
        words = set(tokenize(route.path.replace("/", " ").replace("-", " ")))
        words |= set(tokenize(route.component or ""))
        if wanted <= words:  # every word of the name; "All notes" is not "/notes/new"
            scored.append((-len(wanted & words), len(route.path), route.path, route))
    return min(scored)[3] if scored else None
