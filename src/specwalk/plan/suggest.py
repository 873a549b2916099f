"""The phrasing offered for a line that does not plan: the nearest sentence *of the same kind*.

A suggestion must keep what the line says: its action (a line about clicking is never offered a
URL check, a line about typing never a list check) and its values, in order. So the line's verb
picks a family of rules (table below, one row per verb) and only those rules compete on
similarity; a line with no action verb is a check and only checks compete. The winner's example
gets the line's own quoted values. When nothing of the right kind is close, there is no
suggestion rather than a misleading one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping

from specwalk.plan.grammar import Rule
from specwalk.plan.quotes import PLACEHOLDER

# An action verb (base form) → the step types a sentence led by it may become.
EN_VERB_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "click": ("click", "double_click"),
    "tap": ("click",),
    "press": ("press", "click"),
    "hit": ("press", "click"),
    "push": ("click",),
    "follow": ("click",),
    "activate": ("click",),
    "double-click": ("double_click",),
    "select": ("select", "check", "click"),
    "choose": ("select", "check", "click"),
    "pick": ("select", "check", "click"),
    "type": ("fill", "type", "press"),
    "enter": ("fill", "type"),
    "write": ("fill", "type"),
    "fill": ("fill",),
    "input": ("fill", "type"),
    "put": ("fill",),
    "insert": ("fill",),
    "paste": ("fill",),
    "set": ("fill", "select"),
    "change": ("fill", "select"),
    "update": ("fill",),
    "replace": ("fill",),
    "clear": ("clear", "reset_storage"),
    "empty": ("clear",),
    "leave": ("clear",),
    "go": ("open", "go_back"),
    "navigate": ("open", "go_back"),
    "open": ("open",),
    "visit": ("open",),
    "load": ("open",),
    "browse": ("open",),
    "return": ("open", "go_back"),
    "check": ("check",),
    "tick": ("check",),
    "uncheck": ("uncheck",),
    "untick": ("uncheck",),
    "hover": ("hover",),
    "drag": ("drag",),
    "drop": ("drag",),
    "move": ("drag", "fill", "hover"),
    "upload": ("upload",),
    "attach": ("upload",),
    "reload": ("reload",),
    "refresh": ("reload",),
    "wait": ("wait",),
    "focus": ("focus",),
    "accept": ("accept_dialog",),
    "confirm": ("accept_dialog",),
    "dismiss": ("dismiss_dialog", "accept_dialog"),
    "cancel": ("dismiss_dialog", "click"),
}
ZH_VERB_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "点击": ("click",),
    "单击": ("click",),
    "双击": ("double_click",),
    "点": ("click",),
    "按": ("press", "click"),
    "输入": ("fill", "type"),
    "填写": ("fill",),
    "选择": ("select", "check"),
    "勾选": ("check",),
    "取消勾选": ("uncheck",),
    "打开": ("open",),
    "访问": ("open",),
    "进入": ("open",),
    "刷新": ("reload",),
    "返回": ("go_back", "open"),
    "清空": ("clear",),
    "悬停": ("hover",),
    "拖": ("drag",),
    "上传": ("upload",),
    "等待": ("wait",),
}


def _base(word: str) -> str:
    word = word.lower()
    for ending, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in EN_VERB_FAMILIES:
            return word[: -len(ending)] + replacement
        if word.endswith(ending) and word[: -len(ending)] + "e" in EN_VERB_FAMILIES:
            return word[: -len(ending)] + "e"
    if len(word) > 4 and word[-1] == word[-2] and word[:-1] in EN_VERB_FAMILIES:
        return word[:-1]
    return word


def family(normalized: str, zh: bool) -> tuple[str, ...] | None:
    """The step types the clause's leading verb allows; None: no action verb, so a check."""
    if zh:
        for verb, types in sorted(ZH_VERB_FAMILIES.items(), key=lambda item: -len(item[0])):
            if re.match(rf"^(?:在[^«]{{0,12}}?)?{verb}", normalized):
                return types
        return None
    words = re.sub(r"^(?:has |have |had )", "", normalized, flags=re.IGNORECASE).split()
    if not words:
        return None
    return EN_VERB_FAMILIES.get(_base(words[0]))


_NEGATION = re.compile(r"(?:^|\s)(?:not|no|never|none|nothing)\b|不|没有|未", re.IGNORECASE)
# Below this similarity a suggestion would be a different sentence, not a rephrasing.
MIN_SIMILARITY = 0.45
# Words every sentence has: sharing only these, a check suggested for a check is about something else.
_COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "be",
        "should",
        "must",
        "not",
        "no",
        "it",
        "its",
        "this",
        "that",
        "to",
        "of",
        "in",
        "on",
        "at",
        "with",
        "and",
        "or",
        "i",
        "we",
        "you",
        "see",
        "sees",
        "should",
        "shown",
        "displayed",
        "visible",
        "page",
    ]
)


def suggest(
    normalized: str,
    skeleton: str,
    values: tuple[str, ...],
    rules: tuple[Rule, ...],
    zh: bool,
    keyword_type: str,
    normalize: Callable[[str], str],
) -> tuple[str | None, float]:
    """(the suggestion with the line's values, how close it is: 0 … ~1.4)."""
    allowed = family(normalized, zh)
    negated = bool(_NEGATION.search(normalized))
    if allowed is None and not PLACEHOLDER.search(skeleton):
        return None, 0.0  # no action and nothing quoted: any sentence offered would be another one
    kinds = ("action",) if keyword_type == "when" else ("expectation",) if keyword_type == "then" else None
    words = list(normalized) if zh else normalized.lower().split()
    quoted = [values[int(index)] for index in PLACEHOLDER.findall(skeleton)]
    best: tuple[float, Rule] | None = None
    for rule_ in rules:
        if rule_.contexts is not None and keyword_type not in rule_.contexts:
            continue
        slots = len(PLACEHOLDER.findall(rule_.example)) + rule_.example.count("“…”")
        if slots < len(quoted):
            continue  # it would drop some of the line's values
        if allowed is not None and (rule_.kind != "action" or rule_.type not in allowed):
            continue
        if allowed is None and kinds is not None and rule_.kind not in kinds:
            continue
        if negated and not _NEGATION.search(rule_.example):
            continue  # "no new item is added" is never offered "a new item is added"
        example = rule_.example
        example_words = list(example) if zh else normalize(example).lower().split()
        ratio = difflib.SequenceMatcher(None, words, example_words, autojunk=False).ratio()
        if slots == len(quoted):
            ratio += 0.1  # room for exactly the line's values
        if allowed and not zh and example_words and _base(words[0]) == _base(example_words[0]):
            ratio += 0.3  # the same verb weighs more than shared filler words
        if allowed is None and not zh and not (set(words) & set(example_words)) - _COMMON - {"«0»", "«1»"}:
            continue  # a check about something else ("the newest is …" is no URL check)
        if best is None or ratio > best[0]:
            best = (ratio, rule_)
    if best is None:
        return None, 0.0
    ratio, chosen = best
    if ratio < MIN_SIMILARITY:
        return None, ratio
    given = iter(quoted)
    text = PLACEHOLDER.sub(lambda _match: '"' + next(given, "…") + '"', chosen.example)
    text = re.sub("“…”", lambda _match: "“" + next(given, "…") + "”", text)
    return text, ratio
