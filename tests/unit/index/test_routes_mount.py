"""Route tables mounted by another file: Angular lazy modules, react-router descendant routes."""

from __future__ import annotations

from pathlib import Path

from specwalk.index.build import IndexSettings, build_index
from specwalk.index.routes_js import join
from specwalk.index.routes_mount import mount_lazy
from specwalk.models.uimap import Route, SourceSpan

FIXTURES = Path(__file__).parents[2] / "fixtures" / "index" / "routes"


def _index(name: str, framework: str, tmp_path: Path):
    settings = IndexSettings(
        root=FIXTURES / name, source_roots=("src",), framework=framework, output_dir=tmp_path / "out", workers=1
    )
    return build_index(settings).uimap


def test_angular_lazy_modules_mount_under_the_route_loading_them(tmp_path: Path) -> None:
    uimap = _index("angular-lazy", "angular", tmp_path)
    routes = sorted(
        ((r.path, r.component, r.parent, r.redirect) for r in uimap.routes), key=lambda row: tuple(v or "" for v in row)
    )
    assert routes == [
        ("/", None, None, "/pages"),
        ("/login", "LoginComponent", None, None),
        ("/pages", None, None, None),  # the lazy route itself
        ("/pages", None, "/pages", "/pages/dashboard"),  # the module's '' redirect, relative to it
        ("/pages", "PagesComponent", "/pages", None),
        ("/pages/dashboard", "DashboardComponent", "/pages", None),
        ("/pages/forms", None, "/pages", None),
        # forms.module -> its forms-routing.module (the CLI's convention), nested in turn
        ("/pages/forms/buttons", "ButtonsComponent", "/pages/forms", None),
        ("/profile", None, None, None),
        # a standalone routes file (`.then(m => m.PROFILE_ROUTES)`) and a default export
        ("/profile/:username", "ProfileComponent", "/profile", None),
        ("/profile/settings", None, "/profile", None),
        ("/profile/settings/privacy", "PrivacyComponent", "/profile/settings", None),
    ]
    assert [r.mounts for r in uimap.routes if r.path == "/pages" and r.parent is None] == ["src/app/pages/pages.module"]
    assert next(r for r in uimap.routes if r.path == "/profile/:username").params == ["username"]
    # A mounted page is inside the layouts above its mount, not only its own module's.
    assert "PagesComponent" in uimap.route_components["/pages/forms/buttons"]


def _route(path: str, file: str, parent: str | None = None, mounts: str | None = None) -> Route:
    location = SourceSpan(file=file, line=1, column=1)
    return Route(path=path, component=None, location=location, source="angular", parent=parent, mounts=mounts)


def test_unknown_modules_and_cycles_keep_the_routes_as_parsed() -> None:
    routes = [
        _route("/a", "src/a.routes.ts", mounts="src/b.routes"),
        _route("/b", "src/b.routes.ts", mounts="src/a.routes"),  # a cycle: b loads a loads b
        _route("/x", "src/c.routes.ts", mounts="src/missing.module"),
    ]
    # A module nobody can find leaves its route as it is; a cycle is entered once, as parsed.
    assert [(r.path, r.parent) for r in mount_lazy(routes)] == [("/x", None), ("/a", None), ("/a/b", "/a")]


def test_react_router_descendant_routes_mount_where_their_component_renders(tmp_path: Path) -> None:
    uimap = _index("react-descendant", "react", tmp_path)
    routes = sorted((r.path, r.component or "", r.parent or "", r.within or "") for r in uimap.routes)
    assert routes == [
        ("/", "Home", "", "App"),
        ("/settings/*", "Settings", "", "App"),
        # through the component graph: the lazy page's file renders SettingsTabs
        ("/settings/profile", "Profile", "/settings/*", "SettingsTabs"),
        ("/workspace/:workspaceId/*", "Overview", "/workspace/:workspaceId/*", "Workspace"),
        ("/workspace/:workspaceId/*", "Workspace", "", "App"),
        ("/workspace/:workspaceId/runner", "Runner", "/workspace/:workspaceId/*", "Workspace"),
    ]
    assert next(r for r in uimap.routes if r.component == "Settings").mounts == "src/pages/settings-page"
    assert next(r for r in uimap.routes if r.component == "Runner").params == ["workspaceId"]
    assert {"Runner", "Workspace"} <= set(uimap.route_components["/workspace/:workspaceId/runner"])


def test_a_splat_parents_children_replace_its_star() -> None:
    from specwalk.index import react
    from specwalk.index.facts import ParseContext

    name = "react-splat-children.tsx"
    facts = react.parse_file(name, (FIXTURES / name).read_bytes(), ParseContext())
    assert [(r.path, r.parent) for r in facts.routes] == [("/debug/*", None), ("/debug/reorder", "/debug/*")]
    assert join("/debug/*", "reorder") == "/debug/reorder"
    assert join("/*", "runner") == "/runner"
