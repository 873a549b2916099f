"""Moving a scenario's UI texts to another locale through the app's own i18n texts."""

from __future__ import annotations

import json
from pathlib import Path

from specwalk.manual.build import app_locale, feature_slugs
from specwalk.manual.catalog import Catalog, locale_messages, mixed, translate_scenario
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Requirement, Scenario, SourceRef
from specwalk.models.uimap import SourceSpan, TextValue, UIElement, UIMap


def element(number: int, text: TextValue, role: str = "button") -> UIElement:
    return UIElement(
        id=f"src/App.tsx:{number}:1",
        location=SourceSpan(file="src/App.tsx", line=number, column=1),
        component="App",
        tag="button",
        native_tag="button",
        role=role,
        text=text,
    )


UI = UIMap(
    specwalk_version="0",
    root="/app",
    framework="react",
    locales=["en", "zh"],
    files_indexed=1,
    elements=[
        element(1, TextValue(kind="i18n", key="tasks.add", translations={"en": "Add task", "zh": "添加任务"})),
        element(
            2, TextValue(kind="i18n", key="tasks.newTask", translations={"en": "New task", "zh": "新任务"}), "textbox"
        ),
        element(
            3,
            TextValue(
                kind="i18n",
                key="tasks.left",
                variants={
                    "tasks.left_one": {"en": "{{count}} task left"},
                    "tasks.left_other": {"en": "{{count}} tasks left", "zh": "还剩 {{count}} 项任务"},
                },
            ),
            "status",
        ),
        element(4, TextValue(kind="literal", value="Buy milk"), "listitem"),
    ],
)
REF = SourceRef(file="requirements.md", line=1)


def test_texts_move_exactly_with_plural_forms_and_interpolations() -> None:
    catalog = Catalog(UI, "en", "zh")
    assert catalog.translate("Add task") == "添加任务"
    assert catalog.translate("  add   TASK ") == "添加任务"
    assert catalog.translate("2 tasks left") == "还剩 2 项任务"
    assert catalog.translate("1 task left") == "还剩 1 项任务"  # _one borrows _other's Chinese
    assert catalog.translate("Buy milk") is None
    assert Catalog(UI, "zh", "en").translate("还剩 3 项任务") == "3 tasks left"


def test_a_scenario_moves_its_quoted_ui_texts_but_not_what_the_user_types() -> None:
    scenario = Scenario(
        id="s",
        name="Add a task",
        source=REF,
        steps=(
            ActionStep(
                text='I type "Add task" into the "New task" field',
                source=REF,
                action="fill",
                target="New task",
                value="Add task",
            ),
            ActionStep(text='I click "Add task"', source=REF, action="click", target="Add task"),
            ExpectationStep(
                text='I should see "2 tasks left"', source=REF, expectation="text_visible", value="2 tasks left"
            ),
        ),
    )
    moved = translate_scenario(scenario, Catalog(UI, "en", "zh"))
    fill, click, see = moved.steps
    assert isinstance(fill, ActionStep) and isinstance(see, ExpectationStep)
    assert (fill.target, fill.value, fill.text) == ("新任务", "Add task", 'I type "Add task" into the "新任务" field')
    assert (click.target, click.text) == ("添加任务", 'I click "添加任务"')
    assert (see.value, see.text) == ("还剩 2 项任务", 'I should see "还剩 2 项任务"')


def test_a_manual_language_shows_the_apps_locale_in_that_language_else_its_default() -> None:
    assert app_locale("zh", ("en", "zh")) == "zh"
    assert app_locale("zh", ("en-US", "zh-CN")) == "zh-CN"
    assert app_locale("zh", ("en",)) == "en"
    assert app_locale("en", ("zh", "en")) == "en"


def test_feature_pages_get_ascii_file_names() -> None:
    plan = Plan(
        requirements=(
            Requirement(id="manage-tasks/a", kind="gherkin", feature="Manage tasks", title="a", text="", source=REF),
            Requirement(id="切换语言/b", kind="gherkin", feature="切换语言", title="b", text="", source=REF),
            Requirement(id="manage-tasks/c", kind="criterion", feature="Manage tasks", title="c", text="", source=REF),
        )
    )
    assert feature_slugs(plan) == {"Manage tasks": "manage-tasks", "切换语言": "feature-2"}


