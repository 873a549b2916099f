"""vue.parse_file on purpose-written SFCs: every element, exactly."""

from __future__ import annotations

from specwalk.index import vue
from specwalk.index.facts import ImportBinding

from ._summary import EXAMPLES, FIXTURES, by_line, context, element


def _parse(name: str):
    path = FIXTURES / "vue" / name
    return vue.parse_file(f"src/{name}", path.read_bytes(), context())


def test_template_constructs_become_exact_elements() -> None:
    facts = _parse("TodoPanel.vue")
    assert facts.parser == "vue"
    assert facts.problems == []
    assert by_line(facts) == {
        "11:3": {
            "at": "11:3",
            "tag": "section",
            "native": "section",
            "role": "region",
            "name": ("i18n", "panel.title"),
            "text": None,
            "label": ("i18n", "panel.title"),
            "attrs": {"aria-labelledby": "panel-title"},
            "handlers": [],
            "if": None,
            "for": None,
        },
        "12:5": {
            "at": "12:5",
            "tag": "h2",
            "native": "h2",
            "role": "heading",
            "name": ("i18n", "panel.title"),
            "text": ("i18n", "panel.title"),
            "label": None,
            "attrs": {"id": "panel-title"},
            "handlers": [],
            "if": None,
            "for": None,
        },
        "13:5": {
            "at": "13:5",
            "tag": "label",
            "native": "label",
            "role": None,
            "name": None,
            "text": ("literal", "Title"),
            "label": None,
            "attrs": {"for": "new-title"},
            "handlers": [],
            "if": None,
            "for": None,
        },
        "14:5": {
            "at": "14:5",
            "tag": "input",
            "native": "input",
            "role": "textbox",
            "name": ("literal", "Title"),
            "text": None,
            "label": ("literal", "Title"),
            "attrs": {
                "id": "new-title",
                "value": "{title}",
                "placeholder": "{t('panel.placeholder')}",
                "data-testid": "new-title",
            },
            "handlers": [("model", "title", "v-model.trim")],
            "if": None,
            "for": None,
        },
        "15:5": {
            "at": "15:5",
            "tag": "label",
            "native": "label",
            "role": None,
            "name": None,
            "text": ("literal", "Done"),
            "label": None,
            "attrs": {},
            "handlers": [],
            "if": None,
            "for": None,
        },
        "15:17": {
            "at": "15:17",
            "tag": "input",
            "native": "input",
            "role": "checkbox",
            "name": ("literal", "Done"),
            "text": None,
            "label": ("literal", "Done"),
            "attrs": {"type": "checkbox", "value": "{done}"},
            "handlers": [("model", "done", "v-model")],
            "if": None,
            "for": None,
        },
        "16:5": {
            "at": "16:5",
            "tag": "button",
            "native": "button",
            "role": "button",
            "name": ("literal", "Add"),
            "text": ("literal", "Add"),
            "label": None,
            "attrs": {"type": "button", "disabled": "{!title}"},
            "handlers": [("click", "addTask", "@click.prevent")],
            "if": None,
            "for": None,
        },
        "17:5": {
            "at": "17:5",
            "tag": "p",
            "native": "p",
            "role": "status",
            "name": None,
            "text": ("literal", "Loading…"),
            "label": None,
            "attrs": {"role": "status"},
            "handlers": [],
            "if": "loading",
            "for": None,
        },
        "18:5": {
            "at": "18:5",
            "tag": "p",
            "native": "p",
            "role": "alert",
            "name": None,
            "text": ("dynamic", "error"),
            "label": None,
            "attrs": {"role": "alert"},
            "handlers": [],
            "if": "!(loading) && error",
            "for": None,
        },
        "19:5": {
            "at": "19:5",
            "tag": "ul",
            "native": "ul",
            "role": "list",
            "name": ("literal", "Tasks"),
            "text": None,
            "label": ("literal", "Tasks"),
            "attrs": {"aria-label": "Tasks"},
            "handlers": [],
            "if": "!(loading) && !(error)",
            "for": None,
        },
        "20:7": {
            "at": "20:7",
            "tag": "li",
            "native": "li",
            "role": "listitem",
            "name": None,
            "text": None,
            "label": None,
            "attrs": {},
            "handlers": [],
            "if": "!(loading) && !(error)",
            "for": "task in tasks",
        },
        "21:9": {
            "at": "21:9",
            "tag": "task-row",
            "native": None,
            "role": None,
            "name": None,
            "text": None,
            "label": None,
            "attrs": {"task": "{task}", "isCompact": ""},
            "handlers": [("remove", "removeTask(task.id)", "@remove")],
            "if": "!(loading) && !(error)",
            "for": "task in tasks",
        },
        "24:5": {
            "at": "24:5",
            "tag": "p",
            "native": "p",
            "role": "paragraph",
            "name": None,
            "text": ("mixed", "{…} left"),
            "label": None,
            "attrs": {},
            "handlers": [],
            "if": "tasks.length > 0",
            "for": None,
        },
        "25:5": {
            "at": "25:5",
            "tag": "router-link",
            "native": "a",
            "role": "link",
            "name": ("literal", "Help"),
            "text": ("literal", "Help"),
            "label": None,
            "attrs": {"href": "{{ name: 'help' }}", "title": "Help page"},
            "handlers": [],
            "if": None,
            "for": None,
        },
    }


