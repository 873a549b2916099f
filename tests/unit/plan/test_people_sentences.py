"""Sentences as people write them (issue 14, item 2): subjects, tenses, unquoted targets, exact
references, ordinals and back-references, unquoted values, compound steps, states as Givens,
and every kind of check. Written for these tests, in many voices."""

from __future__ import annotations

from typing import Any

import pytest

from specwalk.models.scenario import Plan
from specwalk.plan import RequirementsDocument, RulesPlanner
from specwalk.plan.sentences import parse


def steps(text: str, keyword_type: str = "when") -> list[dict[str, Any]]:
    parsed = parse(text, keyword_type)
    assert parsed.failure is None, parsed.failure
    return [{k: v for k, v in step.items() if k != "kind"} for clause in parsed.clauses for step in clause.steps]


TESTID = {"by": "testid", "value": "add-note"}


@pytest.mark.parametrize(
    "text",
    [
        "I click the 'Add note' button with data-testid 'add-note'",
        "the user clicks the 'Add note' button with data-testid 'add-note'",
        'Users click the “Add note” button (data-testid="add-note")',
        "A visitor has clicked the 'Add note' button identified by data-testid=\"add-note\"",
        "Jane clicked the ‘Add note’ button with data-testid «add-note»",
        "the admin taps the `Add note` button with the test id 'add-note'",
    ],
)
def test_any_subject_tense_and_quote_style(text: str) -> None:
    assert steps(text) == [{"action": "click", "target": "Add note", "role": "button", "target_ref": TESTID}]


@pytest.mark.parametrize(
    ("text", "keyword_type", "expected"),
    [
        (
            "the user enters 2000 into the bill amount field",
            "when",
            [{"action": "fill", "value": "2000", "target": "bill amount", "described": True, "role": "textbox"}],
        ),
        (
            'I write "Lisbon is lovely!" in the comment box',
            "when",
            [{"action": "fill", "value": "Lisbon is lovely!", "target": "comment box", "described": True}],
        ),
        (
            "the user moves the Loan Term slider to 30",
            "when",
            [{"action": "fill", "value": "30", "target": "Loan Term", "described": True, "role": "slider"}],
        ),
        (
            "the textarea is visible",
            "then",
            [{"expectation": "element_visible", "target": "textarea", "described": True, "role": "textbox"}],
        ),
        (
            'the display with data-testid "display" should show "5+"',
            "then",
            [
                {
                    "expectation": "text_contains",
                    "value": "5+",
                    "target": "display",
                    "target_ref": {"by": "testid", "value": "display"},
                }
            ],
        ),
        (
            "the total should be $0",
            "then",
            [{"expectation": "text_contains", "value": "$0", "target": "total", "described": True}],
        ),
        (
            "the element #total reads 42",
            "then",
            [
                {
                    "expectation": "text_contains",
                    "value": "42",
                    "target": "element",
                    "target_ref": {"by": "id", "value": "total"},
                }
            ],
        ),
        (
            'the row with the class "todo" is visible',
            "then",
            [{"expectation": "element_visible", "target": "row", "target_ref": {"by": "class", "value": "todo"}}],
        ),
        (
            'I click the first "Delete" button',
            "when",
            [{"action": "click", "nth": 0, "target": "Delete", "role": "button"}],
        ),
        (
            "the last note is highlighted",
            "then",
            [{"expectation": "state", "nth": -1, "target": "note", "described": True, "value": "highlighted"}],
        ),
        ("the user refreshes the page", "when", [{"action": "reload"}]),
        ("the Notes App page is loaded", "given", [{"action": "open", "target": "Notes App"}]),
        ("localStorage is empty", "given", [{"action": "reset_storage"}]),
        ('the user has voted by clicking "Upvote"', "given", [{"action": "click", "target": "Upvote"}]),
        ("should have 0 items", "then", [{"expectation": "count", "count": 0, "target": "items", "described": True}]),
        ("3 notes are displayed", "then", [{"expectation": "count", "count": 3, "target": "notes", "described": True}]),
        (
            'the todo "Buy milk" has the class "completed"',
            "then",
            [{"expectation": "has_class", "value": "completed", "target": "Buy milk"}],
        ),
        (
            'the todo "Buy milk" is shown as completed',
            "then",
            [{"expectation": "state", "target": "Buy milk", "value": "completed"}],
        ),
        ('the URL should contain "/tasks"', "then", [{"expectation": "url", "value": "/tasks", "match": "contains"}]),
        ('the URL ends with "/done"', "then", [{"expectation": "url", "value": "/done", "match": "ends_with"}]),
        ('the hash is "#/active"', "then", [{"expectation": "url", "value": "#/active", "match": "ends_with"}]),
        (
            'the page title should contain "Tasks"',
            "then",
            [{"expectation": "title", "value": "Tasks", "match": "contains"}],
        ),
        (
            '"Buy milk" is the first item in the list',
            "then",
            [{"expectation": "text_visible", "value": "Buy milk", "position": "first", "scope_role": "list"}],
        ),
        ('an alert says "Saved!"', "then", [{"expectation": "dialog_text", "value": "Saved!"}]),
        (
            'the search field should have the placeholder "Search notes"',
            "then",
            [
                {
                    "expectation": "attribute",
                    "value": "Search notes",
                    "target": "search field",
                    "described": True,
                    "role": "searchbox",
                    "key": "placeholder",
                }
            ],
        ),
    ],
)
def test_sentences_people_write(text: str, keyword_type: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, keyword_type) == expected


