"""The LLM planner on the example apps' prose lines, against a scripted server (no browser).

The replies are scenario IR a correct model would give; the planner validates them against the
real UI maps, expands reusable steps and places them in the plan. Bad replies are re-asked, then
reported per line with the model's last reply; nothing else in the plan changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from specwalk.ground.retrieve import LexicalRetriever
from specwalk.llm.context import CONTROLS_TOTAL, DETAILED_TOTAL
from specwalk.llm.openai_compat import OpenAICompatModel
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Scenario, SourceRef
from specwalk.plan.llm import LLM_TAG, LlmPlanner, _insert, plan_messages

from ...llm_server import Reply, Request, scripted_llm
from .conftest import settings_for
from .examples import PROSE_LINES, REFERENCE, Example, line_of, reference_reply


def planner_for(example: Example, url: str, **settings: object) -> LlmPlanner:
    model = OpenAICompatModel(settings_for(url, **settings), backoff=0.01)  # type: ignore[arg-type]
    return LlmPlanner(
        model,
        example.ui_map,
        example.documents,
        LexicalRetriever(example.ui_map.elements),
        locale=example.config.project.locales[0],
    )


def prose(plan: Plan) -> list[str]:
    return [str(entry.source) for entry in plan.unplanned if entry.needs_llm]


@pytest.mark.parametrize("key", PROSE_LINES)
def test_a_correct_reply_becomes_scenarios_at_the_prose_line(key: str, examples: Callable[[str], Example]) -> None:
    name, where = key.split("/", 1)
    example = examples(name)
    assert where in prose(example.plan)
    with scripted_llm(reference_reply(name)) as server:
        result = planner_for(example, server.url).plan(example.plan)
    assert where not in prose(result.plan)
    assert result.plan.planner == "rules+llm"
    outcome = next(outcome for outcome in result.outcomes if str(outcome.source) == where)
    assert outcome.problem is None
    assert outcome.planned == len(REFERENCE[key]["scenarios"])
    entry = next(entry for entry in example.plan.unplanned if str(entry.source) == where)
    requirement = next(r for r in result.plan.requirements if r.id == entry.requirement_id)
    assert len(requirement.scenarios) == outcome.planned
    for scenario in requirement.scenarios:
        assert scenario.tags == (LLM_TAG,)
        assert scenario.complete
        assert str(scenario.source) == where
        own = [step for step in (*scenario.preconditions, *scenario.steps) if step.expanded_from is None]
        assert all(str(step.source) == where for step in own)
        assert any(isinstance(step, ExpectationStep) for step in scenario.steps)
        for step in own:
            if step.target:  # our rendering quotes the target, so grounding matches it exactly
                assert f'"{step.target}"' in step.text
    # One request per line (no re-asks), and every other line of the plan is as the rules made it.
    asked = [line_of(request) for request in server.chat_requests()]
    assert sorted(asked) == sorted(prose(example.plan))
    untouched = [r for r in result.plan.requirements if r.id != entry.requirement_id]
    assert all(r in example.plan.requirements for r in untouched if not any(LLM_TAG in s.tags for s in r.scenarios))


def test_reusable_steps_expand_exactly_as_the_document_defines_them(examples: Callable[[str], Example]) -> None:
    example = examples("tasks-react")
    with scripted_llm(reference_reply("tasks-react")) as server:
        plan = planner_for(example, server.url).plan(example.plan).plan
    scenario = next(s for r in plan.requirements for s in r.scenarios if s.name.startswith("Enter adds the task"))
    signed_in = [step.text for step in scenario.preconditions]
    assert signed_in == [
        'I open the "/login" page',
        'I fill in "Username" with "admin"',
        'I fill in "Password" with "password123"',
        'I click "Sign in"',
        'I should see the "Sign out" button',
    ]
    assert all(step.expanded_from == SourceRef(file="requirements.md", line=104) for step in scenario.preconditions)
    press = scenario.steps[1]
    assert isinstance(press, ActionStep)
    assert (press.action, press.target, press.key, press.text) == (
        "press",
        "New task",
        "Enter",
        'press "New task" Enter',
    )


def test_the_prompt_carries_a_slice_of_the_ui_map_not_the_source(examples: Callable[[str], Example]) -> None:
    example = examples("shop-vue")
    entry = next(e for e in example.plan.unplanned if e.source.line == 121)
    requirement = next(r for r in example.plan.requirements if r.id == entry.requirement_id)
    system, user = plan_messages(
        entry,
        requirement,
        example.plan,
        example.documents[0],
        example.ui_map,
        LexicalRetriever(example.ui_map.elements),
        locale="en",
    )
    assert "After a failed attempt, the cursor is placed in the first field" in user.content
    assert "User story: As a shopper, I want to enter my shipping address" in user.content
    assert '- I have added {count} "{product}" to the cart' in user.content
    # The checkout fields are listed by name (or, when the index knows none, by their declaring line).
    assert '"Full name"' in user.content
    listed = [line for line in user.content.split("The app's UI", 1)[1].splitlines() if line.startswith("- ")]
    assert len(listed) <= DETAILED_TOTAL + CONTROLS_TOTAL < len(example.ui_map.elements)
    source = (example.config.root / "src" / "views" / "CheckoutView.vue").read_text(encoding="utf-8")
    assert source[:400] not in user.content  # snippets of single tags, never whole files
    assert json.loads(system.content.split("JSON schema of the answer:\n", 1)[1])["$defs"]["DraftAction"]


def test_an_invented_element_is_re_asked_with_the_nearest_names(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    good = REFERENCE["notes-html/requirements.md:56"]
    invented = json.loads(json.dumps(good))
    invented["scenarios"][1]["steps"][1]["target"] = "Add a note"

    def script(request: Request) -> Reply:
        if line_of(request) != "requirements.md:56":
            return Reply(status=500, error="only line 56 is scripted")
        return Reply(json.dumps(invented if request.reasks == 0 else good))

    with scripted_llm(script) as server:
        result = planner_for(example, server.url, retries=0).plan(example.plan)
    assert "requirements.md:56" not in prose(result.plan)
    reask = [r for r in server.chat_requests() if line_of(r) == "requirements.md:56"][1].messages[-1]["content"]
    assert "scenarios.1.steps.1.target: no element of the app is named 'Add a note'" in reask
    assert '"New note"' in reask  # the nearest real names, so the model can correct itself


def test_bad_replies_are_reported_per_line_and_the_rest_is_planned(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    good = json.dumps(REFERENCE["notes-html/requirements.md:175"])

    def script(request: Request) -> Reply:
        if line_of(request) == "requirements.md:56":
            return Reply('{"scenarios": [{"name": "x", "steps": [{"kind": "action", "action": "teleport"}]}]}')
        return Reply(good)

    with scripted_llm(script) as server:
        result = planner_for(example, server.url).plan(example.plan)
    failed = next(entry for entry in result.plan.unplanned if entry.source.line == 56)
    assert failed.needs_llm
    assert failed.reason.startswith("the LLM planner's reply was still invalid after 3 attempt(s): ")
    assert "scenarios.0.steps.0.action.action: Input should be 'open', 'click'" in failed.reason
    assert failed.llm_reply is not None and '"teleport"' in failed.llm_reply
    assert "requirements.md:175" not in prose(result.plan)
    assert [(str(o.source), o.planned, o.problem is None) for o in result.outcomes] == [
        ("requirements.md:56", 0, False),
        ("requirements.md:175", 2, True),
    ]
    assert len(server.chat_requests()) == 3 + 1


def test_a_line_without_an_answer_is_reported_and_planning_goes_on(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")

    def script(request: Request) -> Reply:
        if line_of(request) == "requirements.md:56":
            return Reply(status=503, error="overloaded")
        return Reply(json.dumps(REFERENCE["notes-html/requirements.md:175"]))

    with scripted_llm(script) as server:
        result = planner_for(example, server.url, retries=1).plan(example.plan)
    failed = next(entry for entry in result.plan.unplanned if entry.source.line == 56)
    assert failed.reason == (
        f"the LLM planner got no answer: the LLM at {server.url} kept failing (503 overloaded) after 2 attempt(s)"
    )
    assert failed.llm_reply is None
    assert "requirements.md:175" not in prose(result.plan)


def test_a_sentence_outside_the_step_language_is_re_asked_with_the_reason(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    good = REFERENCE["notes-html/requirements.md:56"]
    vague = {"scenarios": [{"name": "vague", "steps": [{"kind": "sentence", "text": "I write a long note"}]}]}

    def script(request: Request) -> Reply:
        return Reply(json.dumps(vague if request.reasks == 0 else good))

    with scripted_llm(script) as server:
        planner_for(example, server.url).plan(example.plan)
    reask = server.chat_requests()[1].messages[-1]["content"]
    assert (
        "scenarios.0.steps.0: the sentence 'I write a long note' is not in the step language: names no quoted" in reask
    )


def test_steps_of_one_gherkin_line_go_back_where_the_line_was() -> None:
    def step(line: int, text: str) -> ActionStep:
        return ActionStep(text=text, source=SourceRef(file="r.md", line=line), action="click", target=text)

    scenario = Scenario(
        id="f/s",
        name="s",
        source=SourceRef(file="r.md", line=10),
        preconditions=(step(11, "a"),),
        steps=(step(12, "b"), step(14, "d")),
        complete=False,
    )
    placed = _insert(scenario, 13, [step(13, "c1"), step(13, "c2")], complete=True)
    assert [s.text for s in placed.preconditions] == ["a"]
    assert [s.text for s in placed.steps] == ["b", "c1", "c2", "d"]
    assert placed.complete and LLM_TAG in placed.tags
    first = _insert(scenario, 10, [step(10, "z")], complete=False)
    assert [s.text for s in first.preconditions] == ["z", "a"]
    assert not first.complete


def test_repair_replaces_only_the_failing_step_of_the_models_own_scenarios(
    examples: Callable[[str], Example],
) -> None:
    from specwalk.models.report import Evidence, StepResult
    from specwalk.plan.llm import LlmRepairer

    example = examples("notes-html")
    fix = {
        "steps": [{"kind": "action", "action": "click", "target": "Cancel", "role": "button", "scope_role": "dialog"}]
    }

    def script(request: Request) -> Reply:
        if request.task() == "repair":
            assert '3. click button "Cancel"   <- FAILED' in request.first_user
            assert "Why it failed: could not click the element" in request.first_user
            return Reply(json.dumps(fix))
        return Reply(json.dumps(REFERENCE["notes-html/requirements.md:175"]))

    with scripted_llm(script) as server:
        planner = planner_for(example, server.url)
        plan = planner.plan(example.plan).plan
        scenario = next(s for r in plan.requirements for s in r.scenarios if s.name.startswith("A deleted note"))
        given = len(scenario.preconditions)
        broken = scenario.steps[0].model_copy(
            update={"target": "Cancel", "role": "button", "text": 'click button "Cancel"'}
        )
        scenario = scenario.model_copy(update={"preconditions": (), "steps": (*scenario.preconditions[:2], broken)})
        failed = StepResult(
            index=2,
            text=broken.text,
            source=broken.source,
            status="not_grounded",
            evidence=Evidence(message="could not click the element it resolved to: timeout"),
        )
        repairer = LlmRepairer(planner, plan)
        repaired = repairer.repair(scenario, failed, 1)
        rules_made = next(s for r in plan.requirements for s in r.scenarios if "llm" not in s.tags)
        assert repairer.repair(rules_made, failed, 1) is None  # never the rules' scenarios
    assert given > 2
    assert repaired is not None
    assert [step.text for step in repaired.steps][-1] == 'click button "Cancel" in dialog'
    assert repaired.steps[:2] == scenario.steps[:2]
    assert repairer.log.repairs_tried == 1
    assert len([r for r in server.chat_requests() if r.task() == "repair"]) == 1


OUTLINE = """# Notes

