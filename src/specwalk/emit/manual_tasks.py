"""A task's title and its "If ..." notes, in English or Chinese, as tokens both emitters render.

Titles say the user's goal, never the steps. A person's title is kept when it is in the manual's
language (Gherkin keywords and "Successful" dropped: "Successful sign in" -> "Sign in"), or its
translation when the run had one (`--llm`). Otherwise the title is made from the task's main
action and its object: a control whose name is a goal ("Add task" -> "Add a task", "Sign in"),
the fields a generic control saves ("Save" after "Display name" -> "Change the display name"),
where a link goes ("Go to “Settings”"), what a toggle shows ("Show “Active”"), or the page a task
opens. The word lists are data, one entry per line, each with a test.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from specwalk.emit.manual_text import (
    ACTIONS,
    LABELS,
    NOTES,
    Lang,
    Token,
    action_tokens,
    fill,
    has_cjk,
    lower_first,
    plain,
    result_tokens,
    strip_end,
)
from specwalk.manual.tasks import GENERIC_COMMITS
from specwalk.models.manual import ManualDocument, ManualFeature, ManualNote, ManualScenario, ManualTask, Sentence

# Leading words a person's title may start with that are no part of the goal.
TITLE_NOISE: dict[Lang, tuple[str, ...]] = {
    "en": (
        r"(?:scenario(?: outline)?|example)\s*:\s*",
        r"(?:given|when|then|and|but)\s+",
        r"successful(?:ly)?\s+",
        r"happy path\s*:?\s*",
    ),
    "zh": (
        r"(?:场景(?:大纲)?|例子)\s*[:：]\s*",
        r"(?:假如|假设|假定|当|那么|而且|并且|同时|但是)\s*",
        r"成功(?=\S)",
    ),
}
# The "(example 2)" the plan adds to an outline row's name.
_ROW = re.compile(r"\s*[(（](?:example|示例|例)\s*\d+[)）]\s*$", re.IGNORECASE)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# A control whose name starts with one of these names a goal ("Add task", "Sign in", "删除任务").
GOAL_VERBS: dict[Lang, tuple[str, ...]] = {
    "en": _words(
        """
        add archive book buy cancel change checkout clear close comment complete connect copy
        create delete disable download duplicate edit enable export favorite filter follow go hide
        import invite join leave like log mark move open order pay place post print publish
        register remove rename reply reset restore return save search send set share show sign
        sort start stop submit subscribe undo update upload view
        """
    ),
    "zh": _words(
        """
        添加 新建 创建 新增 删除 移除 编辑 修改 登录 登入 退出 注销 注册 搜索 查找 发送
        购买 下单 结算 支付 上传 下载 导出 导入 分享 邀请 打印 发布 重命名 复制 移动 排序
        筛选 标记 完成 撤销 重置 恢复 归档 关注 收藏 评论 回复 查看 显示 隐藏 打开 关闭
        前往 返回 开始 停止 订阅 预订 清空 保存
        """
    ),
}
# Words after a goal verb that take no article ("Sign in", "Go to tasks", "Add to cart").
NO_ARTICLE: tuple[str, ...] = _words(
    """
    a all an again away back down in into it more my now off on out over the this to up your
    """
)
TITLES: dict[Lang, dict[str, str]] = {
    "en": {
        "change": "Change {name}",
        "turn_on": "Turn on {name}",
        "turn_off": "Turn off {name}",
        "go_to": "Go to {name}",
        "show": "Show {name}",
        "open_page": "Open the {name} page",
        "view_path": "Open {path}",
        "start_page": "Open the start page",
        "verb_scope": "{verb} {scope}",
        "new": "Create a new {name}",
        "use": "Use {name}",
    },
    "zh": {
        "change": "修改{name}",
        "turn_on": "开启{name}",
        "turn_off": "关闭{name}",
        "go_to": "前往{name}",
        "show": "查看{name}",
        "open_page": "打开{name}页面",
        "view_path": "打开 {path}",
        "start_page": "打开首页",
        "verb_scope": "{verb}{scope}",
        "new": "新建{name}",
        "use": "使用{name}",
    },
}
_GENERIC = frozenset(word for words in GENERIC_COMMITS.values() for word in words)
_COMMITS = ("click", "dblclick", "press", "choose", "select", "check", "uncheck")
_INPUTS = ("fill", "type", "clear", "select", "choose", "check", "uncheck")


def without_row(name: str) -> str:
    """An outline row's name without the "(example 2)" the plan adds."""
    return _ROW.sub("", " ".join(name.split()))


