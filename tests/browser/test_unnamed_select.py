"""A select whose label is not associated with it is found by the option the step picks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from specwalk.browser.playwright_driver import BrowserSession, PageDriver
from specwalk.emit.locators import to_typescript
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.locator import role

from .conftest import serve_directory

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    yield from serve_directory(PAGES)


@pytest.fixture
def page(session: BrowserSession, site: str) -> Iterator[PageDriver]:
    with session.page(site, timeout_ms=1_500) as driver:
        assert driver.goto("unnamed_select.html").ok
        yield driver


RESOLVER = Resolver(LexicalRetriever([]), locale="en")


def test_the_unnamed_select_is_found_by_its_option_and_selected(page: PageDriver) -> None:
    assert page.count(role("combobox")) == 2  # the bare role is ambiguous
    found = RESOLVER.resolve(page, "Theme", role="combobox", action="select", option="Dark")
    assert found.locator is not None, found.message
    assert to_typescript(found.locator) == "page.getByRole('combobox').filter({ hasText: 'Dark' })"
    assert "no accessible name" in found.message and "shows 'Theme', but no label is associated" in found.message
    assert page.act("select", found.locator, "Dark").ok
    assert page.check("value", found.locator, "dark").ok
    # A value check names the option's value ("dark"), which singles out the same select.
    checked = RESOLVER.resolve(page, "Theme", role="combobox", option="dark")
    assert checked.locator is not None and page.same_element(checked.locator, found.locator)


def test_without_the_option_or_with_a_named_selects_option_it_stays_not_grounded(page: PageDriver) -> None:
    assert not RESOLVER.resolve(page, "Theme", role="combobox", action="select").ok
    # "Deutsch" belongs to the select named "Language": it is not the "Theme" dropdown.
    named = RESOLVER.resolve(page, "Theme", role="combobox", action="select", option="Deutsch")
    assert not named.ok and "no element on the page matches 'Theme'" in named.message
    # The page must show the step's words: "Colour scheme" is nowhere.
    assert not RESOLVER.resolve(page, "Colour scheme", role="combobox", action="select", option="Dark").ok
