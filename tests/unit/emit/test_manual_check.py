"""`docs --check`'s comparison: pictures by visible pixels, text word for word, listed by step."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from specwalk.emit.files import write_files
from specwalk.emit.manual_check import (
    compare_manual,
    heading_problems,
    mark_changed,
    picture_difference,
    structure_problems,
)
from specwalk.emit.manual_html import render_html
from specwalk.emit.manual_md import render_markdown
from specwalk.models.manual import ManualDocument, ManualNote, ManualScenario, ManualStep, ManualTable, ManualTask
from tests.unit.emit.manual_doc import action, add_task, document, ref, result


def png(label: str = "", *, noise: int = 0, size: tuple[int, int] = (200, 100)) -> bytes:
    picture = Image.new("RGB", size, (255 - noise, 255, 255))
    if label:
        ImageDraw.Draw(picture).text((10, 40), label, fill=(0, 0, 0))
    out = BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def test_a_picture_changes_by_the_share_of_visibly_different_pixels() -> None:
    assert picture_difference(png("Add"), png("Add")) == 0.0
    assert picture_difference(png("Add"), png("Add", noise=20)) == 0.0  # below what a reader can see
    changed = picture_difference(png("Add"), png("Add item"))
    assert 0.001 < changed < 0.2
    assert picture_difference(png(), png(size=(100, 100))) == 1.0
    assert picture_difference(png(), b"not a picture") == 1.0


def files_of(doc: ManualDocument, pictures: dict[str, bytes]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(render_markdown(doc))
    files["manual.html"] = render_html(doc, pictures)
    files["manual.json"] = doc.model_dump_json(indent=2) + "\n"
    files.update(pictures)
    return files


PICTURES = {f"images/manage-tasks/{name}.png": png(name) for name in ("01-01", "01-02", "02-01", "02-02", "02-04")}


@pytest.fixture
def on_disk(tmp_path: Path) -> Path:
    write_files(tmp_path, files_of(document(), PICTURES))
    return tmp_path


def test_an_unchanged_manual_has_no_changes(on_disk: Path) -> None:
    assert compare_manual(on_disk, document(), files_of(document(), PICTURES)) == []


def test_a_changed_picture_and_a_changed_sentence_are_named_by_chapter_task_and_step(on_disk: Path) -> None:
    doc = document()
    feature = doc.features[0]
    task = feature.tasks[0]
    second = task.procedure.steps[1]
    renamed = second.model_copy(update={"sentence": second.sentence.model_copy(update={"name": "Add it"})})
    procedure = task.procedure.model_copy(update={"steps": (task.procedure.steps[0], renamed)})
    doc = doc.model_copy(
        update={
            "features": (
                feature.model_copy(
                    update={"tasks": (task.model_copy(update={"procedure": procedure}), *feature.tasks[1:])}
                ),
            )
        }
    )
    pictures = {**PICTURES, "images/manage-tasks/01-01.png": png("01-01 and more")}
    changes = compare_manual(on_disk, doc, files_of(doc, pictures))
    said = [str(change) for change in changes]
    assert any(line.startswith("Manage tasks › Add a task › step 1: picture changed (") for line in said), said
    assert "Manage tasks › Add a task › step 2: text: “Click “Add task”.” → “Click “Add it”.”" in said
    marked = mark_changed(doc, changes)
    assert [step.changed for step in marked.features[0].tasks[0].procedure.steps] == [True, False]
    # Within the threshold: not a change.
    assert compare_manual(on_disk, document(), files_of(document(), pictures), threshold=50) == []


def test_no_manual_on_disk_is_one_change(tmp_path: Path) -> None:
    changes = compare_manual(tmp_path, document(), files_of(document(), PICTURES))
    assert len(changes) == 1 and "no manual on disk" in str(changes[0])


@pytest.mark.parametrize(
    ("heading", "why"),
    [
        ("## Given I am signed in", "a Gherkin keyword"),
        ("## 假如我已登录", "a Gherkin keyword"),
        ("## Invalid sign-in attempts are rejected (example 2)", "an outline row's number"),
        ("## Click “Completed” and click “All”", "a list of steps"),
        ("## 在 “Language” 中选择 “中文”,然后点击 “Save”", "a list of steps"),
    ],
)
def test_headings_that_read_like_test_steps_are_flagged(heading: str, why: str) -> None:
    assert [problem.split(": ", 1)[1] for problem in heading_problems(heading)] == [why]


@pytest.mark.parametrize("heading", ["## Sign in", "## Show “Active”", "## Type “tea” in “Search”", "## 添加任务"])
def test_task_headings_are_not_flagged(heading: str) -> None:
    assert heading_problems(heading) == []


# -- the manual's structure on disk (tasks, notes, tables) ----------------------------------------


def refused(scenario_id: str, value: str, message: str) -> ManualScenario:
    """ "Add task" with another value, and the message it gets: an error scenario of the same task."""
    return ManualScenario(
        scenario_id=scenario_id,
        requirement_id="manage-tasks/refused",
        name=f"A task of {value!r} is refused",
        named=True,
        source=ref(84),
        locale="en",
        steps=(
            ManualStep(
                number=1,
                sentence=action("fill", name="New task", role="textbox", value=value),
                source=ref(85),
                text=f'When I type "{value}" into the "New task" field',
            ),
            ManualStep(
                number=2,
                sentence=action("click", name="Add task", role="button"),
                source=ref(86),
                text='And I click "Add task"',
                results=(result("text_visible", values=(message,)),),
            ),
        ),
    )


ROWS = (
    refused("manage-tasks/refused-1", " ", "A task needs a title"),
    refused("manage-tasks/refused-2", "x" * 201, "Too long"),
)
TABLE = ManualTable(
    columns=("title", "message"),
    rows=((" ", "A task needs a title"), ("x" * 201, "Too long")),
    scenario_ids=tuple(row.scenario_id for row in ROWS),
)
NOTE = ManualNote(scenario=ROWS[0], way="values", condition=(ROWS[0].steps[0].sentence,), table=TABLE)


def with_tasks(*tasks: ManualTask) -> ManualDocument:
    doc = document()
    return doc.model_copy(update={"features": (doc.features[0].model_copy(update={"tasks": tasks}),)})


def written(tmp_path: Path, doc: ManualDocument) -> Path:
    write_files(tmp_path, files_of(doc, PICTURES))
    return tmp_path


def test_a_task_with_its_error_cases_as_one_note_and_one_table_is_sound(tmp_path: Path) -> None:
    doc = with_tasks(ManualTask(anchor="manage-tasks-1", procedure=add_task(), notes=(NOTE,)))
    assert structure_problems(written(tmp_path, doc)) == []
    assert structure_problems(written(tmp_path / "plain", document())) == []


def test_an_error_case_told_as_a_task_of_its_own_is_flagged(tmp_path: Path) -> None:
    doc = with_tasks(
        ManualTask(anchor="manage-tasks-1", procedure=add_task()),
        ManualTask(anchor="manage-tasks-2", procedure=ROWS[0]),
    )
    assert structure_problems(written(tmp_path, doc)) == [
        "manage-tasks.md#manage-tasks-2: an error scenario is a task, not a note under manage-tasks-1"
    ]


def test_an_outline_row_as_a_task_and_a_note_outside_its_task_are_flagged(tmp_path: Path) -> None:
    doc = with_tasks(
        ManualTask(anchor="manage-tasks-1", procedure=add_task(), notes=(NOTE,)),
        ManualTask(anchor="manage-tasks-2", procedure=ROWS[1]),
    )
    directory = written(tmp_path, doc)
    problems = structure_problems(directory)
    assert "manage-tasks.md#manage-tasks-2: an outline row is a task of its own" in problems
    page = directory / "manage-tasks.md"
    text = page.read_text(encoding="utf-8")
    note = text[text.index("> If") : text.index('<a id="manage-tasks-2">')]
    page.write_text(text.replace(note, "") + "\n" + note, encoding="utf-8")  # the note moved to the end
    moved = structure_problems(directory)
    assert "manage-tasks.md#manage-tasks-1: the note on \"A task of ' ' is refused\" is not under its task" in moved
    assert "manage-tasks.md#manage-tasks-1: 0 table lines for 1 outline table(s)" in moved


def test_a_heading_with_steps_is_named_with_its_page(tmp_path: Path) -> None:
    # The renderer drops "Given" from a person's title; a page edited by hand keeps it.
    directory = written(tmp_path, with_tasks(ManualTask(anchor="manage-tasks-1", procedure=add_task("Given I add"))))
    page = directory / "manage-tasks.md"
    assert "## I add\n" in page.read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("## I add\n", "## Given I add\n"), encoding="utf-8")
    assert structure_problems(directory) == ["manage-tasks.md: 'Given I add': a Gherkin keyword"]
