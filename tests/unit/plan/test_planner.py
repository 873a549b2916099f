"""The planner over whole documents: structure, outlines, backgrounds, reusable steps, reporting."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.errors import InputError, UsageError
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, StateStep
from specwalk.plan import RequirementsDocument, RulesPlanner, load_document, plan_files

FIXTURES = Path(__file__).parents[2] / "fixtures" / "plan"


@pytest.fixture(scope="module")
def mixed() -> Plan:
    return plan_files([FIXTURES / "mixed.md"], base=FIXTURES)


def test_requirements_ids_and_lines(mixed: Plan) -> None:
    assert [(r.id, r.kind, r.source.line) for r in mixed.requirements] == [
        ("manage-todos/add-a-todo", "gherkin", 24),
        ("manage-todos/filter-todos", "gherkin", 29),
        ("manage-todos/import-todos", "gherkin", 39),
        ("manage-todos/click-clear-completed-nothing-to-clear-is-shown-0776f3", "criterion", 49),
        ("manage-todos/the-list-feels-fast-and-friendly-0a3a73", "criterion", 50),
        ("设置/保存显示名称", "gherkin", 58),
    ]
    assert mixed.requirements[0].user_story == "As a user, I want to keep todos, so that I remember things."
    assert mixed.requirements[0].tags == ("@smoke",)


def test_background_and_reusable_steps_are_expanded_into_preconditions(mixed: Plan) -> None:
    scenario = mixed.requirements[0].scenarios[0]
    pre = scenario.preconditions
    assert [(type(s).__name__, getattr(s, "action", None), s.target, getattr(s, "value", None)) for s in pre] == [
        ("ActionStep", "open", None, "/login"),
        ("ActionStep", "fill", "Username", "ada"),
        ("ActionStep", "click", "Sign in", None),
        ("ActionStep", "open", None, "/todos"),
    ]
    assert pre[1].source.line == 9  # the definition's body line
    assert pre[1].expanded_from is not None and pre[1].expanded_from.line == 20  # the Background line
    assert [(s.text, s.source.line) for s in scenario.steps[:2]] == [
        ('I type "Buy milk" into the "New todo" field', 25),
        ("press Enter", 25),
    ]


def test_scenario_outline_expands_per_examples_row(mixed: Plan) -> None:
    outline = mixed.requirements[1]
    assert [(s.id, s.example, s.source.line) for s in outline.scenarios] == [
        ("manage-todos/filter-todos/example-1", {"filter": "Active", "count": "1"}, 36),
        ("manage-todos/filter-todos/example-2", {"filter": "Completed", "count": "2"}, 37),
    ]
    second = outline.scenarios[1].steps
    assert isinstance(second[0], ActionStep) and (second[0].action, second[0].target) == ("click", "Completed")
    assert isinstance(second[1], ExpectationStep) and (second[1].expectation, second[1].count) == ("count", 2)


def test_data_tables_and_unplanned_lines_are_kept(mixed: Plan) -> None:
    imported = mixed.requirements[2].scenarios[0]
    state = imported.preconditions[-1]
    assert isinstance(state, StateStep)
    assert state.table == (("title",), ("Buy milk",))
    assert imported.complete is False
    assert [(u.source.line, u.text, u.needs_llm, u.requirement_id) for u in mixed.unplanned] == [
        (44, "the todos are magically sorted by importance", True, "manage-todos/import-todos"),
        (50, "The list feels fast and friendly.", True, "manage-todos/the-list-feels-fast-and-friendly-0a3a73"),
    ]
    assert mixed.requirements[4].scenarios == ()


def test_chinese_gherkin_steps(mixed: Plan) -> None:
    scenario = mixed.requirements[5].scenarios[0]
    assert [step.keyword for step in (*scenario.preconditions, *scenario.steps)] == [
        "假如",
        "当",
        "并且",
        "那么",
        "但是",
    ]
    last = scenario.steps[-1]
    assert isinstance(last, ExpectationStep) and (last.value, last.negated) == ("出错了", True)


def test_notes_explain_text_that_is_not_a_requirement(mixed: Plan) -> None:
    assert [(n.source.line, n.reason) for n in mixed.notes] == [
        (3, "document introduction"),
        (
            40,
            'a state no step of the document reaches; to plan it, add to a "## Steps" section: - these todos exist '
            "(with the steps that do it indented under it)",
        ),
        (47, "list lead-in"),
    ]


def test_ids_survive_edits_elsewhere_in_the_file() -> None:
    text = (FIXTURES / "mixed.md").read_text(encoding="utf-8")
    edited = text.replace("An introduction that is not a requirement.", "A longer\n\nintroduction.\n\nMore text.")
    before = RulesPlanner().plan(RequirementsDocument("r.md", text))
    after = RulesPlanner().plan(RequirementsDocument("r.md", edited))
    assert [r.id for r in before.requirements] == [r.id for r in after.requirements]
    assert [r.source.line + 4 for r in before.requirements] == [r.source.line for r in after.requirements]


def test_duplicate_titles_get_a_suffix() -> None:
    text = (
        '## F\n\n```gherkin\nFeature: F\n  Scenario: Same\n    When I click "A"\n'
        '  Scenario: Same\n    When I click "B"\n```\n'
    )
    plan = RulesPlanner().plan(RequirementsDocument("r.md", text))
    assert [r.id for r in plan.requirements] == ["f/same", "f/same-2"]


def test_the_same_requirement_in_two_files_gets_two_ids(tmp_path: Path) -> None:
    text = (
        '## F\n\n```gherkin\nFeature: F\n  Scenario Outline: Same\n    When I click "<b>"\n'
        "    Examples:\n      | b |\n      | A |\n"
        '  Scenario: Other\n    When I click "A"\n    And the widget frobnicates gently\n```\n'
    )
    (tmp_path / "first.md").write_text(text, encoding="utf-8")
    (tmp_path / "second.md").write_text(text, encoding="utf-8")
    plan = plan_files([tmp_path / "first.md", tmp_path / "second.md"], base=tmp_path)
    first, second = plan.requirements[:2], plan.requirements[2:]
    assert [r.id for r in first] == ["f/same", "f/other"]
    assert [r.id for r in second] == ["second/f/same", "second/f/other"]
    assert [s.id for r in second for s in r.scenarios] == ["second/f/same/example-1", "second/f/other"]
    # The unplanned line points at its renamed requirement and scenario.
    assert [(u.requirement_id, u.scenario_id) for u in plan.unplanned] == [
        ("f/other", "f/other"),
        ("second/f/other", "second/f/other"),
    ]
    # Alone, a file keeps its ids.
    assert [r.id for r in plan_files([tmp_path / "second.md"], base=tmp_path).requirements] == ["f/same", "f/other"]


def test_malformed_gherkin_names_the_file_line() -> None:
    with pytest.raises(InputError) as caught:
        plan_files([FIXTURES / "malformed.md"], base=FIXTURES)
    assert caught.value.lines[0].startswith("malformed.md:12: Gherkin: expected:")
    assert caught.value.lines[0].endswith("got 'this line is not Gherkin'")


def test_unreadable_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"missing\.md: no such requirements file"):
        load_document(tmp_path / "missing.md", tmp_path)
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"## F\n\n- caf\xe9\n")
    with pytest.raises(UsageError, match=r"latin1.md:3: not valid UTF-8"):
        load_document(bad, tmp_path)