def test_compound_steps() -> None:
    assert steps('double-click "Buy milk", replace the text with "Buy oat milk" and press Enter') == [
        {"action": "double_click", "target": "Buy milk"},
        {"action": "fill", "value": "Buy oat milk", "_back": "it"},
        {"action": "press", "key": "Enter"},
    ]
    assert steps('enter "jane" as username and "jane@example.com" as email') == [
        {"action": "fill", "value": "jane", "target": "username", "described": True},
        {"action": "fill", "value": "jane@example.com", "target": "email", "described": True},
    ]


def plan_text(text: str) -> Plan:
    return RulesPlanner().plan(RequirementsDocument("r.md", text))


def test_back_references_resolve_to_the_element_before() -> None:
    plan = plan_text(
        '## Todos\n\n- When I double-click "Buy milk", replace the text with "Buy oat milk" and press Enter, '
        'then I should see "Buy oat milk".\n'
        '- When I hover over "Walk the dog" and click its delete button, then I should not see "Walk the dog".\n'
    )
    first, second = (requirement.scenarios[0] for requirement in plan.requirements)
    assert first.steps[1].target == "Buy milk"  # "replace the text": of the element before
    delete = second.steps[1]
    assert (delete.target, delete.role, delete.scope) == ("delete", "button", "Walk the dog")


def test_it_with_nothing_before_is_reported() -> None:
    plan = plan_text('## Todos\n\n- When I click it, then I should see "Gone".\n')
    assert any('says "it" but no step before it names an element' in entry.reason for entry in plan.unplanned)


def test_a_given_state_the_user_can_set_is_set_and_one_they_cannot_is_checked() -> None:
    plan = plan_text(
        "## Days\n\n### Scenario: Unticking\n\n"
        '- Given the checkbox labeled "Monday" with data-testid "day-monday" is already checked\n'
        '- And "Standard" is selected\n'
        '- And "Saved" is shown\n'
        '- When I uncheck "Monday"\n- Then "Monday" should not be checked\n'
    )
    reached, initial, shown = plan.requirements[0].scenarios[0].preconditions
    assert (reached.kind, getattr(reached, "action", None), reached.target_ref) == (
        "action",
        "check",
        reached.target_ref,
    )
    assert reached.target_ref is not None and reached.target_ref.value == "day-monday"
    assert (initial.kind, getattr(initial, "action", None)) == ("action", "check")
    assert (shown.kind, getattr(shown, "expectation", None)) == ("expectation", "text_visible")


def test_the_button_alone_is_the_button_just_clicked() -> None:
    plan = plan_text(
        '## Favourites\n\n- When I click "Favorite Article", then the button changes to "Unfavorite Article".\n'
        '- When I click the "Like" button with data-testid "like", then the button shows "Liked".\n'
    )
    renamed, referenced = (requirement.scenarios[0].steps[-1] for requirement in plan.requirements)
    # found by its old name it would be gone: a button with the new name must be there
    assert (renamed.expectation, renamed.target, renamed.role) == ("element_visible", "Unfavorite Article", "button")
    assert referenced.target_ref is not None and referenced.target_ref.value == "like"


