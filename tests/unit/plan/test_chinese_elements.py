"""Chinese element phrases and the sentences that use them (one test per table row, plus shapes)."""

from __future__ import annotations

from typing import Any

import pytest

from specwalk.plan.chinese_elements import ZH_BACK_REFERENCES, ZH_NOUNS, ZH_ORDINALS, chinese_element
from specwalk.plan.sentences import parse


def steps(text: str, keyword_type: str) -> list[dict[str, Any]]:
    parsed = parse(text, keyword_type)
    assert parsed.failure is None, parsed.failure
    return [{k: v for k, v in step.items() if k != "kind"} for clause in parsed.clauses for step in clause.steps]


@pytest.mark.parametrize("noun", sorted(ZH_NOUNS))
def test_every_described_noun_row(noun: str) -> None:
    (found,) = chinese_element(f"结果{noun}", (), ()) or [{}]
    assert found.get("described") is True
    assert found.get("role") == ZH_NOUNS[noun]


@pytest.mark.parametrize("word", sorted(ZH_ORDINALS))
def test_every_ordinal_row(word: str) -> None:
    (found,) = chinese_element(f"{word}«0»按钮", ("删除",), ()) or [{}]
    assert found == {"nth": ZH_ORDINALS[word], "target": "删除", "role": "button"}


@pytest.mark.parametrize("word", sorted(ZH_BACK_REFERENCES))
def test_every_back_reference_row(word: str) -> None:
    assert chinese_element(word, (), ()) == [{"_back": "it"}]


@pytest.mark.parametrize(
    ("text", "keyword_type", "expected"),
    [
        (
            "用户点击 data-testid 为 “save” 的按钮",
            "when",
            [{"action": "click", "target_ref": {"by": "testid", "value": "save"}, "role": "button", "target": "按钮"}],
        ),
        (
            "管理员在用户名输入框中输入“admin”",
            "when",
            [{"action": "fill", "value": "admin", "target": "用户名", "described": True, "role": "textbox"}],
        ),
        ("设置页面已加载", "given", [{"action": "open", "target": "设置"}]),
        ("本地存储为空", "given", [{"action": "reset_storage"}]),
        ("“Buy milk”条目显示为已完成", "then", [{"expectation": "state", "target": "Buy milk", "value": "completed"}]),
        ("弹出警告框“请输入标题”", "then", [{"expectation": "dialog_text", "value": "请输入标题"}]),
        (
            "“保存”按钮（data-testid=“save”）可见",
            "then",
            [
                {
                    "expectation": "element_visible",
                    "target_ref": {"by": "testid", "value": "save"},
                    "role": "button",
                    "target": "保存",
                }
            ],
        ),
        ("我将“A”拖到“B”上", "when", [{"action": "drag", "target": "A", "destination": "B"}]),
    ],
)
def test_chinese_sentences_with_element_phrases(text: str, keyword_type: str, expected: list[dict[str, Any]]) -> None:
    assert steps(text, keyword_type) == expected
