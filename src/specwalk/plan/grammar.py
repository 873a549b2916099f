"""The rule machinery shared by the English and Chinese controlled languages.

A rule is a regular expression over a sentence *skeleton* (quoted values replaced by «n», see
`quotes.py`) plus the step it makes. Named groups fill the step's fields:

    t / tn     target: a quoted value / an unquoted noun phrase
    v / vn     value: a quoted value / literal text (numbers, routes)
    vs         values: every quoted value inside the group
    r / r2     a role noun before / after the target ("the button "Save"", ""Save" button")
    s / sn     scope: a quoted value / noun ("in the "Delete task?" dialog", "in the list")
    sr         the scope's role noun
    n          a count ("3 notes", "three items")
    k / kq     a key name / a quoted key ("press Enter", "press the "Escape" key")
    neg        present → negated; pos → first/last
    e / e2     an element phrase / the element a drag drops onto, read by the language's element
               parser (`elements.py`): quoted names, exact references, labels, ordinals, described
               elements and back-references. A phrase naming several elements gives one step each.

Rules are matched case-insensitively: the normalised sentence keeps its case, so names written
without quotes ("the Speech Text Reader page") reach the step as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from specwalk.plan.quotes import PLACEHOLDER

StepSpec = dict[str, Any]
Builder = Callable[[re.Match[str], tuple[str, ...], StepSpec], list[StepSpec] | None]
Ref = tuple[str, str]  # (by, value) of an exact reference
# Reads an element phrase: (phrase, quoted values, exact references) → one spec per element, or None.
ElementParser = Callable[[str, tuple[str, ...], tuple[Ref, ...]], list[StepSpec] | None]

# Role nouns → ARIA roles. The noun is kept out of `target`; the role narrows grounding.
ROLE_NOUNS: Mapping[str, str | None] = {
    "button": "button",
    "link": "link",
    "tab": "tab",
    "field": "textbox",
    "text field": "textbox",
    "input": "textbox",
    "input field": "textbox",
    "textbox": "textbox",
    "text box": "textbox",
    "box": "textbox",
    "textarea": "textbox",
    "search field": "searchbox",
    "search box": "searchbox",
    "checkbox": "checkbox",
    "check box": "checkbox",
    "radio": "radio",
    "radio button": "radio",
    "option": "option",
    "dropdown": "combobox",
    "drop-down": "combobox",
    "select": "combobox",
    "list": "combobox",
    "menu": "menu",
    "menu item": "menuitem",
    "heading": "heading",
    "title": "heading",
    "dialog": "dialog",
    "modal": "dialog",
    "popup": "dialog",
    "confirmation dialog": "dialog",
    "alert": "alert",
    "image": "img",
    "picture": "img",
    "icon": "img",
    "message": None,
    "text": None,
    "label": None,
    "toast": "status",
    # Chinese
    "按钮": "button",
    "链接": "link",
    "标签页": "tab",
    "选项卡": "tab",
    "输入框": "textbox",
    "文本框": "textbox",
    "字段": "textbox",
    "搜索框": "searchbox",
    "复选框": "checkbox",
    "勾选框": "checkbox",
    "单选框": "radio",
    "单选按钮": "radio",
    "下拉框": "combobox",
    "下拉菜单": "combobox",
    "下拉列表": "combobox",
    "选择框": "combobox",
    "菜单": "menu",
    "标题": "heading",
    "页面标题": "heading",
    "对话框": "dialog",
    "确认对话框": "dialog",
    "弹窗": "dialog",
    "提示框": "dialog",
    "图片": "img",
    "图标": "img",
    "提示": None,
    "消息": None,
    "文字": None,
    "文本": None,
}

# Containers a target can be scoped to (unquoted), → role of the container.
SCOPE_NOUNS: Mapping[str, str | None] = {
    "dialog": "dialog",
    "modal": "dialog",
    "popup": "dialog",
    "confirmation dialog": "dialog",
    "header": "banner",
    "page header": "banner",
    "navigation": "navigation",
    "navigation bar": "navigation",
    "nav bar": "navigation",
    "navbar": "navigation",
    "menu": "menu",
    "sidebar": "complementary",
    "footer": "contentinfo",
    "list": "list",
    "table": "table",
    "form": "form",
    "toolbar": "toolbar",
    "对话框": "dialog",
    "确认对话框": "dialog",
    "弹窗": "dialog",
    "页头": "banner",
    "顶部": "banner",
    "导航栏": "navigation",
    "导航": "navigation",
    "菜单": "menu",
    "侧边栏": "complementary",
    "页脚": "contentinfo",
    "列表": "list",
    "表格": "table",
    "表单": "form",
}

KEYS: Mapping[str, str] = {
    "enter": "Enter",
    "return": "Enter",
    "escape": "Escape",
    "esc": "Escape",
    "tab": "Tab",
    "space": "Space",
    "spacebar": "Space",
    "backspace": "Backspace",
    "delete": "Delete",
    "arrow up": "ArrowUp",
    "arrow down": "ArrowDown",
    "arrow left": "ArrowLeft",
    "arrow right": "ArrowRight",
    "up arrow": "ArrowUp",
    "down arrow": "ArrowDown",
    "left arrow": "ArrowLeft",
    "right arrow": "ArrowRight",
    "home": "Home",
    "end": "End",
    "page up": "PageUp",
    "page down": "PageDown",
    "回车": "Enter",
    "回车键": "Enter",
    "enter键": "Enter",
    "esc键": "Escape",
    "退出键": "Escape",
    "tab键": "Tab",
    "空格": "Space",
    "空格键": "Space",
    "退格键": "Backspace",
    "删除键": "Delete",
}
_MODIFIERS = {"ctrl": "Control", "control": "Control", "shift": "Shift", "alt": "Alt", "meta": "Meta", "cmd": "Meta"}

NUMBER_WORDS: Mapping[str, int] = {
    "no": 0,
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "零": 0,
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

ROUTE = re.compile(r"^(?:/|#/|#$|https?://|\./)")


def alternation(words: Mapping[str, object] | list[str]) -> str:
    """A regex alternation, longest first so "radio button" wins over "radio"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def key_name(raw: str) -> str | None:
    """Normalize "enter", "ctrl+a", "Control+Shift+K" to Playwright's key names."""
    text = raw.strip().lower()
    if text in KEYS:
        return KEYS[text]
    if "+" in text:
        parts = [part.strip() for part in text.split("+")]
        mapped = [_MODIFIERS.get(part) for part in parts[:-1]]
        if all(mapped) and parts[-1]:
            last = KEYS.get(parts[-1], parts[-1].upper() if len(parts[-1]) == 1 else parts[-1].capitalize())
            return "+".join([*(str(part) for part in mapped), last])
    if re.fullmatch(r"f\d{1,2}", text):
        return text.upper()
    return None