@pytest.mark.parametrize(
    ("text", "keyword_type", "expected"),
    [
        (
            'I fill in the title "Pairing on Fridays" and the summary "In short"',
            "when",
            [
                {"action": "fill", "value": "Pairing on Fridays", "target": "title", "described": True},
                {"action": "fill", "value": "In short", "target": "summary", "described": True},
            ],
        ),
        (
            'Sam enters the username "sam", the email "sam@example.com" and the password "pw-123456"',
            "when",
            [
                {"action": "fill", "value": "sam", "target": "username", "described": True},
                {"action": "fill", "value": "sam@example.com", "target": "email", "described": True},
                {"action": "fill", "value": "pw-123456", "target": "password", "described": True},
            ],
        ),
        (
            'a visitor opens "Sign up" from the header',
            "when",
            [{"action": "click", "target": "Sign up", "scope_role": "banner"}],
        ),
        ("I confirm that I want to delete it", "when", [{"action": "accept_dialog"}]),
        ("I am back on the home page", "then", [{"expectation": "page", "target": "home"}]),
        (
            'I see the post "Hello" with the text "First words"',
            "then",
            [
                {"expectation": "text_visible", "value": "Hello"},
                {"expectation": "text_visible", "value": "First words"},
            ],
        ),
        (
            'no "Sign in" link any more',
            "then",
            [{"expectation": "element_visible", "negated": True, "target": "Sign in", "role": "link"}],
        ),
        ('the comment "Nice" is shown under the article', "then", [{"expectation": "text_visible", "value": "Nice"}]),
    ],
)
def test_how_product_managers_write(text: str, keyword_type: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, keyword_type) == expected


def test_a_named_person_is_learned_only_from_a_scenario_that_uses_that_name() -> None:
    text = (
        '## Accounts\n\n**Scenario: Signing in**\n\n- Given I am on the "/login" page\n'
        '- When I enter "alice@example.com" as my email and "secret-1" as my password and press "Sign in"\n'
        '- Then I should see "Welcome"\n\n'
        '**Scenario: Writing**\n\n- Given I am signed in as Alice\n- When I click "New article"\n'
        '- Then I should see "Editor"\n\n'
        '**Scenario: Reading**\n\n- Given I am signed in as Carol\n- When I click "Feed"\n- Then I should see "Feed"\n'
    )
    plan = plan_text(text)
    writing, reading = (requirement.scenarios[0] for requirement in plan.requirements[1:])
    assert [step.learned_from for step in writing.preconditions] == ["Signing in"] * 4  # the page, then its steps
    assert writing.preconditions[0].value == "/login"
    assert [step.kind for step in reading.preconditions] == ["state"]  # Carol is not who "Signing in" signs in


def test_a_named_person_of_the_test_data_is_signed_in_with_their_own_values() -> None:
    people = (
        "## Test data\n\n| Person | Email | Password |\n| --- | --- | --- |\n"
        "| Alice | alice@example.com | secret-1 |\n| Carol | carol@example.com | carolina-7 |\n\n"
    )
    text = (
        '## Accounts\n\n**Scenario: Signing in**\n\n- Given I am on the "/login" page\n'
        '- When I enter "alice@example.com" as my email and "secret-1" as my password and press "Sign in"\n'
        '- Then I should see "Welcome"\n\n'
        '**Scenario: Reading**\n\n- Given I am signed in as Carol\n- When I click "Feed"\n- Then I should see "Feed"\n'
        '\n**Scenario: Visiting**\n\n- Given I am signed in as Dave\n- When I click "Feed"\n'
        '- Then I should see "Feed"\n'
    )
    plan = plan_text(people + text.replace('- Then I should see "Welcome"', '- Then I am on the "/home" page'))
    reading, visiting = (requirement.scenarios[0] for requirement in plan.requirements[-2:])
    assert [step.learned_from for step in reading.preconditions] == ["Signing in"] * 5
    assert reading.preconditions[-1].expectation == "url"  # where signing in lands: done before "Feed"
    assert [getattr(step, "value", None) for step in reading.preconditions[1:3]] == ["carol@example.com", "carolina-7"]
    assert reading.preconditions[1].text == 'I enter "carol@example.com" as my email'
    assert [step.kind for step in visiting.preconditions] == ["state"]  # Dave is not in the test data


def test_a_when_that_tries_what_a_scenario_shows_is_planned_from_it_with_its_own_values() -> None:
    text = (
        '## Accounts\n\n**Scenario: Signing in**\n\n- Given I am on the "/login" page\n'
        '- When I enter "alice@example.com" as my email and "secret-1" as my password and press "Sign in"\n'
        '- Then I should see "Welcome"\n\n'
        '**Scenario: Wrong password**\n\n- Given I am on the "/login" page\n'
        '- When I try to sign in as "alice@example.com" with the password "nope"\n'
        '- Then I should see "Email or password is invalid"\n'
    )
    wrong = plan_text(text.replace('- Then I should see "Welcome"', '- Then I am on the "/home" page'))
    wrong = wrong.requirements[-1].scenarios[0]
    assert [(step.keyword_type, step.learned_from) for step in wrong.steps[:3]] == [("when", "Signing in")] * 3
    assert [getattr(step, "value", None) for step in wrong.steps[:3]] == ["alice@example.com", "nope", None]
    assert wrong.steps[3].learned_from is None  # not where signing in lands: the attempt may rightly fail
    assert wrong.complete
