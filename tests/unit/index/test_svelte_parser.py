"""svelte.parse_file on a purpose-written component."""

from __future__ import annotations

from specwalk.index import svelte

from ._summary import FIXTURES, by_line, context


def test_svelte_blocks_bindings_and_text() -> None:
    path = FIXTURES / "svelte" / "TaskList.svelte"
    facts = svelte.parse_file("src/lib/TaskList.svelte", path.read_bytes(), context())
    assert facts.problems == []
    found = by_line(facts)
    assert {
        key: (v["tag"], v["role"], v["name"], v["attrs"], v["handlers"], v["if"], v["for"]) for key, v in found.items()
    } == {
        "4:1": ("button", "button", ("mixed", "Hi {…}!"), {}, [("click", "go", "on:click")], None, None),
        "6:1": (
            "input",
            "textbox",
            ("literal", "P"),
            {"value": "{v}", "placeholder": "P"},
            [("model", "v", "bind:value")],
            "ok",
            None,
        ),
        "7:13": ("p", "paragraph", None, {}, [], "!(ok) && z", None),
        "7:28": ("p", "paragraph", None, {}, [], "!(ok) && !(z)", None),
        "9:32": ("li", "listitem", ("dynamic", "item"), {}, [], None, "items as item (item.id)"),
        "10:1": ("Comp", None, None, {"x": "1", "y": "{y}"}, [], None, None),
        "11:1": ("a", "link", ("i18n", "k.a"), {"href": "/x"}, [], None, None),
    }
    assert facts.i18n_keys == ["k.a"]
    assert [(edge.component, edge.props) for edge in facts.components[0].renders] == [("Comp", {"x": "1", "y": "y"})]
    assert facts.components[0].name == "TaskList"


def test_sveltekit_route_files_are_named_after_their_route() -> None:
    facts = svelte.parse_file("src/routes/todos/[id]/+page.svelte", b"<h1>Todo</h1>\n", context())
    assert [item.component for item in facts.elements] == ["TodosIdPage"]