def to_int(raw: str) -> int | None:
    text = raw.strip().lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    kind: str  # action | expectation
    type: str  # the action / expectation type
    example: str  # a canonical phrasing with «0», «1»: the suggestion when a sentence is close
    fixed: StepSpec = field(default_factory=dict)
    build: Builder | None = None
    contexts: frozenset[str] | None = None  # keyword types it applies to (None: all)
    # A sentence that starts with its element and a verb it cannot do without ("the cart display
    # shows …"): the longest subject that still leaves the verb is tried first, so "display" is
    # not taken for the verb. (Not with an optional verb: "the video starts playing".)
    longest: re.Pattern[str] | None = None

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return (self.longest, self.pattern) if self.longest is not None else (self.pattern,)


_LAZY_SUBJECT = "^(?P<e>.+?)"


def rule(
    pattern: str,
    kind: str,
    type_: str,
    example: str,
    *,
    build: Builder | None = None,
    contexts: tuple[str, ...] | None = None,
    longest_subject: bool = False,
    **fixed: Any,
) -> Rule:
    longest = None
    if longest_subject and pattern.startswith(_LAZY_SUBJECT):
        longest = re.compile("^(?P<e>.+)" + pattern[len(_LAZY_SUBJECT) :], re.IGNORECASE)
    return Rule(
        re.compile(pattern, re.IGNORECASE),
        kind,
        type_,
        example,
        dict(fixed),
        build,
        frozenset(contexts) if contexts else None,
        longest,
    )


def _clean_noun(noun: str) -> str:
    return re.sub(r"^(?:the|a|an|this|that)\s+", "", noun.strip(), flags=re.IGNORECASE)