## Outline notes

```gherkin
Feature: Outline notes
  Scenario Outline: Save the note <title>
    When I click "New note"
    And I fill in "Title" with "<title>"
    And I click "Save"
    Then the note appears in the list exactly as it was typed
    Examples:
      | title |
      | Alpha |
      | Beta  |
```
"""


def test_a_prose_line_of_an_outline_is_planned_for_every_row_with_its_own_values(
    examples: Callable[[str], Example],
) -> None:
    """The rules report the line once (every row reads it the same); each row still gets steps,
    asked with that row's own steps, so its values are its own."""
    from specwalk.plan import RequirementsDocument, RulesPlanner

    example = examples("notes-html")
    document = RequirementsDocument("outline.md", OUTLINE)
    rules = RulesPlanner().plan(document)
    assert [(entry.source.line, entry.scenario_id) for entry in rules.unplanned] == [
        (11, "outline-notes/save-the-note-title/example-1")
    ]

    def script(request: Request) -> Reply:
        title = "Alpha" if '"Alpha"' in request.first_user else "Beta"
        expectation = {"kind": "expectation", "expectation": "text_visible", "value": title}
        return Reply(json.dumps({"scenarios": [{"name": "shown", "steps": [expectation]}]}))

    with scripted_llm(script) as server:
        planner = LlmPlanner(
            OpenAICompatModel(settings_for(server.url), backoff=0.01),
            example.ui_map,
            (document,),
            LexicalRetriever(example.ui_map.elements),
            locale="en",
        )
        result = planner.plan(rules)
    assert len(server.chat_requests()) == 2
    assert result.plan.unplanned == ()
    scenarios = result.plan.requirements[0].scenarios
    assert all(scenario.complete and LLM_TAG in scenario.tags for scenario in scenarios)
    assert [[step.value for step in scenario.steps][-1] for scenario in scenarios] == ["Alpha", "Beta"]
    assert [str(outcome.source) for outcome in result.outcomes] == ["outline.md:11", "outline.md:11"]
