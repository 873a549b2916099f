"""More UI kits for `roles`: what their components render, from each kit's own sources / docs.

Kept apart from `roles.py` so the tables there stay readable; `roles` merges these into its
JSX module table (`JSX_KITS`) and its template tag table (`TEMPLATE_KITS`). Each table names
the page or source file its mappings were read from. Only components a test can find by role
(controls, headings, dialogs, alerts, tabs, menus) are listed; a kit's layout components
(cards, stacks, grids) are deliberately absent: the template parsers look through them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class KitComponent:
    """What a UI-kit component renders.

    native_tag: the native element it renders (the interactive one).
    role: its ARIA role (None: take `implied_role(native_tag, ...)`).
    props: prop name -> attribute name on the rendered element (`label` -> "label" means the
           prop is the accessible label; "text" means it becomes the visible text).
    kit: which library.
    """

    kit: str
    native_tag: str
    role: str | None = None
    props: Mapping[str, str] = field(default_factory=dict)
    children_text: bool = True  # the children become the visible text / name


# Prop-to-attribute maps shared by many kits.
COMMON = {
    "id": "id",
    "name": "name",
    "title": "title",
    "disabled": "disabled",
    "type": "type",
    "href": "href",
    "placeholder": "placeholder",
    "value": "value",
    "role": "role",
}
FIELD = {**COMMON, "label": "label", "placeholder": "placeholder", "helperText": "aria-describedby"}
_LINK = {**COMMON, "to": "href"}


def _kit(kit: str, rows: Mapping[str, tuple[str, str | None, Mapping[str, str], bool]]) -> dict[str, KitComponent]:
    return {name: KitComponent(kit, tag, role, props, text) for name, (tag, role, props, text) in rows.items()}


# react-aria-components (https://react-spectrum.adobe.com/react-aria/components.html): each
# component renders the element named in its docs' "Anatomy"; TextField/SearchField are groups
# around an <Input>, which is the control; Select and ComboBox show a <Button>/<Input>.
_REACT_ARIA = _kit(
    "react-aria-components",
    {
        "Button": ("button", "button", COMMON, True),
        "ToggleButton": ("button", "button", COMMON, True),
        "FileTrigger": ("button", "button", COMMON, True),
        "Link": ("a", "link", COMMON, True),
        "Input": ("input", "textbox", FIELD, False),
        "TextArea": ("textarea", "textbox", FIELD, False),
        "Checkbox": ("input", "checkbox", COMMON, True),
        "Radio": ("input", "radio", COMMON, True),
        "Switch": ("input", "switch", COMMON, True),
        "Heading": ("h2", "heading", COMMON, True),
        "Label": ("label", None, COMMON, True),
        "Dialog": ("section", "dialog", COMMON, False),
        "Menu": ("div", "menu", COMMON, False),
        "MenuItem": ("div", "menuitem", {**COMMON, "textValue": "text"}, True),
        "ListBox": ("div", "listbox", COMMON, False),
        "ListBoxItem": ("div", "option", {**COMMON, "textValue": "text"}, True),
        "GridList": ("div", "grid", COMMON, False),
        "GridListItem": ("div", "row", {**COMMON, "textValue": "text"}, True),
        "Tabs": ("div", None, COMMON, False),
        "TabList": ("div", "tablist", COMMON, False),
        "Tab": ("div", "tab", COMMON, True),
        "TabPanel": ("div", "tabpanel", COMMON, False),
        "Table": ("table", "grid", COMMON, False),
        "Row": ("tr", "row", {**COMMON, "textValue": "text"}, True),
        "Cell": ("td", "gridcell", COMMON, True),
        "Column": ("th", "columnheader", COMMON, True),
        "Tooltip": ("div", "tooltip", COMMON, True),
        "Breadcrumbs": ("ol", "list", COMMON, False),
        "Breadcrumb": ("li", "listitem", COMMON, True),
        "Toolbar": ("div", "toolbar", COMMON, False),
        "RadioGroup": ("div", "radiogroup", COMMON, False),
        "CheckboxGroup": ("div", "group", COMMON, False),
        "ProgressBar": ("div", "progressbar", COMMON, False),
        "Meter": ("div", "meter", COMMON, False),
        "Slider": ("div", "group", COMMON, False),
        "SliderThumb": ("input", "slider", COMMON, False),
        "Tree": ("div", "treegrid", COMMON, False),
        "TreeItem": ("div", "row", {**COMMON, "textValue": "text"}, True),
    },
)

# Radix primitives (https://www.radix-ui.com/primitives/docs), one package per primitive; the
# parts are used as `Dialog.Trigger` (namespace import) or `Trigger` (named import).
_RADIX_TRIGGER = ("button", "button", COMMON, True)
_RADIX: dict[str, dict[str, KitComponent]] = {
    "dialog": _kit(
        "radix",
        {
            "Trigger": _RADIX_TRIGGER,
            "Close": _RADIX_TRIGGER,
            "Content": ("div", "dialog", COMMON, False),
            "Title": ("h2", "heading", COMMON, True),
        },
    ),
    "alert-dialog": _kit(
        "radix",
        {
            "Trigger": _RADIX_TRIGGER,
            "Cancel": _RADIX_TRIGGER,
            "Action": _RADIX_TRIGGER,
            "Content": ("div", "alertdialog", COMMON, False),
            "Title": ("h2", "heading", COMMON, True),
        },
    ),
    "dropdown-menu": _kit(
        "radix",
        {
            "Trigger": _RADIX_TRIGGER,
            "Content": ("div", "menu", COMMON, False),
            "Item": ("div", "menuitem", COMMON, True),
            "CheckboxItem": ("div", "menuitemcheckbox", COMMON, True),
            "RadioItem": ("div", "menuitemradio", COMMON, True),
            "SubTrigger": ("div", "menuitem", COMMON, True),
        },
    ),
    "tabs": _kit(
        "radix",
        {
            "List": ("div", "tablist", COMMON, False),
            "Trigger": ("button", "tab", COMMON, True),
            "Content": ("div", "tabpanel", COMMON, False),
        },
    ),
    "popover": _kit(
        "radix", {"Trigger": _RADIX_TRIGGER, "Close": _RADIX_TRIGGER, "Content": ("div", "dialog", COMMON, False)}
    ),
    "tooltip": _kit("radix", {"Trigger": _RADIX_TRIGGER, "Content": ("div", "tooltip", COMMON, True)}),
    "accordion": _kit("radix", {"Trigger": _RADIX_TRIGGER, "Content": ("div", "region", COMMON, False)}),
    "collapsible": _kit("radix", {"Trigger": _RADIX_TRIGGER}),
    "checkbox": _kit("radix", {"Root": ("button", "checkbox", COMMON, False)}),
    "switch": _kit("radix", {"Root": ("button", "switch", COMMON, False)}),
    "radio-group": _kit(
        "radix", {"Root": ("div", "radiogroup", COMMON, False), "Item": ("button", "radio", COMMON, False)}
    ),
    "toggle": _kit("radix", {"Root": ("button", "button", COMMON, True)}),
    "select": _kit(
        "radix",
        {
            "Trigger": ("button", "combobox", COMMON, True),
            "Content": ("div", "listbox", COMMON, False),
            "Item": ("div", "option", COMMON, True),
        },
    ),
    "label": _kit("radix", {"Root": ("label", None, COMMON, True)}),
    "slider": _kit("radix", {"Thumb": ("span", "slider", COMMON, False)}),
}
# The unified `radix-ui` package exports the same primitives as namespaces: `Dialog.Trigger`.
_RADIX_UNIFIED = {
    f"{''.join(word.title() for word in package.split('-'))}.{part}": component
    for package, parts in _RADIX.items()
    for part, component in parts.items()
}

# Chakra UI v2 (https://v2.chakra-ui.com/docs/components): the components render the native
# element of the same name; IconButton's name is its required aria-label.
_CHAKRA = _kit(
    "chakra",
    {
        "Button": ("button", "button", COMMON, True),
        "IconButton": ("button", "button", COMMON, False),
        "Link": ("a", "link", _LINK, True),
        "Input": ("input", "textbox", FIELD, False),
        "Textarea": ("textarea", "textbox", FIELD, False),
        "NumberInputField": ("input", "spinbutton", FIELD, False),
        "Select": ("select", "combobox", FIELD, False),
        "Checkbox": ("input", "checkbox", COMMON, True),
        "Radio": ("input", "radio", COMMON, True),
        "Switch": ("input", "checkbox", COMMON, True),
        "Heading": ("h2", "heading", COMMON, True),
        "FormLabel": ("label", None, COMMON, True),
        "Alert": ("div", "alert", COMMON, True),
        "Modal": ("section", "dialog", COMMON, False),
        "ModalContent": ("section", "dialog", COMMON, False),
        "ModalHeader": ("header", "heading", COMMON, True),
        "MenuButton": ("button", "button", COMMON, True),
        "MenuItem": ("button", "menuitem", COMMON, True),
        "Tab": ("button", "tab", COMMON, True),
        "TabList": ("div", "tablist", COMMON, False),
        "TabPanel": ("div", "tabpanel", COMMON, False),
        "List": ("ul", "list", COMMON, False),
        "ListItem": ("li", "listitem", COMMON, True),
    },
)

# Mantine (https://mantine.dev/core/button/ ...): inputs take `label` (a <label for>) and
# `placeholder`; ActionIcon is an icon button named by its aria-label; Modal's `title` is the
# dialog's heading, which labels it (aria-labelledby).
_MANTINE = _kit(
    "mantine",
    {
        "Button": ("button", "button", COMMON, True),
        "ActionIcon": ("button", "button", COMMON, False),
        "UnstyledButton": ("button", "button", COMMON, True),
        "Anchor": ("a", "link", COMMON, True),
        "NavLink": ("a", "link", {**COMMON, "label": "text"}, False),
        "TextInput": ("input", "textbox", FIELD, False),
        "PasswordInput": ("input", "textbox", FIELD, False),
        "Textarea": ("textarea", "textbox", FIELD, False),
        "NumberInput": ("input", "textbox", FIELD, False),
        "Autocomplete": ("input", "combobox", FIELD, False),
        "Select": ("input", "textbox", FIELD, False),
        "Checkbox": ("input", "checkbox", {**COMMON, "label": "label"}, False),
        "Radio": ("input", "radio", {**COMMON, "label": "label"}, False),
        "Switch": ("input", "switch", {**COMMON, "label": "label"}, False),
        "Title": ("h1", "heading", COMMON, True),
        "Modal": ("section", "dialog", {**COMMON, "title": "label"}, False),
        "Alert": ("div", "alert", {**COMMON, "title": "text"}, True),
        "Tabs.Tab": ("button", "tab", COMMON, True),
        "Tabs.List": ("div", "tablist", COMMON, False),
        "Tabs.Panel": ("div", "tabpanel", COMMON, False),
        "Menu.Item": ("button", "menuitem", COMMON, True),
    },
)

# PrimeReact (https://primereact.org/button/ ...), imported per component (`primereact/button`):
# Button's `label` is its text; Dialog's `header` labels it.
_PRIMEREACT = _kit(
    "primereact",
    {
        "Button": ("button", "button", {**COMMON, "label": "text"}, True),
        "InputText": ("input", "textbox", FIELD, False),
        "InputTextarea": ("textarea", "textbox", FIELD, False),
        "InputNumber": ("input", "spinbutton", FIELD, False),
        "Password": ("input", "textbox", FIELD, False),
        "Dropdown": ("div", "combobox", FIELD, False),
        "Checkbox": ("input", "checkbox", COMMON, False),
        "RadioButton": ("input", "radio", COMMON, False),
        "InputSwitch": ("input", "switch", COMMON, False),
        "Dialog": ("div", "dialog", {**COMMON, "header": "label"}, False),
        "TabPanel": ("a", "tab", {**COMMON, "header": "text"}, False),
    },
)

# Appwrite's Pink design system for Svelte (@appwrite.io/pink-svelte, used as `Button.Button`,
# `Input.Text`, `Typography.Title`; github.com/appwrite/pink, v2/pink-sv/src/lib): the parts
# below render a native control; Layout.*, Card.Base, Icon, Badge, Tooltip (around its
# trigger) ... are layout and looked through.
_PINK_SVELTE = _kit(
    "pink-svelte",
    {
        "Button.Button": ("button", "button", COMMON, True),
        "Button.Anchor": ("a", "link", COMMON, True),
        "Link.Anchor": ("a", "link", COMMON, True),
        "Link.Button": ("button", "button", COMMON, True),
        "Card.Button": ("button", "button", COMMON, True),
        "Card.Link": ("a", "link", COMMON, True),
        "ActionMenu.Item.Button": ("button", "menuitem", COMMON, True),
        "ActionMenu.Item.Anchor": ("a", "menuitem", COMMON, True),
        "Tabs.Item.Button": ("button", "tab", COMMON, True),
        "Tabs.Item.Link": ("a", "tab", COMMON, True),
        "Table.Row.Button": ("button", "row", COMMON, True),
        "Table.Row.Link": ("a", "row", COMMON, True),
        "Table.Cell": ("div", "cell", COMMON, True),
        "Table.Header.Cell": ("div", "columnheader", COMMON, True),
        "Input.Text": ("input", "textbox", FIELD, False),
        "Input.Password": ("input", "textbox", FIELD, False),
        "Input.Number": ("input", "spinbutton", FIELD, False),
        "Input.Textarea": ("textarea", "textbox", FIELD, False),
        "Input.Select": ("select", "combobox", FIELD, False),
        "Input.ComboBox": ("input", "combobox", FIELD, False),
        "Input.Search": ("input", "searchbox", FIELD, False),
        "Selector.Checkbox": ("input", "checkbox", {**COMMON, "label": "label"}, False),
        "Selector.Switch": ("input", "switch", {**COMMON, "label": "label"}, False),
        "Selector.Radio": ("input", "radio", {**COMMON, "label": "label"}, False),
        "Typography.Title": ("h1", "heading", COMMON, True),
        "Typography.Text": ("p", None, COMMON, True),
        "Typography.Caption": ("p", None, COMMON, True),
        "Alert.Inline": ("div", "alert", {**COMMON, "title": "text"}, True),
        "Alert.Sticky": ("div", "alert", {**COMMON, "title": "text"}, True),
        "Modal": ("dialog", "dialog", {**COMMON, "title": "label"}, False),
        "Dialog": ("dialog", "dialog", {**COMMON, "title": "label"}, False),
    },
)

JSX_KITS: dict[str, dict[str, KitComponent]] = {
    "react-aria-components": _REACT_ARIA,
    **{f"@radix-ui/react-{package}": parts for package, parts in _RADIX.items()},
    "radix-ui": _RADIX_UNIFIED,
    "@chakra-ui/react": _CHAKRA,
    "@mantine/core": _MANTINE,
    "primereact": _PRIMEREACT,
    "@appwrite.io/pink-svelte": _PINK_SVELTE,
}

# --- template kits, by kebab-case tag -----------------------------------------------------------

# Nebular (https://akveo.github.io/nebular/docs/components): buttons and inputs are native
# elements with the nbButton / nbInput directives; these are its own elements.
_NEBULAR = _kit(
    "nebular",
    {
        "nb-checkbox": ("input", "checkbox", COMMON, True),
        "nb-radio": ("input", "radio", COMMON, True),
        "nb-toggle": ("input", "switch", COMMON, True),
        "nb-select": ("button", "button", {**COMMON, "placeholder": "text"}, False),
        "nb-option": ("nb-option", "option", COMMON, True),
        "nb-tab": ("li", "tab", {**COMMON, "tabTitle": "text"}, False),
        "nb-route-tab": ("li", "tab", {**COMMON, "tabTitle": "text"}, False),
        "nb-alert": ("div", "alert", COMMON, True),
        "nb-accordion-item-header": ("div", "button", COMMON, True),
        "nb-progress-bar": ("div", "progressbar", COMMON, False),
        "nb-list": ("ul", "list", COMMON, False),
        "nb-list-item": ("li", "listitem", COMMON, True),
        "nb-menu": ("ul", "menu", COMMON, False),
        "nb-search": ("button", "button", COMMON, False),
        "nb-window": ("div", "dialog", {**COMMON, "title": "label"}, False),
    },
)

# Angular Material (https://material.angular.io/components): buttons are native elements with
# the mat-button directives; form fields are layout around a native matInput.
_ANGULAR_MATERIAL = _kit(
    "angular-material",
    {
        "mat-checkbox": ("input", "checkbox", COMMON, True),
        "mat-radio-button": ("input", "radio", COMMON, True),
        "mat-slide-toggle": ("button", "switch", COMMON, True),
        "mat-select": ("div", "combobox", FIELD, False),
        "mat-option": ("mat-option", "option", COMMON, True),
        "mat-tab": ("div", "tab", {**COMMON, "label": "text"}, False),
        "mat-list-item": ("div", "listitem", COMMON, True),
        "mat-slider": ("input", "slider", COMMON, False),
    },
)

# Hoppscotch's own kit (@hoppscotch/ui, src/components): Button*/SmartItem render a SmartLink
# (an <a> with `to`, else a <button>) with role button / menuitem showing `label`; SmartInput is
# an <input> with a <label for>; SmartCheckbox a role=checkbox div named by its slot; SmartModal
# a role=dialog whose `title` is shown in an <h3>, not its name.
_HOPPSCOTCH = _kit(
    "hoppscotch-ui",
    {
        "hopp-button-primary": ("button", "button", {**_LINK, "label": "text"}, False),
        "hopp-button-secondary": ("button", "button", {**_LINK, "label": "text"}, False),
        "hopp-smart-item": ("button", "menuitem", {**_LINK, "label": "text"}, False),
        "hopp-smart-link": ("a", "link", _LINK, True),
        "hopp-smart-anchor": ("a", "link", {**_LINK, "label": "text"}, False),
        "hopp-smart-input": ("input", "textbox", FIELD, False),
        "hopp-smart-checkbox": ("div", "checkbox", COMMON, True),
        "hopp-smart-radio": ("button", "radio", {**COMMON, "label": "text"}, False),
        "hopp-smart-tab": ("button", "tab", {**COMMON, "label": "text"}, False),
        "hopp-smart-modal": ("div", "dialog", {**COMMON, "title": "text"}, False),
        "hopp-smart-confirm-modal": ("div", "dialog", {**COMMON, "title": "text"}, False),
    },
)

# Naive UI (https://www.naiveui.com/en-US/os-theme/components/button ...).
_NAIVE = _kit(
    "naive-ui",
    {
        "n-button": ("button", "button", COMMON, True),
        "n-input": ("input", "textbox", FIELD, False),
        "n-input-number": ("input", "textbox", FIELD, False),
        "n-select": ("div", "combobox", FIELD, False),
        "n-checkbox": ("div", "checkbox", {**COMMON, "label": "text"}, True),
        "n-radio": ("input", "radio", {**COMMON, "label": "text"}, True),
        "n-switch": ("div", "switch", COMMON, False),
        "n-modal": ("div", "dialog", {**COMMON, "title": "text"}, False),
        "n-alert": ("div", "alert", {**COMMON, "title": "text"}, True),
        "n-tab-pane": ("div", "tab", {**COMMON, "tab": "text"}, False),
        "n-form-item": ("div", None, {**COMMON, "label": "label"}, True),
    },
)

# Quasar (https://quasar.dev/vue-components/button ...): `label` is a button's text and a
# field's floating <label>.
_QUASAR = _kit(
    "quasar",
    {
        "q-btn": ("button", "button", {**_LINK, "label": "text"}, True),
        "q-input": ("input", "textbox", FIELD, False),
        "q-select": ("div", "combobox", FIELD, False),
        "q-checkbox": ("div", "checkbox", {**COMMON, "label": "text"}, False),
        "q-toggle": ("div", "switch", {**COMMON, "label": "text"}, False),
        "q-radio": ("div", "radio", {**COMMON, "label": "text"}, False),
        "q-dialog": ("div", "dialog", COMMON, False),
        "q-tab": ("div", "tab", {**COMMON, "label": "text"}, False),
        "q-banner": ("div", "alert", COMMON, True),
    },
)

TEMPLATE_KITS: dict[str, KitComponent] = {**_NEBULAR, **_ANGULAR_MATERIAL, **_HOPPSCOTCH, **_NAIVE, **_QUASAR}

# Template tag prefixes of kits whose other elements are layout (cards, grids, stacks): parsers
# look through them instead of keeping each one as an unknown component with all its text.
TEMPLATE_LAYOUT_PREFIXES = ("nb-", "mat-")
