"""Lexical retrieval over UI-map descriptions, and route matching, on hand-built UI-map data."""

from __future__ import annotations

from specwalk.ground.retrieve import LexicalRetriever, tokenize
from specwalk.ground.routes import in_app, live_path, match_route, route_for_page
from specwalk.models.uimap import Route, SourceSpan, UIElement


def element(element_id: str, role: str, description: str, routes: list[str] | None = None) -> UIElement:
    file, line, column = element_id.split(":")
    return UIElement(
        id=element_id,
        location=SourceSpan(file=file, line=int(line), column=int(column)),
        component=None,
        tag=role,
        native_tag=role,
        role=role,
        routes=routes or [],
        description=description,
    )


ELEMENTS = [
    element("a.tsx:1:1", "textbox", 'textbox "New task / 新任务" placeholder "New task" in AddTaskForm', ["/tasks"]),
    element("a.tsx:2:1", "button", 'button "Add task / 添加任务" type=submit in AddTaskForm', ["/tasks"]),
    element("b.tsx:1:1", "button", 'button "Delete task / 删除任务" on click→onRequestDelete in TaskItem', ["/tasks"]),
    element("c.tsx:1:1", "button", 'button "Save / 保存" in ProfileSettings', ["/settings/profile"]),
    element("c.tsx:2:1", "textbox", 'textbox "Display name / 显示名称" in ProfileSettings', ["/settings/profile"]),
]


def test_tokenize_latin_camel_case_stems_and_cjk_bigrams() -> None:
    assert tokenize("onRequestDelete tasks") == ["request", "delete", "task"]  # "on" is a stop word
    assert tokenize("添加任务") == ["添", "加", "任", "务", "添加", "加任", "任务"]
    assert tokenize("the Save button") == ["save"]


def test_search_ranks_the_named_element_first() -> None:
    retriever = LexicalRetriever(ELEMENTS)
    assert [hit.element.id for hit in retriever.search("Add task")][:1] == ["a.tsx:2:1"]
    assert retriever.search("the new task field", role="textbox")[0].element.id == "a.tsx:1:1"
    assert retriever.search("显示名称")[0].element.id == "c.tsx:2:1"


def test_role_and_route_adjust_the_ranking() -> None:
    retriever = LexicalRetriever(ELEMENTS)
    hits = retriever.search("task", role="button", route="/tasks")
    assert {hit.element.id for hit in hits[:2]} == {"a.tsx:2:1", "b.tsx:1:1"}
    assert "role button" in hits[0].reason and "renders under /tasks" in hits[0].reason
    on_settings = retriever.search("save", route="/tasks")
    assert on_settings[0].element.id == "c.tsx:1:1"
    assert "not under /tasks" in on_settings[0].reason


def test_nothing_matches_and_empty_maps() -> None:
    assert LexicalRetriever(ELEMENTS).search("checkout") == []
    assert LexicalRetriever([]).search("anything") == []


ROUTES = [
    Route(
        path="/tasks",
        component="TasksPage",
        location=SourceSpan(file="App.tsx", line=1, column=1),
        source="react-router",
    ),
    Route(
        path="/tasks/:taskId",
        component="TaskDetailPage",
        location=SourceSpan(file="App.tsx", line=2, column=1),
        source="react-router",
        params=["taskId"],
    ),
    Route(
        path="/login",
        component="LoginPage",
        location=SourceSpan(file="App.tsx", line=3, column=1),
        source="react-router",
    ),
    Route(
        path="/settings/profile",
        component="ProfileSettings",
        location=SourceSpan(file="App.tsx", line=4, column=1),
        source="react-router",
    ),
    Route(path="#/notes/:id", component=None, location=SourceSpan(file="app.js", line=1, column=1), source="hash"),
]


def test_live_urls_match_the_most_specific_route() -> None:
    assert match_route("http://127.0.0.1:5173/tasks", ROUTES) == "/tasks"
    assert match_route("http://127.0.0.1:5173/tasks/12?x=1", ROUTES) == "/tasks/:taskId"
    assert match_route("http://127.0.0.1:5175/#/notes/abc", ROUTES) == "#/notes/:id"
    assert match_route("http://127.0.0.1:5173/nowhere", ROUTES) is None
    assert live_path("http://h/#/notes/1") == "#/notes/1"


def test_page_names_map_to_routes() -> None:
    assert route_for_page("the login page", ROUTES) is not None
    assert route_for_page("the login page", ROUTES).path == "/login"  # type: ignore[union-attr]
    assert route_for_page("Profile settings", ROUTES).path == "/settings/profile"  # type: ignore[union-attr]
    assert route_for_page("checkout", ROUTES) is None


def hash_routes(*paths: str) -> list[Route]:
    return [
        Route(path=path, component=None, location=SourceSpan(file="a", line=1, column=1), source="hash")
        for path in paths
    ]


def test_hash_routes_written_after_the_page_match_the_live_fragment() -> None:
    routes = hash_routes("/", "/#/", "/#/notes/:id", "/#/notes/new")
    assert match_route("http://127.0.0.1:5175/#/notes/new", routes) == "/#/notes/new"
    assert match_route("http://127.0.0.1:5175/#/notes/7", routes) == "/#/notes/:id"
    assert match_route("http://127.0.0.1:5175/", routes) == "/"


def test_a_path_of_a_hash_routed_app_is_opened_after_the_hash() -> None:
    hashed = hash_routes("/#/", "/#/login", "/#/article/:slug")
    assert in_app("/login", hashed) == "/#/login"
    assert in_app("/article/how-to-train", hashed) == "/#/article/how-to-train"
    assert in_app("/", hashed) == "/"  # the router's own start
    assert in_app("/#/login", hashed) == "/#/login"
    assert in_app("/elsewhere", hashed) == "/elsewhere"  # no route says so: as written
    plain = [route.model_copy(update={"path": route.path.replace("/#", "")}) for route in hashed]
    assert in_app("/login", plain) == "/login"
