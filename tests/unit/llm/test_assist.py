"""Grounding assist: the model picks among retrieved candidates by id, or its answer is rejected."""

from __future__ import annotations

import json
from collections.abc import Callable

from specwalk.ground.retrieve import LexicalRetriever
from specwalk.llm.assist import LlmChooser, containers_of
from specwalk.llm.openai_compat import OpenAICompatModel
from specwalk.llm.session import LlmLog

from ...llm_server import Reply, Request, replies, scripted_llm
from .conftest import settings_for
from .examples import Example

DIALOG_CANCEL = "index.html:80:11"
EDITOR_CANCEL = "index.html:60:13"


def chooser_for(example: Example, url: str) -> tuple[LlmChooser, LlmLog]:
    log = LlmLog()
    model = OpenAICompatModel(settings_for(url), backoff=0.01)
    return LlmChooser(model, example.ui_map, locale="en", log=log), log


def cancel_hits(example: Example) -> list:  # type: ignore[type-arg]
    return LexicalRetriever(example.ui_map.elements).search("Cancel", k=5, role="button")


def test_the_model_picks_a_candidate_and_says_why(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    hits = cancel_hits(example)
    assert {DIALOG_CANCEL, EDITOR_CANCEL} <= {hit.element.id for hit in hits}
    answer = {"element_id": DIALOG_CANCEL, "reason": "the step cancels the delete confirmation dialog"}
    with scripted_llm(replies(Reply(json.dumps(answer)))) as server:
        chooser, log = chooser_for(example, server.url)
        choice = chooser.choose('click "Cancel" to keep the note', "Cancel", "button", hits, ["2 matches, not unique"])
        again = chooser.choose('click "Cancel" to keep the note', "Cancel", "button", hits, ["2 matches, not unique"])
    assert choice.element is not None and choice.element.id == DIALOG_CANCEL
    assert choice.reason == "the step cancels the delete confirmation dialog"
    assert [c.role for c in choice.containers][:2] == ["form", "dialog"]  # nearest first, to scope a locator
    assert again == choice
    assert len(server.chat_requests()) == 1  # remembered: the resolver's second look is free
    assert (log.choices, log.choices_rejected) == (1, 0)
    prompt = server.chat_requests()[0].first_user
    assert f"[{DIALOG_CANCEL}] button" in prompt and f"[{EDITOR_CANCEL}] button" in prompt
    assert "What the words matched on the page: 2 matches, not unique" in prompt


def test_an_invented_id_is_re_asked_then_rejected_and_reported(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    invented = json.dumps({"element_id": "index.html:999:1", "reason": "looks right"})
    with scripted_llm(replies(Reply(invented))) as server:
        chooser, log = chooser_for(example, server.url)
        choice = chooser.choose('click "Cancel"', "Cancel", "button", cancel_hits(example), [])
    assert choice.element is None
    assert choice.rejected.startswith("the model's choice was rejected after 3 attempt(s): element_id: ")
    assert "'index.html:999:1' is not one of the candidates" in choice.rejected
    assert len(server.chat_requests()) == 3
    assert "is not one of the candidates" in server.chat_requests()[1].messages[-1]["content"]
    assert (log.choices, log.choices_rejected) == (1, 1)


def test_the_model_may_find_that_none_fits(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    with scripted_llm(replies(Reply('{"element_id": null, "reason": "no candidate archives a note"}'))) as server:
        chooser, _log = chooser_for(example, server.url)
        choice = chooser.choose('click "Archive"', "Archive", None, cancel_hits(example), [])
    assert choice.element is None
    assert choice.reason == "no candidate archives a note"
    assert choice.rejected == ""


def test_no_answer_is_a_rejection_not_a_crash(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")

    def script(_request: Request) -> Reply:
        return Reply(status=500, error="down")

    with scripted_llm(script) as server:
        chooser, _log = chooser_for(example, server.url)
        choice = chooser.choose('click "Cancel"', "Cancel", "button", cancel_hits(example), [])
    assert choice.element is None
    assert choice.rejected.startswith("the model did not answer (")


def test_containers_are_read_from_source_spans(examples: Callable[[str], Example]) -> None:
    example = examples("notes-html")
    editor_cancel = next(e for e in example.ui_map.elements if e.id == EDITOR_CANCEL)
    assert [c.role for c in containers_of(editor_cancel, example.ui_map)] == ["form", "region", "main"]