def clean_title(title: str, lang: Lang) -> str:
    """A person's title without Gherkin keywords, "Successful" or an outline row's number."""
    text = _ROW.sub("", " ".join(title.split()))
    changed = True
    while changed:
        changed = False
        for noise in TITLE_NOISE[lang]:
            stripped = re.sub("^" + noise, "", text, flags=re.IGNORECASE)
            if stripped != text and stripped.strip():
                text, changed = stripped.strip(), True
    return text[:1].upper() + text[1:] if lang == "en" else text


def _in_language(text: str, lang: Lang) -> bool:
    return has_cjk(text) == (lang == "zh")


def _goal(name: str, lang: Lang) -> str | None:
    """The control's name as a goal ("Add task" -> "Add a task"), when it names one."""
    words = name.split()
    if lang == "en":
        if not words or has_cjk(name) or len(words) > 6:
            return None
        head = words[0].lower()
        if head == "new" and len(words) > 1:
            return plain(fill(TITLES[lang]["new"], name=" ".join(words[1:]).lower()))
        if head not in GOAL_VERBS["en"] or len(words) < 2:
            return None
        rest = [word.lower() if word[:1].isupper() and not word.isupper() else word for word in words[1:]]
        if len(rest) == 1 and rest[0] not in NO_ARTICLE and not rest[0].endswith("s") and rest[0].isalpha():
            rest = ["an" if rest[0][0] in "aeiou" else "a", *rest]
        return " ".join([words[0].capitalize(), *rest])
    compact = name.replace(" ", "")
    if has_cjk(compact) and any(compact.startswith(verb) and len(compact) > len(verb) for verb in GOAL_VERBS["zh"]):
        return compact
    return None


def _object(name: str, lang: Lang, article: bool = True) -> list[Token]:
    """A field's name as the object of a title: "the display name" when it is plain words."""
    if lang == "en" and re.fullmatch(r"[A-Z]?[a-z]+(?: [a-zA-Z][a-z]+){0,3}", name):
        return [("t", ("the " if article else "") + name.lower())]
    if lang == "zh" and has_cjk(name):
        return [("t", name)]
    return [("ui", name)]


def _actions(scenario: ManualScenario) -> list[Sentence]:
    return [step.sentence for step in scenario.steps if step.sentence.kind not in ("wait", "open")]


def derived_title(scenario: ManualScenario, lang: Lang, feature: ManualFeature | None = None) -> list[Token]:
    """A title from the task's main action and its object."""
    table = TITLES[lang]
    acts = _actions(scenario)
    if not acts:
        shared = feature.before if feature is not None else ()
        everything = [*shared, *scenario.before, *(step.sentence for step in scenario.steps)]
        opened = next((s for s in reversed(everything) if s.kind == "open"), None)
        if opened is not None and opened.name:
            return fill(table["open_page"], name=[("ui", opened.name)])
        path = (opened.value if opened else None) or "/"
        if path == "/":
            return fill(table["start_page"])
        return fill(table["view_path"], path=[("code", path)])
    commits = [sentence for sentence in acts if sentence.kind in _COMMITS]
    commit = commits[-1] if commits else acts[-1]
    inputs = [sentence for sentence in acts[: acts.index(commit)] if sentence.kind in _INPUTS and sentence.name]
    name = commit.name or ""
    # The last control names the goal ("Add task"), else the first ("Delete task", then "Delete").
    for sentence in (commit, acts[0]):
        if sentence.kind in ("click", "dblclick") and sentence.name:
            goal = _goal(sentence.name, lang)
            if goal is not None:
                return [("p", goal)]
    if commit.kind in ("click", "dblclick") and name:
        head = name.split()[0].lower() if name.split() else ""
        generic = name.strip().lower() in _GENERIC
        verb = head in GOAL_VERBS["en"] if lang == "en" else name.replace(" ", "") in GOAL_VERBS["zh"]
        if not generic and verb:
            # A control named by its verb alone: "Edit" in the chapter "Edit a task", "Delete “Milk”", "登录".
            if feature is not None and feature.name.lower().startswith(head + " "):
                return [("p", feature.name)]
            if commit.scope:
                return fill(table["verb_scope"], verb=name, scope=[("val", commit.scope)])
            return [("p", name[:1].upper() + name[1:])]
        if generic and inputs:
            return _change(inputs[0], lang)
        if lang == "zh" and not generic and commit.role != "link" and _goal(name, "en") is not None:
            # An English control that names a goal ("Publish article") in a Chinese manual: using
            # it is the task; "查看" (view) would say the opposite.
            return fill(table["use"], name=[("ui", name)])
        if not generic:
            return fill(table["go_to" if commit.role == "link" else "show"], name=[("ui", name)])
    if commit.kind == "press" and inputs:
        return strip_end(action_tokens(inputs[0], lang))
    return strip_end(action_tokens(commit, lang))


