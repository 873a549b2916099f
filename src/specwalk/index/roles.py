"""Implied ARIA roles of native tags, and what common UI-kit components render.

Shared by every parser (react, vue, svelte, angular, html). Pure tables plus two small lookups:

- `implied_role(tag, attributes)`: the role a native element gets without an explicit `role`
  (per HTML-AAM: `<a href>` is a link, `<input type=checkbox>` a checkbox, ...).
- `kit_component(name)`: for a UI-kit component (MUI, Ant Design, Element Plus, Vuetify,
  Headless UI) the native tag it renders, its role, and how its props map to attributes,
  text or label. Names are matched as written in JSX (`Button`, `TextField`) or in templates
  (`el-button`, `ElButton`, `v-text-field`, `a-button`).

`attributes` passed in are the literal attribute values (name -> value or None when dynamic).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from specwalk.index.kits import COMMON, FIELD, JSX_KITS, TEMPLATE_KITS
from specwalk.index.kits import TEMPLATE_LAYOUT_PREFIXES as TEMPLATE_LAYOUT_PREFIXES  # re-exported
from specwalk.index.kits import KitComponent as KitComponent  # re-exported: parsers name it as roles.KitComponent

# Tags whose role does not depend on attributes.
_TAG_ROLES: dict[str, str] = {
    "button": "button",
    "textarea": "textbox",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "ul": "list",
    "ol": "list",
    "menu": "list",
    "li": "listitem",
    "dialog": "dialog",
    "nav": "navigation",
    "main": "main",
    "aside": "complementary",
    "form": "form",  # only with an accessible name, but Playwright matches it either way when named
    "table": "table",
    "tr": "row",
    "td": "cell",
    "th": "columnheader",
    "thead": "rowgroup",
    "tbody": "rowgroup",
    "tfoot": "rowgroup",
    "option": "option",
    "optgroup": "group",
    "fieldset": "group",
    "progress": "progressbar",
    "meter": "meter",
    "output": "status",
    "article": "article",
    "details": "group",
    "summary": "button",
    "hr": "separator",
    "figure": "figure",
    "dl": "list",  # not exactly, but closest for lookup; Playwright has no role for dl
    "p": "paragraph",
    "search": "search",
    "img": "img",
}

_INPUT_ROLES: dict[str, str] = {
    "text": "textbox",
    "email": "textbox",
    "tel": "textbox",
    "url": "textbox",
    "password": "textbox",  # Playwright's getByRole('textbox') matches password inputs
    "search": "searchbox",
    "number": "spinbutton",
    "range": "slider",
    "checkbox": "checkbox",
    "radio": "radio",
    "button": "button",
    "submit": "button",
    "reset": "button",
    "image": "button",
}

# Elements a user can interact with or assert on; parsers keep these (plus anything with a
# handler, an explicit role, a test id or an aria-label).
INTERACTIVE_TAGS: frozenset[str] = frozenset(
    {"button", "a", "input", "select", "textarea", "option", "summary", "details", "label", "form", "dialog"}
)
ASSERTABLE_TAGS: frozenset[str] = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "img",
        "nav",
        "main",
        "aside",
        "section",
        "header",
        "footer",
        "table",
        "tr",
        "th",
        "td",
        "progress",
        "output",
        "dl",
    }
)

# Roles that take their accessible name from their content (ARIA "name from content").
NAME_FROM_CONTENT_ROLES: frozenset[str] = frozenset(
    {
        "button",
        "link",
        "heading",
        "tab",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "option",
        "cell",
        "columnheader",
        "rowheader",
        "row",
        "treeitem",
        "switch",
        "checkbox",
        "radio",
        "tooltip",
        "listitem",  # only inside a named ancestor for Playwright; locators.py leaves it out
    }
)

# Roles that are labelable form controls: a <label> names them.
LABELABLE_ROLES: frozenset[str] = frozenset(
    {"textbox", "searchbox", "spinbutton", "slider", "checkbox", "radio", "combobox", "listbox", "switch", "button"}
)
LABELABLE_TAGS: frozenset[str] = frozenset({"input", "select", "textarea", "button", "meter", "progress", "output"})

LANDMARK_ROLES: frozenset[str] = frozenset(
    {"banner", "contentinfo", "navigation", "main", "complementary", "region", "form", "search"}
)


def implied_role(tag: str, attributes: Mapping[str, str | None] | None = None) -> str | None:
    """The implicit ARIA role of a native element, or None (div, span, unknown tags).

    `attributes`: literal values by name; a dynamic value is present with None.
    An explicit `role` attribute wins when literal.
    """
    attributes = attributes or {}
    explicit = attributes.get("role")
    if explicit:
        return explicit.split()[0]
    tag = tag.lower()
    if tag in ("a", "area"):
        return "link" if ("href" in attributes or "to" in attributes) else None
    if tag == "input":
        if "type" in attributes and attributes["type"] is None:
            return "textbox"  # dynamic type: the common case is a text-like field
        kind = (attributes.get("type") or "text").lower()
        if kind in ("text", "email", "tel", "url", "") and "list" in attributes:
            return "combobox"
        return _INPUT_ROLES.get(kind, "textbox" if kind not in ("hidden", "file", "color", "date") else None)
    if tag == "select":
        multiple = "multiple" in attributes
        size = attributes.get("size")
        big = size is not None and size.isdigit() and int(size) > 1
        return "listbox" if multiple or big else "combobox"
    if tag == "img":
        alt = attributes.get("alt")
        return "presentation" if alt == "" else "img"
    if tag == "section":
        return "region" if ("aria-label" in attributes or "aria-labelledby" in attributes) else None
    if tag == "header":
        return "banner"
    if tag == "footer":
        return "contentinfo"
    return _TAG_ROLES.get(tag)


# Shared by the kit tables here and in `kits`.
_COMMON = COMMON
_FIELD = FIELD

_MUI: dict[str, KitComponent] = {
    "Button": KitComponent("mui", "button", "button", _COMMON),
    "LoadingButton": KitComponent("mui", "button", "button", _COMMON),
    "IconButton": KitComponent("mui", "button", "button", _COMMON, children_text=False),
    "Fab": KitComponent("mui", "button", "button", _COMMON),
    "ToggleButton": KitComponent("mui", "button", "button", _COMMON),
    "Link": KitComponent("mui", "a", "link", {**_COMMON, "to": "href"}),
    "TextField": KitComponent("mui", "input", "textbox", _FIELD, children_text=False),
    "Input": KitComponent("mui", "input", "textbox", _FIELD, children_text=False),
    "OutlinedInput": KitComponent("mui", "input", "textbox", _FIELD, children_text=False),
    "Select": KitComponent("mui", "div", "combobox", _FIELD, children_text=False),
    "Autocomplete": KitComponent("mui", "input", "combobox", _FIELD, children_text=False),
    "Checkbox": KitComponent("mui", "input", "checkbox", _COMMON, children_text=False),
    "Radio": KitComponent("mui", "input", "radio", _COMMON, children_text=False),
    "Switch": KitComponent("mui", "input", "switch", _COMMON, children_text=False),
    "Slider": KitComponent("mui", "input", "slider", _COMMON, children_text=False),
    "FormControlLabel": KitComponent("mui", "label", None, {**_COMMON, "label": "text"}),
    "Dialog": KitComponent("mui", "div", "dialog", {**_COMMON, "title": "label"}),
    "Alert": KitComponent("mui", "div", "alert", _COMMON),
    "Snackbar": KitComponent("mui", "div", "alert", {**_COMMON, "message": "text"}),
    "Tab": KitComponent("mui", "button", "tab", {**_COMMON, "label": "text"}, children_text=False),
    "Tabs": KitComponent("mui", "div", "tablist", _COMMON),
    "MenuItem": KitComponent("mui", "li", "menuitem", _COMMON),
    "List": KitComponent("mui", "ul", "list", _COMMON),
    "ListItem": KitComponent("mui", "li", "listitem", _COMMON),
    "ListItemButton": KitComponent("mui", "div", "button", _COMMON),
    "Typography": KitComponent("mui", "p", None, _COMMON),
}

_ANTD: dict[str, KitComponent] = {
    "Button": KitComponent("antd", "button", "button", _COMMON),
    "Input": KitComponent("antd", "input", "textbox", _FIELD, children_text=False),
    "Input.Password": KitComponent("antd", "input", "textbox", _FIELD, children_text=False),
    "Input.Search": KitComponent("antd", "input", "searchbox", _FIELD, children_text=False),
    "Input.TextArea": KitComponent("antd", "textarea", "textbox", _FIELD, children_text=False),
    "InputNumber": KitComponent("antd", "input", "spinbutton", _FIELD, children_text=False),
    "Select": KitComponent("antd", "input", "combobox", _FIELD, children_text=False),
    "Checkbox": KitComponent("antd", "input", "checkbox", _COMMON),
    "Radio": KitComponent("antd", "input", "radio", _COMMON),
    "Switch": KitComponent("antd", "button", "switch", _COMMON, children_text=False),
    "Modal": KitComponent("antd", "div", "dialog", {**_COMMON, "title": "label"}),
    "Alert": KitComponent("antd", "div", "alert", {**_COMMON, "message": "text"}),
    "Form.Item": KitComponent("antd", "div", None, {**_COMMON, "label": "label"}),
    "Menu.Item": KitComponent("antd", "li", "menuitem", _COMMON),
    "Tabs.TabPane": KitComponent("antd", "div", "tab", {**_COMMON, "tab": "text"}),
    "Typography.Title": KitComponent("antd", "h1", "heading", _COMMON),
}

_HEADLESS: dict[str, KitComponent] = {
    "Dialog": KitComponent("headlessui", "div", "dialog", _COMMON),
    "Dialog.Title": KitComponent("headlessui", "h2", "heading", _COMMON),
    "DialogTitle": KitComponent("headlessui", "h2", "heading", _COMMON),
    "DialogPanel": KitComponent("headlessui", "div", None, _COMMON),
    "Menu.Button": KitComponent("headlessui", "button", "button", _COMMON),
    "MenuButton": KitComponent("headlessui", "button", "button", _COMMON),
    "Menu.Item": KitComponent("headlessui", "a", "menuitem", _COMMON),
    "MenuItem": KitComponent("headlessui", "a", "menuitem", _COMMON),
    "Listbox.Button": KitComponent("headlessui", "button", "button", _COMMON),
    "ListboxButton": KitComponent("headlessui", "button", "button", _COMMON),
    "Listbox.Option": KitComponent("headlessui", "li", "option", _COMMON),
    "ListboxOption": KitComponent("headlessui", "li", "option", _COMMON),
    "Combobox.Input": KitComponent("headlessui", "input", "combobox", _FIELD, children_text=False),
    "ComboboxInput": KitComponent("headlessui", "input", "combobox", _FIELD, children_text=False),
    "Switch": KitComponent("headlessui", "button", "switch", _COMMON),
    "Tab": KitComponent("headlessui", "button", "tab", _COMMON),
    "Disclosure.Button": KitComponent("headlessui", "button", "button", _COMMON),
    "DisclosureButton": KitComponent("headlessui", "button", "button", _COMMON),
    "Popover.Button": KitComponent("headlessui", "button", "button", _COMMON),
    "PopoverButton": KitComponent("headlessui", "button", "button", _COMMON),
    "Input": KitComponent("headlessui", "input", "textbox", _FIELD, children_text=False),
    "Button": KitComponent("headlessui", "button", "button", _COMMON),
    "Checkbox": KitComponent("headlessui", "span", "checkbox", _COMMON),
}

# Template kits, by their kebab-case tag (PascalCase forms are normalised to these).
_ELEMENT_PLUS: dict[str, KitComponent] = {
    "el-button": KitComponent("element-plus", "button", "button", _COMMON),
    "el-link": KitComponent("element-plus", "a", "link", _COMMON),
    "el-input": KitComponent("element-plus", "input", "textbox", _FIELD, children_text=False),
    "el-input-number": KitComponent("element-plus", "input", "spinbutton", _FIELD, children_text=False),
    "el-select": KitComponent("element-plus", "input", "combobox", _FIELD, children_text=False),
    "el-option": KitComponent("element-plus", "li", "option", {**_COMMON, "label": "text"}),
    "el-checkbox": KitComponent("element-plus", "input", "checkbox", {**_COMMON, "label": "text"}),
    "el-radio": KitComponent("element-plus", "input", "radio", {**_COMMON, "label": "text"}),
    "el-switch": KitComponent("element-plus", "input", "switch", _COMMON, children_text=False),
    "el-dialog": KitComponent("element-plus", "div", "dialog", {**_COMMON, "title": "label"}),
    "el-alert": KitComponent("element-plus", "div", "alert", {**_COMMON, "title": "text"}),
    "el-form-item": KitComponent("element-plus", "div", None, {**_COMMON, "label": "label"}),
    "el-menu-item": KitComponent("element-plus", "li", "menuitem", _COMMON),
    "el-tab-pane": KitComponent("element-plus", "div", "tab", {**_COMMON, "label": "text"}),
}

_VUETIFY: dict[str, KitComponent] = {
    "v-btn": KitComponent("vuetify", "button", "button", {**_COMMON, "text": "text", "to": "href"}),
    "v-text-field": KitComponent("vuetify", "input", "textbox", _FIELD, children_text=False),
    "v-textarea": KitComponent("vuetify", "textarea", "textbox", _FIELD, children_text=False),
    "v-select": KitComponent("vuetify", "input", "combobox", _FIELD, children_text=False),
    "v-autocomplete": KitComponent("vuetify", "input", "combobox", _FIELD, children_text=False),
    "v-combobox": KitComponent("vuetify", "input", "combobox", _FIELD, children_text=False),
    "v-checkbox": KitComponent("vuetify", "input", "checkbox", {**_COMMON, "label": "label"}),
    "v-radio": KitComponent("vuetify", "input", "radio", {**_COMMON, "label": "label"}),
    "v-switch": KitComponent("vuetify", "input", "switch", {**_COMMON, "label": "label"}),
    "v-dialog": KitComponent("vuetify", "div", "dialog", _COMMON),
    "v-alert": KitComponent("vuetify", "div", "alert", {**_COMMON, "title": "text", "text": "text"}),
    "v-snackbar": KitComponent("vuetify", "div", "status", {**_COMMON, "text": "text"}),
    "v-list": KitComponent("vuetify", "div", "list", _COMMON),
    "v-list-item": KitComponent("vuetify", "div", "listitem", {**_COMMON, "title": "text"}),
    "v-tab": KitComponent("vuetify", "button", "tab", {**_COMMON, "text": "text"}),
    "v-img": KitComponent("vuetify", "img", "img", {**_COMMON, "alt": "alt"}, children_text=False),
}

# Ant Design Vue uses a- prefixed tags with the same semantics as antd.
_ANTDV: dict[str, KitComponent] = {
    "a-button": KitComponent("ant-design-vue", "button", "button", _COMMON),
    "a-input": KitComponent("ant-design-vue", "input", "textbox", _FIELD, children_text=False),
    "a-select": KitComponent("ant-design-vue", "input", "combobox", _FIELD, children_text=False),
    "a-checkbox": KitComponent("ant-design-vue", "input", "checkbox", _COMMON),
    "a-modal": KitComponent("ant-design-vue", "div", "dialog", {**_COMMON, "title": "label"}),
    "a-alert": KitComponent("ant-design-vue", "div", "alert", {**_COMMON, "message": "text"}),
}

# Router links behave as anchors in every framework.
_ROUTER_LINKS: dict[str, KitComponent] = {
    "Link": KitComponent("router", "a", "link", {**_COMMON, "to": "href", "href": "href"}),
    "NavLink": KitComponent("router", "a", "link", {**_COMMON, "to": "href"}),
    "router-link": KitComponent("router", "a", "link", {**_COMMON, "to": "href"}),
    "nuxt-link": KitComponent("router", "a", "link", {**_COMMON, "to": "href"}),
}

# Module specifiers that identify each JSX kit; import bindings pick the table.
KIT_MODULES: dict[str, dict[str, KitComponent]] = {
    "@mui/material": _MUI,
    "@mui/lab": _MUI,
    "@material-ui/core": _MUI,
    "antd": _ANTD,
    "@headlessui/react": _HEADLESS,
    "@headlessui/vue": _HEADLESS,
    "react-router-dom": _ROUTER_LINKS,
    "react-router": _ROUTER_LINKS,
    "next/link": {"default": _ROUTER_LINKS["Link"]},
    "@sveltejs/kit": {},
    **JSX_KITS,
}

_TEMPLATE_KITS: dict[str, KitComponent] = {**_ELEMENT_PLUS, **_VUETIFY, **_ANTDV, **_ROUTER_LINKS, **TEMPLATE_KITS}

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@functools.cache
def kebab(name: str) -> str:
    """ElButton -> el-button, VTextField -> v-text-field, RouterLink -> router-link."""
    return _CAMEL_BOUNDARY.sub("-", name).lower()


@functools.cache  # templates and JSX ask for the same few names again and again
def kit_component(name: str, module: str | None = None) -> KitComponent | None:
    """The UI-kit component `name` refers to, or None.

    With `module` (the import source, for JSX), only that kit is consulted: a project's own
    `Button` is not MUI's. Without it (templates), kebab-case kit prefixes decide.
    """
    if module is not None:
        table = KIT_MODULES.get(module)
        if table is None:
            # Deep imports: "@mui/material/Button" -> default export is the component.
            for prefix, candidates in KIT_MODULES.items():
                if module.startswith(prefix + "/"):
                    leaf = module[len(prefix) + 1 :].split("/")[0]
                    return candidates.get(name) or candidates.get(leaf)
            return None
        found = table.get(name)
        if found is None and "." in name:
            # `import * as Tabs from "@radix-ui/react-tabs"`: <Tabs.Trigger> is the module's Trigger.
            found = table.get(name.split(".", 1)[1])
        return found
    if name in _TEMPLATE_KITS:
        return _TEMPLATE_KITS[name]
    return _TEMPLATE_KITS.get(kebab(name).replace(".", "-"))


def is_kit_module(module: str) -> bool:
    """Whether `module` (an import source) is a UI kit `kit_component` knows, deep imports too."""
    return module in KIT_MODULES or any(module.startswith(prefix + "/") for prefix in KIT_MODULES)


def is_native_tag(name: str) -> bool:
    """Lower-case JSX/HTML tag names are native elements; capitalised or dotted ones are components."""
    known = _NATIVE.get(name)
    if known is None:
        known = _NATIVE[name] = bool(name) and name[0].islower() and "." not in name and "-" not in name
    return known


_NATIVE: dict[str, bool] = {}  # tag name -> is_native_tag (a project uses few distinct tags)
