"""routes_fs.file_routes: Next.js pages/ and app/, SvelteKit src/routes."""

from __future__ import annotations

from specwalk.index.routes_fs import file_routes

FILES = [
    "src/routes/+layout.svelte",
    "src/routes/+page.svelte",
    "src/routes/todos/[id]/+page.svelte",
    "src/routes/(auth)/login/+page.svelte",
    "src/routes/todos/+layout.svelte",
    "src/routes/todos/+page.ts",
    "pages/index.tsx",
    "pages/_app.tsx",
    "pages/api/x.ts",
    "pages/tasks/[id].tsx",
    "pages/docs/[...slug].tsx",
    "app/layout.tsx",
    "app/page.tsx",
    "app/(shop)/cart/page.tsx",
    "app/blog/[slug]/page.tsx",
    "app/_lib/page.tsx",
    "src/lib/x.ts",
]


def test_file_system_routes_with_layouts_groups_and_params() -> None:
    routes = [(r.path, r.component, r.source, r.parent, r.index, r.params, r.location.file) for r in file_routes(FILES)]
    assert routes == [
        ("/", "RootLayout", "next-app", None, False, [], "app/layout.tsx"),
        ("/", "RootPage", "next-pages", None, True, [], "pages/index.tsx"),
        ("/", "RootLayout", "sveltekit", None, False, [], "src/routes/+layout.svelte"),
        ("/", "RootPage", "next-app", "/", False, [], "app/page.tsx"),
        ("/", "RootPage", "sveltekit", "/", False, [], "src/routes/+page.svelte"),
        ("/blog/[slug]", "BlogSlugPage", "next-app", "/", False, ["slug"], "app/blog/[slug]/page.tsx"),
        ("/cart", "CartPage", "next-app", "/", False, [], "app/(shop)/cart/page.tsx"),
        ("/docs/[...slug]", "DocsSlugPage", "next-pages", None, False, ["slug"], "pages/docs/[...slug].tsx"),
        ("/login", "LoginPage", "sveltekit", "/", False, [], "src/routes/(auth)/login/+page.svelte"),
        ("/tasks/[id]", "TasksIdPage", "next-pages", None, False, ["id"], "pages/tasks/[id].tsx"),
        ("/todos", "TodosLayout", "sveltekit", "/", False, [], "src/routes/todos/+layout.svelte"),
        ("/todos/[id]", "TodosIdPage", "sveltekit", "/todos", False, ["id"], "src/routes/todos/[id]/+page.svelte"),
    ]


def test_component_names_from_build_win_and_frameworks_can_be_switched_off() -> None:
    routes = file_routes(
        ["pages/about.tsx", "src/routes/+page.svelte"], sveltekit=False, component_names={"pages/about.tsx": "About"}
    )
    assert [(r.path, r.component) for r in routes] == [("/about", "About")]
    assert file_routes(["pages/about.tsx"], next_js=False) == []


def test_parse_file_gives_one_files_route_named_after_its_default_export() -> None:
    from specwalk.index.facts import ParseContext
    from specwalk.index.routes_fs import parse_file

    facts = parse_file(
        "app/tasks/[id]/page.tsx", b"export default function TaskPage() { return null }\n", ParseContext()
    )
    assert [(r.path, r.component, r.source, r.params) for r in facts.routes] == [
        ("/tasks/[id]", "TaskPage", "next-app", ["id"])
    ]
    svelte = parse_file("src/routes/about/+page.svelte", b"<h1>About</h1>", ParseContext())
    assert [(r.path, r.component) for r in svelte.routes] == [("/about", "AboutPage")]


def test_params_inside_segments_sveltekit_at_segments_and_group_layout_names() -> None:
    files = [
        "src/routes/+layout.svelte",
        "src/routes/(console)/+layout.svelte",
        "src/routes/(public)/+layout.svelte",
        "src/routes/(console)/project-[region]-[project]/+page.svelte",
        "src/routes/profile/@[user]/+page.svelte",
        "app/@modal/photo/page.tsx",
    ]
    routes = [(r.path, r.component, r.params) for r in file_routes(files)]
    assert routes == [
        ("/", "ConsoleLayout", []),
        ("/", "PublicLayout", []),
        ("/", "RootLayout", []),
        ("/photo", "PhotoPage", []),
        ("/profile/@[user]", "ProfileUserPage", ["user"]),
        ("/project-[region]-[project]", "ProjectRegionProjectPage", ["region", "project"]),
    ]


