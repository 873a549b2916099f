"""Criteria written like one scenario ("Given …, when …, then …") that use reusable steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, StateStep, Step
from specwalk.plan import plan_files
from specwalk.plan.library import BodyLine, StepLibrary, define
from specwalk.plan.sentences import split_keywords

FIXTURES = Path(__file__).parents[2] / "fixtures" / "plan"


@pytest.fixture(scope="module")
def criteria() -> Plan:
    return plan_files([FIXTURES / "criteria.md"], base=FIXTURES)


def _summary(step: Step) -> tuple[str, str, str | None, str | None]:
    if isinstance(step, ActionStep):
        return (step.keyword, step.action, step.target, step.value)
    if isinstance(step, ExpectationStep):
        return (step.keyword, step.expectation, step.target, step.value)
    return (step.keyword, "state", step.state, None)


def test_given_part_expands_reusable_steps_into_preconditions(criteria: Plan) -> None:
    scenario = criteria.requirements[0].scenarios[0]
    assert [_summary(step) for step in scenario.preconditions] == [
        ("Given", "open", None, "/login"),
        ("Given", "fill", "Username", "admin"),
        ("Given", "click", "Sign in", None),
        ("Given", "open", None, "/"),
        ("Given", "click", "Blue Mug", None),
        ("Given", "fill", "Quantity", "2"),  # an unquoted {count} parameter
        ("Given", "click", "Add to cart", None),
    ]
    assert [_summary(step) for step in scenario.steps] == [
        ("When", "open", None, "/cart"),
        ("Then", "count", "Cart items", None),
        ("When", "click", "Remove Blue Mug", None),
        ("Then", "text_visible", None, "Your cart is empty"),
    ]
    count = scenario.steps[1]
    assert isinstance(count, ExpectationStep) and (count.count, count.role) == (1, "list")
    assert [step.keyword_type for step in scenario.steps] == ["when", "then", "when", "then"]
    # every expanded step points back at the criterion that used it
    assert {step.expanded_from.line for step in scenario.preconditions if step.expanded_from} == {7}
    assert scenario.preconditions[0].source.line == 16  # the definition's body line


def test_then_inside_a_clause_does_not_start_a_new_part(criteria: Plan) -> None:
    steps = criteria.requirements[1].scenarios[0].steps
    assert [_summary(step) for step in steps] == [
        ("When", "click", "Edit", None),
        ("Then", "text_contains", "list", "Edit task"),
    ]


def test_chinese_criterion_with_keywords(criteria: Plan) -> None:
    scenario = criteria.requirements[2].scenarios[0]
    assert [_summary(step) for step in scenario.preconditions] == [
        ("假如", "open", None, "/login"),
        ("假如", "fill", "Username", "admin"),
        ("假如", "click", "Sign in", None),
    ]
    assert [_summary(step) for step in scenario.steps] == [
        ("当", "open", None, "/cart"),
        ("那么", "text_visible", None, "Your cart is empty"),
    ]


def test_an_unknown_given_clause_stays_a_state_and_known_parts_are_not_swallowed(criteria: Plan) -> None:
    pre = criteria.requirements[3].scenarios[0].preconditions
    assert [type(step) for step in pre] == [StateStep]
    assert isinstance(pre[0], StateStep) and pre[0].state == "am signed in and the moon is full"


def test_a_number_parameter_takes_only_numbers(criteria: Plan) -> None:
    scenario = criteria.requirements[4].scenarios[0]
    assert [_summary(step) for step in scenario.preconditions] == [
        ("Given", "state", "have added many {0} to the cart", None)
    ]
    assert criteria.unplanned == ()


def test_split_keywords_only_splits_scenario_shaped_sentences() -> None:
    assert split_keywords('I click "Save" and then I should see "Saved"') is None
    assert split_keywords('Given I am on the "/when" page, when I click "Then", then I should see "x"') == [
        ("Given", "given", 'Given I am on the "/when" page'),
        ("When", "when", 'when I click "Then"'),
        ("Then", "then", 'then I should see "x"'),
    ]
    # the keywords are never looked for inside quotes; values come back in straight quotes
    assert split_keywords("假如我已登录，当我点击“当”，那么应看到“那么”") == [
        ("假如", "given", "假如我已登录"),
        ("当", "when", '当我点击"当"'),
        ("那么", "then", '那么应看到"那么"'),
    ]


def test_quotes_that_contain_straight_quotes_survive_the_split() -> None:
    parts = split_keywords('When I click “Say "hi"”, then I should see "ok"')
    assert parts == [("When", "when", 'When I click “Say "hi"”'), ("Then", "then", 'then I should see "ok"')]


def test_library_number_parameters() -> None:
    definition = define(
        'I have added {count} "{product}" to the cart', 1, [BodyLine('I fill in "Q" with "{count}"', 2)]
    )
    library = StepLibrary([definition])
    use = library.match('Given I have added 12 "Blue Mug" to the cart')
    assert use is not None and [line.text for line in use.body] == ['I fill in "Q" with "12"']
    assert library.match('I have added 12 "Blue Mug" to the basket') is None


def test_quoted_values_keep_their_spaces_but_not_their_line_breaks(tmp_path: Path) -> None:
    doc = tmp_path / "requirements.md"
    doc.write_text(
        "# App\n\n## Notes\n\n"
        '- When I open the "/" page, fill in "Title" with "   " and fill in "Body" with "a long\n'
        '  wrapped   value", then I should see "Title   is required".\n',
        encoding="utf-8",
    )
    steps = plan_files([doc], base=tmp_path).requirements[0].scenarios[0].steps
    values = [step.value for step in steps if isinstance(step, (ActionStep, ExpectationStep))]
    # Three spaces stay three spaces; the wrap becomes one space; spaces typed inside quotes are kept.
    assert values == ["/", "   ", "a long wrapped   value", "Title   is required"]
