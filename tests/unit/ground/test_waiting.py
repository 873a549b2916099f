"""Resolving a target waits for it like Playwright's auto-waiting: on the in-memory fake page."""

from __future__ import annotations

import pytest

from specwalk.browser.fake import FakeApp, FakeDriver, FakeElement
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.ground.targets import PART_NOUNS, Targets, Wanted
from specwalk.models.locator import Locator, LocatorPart, role

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
    elsewhere = ui_element("src/ArticleList.vue:30:9", "button", "Favorite")
    driver = page(
        FakeElement(role="button", name="Favorite"), FakeElement(role="button", name="Favorite"), timeout_ms=1_000
    )
    ambiguous = Resolver(LexicalRetriever([FAVORITE, elsewhere]), locale="en").resolve(
        driver, "Favorite", role="button"
    )
    assert not ambiguous.ok
    assert "matches more than one element" in ambiguous.message
    assert driver.clock_ms == 1_000


def test_copies_of_one_control_resolve_to_the_first_visible_one() -> None:
    driver = page(FakeElement(role="button", name="Favorite"), FakeElement(role="button", name="Favorite"))
    found = resolver().resolve(driver, "Favorite", role="button", action="click")
    assert found.ok and found.copies == 2 and found.element == FAVORITE
    first = LocatorPart(kind="role", role="button", value="Favorite", exact=True, nth=0)
    assert found.locator == Locator(parts=(first,))
    assert driver.clock_ms == 0  # copies need no waiting


def test_copies_whose_first_is_hidden_use_the_first_visible() -> None:
    driver = page(
        FakeElement(role="button", name="Favorite", visible=False), FakeElement(role="button", name="Favorite")
    )
    found = resolver().resolve(driver, "Favorite", role="button")
    assert found.locator is not None and found.locator.target.visible and found.locator.target.nth == 0


def test_a_control_rendered_per_list_item_is_not_a_copy() -> None:
    per_item = ui_element("src/TaskItem.tsx:9:7", "button", "Delete", repeated=True)
    driver = page(FakeElement(role="button", name="Delete"), FakeElement(role="button", name="Delete"), timeout_ms=0)
    found = Resolver(LexicalRetriever([per_item]), locale="en").resolve(driver, "Delete", role="button")
    assert not found.ok and "matches more than one element" in found.message


def test_two_controls_written_apart_with_one_name_are_not_copies() -> None:
    top = ui_element("src/Toolbar.vue:4:3", "button", "Save", shared=2)
    bottom = ui_element("src/Footer.vue:11:5", "button", "Save", shared=2)
    driver = page(FakeElement(role="button", name="Save"), FakeElement(role="button", name="Save"), timeout_ms=0)
    found = Resolver(LexicalRetriever([top, bottom]), locale="en").resolve(driver, "Save", role="button")
    assert not found.ok and found.copies == 0


def test_a_field_described_by_a_role_noun_is_the_field_for_a_fill() -> None:
    # "I fill in the title": "title" names a heading when checked, but only a field takes text.
    heading = ui_element("src/ArticleView.vue:66:7", "heading", "Our on-call handbook")
    field = ui_element("src/EditorView.vue:70:7", "textbox", "Title")
    driver = page(FakeElement(role="heading", name="Our on-call handbook"), FakeElement(role="textbox", name="Title"))
    targets = Targets(Resolver(LexicalRetriever([heading, field]), locale="en"), [heading, field], timeout_ms=1_000)
    found = targets.resolve(driver, Wanted(phrase="title", described=True), route="/", must_exist=True, action="fill")
    assert found.ok and found.element == field


def test_a_described_target_rendered_after_the_data_loads_is_waited_for() -> None:
    # "I write … in the comment box": the box is rendered once the article's comments arrive.
    box = ui_element("src/CommentSection.vue:40:7", "textbox", "Write a comment")
    driver = page(
        FakeElement(role="heading", name="Article"),
        FakeElement(role="textbox", name="Write a comment", appears_at_ms=1_500),
    )
    targets = Targets(Resolver(LexicalRetriever([box]), locale="en"), [box], timeout_ms=5_000)
    found = targets.resolve(
        driver, Wanted(phrase="comment box", described=True), route="/", must_exist=True, action="fill"
    )
    assert found.ok and found.element == box
    assert 1_500 <= driver.clock_ms < 2_600
    missing = Targets(Resolver(LexicalRetriever([box]), locale="en"), [box], timeout_ms=1_000)
    gone = page(FakeElement(role="heading", name="Article"), timeout_ms=1_000)
    assert not missing.resolve(gone, Wanted(phrase="comment box", described=True), route="/", must_exist=True).ok
    assert gone.clock_ms == 1_000  # missing means missing for the whole timeout


@pytest.mark.parametrize("noun", sorted(PART_NOUNS))
def test_a_table_part_named_by_its_place_is_the_pages_only_one(noun: str) -> None:
    css = PART_NOUNS[noun]
    part = FakeElement(role="rowgroup", css=(css,))
    targets = Targets(resolver(), [FAVORITE], timeout_ms=1_000)
    for phrase in (f"the {noun}", f"the timetable {noun}"):
        found = targets.resolve(page(part), Wanted(phrase=phrase, described=True), route="/", must_exist=True)
        assert found.locator == Locator(parts=(LocatorPart(kind="css", value=css),)), phrase
    # two tables: which one's part is not said, so none is picked
    twice = page(part, FakeElement(role="rowgroup", css=(css,)))
    assert not targets.resolve(twice, Wanted(phrase=f"the {noun}", described=True), route="/", must_exist=True).ok
