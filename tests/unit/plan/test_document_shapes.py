"""Requirements written in the shapes people use: Markdown scenarios (headings, bold labels,
bullets, numbered and plain lines, English and Chinese), test cases with Steps / Expected result
blocks, step tables exported by test-management tools, outlines, one-line criteria.

The fixtures under tests/fixtures/plan/shapes/ are written for these tests in the styles real
teams use; none is in the controlled language's own style.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.errors import InputError
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Scenario, StateStep, Step
from specwalk.plan import RequirementsDocument, RulesPlanner, plan_files
from specwalk.plan.document import read_markdown

ROOT = Path(__file__).parents[3]
SHAPES = ROOT / "tests" / "fixtures" / "plan" / "shapes"


def plan_of(name: str) -> Plan:
    return plan_files([SHAPES / name], base=SHAPES)


def plan_text(text: str, name: str = "r.md") -> Plan:
    return RulesPlanner().plan(RequirementsDocument(name, text))


def scenarios(plan: Plan) -> list[Scenario]:
    return [scenario for requirement in plan.requirements for scenario in requirement.scenarios]


def describe(step: Step) -> tuple[str, ...]:
    if isinstance(step, ActionStep):
        return (step.action, step.target or "", step.value or step.key or "")
    if isinstance(step, ExpectationStep):
        return (step.expectation, step.target or "", step.value or "", "not" if step.negated else "")
    assert isinstance(step, StateStep)
    return ("state", step.state)


def test_scenario_headings_under_a_feature_heading_are_one_scenario_each() -> None:
    plan = plan_of("markdown-scenarios.md")
    names = [scenario.name for scenario in scenarios(plan)]
    assert names == [
        "Adding a single todo",
        "Whitespace-only input is ignored",
        "Markdown stays as written",
        "Completing a todo marks it",
    ]
    first = scenarios(plan)[0]
    # the Background's steps come first, then the scenario's Givens
    assert [describe(step) for step in first.preconditions] == [
        ("open", "Todo List", ""),
        ("reset_storage", "", ""),
        ("element_visible", "todo", "", ""),
    ]
    assert [describe(step) for step in first.steps] == [
        ("fill", "todo", "Buy milk"),
        ("press", "", "Enter"),
        ("text_visible", "", "Buy milk", ""),
        ("empty", "todo", "", ""),
    ]
    # "Then "Buy milk" appears in the list" is a step of the scenario, never a scenario of its own
    assert all(len(scenario.steps) > 1 for scenario in scenarios(plan))
    assert plan.requirements[0].feature == "Adding todos"


def test_numbered_lines_and_a_persona_subject() -> None:
    scenario = scenarios(plan_of("markdown-scenarios.md"))[1]
    assert [describe(step) for step in scenario.steps] == [
        ("fill", "todo", "   "),
        ("press", "", "Enter"),
        ("count", "list", "", ""),
    ]
    count = scenario.steps[-1]
    assert isinstance(count, ExpectationStep) and count.count == 0


def test_quoted_values_keep_their_markdown() -> None:
    scenario = scenarios(plan_of("markdown-scenarios.md"))[2]
    values = [step.value for step in scenario.steps if isinstance(step, (ActionStep, ExpectationStep))]
    assert "Tests **catch** regressions." in values


def test_chinese_markdown_scenarios() -> None:
    plan = plan_of("markdown-scenarios.zh.md")
    assert [scenario.name for scenario in scenarios(plan)] == ["用户登录成功", "密码错误", "不填写就提交"]
    wrong = scenarios(plan)[1]
    assert [step.keyword for step in (*wrong.preconditions, *wrong.steps)] == [
        "假如",
        "当",
        "并且",
        "并且",
        "那么",
        "但是",
    ]
    assert describe(wrong.steps[-1]) == ("text_visible", "", "欢迎回来", "not")
    assert not plan.unplanned


def test_bold_labels_open_features_and_scenarios() -> None:
    plan = plan_of("bold-labels.md")
    assert [scenario.name for scenario in scenarios(plan)] == [
        "A valid code lowers the total",
        "An expired code is refused",
    ]
    assert {requirement.feature for requirement in plan.requirements} == {"Applying a discount code"}
    refused = scenarios(plan)[1]
    assert describe(refused.steps[-1]) == ("text_equals", "Total", "$20.00", "")
    assert not plan.unplanned


def test_test_cases_with_preconditions_steps_and_expected_results() -> None:
    plan = plan_of("test-cases.md")
    valid, wrong = scenarios(plan)
    assert valid.name == "Sign in with valid credentials"
    assert [describe(step) for step in valid.preconditions] == [("open", "", "/login")]
    assert [describe(step) for step in valid.steps] == [
        ("fill", "Email", "jane@example.com"),
        ("fill", "Password", "password123"),
        ("click", "Sign in", ""),
        ("text_visible", "", "Welcome back, Jane", ""),  # "→" in a numbered step: its expected result
        ("text_visible", "", "Jane", ""),  # shown in the header (the banner)
    ]
    assert [step.keyword_type for step in valid.steps] == ["when", "when", "when", "then", "then"]
    assert [describe(step) for step in wrong.steps][-2:] == [
        ("text_visible", "", "Wrong email or password", ""),
        ("value_equals", "Email", "jane@example.com", ""),
    ]
    assert not plan.unplanned


def test_step_tables_as_test_management_tools_export_them() -> None:
    plan = plan_of("step-tables.md")
    create, delete, search = scenarios(plan)
    assert [describe(step) for step in create.steps] == [
        ("open", "", "/notes"),
        ("text_visible", "", "All notes", ""),
        ("click", "New note", ""),
        ("element_visible", "Title", "", ""),
        ("fill", "title", "Groceries"),  # the Data column is the value typed
        ("click", "Save", ""),
        ("text_visible", "", "Groceries", ""),
    ]
    assert [step.source.line for step in create.steps] == [7, 7, 8, 8, 9, 10, 10]
    assert describe(delete.steps[-1]) == ("text_visible", "", "Groceries", "not")
    assert [describe(step) for step in search.steps][-2:] == [
        ("fill", "搜索", "牛奶"),
        ("text_visible", "", "买牛奶", ""),
    ]
    assert not plan.unplanned


def test_a_markdown_outline_gives_one_scenario_per_examples_row() -> None:
    plan = plan_of("outline.md")
    rows = scenarios(plan)
    assert [scenario.example for scenario in rows] == [
        {"amount": "254", "inches": "100"},
        {"amount": "0", "inches": "0"},
    ]
    assert describe(rows[0].steps[-1]) == ("value_equals", "Inches", "100", "")


def test_outline_placeholders_with_no_examples_are_an_error_naming_the_line() -> None:
    text = '## Converter\n\n### Scenario Outline: Convert\n\n- When I enter "<amount>" into the "Cm" field\n'
    with pytest.raises(InputError) as raised:
        plan_text(text)
    assert "r.md:5: <amount> in a Scenario Outline with no Examples" in str(raised.value)
    gherkin = '```gherkin\nScenario Outline: Convert\n  When I click "<button>"\n```\n'
    with pytest.raises(InputError, match=r"r.md:3: <button>"):
        plan_text(gherkin)


def test_an_outline_placeholder_missing_from_its_examples_names_the_columns() -> None:
    text = (
        '```gherkin\nScenario Outline: Convert\n  When I click "<button>"\n\n  Examples:\n'
        "    | amount |\n    | 3 |\n```\n"
    )
    with pytest.raises(InputError, match=r"r.md:3: <button> is not a column of the outline's Examples") as raised:
        plan_text(text)
    assert "columns: amount" in (raised.value.hint or "")


def test_a_plain_scenario_keeps_angle_brackets_as_text() -> None:
    plan = plan_text('```gherkin\nScenario: Tag\n  Then the <h2> element with data-testid "q" is visible\n```\n')
    step = scenarios(plan)[0].steps[0]
    assert step.target_ref is not None and step.target_ref.value == "q"


def test_a_document_of_only_scenario_headings_plans_them() -> None:
    # the case: this used to plan to 0 requirements and exit 0
    text = (
        '## Scenario: Successful login\n\n- Given I am on the "/login" page\n'
        '- When I fill in "Email" with "jane@example.com"\n- And I click "Sign in"\n'
        '- Then I should see "Welcome"\n\n## 场景：用户登录成功\n\n'
        "- 假如我打开“/login”页面\n- 当我点击“登录”\n- 那么应看到“欢迎”\n"
    )
    plan = plan_text(text)
    assert [scenario.name for scenario in scenarios(plan)] == ["Successful login", "用户登录成功"]
    assert [len(scenario.steps) for scenario in scenarios(plan)] == [3, 2]


def test_given_when_then_bullets_under_a_plain_heading_are_one_scenario() -> None:
    text = (
        '## Feature: Todos\n\n### Completing a todo\n\n- Given I am on the "/" page\n'
        '- When I click "Buy milk"\n- Then "Buy milk" should be checked\n'
    )
    plan = plan_text(text)
    assert [scenario.name for scenario in scenarios(plan)] == ["Completing a todo"]


def test_one_line_criteria_keep_working() -> None:
    plan = plan_text(
        '## Tasks\n\n- Click "Add": "Added" is shown.\n'
        '- Given I am on the "/" page, when I click "A", then I see "B".\n'
    )
    assert len(plan.requirements) == 2
    assert [requirement.kind for requirement in plan.requirements] == ["criterion", "criterion"]


def test_a_partly_planned_criterion_keeps_its_planned_steps_and_names_the_rest() -> None:
    plan = plan_of("pm-criteria.md")
    comment = next(r for r in plan.requirements if r.title.startswith("When I write"))
    (scenario,) = comment.scenarios
    assert not scenario.complete
    assert [describe(step) for step in scenario.steps] == [
        ("fill", "comment box", "Lisbon is lovely!"),
        ("click", "Post Comment", ""),
    ]
    assert scenario.not_planned == ("then the comment count goes up by one.",)


def test_compound_fills_with_a_shared_verb() -> None:
    plan = plan_of("pm-criteria.md")
    sign_in = plan.requirements[0].scenarios[0]
    assert [describe(step) for step in sign_in.steps][:3] == [
        ("fill", "email", "jane@example.com"),
        ("fill", "password", "password123"),
        ("click", "Sign in", ""),
    ]


def test_a_background_heading_of_a_product_document_is_context_not_requirements() -> None:
    text = (
        "# Spec\n\n## Background\n\nUsers lose their notes when the tab closes.\n\n"
        '## Notes\n\n- Click "Add": "Added" is shown.\n'
    )
    plan = plan_text(text)
    assert [requirement.title for requirement in plan.requirements] == ['Click "Add": "Added" is shown.']
    assert any(note.reason == "description" for note in plan.notes)


# --- every non-empty line is accounted for ------------------------------------------------------

DOCUMENTS = sorted(
    [
        *SHAPES.glob("*.md"),
        *(ROOT / "tests" / "fixtures" / "plan").glob("*.md"),
        *(ROOT / "examples").glob("*/requirements.md"),
    ]
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_non_empty_line_is_a_feature_scenario_step_note_or_unplanned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        plan = plan_files([path], base=path.parent)
    except InputError:
        pytest.skip("a document the planner refuses as a whole (tested elsewhere)")
    roles = read_markdown(text).roles
    step_lines = {
        line
        for requirement in plan.requirements
        for scenario in requirement.scenarios
        for step in (*scenario.preconditions, *scenario.steps)
        for line in (step.source.line, step.expanded_from.line if step.expanded_from else 0)
    }
    reported = {entry.source.line for entry in plan.unplanned} | {note.source.line for note in plan.notes}
    requirement_lines = {requirement.source.line for requirement in plan.requirements}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        assert number in roles, f"{path.name}:{number} is not accounted for: {line!r}"
        kind, anchor = roles[number]
        if kind == "step":
            assert anchor in step_lines | reported, f"{path.name}:{number} ({line.strip()!r}) is in no step"
        elif kind in ("item", "note"):
            assert anchor in requirement_lines | reported, f"{path.name}:{number} ({line.strip()!r}) is nowhere"


# --- steps the document itself demonstrates -----------------------------------------------------

DEMONSTRATED = """# Todos

