"""Every construct of the controlled language, English and Chinese, with its exact steps."""

from __future__ import annotations

from typing import Any

import pytest

from specwalk.plan.sentences import parse


def steps(text: str, keyword_type: str = "when") -> list[dict[str, Any]]:
    parsed = parse(text, keyword_type)
    assert parsed.failure is None, parsed.failure
    return [
        {key: value for key, value in step.items() if key != "kind"}
        for clause in parsed.clauses
        for step in clause.steps
    ]


ACTIONS = [
    ('I open the "/tasks" page', "given", [{"action": "open", "value": "/tasks"}]),
    ('I am on the "All notes" page', "given", [{"action": "open", "target": "All notes"}]),
    ('I click "Sign in"', "when", [{"action": "click", "target": "Sign in"}]),
    ('I press the "Save" button', "when", [{"action": "click", "target": "Save", "role": "button"}]),
    ('I double-click "Buy milk"', "when", [{"action": "double_click", "target": "Buy milk"}]),
    ('I fill in "Username" with "admin"', "when", [{"action": "fill", "target": "Username", "value": "admin"}]),
    (
        "I enter “Ada” into the “Display name” field",
        "when",
        [{"action": "fill", "target": "Display name", "value": "Ada", "role": "textbox"}],
    ),
    ('I clear the "Search" field', "when", [{"action": "clear", "target": "Search", "role": "textbox"}]),
    ("I press Enter", "when", [{"action": "press", "key": "Enter"}]),
    ("I press ctrl+a", "when", [{"action": "press", "key": "Control+A"}]),
    (
        'I select "Dark" from the "Theme" dropdown',
        "when",
        [{"action": "select", "value": "Dark", "target": "Theme", "role": "combobox"}],
    ),
    ('I check "Compact view"', "when", [{"action": "check", "target": "Compact view"}]),
    ('I uncheck "Compact view"', "when", [{"action": "uncheck", "target": "Compact view"}]),
    ('I hover over "Help"', "when", [{"action": "hover", "target": "Help"}]),
    (
        'I upload "avatar.png" to the "Picture" field',
        "when",
        [{"action": "upload", "value": "avatar.png", "target": "Picture", "role": "textbox"}],
    ),
    ("I reload the page", "when", [{"action": "reload"}]),
    ("I go back", "when", [{"action": "go_back"}]),
    ("I wait 2 seconds", "when", [{"action": "wait", "value": "2"}]),
    ('I wait for "Loaded"', "when", [{"action": "wait", "target": "Loaded"}]),
    (
        'I type "Buy milk" and press Enter',
        "when",
        [{"action": "type", "value": "Buy milk"}, {"action": "press", "key": "Enter"}],
    ),
    (
        'I click "Delete task" next to "Buy milk"',
        "when",
        [{"action": "click", "target": "Delete task", "scope": "Buy milk"}],
    ),
    (
        'I press "Cancel" in the "Delete task?" dialog',
        "when",
        [{"action": "click", "target": "Cancel", "scope": "Delete task?", "scope_role": "dialog"}],
    ),
    # on the page of the thing named X: its link opens it
    (
        'I am reading my article "Our handbook"',
        "given",
        [{"action": "click", "target": "Our handbook", "role": "link"}],
    ),
    ('I am viewing Bob\'s post "Hello"', "given", [{"action": "click", "target": "Hello", "role": "link"}]),
    ('I am reading "Hello"', "given", [{"action": "click", "target": "Hello", "role": "link"}]),
]

