"""`docs --check`'s comparison: pictures by visible pixels, text word for word, listed by step."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from specwalk.emit.files import write_files
from specwalk.emit.manual_check import compare_manual, heading_problems, mark_changed, picture_difference
from specwalk.emit.manual_html import render_html
from specwalk.emit.manual_md import render_markdown
from specwalk.models.manual import ManualDocument
from tests.unit.emit.manual_doc import document


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
