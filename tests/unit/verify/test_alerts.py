""" "Then an alert is displayed": an alert element, a browser dialog the script opens, or neither
(a required field the browser's own validation stops the submit for: not called a dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.report import Operation
from specwalk.models.scenario import ExpectationStep, SourceRef
from specwalk.verify.steps import StepKinds

from ..fakes import BASE_URL, ui_map

ALERT = ExpectationStep(
    text="an alert is displayed",
    source=SourceRef(file="r.md", line=3),
    expectation="element_visible",
    target="alert",
    role="alert",
    described=True,
)


def _kinds(root: Path, script: str) -> StepKinds:
    (root / "script.js").write_text(script, encoding="utf-8")
    app_map = ui_map().model_copy(update={"root": str(root)})
    return StepKinds(Resolver(LexicalRetriever([]), locale="en"), app_map, timeout_ms=1_000)


def _page(*elements: FakeElement, dialogs: tuple[str, ...] = ()) -> FakeDriver:
    driver = FakeDriver(FakeApp({"/": lambda _page: list(elements)}), BASE_URL, 1_000)
    assert driver.goto("/").ok
    driver.dialogs.extend(dialogs)
    return driver


def _unused(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the alert is not looked for as an element here")


def test_an_alert_the_script_opens_is_a_dialog_shown(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, 'if (!name) {\n  alert("Please enter a name");\n}\n')
    handled = kinds.expectation(_page(FakeElement(role="button", name="Add")), ALERT, _unused, "/")
    assert handled is not None
    operations, resolution = handled
    assert operations == [Operation(op="check", name="dialog", value="", match="contains")]
    assert resolution is not None and "opens a browser dialog (script.js:2)" in resolution.message


@pytest.mark.parametrize(
    ("elements", "script"),
    [
        # the page shows an alert element: the usual visibility check
        ((FakeElement(role="alert", name="Saved"),), 'alert("x");'),
        # no script opens a dialog: nothing says the alert is one
        ((), "console.log('x');"),
        # a required field is empty and no dialog came: the browser's validation bubble, perhaps
        ((FakeElement(role="textbox", css=("form:not([novalidate]) :invalid",)),), 'alert("x");'),
    ],
)
def test_otherwise_the_alert_is_not_claimed_to_be_a_dialog(
    tmp_path: Path, elements: tuple[FakeElement, ...], script: str
) -> None:
    assert _kinds(tmp_path, script).expectation(_page(*elements), ALERT, _unused, "/") is None


def test_a_dialog_already_shown_settles_it_whatever_the_fields(tmp_path: Path) -> None:
    page = _page(
        FakeElement(role="textbox", css=("form:not([novalidate]) :invalid",)),
        dialogs=("Please fill in all the fields.",),
    )
    assert _kinds(tmp_path, 'alert("x");').expectation(page, ALERT, _unused, "/") is not None


def test_a_dialog_message_is_not_awaited_when_the_browsers_validation_stopped_the_submit(tmp_path: Path) -> None:
    from specwalk.verify.steps import NotGrounded

    says = ALERT.model_copy(update={"expectation": "dialog_text", "value": "Please fill in all the fields."})
    page = _page(FakeElement(role="textbox", css=("form:not([novalidate]) :invalid",)))
    with pytest.raises(NotGrounded, match="the browser's own validation"):
        _kinds(tmp_path, 'alert("x");').expectation(page, says, _unused, "/")
    # once a dialog came, its message is checked as usual
    page.dialogs.append("Please fill in all the fields.")
    handled = _kinds(tmp_path, 'alert("x");').expectation(page, says, _unused, "/")
    assert handled is not None and handled[0][0].name == "dialog"