EXPECTATIONS = [
    ('I should see "Saved"', [{"expectation": "text_visible", "value": "Saved"}]),
    ('I should not see "Error"', [{"expectation": "text_visible", "value": "Error", "negated": True}]),
    ('"Task saved" is displayed', [{"expectation": "text_visible", "value": "Task saved"}]),
    ('the user sees "Hi"', [{"expectation": "text_visible", "value": "Hi"}]),
    (
        'I should see the "Sign out" button',
        [{"expectation": "element_visible", "target": "Sign out", "role": "button"}],
    ),
    ("the dialog is closed", [{"expectation": "element_visible", "role": "dialog", "negated": True}]),
    (
        'the "Add" button should be disabled',
        [{"expectation": "enabled", "target": "Add", "role": "button", "negated": True}],
    ),
    ('the "Add" button is enabled', [{"expectation": "enabled", "target": "Add", "role": "button"}]),
    ('"Express" is selected', [{"expectation": "checked", "target": "Express"}]),
    ('the "Title" field is focused', [{"expectation": "focused", "target": "Title", "role": "textbox"}]),
    ('the "New task" field should be empty', [{"expectation": "empty", "target": "New task", "role": "textbox"}]),
    ('the "Total" is "$24.00"', [{"expectation": "text_equals", "target": "Total", "value": "$24.00"}]),
    (
        'the "Quantity" field has the value "1"',
        [{"expectation": "value_equals", "target": "Quantity", "role": "textbox", "value": "1"}],
    ),
    (
        'the header reads "Hi Ada"',
        [{"expectation": "text_visible", "scope_role": "banner", "value": "Hi Ada"}],
    ),
    (
        'the header shows "alice" and "New article"',
        [{"expectation": "text_visible", "scope_role": "banner", "value": "alice", "values": ("alice", "New article")}],
    ),
    (
        'the sidebar shows "Popular tags"',
        [{"expectation": "text_visible", "scope_role": "complementary", "value": "Popular tags"}],
    ),
    (
        'the article\'s heading is "Our handbook, 2027 edition"',
        [{"expectation": "element_visible", "role": "heading", "target": "Our handbook, 2027 edition"}],
    ),
    ("all 3 notes are listed", [{"expectation": "count", "count": 3, "target": "notes", "described": True}]),
    ('I should be on the "/tasks" page', [{"expectation": "url", "value": "/tasks"}]),
    ('I am back on the "All notes" page', [{"expectation": "page", "target": "All notes"}]),
    ('the page title should be "Tasks"', [{"expectation": "title", "value": "Tasks"}]),
    ('only "Blue Mug" is listed', [{"expectation": "only_listed", "values": ("Blue Mug",)}]),
    (
        'I should see "Buy milk" at the end of the task list',
        [{"expectation": "text_visible", "value": "Buy milk", "position": "last", "scope": "task list"}],
    ),
    (
        '"Half-written idea" is not in the list',
        [{"expectation": "text_visible", "value": "Half-written idea", "negated": True, "scope_role": "list"}],
    ),
    (
        'the "Shipping" is "$4.95" and the "Total" is "$16.95"',
        [
            {"expectation": "text_equals", "target": "Shipping", "value": "$4.95"},
            {"expectation": "text_equals", "target": "Total", "value": "$16.95"},
        ],
    ),
    # "should not be …" / "should have …": the modal goes, the sentence keeps its meaning
    (
        '"Book the team offsite" should not be checked',
        [{"expectation": "checked", "target": "Book the team offsite", "negated": True}],
    ),
    (
        'the "Title" field should have the value "Groceries"',
        [{"expectation": "value_equals", "target": "Title", "role": "textbox", "value": "Groceries"}],
    ),
    (
        'the "Save" button should not be enabled',
        [{"expectation": "enabled", "target": "Save", "role": "button", "negated": True}],
    ),
    # a list of quotes with a plural role noun: one element each
    (
        'I should see the "All", "Active" and "Completed" buttons',
        [
            {"expectation": "element_visible", "target": "All", "role": "button"},
            {"expectation": "element_visible", "target": "Active", "role": "button"},
            {"expectation": "element_visible", "target": "Completed", "role": "button"},
        ],
    ),
    (
        'I should see the "Email notifications" and "Compact view" checkboxes',
        [
            {"expectation": "element_visible", "target": "Email notifications", "role": "checkbox"},
            {"expectation": "element_visible", "target": "Compact view", "role": "checkbox"},
        ],
    ),
    # a list that has items is a list (not a dropdown); "item" may be singular
    (
        'the "Cart items" list has 1 item',
        [{"expectation": "count", "target": "Cart items", "role": "list", "count": 1}],
    ),
]