def test_pages_nest_in_the_layouts_of_the_folders_above() -> None:
    from specwalk.index.fast import new_span
    from specwalk.index.resolve import dedupe_routes, route_components
    from specwalk.models.uimap import ComponentEdge, ComponentNode

    files = [
        "src/routes/+layout.svelte",
        "src/routes/(console)/+layout.svelte",
        "src/routes/(console)/projects/+page.svelte",
        "src/routes/(public)/login/+page.svelte",
        "app/layout.tsx",
        "app/search/layout.tsx",
        "app/search/page.tsx",
        "app/search/[collection]/page.tsx",
    ]
    # One file at a time, as build parses them: no parents yet.
    routes = dedupe_routes([route for file in files for route in file_routes([file])])
    assert [(r.path, r.component, r.parent) for r in routes] == [
        ("/", "RootLayout", None),
        ("/", "ConsoleLayout", "/"),
        ("/projects", "ProjectsPage", "/"),
        ("/login", "LoginPage", "/"),
        ("/", "RootLayout", None),
        ("/search", "SearchLayout", "/"),
        ("/search", "SearchPage", "/search"),
        ("/search/[collection]", "SearchCollectionPage", "/search"),
    ]

    def node(name: str, file: str, *children: str) -> ComponentNode:
        edges = [ComponentEdge(component=child, location=new_span(file=file, line=1, column=1)) for child in children]
        return ComponentNode(name=name, location=new_span(file=file, line=1, column=1), renders=edges)

    components = [
        node("RootLayout", "src/routes/+layout.svelte", "Toasts"),
        node("ConsoleLayout", "src/routes/(console)/+layout.svelte", "Sidebar"),
        node("SearchLayout", "app/search/layout.tsx", "Filters"),
        node("SearchPage", "app/search/page.tsx", "Results"),
    ]
    mapping = route_components(routes, components)
    # A public page is not inside the console group's layout; a page under /search is inside
    # the search layout but not inside the /search page.
    assert mapping["/login"] == ["LoginPage", "RootLayout", "Toasts"]
    assert mapping["/projects"] == ["ConsoleLayout", "ProjectsPage", "RootLayout", "Sidebar", "Toasts"]
    assert mapping["/search/[collection]"] == [
        "Filters",
        "RootLayout",
        "SearchCollectionPage",
        "SearchLayout",
        "Toasts",
    ]


def test_vue_file_routes_index_params_catch_all_and_parent_files() -> None:
    files = [
        "src/pages/index.vue",
        "src/pages/users.vue",
        "src/pages/users/index.vue",
        "src/pages/users/[id].vue",
        "src/pages/e/_id.vue",
        "src/pages/view/_id/_version.vue",
        "src/pages/_.vue",
        "src/components/pages/Card.vue",
    ]
    routes = [(r.path, r.component, r.source, r.parent, r.index, r.params) for r in file_routes(files)]
    assert routes == [
        ("/", "Index", "vue-pages", None, True, []),
        ("/[...all]", "RootPage", "vue-pages", None, False, ["all"]),
        ("/e/[id]", "Id", "vue-pages", None, False, ["id"]),
        ("/users", "Users", "vue-pages", None, False, []),
        # users.vue beside users/ is the parent (its <RouterView>) of the pages inside
        ("/users", "Index", "vue-pages", "/users", True, []),
        # named as the Vue parser names the file's component, so the two meet
        ("/users/[id]", "[id]", "vue-pages", "/users", False, ["id"]),
        ("/view/[id]/[version]", "Version", "vue-pages", None, False, ["id", "version"]),
    ]


def test_vue_file_routing_is_detected_from_the_app_the_workspace_or_vite_config(tmp_path) -> None:
    from specwalk.index.build import kinds_for, uses_fs_routing

    workspace = tmp_path / "repo"
    app = workspace / "packages" / "web"
    app.mkdir(parents=True)
    (app / "package.json").write_text('{"dependencies": {"vue": "3"}}')
    assert not uses_fs_routing(app)
    (workspace / "package.json").write_text(
        '{"workspaces": ["packages/*"], "devDependencies": {"vite-plugin-pages": "1"}}'
    )
    assert uses_fs_routing(app)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "vite.config.ts").write_text("import VueRouter from 'unplugin-vue-router/vite'\n")
    assert uses_fs_routing(plain)
    assert kinds_for("src/pages/users/[id].vue", "vue", True) == ("vue", "routes_fs")
    assert kinds_for("src/pages/enter-redirect.ts", "vue", True) == ("script",)
    assert kinds_for("src/pages/users.vue", "vue", False) == ("vue",)


def test_vue_pages_nest_in_their_parent_files_route_components() -> None:
    from specwalk.index.fast import new_span
    from specwalk.index.resolve import dedupe_routes, route_components
    from specwalk.models.uimap import ComponentEdge, ComponentNode

    files = ["src/pages/users.vue", "src/pages/users/[id].vue", "src/pages/about.vue"]
    routes = dedupe_routes([route for file in files for route in file_routes([file])])
    assert [(r.path, r.parent) for r in routes] == [("/users", None), ("/users/[id]", "/users"), ("/about", None)]
    edge = ComponentEdge(component="UserTabs", location=new_span(file="src/pages/users.vue", line=1, column=1))
    users = ComponentNode(name="Users", location=new_span(file="src/pages/users.vue", line=1, column=1), renders=[edge])
    mapping = route_components(routes, [users])
    assert mapping["/users/[id]"] == ["UserTabs", "Users", "[id]"]
    assert mapping["/about"] == ["About"]