def fill_from_groups(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    for name, raw in groups.items():
        if name == "t":
            spec["target"] = values[int(raw)]
        elif name == "tn":
            spec["target"] = _clean_noun(raw)
            spec["described"] = True
        elif name == "v":
            spec["value"] = values[int(raw)]
        elif name == "vn":
            spec["value"] = raw.strip()
        elif name == "vs":
            spec["values"] = tuple(values[int(index)] for index in PLACEHOLDER.findall(raw))
        elif name in ("r", "r2") and ROLE_NOUNS.get(raw.lower()) is not None:
            spec["role"] = ROLE_NOUNS[raw.lower()]
        elif name == "s":
            spec["scope"] = values[int(raw)]
        elif name == "sn":
            noun = _clean_noun(raw)
            if noun.lower() in SCOPE_NOUNS:  # a generic container ("the list", "对话框"): its role says it all
                spec.setdefault("scope_role", SCOPE_NOUNS[noun.lower()])
            else:
                spec["scope"] = noun
        elif name == "sr" and SCOPE_NOUNS.get(raw.lower()) is not None:
            spec["scope_role"] = SCOPE_NOUNS[raw.lower()]
        elif name == "n":
            count = to_int(raw)
            if count is not None:
                spec["count"] = count
        elif name == "k":
            spec["key"] = key_name(raw) or raw
        elif name == "kq":
            spec["key"] = key_name(values[int(raw)]) or values[int(raw)]
        elif name == "neg":
            spec["negated"] = not spec.get("negated", False)
        elif name == "pos":
            spec["position"] = "last" if raw.lower() in ("end", "bottom", "last", "末尾", "最后", "底部") else "first"


def apply(
    rule_: Rule,
    match: re.Match[str],
    values: tuple[str, ...],
    refs: tuple[Ref, ...] = (),
    element: ElementParser | None = None,
) -> list[StepSpec] | None:
    spec: StepSpec = {"kind": rule_.kind, ("action" if rule_.kind == "action" else "expectation"): rule_.type}
    spec.update(rule_.fixed)
    fill_from_groups(match, values, spec)
    groups = match.groupdict()
    elements: list[StepSpec] = [{}]
    if groups.get("e") is not None:
        parsed = element(groups["e"], values, refs) if element is not None else None
        if not parsed:
            return None
        elements = parsed
    if groups.get("e2") is not None:
        parsed = element(groups["e2"], values, refs) if element is not None else None
        if not parsed or len(parsed) != 1 or parsed[0].get("_back"):
            return None
        destination = parsed[0]
        if destination.get("target") is not None:
            spec["destination"] = destination["target"]
        if destination.get("target_ref") is not None:
            spec["destination_ref"] = destination["target_ref"]
    steps: list[StepSpec] = []
    for item in elements:
        merged = {**spec, **{key: value for key, value in item.items() if key not in spec or key == "target"}}
        made = rule_.build(match, values, merged) if rule_.build is not None else [finish(merged)]
        if made is None:
            return None
        steps.extend(made)
    return steps


def finish(spec: StepSpec) -> StepSpec:
    """Type-dependent normalisation shared by both languages."""
    action = spec.get("action")
    expectation = spec.get("expectation")
    target = spec.get("target")
    if action == "open" and target is not None and ROUTE.match(target):
        spec["value"] = target
        del spec["target"]
    if expectation == "page" and target is not None and ROUTE.match(target):
        spec["expectation"] = "url"
        spec["value"] = target
        del spec["target"]
    if action == "open" or expectation == "page":
        spec.pop("described", None)  # a page name, not an element
    element_like = spec.get("role") is not None or spec.get("target_ref") is not None or spec.get("described")
    if expectation == "text_visible" and (element_like or spec.get("_back")):
        spec["expectation"] = "element_visible"
        if "target" not in spec and "value" in spec:
            spec["target"] = spec.pop("value")
    elif expectation == "text_visible" and "value" not in spec and target is not None:
        spec["value"] = spec.pop("target")
    if expectation in ("text_equals", "text_contains") and spec.get("role") in ("textbox", "searchbox", "combobox"):
        spec["expectation"] = "value_equals" if expectation == "text_equals" else "value_contains"
    if action == "press" and spec.get("key") is None:
        spec["action"] = "click"  # a quoted, non-key "press" is a button press
    return spec


def placeholders(skeleton: str) -> list[int]:
    return [int(index) for index in PLACEHOLDER.findall(skeleton)]
