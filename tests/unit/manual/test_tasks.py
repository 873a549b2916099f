"""Which scenarios are one task, and how a note says what differs: written the way PMs write them.

The plans here are made from requirements in several styles (Gherkin with a Background and an
outline, bullet criteria in one sentence, a Chinese feature) by the real planner, then grouped.
"""

from __future__ import annotations

import pytest

from specwalk.manual.chapters import chapters, note_for, refer_to_tasks, shared_before
from specwalk.manual.tasks import ERROR_PHRASES, GENERIC_COMMITS, group_plan, outcomes_wanted, shows_error
from specwalk.models.manual import ManualScenario, ManualStep, ManualTask, Sentence
from specwalk.models.scenario import SourceRef
from specwalk.models.uimap import Route, SourceSpan
from specwalk.plan import plan_files


def route(path: str) -> Route:
    return Route(
        path=path,
        component=None,
        location=SourceSpan(file="src/App.tsx", line=1, column=1),
        source="react-router",
    )


ROUTES = [route("/login"), route("/notes"), route("/notes/:id"), route("/account")]

REQUIREMENTS = """# Notes

## Sign in

```gherkin
Feature: Sign in

  Scenario: Signing in with the right password
    Given I am on the "/login" page
    When I fill in "Email" with "ada@example.com"
    And I fill in "Password" with "correct horse"
    And I click "Log in"
    Then I should be on the "/notes" page

  Scenario Outline: Wrong credentials are refused
    Given I am on the "/login" page
    When I fill in "Email" with "<email>"
    And I fill in "Password" with "<password>"
    And I click "Log in"
    Then I should see "<error>"

    Examples:
      | email           | password      | error               |
      | ada@example.com | nope          | Wrong password      |
      | nobody@x.org    | correct horse | Unknown email       |
```

## Notes

- When I open the "/notes" page and type "Milk" into the "New note" field and click "Add note",
  then I should see "Milk".
- When I open the "/notes" page and click "Add note", then I should see "A note cannot be empty".
- When I open the "/notes" page and click "Delete" next to "Groceries", then I should not see "Groceries".
- When I open the "/notes" page and click "Delete" next to "Groceries" and click "Undo", then I should
  see "Groceries".
- When I open the "/notes/1" page, then I should see the heading "Groceries".
- When I open the "/notes/42" page, then I should see the heading "Note not found".
- When I open the "/notes" page and click "Groceries", then I should be on the "/notes/1" page.

## Account

- When I open the "/account" page and type "Ada" into the "Name" field and click "Save", then I
  should see "Saved".
- When I open the "/account" page and check "Weekly digest" and click "Save", then I should see "Saved".
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = tmp_path_factory.mktemp("req") / "requirements.md"
    path.write_text(REQUIREMENTS, encoding="utf-8")
    return plan_files([path], base=path.parent)


def names(plan: object) -> list[list[str]]:
    """Each task's criteria, as written."""
    return [[unit.requirement.text for unit in group.units] for group in group_plan(plan, ROUTES)]  # type: ignore[arg-type]


def test_scenarios_that_start_on_the_same_element_are_one_task_and_an_outline_is_one_unit(plan: object) -> None:
    groups = group_plan(plan, ROUTES)  # type: ignore[arg-type]
    sign_in = groups[0]
    assert [len(unit.scenarios) for unit in sign_in.units] == [1, 2]  # the outline's two rows, one unit
    assert [unit.error for unit in sign_in.units] == [False, True]
    assert sign_in.units[1].outline


def test_criteria_group_by_first_element_last_control_and_the_page_an_error_is_shown_on(plan: object) -> None:
    found = names(plan)
    notes = next(group for group in found if any("Milk" in name for name in group))
    # "Add note" with text, and without (an error): one task.
    assert len(notes) == 2 and "cannot be empty" in notes[1]
    deleting = next(group for group in found if any("Undo" in name for name in group))
    assert len(deleting) == 2  # Delete, and Delete then Undo: one task
    opening = next(group for group in found if any('"/notes/42"' in name for name in group))
    # "Note not found" on /notes/:id joins the task that ends there (clicking a note), not /notes/1's view.
    assert any('click "Groceries"' in name for name in opening)
    # "Save" ends many forms: it does not make the name and the digest one task.
    account = [group for group in found if any("/account" in name for name in group)]
    assert len(account) == 2


def test_outcomes_are_pictured_only_for_the_scenarios_that_will_be_notes(plan: object) -> None:
    groups = group_plan(plan, ROUTES)  # type: ignore[arg-type]
    wanted = outcomes_wanted(groups)
    procedures = {next(u for u in group.units if not u.error).scenarios[0].id for group in groups}
    assert not wanted & procedures
    assert len(wanted) == 4  # wrong credentials, an empty note, Undo, "Note not found"
    outline = groups[0].units[1]
    assert outline.scenarios[0].id in wanted and outline.scenarios[1].id not in wanted


