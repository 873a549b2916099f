"""Task titles say the user's goal and notes say what differs, in English and Chinese."""

from __future__ import annotations

import re

import pytest

from specwalk.emit.manual_md import inline
from specwalk.emit.manual_tasks import (
    GOAL_VERBS,
    NO_ARTICLE,
    TITLE_NOISE,
    TITLES,
    clean_title,
    derived_title,
    note_paragraphs,
    task_title,
)
from specwalk.emit.manual_text import NOTES, plain
from specwalk.models.manual import ManualFeature, ManualNote, ManualScenario, ManualStep, ManualTask, Sentence
from specwalk.models.scenario import SourceRef

SLOT = re.compile(r"\{\w+\}")
REF = SourceRef(file="requirements.md", line=1)


def act(kind: str, name: str | None = None, value: str | None = None, **more: object) -> Sentence:
    return Sentence(phrase="action", kind=kind, name=name, value=value, **more)  # type: ignore[arg-type]


def see(*values: str, **more: object) -> Sentence:
    return Sentence(phrase="result", kind="text_visible", values=values, **more)  # type: ignore[arg-type]


def scenario(*sentences: Sentence, name: str = "a criterion", named: bool = False) -> ManualScenario:
    return ManualScenario(
        scenario_id=name,
        requirement_id=name,
        name=name,
        named=named,
        source=REF,
        locale="en",
        steps=tuple(
            ManualStep(number=n, sentence=sentence, source=REF, text="") for n, sentence in enumerate(sentences, 1)
        ),
    )


@pytest.mark.parametrize("table", [NOTES, TITLES], ids=["notes", "titles"])
def test_chinese_templates_have_no_latin_letters_and_the_same_slots(table: dict[str, dict[str, str]]) -> None:
    assert table["en"].keys() == table["zh"].keys()
    for key, template in table["zh"].items():
        assert not re.search(r"[A-Za-z]", SLOT.sub("", template)), key
        assert sorted(SLOT.findall(template)) == sorted(SLOT.findall(table["en"][key])), key


@pytest.mark.parametrize(
    ("lang", "written", "title"),
    [
        ("en", "Scenario: Add a task", "Add a task"),
        ("en", "When I add a task", "I add a task"),
        ("en", "Successful sign in", "Sign in"),
        ("en", "Happy path: checkout", "Checkout"),
        ("en", "Invalid sign-in attempts are rejected (example 2)", "Invalid sign-in attempts are rejected"),
        ("zh", "场景:添加任务", "添加任务"),
        ("zh", "场景：添加任务", "添加任务"),  # the full-width colon Chinese writers type
        ("zh", "登录被拒绝（示例 2）", "登录被拒绝"),
        ("zh", "当我添加任务", "我添加任务"),
        ("zh", "成功登录", "登录"),
    ],
)
def test_a_persons_title_loses_keywords_and_success_words(lang: str, written: str, title: str) -> None:
    assert clean_title(written, lang) == title  # type: ignore[arg-type]


def test_every_noise_pattern_is_used_by_a_title_above() -> None:
    assert len(TITLE_NOISE["en"]) == 4 and len(TITLE_NOISE["zh"]) == 3


TYPE_NAME = act("fill", "Display name", "Ada")
SAVE = act("click", "Save", role="button")


@pytest.mark.parametrize(
    ("lang", "sentences", "feature", "title"),
    [
        ("en", [act("fill", "New task", "Milk"), act("click", "Add task", role="button")], None, "Add a task"),
        ("en", [act("click", "Place order", role="button")], None, "Place an order"),
        ("en", [act("click", "Add item", role="button")], None, "Add an item"),
        ("en", [act("click", "Sign in", role="button")], None, "Sign in"),
        ("en", [act("click", "Go to tasks", role="link")], None, "Go to tasks"),
        ("en", [act("click", "Add to Cart", role="button")], None, "Add to cart"),
        ("en", [act("click", "Save changes", role="button")], None, "Save changes"),
        ("en", [act("click", "New note", role="button")], None, "Create a new note"),
        ("en", [TYPE_NAME, SAVE], None, "Change the display name"),
        ("en", [act("check", "Email notifications"), SAVE], None, "Turn on email notifications"),
        ("en", [act("uncheck", "Weekly digest"), SAVE], None, "Turn off weekly digest"),
        ("en", [act("fill", "E-mail (work)", "a@b.c"), SAVE], None, "Change “E-mail (work)”"),
        ("en", [act("click", "Settings", role="link")], None, "Go to “Settings”"),
        ("en", [act("click", "Active", role="button")], None, "Show “Active”"),
        ("en", [act("click", "Edit", scope="Buy milk", scope_role="listitem")], "Edit a task", "Edit a task"),
        ("en", [act("click", "Delete", scope="Buy milk", scope_role="listitem")], "Tasks", "Delete “Buy milk”"),
        ("en", [act("fill", "Search", "tea"), act("press", "Search", "Enter")], None, "Type “tea” in “Search”"),
        ("en", [act("open", "Tasks", "/tasks")], None, "Open the “Tasks” page"),
        ("zh", [act("open", "任务", "/tasks")], None, "打开“任务”页面"),
        ("en", [act("open", None, "/reports")], None, "Open /reports"),
        ("en", [act("open", None, "/")], None, "Open the start page"),
        ("zh", [act("open", None, "/")], None, "打开首页"),
        ("zh", [act("fill", "新任务", "Milk"), act("click", "添加任务", role="button")], None, "添加任务"),
        ("zh", [act("fill", "显示名称", "Ada"), act("click", "保存", role="button")], None, "修改显示名称"),
        ("zh", [act("check", "邮件通知"), act("click", "保存", role="button")], None, "开启邮件通知"),
        ("zh", [act("click", "设置", role="link")], None, "前往“设置”"),
        ("zh", [act("click", "进行中", role="button")], None, "查看“进行中”"),
        ("zh", [act("fill", "用户名", "admin"), act("click", "登录", role="button")], None, "登录"),
        ("zh", [act("click", "删除", scope="Buy milk", scope_role="listitem")], None, "删除“Buy milk”"),
        ("zh", [act("click", "删除任务", scope="Milk"), act("click", "删除", scope_role="dialog")], None, "删除任务"),
        ("en", [act("click", "Search", role="button")], None, "Search"),
        ("zh", [act("click", "Publish article", role="button")], None, "使用“Publish article”"),
        ("zh", [act("click", "Go to tasks", role="link")], None, "前往“Go to tasks”"),
    ],
)
def test_a_title_is_made_from_the_main_action_and_its_object(
    lang: str, sentences: list[Sentence], feature: str | None, title: str
) -> None:
    chapter = ManualFeature(slug="f", name=feature) if feature else None
    made = plain(derived_title(scenario(*sentences), lang, chapter))  # type: ignore[arg-type]
    assert made == title
    assert not re.match(r"(?i)(given|when|then|and|but|假如|当|那么)\b", made)


