from __future__ import annotations

import pytest

from specwalk.plan.quotes import extract, restore


@pytest.mark.parametrize(
    ("text", "skeleton", "values"),
    [
        ('I click "Sign in"', "I click «0»", ("Sign in",)),
        ("I click “Sign in” and “Cancel”", "I click «0» and «1»", ("Sign in", "Cancel")),
        ("点击「保存」按钮", "点击«0»按钮", ("保存",)),
        ("对话框中显示 ““Keep me” will be removed.”", "对话框中显示 «0»", ("“Keep me” will be removed.",)),
        ("open `/tasks/999`", "open «0»", ("/tasks/999",)),
        ("the task's 'Title' field", "the task's «0» field", ("Title",)),
        ('an "unclosed quote', 'an "unclosed quote', ()),
    ],
)
def test_extract_replaces_each_quoted_value_exactly(text: str, skeleton: str, values: tuple[str, ...]) -> None:
    quoted = extract(text)
    assert quoted.skeleton == skeleton
    assert quoted.values == values


def test_restore_puts_values_back_in_straight_quotes() -> None:
    quoted = extract("在“用户名”输入框中输入 admin")
    assert restore(quoted.skeleton, quoted.values) == '在"用户名"输入框中输入 admin'
