"""Actions done as a user does them: choosing the option a dropdown already shows changes nothing."""

from __future__ import annotations

from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Operation
from specwalk.verify.steps import StepKinds

from ..fakes import BASE_URL, ui_map

UNIT = Locator(parts=(LocatorPart(kind="testid", value="unit"),))


def _page() -> FakeDriver:
    shown = FakeElement(tag="option", css=("option:checked",), text="Select an Option")
    dropdown = FakeElement(role="combobox", tag="select", testid="unit", children=[shown])
    driver = FakeDriver(FakeApp({"/": lambda _page: [dropdown]}), BASE_URL, 1_000)
    assert driver.goto("/").ok
    return driver


def _kinds() -> StepKinds:
    return StepKinds(Resolver(LexicalRetriever([]), locale="en"), ui_map(), timeout_ms=1_000)


def test_choosing_the_option_already_shown_is_checked_not_selected_again() -> None:
    # A browser fires no change event for it; Playwright's selectOption would, and the app would
    # react to a choice no user can make ("Enter Select an Option...").
    done = _kinds().as_done(_page(), Operation(op="act", name="select", locator=UNIT, value=" Select  an Option"))
    chosen = Locator(parts=(*UNIT.parts, LocatorPart(kind="css", value="option:checked")))
    assert done == Operation(op="check", name="text", locator=chosen, value="Select an Option")


def test_choosing_another_option_is_a_selection() -> None:
    other = Operation(op="act", name="select", locator=UNIT, value="Centimeters")
    assert _kinds().as_done(_page(), other) == other
