"""`docs --llm`: a person's words in the other language translated through the real client, against
the local OpenAI-compatible server (tests/llm_server.py), checked and cached."""

from __future__ import annotations

import json
from pathlib import Path

from specwalk.emit.manual_tasks import task_title
from specwalk.emit.manual_text import plain
from specwalk.llm.session import connect
from specwalk.manual.translate import foreign, translate
from specwalk.models.manual import ManualScenario, ManualTask
from specwalk.models.scenario import SourceRef

from ...llm_server import Reply, Request, scripted_llm
from ..llm.conftest import settings_for

CHINESE = {"Sign in": "登录", "Successful sign in": "成功登录", "Manage tasks": "管理任务"}


def translator(request: Request) -> Reply:
    """Translates what it is asked, found in the user message as numbered JSON strings."""
    texts = [json.loads(line.split(". ", 1)[1]) for line in request.first_user.splitlines() if ". " in line]
    pairs = [{"text": text, "translation": CHINESE[text]} for text in texts]
    return Reply(json.dumps({"translations": pairs}, ensure_ascii=False))


def test_only_words_in_the_other_language_are_sent_each_once() -> None:
    words = ["Sign in", "Sign in", "切换语言", None, " ", "Manage tasks"]
    assert foreign(words, "zh") == ["Manage tasks", "Sign in"]
    assert foreign(words, "en") == ["切换语言"]


def test_translations_are_checked_and_cached(tmp_path: Path) -> None:
    texts = ["Manage tasks", "Sign in", "Successful sign in"]
    with scripted_llm(translator) as server:
        first = connect(settings_for(server.url), cache_dir=tmp_path)
        found, problem = translate(first, texts, "zh")
        assert (found, problem) == ({text: CHINESE[text] for text in texts}, "")
        assert "Simplified Chinese" in server.chat_requests()[0].system
        again = connect(settings_for(server.url), cache_dir=tmp_path)
        assert translate(again, texts, "zh") == (found, "")
    assert len(server.chat_requests()) == 1  # the re-run asked nothing
    assert again.usage.cached == 1


def test_an_answer_in_the_wrong_language_is_asked_again_then_given_up(tmp_path: Path) -> None:
    wrong = Reply(json.dumps({"translations": [{"text": "Sign in", "translation": "Sign in"}]}))
    with scripted_llm(lambda _request: wrong) as server:
        session = connect(settings_for(server.url), cache_dir=tmp_path)
        found, problem = translate(session, ["Sign in"], "zh")
    assert found == {}
    assert "not in Simplified Chinese" in problem
    assert len(server.chat_requests()) == 3  # the first answer and two re-asks, each with the errors
    assert "not in Simplified Chinese" in server.chat_requests()[1].messages[-1]["content"]


def test_a_translated_title_is_the_tasks_title_in_that_language() -> None:
    scenario = ManualScenario(
        scenario_id="s",
        requirement_id="r",
        name="Successful sign in (example 2)",
        named=True,
        source=SourceRef(file="requirements.md", line=3),
        locale="en",
    )
    task = ManualTask(anchor="sign-in-1", procedure=scenario)
    assert plain(task_title(task, "en")) == "Sign in"
    assert plain(task_title(task, "zh", translations={"Successful sign in": "成功登录"})) == "登录"
