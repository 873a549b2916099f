"""UI kits beyond MUI / antd / Element Plus / Vuetify (kits.py), one purpose-written file per
framework: the kit's controls get their role and name, its layout parts are looked through."""

from __future__ import annotations

from specwalk.index import angular, react, svelte, vue
from specwalk.index.facts import FileFacts

from ._summary import FIXTURES, by_line, context


def _roles(facts: FileFacts) -> dict[str, tuple[str, str | None, tuple[str, str | None] | None]]:
    return {at: (item["tag"], item["role"], item["name"] or item["text"]) for at, item in by_line(facts).items()}


def test_react_aria_radix_and_aliased_kit_imports() -> None:
    source = (FIXTURES / "kits" / "AriaPanel.tsx").read_bytes()
    found = _roles(react.parse_file("src/AriaPanel.tsx", source, context()))
    assert found["9:7"] == ("Heading", "heading", ("literal", "Settings"))
    assert found["10:7"][1] == "tablist"
    assert found["11:9"] == ("Tab", "tab", ("literal", "General"))
    assert found["13:7"][1] == "listbox"
    assert found["14:9"] == ("ListBoxItem", "option", ("literal", "Mono"))
    assert found["16:7"] == ("Button", "button", ("literal", "Save"))
    # `import { Tabs as RadixTabs } from "radix-ui"`: the kit's Tabs.Trigger, whatever its local name.
    assert found["17:7"] == ("RadixTabs.Trigger", "tab", ("literal", "Alpha"))
    # `import * as Dialog from "@radix-ui/react-dialog"`: the module's Close.
    assert found["18:7"] == ("Dialog.Close", "button", ("literal", "Close"))
    # A text prop (MUI Tab's label) is the text even though the children are not.
    assert found["19:7"] == ("MuiTab", "tab", ("literal", "Profile"))


def test_hoppscotch_ui_buttons_items_inputs_and_modals() -> None:
    source = (FIXTURES / "kits" / "HoppToolbar.vue").read_bytes()
    found = by_line(vue.parse_file("src/components/HoppToolbar.vue", source, context()))
    summary = {at: (v["tag"], v["role"], v["name"], v["text"], v["label"]) for at, v in found.items()}
    assert summary == {
        # Icon-only: named by its title (was dropped: an unknown component without text).
        "3:5": ("HoppButtonSecondary", "button", ("i18n", "action.copy"), None, None),
        # `label` is the button's text (was lost: the kit's children are not its text).
        "4:5": ("HoppButtonPrimary", "button", ("i18n", "action.save"), ("i18n", "action.save"), None),
        "5:5": ("HoppSmartItem", "menuitem", ("i18n", "action.delete"), ("i18n", "action.delete"), None),
        "6:5": ("HoppSmartInput", "textbox", ("i18n", "label.name"), None, ("i18n", "label.name")),
        "7:5": ("HoppSmartModal", "dialog", None, ("i18n", "modal.title"), None),
    }


def test_pink_svelte_controls_by_import_and_layout_looked_through() -> None:
    source = (FIXTURES / "kits" / "PinkForm.svelte").read_bytes()
    facts = svelte.parse_file("src/lib/PinkForm.svelte", source, context())
    found = by_line(facts)
    summary = {at: (v["tag"], v["native"], v["role"], v["name"] or v["text"]) for at, v in found.items()}
    assert summary == {
        "8:3": ("Typography.Title", "h1", "heading", ("literal", "Create bucket")),
        "9:3": ("Input.Text", "input", "textbox", ("literal", "Name")),
        "10:3": ("Button.Button", "button", "button", ("literal", "Create")),
        # `import { Button as PinkButton }`: still the kit's Button.Anchor.
        "11:3": ("PinkButton.Anchor", "a", "link", ("literal", "Docs")),
        # Layout.Stack is not an element of its own unless it holds text directly.
        "12:3": ("Layout.Stack", "layout.stack", None, ("literal", "Only text here")),
        # The project's own component stays a usage for build to follow.
        "13:3": ("Card", None, None, ("literal", "Own component")),
    }
    assert [edge.component for edge in facts.components[0].renders] == ["Card"]


def test_nebular_controls_and_card_titles() -> None:
    source = (FIXTURES / "kits" / "form-inputs.component.html").read_bytes()
    found = by_line(angular.parse_file("src/app/form-inputs.component.html", source, context()))
    summary = {at: (v["tag"], v["role"], v["name"] or v["text"]) for at, v in found.items()}
    assert summary == {
        # nb-card / nb-card-body are layout: no elements; the header's own text stays.
        "2:3": ("nb-card-header", None, ("literal", "Checkboxes")),
        "4:5": ("nb-checkbox", "checkbox", ("literal", "Agree")),
        "5:5": ("nb-select", "button", ("literal", "Pick one")),
        "6:7": ("nb-option", "option", ("literal", "Option A")),
        "8:5": ("nb-alert", "alert", ("literal", "Failed")),
    }
