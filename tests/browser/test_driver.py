"""The page driver and the locator renderers against a real page in real Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from specwalk.browser.playwright_driver import BrowserSession, PageDriver
from specwalk.emit.locators import to_python, to_typescript
from specwalk.models.locator import Locator, LocatorPart, role, single

from .conftest import serve_directory

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    yield from serve_directory(PAGES)


@pytest.fixture
def page(session: BrowserSession, site: str) -> Iterator[PageDriver]:
    with session.page(site, timeout_ms=1_500) as driver:
        assert driver.goto("driver.html").ok
        yield driver


DELETE_BREAD = Locator(
    parts=(
        LocatorPart(kind="role", role="listitem", value="", has_text="Bread"),
        LocatorPart(kind="role", role="button", value="Delete"),
    )
)


def test_fill_press_and_check_outcomes(page: PageDriver) -> None:
    field = single("label", "New item")
    assert page.act("fill", field, "Eggs").ok
    assert page.act("press", field, "Enter").ok
    assert page.check("contains", role("status"), "Added Eggs").ok
    assert page.check("empty", field).ok
    assert page.check("text", single("css", "#count"), "3 items").ok
    failed = page.check("text", single("css", "#count"), "4 items")
    assert not failed.ok and failed.actual == "3 items"


def test_click_in_a_list_item_scoped_by_its_text(page: PageDriver) -> None:
    assert page.count(role("button", "Delete")) == 2
    assert page.count(DELETE_BREAD) == 1
    assert page.act("click", DELETE_BREAD).ok
    assert page.check("count", Locator(parts=(LocatorPart(kind="role", role="listitem", value=""),)), "1").ok
    assert page.check("visible", single("text", "Bread"), negated=True).ok


def test_disabled_target_fails_as_a_value_not_an_exception(page: PageDriver) -> None:
    assert page.check("disabled", role("button", "Archive")).ok
    outcome = page.act("click", role("button", "Archive"))
    assert not outcome.ok and "Timeout" in outcome.message
    missing = page.act("click", role("button", "Nope"))
    assert not missing.ok


def test_checkbox_select_url_and_title(page: PageDriver, site: str) -> None:
    assert page.act("check", single("label", "Urgent")).ok
    assert page.check("checked", single("label", "Urgent")).ok
    assert page.act("select", single("label", "Shop"), "Market").ok
    assert page.check("value", single("label", "Shop"), "Market").ok
    assert page.check("url", None, "/driver.html").ok
    assert page.check("title", None, "Driver fixture").ok
    assert not page.check("url", None, "/other.html").ok


def test_screenshot_with_highlight(page: PageDriver, tmp_path: Path) -> None:
    shot = page.screenshot(tmp_path / "shot.png", highlight=role("button", "Add"))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("locator", "typescript", "python"),
    [
        (
            role("button", "Add", exact=True),
            "page.getByRole('button', { name: 'Add', exact: true })",
            'page.get_by_role("button", name="Add", exact=True)',
        ),
        (
            single("placeholder", "What to buy?"),
            "page.getByPlaceholder('What to buy?')",
            'page.get_by_placeholder("What to buy?")',
        ),
        (single("testid", "items"), "page.getByTestId('items')", 'page.get_by_test_id("items")'),
        (
            DELETE_BREAD,
            "page.getByRole('listitem').filter({ hasText: 'Bread' }).getByRole('button', { name: 'Delete' })",
            'page.get_by_role("listitem").filter(has_text="Bread").get_by_role("button", name="Delete")',
        ),
        (single("css", "#count"), "page.locator('#count')", 'page.locator("#count")'),
        (
            # "Basket 2" and "Open basket" both contain "Basket"; only one name starts with the word.
            Locator(parts=(LocatorPart(kind="role", role="link", value="Basket", prefix=True),)),
            "page.getByRole('link', { name: /^Basket\\b/ })",
            'page.get_by_role("link", name=re.compile("^Basket\\\\b"))',
        ),
    ],
)
def test_rendered_python_finds_what_the_driver_finds(
    page: PageDriver, locator: Locator, typescript: str, python: str
) -> None:
    assert to_typescript(locator) == typescript
    assert to_python(locator) == python
    # Execute the emitted Python against the live page: it must match exactly one element too.
    live = eval(python, {"page": page._page, "re": re})
    assert live.count() == page.count(locator) == 1


def test_quotes_and_non_ascii_are_escaped() -> None:
    tricky = single("text", 'It\'s "保存"\n')
    assert to_typescript(tricky) == "page.getByText('It\\'s \"保存\"\\n')"
    assert to_python(tricky) == 'page.get_by_text("It\'s \\"保存\\"\\n")'


def test_a_class_applied_briefly_after_the_last_action_is_seen_when_looked_for_late(
    session: BrowserSession, site: str
) -> None:
    # A busy machine may look after the 150 ms are over: the page's own record says it was applied.
    key_a, key_s = single("testid", "key-a"), single("testid", "key-s")
    with session.page(site, timeout_ms=500) as driver:
        assert driver.goto("lit_key.html").ok
        assert not driver.check("class", key_a, "active").ok  # never played: not seen
        assert driver.act("click", key_a).ok
        driver.pause(400)
        seen = driver.check("class", key_a, "active")
        assert seen.ok and "applied after the last action" in seen.message
        assert not driver.check("class", key_s, "active").ok  # another key was not lit
        assert driver.act("click", key_s).ok
        driver.pause(400)
        assert not driver.check("class", key_a, "active").ok  # lit before the last action: not now
        assert driver.check("class", key_s, "active").ok
