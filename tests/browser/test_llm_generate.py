"""`specwalk generate` with an LLM, end to end: real index, real Chromium, real app, real runner.

The model is a local OpenAI-compatible server with scripted replies keyed on the prompt (the line
it is asked about, the candidates it is shown); the replies are scenario IR that specwalk then
grounds and verifies in the browser like any other. The notes project is the notes-html example
app with a small requirements file holding two of its prose criteria verbatim
(tests/fixtures/llm/notes-prose).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.errors import ExitCode

from ..conftest import EXAMPLES, REPO
from ..llm_server import Reply, Request, scripted_llm

FIXTURES = REPO / "tests" / "fixtures"
REFERENCE = json.loads((FIXTURES / "llm" / "reference_replies.json").read_text(encoding="utf-8"))
EXCERPT_LINE = "In the list, each note shows its title and an excerpt"
CANCEL_LINE = "Changing your mind in the confirmation keeps the note"
RELOAD_LINE = "Reloading never loses or reorders anything"

# What a model might first answer for the cancel line: "Cancel" alone, while the confirmation
# dialog is open, finds the editor's Cancel button behind it, which cannot be clicked.
CANCEL_PLAN = {
    "scenarios": [
        {
            "name": "Cancelling the confirmation keeps the note",
            "given": [{"kind": "sentence", "text": 'I have written the note "Keep me" with the text "Stays"'}],
            "steps": [
                {"kind": "action", "action": "click", "target": "Keep me"},
                {"kind": "action", "action": "click", "target": "Delete note", "role": "button"},
                {"kind": "action", "action": "click", "target": "Cancel", "role": "button"},
                {"kind": "expectation", "expectation": "element_visible", "role": "dialog", "negated": True},
                {"kind": "expectation", "expectation": "text_visible", "value": "Edit note"},
            ],
        }
    ]
}
CANCEL_REPAIR = {
    "steps": [{"kind": "action", "action": "click", "target": "Cancel", "role": "button", "scope_role": "dialog"}],
    "reason": "the step means the Cancel button of the confirmation dialog",
}


def requirement_of(request: Request) -> str:
    return request.first_user.split("\n", 2)[1] if request.first_user.startswith("Requirement (") else ""


@pytest.fixture
def notes(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "notes"
    app_only = shutil.ignore_patterns(
        "node_modules", ".specwalk", "e2e-*", "requirements.md", "specwalk.toml", "README.md"
    )
    shutil.copytree(EXAMPLES / "notes-html", project, ignore=app_only)
    shutil.copytree(FIXTURES / "llm" / "notes-prose", project, dirs_exist_ok=True)
    modules = EXAMPLES / "notes-html" / "node_modules"
    if not (modules / "@playwright" / "test").is_dir():
        pytest.fail("examples/notes-html/node_modules is missing: run `make node`")
    (project / "node_modules").symlink_to(modules)
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return project


def point_at(project: Path, url: str) -> str:
    config = project / "specwalk.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("http://127.0.0.1:9/v1", url), encoding="utf-8")
    return str(config)


def report_of(project: Path) -> dict[str, Any]:
    return json.loads((project / ".specwalk" / "report.json").read_text(encoding="utf-8"))


def test_prose_lines_become_verified_tests(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[str] = []

    def model(request: Request) -> Reply:
        asked.append(request.task())
        if request.number == 1:
            return Reply(status=429, error="rate limited", headers={"Retry-After": "0"})
        if request.task() == "repair":
            assert 'click button "Cancel"   <- FAILED' in request.first_user
            return Reply(json.dumps(CANCEL_REPAIR))
        line = requirement_of(request)
        if line.startswith(EXCERPT_LINE):
            return Reply(json.dumps(REFERENCE["notes-html/requirements.md:56"], ensure_ascii=False))
        if line.startswith(RELOAD_LINE):
            return Reply(json.dumps(REFERENCE["notes-html/requirements.md:175"]))
        if line.startswith(CANCEL_LINE):
            return Reply(json.dumps(CANCEL_PLAN))
        return Reply(status=500, error=f"unscripted prompt: {line[:60]}")

    with scripted_llm(model) as server:
        code = main(["generate", "-c", point_at(notes, server.url), "--runs", "1"])
    printed = capsys.readouterr()
    assert code == ExitCode.OK, printed.out + printed.err
    assert asked == ["plan", "plan", "plan", "plan", "repair"]  # a 429 was retried; one repair

    report = report_of(notes)
    assert report["unplanned"] == []
    scenarios = {scenario["name"]: scenario for scenario in report["scenarios"]}
    for reference in ("notes-html/requirements.md:56", "notes-html/requirements.md:175"):
        for planned in REFERENCE[reference]["scenarios"]:
            assert scenarios[planned["name"]]["status"] == "passed", planned["name"]
            assert scenarios[planned["name"]]["test_file"]
    cancel = scenarios[CANCEL_LINE + " where it was."]
    assert cancel["status"] == "passed"
    assert cancel["message"] == "repaired by the model (1 attempt(s))"
    clicked = next(step for step in cancel["steps"] if step["text"] == 'click button "Cancel" in dialog')
    assert clicked["operations"][0]["locator"]["parts"][0]["role"] == "dialog"
    # Every LLM-planned check was proven to fail when the action that causes it is skipped.
    excerpt = scenarios["A long body is cut to its first 80 characters and ends with …"]
    shown = next(step for step in excerpt["steps"] if step["text"].startswith('expect text visible "The quick'))
    assert shown["sensitivity"] == "sensitive"
    assert report["runner"]["passed"] == len(report["scenarios"]) and report["runner"]["failed"] == 0
    spec = (notes / "e2e-generated" / "create-a-note.spec.ts").read_text(encoding="utf-8")
    assert "The quick brown fox jumps over the lazy dog near the riverbank while the sun slo…" in spec

    assert "llm: planned 3 of 3 prose line(s); repaired 1 of 1 failing scenario(s)" in printed.out
    assert "llm: scripted: 4 request(s), " in printed.out  # answers; the 429 was not one


def test_bad_answers_are_reported_per_line_and_the_rest_still_passes(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def model(request: Request) -> Reply:
        line = requirement_of(request)
        if line.startswith(EXCERPT_LINE):
            if request.reasks == 0:
                return Reply('{"scenarios": [{"name": "excerpt", "steps": [')  # cut off: malformed JSON
            return Reply('{"scenarios": [{"name": "excerpt", "steps": [{"kind": "action", "action": "swipe"}]}]}')
        if line.startswith(CANCEL_LINE):
            return Reply(json.dumps(CANCEL_PLAN), delay=5.0)  # the test config waits 2 s
        return Reply(status=500, error="internal error")

    with scripted_llm(model) as server:
        code = main(["generate", "-c", point_at(notes, server.url), "--runs", "1"])
    printed = capsys.readouterr()
    assert code == ExitCode.OK, printed.out + printed.err  # lines not planned are reported, not failures

    report = report_of(notes)
    reasons = {entry["source"]["line"]: entry for entry in report["unplanned"]}
    assert sorted(reasons) == [12, 20, 26]
    assert reasons[12]["reason"].startswith("the LLM planner's reply was still invalid after 3 attempt(s): ")
    assert "action: Input should be 'open', 'click'" in reasons[12]["reason"]
    assert '"swipe"' in reasons[12]["llm_reply"]
    assert reasons[20]["reason"] == (
        f"the LLM planner got no answer: the LLM at {server.url} gave no answer within 2 s (2 attempt(s))"
    )
    assert reasons[26]["reason"] == (
        f"the LLM planner got no answer: the LLM at {server.url} kept failing (500 internal error) after 2 attempt(s)"
    )
    for line in (12, 20, 26):
        assert f"  not planned: requirements.md:{line}: " in printed.out
    # The line the rules planned is verified, emitted and run as without a model.
    [scenario] = report["scenarios"]
    assert scenario["status"] == "passed"
    assert report["runner"]["passed"] == 1
    assert "llm: planned 0 of 3 prose line(s)" in printed.out


@pytest.fixture
def groceries(tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "groceries"
    shutil.copytree(FIXTURES / "generate" / "groceries", project)
    shutil.copyfile(FIXTURES / "pages" / "driver.html", project / "index.html")
    (project / "prose.md").write_text(
        "# Groceries\n\n## Remove items\n\n"
        "As a shopper, I want to take items off my list, so that it only shows what I still need.\n\n"
        "- Deleting an item takes it off the list, and the count below the list goes down by one.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    return project


# "Delete" alone: every row has one, so the words do not single out the button to press.
DELETE_PLAN = {
    "scenarios": [
        {
            "name": "Deleting Bread takes it off the list",
            "steps": [
                {"kind": "action", "action": "open", "value": "/"},
                {"kind": "action", "action": "click", "target": "Delete", "role": "button"},
                {"kind": "expectation", "expectation": "text_visible", "value": "Bread", "negated": True},
                {"kind": "expectation", "expectation": "text_visible", "value": "1 items"},
            ],
        }
    ]
}


@pytest.mark.parametrize("invent", [False, True], ids=["candidate", "invented-id"])
def test_grounding_assist_picks_a_candidate_or_is_rejected(
    groceries: Path, capsys: pytest.CaptureFixture[str], invent: bool
) -> None:
    def model(request: Request) -> Reply:
        if request.task() == "choose":
            if invent:
                return Reply('{"element_id": "index.html:99:1", "reason": "the one for Bread"}')
            row = next(line for line in request.first_user.splitlines() if line.startswith("- [") and "Bread" in line)
            return Reply(json.dumps({"element_id": row[3 : row.index("]")], "reason": "the Delete button of Bread"}))
        if request.task() == "repair":
            return Reply('{"steps": [], "reason": "no other way to say it"}')
        return Reply(json.dumps(DELETE_PLAN))

    with scripted_llm(model) as server:
        args = ["generate", "-c", str(groceries / "specwalk.toml"), str(groceries / "prose.md"), "--runs", "0"]
        code = main([*args, "--llm", server.url])
    printed = capsys.readouterr()
    [scenario] = report_of(groceries)["scenarios"]
    click = next(step for step in scenario["steps"] if step["text"] == 'click button "Delete"')
    if not invent:
        assert code == ExitCode.OK, printed.out + printed.err
        assert scenario["status"] == "passed"
        assert click["evidence"]["message"] == "chosen by the model from 5 candidates: the Delete button of Bread"
        page = (groceries / "index.html").read_text(encoding="utf-8").splitlines()
        bread = next(number for number, line in enumerate(page, start=1) if "<li>Bread" in line)
        assert click["evidence"]["element_id"].startswith(f"index.html:{bread}:")  # the Delete button of Bread
        parts = click["operations"][0]["locator"]["parts"]
        assert (parts[0]["value"], parts[-1]["role"], parts[-1]["value"]) == ("Bread Delete", "button", "Delete")
        assert "chose among candidates 1 time(s) (0 rejected)" in printed.out
    else:
        assert code == ExitCode.FAILURES
        assert scenario["status"] == "not_grounded"
        assert click["status"] == "not_grounded"
        message = click["evidence"]["message"]
        assert message.startswith("'Delete' matches more than one element; say which")
        assert "the model's choice was rejected after 3 attempt(s): element_id: 'index.html:99:1' is not" in message
        assert "chose among candidates 1 time(s) (1 rejected)" in printed.out
