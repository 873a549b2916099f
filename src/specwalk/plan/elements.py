"""Element phrases: how a sentence names the element a step acts on or checks.

Two passes, both over a sentence skeleton (quoted values already «n», see `quotes.py`):

- `extract_refs` replaces every *exact reference* with a token ⟦k⟧ before anything else reads the
  sentence: "with data-testid "x"", "(id="x")", "identified by data-testid='x'", "with the class
  "todo"", "with data-id "r1"", "the element #save", "the <h2> element". Exact references become
  `target_ref` and are never guessed at; a list ("with data-testid "a" and "b"") gives one token each.
- `english_element` / `chinese_element` read the phrase a rule captured as its element (group
  `e`): a quoted name with its role noun ("the "Save" button"), a label ("the checkbox labeled
  "Monday"", "the todo item with text "Buy milk"" → an exact text reference), a scope ("the delete
  button of "Buy milk""), an ordinal ("the first", "the last" → `nth`), a back-reference ("it",
  "its delete button" → resolved by the planner to the previous step's element), or a *described*
  element ("the bill amount field", "the Loan Term slider" → `described=True`, grounded by
  retrieval). Anything that is not a short noun phrase is refused, so a rule never swallows a
  clause it does not understand.

The tables are data: one row per kind of reference, role noun or ordinal (tests walk every row).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from specwalk.plan.grammar import NUMBER_WORDS, ROLE_NOUNS, SCOPE_NOUNS, StepSpec, alternation
from specwalk.plan.quotes import PLACEHOLDER

Ref = tuple[str, str]  # (by, value): a TargetRef's fields
REF_TOKEN = re.compile(r"⟦(\d+)⟧")
_QUOTE = r"«(\d+)»"
_QLIST = r"«\d+»(?:(?:\s*,\s*|,? and |,? or |、|和|及)«\d+»)*"

# --- exact references --------------------------------------------------------------------------

# The attribute a document names → how the reference locates (`by`), or None: a CSS attribute
# selector on that attribute.
REF_ATTRIBUTES: Mapping[str, str | None] = {
    "data-testid": "testid",
    "data-test-id": "testid",
    "test-id": "testid",
    "test id": "testid",
    "testid": "testid",
    "id": "id",
    "element id": "id",
    "html id": "id",
    "class": "class",
    "css class": "class",
    "class name": "class",
    "classname": "class",
    "name": "name",
    "name attribute": "name",
    "selector": "css",
    "css selector": "css",
    "data-test": None,
    "data-cy": None,
    "data-qa": None,
    "data-id": None,
    "aria-label": None,
}
_DATA_ATTRIBUTE = r"data-[a-z][\w-]*"
_ATTR = rf"(?:{alternation(list(REF_ATTRIBUTES))}|{_DATA_ATTRIBUTE})"
# Attributes that are only a reference after "with" / "having" / "identified by" (bare, "the class
# "x"" is what an expectation checks: "should have the class "x"").
_NEEDS_LEAD = {"class", "css class", "class name", "classname", "name", "name attribute", "aria-label"}
_LEAD = r"(?:with|having|identified by|located by|found by|using|via|whose|that has|which has|of)"
_OPERATOR = r"(?: attribute| attributes)?(?:\s*(?:=|:)\s*| (?:of |equal to |equals |set to |is |as |value )?)"
REF_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "(data-testid="x")", "[data-testid='x']", "(id: "x")"
    re.compile(rf"\s*[(\[（]\s*(?P<attr>{_ATTR})s?\s*(?:=|:|：)\s*(?P<list>{_QLIST})\s*[)\]）]", re.IGNORECASE),
    # "with data-testid starting with "piano-key"": a prefix / part / suffix of the attribute
    re.compile(
        rf"(?:,? (?:{_LEAD}) (?:(?:the|a|an|its) )?)(?P<attr>{_ATTR})s?(?: attribute)? "
        r"(?P<op>starting with|that starts? with|beginning with|containing|that contains?|ending with|that ends? "
        r"with) "
        rf"{_QUOTE}",
        re.IGNORECASE,
    ),
    # "with data-testid "x"", "identified by data-testid="x"", "with the class "todo"", "with id "a" and "b""
    re.compile(
        rf"(?:,? (?P<lead>{_LEAD}) (?:(?:the|a|an|its) )?)(?P<attr>{_ATTR})s?{_OPERATOR}(?P<list>{_QLIST})", re.I
    ),
    # bare "data-testid="x"" / "data-testid "x"" (never a class or a name: those need "with")
    re.compile(rf"(?<![\w-])(?P<attr>{_ATTR})s?(?:\s*=\s*| )(?P<list>{_QLIST})", re.IGNORECASE),
    # 'the element with "x" as its test id'
    re.compile(rf" with {_QUOTE} as (?:its|the) (?P<attr>{_ATTR})", re.IGNORECASE),
    # Chinese: "data-testid 为 “x” 的", "（data-testid=“x”）" (the parenthesised form is above)
    re.compile(rf"\s*(?P<attr>{_ATTR})\s*(?:为|是|等于)\s*(?P<list>{_QLIST})\s*的?", re.IGNORECASE),
)
_HASH_ID = re.compile(r"(?<![\w&#/«])#(?P<id>[A-Za-z][\w-]*)")
_TAG = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)>(?: (?:element|tag))?", re.IGNORECASE)
_PREFIX_OPS = {"starting": "^=", "starts": "^=", "start": "^=", "beginning": "^=", "ending": "$=", "ends": "$="}


def _css_attr(attribute: str, value: str, operator: str = "=") -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'[{attribute}{operator}"{escaped}"]'


def _ref(attribute: str, value: str, operator: str = "=") -> Ref:
    attribute = re.sub(r"\s+", " ", attribute.lower()).removesuffix("s") if attribute.lower() != "class" else "class"
    if attribute not in REF_ATTRIBUTES and not re.fullmatch(_DATA_ATTRIBUTE, attribute):
        attribute = attribute + "s" if attribute + "s" in REF_ATTRIBUTES else attribute
    by = REF_ATTRIBUTES.get(attribute)
    if operator != "=":
        real = {"testid": "data-testid", "id": "id", "class": "class", "name": "name"}.get(by or "", attribute)
        return ("css", _css_attr(real, value, operator))
    if by is None:
        return ("css", _css_attr(attribute, value))
    if by == "class":
        return ("class", value.strip().removeprefix("."))
    if by == "id":
        return ("id", value.strip().removeprefix("#"))
    return (by, value)


def extract_refs(skeleton: str, values: tuple[str, ...]) -> tuple[str, tuple[Ref, ...], tuple[str, ...]]:
    """The skeleton with each exact reference replaced by ⟦k⟧, the references in order, and the
    words each token stands for (to put the sentence back together for messages)."""
    refs: list[Ref] = []
    texts: list[str] = []

    def token(ref: Ref, text: str) -> str:
        refs.append(ref)
        texts.append(text.strip())
        return f"⟦{len(refs) - 1}⟧"

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        attribute = groups["attr"]
        whole = match.group(0)
        if attribute.lower() in _NEEDS_LEAD and not groups.get("lead") and not whole.lstrip().startswith(("(", "[")):
            return whole
        if groups.get("op"):
            words = groups["op"].split()
            operator = _PREFIX_OPS.get(words[1] if words[0] == "that" else words[0], "*=")
            value = values[int(PLACEHOLDER.findall(whole)[-1])]
            return " " + token(_ref(attribute, value, operator), whole)
        quoted = groups.get("list") or whole
        indices = PLACEHOLDER.findall(quoted)
        prefix = whole[: whole.index(f"«{indices[0]}»")]
        made = [
            token(_ref(attribute, values[int(index)]), (prefix if number == 0 else "") + f"«{index}»")
            for number, index in enumerate(indices)
        ]
        return " " + " and ".join(made)

    text = skeleton
    for pattern in REF_PATTERNS:
        text = pattern.sub(replace, text)
    text = _HASH_ID.sub(lambda match: " " + token(("id", match.group("id")), match.group(0)), text)
    text = _TAG.sub(lambda match: " " + token(("css", match.group("tag").lower()), match.group(0)), text)
    return re.sub(r"  +", " ", text).strip(), tuple(refs), tuple(texts)


def restore_refs(skeleton: str, texts: tuple[str, ...]) -> str:
    """The skeleton with each ⟦k⟧ back to the words it stands for (quotes still «n»)."""
    return REF_TOKEN.sub(lambda match: texts[int(match.group(1))], skeleton)


# --- English element phrases -------------------------------------------------------------------

# Nouns that say what kind of element a described target is → its ARIA role (None: no role, the
# noun only describes). Longer nouns win ("radio button" before "button").
DESCRIBED_ROLES: Mapping[str, str | None] = {
    **{noun: role for noun, role in ROLE_NOUNS.items() if noun.isascii() and noun not in ("list", "box", "title")},
    "input box": "textbox",
    "text input": "textbox",
    "text area": "textbox",
    "textarea": "textbox",
    "entry field": "textbox",
    "number field": "textbox",
    "number input": "textbox",
    "slider": "slider",
    "range slider": "slider",
    "range input": "slider",
    "progress bar": "progressbar",
    "dropdown menu": "combobox",
    "drop-down menu": "combobox",
    "dropdown list": "combobox",
    "select box": "combobox",
    "select menu": "combobox",
    "combo box": "combobox",
    "combobox": "combobox",
    "switch": "switch",
    "toggle": "switch",
    "toggle switch": "switch",
    # containers and landmarks only describe: a <div class="header"> is as much "the header" as <header>
    "list": None,
    "table": None,
    "form": None,
    "navigation bar": None,
    "navbar": None,
    "nav bar": None,
    "header": None,
    "footer": None,
    "sidebar": None,
    "heading": "heading",
    "menu item": "menuitem",
}
_PLURALS: Mapping[str, str] = {
    "buttons": "button",
    "links": "link",
    "tabs": "tab",
    "fields": "field",
    "inputs": "input",
    "checkboxes": "checkbox",
    "check boxes": "check box",
    "radio buttons": "radio button",
    "radios": "radio",
    "options": "option",
    "dropdowns": "dropdown",
    "sliders": "slider",
    "images": "image",
    "headings": "heading",
    "rows": "row",
    "items": "item",
    "list items": "list item",
    "cells": "cell",
    "switches": "switch",
}
_ROLE_WORD = alternation([*DESCRIBED_ROLES, *_PLURALS])
ORDINALS: Mapping[str, int] = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "sixth": 5,
    "seventh": 6,
    "eighth": 7,
    "ninth": 8,
    "tenth": 9,
    "last": -1,
}
# Words that end a noun phrase: a phrase holding one of these is a clause, not an element.
_NOT_IN_PHRASES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "should",
        "must",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "may",
        "might",
        "and",
        "or",
        "but",
        "then",
        "when",
        "if",
        "to",
        "into",
        "onto",
        "from",
        "with",
        "by",
        "that",
        "which",
        "who",
        "whom",
        "not",
        "no",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "as",
        "than",
        "after",
        "before",
        "while",
        "so",
        "because",
        "until",
        "once",
        "where",
        "there",
        "it",
        "they",
        "them",
        "he",
        "she",
        "we",
        "you",
        "i",
        "me",
        "my",
        "your",
        "our",
        "their",
        "click",
        "clicks",
        "clicked",
        "enter",
        "enters",
        "entered",
        "type",
        "types",
        "typed",
        "see",
        "sees",
        "saw",
        "press",
        "presses",
        "selects",
        "each",
        "every",
        "all",
        "none",
        "outside",
        "except",
        "besides",
        "remain",
        "remains",
        "stay",
        "stays",
        "become",
        "becomes",
        "somewhere",
        "anywhere",
        "everywhere",
        "here",
    ]
)
BACK_REFERENCES = frozenset(
    {"it", "them", "that", "this", "that one", "this one", "the same", "the same one", "the same element", "one"}
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|any|some|my|your|our)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:its|their|his|her)\s+", re.IGNORECASE)
_ORDINAL = re.compile(rf"^(?P<o>{alternation(list(ORDINALS))})\s+(?:one\b\s*)?(?:of (?:the )?)?", re.IGNORECASE)
_LABEL = re.compile(
    rf"^(?P<body>.*?)\s*(?:labell?ed|named|called|titled|captioned|marked|with (?:the )?(?:label|title|caption|"
    r"heading|name|aria label)|whose (?:label|name|title) is|for (?:the )?(?:option|answer|choice|day|"
    rf"value)?)\s*(?P<list>{_QLIST})"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    rf"^(?P<body>.*?)\s*(?:with|having|showing|displaying|containing|holding|that (?:says|reads|shows|contains|"
    rf"displays)|which (?:says|reads|shows|contains)|saying|reading|whose text is)\s+(?:the )?(?:texts?|content|"
    rf"message|words?|value)?\s*(?P<list>{_QLIST})(?P<rest>.*)$",
    re.IGNORECASE,
)
_SCOPE_QUOTED = re.compile(
    rf"^(?P<body>.+?) (?:of|for|next to|beside|in the row (?:of|for)|in|inside|within|under|on|from) (?:the )?"
    rf"(?:[a-z]+ )?{_QUOTE}(?: (?P<noun>[a-z]+(?: [a-z]+)?))?$",
    re.IGNORECASE,
)
_SCOPE_NOUN = re.compile(
    r"^(?P<body>.+?) (?:in|inside|within|on|from|under) (?:the )?(?P<scope>(?:[a-z]+ "
    rf")?(?:{alternation([n for n in SCOPE_NOUNS if n.isascii()])}))$",
    re.IGNORECASE,
)
_PARTICIPLES = re.compile(r"\s+(?:displayed|shown|visible|present|rendered|listed|on the page|on screen)$", re.I)
_ADJECTIVES = re.compile(
    r"^(?:corresponding|respective|relevant|new|newly (?:added|created)|existing|current)\s+", re.I
)


def _role_of(words: str) -> tuple[str, str | None, bool]:
    """(the words without a trailing role noun, the role, whether a role noun was found)."""
    match = re.search(rf"(?:^|\s)(?P<noun>{_ROLE_WORD})$", words, re.IGNORECASE)
    if match is None:
        return words, None, False
    noun = match.group("noun").lower()
    noun = _PLURALS.get(noun, noun)
    rest = words[: match.start()].strip()
    return rest, DESCRIBED_ROLES.get(noun, ROLE_NOUNS.get(noun)), True


def _quoted_role(before: str, after: str) -> str | None:
    """The role of a quoted name from the noun right before or after it ("the "Save" button")."""
    for words, pattern in ((after, rf"^(?P<noun>{_ROLE_WORD})\b"), (before, rf"\b(?P<noun>{_ROLE_WORD})$")):
        found = re.search(pattern, words.strip(), re.IGNORECASE)
        if found:
            noun = found.group("noun").lower()
            noun = _PLURALS.get(noun, noun)
            role = ROLE_NOUNS.get(noun, DESCRIBED_ROLES.get(noun))
            if noun == "list" and words is after:
                return "combobox"  # "the "Theme" list": a dropdown, as the controlled language always read it
            return role
    return None


_GERUNDS = re.compile(
    r"^(?:click|press|tap|typ|enter|select|choos|check|open|submit|sav|delet|add|remov|fill|hover|drag|visit|"
    r"go|navigat|scroll|writ)ing$"
)


# What a page holds but never shows as an element: a check on it is not a check of the UI.
_NOT_ON_SCREEN = re.compile(
    r"\b(?:audio|sound|speech|voice|playback volume|audio level|current time|playback speed|playback rate of the "
    r"video|local ?storage|session ?storage|cookies?|clipboard|console|server|api|database|network|backend)\b"
    # a property of a media element ("the video's volume"), not an element on the page
    r"|\b(?:video|audio)(?:'s|’s)\s",
    re.IGNORECASE,
)


def _is_description(words: str) -> bool:
    if _NOT_ON_SCREEN.search(words):
        return False
    tokens = words.lower().split()
    if not tokens or len(tokens) > 6:
        return False
    if any(_GERUNDS.match(token) for token in tokens):
        return False  # "clicking "Save"" is an action, not an element
    if any(token in _NOT_IN_PHRASES for token in tokens):
        return False
    return all(re.fullmatch(r"[a-z0-9][a-z0-9'/&+.-]*|#\d+", token) for token in tokens)


def english_element(phrase: str, values: tuple[str, ...], refs: tuple[Ref, ...]) -> list[StepSpec] | None:
    """The element(s) a captured phrase names; None when the phrase is not an element phrase."""
    text = re.sub(r"\s+", " ", phrase).strip(" ,")
    text = re.sub(r"^(?:on|at|onto|upon|over) ", "", text, flags=re.IGNORECASE)
    if text.lower() in BACK_REFERENCES:
        return [{"_back": "it"}]
    spec: StepSpec = {}
    possessive = _POSSESSIVE.match(text)
    if possessive:
        spec["_back"] = "its"
        text = text[possessive.end() :]
    text = _DETERMINER.sub("", text)
    text = _ADJECTIVES.sub("", text)
    ordinal = _ORDINAL.match(text)
    if ordinal and text[ordinal.end() :]:
        spec["nth"] = ORDINALS[ordinal.group("o").lower()]
        text = _DETERMINER.sub("", text[ordinal.end() :])
    text = _PARTICIPLES.sub("", text)
    # exact references: one element per token ("the seats with data-testid "a" and "b"")
    tokens = _ref_groups(text, refs)
    if tokens:
        rest = REF_TOKEN.sub(" ", text)
        rest = re.sub(r"(?:^|\s)(?:and|or)(?=\s|$)|,", " ", rest, flags=re.IGNORECASE)
        rest = re.sub(r"\s+", " ", rest).strip()
        rest = re.sub(r"\s+(?:displayed|shown|rendered|written)\b.*$", "", rest, flags=re.IGNORECASE)
        base = _element_words(rest, values) if rest else [{}]
        if base is None or len(base) != 1:
            return None
        found = []
        for by, value in tokens:
            item = {**spec, **base[0], "target_ref": {"by": by, "value": value}}
            item.pop("described", None)  # an exact reference: nothing to retrieve
            if item.get("role") not in _REF_ROLES or not re.search(_REF_ROLE_NOUNS, rest, re.IGNORECASE):
                # "the option with data-testid "o2"" may be a radio, "the text box" a <div>: the reference decides
                item.pop("role", None)
            if by in ("testid", "id"):
                item.pop("nth", None)  # unique by definition
            found.append(item)
        return found
    return _element_words(text, values, spec)


# Roles a noun next to an exact reference may keep: the interactive ones people name reliably.
_REF_ROLES = ("button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "slider", "tab", "img")
# The nouns that name those roles unambiguously ("text box" and "box" may be any box of text).
_REF_ROLE_NOUNS = (
    r"\b(?:button|link|check ?box|checkbox(?:es)?|radio(?: button)?|dropdown|drop-down|select|slider|tab|image|"
    r"input(?: field)?|text field|field|textarea|search (?:field|box))s?\s*$"
)
_REF_PRIORITY = ("testid", "id", "name", "css", "class", "text")


def _ref_groups(text: str, refs: tuple[Ref, ...]) -> list[Ref]:
    """One reference per element: tokens joined by "and" / "or" / "," are several elements; tokens
    side by side ("the <h2> element with data-testid "q"") name one, the most exact of them."""
    groups: list[list[Ref]] = []
    previous_end = -1
    for match in REF_TOKEN.finditer(text):
        between = text[previous_end : match.start()] if previous_end >= 0 else None
        ref = refs[int(match.group(1))]
        if between is not None and not re.search(r",|\b(?:and|or)\b", between):
            groups[-1].append(ref)
        else:
            groups.append([ref])
        previous_end = match.end()
    return [min(group, key=lambda ref: _REF_PRIORITY.index(ref[0])) for group in groups]


def _element_words(text: str, values: tuple[str, ...], spec: StepSpec | None = None) -> list[StepSpec] | None:
    spec = dict(spec or {})
    text = text.strip()
    if not text:
        return [spec] if spec.get("_back") else None
    label = _LABEL.match(text)
    if label and not PLACEHOLDER.search(label.group("body")) and not label.group("rest").strip():
        body = _DETERMINER.sub("", label.group("body").strip())
        rest, role, found = _role_of(body)
        if body and not found and not _is_description(body):
            return None
        named: list[StepSpec] = []
        for index in PLACEHOLDER.findall(label.group("list")):
            target: StepSpec = {**spec, "target": values[int(index)]}
            if role:
                target["role"] = role
            named.append(target)
        return named
    content = _CONTENT.match(text)
    if content and not PLACEHOLDER.search(content.group("body")) and not content.group("rest").strip():
        body = _DETERMINER.sub("", content.group("body").strip())
        if body and not _is_description(body):
            return None
        rest, role, _found = _role_of(body)
        described = {**spec}
        if body:
            described["target"] = body
        if role and role not in ("textbox", "searchbox"):
            described["role"] = role
        indices = PLACEHOLDER.findall(content.group("list"))
        return [{**described, "target_ref": {"by": "text", "value": values[int(index)]}} for index in indices]
    quoted = PLACEHOLDER.findall(text)
    scoped = _SCOPE_NOUN.match(text)
    if scoped and "«" not in scoped.group("scope"):
        noun = scoped.group("scope").lower()
        inner = _element_words(scoped.group("body"), values, spec)
        if inner is None:
            return None
        role = SCOPE_NOUNS.get(noun)
        return [{**item, **({"scope_role": role} if role else {"scope": scoped.group("scope")})} for item in inner]
    if not quoted:
        if not _is_description(text):
            return None
        rest, role, found = _role_of(text)
        described = {**spec, "target": rest if rest and role else text, "described": True}
        if role:
            described["role"] = role
        return [described]
    if len(quoted) == 1:
        before, _, after = text.partition(f"«{quoted[0]}»")
        scoped = _SCOPE_QUOTED.match(text)
        if (
            scoped
            and before.strip()
            and PLACEHOLDER.search(text[: scoped.start(1) + len(scoped.group("body"))]) is None
        ):
            inner = _element_words(scoped.group("body"), values, spec)
            if inner is None:
                return None
            return [{**item, "scope": values[int(quoted[0])]} for item in inner]
        before_words = _DETERMINER.sub("", before.strip())
        after_words = after.strip()
        for words in (before_words, after_words):
            if words and not _is_description(words):
                return None
        target = {**spec, "target": values[int(quoted[0])]}
        role = _quoted_role(before_words, after_words)
        if role:
            target["role"] = role
        return [target]
    # several quoted names with a plural noun: "the "Monday" and "Wednesday" checkboxes"
    listed = re.fullmatch(rf"(?P<before>[a-z ]*?)\s*{_QLIST}\s*(?P<after>[a-z ]*)", text, re.IGNORECASE)
    if listed is None:
        return None
    before_words = _DETERMINER.sub("", listed.group("before").strip())
    after_words = listed.group("after").strip()
    for words in (before_words, after_words):
        if words and not _is_description(words):
            return None
    role = _quoted_role(before_words, after_words)
    items = []
    for index in quoted:
        item = {**spec, "target": values[int(index)]}
        if role:
            item["role"] = role
        items.append(item)
    return items


def to_count(raw: str) -> int | None:
    text = raw.strip().lower()
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)