@pytest.mark.parametrize(
    ("phrase", "text"),
    list(
        zip(
            ERROR_PHRASES["en"],
            [
                "Invalid email",
                "Sign-in attempts are rejected",
                "Shows an error",
                "Login fails",
                "Wrong password",
                "Incorrect code",
                "You cannot delete it",
                "You can't delete it",
                "Not allowed here",
                "Access denied",
                "Missing title",
                "An empty cart",
                "A blank entry",
                "Title is required",
                "Cancel deleting",
                "Note not found",
                "Name too long",
                "Duplicate email",
                "Already registered",
                "Link expired",
                "Forbidden",
                "Unauthorised",
                "Password must be at least 8 characters",
                "The page does not exist",
                "No such page",
                "An empty comment is refused",
            ],
            strict=True,
        )
    )
    + list(
        zip(
            ERROR_PHRASES["zh"],
            [
                "无效的邮箱",
                "密码错误",
                "登录失败",
                "请求被拒绝",
                "不能删除",
                "无法保存",
                "取消删除",
                "标题为空",
                "标题必填",
                "页面不存在",
                "未找到任务",
                "用户已存在",
                "链接过期",
                "请输入用户名",
                "密码不正确",
            ],
            strict=True,
        )
    ),
)
def test_each_error_phrase_marks_an_error_or_edge_case(phrase: str, text: str) -> None:
    assert shows_error(text), (phrase, text)


@pytest.mark.parametrize("text", ["Add a task", "Successful sign in", "Example tasks on the first visit", "添加任务"])
def test_happy_paths_are_no_errors(text: str) -> None:
    assert not shows_error(text)


def test_generic_controls_are_listed_in_both_languages() -> None:
    assert len(GENERIC_COMMITS["en"]) == len(GENERIC_COMMITS["zh"])


REF = SourceRef(file="requirements.md", line=1)


def act(kind: str, name: str | None = None, value: str | None = None, **more: object) -> Sentence:
    return Sentence(phrase="action", kind=kind, name=name, value=value, **more)  # type: ignore[arg-type]


def see(*values: str) -> Sentence:
    return Sentence(phrase="result", kind="text_visible", values=values)


def scenario(
    name: str, *steps: tuple[Sentence, tuple[Sentence, ...]], before: tuple[Sentence, ...] = ()
) -> ManualScenario:
    return ManualScenario(
        scenario_id=name,
        requirement_id=name,
        name=name,
        named=True,
        source=REF,
        locale="en",
        before=before,
        steps=tuple(
            ManualStep(number=n, sentence=sentence, source=REF, text="", results=results)
            for n, (sentence, results) in enumerate(steps, start=1)
        ),
    )


TITLE = act("fill", "Title", "Publish")
SAVE = act("click", "Save", role="button")
PROCEDURE = scenario("edit", (TITLE, ()), (SAVE, (see("Saved"),)))


def test_a_note_with_other_values_in_the_same_steps_names_only_what_differs() -> None:
    other = scenario("empty", (act("fill", "Title", ""), ()), (SAVE, (see("Title is required"),)))
    note = note_for(PROCEDURE, other)
    assert note.way == "values"
    assert note.condition == (act("fill", "Title", ""),)
    assert note.results == ((None, (see("Title is required"),)),)


def test_the_same_steps_with_another_hidden_password_are_a_note_about_the_password(plan: object) -> None:
    email, log_in = act("fill", "Email", "ada@example.com"), act("click", "Log in", role="button")
    password = act("fill", "Password", secret="password")
    right = scenario("right", (email, ()), (password, ()), (log_in, (see("Welcome"),)))
    wrong = scenario("wrong", (email, ()), (password, ()), (log_in, (see("Wrong password"),)))
    note = note_for(right, wrong)
    assert (note.way, note.condition, note.results) == ("values", (password,), ((None, (see("Wrong password"),)),))
    # In a task: a note, not merged into the procedure (which would then show both outcomes).
    groups = group_plan(plan, ROUTES)  # type: ignore[arg-type]
    adding = groups[1]  # "Add note" with text, and without (an error case, not an outline)
    assert [unit.error for unit in adding.units] == [False, True] and not adding.units[1].outline
    happy, refused = (unit.scenarios[0].id for unit in adding.units)
    captured = {
        happy: right.model_copy(update={"scenario_id": happy}),
        refused: wrong.model_copy(update={"scenario_id": refused}),
    }
    task = chapters([adding], captured, slugs={"Notes": "notes"}, stories={"Notes": None})[0].tasks[0]
    assert task.merged == () and task.procedure.steps[2].results == (see("Welcome"),)
    assert [note.scenario.scenario_id for note in task.notes] == [refused]