CHINESE = [
    ("我打开“/settings”页面", "when", [{"action": "open", "value": "/settings"}]),
    ("我点击“保存”按钮", "when", [{"action": "click", "target": "保存", "role": "button"}]),
    (
        "在“用户名”输入框中输入“admin”",
        "when",
        [{"action": "fill", "target": "用户名", "role": "textbox", "value": "admin"}],
    ),
    (
        "我在「语言」下拉框中选择「中文」",
        "when",
        [{"action": "select", "target": "语言", "role": "combobox", "value": "中文"}],
    ),
    ("我勾选“紧凑视图”", "when", [{"action": "check", "target": "紧凑视图"}]),
    ("我取消勾选“紧凑视图”", "when", [{"action": "uncheck", "target": "紧凑视图"}]),
    ("我按下回车键", "when", [{"action": "press", "key": "Enter"}]),
    ("我刷新页面", "when", [{"action": "reload"}]),
    ("我直接打开 “/checkout” 页面", "when", [{"action": "open", "value": "/checkout"}]),
    ("我点击导航栏中的“任务”", "when", [{"action": "click", "target": "任务", "scope_role": "navigation"}]),
    ("我在对话框中点击 “Delete”", "when", [{"action": "click", "target": "Delete", "scope_role": "dialog"}]),
    ("应看到“保存成功”", "then", [{"expectation": "text_visible", "value": "保存成功"}]),
    ("显示“保存成功”", "then", [{"expectation": "text_visible", "value": "保存成功"}]),
    ("不应看到“出错了”", "then", [{"expectation": "text_visible", "value": "出错了", "negated": True}]),
    ("应看到“退出登录”按钮", "then", [{"expectation": "element_visible", "target": "退出登录", "role": "button"}]),
    ("“添加”按钮不可用", "then", [{"expectation": "enabled", "target": "添加", "role": "button", "negated": True}]),
    ("“标题”输入框应为空", "then", [{"expectation": "empty", "target": "标题", "role": "textbox"}]),
    ("对话框关闭", "then", [{"expectation": "element_visible", "role": "dialog", "negated": True}]),
    ("我仍在 “Edit note” 页面", "then", [{"expectation": "page", "target": "Edit note"}]),
    ("列表中只剩下 “Keep me”", "then", [{"expectation": "only_listed", "values": ("Keep me",), "scope_role": "list"}]),
    (
        "点击“保存”，应看到“已保存”",
        "when",
        [{"action": "click", "target": "保存"}, {"expectation": "text_visible", "value": "已保存"}],
    ),
    (
        "刷新页面后 “Throw me away” 仍然不在列表中",
        "then",
        [
            {"action": "reload"},
            {"expectation": "text_visible", "value": "Throw me away", "negated": True, "scope_role": "list"},
        ],
    ),
]


@pytest.mark.parametrize(("text", "keyword_type", "expected"), ACTIONS)
def test_english_actions(text: str, keyword_type: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, keyword_type) == expected


@pytest.mark.parametrize(("text", "expected"), EXPECTATIONS)
def test_english_expectations(text: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, "then") == expected


@pytest.mark.parametrize(("text", "keyword_type", "expected"), CHINESE)
def test_chinese_sentences(text: str, keyword_type: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, keyword_type) == expected


@pytest.mark.parametrize(
    "text",
    ['I should see "Saved"', "I see “Saved”", '"Saved" is shown', '"Saved" is displayed', "the user sees 'Saved'"],
)
def test_synonyms_give_the_same_step(text: str) -> None:
    assert steps(text, "then") == [{"expectation": "text_visible", "value": "Saved"}]


def test_a_given_state_keeps_its_values_and_is_only_allowed_in_given() -> None:
    assert steps('I am signed in as "admin" with password "pw"', "given") == [
        {"state": "am signed in as {0} with password {1}", "values": ("admin", "pw")}
    ]
    failure = parse('I am signed in as "admin"', "then").failure
    assert failure is not None
    assert failure.reason == "describes a state, which only a Given (or Background) line can set up"


def test_quoted_and_inside_a_value_is_never_split() -> None:
    assert steps('I fill in "Body" with "Milk, eggs and bread"') == [
        {"action": "fill", "target": "Body", "value": "Milk, eggs and bread"}
    ]


def test_unplannable_prose_is_reported_with_reason_and_marked_for_the_llm() -> None:
    failure = parse("The list feels fast and friendly.", "none").failure
    assert failure is not None
    assert failure.needs_llm is True
    assert failure.reason == "names no quoted element or text, so there is nothing exact to act on or check"


def test_a_near_miss_gets_the_nearest_phrasing_with_its_values() -> None:
    failure = parse('I clicks on the "Save" thing over there', "when").failure
    assert failure is not None
    assert failure.suggestion == 'I click "Save"'