def _change(sentence: Sentence, lang: Lang) -> list[Token]:
    key = {"check": "turn_on", "uncheck": "turn_off"}.get(sentence.kind, "change")
    if sentence.kind == "check" and sentence.role == "radio":
        key = "change"
    return fill(TITLES[lang][key], name=_object(sentence.name or "", lang, article=key == "change"))


def task_title(
    task: ManualTask, lang: Lang, feature: ManualFeature | None = None, translations: Mapping[str, str] | None = None
) -> list[Token]:
    """The task's title: a person's (or its translation), else made from what the user does; when
    another task of the chapter gets the same title, the first thing this one shows that the
    other does not, else its number."""
    tokens = _own_title(task, lang, feature, translations or {})
    if feature is None:
        return tokens
    said = plain(tokens)
    twins = [other for other in feature.tasks if plain(_own_title(other, lang, feature, translations or {})) == said]
    if len(twins) < 2:
        return tokens
    theirs = {
        plain(result_tokens(sentence, lang)) for other in twins if other is not task for sentence in _results(other)
    }
    own = [sentence for sentence in _results(task) if plain(result_tokens(sentence, lang)) not in theirs]
    if own:
        return [*tokens, ("t", " — "), *lower_first(strip_end(result_tokens(own[0], lang)), lang)]
    return [*tokens, ("t", f" ({twins.index(task) + 1})")]


def _results(task: ManualTask) -> list[Sentence]:
    scenario = task.procedure
    return [*scenario.seen, *(sentence for step in scenario.steps for sentence in step.results)]


def _own_title(
    task: ManualTask, lang: Lang, feature: ManualFeature | None, translations: Mapping[str, str]
) -> list[Token]:
    scenario = task.procedure
    if scenario.named:
        if _in_language(scenario.name, lang):
            return [("p", clean_title(scenario.name, lang))]
        translated = translations.get(without_row(scenario.name))
        if translated:
            return [("p", clean_title(translated, lang))]
    return derived_title(scenario, lang, feature)


def person(text: str, translations: Mapping[str, str] | None) -> str:
    """A person's words (a chapter's name) in the manual's language, when a translation exists."""
    return (translations or {}).get(text, text)


# -- notes ---------------------------------------------------------------------------------------


def _join(lang: Lang, phrases: Sequence[list[Token]], last: str = "and") -> list[Token]:
    tokens: list[Token] = []
    for number, phrase in enumerate(phrases):
        if number:
            tokens.append(("t", NOTES[lang][last] if number == len(phrases) - 1 else NOTES[lang]["comma"]))
        tokens.extend(phrase)
    return tokens


def _clause(tokens: list[Token], lang: Lang) -> list[Token]:
    return lower_first(strip_end(tokens), lang)


def _doing(sentence: Sentence, lang: Lang, way: str) -> list[Token]:
    hidden = sentence.secret == "password"  # noqa: S105 - a kind of field
    if way == "values" and hidden and sentence.kind in ("fill", "type"):
        return _clause(fill(ACTIONS[lang]["fill_other_password"], name=[("ui", sentence.name or "?")]), lang)
    return _clause(action_tokens(sentence, lang), lang)


def note_paragraphs(note: ManualNote, lang: Lang) -> list[list[Token]]:
    """The note's sentences: "If you <do this differently>, <you see this>." and, for results
    that come after a later step, "After you <step>, <you see this>."."""
    table = NOTES[lang]
    if note.table is not None:
        return [fill(table["table"])]
    condition = fill(table[note.way], actions=_join(lang, [_doing(s, lang, note.way) for s in note.condition]))
    paragraphs: list[list[Token]] = []
    for after, results in note.results:
        said = _join(lang, [_clause(result_tokens(result, lang), lang) for result in results], "and_then")
        if after is None and not paragraphs:
            paragraphs.append(fill(table["if"], condition=condition, results=said))
        elif after is None:
            paragraphs.append(fill(table["after"], action=condition, results=said))
        else:
            paragraphs.append(fill(table["after"], action=_clause(action_tokens(after, lang), lang), results=said))
    if not paragraphs or note.results[0][0] is not None:
        paragraphs.insert(0, fill(table["if_only"], condition=condition))
    return paragraphs


def table_cell(value: str, column: str, secret: Sequence[str], lang: Lang) -> list[Token]:
    if column in secret:
        return [("t", LABELS[lang]["hidden"])]
    if not value:
        return [("t", LABELS[lang]["empty_cell"])]
    return [("val", value)]


def document_titles(document: ManualDocument, lang: Lang) -> dict[str, list[Token]]:
    """Every task's title, by anchor."""
    translations = dict(document.translations)
    return {
        task.anchor: task_title(task, lang, feature, translations)
        for feature in document.features
        for task in feature.tasks
    }
