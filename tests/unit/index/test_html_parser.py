"""html.parse_file (pages and scripts) and html.link_scripts on purpose-written fixtures."""

from __future__ import annotations

from specwalk.index import html

from ._summary import EXAMPLES, FIXTURES, by_line, context


def _facts() -> dict[str, html.FileFacts]:
    folder = FIXTURES / "html"
    return {name: html.parse_file(name, (folder / name).read_bytes(), context()) for name in ("index.html", "list.js")}


def test_page_markup_labels_handlers_and_hidden_elements() -> None:
    page = _facts()["index.html"]
    assert page.parser == "html"
    found = by_line(page)
    assert list(found) == ["5:5", "6:5", "6:10", "6:31", "8:5", "8:17", "9:5", "10:5", "11:5"]
    assert found["8:17"] == {
        "at": "8:17",
        "tag": "input",
        "native": "input",
        "role": "textbox",
        "name": ("literal", "Name"),
        "text": None,
        "label": ("literal", "Name"),
        "attrs": {"name": "name", "required": ""},
        "handlers": [],
        "if": None,
        "for": None,
    }
    assert found["9:5"]["if"] == "#save[hidden]"
    assert found["10:5"]["name"] == ("literal", "Logo")
    assert found["11:5"]["text"] == ("literal", "Reset & clear")
    assert found["11:5"]["handlers"] == [("click", "reset", "onclick")]
    assert [(route.path, route.source, route.parent, route.component) for route in page.routes] == [
        ("/", "html-file", None, "index.html"),
        ("/#/", "hash", "/", "index.html"),
        ("/#/items/new", "hash", "/", "index.html"),
    ]
    assert [edge.component for edge in page.components[0].renders] == ["list.js"]


def test_script_markup_in_template_literals_is_marked_per_item_and_conditional() -> None:
    script = _facts()["list.js"]
    assert script.parser == "script"
    found = by_line(script)
    assert found["7:48"] == {
        "at": "7:48",
        "tag": "li",
        "native": "li",
        "role": "listitem",
        "name": ("dynamic", "item.name"),
        "text": ("dynamic", "item.name"),
        "label": None,
        "attrs": {},
        "handlers": [],
        "if": None,
        "for": "items.map(...)",
    }
    assert found["7:52"]["attrs"] == {"href": "{noteHref(item.id)}"}
    assert found["10:43"]["text"] == ("literal", "Nothing yet")
    assert found["10:43"]["if"] == "items.length === 0"
    assert [(route.path, route.params) for route in script.routes] == [
        ("/#/items/new", []),
        ("/#/items/:id", ["id"]),
    ]
    assert [(b.selector, b.kind, b.expression) for b in script.dom_bindings if b.kind == "text"] == [
        ("#page-title", "text", "editing ? 'Edit item' : 'New item'")
    ]


def test_link_scripts_applies_handlers_and_text_to_page_elements() -> None:
    linked = html.link_scripts(_facts())
    found = by_line(linked["index.html"])
    assert found["9:5"]["handlers"] == [("click", "() => render([], false)", "addEventListener")]
    heading = next(item for item in linked["index.html"].elements if item.tag == "h1")
    assert heading.text is not None and heading.text.kind == "dynamic"
    assert heading.text.options == ["Edit item", "New item"]
    assert heading.text.variants == {}
    assert heading.accessible_name == heading.text
    assert [route.component for route in linked["list.js"].routes] == ["index.html", "index.html"]


def test_notes_example_wiring_routes_and_template_clones() -> None:
    root = EXAMPLES / "notes-html"
    names = ["index.html", "app.js", "js/list-view.js", "js/router.js", "js/editor-view.js", "js/status.js"]
    facts = html.link_scripts({name: html.parse_file(name, (root / name).read_bytes(), context()) for name in names})
    page = {
        item.attributes["id"].value if "id" in item.attributes else item.id: item
        for item in facts["index.html"].elements
    }
    assert [(h.event, h.handler) for h in page["new-note-button"].handlers] == [("click", "handleNewNoteClick")]
    assert [(h.event, h.handler) for h in page["note-form"].handlers] == [("submit", "handleSave")]
    assert page["note-title"].label is not None and page["note-title"].label.value == "Title"
    assert page["note-count"].render.conditional == "!(notes.length === 0)"
    assert page["delete-button"].render.conditional == "#editor-view[hidden] && !(isNew)"
    clone_heading = next(item for item in facts["index.html"].elements if item.tag == "h3")
    assert (clone_heading.render.loop, clone_heading.text and clone_heading.text.expression) == (
        "visible.map(...)",
        "note.title",
    )
    assert [(route.path, route.params) for route in facts["js/router.js"].routes] == [
        ("/#/notes/:id", ["id"]),
        ("/#/notes/new", []),
    ]