def test_every_goal_verb_list_has_entries_and_no_article_words_are_lowercase() -> None:
    assert len(GOAL_VERBS["en"]) > 40 and len(GOAL_VERBS["zh"]) > 40
    assert all(word == word.lower() for word in NO_ARTICLE)


def test_a_written_title_in_the_other_language_is_replaced_by_a_made_one_or_its_translation() -> None:
    task = ManualTask(
        anchor="t-1",
        procedure=scenario(act("click", "添加任务", role="button"), name="Add a task", named=True),
    )
    assert plain(task_title(task, "en")) == "Add a task"
    assert plain(task_title(task, "zh")) == "添加任务"  # made from the app's Chinese control
    assert plain(task_title(task, "zh", translations={"Add a task": "新增一项任务"})) == "新增一项任务"


def test_twin_titles_add_what_each_task_shows_that_the_other_does_not() -> None:
    one = ManualTask(anchor="f-1", procedure=scenario(act("click", "Active", role="button")))
    steps = one.procedure.steps
    shown = steps[0].model_copy(update={"results": (see("2 tasks left"),)})
    two = ManualTask(anchor="f-2", procedure=one.procedure.model_copy(update={"steps": (shown,)}))
    three = ManualTask(anchor="f-3", procedure=one.procedure)
    chapter = ManualFeature(slug="f", name="Filter", tasks=(one, two, three))
    assert [plain(task_title(task, "en", chapter)) for task in (one, two, three)] == [
        "Show “Active” (1)",
        "Show “Active” — you see “2 tasks left”",
        "Show “Active” (3)",
    ]


TITLE = act("fill", "Title", "")
NOTE_SCENARIO = scenario(TITLE)


@pytest.mark.parametrize(
    ("note", "english", "chinese"),
    [
        (
            ManualNote(scenario=NOTE_SCENARIO, way="values", condition=(TITLE,), results=((None, (see("Required"),)),)),
            ["If you clear **Title**, you see *Required*."],
            ["如果你清空 **Title**，可以看到 *Required*。"],
        ),
        (
            ManualNote(
                scenario=NOTE_SCENARIO,
                way="values",
                condition=(act("fill", "Password", secret="password"),),
                results=((None, (see("Wrong password"),)),),
            ),
            ["If you type a different password in **Password**, you see *Wrong password*."],
            ["如果你在 **Password** 中输入另一个密码，可以看到 *Wrong password*。"],
        ),
        (
            ManualNote(
                scenario=NOTE_SCENARIO,
                way="instead",
                condition=(act("click", "Cancel", scope="Delete task?", scope_role="dialog"),),
                results=((None, (Sentence(phrase="result", kind="element_visible", role="dialog", negated=True),)),),
            ),
            ["If you click **Cancel** in **Delete task?** instead, the dialog closes."],
            ["如果你改为在 **Delete task?** 中点击 **Cancel**，对话框关闭。"],
        ),
        (
            ManualNote(
                scenario=NOTE_SCENARIO,
                way="then",
                condition=(act("reload"),),
                results=((None, (see("Milk"), see("Eggs", negated=True))),),
            ),
            ["If you then reload the page, you see *Milk* and *Eggs* is not shown."],
            ["如果你随后刷新页面，可以看到 *Milk*，不显示 *Eggs*。"],
        ),
        (
            ManualNote(
                scenario=NOTE_SCENARIO,
                way="first",
                condition=(act("open", None, "/secret"),),
                results=(
                    (None, (Sentence(phrase="result", kind="url", value="/login"),)),
                    (act("click", "Sign in"), (Sentence(phrase="result", kind="url", value="/secret"),)),
                ),
            ),
            ["If you first open `/secret`, you are on `/login`.", "After you click **Sign in**, you are on `/secret`."],
            ["如果你先打开 `/secret`，当前页面为 `/login`。", "在你点击 **Sign in**后，当前页面为 `/secret`。"],
        ),
        (
            ManualNote(scenario=NOTE_SCENARIO, way="open", condition=(act("open", None, "/tasks/999"),)),
            ["If you open `/tasks/999`."],
            ["如果你打开 `/tasks/999`。"],
        ),
    ],
)
def test_a_note_says_what_the_user_does_differently_and_what_they_then_see(
    note: ManualNote, english: list[str], chinese: list[str]
) -> None:
    assert [inline(paragraph) for paragraph in note_paragraphs(note, "en")] == english
    assert [inline(paragraph) for paragraph in note_paragraphs(note, "zh")] == chinese
