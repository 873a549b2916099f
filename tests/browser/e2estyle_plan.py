"""The Pantry Planner's requirements (tests/fixtures/e2estyle/pantry/requirements.md) as the scenario
IR a planner makes of them: exact references, a described textarea, ordinals, dialog answers, a
storage reset, state / class / attribute / dialog / URL-match checks, one partial scenario.

Built by hand so that grounding, verification and the emitters are tested on their own, whatever
the planner reads today; each step keeps the sentence it stands for.
"""

from __future__ import annotations

from typing import Any

from specwalk.models.scenario import (
    ActionStep,
    ExpectationStep,
    Plan,
    Requirement,
    Scenario,
    SourceRef,
    Step,
    TargetRef,
)

FILE = "requirements.md"


def _ref(value: str, by: str = "testid") -> TargetRef:
    return TargetRef(by=by, value=value)  # type: ignore[arg-type]


class _Lines:
    def __init__(self) -> None:
        self.line = 0

    def next(self) -> SourceRef:
        self.line += 1
        return SourceRef(file=FILE, line=self.line)


def _act(lines: _Lines, text: str, action: str, **fields: Any) -> ActionStep:
    return ActionStep(text=text, source=lines.next(), action=action, **fields)  # type: ignore[arg-type]


def _see(lines: _Lines, text: str, expectation: str, **fields: Any) -> ExpectationStep:
    return ExpectationStep(text=text, source=lines.next(), expectation=expectation, **fields)  # type: ignore[arg-type]


def _add(lines: _Lines, name: str, learned: bool = True) -> list[Step]:
    """ "the user has added the item "X"", learned from the first scenario's steps."""
    origin = "[Normal] User adds an item with a category" if learned else None
    return [
        _act(
            lines,
            f'When the user enters "{name}" into the item input field with data-testid "item-input"',
            "fill",
            target_ref=_ref("item-input"),
            value=name,
            learned_from=origin,
        ),
        _act(
            lines,
            'And the user clicks the "Add item" button with data-testid "add-button"',
            "click",
            target_ref=_ref("add-button"),
            learned_from=origin,
        ),
    ]


def _scenario(lines: _Lines, name: str, steps: list[Step], **fields: Any) -> Scenario:
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return Scenario(id=f"pantry/{slug}", name=name, source=lines.next(), steps=tuple(steps), **fields)


