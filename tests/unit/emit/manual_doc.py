"""A small manual document built by hand (what `specwalk docs` captures for a to-do app)."""

from __future__ import annotations

from specwalk.models.manual import (
    Box,
    ManualDocument,
    ManualFeature,
    ManualScenario,
    ManualStep,
    ManualTask,
    Sentence,
    Shot,
)
from specwalk.models.scenario import SourceRef


def ref(line: int) -> SourceRef:
    return SourceRef(file="requirements.md", line=line)


def shot(image: str) -> Shot:
    clip = Box(x=0, y=0, width=560, height=320)
    target = Box(x=100, y=100, width=200, height=30)
    return Shot(image=image, clip=clip, scale=2, target=target, overlay=Box(x=93, y=93, width=214, height=44))


def action(kind: str, **fields: object) -> Sentence:
    return Sentence(phrase="action", kind=kind, **fields)  # type: ignore[arg-type]


def result(kind: str, **fields: object) -> Sentence:
    return Sentence(phrase="result", kind=kind, **fields)  # type: ignore[arg-type]


def add_task(
    name: str = "Add a task", *, named: bool = True, ui: tuple[str, str] = ("New task", "Add task")
) -> ManualScenario:
    field, button = ui
    return ManualScenario(
        scenario_id="manage-tasks/add-a-task",
        requirement_id="manage-tasks/add-a-task",
        name=name,
        named=named,
        source=ref(76),
        locale="en",
        before=(action("open", value="/login"), action("fill", name="Username", role="textbox", value="admin")),
        steps=(
            ManualStep(
                number=1,
                sentence=action("fill", name=field, role="textbox", value="Buy milk"),
                source=ref(77),
                text='When I type "Buy milk" into the "New task" field',
                shot=shot("images/manage-tasks/01-01.png"),
            ),
            ManualStep(
                number=2,
                sentence=action("click", name=button, role="button"),
                source=ref(78),
                text='And I click "Add task"',
                shot=shot("images/manage-tasks/01-02.png"),
                results=(
                    result("text_visible", values=("Buy milk",), position="last"),
                    result("text_visible", values=("2 tasks left",)),
                    result("empty", name=field, role="textbox"),
                ),
            ),
        ),
    )


def delete_task() -> ManualScenario:
    return ManualScenario(
        scenario_id="manage-tasks/delete",
        requirement_id="manage-tasks/delete",
        name='Given I am signed in, when I click "Delete task" next to "Book the team offsite", then…',
        named=False,
        source=ref(90),
        locale="en",
        seen=(result("text_visible", values=("Book the team offsite",)),),
        steps=(
            ManualStep(
                number=1,
                sentence=action(
                    "click", name="Delete task", role="button", scope="Book the team offsite", scope_role="listitem"
                ),
                source=ref(90),
                text='when I click "Delete task" next to "Book the team offsite"',
                shot=shot("images/manage-tasks/02-01.png"),
                results=(result("element_visible", name="Delete task?", role="dialog"),),
            ),
            ManualStep(
                number=2,
                sentence=action("click", name="Delete", role="button", scope="Delete task?", scope_role="dialog"),
                source=ref(90),
                text='press "Delete"',
                shot=shot("images/manage-tasks/02-02.png"),
                results=(result("text_visible", values=("Book the team offsite",), negated=True),),
            ),
            ManualStep(number=3, sentence=action("wait", value="4 seconds"), source=ref(90), text="wait 4 seconds"),
            ManualStep(
                number=4,
                sentence=action("press", value="Enter", name="New task"),
                source=ref(90),
                text='press "Enter"',
                shot=shot("images/manage-tasks/02-04.png"),
                results=(
                    result("url", value="/tasks"),
                    result("count", count=3),
                    result("checked", name="Done", negated=True),
                ),
            ),
        ),
    )


def document(language: str = "en") -> ManualDocument:
    return ManualDocument(
        specwalk_version="0.1.0",
        project="taskboard",
        language=language,
        locale="en",
        features=(
            ManualFeature(
                slug="manage-tasks",
                name="Manage tasks",
                user_story=(
                    "As a signed-in user, I want to add tasks and remove the ones I no longer need, "
                    "so that my list shows what is left."
                ),
                tasks=(
                    ManualTask(anchor="manage-tasks-1", procedure=add_task()),
                    ManualTask(anchor="manage-tasks-2", procedure=delete_task()),
                ),
            ),
        ),
    )


# 1x1 transparent PNG with a tIME chunk (what some encoders add), built by the test helpers.
def images() -> dict[str, bytes]:
    from tests.unit.emit.manual_png import tiny_png

    return {
        f"images/manage-tasks/{name}.png": tiny_png(stamp=True)
        for name in ("01-01", "01-02", "02-01", "02-02", "02-04")
    }
