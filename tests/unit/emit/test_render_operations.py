"""Exact code for every operation kind, in both languages, as the emitted suites contain it."""

from __future__ import annotations

import re

import pytest

from specwalk.emit import playwright_ts, pytest_py
from specwalk.models.locator import Locator, LocatorPart, role, single
from specwalk.models.report import Operation

from .groceries import act, check

FIELD = single("label", "New item")
ADD = role("button", "Add", exact=True)
SCOPED = Locator(
    parts=(
        LocatorPart(kind="role", role="listitem", value="", has_text="Bread"),
        LocatorPart(kind="role", role="button", value="Delete", nth=0),
    )
)

CASES: list[tuple[Operation, str, str]] = [
    (Operation(op="goto", value="#/notes"), "await page.goto('#/notes');", 'page.goto("#/notes")'),
    (Operation(op="reload"), "await page.reload();", "page.reload()"),
    (Operation(op="go_back"), "await page.goBack();", "page.go_back()"),
    (Operation(op="go_forward"), "await page.goForward();", "page.go_forward()"),
    (
        Operation(op="press_key", value="Control+A"),
        "await page.keyboard.press('Control+A');",
        'page.keyboard.press("Control+A")',
    ),
    (
        act("click", ADD),
        "await page.getByRole('button', { name: 'Add', exact: true }).click();",
        'page.get_by_role("button", name="Add", exact=True).click()',
    ),
    (
        act("dblclick", SCOPED),
        "await page.getByRole('listitem').filter({ hasText: 'Bread' }).getByRole('button', { name: 'Delete' }).first()"
        ".dblclick();",
        'page.get_by_role("listitem").filter(has_text="Bread").get_by_role("button", name="Delete").first.dblclick()',
    ),
    (
        act("click", Locator(parts=(LocatorPart(kind="role", role="button", value="Favorite", visible=True, nth=0),))),
        "await page.getByRole('button', { name: 'Favorite' }).filter({ visible: true }).first().click();",
        'page.get_by_role("button", name="Favorite").filter(visible=True).first.click()',
    ),
    (
        act("click", Locator(parts=(LocatorPart(kind="text", value="Reply", nth=-1),))),
        "await page.getByText('Reply').last().click();",
        'page.get_by_text("Reply").last.click()',
    ),
    (
        act("fill", FIELD, 'It\'s "new"'),
        "await page.getByLabel('New item').fill('It\\'s \"new\"');",
        'page.get_by_label("New item").fill("It\'s \\"new\\"")',
    ),
    (act("clear", FIELD), "await page.getByLabel('New item').clear();", 'page.get_by_label("New item").clear()'),
    (
        act("press", FIELD, "Enter"),
        "await page.getByLabel('New item').press('Enter');",
        'page.get_by_label("New item").press("Enter")',
    ),
    (act("press", None, "Escape"), "await page.keyboard.press('Escape');", 'page.keyboard.press("Escape")'),
    (
        act("select", single("label", "Shop"), "Market"),
        "await page.getByLabel('Shop').selectOption({ label: 'Market' });",
        'page.get_by_label("Shop").select_option(label="Market")',
    ),
    (
        act("select", single("label", "Shop")),
        "await page.getByLabel('Shop').selectOption({ index: 0 });",
        'page.get_by_label("Shop").select_option(index=0)',
    ),
    (
        act("check", role("checkbox", "Urgent")),
        "await page.getByRole('checkbox', { name: 'Urgent' }).check();",
        'page.get_by_role("checkbox", name="Urgent").check()',
    ),
    (
        act("uncheck", role("checkbox", "Urgent")),
        "await page.getByRole('checkbox', { name: 'Urgent' }).uncheck();",
        'page.get_by_role("checkbox", name="Urgent").uncheck()',
    ),
    (
        act("hover", single("title", "Help")),
        "await page.getByTitle('Help').hover();",
        'page.get_by_title("Help").hover()',
    ),
    (
        act("upload", single("testid", "avatar"), "fixtures/me.png"),
        "await page.getByTestId('avatar').setInputFiles('fixtures/me.png');",
        'page.get_by_test_id("avatar").set_input_files("fixtures/me.png")',
    ),
    (
        check("visible", single("text", "Saved", exact=True)),
        "await expect(page.getByText('Saved', { exact: true })).toBeVisible();",
        'expect(page.get_by_text("Saved", exact=True)).to_be_visible()',
    ),
    (
        check("visible", single("text", "Bread"), negated=True),
        "await expect(page.getByText('Bread')).not.toBeVisible();",
        'expect(page.get_by_text("Bread")).not_to_be_visible()',
    ),
    (
        check("hidden", role("dialog")),
        "await expect(page.getByRole('dialog')).toBeHidden();",
        'expect(page.get_by_role("dialog")).to_be_hidden()',
    ),
    (
        check("enabled", ADD),
        "await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeEnabled();",
        'expect(page.get_by_role("button", name="Add", exact=True)).to_be_enabled()',
    ),
    (
        check("disabled", role("button", "Archive")),
        "await expect(page.getByRole('button', { name: 'Archive' })).toBeDisabled();",
        'expect(page.get_by_role("button", name="Archive")).to_be_disabled()',
    ),
    (
        check("checked", role("checkbox", "Urgent"), negated=True),
        "await expect(page.getByRole('checkbox', { name: 'Urgent' })).not.toBeChecked();",
        'expect(page.get_by_role("checkbox", name="Urgent")).not_to_be_checked()',
    ),
    (
        check("focused", single("placeholder", "What to buy?")),
        "await expect(page.getByPlaceholder('What to buy?')).toBeFocused();",
        'expect(page.get_by_placeholder("What to buy?")).to_be_focused()',
    ),
    (
        check("empty", FIELD),
        "await expect(page.getByLabel('New item')).toBeEmpty();",
        'expect(page.get_by_label("New item")).to_be_empty()',
    ),
    (
        check("text", single("css", "#count"), "3 items"),
        "await expect(page.locator('#count')).toHaveText('3 items');",
        'expect(page.locator("#count")).to_have_text("3 items")',
    ),
    (
        check("contains", role("status"), "Added"),
        "await expect(page.getByRole('status')).toContainText('Added');",
        'expect(page.get_by_role("status")).to_contain_text("Added")',
    ),
    (
        check("value", single("alt", "Logo"), "x"),
        "await expect(page.getByAltText('Logo')).toHaveValue('x');",
        'expect(page.get_by_alt_text("Logo")).to_have_value("x")',
    ),
    (
        check("count", role("listitem"), "3"),
        "await expect(page.getByRole('listitem')).toHaveCount(3);",
        'expect(page.get_by_role("listitem")).to_have_count(3)',
    ),
    (
        check("count", role("listitem"), "0", negated=True),
        "await expect(page.getByRole('listitem')).not.toHaveCount(0);",
        'expect(page.get_by_role("listitem")).not_to_have_count(0)',
    ),
    (
        check("url", None, "/tasks/1?tab=a.b"),
        "await expect(page).toHaveURL(/\\/tasks\\/1\\?tab=a\\.b(?:[?#].*)?$/);",
        'expect(page).to_have_url(re.compile(re.escape("/tasks/1?tab=a.b") + r"(?:[?#].*)?$"))',
    ),
    (
        check("url", None, "#/", negated=True),
        "await expect(page).not.toHaveURL(/#\\/(?:[?#].*)?$/);",
        'expect(page).not_to_have_url(re.compile(re.escape("#/") + r"(?:[?#].*)?$"))',
    ),
    (
        check("title", None, "Tasks — 任务"),
        "await expect(page).toHaveTitle('Tasks — 任务');",
        'expect(page).to_have_title("Tasks — 任务")',
    ),
    (act("focus", FIELD), "await page.getByLabel('New item').focus();", 'page.get_by_label("New item").focus()'),
    (
        act("type", single("testid", "height"), "abc"),
        "await page.getByTestId('height').pressSequentially('abc');",
        'page.get_by_test_id("height").press_sequentially("abc")',
    ),
    (
        Operation(op="check", name="property", locator=single("css", "video"), key="paused", value="true"),
        "await expect(page.locator('video')).toHaveJSProperty('paused', true);",
        'expect(page.locator("video")).to_have_js_property("paused", True)',
    ),
    (
        check("in_viewport", single("testid", "help"), negated=True),
        "await expect(page.getByTestId('help')).not.toBeInViewport();",
        'expect(page.get_by_test_id("help")).not_to_be_in_viewport()',
    ),
    (
        check("count", Locator(parts=(LocatorPart(kind="css", value=".key", hidden=True),)), "0"),
        "await expect(page.locator('.key').filter({ visible: false })).toHaveCount(0);",
        'expect(page.locator(".key").filter(visible=False)).to_have_count(0)',
    ),
    (
        Operation(op="act", name="drag", locator=single("testid", "item-1"), to=single("testid", "basket")),
        "await page.getByTestId('item-1').dragTo(page.getByTestId('basket'));",
        'page.get_by_test_id("item-1").drag_to(page.get_by_test_id("basket"))',
    ),
    (
        Operation(op="clear_storage"),
        "await page.context().clearCookies(); "
        "await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });",
        'page.context.clear_cookies(); page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")',
    ),
    (
        Operation(op="dialog", name="dismiss"),
        "dialogs.next = (dialog) => dialog.dismiss();",
        "dialogs.next = lambda dialog: dialog.dismiss()",
    ),
    (
        Operation(op="dialog", name="accept", value="Oat 'milk'"),
        "dialogs.next = (dialog) => dialog.accept('Oat \\'milk\\'');",
        "dialogs.next = lambda dialog: dialog.accept(\"Oat 'milk'\")",
    ),
    (
        Operation(op="dialog", name="accept"),
        "dialogs.next = (dialog) => dialog.accept();",
        "dialogs.next = lambda dialog: dialog.accept()",
    ),
    (
        check("class", single("testid", "item-1"), "bought"),
        "await expect(page.getByTestId('item-1')).toContainClass('bought');",
        'expect(page.get_by_test_id("item-1")).to_contain_class("bought")',
    ),
    (
        check("class", single("testid", "seat-2"), "selected", negated=True),
        "await expect(page.getByTestId('seat-2')).not.toContainClass('selected');",
        'expect(page.get_by_test_id("seat-2")).not_to_contain_class("selected")',
    ),
    (
        check("selected", single("testid", "movie-2")),
        "await expect(page.getByTestId('movie-2')).toHaveJSProperty('selected', true);",
        'expect(page.get_by_test_id("movie-2")).to_have_js_property("selected", True)',
    ),
    (
        Operation(op="check", name="attribute", locator=ADD, key="aria-pressed", value="true"),
        "await expect(page.getByRole('button', { name: 'Add', exact: true })).toHaveAttribute('aria-pressed', 'true');",
        'expect(page.get_by_role("button", name="Add", exact=True)).to_have_attribute("aria-pressed", "true")',
    ),
    (
        Operation(
            op="check", name="attribute", locator=FIELD, key="placeholder", value="Item (1)", match="starts_with"
        ),
        "await expect(page.getByLabel('New item')).toHaveAttribute('placeholder', /^Item \\(1\\)/);",
        'expect(page.get_by_label("New item")).to_have_attribute("placeholder", re.compile("^Item \\\\(1\\\\)"))',
    ),
    (
        Operation(op="check", name="dialog", value="Saved.", match="contains"),
        "await expect.poll(() => dialogs.messages.at(-1) ?? '').toMatch(/Saved\\./);",
        'dialogs.expect_last(re.compile("Saved\\\\."))',
    ),
    (
        Operation(op="check", name="dialog", value="Sure?", negated=True),
        "await expect.poll(() => dialogs.messages.at(-1) ?? '').not.toMatch(/^Sure\\?$/);",
        'dialogs.expect_last(re.compile("^Sure\\\\?$"), negated=True)',
    ),
    (
        Operation(op="check", name="dialog", value="", match="contains"),  # "an alert is displayed"
        "await expect.poll(() => dialogs.messages.length).toBeGreaterThan(0);",
        "dialogs.expect_shown()",
    ),
    (
        Operation(op="check", name="dialog", value="", match="contains", negated=True),
        "await expect.poll(() => dialogs.messages.length).toBe(0);",
        "dialogs.expect_shown(negated=True)",
    ),
    (
        Operation(op="check", name="url", value="#/basket", match="ends_with"),
        "await expect(page).toHaveURL(/#\\/basket$/);",
        'expect(page).to_have_url(re.compile("#\\\\/basket$"))',
    ),
    (
        Operation(op="check", name="text", locator=single("css", "#total"), value="$1", match="starts_with"),
        "await expect(page.locator('#total')).toHaveText(/^\\$1/);",
        'expect(page.locator("#total")).to_have_text(re.compile("^\\\\$1"))',
    ),
    (
        Operation(op="check", name="text", locator=single("css", "#total"), value="12", match="contains"),
        "await expect(page.locator('#total')).toContainText('12');",
        'expect(page.locator("#total")).to_contain_text("12")',
    ),
    (
        act("right_click", single("testid", "card-3")),
        "await page.getByTestId('card-3').click({ button: 'right' });",
        'page.get_by_test_id("card-3").click(button="right")',
    ),
    (
        act("submit", single("testid", "signup")),
        "await page.getByTestId('signup').evaluate((element: HTMLElement) => { const form = element instanceof "
        "HTMLFormElement ? element : (element as HTMLInputElement).form; if (!form) throw new Error('no form to "
        "submit: the element is not a form or a field of one'); form.requestSubmit(); });",
        'page.get_by_test_id("signup").evaluate("(element) => { const form = element instanceof HTMLFormElement ? '
        "element : element.form; if (!form) throw new Error('no form to submit: the element is not a form or a "
        "field of one'); form.requestSubmit(); }\")",
    ),
    (
        Operation(op="check", name="property", locator=single("testid", "clip"), key="volume", value="0.5"),
        "await expect(page.getByTestId('clip')).toHaveJSProperty('volume', 0.5);",
        'expect(page.get_by_test_id("clip")).to_have_js_property("volume", 0.5)',
    ),
    (
        Operation(op="remember", name="count", locator=single("css", "#orders li"), key="before4"),
        "const before4 = await page.locator('#orders li').count();",
        'before4 = page.locator("#orders li").count()',
    ),
    (
        Operation(op="check", name="count", locator=single("css", "#orders li"), key="before4", value="1"),
        "await expect(page.locator('#orders li')).toHaveCount(before4 + 1);",
        'expect(page.locator("#orders li")).to_have_count(before4 + 1)',
    ),
    (
        Operation(op="check", name="count", locator=single("css", "#orders li"), key="before4", value="0"),
        "await expect(page.locator('#orders li')).toHaveCount(before4);",
        'expect(page.locator("#orders li")).to_have_count(before4)',
    ),
    (
        Operation(op="check", name="value", locator=FIELD, value="09:", match="starts_with"),
        "await expect(page.getByLabel('New item')).toHaveValue(/^09:/);",
        'expect(page.get_by_label("New item")).to_have_value(re.compile("^09:"))',
    ),
]