def pantry_plan() -> Plan:
    lines = _Lines()
    count = 'the item list with data-testid "item-list" should contain {n} item'
    scenarios = [
        _scenario(
            lines,
            "[Normal] User adds an item with a category",
            [
                *_add(lines, "Milk", learned=False)[:1],
                _act(
                    lines,
                    'And the user selects "Dairy" from the dropdown with data-testid "category-select"',
                    "select",
                    target_ref=_ref("category-select"),
                    value="Dairy",
                ),
                *_add(lines, "Milk", learned=False)[1:],
                _see(lines, count.format(n=1), "count", target_ref=_ref("item-list"), count=1),
                _see(
                    lines,
                    'And the item name with data-testid "item-name-1" should display "Milk"',
                    "text_equals",
                    target_ref=_ref("item-name-1"),
                    value="Milk",
                ),
                _see(
                    lines,
                    'And the counter with id "count" should display "1 items to buy"',
                    "text_equals",
                    target_ref=_ref("count", "id"),
                    value="1 items to buy",
                ),
                _see(
                    lines,
                    'And the item details with data-testid "item-meta-1" should contain "dairy"',
                    "text_contains",
                    target_ref=_ref("item-meta-1"),
                    value="dairy",
                ),
            ],
        ),
        _scenario(
            lines,
            "[Error] User adds an item without a name",
            [
                _act(
                    lines,
                    'When the user clicks the "Add item" button with data-testid "add-button"',
                    "click",
                    target_ref=_ref("add-button"),
                ),
                # The page has no alert element: the script's alert() is the alert.
                _see(
                    lines, "Then an alert is displayed", "element_visible", target="alert", role="alert", described=True
                ),
                _see(
                    lines,
                    'And the alert says "Please enter an item name."',
                    "dialog_text",
                    value="Please enter an item name.",
                ),
                _see(lines, count.format(n=0) + "s", "count", target_ref=_ref("item-list"), count=0),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User marks an item as bought",
            [
                *_add(lines, "Bread"),
                _act(
                    lines,
                    'When the user clicks the "Bought" button with data-testid "bought-1"',
                    "click",
                    target_ref=_ref("bought-1"),
                ),
                _see(
                    lines,
                    'Then the item with data-testid "item-1" should be marked as bought',
                    "state",
                    target_ref=_ref("item-1"),
                    value="bought",
                ),
                _see(
                    lines,
                    'And the "Bought" button with data-testid "bought-1" should be shown as pressed',
                    "state",
                    target_ref=_ref("bought-1"),
                    value="pressed",
                ),
                _see(
                    lines,
                    'And the item with data-testid "item-1" should have the class "bought"',
                    "has_class",
                    target_ref=_ref("item-1"),
                    value="bought",
                ),
            ],
        ),
        _scenario(
            lines,
            "[Edge] User cancels the deletion",
            [
                *_add(lines, "Eggs"),
                _act(
                    lines,
                    'When the user clicks the delete button with data-testid "delete-1"',
                    "click",
                    target_ref=_ref("delete-1"),
                ),
                _act(lines, "And the user cancels the confirmation dialog", "dismiss_dialog"),
                _see(
                    lines,
                    'Then the item with data-testid "item-1" should still be visible',
                    "element_visible",
                    target_ref=_ref("item-1"),
                ),
                _see(
                    lines,
                    "And the confirmation should have asked 'Delete \"Eggs\"?'",
                    "dialog_text",
                    value='Delete "Eggs"?',
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User confirms the deletion",
            [
                *_add(lines, "Eggs"),
                _act(
                    lines,
                    'When the user clicks the delete button with data-testid "delete-1"',
                    "click",
                    target_ref=_ref("delete-1"),
                ),
                _act(lines, "And the user confirms the dialog", "accept_dialog"),
                _see(
                    lines,
                    'Then the item with data-testid "item-1" should not be visible',
                    "element_visible",
                    target_ref=_ref("item-1"),
                    negated=True,
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User renames an item through the prompt",
            [
                *_add(lines, "Milk"),
                _act(
                    lines,
                    'When the user clicks the rename button with data-testid "rename-1"',
                    "click",
                    target_ref=_ref("rename-1"),
                ),
                _act(
                    lines,
                    'And the user types "Oat milk" into the prompt and accepts it',
                    "accept_dialog",
                    value="Oat milk",
                ),
                _see(
                    lines,
                    'Then the item name with data-testid "item-name-1" should display "Oat milk"',
                    "text_equals",
                    target_ref=_ref("item-name-1"),
                    value="Oat milk",
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User drags an item into the basket",
            [
                *_add(lines, "Apples"),
                _act(
                    lines,
                    'When the user drags the item with data-testid "item-1" '
                    'to the drop area with data-testid "basket-drop"',
                    "drag",
                    target_ref=_ref("item-1"),
                    destination_ref=_ref("basket-drop"),
                ),
                _see(
                    lines,
                    'Then the basket counter with id "basket-count" should display "1"',
                    "text_equals",
                    target_ref=_ref("basket-count", "id"),
                    value="1",
                ),
                _act(
                    lines,
                    'When the user clicks the "Basket" link with data-testid "nav-basket"',
                    "click",
                    target_ref=_ref("nav-basket"),
                ),
                _see(lines, 'Then the URL should end with "#/basket"', "url", value="#/basket", match="ends_with"),
                _see(
                    lines,
                    'And the basket list with data-testid "basket-list" should contain 1 item',
                    "count",
                    target_ref=_ref("basket-list"),
                    count=1,
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] Items stay after a reload and go when storage is cleared",
            [
                *_add(lines, "Tea"),
                _act(lines, "When the user refreshes the page", "reload"),
                _see(lines, count.format(n=1), "count", target_ref=_ref("item-list"), count=1),
                _act(lines, "When local storage is cleared", "reset_storage"),
                _see(lines, count.format(n=0) + "s", "count", target_ref=_ref("item-list"), count=0),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User marks the first item and deletes the last one",
            [
                *_add(lines, "Tea"),
                *_add(lines, "Coffee"),
                _see(
                    lines,
                    'Then no item with the class "item" should have the class "bought"',
                    "has_class",
                    target_ref=_ref("item", "class"),
                    value="bought",
                    negated=True,
                ),
                _act(
                    lines,
                    'When the user clicks the first "Bought" button',
                    "click",
                    target="Bought",
                    role="button",
                    nth=0,
                ),
                _act(
                    lines,
                    'And the user clicks the last "Delete" button',
                    "click",
                    target="Delete",
                    role="button",
                    nth=-1,
                ),
                _see(lines, count.format(n=1), "count", target_ref=_ref("item-list"), count=1),
                _see(
                    lines,
                    'And the item with data-testid "item-1" should be marked as bought',
                    "state",
                    target_ref=_ref("item-1"),
                    value="bought",
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User opens and closes the help",
            [
                _act(lines, "Given the Pantry Planner page is loaded", "open", target="Pantry Planner"),
                _see(
                    lines,
                    'And the help panel with data-testid "help-panel" is hidden',
                    "element_visible",
                    target_ref=_ref("help-panel"),
                    negated=True,
                    keyword_type="given",
                ),
                _act(
                    lines,
                    'When the user clicks the "Help" button with data-testid "help-toggle"',
                    "click",
                    target_ref=_ref("help-toggle"),
                ),
                _see(
                    lines,
                    'Then the help panel with data-testid "help-panel" should be visible',
                    "element_visible",
                    target_ref=_ref("help-panel"),
                ),
                _act(
                    lines,
                    'When the user clicks the "Close" button with data-testid "help-close"',
                    "click",
                    target_ref=_ref("help-close"),
                ),
                _see(
                    lines,
                    'Then the help panel with data-testid "help-panel" should be hidden',
                    "element_visible",
                    target_ref=_ref("help-panel"),
                    negated=True,
                ),
            ],
        ),
        _scenario(
            lines,
            "[Normal] User writes notes",
            [
                _act(
                    lines,
                    'When the user types "Organic" into the textarea',
                    "fill",
                    target="textarea",
                    described=True,
                    value="Organic",
                ),
                _act(
                    lines,
                    "And the user enters \"Corner store\" into the 'Shop' input field",
                    "fill",
                    target="Shop",
                    role="textbox",
                    value="Corner store",
                ),
                _see(
                    lines,
                    'Then the notes box should contain "Organic"',
                    "value_equals",
                    target="notes box",
                    described=True,
                    value="Organic",
                ),
                _see(
                    lines,
                    'And the item input with data-testid "item-input" should have the placeholder "Item name"',
                    "attribute",
                    target_ref=_ref("item-input"),
                    key="placeholder",
                    value="Item name",
                ),
                _see(
                    lines,
                    "And the 'Shop' input field should display \"Corner store\"",
                    "value_equals",
                    target="Shop",
                    role="textbox",
                    value="Corner store",
                ),
                _see(
                    lines,
                    'And the dropdown with data-testid "category-select" should display "Fruit"',
                    "text_equals",
                    target_ref=_ref("category-select"),
                    value="Fruit",
                ),
            ],
            complete=False,
            not_planned=("And the shopping list should feel quick to use",),
        ),
    ]
    return Plan(
        sources=(FILE,),
        requirements=tuple(
            Requirement(
                id=scenario.id,
                kind="gherkin",
                feature="Pantry Planner",
                title=scenario.name,
                text=scenario.name,
                source=scenario.source,
                scenarios=(scenario,),
            )
            for scenario in scenarios
        ),
    )
