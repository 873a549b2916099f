"""A page named by the document title ("Given the BMI Calculator page is loaded") opens that page.

People name a single-page app's page after its title; the title says which page it is, and it is
only taken when exactly one page has it (words of the name, case aside)."""

from __future__ import annotations

from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement
from specwalk.models.scenario import ActionStep
from specwalk.verify.suite import verify_plan

from ..fakes import _source, click, plan, scenario, sees, ui_element, ui_map, verifier

SAVE = ui_element("index.html:8:3", "button", "Save")


def calculator(_page: FakeDriver) -> list[FakeElement]:
    def save(page: FakeDriver, _action: str, _value: str | None) -> None:
        page.elements.append(FakeElement(role="status", text="Saved"))

    return [
        FakeElement(css=("head > title", "title"), text="BMI Calculator", visible=False),
        FakeElement(role="heading", name="Body Mass Index", text="Body Mass Index"),
        FakeElement(role="button", name="Save", on=save),
    ]


def opens(name: str) -> ActionStep:
    return ActionStep(text=f"the {name} page is loaded", source=_source(1), action="open", target=name)


def test_a_page_named_by_its_document_title_is_opened() -> None:
    for name in ("BMI Calculator", "bmi calculator", "calculator"):
        saves = scenario("Save", opens(name), click("Save", 2), sees("Saved", 3))
        result = verify_plan(plan(saves), verifier(FakeApp({"/": calculator}), ui_map(SAVE))).scenarios[0]
        assert result.status == "passed", (name, result.message)


def test_a_name_the_title_does_not_have_is_not_grounded() -> None:
    saves = scenario("Save", opens("Settings"), click("Save", 2), sees("Saved", 3))
    result = verify_plan(plan(saves), verifier(FakeApp({"/": calculator}), ui_map(SAVE))).scenarios[0]
    assert result.status == "not_grounded"
    assert "no route is named 'Settings'" in result.message