@pytest.mark.parametrize(("operation", "typescript", "python"), CASES)
def test_operation_renders_exactly(operation: Operation, typescript: str, python: str) -> None:
    assert playwright_ts.render_operation(operation) == typescript
    assert pytest_py.render_operation(operation) == python


def test_every_operation_kind_and_name_is_covered() -> None:
    ops = {op.op for op, _, _ in CASES}
    acts = {op.name for op, _, _ in CASES if op.op == "act"}
    checks = {op.name for op, _, _ in CASES if op.op == "check"}
    assert ops == {
        "goto",
        "reload",
        "go_back",
        "go_forward",
        "act",
        "check",
        "press_key",
        "clear_storage",
        "dialog",
        "remember",
    }
    assert acts == {
        "click",
        "dblclick",
        "fill",
        "clear",
        "press",
        "select",
        "check",
        "uncheck",
        "hover",
        "upload",
        "focus",
        "drag",
        "type",
        "right_click",
        "submit",
    }
    assert checks == {
        "visible",
        "hidden",
        "enabled",
        "disabled",
        "checked",
        "focused",
        "empty",
        "text",
        "contains",
        "value",
        "count",
        "url",
        "title",
        "class",
        "selected",
        "attribute",
        "dialog",
        "property",
        "in_viewport",
    }


@pytest.mark.parametrize("value", ["/tasks/1?tab=a.b", "#/notes/(draft)", "a+b*c^d$e|f[g]{h}\\i", "/"])
def test_url_patterns_match_what_the_driver_matches(value: str) -> None:
    """The JS regex literal, read back as a Python regex, is the driver's pattern in effect."""
    literal = playwright_ts.url_regex(value)
    driver = re.compile(re.escape(value) + r"(?:[?#].*)?$")
    emitted = re.compile(literal[1:-1].replace("\\/", "/"))
    for url in (f"http://h/{value}", f"http://h{value}", f"http://h/{value}?q=1", f"http://h/{value}x", "http://h/"):
        assert bool(emitted.search(url)) == bool(driver.search(url)), url


@pytest.mark.parametrize(
    "operation",
    [
        act("click", None),
        act("teleport", single("text", "x")),
        act("drag", single("text", "x")),
        check("glows", single("text", "x")),
        check("text"),
    ],
)
def test_impossible_operations_are_bugs(operation: Operation) -> None:
    with pytest.raises(ValueError):
        playwright_ts.render_operation(operation)
    with pytest.raises(ValueError):
        pytest_py.render_operation(operation)
