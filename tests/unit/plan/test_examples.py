"""The bundled examples: every Gherkin scenario plans; what does not is listed, line by line.

The golden file pins the whole plan of examples/notes-html. After an intended change, regenerate
it with `SPECWALK_REGEN_GOLDEN=1 .venv/bin/pytest tests/unit/plan/test_examples.py` and review
the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specwalk.models.scenario import StateStep
from specwalk.plan import plan_files

ROOT = Path(__file__).parents[3]
GOLDEN = ROOT / "tests" / "fixtures" / "plan" / "golden" / "notes-html.plan.json"

# The criteria each example deliberately leaves as free prose (for the LLM planner); every other
# line plans. The texts pin which criteria these are, not just where they are.
EXPECTED_UNPLANNED = {
    "tasks-react": [
        (104, "Pressing Enter in the new-task box works exactly like the button"),
        (175, 'Check "Compact view" and click "Save": the task list uses tighter spacing.'),
        (176, 'Select "Dark" as the theme and click "Save": the app switches to dark colours'),
    ],
    "shop-vue": [
        (26, "Search ignores upper and lower case and matches any part of a product's name"),
        (121, "After a failed attempt, the cursor is placed in the first field that has an error"),
    ],
    "notes-html": [
        (56, "In the list, each note shows its title and an excerpt of its body."),
        (175, "Reloading never loses or reorders anything"),
    ],
}


@pytest.mark.parametrize("example", sorted(EXPECTED_UNPLANNED))
def test_example_plans_everything_but_its_deliberate_prose(example: str) -> None:
    directory = ROOT / "examples" / example
    plan = plan_files([directory / "requirements.md"], base=directory)
    expected = EXPECTED_UNPLANNED[example]
    assert [entry.source.line for entry in plan.unplanned] == [line for line, _ in expected]
    assert all(entry.text.startswith(text) for entry, (_, text) in zip(plan.unplanned, expected, strict=True))
    assert all(entry.needs_llm for entry in plan.unplanned)
    unplanned_ids = {entry.requirement_id for entry in plan.unplanned}
    assert [r.id for r in plan.requirements if not r.scenarios] == [
        r.id for r in plan.requirements if r.id in unplanned_ids
    ]
    planned = [scenario for requirement in plan.requirements for scenario in requirement.scenarios]
    # Every scenario starts from a fresh browser and reaches its state through the UI: no state
    # steps are left for grounding, and every scenario is complete.
    assert all(scenario.complete for scenario in planned)
    assert not [
        step.text
        for scenario in planned
        for step in (*scenario.preconditions, *scenario.steps)
        if isinstance(step, StateStep)
    ]


def test_golden_plan_of_notes_html() -> None:
    directory = ROOT / "examples" / "notes-html"
    produced = plan_files([directory / "requirements.md"], base=directory).model_dump_json(indent=2) + "\n"
    if os.environ.get("SPECWALK_REGEN_GOLDEN"):
        GOLDEN.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN.read_text(encoding="utf-8")
