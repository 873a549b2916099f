"""The in-memory fake driver follows the Driver protocol with Playwright's matching rules, simplified."""

from __future__ import annotations

from specwalk.browser.driver import Driver, Session
from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement, FakeResponse, FakeSession
from specwalk.models.locator import Locator, LocatorPart, role, single


def shop(driver: FakeDriver) -> list[FakeElement]:
    def add(page: FakeDriver, _action: str, _value: str | None) -> None:
        page.elements.append(FakeElement(role="status", name="", text="Added Eggs"))

    return [
        FakeElement(role="textbox", label="New item"),
        FakeElement(role="button", name="Add", text="Add", on=add),
        FakeElement(role="listitem", text="Bread", children=[FakeElement(role="button", name="Delete", text="Delete")]),
        FakeElement(role="listitem", text="Milk", children=[FakeElement(role="button", name="Delete", text="Delete")]),
    ]


def opened() -> FakeDriver:
    driver = FakeDriver(FakeApp({"/": shop}), "http://app.test/", 1_000)
    assert driver.goto("/").ok
    return driver


def test_it_is_a_driver_and_its_session_a_session() -> None:
    session: Session = FakeSession(FakeApp({}))
    with session.page("http://app.test/") as page:
        driver: Driver = page
        assert driver.url == "about:blank"


def test_locators_match_by_role_name_text_chain_and_nth() -> None:
    driver = opened()
    assert driver.count(role("button", "Delete")) == 2
    in_bread = Locator(
        parts=(LocatorPart(kind="role", role="listitem", value="", has_text="Bread"), *role("button", "Delete").parts)
    )
    assert driver.count(in_bread) == 1
    assert driver.count(single("label", "New item")) == 1
    assert driver.count(single("text", "add")) == 1 and driver.count(single("text", "add", exact=True)) == 0
    second = Locator(parts=(LocatorPart(kind="role", role="listitem", value="", nth=-1),))
    assert driver.text_of(second) == "Milk Delete"


def test_actions_need_one_element_and_run_its_handler() -> None:
    driver = opened()
    assert driver.act("fill", single("label", "New item"), "Eggs").ok
    assert driver.check("value", single("label", "New item"), "Eggs").ok
    assert driver.act("click", role("button", "Add")).ok
    assert driver.check("contains", role("status"), "Added Eggs").ok
    ambiguous = driver.act("click", role("button", "Delete"))
    assert not ambiguous.ok and "strict mode violation" in ambiguous.message


def test_checks_wait_on_the_simulated_clock() -> None:
    late = FakeApp({"/": lambda _page: [FakeElement(role="button", name="Follow", appears_at_ms=1_500)]})
    driver = FakeDriver(late, "http://app.test/", 5_000)
    driver.goto("/")
    assert not driver.check("visible", role("button", "Follow"), timeout_ms=1_000).ok
    assert driver.clock_ms == 1_000
    assert driver.check("visible", role("button", "Follow")).ok
    assert driver.clock_ms == 1_500


def test_a_page_that_loads_slower_than_the_navigation_timeout_is_a_failed_goto() -> None:
    slow = FakeApp({"/": FakeResponse(lambda _page: [], load_ms=40_000)})
    driver = FakeDriver(slow, "http://app.test/", 5_000)
    failed = driver.goto("/")
    assert not failed.ok and "Timeout 30000ms exceeded" in failed.message
