"""angular.parse_file on an inline-template component and a templateUrl file."""

from __future__ import annotations

from specwalk.index import angular

from ._summary import FIXTURES, by_line, context


def test_inline_template_positions_bindings_and_translate_pipe() -> None:
    path = FIXTURES / "angular" / "task-list.component.ts"
    facts = angular.parse_file("src/app/task-list.component.ts", path.read_bytes(), context())
    found = by_line(facts)
    assert {
        key: (v["tag"], v["role"], v["name"], v["attrs"], v["handlers"], v["if"], v["for"]) for key, v in found.items()
    } == {
        "9:5": ("h1", "heading", ("i18n", "tasks.title"), {}, [], None, None),
        "10:5": (
            "input",
            "textbox",
            ("literal", "New task"),
            {"value": "{draft}", "placeholder": "New task", "data-testid": "new-task"},
            [("model", "draft", "[(ngModel)]")],
            None,
            None,
        ),
        "11:5": (
            "button",
            "button",
            ("literal", "Add"),
            {"type": "button", "disabled": "{!draft}"},
            [("click", "add", "(click)")],
            None,
            None,
        ),
        "12:5": ("ul", "list", ("literal", "Tasks"), {"aria-label": "Tasks"}, [], None, None),
        "13:7": ("li", "listitem", None, {}, [], None, "let task of tasks"),
        "14:9": (
            "app-task-row",
            None,
            None,
            {"task": "{task}"},
            [("remove", "remove(task)", "(remove)")],
            None,
            "let task of tasks",
        ),
        "17:5": ("p", "status", None, {"role": "status"}, [], "tasks.length === 0", None),
        "18:5": ("a", "link", ("dynamic", "helpLabel"), {"href": "/help", "aria-label": "{helpLabel}"}, [], None, None),
    }
    assert {item.component for item in facts.elements} == {"TaskListComponent"}
    [node] = facts.components
    assert (node.name, node.location.line) == ("TaskListComponent", 21)
    assert [(edge.component, edge.props) for edge in node.renders] == [("TaskRowComponent", {"task": "task"})]
    assert facts.i18n_keys == ["tasks.title"]


def test_template_file_with_control_flow_blocks() -> None:
    path = FIXTURES / "angular" / "settings.component.html"
    facts = angular.parse_file("src/app/settings.component.html", path.read_bytes(), context())
    found = by_line(facts)
    assert {key: (v["tag"], v["name"], v["if"], v["for"]) for key, v in found.items()} == {
        # marked `i18n`: keyed by its source text (test_angular_localize: its translations)
        "1:1": ("h2", ("i18n", "@source:Settings"), None, None),
        "3:3": ("label", None, "user", None),
        "4:3": ("input", ("literal", "Name"), "user", None),
        "6:3": ("p", None, "!(user)", None),
        "9:3": ("button", ("dynamic", "item.label"), None, "item of items"),
    }
    assert facts.components[0].name == "SettingsComponent"
