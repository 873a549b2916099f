"""Chinese element phrases: "“保存”按钮", "data-testid 为 “save” 的按钮", "第一个“删除”按钮", "用户名输入框", "它".

The Chinese counterpart of `elements.english_element` (same output: target, role, target_ref,
described, nth, `_back`). Chinese has no spaces, so a described element is a short run of words
that ends in a noun the table below knows ("用户名输入框" → the textbox described as "用户名").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from specwalk.plan.elements import REF_TOKEN, Ref
from specwalk.plan.grammar import ROLE_NOUNS, StepSpec, alternation
from specwalk.plan.quotes import PLACEHOLDER

# Nouns a described element ends with → its role (None: the noun only describes).
ZH_NOUNS: Mapping[str, str | None] = {
    **{noun: role for noun, role in ROLE_NOUNS.items() if not noun.isascii()},
    "滑块": "slider",
    "滑动条": "slider",
    "开关": "switch",
    "区域": None,
    "区": None,
    "面板": None,
    "卡片": None,
    "列表": None,
    "表格": None,
    "表单": None,
    "元素": None,
    "文字": None,
    "项": None,
    "条目": None,
    "显示区": None,
    "结果": None,
}
_NOUN = alternation(list(ZH_NOUNS))
ZH_ORDINALS: Mapping[str, int] = {
    "第一个": 0,
    "第1个": 0,
    "第二个": 1,
    "第2个": 1,
    "第三个": 2,
    "第3个": 2,
    "最后一个": -1,
    "最后": -1,
    "首个": 0,
}
_ORDINAL = re.compile(rf"^(?P<o>{alternation(list(ZH_ORDINALS))})")
ZH_BACK_REFERENCES = frozenset({"它", "该元素", "此元素", "这个元素", "该项", "它们"})
_FILLER = re.compile(r"^(?:那个|这个|该|此)|的$")


def chinese_element(phrase: str, values: tuple[str, ...], refs: tuple[Ref, ...]) -> list[StepSpec] | None:
    text = phrase.strip()
    if text in ZH_BACK_REFERENCES:
        return [{"_back": "it"}]
    spec: StepSpec = {}
    ordinal = _ORDINAL.match(text)
    if ordinal and text[ordinal.end() :]:
        spec["nth"] = ZH_ORDINALS[ordinal.group("o")]
        text = text[ordinal.end() :]
    text = _FILLER.sub("", text)
    tokens = REF_TOKEN.findall(text)
    if tokens:
        rest = REF_TOKEN.sub("", text).strip("的和及、，, ")
        names = PLACEHOLDER.findall(rest)
        name = values[int(names[0])] if len(names) == 1 else None
        rest = PLACEHOLDER.sub("", rest)
        if len(names) > 1 or (rest and not re.fullmatch(rf"(?:[\u4e00-\u9fff\w]{{0,8}}?)(?:{_NOUN})?", rest)):
            return None
        found = []
        for index in tokens:
            by, value = refs[int(index)]
            item: StepSpec = {**spec, "target_ref": {"by": by, "value": value}}
            last = re.search(rf"(?:{_NOUN})$", rest) if rest else None
            if last and ZH_NOUNS.get(last.group(0)) in ("button", "link", "textbox", "checkbox", "radio", "combobox"):
                item["role"] = ZH_NOUNS[last.group(0)]
            if name is not None or rest:
                item["target"] = name if name is not None else rest
            if by in ("testid", "id"):
                item.pop("nth", None)  # unique by definition
            found.append(item)
        return found
    quoted = PLACEHOLDER.findall(text)
    if len(quoted) == 1:
        match = re.fullmatch(rf"(?P<before>[^«]{{0,8}}?)«\d+»(?P<after>(?:{_NOUN})?)", text)
        if match is None:
            return None
        target: StepSpec = {**spec, "target": values[int(quoted[0])]}
        around = match.group("after") or (match.group("before") if match.group("before") in ZH_NOUNS else "")
        if around and ZH_NOUNS.get(around):
            target["role"] = ZH_NOUNS[around]
        return [target]
    if quoted:
        return None
    described = re.fullmatch(rf"(?P<words>[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?)(?P<noun>{_NOUN})", text)
    if described is None:
        return None
    words = described.group("words")
    role = ZH_NOUNS.get(described.group("noun"))
    item = {**spec, "target": words if words and role else text, "described": True}
    if role:
        item["role"] = role
    return [item]