def test_ids_components_imports_and_i18n_keys() -> None:
    facts = _parse("TodoPanel.vue")
    first = facts.elements[0]
    assert first.id == "src/TodoPanel.vue:11:3"
    assert first.location.end_line == 26
    assert {item.component for item in facts.elements} == {"TodoPanel"}
    assert all(item.locators == [] and item.routes == [] and item.description == "" for item in facts.elements)
    assert facts.i18n_keys == ["panel.title", "panel.placeholder"]
    assert facts.imports == {
        "ref": ImportBinding(source="vue", imported="ref"),
        "useI18n": ImportBinding(source="vue-i18n", imported="useI18n"),
        "TaskRow": ImportBinding(source="./TaskRow.vue", imported="default"),
    }
    [node] = facts.components
    assert (node.name, node.location.line, node.wraps) == ("TodoPanel", 10, None)
    assert [(edge.component, edge.props, edge.location.line) for edge in node.renders] == [
        ("TaskRow", {"task": "task", "isCompact": ""}, 21)
    ]


def test_ui_kit_components_map_to_native_roles_labels_and_text() -> None:
    facts = _parse("KitForm.vue")
    summary = {
        key: (v["tag"], v["native"], v["role"], v["name"], v["label"], v["text"], v["attrs"])
        for key, v in by_line(facts).items()
    }
    assert summary == {
        "3:5": ("el-form-item", "div", None, None, ("literal", "Email"), None, {}),
        "4:7": (
            "el-input",
            "input",
            "textbox",
            ("literal", "Email"),
            ("literal", "Email"),
            None,
            {"value": "{email}", "placeholder": "you@example.com"},
        ),
        "6:5": ("el-button", "button", "button", ("literal", "Send"), None, ("literal", "Send"), {"type": "primary"}),
        "7:5": (
            "v-text-field",
            "input",
            "textbox",
            ("literal", "Full name"),
            ("literal", "Full name"),
            None,
            {"value": "{name}"},
        ),
        "8:5": ("v-btn", "button", "button", ("literal", "Save"), None, ("literal", "Save"), {"color": "primary"}),
        "9:5": (
            "v-checkbox",
            "input",
            "checkbox",
            ("i18n", "form.agree"),
            ("i18n", "form.agree"),
            None,
            {"value": "{agree}"},
        ),
        "10:5": (
            "el-dialog",
            "div",
            "dialog",
            ("literal", "Confirm"),
            ("literal", "Confirm"),
            None,
            {"value": "{open}"},
        ),
        "11:7": ("p", "p", "paragraph", None, None, ("literal", "Sure?"), {}),
    }
    # Kit layout containers (el-form) are neither elements nor component edges.
    assert facts.components[0].renders == []


