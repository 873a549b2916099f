"""The manual's sentences: both languages cover the same cases, and Chinese has no English in it."""

from __future__ import annotations

import re

import pytest

from specwalk.emit.manual_md import inline
from specwalk.emit.manual_text import (
    ACTIONS,
    LABELS,
    RESULTS,
    action_tokens,
    plain,
    result_tokens,
    story_intro,
)
from tests.unit.emit.manual_doc import action, result

SLOT = re.compile(r"\{\w+\}")


@pytest.mark.parametrize("table", [ACTIONS, RESULTS, LABELS], ids=["actions", "results", "labels"])
def test_chinese_templates_have_no_latin_letters(table: dict[str, dict[str, str]]) -> None:
    for key, template in table["zh"].items():
        assert not re.search(r"[A-Za-z]", SLOT.sub("", template)), f"untranslated zh template {key!r}: {template!r}"


@pytest.mark.parametrize("table", [ACTIONS, RESULTS, LABELS], ids=["actions", "results", "labels"])
def test_both_languages_have_every_template_with_the_same_slots(table: dict[str, dict[str, str]]) -> None:
    assert table["en"].keys() == table["zh"].keys()
    for key in table["en"]:
        assert sorted(SLOT.findall(table["en"][key])) == sorted(SLOT.findall(table["zh"][key])), key


@pytest.mark.parametrize(
    ("sentence", "english", "chinese"),
    [
        (
            action("fill", name="What needs to be done?", value="Buy milk"),
            "Type *Buy milk* in **What needs to be done?**.",
            "在 **What needs to be done?** 中输入 *Buy milk*。",
        ),
        (action("click", name="保存", role="button"), "Click **保存**.", "点击 **保存**。"),
        (
            action("click", name="Delete task", scope="Buy milk", scope_role="listitem"),
            "Click **Delete task** next to *Buy milk*.",
            "点击 *Buy milk* 旁边的 **Delete task**。",
        ),
        (
            action("click", name="Cancel", scope="Delete task?", scope_role="dialog"),
            "Click **Cancel** in **Delete task?**.",
            "在 **Delete task?** 中点击 **Cancel**。",
        ),
        (action("fill", name="Title", value=""), "Clear **Title**.", "清空 **Title**。"),
        (action("check", name="Express", role="radio"), "Choose **Express**.", "选择 **Express**。"),
        (action("uncheck", name="Done"), "Untick **Done**.", "取消勾选 **Done**。"),
        (action("select", name="Theme", value="Dark"), "Choose *Dark* in **Theme**.", "在 **Theme** 中选择 *Dark*。"),
        (
            action("press", value="Enter", name="New task"),
            "Press **Enter** in **New task**.",
            "在 **New task** 中按 **Enter** 键。",
        ),
        (
            action("open", value="/tasks", name="Tasks"),
            "Open the **Tasks** page (`/tasks`).",
            "打开 **Tasks** 页面（`/tasks`）。",
        ),
        (action("wait", value="4 seconds"), "Wait 4 seconds.", "等待 4 秒。"),
        (action("click", name="+", count=3), "Click **+**. Do this 3 times.", "点击 **+**。重复 3 次。"),
        (action("reload"), "Reload the page.", "刷新页面。"),
    ],
)
def test_action_sentences(sentence: object, english: str, chinese: str) -> None:
    assert inline(action_tokens(sentence, "en")) == english  # type: ignore[arg-type]
    assert inline(action_tokens(sentence, "zh")) == chinese  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "english", "chinese"),
    [
        (result("text_visible", values=("2 tasks left",)), "You see *2 tasks left*.", "可以看到 *2 tasks left*。"),
        (
            result("text_visible", values=("A", "B", "C"), negated=True),
            "*A*, *B* and *C* is not shown.",
            "不显示 *A*、*B* 和 *C*。",
        ),
        (
            result("element_visible", name="Delete task?", role="dialog"),
            "The **Delete task?** dialog opens.",
            "打开 **Delete task?** 对话框。",
        ),
        (result("element_visible", role="dialog", negated=True), "The dialog closes.", "对话框关闭。"),
        (result("url", value="/tasks"), "You are on `/tasks`.", "当前页面为 `/tasks`。"),
        (result("enabled", name="Archive", negated=True), "**Archive** is unavailable.", "**Archive** 不可用。"),
        (result("pressed", name="All"), "**All** is selected.", "**All** 处于选中状态。"),
        (
            result("only_listed", values=("Milk", "Eggs")),
            "Only *Milk* and *Eggs* are listed.",
            "列表中只有 *Milk* 和 *Eggs*。",
        ),
        (result("text_equals", name="Total", value="$4.95"), "**Total** shows *$4.95*.", "**Total** 显示 *$4.95*。"),
    ],
)
def test_result_sentences(sentence: object, english: str, chinese: str) -> None:
    assert inline(result_tokens(sentence, "en")) == english  # type: ignore[arg-type]
    assert inline(result_tokens(sentence, "zh")) == chinese  # type: ignore[arg-type]


def test_a_user_story_becomes_an_introduction_for_the_reader() -> None:
    story = "As a shopper, I want to add items to my list, so that I remember what to buy."
    assert plain(story_intro(story, "en")) == "You can add items to your list, so that you remember what to buy."
    assert plain(story_intro(story, "zh")) == f"用户故事：{story}"
    chinese = "作为一名习惯使用中文的用户,我希望把界面切换成中文,以便更轻松地管理我的任务。"
    assert plain(story_intro(chinese, "zh")) == "你可以把界面切换成中文，以便更轻松地管理你的任务。"
    # Full-width punctuation, as Chinese writers type it, and "希望能" ("hope to be able to").
    typed = "作为笔记用户，我希望能删除不再需要的笔记，以便列表保持整洁。"
    assert plain(story_intro(typed, "zh")) == "你可以删除不再需要的笔记，以便列表保持整洁。"
    knows = "As a teammate, I want to sign in, so that the blog knows who I am and what I was reading."
    said = "You can sign in, so that the blog knows who you are and what you were reading."
    assert plain(story_intro(knows, "en")) == said
    assert story_intro(None, "en") == []
    # A story that wants a thing, not to do one: what the reader gets.
    wants = "As a user, I want predictable addresses, so that I can bookmark pages."
    assert plain(story_intro(wants, "en")) == "You get predictable addresses, so that you can bookmark pages."


def test_a_value_with_its_own_full_stop_ends_the_sentence() -> None:
    said = result("text_visible", values=("Added the numbers to the runbook.",))
    assert inline(result_tokens(said, "en")) == "You see *Added the numbers to the runbook.*"
    assert inline(result_tokens(result("text_visible", values=("Saved",)), "en")) == "You see *Saved*."
