"""A step that names no element, or only a role, refers back to the one an earlier step named."""

from __future__ import annotations

from typing import Any

from specwalk.models.scenario import ActionStep, ExpectationStep, SourceRef, TargetRef
from specwalk.verify.antecedents import named_before, with_antecedents


def _check(line: int, expectation: str, **fields: Any) -> ExpectationStep:
    return ExpectationStep(
        text=f"line {line}", source=SourceRef(file="r.md", line=line), expectation=expectation, **fields
    )  # type: ignore[arg-type]


def _act(line: int, action: str, **fields: Any) -> ActionStep:
    return ActionStep(text=f"line {line}", source=SourceRef(file="r.md", line=line), action=action, **fields)  # type: ignore[arg-type]


KEY = TargetRef(by="testid", value="piano-key-a")


def test_a_class_check_without_an_element_is_about_the_element_the_same_class_was_checked_on() -> None:
    # "the piano key with data-testid "piano-key-a" should briefly have the "active" class applied",
    # "And the "active" class should be removed after 150 milliseconds"
    steps = [
        _act(1, "click", target="white piano key", target_ref=KEY),
        _check(2, "has_class", target="piano key", target_ref=KEY, value="active"),
        _check(3, "has_class", value="active", negated=True),
    ]
    resolved = with_antecedents(steps)
    assert resolved[2].target_ref == KEY and resolved[2].target == "piano key"
    assert isinstance(resolved[2], ExpectationStep) and resolved[2].negated and resolved[2].value == "active"
    assert resolved[:2] == steps[:2]


def test_a_check_of_another_property_or_with_its_own_element_is_left_alone() -> None:
    other = TargetRef(by="id", value="panel")
    steps = [
        _check(1, "has_class", target_ref=KEY, value="active"),
        _check(2, "has_class", value="hidden"),  # no earlier check of "hidden": nothing to refer to
        _check(3, "has_class", target_ref=other, value="active"),  # names its own element
        _check(4, "attribute", key="aria-pressed", value="true"),
        _check(5, "state", role="dialog", value="open"),  # the role alone names it
    ]
    assert with_antecedents(steps) == steps


def test_the_nearest_earlier_check_of_the_property_wins() -> None:
    other = TargetRef(by="testid", value="piano-key-w")
    steps = [
        _check(1, "attribute", target_ref=KEY, key="aria-pressed", value="true"),
        _check(2, "attribute", target_ref=other, key="ARIA-PRESSED", value="true"),
        _check(3, "attribute", key="aria-pressed", value="false"),
    ]
    assert with_antecedents(steps)[2].target_ref == other


def test_a_role_only_description_is_the_element_the_same_words_named_exactly_before() -> None:
    # "Given the first dropdown with data-testid "first-option-select" is visible",
    # "When the user selects "Centimeters" from the first dropdown"
    first = TargetRef(by="testid", value="first-option-select")
    named = _check(1, "element_visible", target="dropdown", role="combobox", target_ref=first)
    select = _act(2, "select", target="dropdown", role="combobox", described=True, value="Centimeters")
    assert named_before([named, select], select) == (first, "dropdown")
    # two dropdowns named before: which one is not said, so none is picked
    second = _act(2, "select", target="dropdown", role="combobox", target_ref=TargetRef(by="testid", value="second"))
    assert named_before([named, second, select], select) is None
    # the same words for another role are another element
    box = _check(1, "element_visible", target="dropdown", role="listbox", target_ref=first)
    assert named_before([box, select], select) is None


def test_a_description_with_its_own_words_needs_them_all_in_the_earlier_phrase() -> None:
    area = TargetRef(by="testid", value="drop-area")
    drag = _act(1, "drag", target_ref=KEY, destination="cart container", destination_ref=area)
    cart = _check(2, "text_contains", target="cart display", described=True, value="Book")
    total = _check(2, "text_contains", target="cart total", described=True, value="$3")
    assert named_before([drag, cart], cart) == (area, "cart container")
    assert named_before([drag, total], total) is None
