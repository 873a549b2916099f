"""Resolving a target waits for it like Playwright's auto-waiting: on the in-memory fake page."""

from __future__ import annotations

from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.locator import role

from ..fakes import BASE_URL, ui_element

FAVORITE = ui_element("src/ArticleMeta.vue:12:5", "button", "Favorite")


def page(*elements: FakeElement, timeout_ms: float = 5_000) -> FakeDriver:
    driver = FakeDriver(FakeApp({"/": lambda _page: list(elements)}), BASE_URL, timeout_ms)
    assert driver.goto("/").ok
    return driver


def resolver() -> Resolver:
    return Resolver(LexicalRetriever([FAVORITE]), locale="en")


def test_a_button_rendered_after_the_data_loads_is_found_when_it_appears() -> None:
    driver = page(
        FakeElement(role="heading", name="Article"), FakeElement(role="button", name="Favorite", appears_at_ms=1_600)
    )
    found = resolver().resolve(driver, "Favorite", role="button", action="click")
    assert found.ok and found.locator == role("button", "Favorite")
    assert found.element == FAVORITE
    assert 1_600 <= driver.clock_ms < 2_700  # looked again soon after it appeared, not at the deadline


def test_a_missing_target_is_reported_after_the_action_timeout_not_before() -> None:
    driver = page(FakeElement(role="heading", name="Article"), timeout_ms=2_000)
    missing = resolver().resolve(driver, "Favorite", role="button", action="click")
    assert not missing.ok
    assert missing.message == "no element on the page matches 'Favorite'"
    assert driver.clock_ms == 2_000


def test_an_explicit_timeout_overrides_the_drivers() -> None:
    driver = page(FakeElement(role="button", name="Favorite", appears_at_ms=1_000))
    assert not resolver().resolve(driver, "Favorite", role="button", timeout_ms=0).ok
    assert driver.clock_ms == 0


def test_absence_is_not_waited_for_when_the_step_is_about_absence() -> None:
    driver = page(FakeElement(role="heading", name="Article"))
    hidden = resolver().resolve(driver, "Favorite", role="button", must_exist=False)
    assert hidden.locator == role("button", "Favorite") and hidden.element == FAVORITE
    assert driver.clock_ms == 0


def test_two_matches_that_stay_two_are_ambiguous_after_waiting() -> None:
    driver = page(
        FakeElement(role="button", name="Favorite"), FakeElement(role="button", name="Favorite"), timeout_ms=1_000
    )
    ambiguous = resolver().resolve(driver, "Favorite", role="button")
    assert not ambiguous.ok
    assert "matches more than one element" in ambiguous.message
    assert driver.clock_ms == 1_000
