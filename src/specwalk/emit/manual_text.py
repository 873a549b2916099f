"""The manual's sentences in English and Chinese, as tokens both manual emitters render.

A sentence is a list of tokens: template words ("t"), the app's own words ("ui", shown bold),
what the user types or reads ("val", italic) and paths or keys ("code"). Template words come
only from the tables below, so a Chinese manual has no English template text (a unit test
checks every Chinese template for Latin letters); the app's words are quoted exactly as captured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

from specwalk.models.manual import ManualDocument, Sentence

Lang = Literal["en", "zh"]
LANGUAGES: tuple[Lang, ...] = ("en", "zh")
# (kind, text): t | ui | val | code | p (a person's words: names, stories) | task (a task's anchor:
# the emitters show its title, linked)
Token = tuple[str, str]

# {name}: the element as the app names it; {value}: typed / chosen / expected text; {scope}: the
# item or container; {key}: a key; {path}: a page address; {count}: a number; {values}: texts.
ACTIONS: dict[Lang, dict[str, str]] = {
    "en": {
        "open": "Open {path}.",
        "open_named": "Open the {name} page ({path}).",
        "click": "Click {name}.",
        "click_next_to": "Click {name} next to {scope}.",
        "click_in": "Click {name} in {scope}.",
        "dblclick": "Double-click {name}.",
        "right_click": "Right-click {name}.",
        "submit": "Submit {name}.",
        "fill": "Type {value} in {name}.",
        "fill_password": "Type your password in {name}.",
        "fill_other_password": "Type a different password in {name}.",
        "fill_column": "Type the {column} from the table in {name}.",
        "select_column": "Choose the {column} from the table in {name}.",
        "clear": "Clear {name}.",
        "press": "Press {key}.",
        "press_in": "Press {key} in {name}.",
        "select": "Choose {value} in {name}.",
        "choose": "Choose {name}.",
        "check": "Tick {name}.",
        "check_next_to": "Tick {name} next to {scope}.",
        "uncheck": "Untick {name}.",
        "uncheck_next_to": "Untick {name} next to {scope}.",
        "hover": "Point to {name}.",
        "upload": "Upload {value} with {name}.",
        "reload": "Reload the page.",
        "go_back": "Go back to the previous page.",
        "go_forward": "Go forward to the next page.",
        "wait": "Wait {count} seconds.",
        "wait_any": "Wait a moment.",
        "times": " Do this {count} times.",
        "task": "{task}.",
    },
    "zh": {
        "open": "打开 {path}。",
        "open_named": "打开 {name} 页面（{path}）。",
        "click": "点击 {name}。",
        "click_next_to": "点击 {scope} 旁边的 {name}。",
        "click_in": "在 {scope} 中点击 {name}。",
        "dblclick": "双击 {name}。",
        "right_click": "右键点击 {name}。",
        "submit": "提交 {name}。",
        "fill": "在 {name} 中输入 {value}。",
        "fill_password": "在 {name} 中输入你的密码。",
        "fill_other_password": "在 {name} 中输入另一个密码。",
        "fill_column": "在 {name} 中输入表中的 {column}。",
        "select_column": "在 {name} 中选择表中的 {column}。",
        "clear": "清空 {name}。",
        "press": "按 {key} 键。",
        "press_in": "在 {name} 中按 {key} 键。",
        "select": "在 {name} 中选择 {value}。",
        "choose": "选择 {name}。",
        "check": "勾选 {name}。",
        "check_next_to": "勾选 {scope} 旁边的 {name}。",
        "uncheck": "取消勾选 {name}。",
        "uncheck_next_to": "取消勾选 {scope} 旁边的 {name}。",
        "hover": "将鼠标指针移到 {name} 上。",
        "upload": "通过 {name} 上传 {value}。",
        "reload": "刷新页面。",
        "go_back": "返回上一页。",
        "go_forward": "前进到下一页。",
        "wait": "等待 {count} 秒。",
        "wait_any": "稍等片刻。",
        "times": "重复 {count} 次。",
        "task": "{task}。",
    },
}

RESULTS: dict[Lang, dict[str, str]] = {
    "en": {
        "text_visible": "You see {values}.",
        "text_visible_column": "You see the {column} from the table.",
        "text_visible_in": "You see {values} in {scope}.",
        "text_visible_not": "{values} is not shown.",
        "text_visible_last": "{values} appears at the end of the list.",
        "text_visible_first": "{values} appears at the top of the list.",
        "element_visible": "{name} is shown.",
        "element_visible_not": "{name} is not shown.",
        "dialog_open": "The {name} dialog opens.",
        "dialog_closed": "The dialog closes.",
        "enabled": "{name} is available.",
        "enabled_not": "{name} is unavailable.",
        "checked": "{name} is ticked.",
        "checked_not": "{name} is not ticked.",
        "pressed": "{name} is selected.",
        "pressed_not": "{name} is not selected.",
        "focused": "{name} has the focus.",
        "focused_not": "{name} does not have the focus.",
        "empty": "{name} is empty.",
        "empty_not": "{name} is not empty.",
        "text_equals": "{name} shows {value}.",
        "text_equals_not": "{name} does not show {value}.",
        "value_equals": "{name} contains {value}.",
        "value_equals_not": "{name} does not contain {value}.",
        "count": "{count} items are listed.",
        "count_not": "The list does not have {count} items.",
        "only_listed": "Only {values} are listed.",
        "only_listed_one": "Only {values} is listed.",
        "url": "You are on {path}.",
        "url_not": "You are no longer on {path}.",
        "page": "The {name} page is shown.",
        "page_not": "The {name} page is not shown.",
        "title": "The window title is {value}.",
        "title_not": "The window title is not {value}.",
    },
    "zh": {
        "text_visible": "可以看到 {values}。",
        "text_visible_column": "可以看到表中的 {column}。",
        "text_visible_in": "在 {scope} 中可以看到 {values}。",
        "text_visible_not": "不显示 {values}。",
        "text_visible_last": "{values} 出现在列表末尾。",
        "text_visible_first": "{values} 出现在列表顶部。",
        "element_visible": "显示 {name}。",
        "element_visible_not": "不显示 {name}。",
        "dialog_open": "打开 {name} 对话框。",
        "dialog_closed": "对话框关闭。",
        "enabled": "{name} 可用。",
        "enabled_not": "{name} 不可用。",
        "checked": "{name} 已勾选。",
        "checked_not": "{name} 未勾选。",
        "pressed": "{name} 处于选中状态。",
        "pressed_not": "{name} 未处于选中状态。",
        "focused": "{name} 获得焦点。",
        "focused_not": "{name} 没有焦点。",
        "empty": "{name} 为空。",
        "empty_not": "{name} 不为空。",
        "text_equals": "{name} 显示 {value}。",
        "text_equals_not": "{name} 不显示 {value}。",
        "value_equals": "{name} 中的内容为 {value}。",
        "value_equals_not": "{name} 中的内容不是 {value}。",
        "count": "列表中有 {count} 项。",
        "count_not": "列表中不是 {count} 项。",
        "only_listed": "列表中只有 {values}。",
        "only_listed_one": "列表中只有 {values}。",
        "url": "当前页面为 {path}。",
        "url_not": "当前页面不再是 {path}。",
        "page": "显示 {name} 页面。",
        "page_not": "不显示 {name} 页面。",
        "title": "窗口标题为 {value}。",
        "title_not": "窗口标题不是 {value}。",
    },
}

# Headings and labels of the documents.
LABELS: dict[Lang, dict[str, str]] = {
    "en": {
        "manual": "{project} user manual",
        "manual_untitled": "User manual",
        "contents": "Contents",
        "before": "Before you begin",
        "steps": "Steps",
        "seen": "What you see",
        "result": "Result",
        "step_alt": "Step {count}: ",
        "user_story": "User story: ",
        "you_can": "You can {value}.",
        "you_get": "You get {value}.",
        "requirement": "Requirement: ",
        "view_page": "View {path}",
        "and": " and ",
        "comma": ", ",
        "then": " and ",
        "then_comma": ", ",
        "generated": "Generated by {name} {value} from requirements verified in the running app.",
        "back": "Back to the contents",
        "table": "Inputs and results",
        "empty_cell": "(empty)",
        "hidden": "••••",
        "changed": "Changed",
        "changed_title": "This picture changed since the previous version of the manual.",
    },
    "zh": {
        "manual": "{project} 用户手册",
        "manual_untitled": "用户手册",
        "contents": "目录",
        "before": "开始之前",
        "steps": "操作步骤",
        "seen": "页面显示",
        "result": "结果",
        "step_alt": "步骤 {count}：",
        "user_story": "用户故事：",
        "you_can": "你可以{value}。",
        "you_get": "你可以获得{value}。",
        "requirement": "需求：",
        "view_page": "查看 {path}",
        "and": " 和 ",
        "comma": "、",
        "then": "，然后",
        "then_comma": "，",
        "generated": "本手册由 {name} {value} 根据在运行中的应用里验证通过的需求生成。",
        "back": "返回目录",
        "table": "输入与结果",
        "empty_cell": "（空）",
        "hidden": "••••",
        "changed": "已更新",
        "changed_title": "此图片与上一版手册相比有变化。",
    },
}

# "If ..." notes: an error or edge scenario told by how it differs from the task's procedure.
NOTES: dict[Lang, dict[str, str]] = {
    "en": {
        "if": "If you {condition}, {results}.",
        "if_only": "If you {condition}.",
        "after": "After you {action}, {results}.",
        "values": "{actions}",
        "instead": "{actions} instead",
        "then": "then {actions}",
        "first": "first {actions}",
        "open": "{actions}",
        "other": "{actions}",
        "table": "If you enter other values, you see:",
        "and": " and ",
        "and_then": " and ",
        "comma": ", ",
    },
    "zh": {
        "if": "如果你{condition}，{results}。",
        "if_only": "如果你{condition}。",
        "after": "在你{action}后，{results}。",
        "values": "{actions}",
        "instead": "改为{actions}",
        "then": "随后{actions}",
        "first": "先{actions}",
        "open": "{actions}",
        "other": "{actions}",
        "table": "如果输入其他值，会看到：",
        "and": "，并",
        "and_then": "，",
        "comma": "，",
    },
}

_SLOT = re.compile(r"\{(\w+)\}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def fill(template: str, **slots: list[Token] | str | None) -> list[Token]:
    """Tokens of `template` with its {slots} replaced; a str slot becomes one "t" token."""
    tokens: list[Token] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            tokens.append(("t", template[position : match.start()]))
        value = slots.get(match.group(1))
        if isinstance(value, str):
            tokens.append(("t", value))
        elif value:
            tokens.extend(value)
        position = match.end()
    rest = template[position:]
    # A value that ends with its own full stop ends the sentence: no second one ("… runbook.").
    if rest == "." and tokens and tokens[-1][0] in ("val", "p") and tokens[-1][1].rstrip().endswith((".", "!", "?")):
        return tokens
    if rest:
        tokens.append(("t", rest))
    return tokens


def label(lang: Lang, key: str, **slots: list[Token] | str | None) -> list[Token]:
    return fill(LABELS[lang][key], **slots)


def _join(lang: Lang, items: Sequence[str], kind: str = "val") -> list[Token]:
    tokens: list[Token] = []
    for number, item in enumerate(items):
        if number:
            last = number == len(items) - 1
            tokens.append(("t", LABELS[lang]["and"] if last else LABELS[lang]["comma"]))
        tokens.append((kind, item))
    return tokens


def _seconds(value: str | None) -> str | None:
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?)?", value or "")
    if not match:
        return None
    amount = float(match.group(1)) / (1000 if match.group(2) else 1)
    return f"{amount:g}"


def _scoped(table: dict[str, str], key: str, sentence: Sentence) -> str:
    if sentence.scope and sentence.scope_role in ("dialog", "alertdialog", "form", "region", "group"):
        return table.get(f"{key}_in", table[key])
    if sentence.scope:
        return table.get(f"{key}_next_to", table[key])
    return table[key]


def action_tokens(sentence: Sentence, lang: Lang) -> list[Token]:
    table = ACTIONS[lang]
    kind = sentence.kind
    name = [("ui", sentence.name)] if sentence.name else None
    value = [("val", sentence.value)] if sentence.value is not None else None
    scope = [("val", sentence.scope)] if sentence.scope else None
    if sentence.scope_role in ("dialog", "alertdialog") and sentence.scope:
        scope = [("ui", sentence.scope)]
    if kind == "open":
        path = [("code", sentence.value or "/")]
        return fill(table["open_named" if sentence.name else "open"], name=name, path=path)
    if kind in ("reload", "go_back", "go_forward"):
        return fill(table[kind])
    if kind == "wait":
        seconds = _seconds(sentence.value)
        return fill(table["wait"], count=seconds) if seconds else fill(table["wait_any"])
    if kind == "press":
        key = [("ui", sentence.value or "Enter")]
        return fill(table["press_in" if sentence.name else "press"], key=key, name=name)
    if kind == "task":
        return fill(table["task"], task=[("task", sentence.task or "")])
    column = [("val", sentence.column)] if sentence.column else None
    if kind in ("fill", "type", "select") and column:
        return fill(table["select_column" if kind == "select" else "fill_column"], name=name, column=column)
    if kind in ("fill", "type") and sentence.secret == "password":  # noqa: S105 - a kind of field
        return fill(table["fill_password"], name=name or [("ui", "?")])
    if kind in ("fill", "type") and sentence.secret:
        return fill(table["fill"], name=name or [("ui", "?")], value=[("val", LABELS[lang]["hidden"])])
    if kind == "fill" and not sentence.value:
        kind = "clear"
    if kind == "check" and sentence.role == "radio":
        kind = "choose"
    if kind not in table:
        kind = "click"
    tokens = fill(_scoped(table, kind, sentence), name=name or [("ui", "?")], value=value, scope=scope)
    if sentence.count and sentence.count > 1:
        tokens.extend(fill(table["times"], count=str(sentence.count)))
    return tokens


def result_tokens(sentence: Sentence, lang: Lang) -> list[Token]:
    table = RESULTS[lang]
    kind = sentence.kind
    name = [("ui", sentence.name)] if sentence.name else None
    value = [("val", sentence.value or "")]
    values = _join(lang, sentence.values or ((sentence.value,) if sentence.value else ()))
    scope = [("ui", sentence.scope)] if sentence.scope else None
    suffix = "_not" if sentence.negated else ""
    if kind == "text_visible" and sentence.column and not sentence.negated:
        return fill(table["text_visible_column"], column=[("val", sentence.column)])
    if kind == "text_visible":
        if sentence.negated:
            key = "text_visible_not"
        elif sentence.position:
            key = f"text_visible_{sentence.position}"
        elif sentence.scope and sentence.scope_role in ("dialog", "alertdialog", "region", "form", "listitem"):
            key = "text_visible_in"
        else:
            key = "text_visible"
        return fill(table[key], values=values, scope=scope)
    if kind == "element_visible" and sentence.role in ("dialog", "alertdialog"):
        if sentence.negated or not name:
            return fill(table["dialog_closed"] if sentence.negated else table["element_visible"], name=name)
        return fill(table["dialog_open"], name=name)
    if kind in ("text_contains",):
        kind = "text_equals"
    if kind in ("value_contains",):
        kind = "value_equals"
    if kind == "url":
        return fill(table["url" + suffix], path=[("code", sentence.value or "/")])
    if kind == "count":
        return fill(table["count" + suffix], count=str(sentence.count or 0))
    if kind == "only_listed":
        return fill(table["only_listed_one" if len(sentence.values) == 1 else "only_listed"], values=values)
    key = kind + suffix
    if key not in table:
        key = "element_visible" + suffix
    return fill(table[key], name=name or [("ui", "?")], value=value, values=values)


def sentence_tokens(sentence: Sentence, lang: Lang) -> list[Token]:
    return action_tokens(sentence, lang) if sentence.phrase == "action" else result_tokens(sentence, lang)


def plain(tokens: Sequence[Token], titles: Mapping[str, str] | None = None) -> str:
    """Tokens as plain text (alt text, titles): the app's words in quotation marks; a task by its
    title (from `titles`, by anchor)."""
    out = []
    for kind, text in tokens:
        if kind == "task":
            out.append((titles or {}).get(text, text))
        else:
            out.append(f"“{text}”" if kind in ("ui", "val") else text)
    return "".join(out)


# -- titles and introductions ------------------------------------------------------------------


def strip_end(tokens: list[Token]) -> list[Token]:
    if tokens and tokens[-1][0] == "t":
        kind, text = tokens[-1]
        stripped = text.rstrip("。. ")
        return [*tokens[:-1], (kind, stripped)] if stripped else tokens[:-1]
    return tokens


def lower_first(tokens: list[Token], lang: Lang) -> list[Token]:
    if lang != "en" or not tokens or tokens[0][0] != "t":
        return tokens
    kind, text = tokens[0]
    return [(kind, text[:1].lower() + text[1:]), *tokens[1:]]


_STORY_EN = re.compile(
    r"^\s*as an? .+?,\s*i want( to)?\s+(.+?)(?:,?\s*so that\s+(.+?))?\s*\.?\s*$", re.IGNORECASE | re.DOTALL
)
_STORY_ZH = re.compile(
    r"^\s*作为.+?[,，]\s*我(?:希望|想要|想)(?:能够|能)?(.+?)(?:[,，]\s*(?:以便|这样|从而)(.+?))?[。.]?\s*$", re.DOTALL
)
_PRONOUNS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're"}


_VERBS = {"am": "are", "was": "were"}  # "who I am" -> "who you are"


def _second_person(text: str) -> str:
    text = re.sub(r"\bI (am|was)\b", lambda m: f"I {_VERBS[m.group(1)]}", text)
    return re.sub(r"\b(I'm|I|me|my|mine|myself)\b", lambda m: _PRONOUNS[m.group(1).lower()], text)


def story_intro(story: str | None, lang: Lang) -> list[Token]:
    """The feature's user story as an introduction addressed to the reader ("You can ...")."""
    if not story:
        return []
    story = " ".join(story.split())
    if lang == "en" and not has_cjk(story):
        match = _STORY_EN.match(story)
        if match:
            what = _second_person(match.group(2).rstrip(",. "))
            why = match.group(3)
            text = what + (f", so that {_second_person(why.rstrip('. '))}" if why else "")
            # "I want to sign in" -> "You can sign in"; "I want predictable addresses" -> "You get ..."
            return label(lang, "you_can" if match.group(1) else "you_get", value=[("p", text)])
    if lang == "zh" and has_cjk(story):
        match = _STORY_ZH.match(story)
        if match:
            what = re.sub(r"^[,，\s]+|[,，\s]+$", "", match.group(1).replace("我", "你"))
            why = match.group(2)
            reason = re.sub(r"[。.\s]+$", "", why.replace("我", "你")) if why else ""
            text = what + (f"，以便{reason}" if reason else "")
            return label(lang, "you_can", value=[("p", text)])
    # A story in the other language (or another shape) is quoted as written.
    return [*label(lang, "user_story"), ("p", story)]


def document_title(document: ManualDocument, lang: Lang) -> str:
    if not document.project.strip():
        return plain(label(lang, "manual_untitled"))
    return plain(label(lang, "manual", project=[("p", document.project)]))