def test_field_wrapper_declares_the_control_it_wraps() -> None:
    facts = _parse("BaseInput.vue")
    assert facts.components[0].wraps == "input"
    control = by_line(facts)["9:5"]
    assert control["label"] == ("dynamic", "label")
    assert control["attrs"] == {"id": "{id}", "value": "{model}"}


def test_shop_vue_component_usages_carry_props_for_build() -> None:
    path = EXAMPLES / "shop-vue" / "src" / "views" / "CheckoutView.vue"
    facts = vue.parse_file("src/views/CheckoutView.vue", path.read_bytes(), context())
    edges = [(edge.component, edge.props) for edge in facts.components[0].renders]
    assert edges[0] == (
        "FormField",
        {
            "id": "full-name",
            "label": "Full name",
            "autocomplete": "name",
            "error": "errors.fullName",
            "modelValue": "form.fullName",
        },
    )
    assert [name for name, _ in edges] == ["FormField"] * 5 + ["OrderSummary"]
    radio = next(item for item in facts.elements if item.role == "radio")
    assert element(radio)["label"] == ("dynamic", "option.label")
    assert radio.render.loop == "option in shippingOptions"
    stepper = EXAMPLES / "shop-vue" / "src" / "components" / "QuantityStepper.vue"
    buttons = [
        element(item)["name"]
        for item in vue.parse_file("s.vue", stepper.read_bytes(), context()).elements
        if item.role == "button"
    ]
    assert buttons == [("mixed", "Decrease quantity of {…}"), ("mixed", "Increase quantity of {…}")]


def test_broken_template_is_reported_and_the_rest_indexed() -> None:
    source = b'<template>\n  <div>\n    <button @click="go">Go</button>\n    <p>unclosed <b\n</template>\n'
    facts = vue.parse_file("src/Broken.vue", source, context())
    assert [(problem.file, problem.line) for problem in facts.problems] == [("src/Broken.vue", 4)]
    first = facts.elements[0]
    assert (first.tag, element(first)["name"]) == ("button", ("literal", "Go"))


def test_file_without_template_has_only_its_component() -> None:
    facts = vue.parse_file("src/use-thing.vue", b"<script setup>\nimport x from 'y'\n</script>\n", context())
    assert facts.elements == []
    assert [node.name for node in facts.components] == ["UseThing"]
    assert facts.imports == {"x": ImportBinding(source="y", imported="default")}


def test_declared_props_in_every_form_vue_accepts() -> None:
    def props(script: str) -> list[str]:
        source = f'<script setup lang="ts">\n{script}\n</script>\n<template><p>x</p></template>\n'.encode()
        return vue.parse_file("src/C.vue", source, context()).components[0].props

    assert props("defineProps<{ title: string; confirmLabel?: string }>();") == ["title", "confirmLabel"]
    assert props("interface Props { item: Item; 'item-name': string }\nconst p = defineProps<Props>();") == [
        "item",
        "item-name",
    ]
    assert props("withDefaults(defineProps<{ min: number }>(), { min: 1 });") == ["min"]
    assert props("defineProps({ title: String, count: { type: Number } });") == ["title", "count"]
    assert props("defineProps(['title', 'message']);") == ["title", "message"]
    assert props("export default { props: ['label'], data() { return {} } };") == ["label"]
    assert props("const x = 1;") == []
    confirm = EXAMPLES / "shop-vue" / "src" / "components" / "ConfirmDialog.vue"
    node = vue.parse_file("src/components/ConfirmDialog.vue", confirm.read_bytes(), context()).components[0]
    assert node.props == ["title", "message", "confirmLabel"]
