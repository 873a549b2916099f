"""Route tables in JS/TS: react-router JSX and objects, vue-router, Angular Routes."""

from pathlib import Path

from specwalk.index import react, routes_js
from specwalk.index.facts import ParseContext

FIXTURES = Path(__file__).parents[2] / "fixtures" / "index" / "routes"


def _routes(name: str, parser=react.parse_file):
    facts = parser(name, (FIXTURES / name).read_bytes(), ParseContext())
    return [(r.path, r.component, r.parent, r.index, r.params, r.redirect, r.source) for r in facts.routes]


def test_react_router_jsx_nested_index_and_params():
    assert _routes("react-jsx.tsx") == [
        ("/login", "Login", None, False, [], None, "react-router"),
        ("/", "Layout", None, False, [], None, "react-router"),
        ("/", None, "/", True, [], "/home", "react-router"),
        ("/home", "Home", "/", False, [], None, "react-router"),
        ("/items/:itemId", "Item", "/", False, ["itemId"], None, "react-router"),
    ]


def test_react_router_objects_with_children_and_component():
    assert _routes("react-objects.tsx") == [
        ("/", "Root", None, False, [], None, "react-router"),
        ("/", "Dashboard", "/", True, [], None, "react-router"),
        ("/projects/:projectId", "Project", "/", False, ["projectId"], None, "react-router"),
        (
            "/projects/:projectId/edit",
            "EditProject",
            "/projects/:projectId",
            False,
            ["projectId"],
            None,
            "react-router",
        ),
    ]


def test_vue_router_lazy_components_and_redirects():
    assert _routes("vue-router.ts", routes_js.parse_file) == [
        ("/", "Shell", None, False, [], None, "vue-router"),
        ("/", "HomeView", "/", True, [], None, "vue-router"),
        ("/users/:id", "UserView", "/", False, ["id"], None, "vue-router"),
        ("/old", None, "/", False, [], "/", "vue-router"),
    ]


def test_angular_routes_redirect_to_and_load_component():
    assert _routes("angular.routes.ts", routes_js.parse_file) == [
        ("/", None, None, False, [], "/heroes", "angular"),
        ("/heroes", "HeroesComponent", None, False, [], None, "angular"),
        ("/heroes/:id", "HeroDetailComponent", None, False, ["id"], None, "angular"),
    ]


def test_join_and_params():
    assert routes_js.join("/settings", "profile") == "/settings/profile"
    assert routes_js.join("/settings", "/abs") == "/abs"
    assert routes_js.join(None, "") == "/"
    assert routes_js.params("/a/:x/[y]/[...rest]") == ["x", "y", "rest"]


def test_react_router_element_page_is_not_an_attribute_or_inline_markup():
    # The innermost component along a chain of only children; not a component passed in an
    # attribute (`icon={<Icon/>}`), not a link in inline markup; either branch of a condition.
    assert [(path, component, redirect) for path, component, _, _, _, redirect, _ in _routes("react-elements.tsx")] == [
        ("/guarded", "Dashboard", None),
        ("/lazy", "Report", None),
        ("/empty", "EmptyState", None),
        ("/inline", None, None),
        ("/result", "TestResult", None),
        ("/home", "Home", "/login"),
        ("/admin", "Admin", None),
    ]


def test_lazy_default_export_named_after_the_whole_file_name():
    assert [(path, component) for path, component, *_ in _routes("angular-lazy.routes.ts", routes_js.parse_file)] == [
        ("/", "HomeComponent"),
        ("/settings", "UserSettingsComponent"),
        ("/cart", "ShoppingCart"),
    ]


def test_computed_paths_are_kept_not_collapsed_onto_the_parent():
    assert [
        (path, component, parent, params)
        for path, component, parent, _, params, *_ in _routes("react-computed-paths.tsx")
    ] == [
        ("/${homePath()}", "Home", None, []),
        ("/${searchPath()}/:query?", "Search", None, ["query"]),
        ("/about", "About", None, []),
        ("/workspace/:workspaceId", "Workspace", None, ["workspaceId"]),
        ("/workspace/:workspaceId/${ACTIVITY_DEBUG}/*", "Debug", "/workspace/:workspaceId", ["workspaceId"]),
    ]