## Feature: Todos

### Scenario: Adding a todo

- Given I am on the "/" page
- When I type "Buy milk" into the "New todo" field
- And I press Enter
- Then I should see "Buy milk"

### Scenario: Clearing completed todos

- Given I am on the "/" page
- And I have added the todos "Walk the dog" and "Read a book"
- When I click "Clear completed"
- Then I should see "Walk the dog"
"""


def test_a_given_no_rule_covers_is_learned_from_the_scenario_that_shows_how() -> None:
    clearing = scenarios(plan_text(DEMONSTRATED))[1]
    learned = [step for step in clearing.preconditions if step.learned_from]
    assert {step.learned_from for step in learned} == {"Adding a todo"}
    # the page it starts on, then once per value, the scenario's own value replaced
    assert [describe(step) for step in learned] == [
        ("open", "", "/"),
        ("fill", "New todo", "Walk the dog"),
        ("press", "", "Enter"),
        ("text_visible", "", "Walk the dog", ""),
        ("fill", "New todo", "Read a book"),
        ("press", "", "Enter"),
        ("text_visible", "", "Read a book", ""),
    ]
    assert all(step.source.line == 15 for step in learned)
    assert learned[1].text == 'I type "Walk the dog" into the "New todo" field'


def test_with_nothing_to_learn_from_the_report_gives_the_steps_definition_to_add() -> None:
    text = DEMONSTRATED.replace("### Scenario: Adding a todo", "### Scenario: Something else").replace(
        "I have added the todos", "I have imported the todos"
    )
    plan = plan_text(text)
    # kept as a state (for a definition, grounding or the LLM planner), with the definition to add
    note = next(note for note in plan.notes if "imported" in note.text)
    assert '"## Steps"' in note.reason
    assert 'I have imported the todos "{value}" and "{value1}"' in note.reason


def test_a_scenario_cannot_learn_from_itself_nor_from_an_incomplete_one() -> None:
    text = (
        '## Todos\n\n### Scenario: Adding a todo\n\n- Given I have added the todo "A"\n'
        '- When I type "B" into the "New todo" field\n- Then I should see "B"\n'
    )
    plan = plan_text(text)
    (scenario,) = scenarios(plan)
    assert not any(step.learned_from for step in scenario.preconditions)


def test_chinese_test_cases_with_preconditions_steps_and_expected_results() -> None:
    plan = plan_of("test-cases.zh.md")
    right, wrong = scenarios(plan)
    assert (right.name, wrong.name) == ("使用正确的密码登录", "密码错误")
    assert [describe(step) for step in right.preconditions] == [("open", "", "/login")]
    assert [describe(step) for step in right.steps] == [
        ("fill", "邮箱", "jane@example.com"),
        ("fill", "密码", "secret123"),
        ("click", "登录", ""),
        ("text_visible", "", "欢迎回来", ""),
    ]
    assert [describe(step) for step in wrong.steps][-2:] == [
        ("text_visible", "", "邮箱或密码错误", ""),
        ("text_visible", "", "欢迎回来", "not"),
    ]
    assert not plan.unplanned