def test_messages_only_code_shows_come_from_the_locale_files(tmp_path: Path) -> None:
    locales = tmp_path / "src" / "locales"
    locales.mkdir(parents=True)
    (locales / "en.json").write_text(
        json.dumps({"login": {"errors": {"required": "Username is required"}}, "saved": "Saved {{name}}"}),
        encoding="utf-8",
    )
    (locales / "zh.json").write_text(
        json.dumps({"login": {"errors": {"required": "请输入用户名"}}, "saved": "已保存 {{name}}"}), encoding="utf-8"
    )
    ignored = tmp_path / "node_modules" / "lib" / "locales"
    ignored.mkdir(parents=True)
    (ignored / "en.json").write_text(json.dumps({"x": "Username is required"}), encoding="utf-8")
    messages = locale_messages(tmp_path, ("en", "zh"))
    assert messages["en"] == {"login.errors.required": "Username is required", "saved": "Saved {{name}}"}
    catalog = Catalog(UI, "en", "zh", messages)
    assert catalog.translate("Username is required") == "请输入用户名"
    assert catalog.translate("Saved Ada") == "已保存 Ada"
    assert catalog.translate("Add task") == "添加任务"  # the UI map's texts are still there


def test_a_scenario_that_switches_language_keeps_the_written_texts_after_the_switch() -> None:
    original = Scenario(
        id="s",
        name="Switch back to English",
        source=REF,
        preconditions=(ActionStep(text='I click "Add task"', source=REF, action="click", target="Add task"),),
        steps=(
            ActionStep(text='I click "New task"', source=REF, action="click", target="New task"),
            ExpectationStep(text='I should see "Add task"', source=REF, expectation="text_visible", value="Add task"),
        ),
    )
    moved = translate_scenario(original, Catalog(UI, "en", "zh"))
    assert [step.target or getattr(step, "value", None) for step in (*moved.preconditions, *moved.steps)] == [
        "添加任务",
        "新任务",
        "添加任务",
    ]
    both = mixed(moved, original, 2)
    assert both.preconditions == moved.preconditions
    assert both.steps == (moved.steps[0], original.steps[1])


def test_a_moved_scenario_falls_back_to_the_written_texts_from_where_it_failed_then_as_written() -> None:
    from specwalk.manual.build import LocaleFallback, moved_plan
    from specwalk.models.report import StepResult
    from specwalk.verify.engine import ScenarioRun

    original = Scenario(
        id="s",
        name="Add",
        source=REF,
        steps=(
            ActionStep(text='I click "New task"', source=REF, action="click", target="New task"),
            ActionStep(text='I click "Add task"', source=REF, action="click", target="Add task"),
        ),
    )
    plan = Plan(
        requirements=(
            Requirement(id="r", kind="gherkin", feature="F", title="t", text="", source=REF, scenarios=(original,)),
        )
    )
    moved = moved_plan(plan, Catalog(UI, "en", "zh")).requirements[0].scenarios[0]
    assert moved != original
    fallback = LocaleFallback(plan)

    def failed_at(version: Scenario, index: int) -> ScenarioRun:
        steps = [StepResult(index=i, text="", source=REF, status="passed") for i in range(index)]
        steps.append(StepResult(index=index, text="", source=REF, status="not_grounded"))
        return ScenarioRun(version, "not_grounded", steps)

    partly = fallback.another(moved, failed_at(moved, 1), 1)
    assert partly is not None and partly.steps == (moved.steps[0], original.steps[1])
    assert fallback.another(moved, failed_at(partly, 1), 2) == original
    assert fallback.another(moved, failed_at(original, 0), 3) is None
    # Failing at the first step: straight to the written version, and nothing after it.
    assert fallback.another(moved, failed_at(moved, 0), 1) == original
    assert fallback.another(moved, failed_at(original, 0), 2) is None
    # A scenario the catalog did not change has no other version.
    assert fallback.another(original, failed_at(original, 0), 1) is None


def test_an_outline_rows_shown_values_move_with_its_steps_and_typed_ones_stay() -> None:
    typing = ActionStep(text='I type "Buy milk"', source=REF, action="fill", target="New task", value="Buy milk")
    shown = ExpectationStep(text='I should see "Add task"', source=REF, expectation="text_visible", value="Add task")
    row = Scenario(
        id="r",
        name="Add (example 1)",
        source=REF,
        steps=(typing, shown),
        example={"item": "Buy milk", "shown": "Add task"},
    )
    moved = translate_scenario(row, Catalog(UI, "en", "zh"))
    assert moved.example == {"item": "Buy milk", "shown": "添加任务"}