def test_a_note_with_another_last_step_says_instead_and_keeps_what_was_typed_differently() -> None:
    back = act("click", "Back", role="link")
    other = scenario("back", (act("fill", "Title", "Other"), ()), (back, (see("Tasks"),)))
    note = note_for(PROCEDURE, other)
    assert note.way == "instead"
    assert note.condition == (act("fill", "Title", "Other"), back)
    assert note.results == ((None, (see("Tasks"),)),)


def test_a_note_with_more_steps_after_or_before_says_then_or_first() -> None:
    reload = act("reload")
    then = note_for(PROCEDURE, scenario("reload", (TITLE, ()), (SAVE, ()), (reload, (see("Publish"),))))
    assert (then.way, then.condition) == ("then", (reload,))
    opened = act("open", value="/secret")
    first = note_for(
        PROCEDURE, scenario("first", (opened, (see("Sign in"),)), (TITLE, ()), (SAVE, (see("Secret page"),)))
    )
    assert (first.way, first.condition) == ("first", (opened,))
    # The results of the first differing step follow the condition; later ones say after which step.
    assert first.results == ((None, (see("Sign in"),)), (SAVE, (see("Secret page"),)))


def test_the_same_steps_from_another_start_say_what_is_done_first() -> None:
    added = act("fill", "New note", "Milk")
    other = scenario("added", (TITLE, ()), (SAVE, (see("2 notes"),)), before=(added,))
    note = note_for(PROCEDURE, other)
    assert (note.way, note.condition) == ("first", (added,))


def test_a_precondition_that_is_another_tasks_procedure_refers_to_it_and_a_chapter_says_shared_ones_once() -> None:
    opened = act("open", value="/login")
    email = act("fill", "Email", "ada@example.com")
    password = act("fill", "Password", secret="password")
    log_in = act("click", "Log in")
    sign_in = ManualTask(
        anchor="sign-in-1", procedure=scenario("sign in", (email, ()), (password, ()), (log_in, ()), before=(opened,))
    )
    notes = act("open", value="/notes")
    add = ManualTask(
        anchor="notes-1",
        procedure=scenario("add", (TITLE, ()), (SAVE, ()), before=(opened, email, password, log_in, notes)),
    )
    other = ManualTask(
        anchor="notes-2", procedure=scenario("other", (SAVE, ()), before=(opened, email, password, log_in))
    )
    referred = refer_to_tasks([sign_in, add, other])
    reference = Sentence(phrase="action", kind="task", task="sign-in-1")
    assert referred[0] == sign_in  # never itself
    assert referred[1].procedure.before == (reference, notes)
    before, rest = shared_before(referred[1:])
    assert before == (reference,)
    assert [task.procedure.before for task in rest] == [(notes,), ()]


def test_scenarios_with_the_same_steps_are_one_procedure_with_both_results_and_an_outline_is_a_table(
    plan: object,
) -> None:
    groups = group_plan(plan, ROUTES)  # type: ignore[arg-type]
    adding = groups[1]  # "Add note" with text, and without
    first, second = (unit.scenarios[0].id for unit in adding.units)
    one = scenario(first, (TITLE, ()), (SAVE, (see("Saved"),)))
    same = scenario(second, (TITLE, ()), (SAVE, (see("Listed"),)))
    sign_in = groups[0]
    rows = [row.id for row in sign_in.units[1].scenarios]
    procedure = scenario(sign_in.units[0].scenarios[0].id, (TITLE, ()), (SAVE, ()))
    refused = [
        scenario(
            row, (act("fill", "Password", secret="password", column="password"), ()), (SAVE, (see(error),))
        ).model_copy(update={"example": (("password", secret), ("error", error))})
        for row, secret, error in zip(rows, ("nope", "correct horse"), ("Wrong password", "Unknown email"), strict=True)
    ]
    captured = {first: one, second: same, procedure.scenario_id: procedure, rows[0]: refused[0], rows[1]: refused[1]}
    found = chapters(
        groups[:2], captured, slugs={"Sign in": "sign-in", "Notes": "notes"}, stories={"Sign in": None, "Notes": None}
    )
    assert [[task.anchor for task in feature.tasks] for feature in found] == [["sign-in-1"], ["notes-1"]]
    merged = found[1].tasks[0]
    assert merged.merged == (second,) and merged.notes == ()
    assert merged.procedure.steps[1].results == (see("Saved"), see("Listed"))
    table = found[0].tasks[0].notes[0].table
    assert table is not None and table.columns == ("password", "error")
    # A column typed into a password field keeps no value, in the table or anywhere else.
    assert table.secret == ("password",)
    assert table.rows == (("", "Wrong password"), ("", "Unknown email"))
