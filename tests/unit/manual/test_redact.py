"""No value typed into a password or masked field survives anywhere in the manual's text."""

from __future__ import annotations

from specwalk.manual.build import HIDDEN, redact
from tests.unit.emit.manual_doc import document


def test_secrets_are_hidden_in_every_text_field_but_files_and_anchors_keep_their_names() -> None:
    doc = document()
    feature = doc.features[0]
    task = feature.tasks[0]
    step = task.procedure.steps[0]
    leaky = task.procedure.model_copy(
        update={
            "name": 'Given I am signed in with password "hunter22", when I add a task',
            "steps": (
                step.model_copy(update={"text": 'When I fill in "Password" with "hunter22"'}),
                *task.procedure.steps[1:],
            ),
            "example": (("password", "hunter22"), ("pin", "42")),
        }
    )
    doc = doc.model_copy(
        update={"features": (feature.model_copy(update={"tasks": (task.model_copy(update={"procedure": leaky}),)}),)}
    )
    hidden = redact(doc, ["hunter22", "42", "Buy milk"])
    text = hidden.model_dump_json()
    assert "hunter22" not in text
    assert f'"{HIDDEN}"' in text
    procedure = hidden.features[0].tasks[0].procedure
    assert procedure.example == (("password", HIDDEN), ("pin", HIDDEN))
    # A short secret only where it is the whole value or quoted; ids and image paths are untouched.
    assert procedure.steps[0].shot is not None and procedure.steps[0].shot.image == "images/manage-tasks/01-01.png"
    assert procedure.scenario_id == "manage-tasks/add-a-task"
    assert procedure.steps[0].sentence.value == HIDDEN  # "Buy milk" was typed into a masked field
    assert redact(doc, []) == doc
