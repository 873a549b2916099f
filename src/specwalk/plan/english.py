"""The English controlled language: normalisation and rules (see docs/step-language.md)."""

from __future__ import annotations

import re

from specwalk.plan.grammar import (
    KEYS,
    NUMBER_WORDS,
    ROLE_NOUNS,
    SCOPE_NOUNS,
    Rule,
    StepSpec,
    alternation,
    finish,
    rule,
)
from specwalk.plan.quotes import PLACEHOLDER

_EN_ROLES = {noun: role for noun, role in ROLE_NOUNS.items() if noun.isascii()}
_EN_SCOPES = {noun: role for noun, role in SCOPE_NOUNS.items() if noun.isascii()}
ROLE = alternation(list(_EN_ROLES))
SCOPE = alternation(list(_EN_SCOPES))
KEY = alternation([key for key in KEYS if key.isascii()])
NUM = r"\d+|" + alternation([word for word in NUMBER_WORDS if word.isascii() and word not in ("a", "an")])
T = rf"(?:(?:the|a|an) )?(?:(?P<r>{ROLE}) )?«(?P<t>\d+)»(?: (?P<r2>{ROLE}))?"
V = r"«(?P<v>\d+)»"
VS = r"(?P<vs>«\d+»(?:(?:,| and|, and| or|, or|,and|及|和|、) ?«\d+»)*)"
PAGE = r"(?: (?:page|screen|route|view|url|address))?"
HAVE = r"(?:have |has |had )?"

_SUBJECT = re.compile(
    r"^(?:i|we|you|they|he|she|the user|a user|users?|the shopper|a shopper|shoppers?|the customer|the visitor)\b ?"
)
_LEAD = re.compile(r"^(?:and|but|then|when|whenever|if|once|given|so|also|now|next|finally|after that|afterwards),? ")
_NEGATIONS = re.compile(
    r"\b(?:should not|shouldn't|must not|mustn't|will not|won't|cannot|can't|can not|does not|doesn't|"
    r"do not|don't|did not|didn't|is no longer|are no longer|no longer)\b"
)
_MODALS = re.compile(
    r"\b(?:should|must|shall|will|can|could|would|is able to|are able to|am able to|is expected to)\b "
)
# "should have the value", "must have 3 items": the modal goes, "have" agrees with the rules' "has"
_MODAL_HAVE = re.compile(r"\b(?:should|must|shall|will|would|can|could)( not)? have\b")
_FILLERS = re.compile(r"\b(?:still|again|also|now|just|immediately|automatically|right away|successfully)\b ?")


def normalize(skeleton: str) -> str:
    text = skeleton.replace("’", "'").lower()
    text = re.sub(r"\s+", " ", text).strip(" .!;:,")
    text = _MODAL_HAVE.sub(lambda match: "has" if not match.group(1) else "not has", text)
    text = _NEGATIONS.sub("not", text)
    text = _MODALS.sub("", text)
    text = _FILLERS.sub("", text)
    text = re.sub(r"\bbe\b", "is", text)
    text = re.sub(r"\bnot is\b", "is not", text)  # "should not be checked" → "is not checked"
    text = re.sub(r"\b(?:back|then) (on|to|at|in)\b", r"\1", text)
    text = re.sub(r" then\b", "", text)
    for _ in range(3):
        text = _LEAD.sub("", text)
        text = _SUBJECT.sub("", text)

    return re.sub(r"\s+", " ", text).strip(" .!;:,")


def _build_state(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    state = match.group("st")
    negative = state in ("disabled", "greyed out", "grayed out", "inactive", "unchecked", "unselected", "off")
    if negative:
        spec["negated"] = not spec.get("negated", False)
    return [finish(spec)]


def _build_many_texts(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    texts = [values[int(index)] for index in PLACEHOLDER.findall(match.group("vs"))]
    spec.pop("values", None)
    return [finish({**spec, "value": text}) for text in texts] if texts else None


_PLURAL_ROLES = {
    f"{noun}es" if noun.endswith("x") else f"{noun}s": role
    for noun, role in _EN_ROLES.items()
    if role is not None and " " not in noun
}
_PLURAL_ROLES.update({"check boxes": "checkbox", "radio buttons": "radio", "text fields": "textbox"})
PLURAL_ROLE = alternation(list(_PLURAL_ROLES))


def _build_many_elements(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "I should see the "All", "Active" and "Completed" buttons": one element per quote."""
    texts = [values[int(index)] for index in PLACEHOLDER.findall(match.group("vs"))]
    spec.pop("values", None)
    role = _PLURAL_ROLES[match.group("rs")]
    return [finish({**spec, "target": text, "role": role}) for text in texts] if len(texts) > 1 else None


def _build_count(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "the "Cart items" list has 1 item": a list that has items is a list, not a dropdown."""
    if "list" in (match.group("r"), match.group("r2")):
        spec["role"] = "list"
    return [finish(spec)]


def _build_seconds(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    amount = float(match.group("vn"))
    if match.group("u").startswith("m"):
        amount /= 1000
    spec["value"] = f"{amount:g}"
    return [spec]


def _build_history(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    spec["action"] = "go_back" if match.group("d") == "back" else "go_forward"
    return [spec]


def _build_open_then_url(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    first = finish({"kind": "action", "action": "open", "target": values[int(match.group("a"))]})
    second = finish({"kind": "expectation", "expectation": "page", "target": values[int(match.group("b"))]})
    return [first, second]


def _build_element_text(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    verb = match.group("verb")
    more = [values[int(index)] for index in PLACEHOLDER.findall(match.group("more") or "")]
    target = spec.get("target")
    if target in ("page", "screen", "app") and spec.get("role") is None:
        # "the page shows "X"": plain visible text, not an element's text
        del spec["target"]
        spec["expectation"] = "text_visible"
    else:
        spec["expectation"] = "text_equals" if verb in ("is", "equals", "becomes") else "text_contains"
    if more:
        spec["expectation"] = "text_contains" if spec["expectation"] != "text_visible" else "text_visible"
        spec["values"] = (spec["value"], *more)
    return [finish(spec)]


def _build_select(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "select "X"" alone: a checkbox is checked; otherwise X is the option (a radio, a list item)."""
    if spec.get("role") == "checkbox":
        return [{**spec, "action": "check"}]
    spec["value"] = spec.pop("target")
    return [finish(spec)]


def _build_set(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if spec.get("role") in ("combobox", "radio"):
        spec["action"] = "select"
    return [finish(spec)]


GIVEN_WHEN = ("given", "when", "none")
THEN = ("then", "none")

RULES: tuple[Rule, ...] = (
    # composite: "opening the "/tasks" page takes me back to the "/login" page"
    rule(
        rf"^(?:open|opening|visit|visiting|go to|going to|navigating to) (?:the )?(?:page )?«(?P<a>\d+)»{PAGE} "
        r"(?:takes|sends|redirects|brings|leads) (?:me|you|the user|them|us) to (?:the )?(?:page )?«(?P<b>\d+)»"
        rf"{PAGE}$",
        "action",
        "open",
        "opening the «0» page takes me to the «1» page",
        build=_build_open_then_url,
    ),
    # --- navigation
    rule(
        rf"^(?:am|are|is|start|starts|begin|land|lands) (?:on|at) (?:the )?(?:page )?«(?P<t>\d+)»{PAGE}$",
        "action",
        "open",
        "I am on the «0» page",
        contexts=("given",),
    ),
    rule(
        rf"^{HAVE}(?:open(?:s|ed|ing)?|visit(?:s|ed|ing)?|load(?:s|ed|ing)?|(?:go(?:es|ing)?|navigat(?:e|es|ed|ing)|"
        rf"brows(?:e|es|ing)) to) (?:the )?(?:(?:page|screen|route|url|address) )?«(?P<t>\d+)»{PAGE}(?: directly)?$",
        "action",
        "open",
        "I open the «0» page",
    ),
    rule(
        r"^(?:open(?:s|ing)?|visit(?:s|ing)?|(?:go(?:es|ing)?|navigat(?:e|es|ing)) to) (?:the )?"
        r"(?P<tn>[a-z][a-z -]{0,30}?) "
        r"(?:page|screen)$",
        "action",
        "open",
        "I open the «0» page",
    ),
    rule(
        r"^(?:go(?:es)?|navigate(?:s)?|step(?:s)?) (?P<d>back|forward)(?: in (?:the )?(?:browser|history))?$",
        "action",
        "go_back",
        "I go back",
        build=_build_history,
    ),
    rule(
        r"^(?:press(?:es)?|click(?:s)?|use(?:s)?|hit(?:s)?) (?:the )?(?:browser'?s? )?(?P<d>back|forward) button$",
        "action",
        "go_back",
        "I go back",
        build=_build_history,
    ),
    rule(
        rf"^{HAVE}(?:reload(?:s|ed|ing)?|refresh(?:es|ed|ing)?)(?: the)?(?: (?:page|browser|app|tab))?$",
        "action",
        "reload",
        "I reload the page",
    ),
    rule(
        r"^(?:after|on) (?:a )?(?:page )?(?:reload|refresh)(?:ing)?(?: the page)?$",
        "action",
        "reload",
        "I reload the page",
    ),
    # --- text entry
    rule(
        rf"^{HAVE}(?:fill(?:s|ed|ing)? in|fill(?:s|ed|ing)?|complet(?:e|es|ed)) {T} with {V}$",
        "action",
        "fill",
        "I fill in «0» with «1»",
    ),
    rule(
        rf"^{HAVE}(?:enter(?:s|ed|ing)?|typ(?:e|es|ed|ing)|input(?:s|ted)?|writ(?:e|es|ing)|wrote|put(?:s)?|"
        rf"fill(?:s|ed)? in) (?:the text )?{V} (?:in|into|in to|on|to) {T}$",
        "action",
        "fill",
        "I type «0» into the «1» field",
    ),
    rule(
        rf"^{HAVE}(?:set(?:s)?|chang(?:e|es|ed|ing)|updat(?:e|es|ed|ing)) {T} to {V}$",
        "action",
        "fill",
        "I change the «0» field to «1»",
        build=_build_set,
    ),
    rule(rf"^{HAVE}(?:typ(?:e|es|ed|ing)|enter(?:s|ed|ing)?) {V}$", "action", "type", "I type «0»"),
    rule(rf"^{HAVE}(?:clear(?:s|ed|ing)?|empt(?:y|ies|ied)) {T}$", "action", "clear", "I clear the «0» field"),
    # --- keys (before click: "press Enter" is a key, "press "Delete"" is a button)
    rule(
        rf"^{HAVE}(?:press(?:es|ed|ing)?|hit(?:s|ting)?|push(?:es|ed)?|typ(?:e|es)) (?:the )?"
        rf"(?P<k>{KEY}|(?:ctrl|control|shift|alt|meta|cmd)\+[a-z0-9]+)(?: key)?(?: (?:in|on|into) {T})?$",
        "action",
        "press",
        "I press Enter",
    ),
    rule(
        rf"^{HAVE}(?:press(?:es|ed|ing)?|hit(?:s|ting)?) (?:the )?«(?P<kq>\d+)» key(?: (?:in|on|into) {T})?$",
        "action",
        "press",
        "I press the «0» key",
    ),
    # --- choices
    rule(
        rf"^{HAVE}(?:select(?:s|ed|ing)?|choos(?:e|es|ing)|chose|pick(?:s|ed|ing)?) (?:the option )?{V}(?: option)? "
        rf"(?:from|in|on|for|as) {T}$",
        "action",
        "select",
        "I select «0» from the «1» list",
    ),
    rule(
        rf"^{HAVE}(?:select(?:s|ed|ing)?|choos(?:e|es|ing)|chose|pick(?:s|ed|ing)?) {V} as (?:the )?"
        r"(?P<tn>[a-z][a-z ]{0,30})$",
        "action",
        "select",
        "I select «0» as the «1»",
    ),
    rule(
        rf"^{HAVE}(?:select(?:s|ed|ing)?|choos(?:e|es|ing)|chose|pick(?:s|ed|ing)?) {T}$",
        "action",
        "select",
        "I select «0»",
        build=_build_select,
    ),
    rule(rf"^{HAVE}(?:check(?:s|ed|ing)?|tick(?:s|ed|ing)?|turn(?:s|ed)? on) {T}$", "action", "check", "I check «0»"),
    rule(
        rf"^{HAVE}(?:uncheck(?:s|ed|ing)?|untick(?:s|ed|ing)?|turn(?:s|ed)? off) {T}$",
        "action",
        "uncheck",
        "I uncheck «0»",
    ),
    # --- pointer
    rule(rf"^{HAVE}double[- ]?click(?:s|ed|ing)?(?: on)? {T}$", "action", "double_click", "I double-click «0»"),
    rule(
        rf"^{HAVE}(?:hover(?:s|ed|ing)?(?: over| on)?|mouse(?:s)? over|mov(?:e|es|ed) the (?:mouse|pointer|cursor) "
        rf"(?:over|to|onto)) {T}$",
        "action",
        "hover",
        "I hover over «0»",
    ),
    rule(
        rf"^{HAVE}(?:upload(?:s|ed|ing)?|attach(?:es|ed|ing)?) (?:the file )?{V}"
        rf"(?: (?:to|into|in|as|with|using) {T})?$",
        "action",
        "upload",
        "I upload «0» to the «1» field",
    ),
    rule(
        r"^wait(?:s)?(?: for)? (?P<vn>\d+(?:\.\d+)?) ?(?P<u>seconds?|secs?|s|milliseconds?|ms)$",
        "action",
        "wait",
        "I wait 2 seconds",
        build=_build_seconds,
    ),
    rule(
        rf"^wait(?:s)? (?:for|until) {T}(?: to (?:appear|be (?:shown|visible|displayed)))?$",
        "action",
        "wait",
        "I wait for «0»",
    ),
    rule(
        rf"^{HAVE}(?:click(?:s|ed|ing)?|tap(?:s|ped|ping)?|press(?:es|ed|ing)?|hit(?:s|ting)?|push(?:es|ed|ing)?|"
        rf"activat(?:e|es|ed|ing)|follow(?:s|ed|ing)?)(?: on)? {T}(?: (?P<n>\d+|two|three|four|five) times)?$",
        "action",
        "click",
        "I click «0»",
    ),
    # --- where am I
    rule(
        rf"^(?:am|are|is|be|stay(?:s)?|remain(?:s)?|end(?:s)? up|get(?:s)?|land(?:s)?) (?:on|at) (?:the )?(?:page )?"
        rf"«(?P<t>\d+)»{PAGE}$",
        "expectation",
        "page",
        "I should be on the «0» page",
        contexts=THEN,
    ),
    rule(
        rf"^(?:am |is |are |be |get |gets )?(?:taken|redirected|sent|navigated|brought|returned|moved) to (?:the )?"
        rf"(?:page )?«(?P<t>\d+)»{PAGE}$",
        "expectation",
        "page",
        "I am taken to the «0» page",
    ),
    rule(
        r"^(?:am |is |are |be |get |gets )?(?:taken|redirected|sent|navigated|brought|returned|moved) to (?:the )?"
        r"(?P<tn>(?!.*\b(?:with|without|and|or|but)\b)[a-z]+(?: [a-z]+){0,2}?)(?: page| screen)?$",
        "expectation",
        "page",
        "I am taken to the «0» page",
        contexts=THEN,
    ),
    rule(
        rf"^(?:return(?:s)?|go(?:es)?|get(?:s)?|come(?:s)?) to (?:the )?(?:page )?«(?P<t>\d+)»{PAGE}$",
        "expectation",
        "page",
        "I should be on the «0» page",
        contexts=THEN,
    ),
    rule(
        r"^(?:the )?(?:url|address|route|location|path)(?: of the page)? (?:is|equals|becomes|changes to|ends with) "
        rf"{V}$",
        "expectation",
        "url",
        "the URL should be «0»",
    ),
    rule(
        rf"^(?:the )?(?:page|document|browser|window|tab) title (?:is|equals|reads|becomes) {V}$",
        "expectation",
        "title",
        "the page title should be «0»",
    ),
    # --- element states
    rule(
        r"^(?:the )?(?P<r>dialog|modal|popup|confirmation dialog|menu)(?: «(?P<t>\d+)»)? (?:is |gets )?"
        r"(?:closed|dismissed|gone|hidden|closes|disappears)$",
        "expectation",
        "element_visible",
        "the dialog is closed",
        negated=True,
    ),
    rule(
        r"^(?:the )?«(?P<t>\d+)» (?P<r>dialog|modal|popup) (?:is |gets )?(?:closed|dismissed|gone|hidden|closes)$",
        "expectation",
        "element_visible",
        "the «0» dialog is closed",
        negated=True,
    ),
    rule(
        rf"^(?:a |the )?(?P<r>dialog|confirmation dialog|modal|popup) {V} (?:appears|opens|is shown|pops up)$",
        "expectation",
        "element_visible",
        "I should see a dialog «0»",
    ),
    rule(
        rf"^{T} (?:is |are |becomes |stays )?(?P<neg>not )?"
        r"(?P<st>enabled|disabled|clickable|usable|greyed out|grayed out|"
        r"inactive)$",
        "expectation",
        "enabled",
        "the «0» button should be disabled",
        build=_build_state,
    ),
    rule(
        rf"^{T} (?:is |are |becomes |stays )?(?P<neg>not )?(?P<st>checked|unchecked|selected|unselected|ticked|pressed|"
        r"marked as pressed)$",
        "expectation",
        "checked",
        "«0» should be checked",
        build=_build_state,
    ),
    rule(
        rf"^{T} (?:is |has |gets |receives )?(?P<neg>not )?(?:focused|in focus|the focus|focus)$",
        "expectation",
        "focused",
        "the «0» field should be focused",
    ),
    rule(
        rf"^(?:the )?(?:focus|cursor|keyboard focus) (?:is |moves |goes )?(?:in|on|to|into) {T}$",
        "expectation",
        "focused",
        "the «0» field should be focused",
    ),
    rule(
        rf"^{T} (?:is |becomes |stays )?(?P<neg>not )?(?:empty|blank|cleared)$",
        "expectation",
        "empty",
        "the «0» field should be empty",
    ),
    rule(
        rf"^{T} (?:has|shows|contains|holds) (?:the )?value {V}$",
        "expectation",
        "value_equals",
        "the «0» field should have the value «1»",
    ),
    rule(
        rf"^{T} (?:is |gets )?(?:pre-?filled|filled|populated) with {V}$",
        "expectation",
        "value_equals",
        "the «0» field should have the value «1»",
    ),
    rule(
        rf"^{T} (?:starts at|starts with|defaults to|has the default value) (?:{V}|(?P<vn>\d+))$",
        "expectation",
        "value_equals",
        "the «0» field should have the value «1»",
    ),
    # --- lists and counts
    rule(
        rf"^only (?:the )?(?:[a-z]+ )?{VS} (?:is|are) (?:listed|shown|displayed|visible|left)$",
        "expectation",
        "only_listed",
        "only «0» and «1» are listed",
    ),
    rule(
        rf"^(?:the )?(?P<sn>[a-z ]*list) (?:shows|contains) only {VS}$",
        "expectation",
        "only_listed",
        "only «0» and «1» are listed",
    ),
    rule(
        rf"^(?:see )?(?:all )?(?P<n>{NUM}) (?P<tn>[a-z][a-z ]*?) (?:are |is )?(?:listed|shown|displayed|visible)$",
        "expectation",
        "count",
        "3 notes are listed",
    ),
    rule(
        rf"^{T} (?:has|contains|shows|lists) (?P<n>{NUM}) (?:items?|entry|entries|rows?|elements?|options?|results?)$",
        "expectation",
        "count",
        "the «0» list has 3 items",
        build=_build_count,
    ),
    rule(
        rf"^(?P<neg>not )?sees? {V} (?:at|on) the (?P<pos>end|bottom|top|start|beginning) of (?:the )?"
        r"(?P<sn>[a-z ]+)$",
        "expectation",
        "text_visible",
        "I should see «0» at the end of the list",
    ),
    rule(
        r"^(?:the )?(?:text |message )?«(?P<v>\d+)» (?:is |are )?(?P<neg>not )?(?:listed|in the list|on the list)$",
        "expectation",
        "text_visible",
        "«0» is listed",
        scope_role="list",
    ),
    rule(
        r"^(?:the )?(?:text |message )?«(?P<v>\d+)» (?:is |are )?(?P<neg>not )?(?:in|on) the "
        rf"(?P<sn>[a-z ]*(?:{SCOPE}))$",
        "expectation",
        "text_visible",
        "«0» is not in the list",
    ),
    # --- visible text and elements
    rule(
        rf"^(?P<neg>not )?sees? (?:the )?{VS} (?P<rs>{PLURAL_ROLE})$",
        "expectation",
        "element_visible",
        "I should see the «0» and «1» buttons",
        build=_build_many_elements,
    ),
    rule(rf"^(?P<neg>not )?sees? {VS}$", "expectation", "text_visible", "I should see «0»", build=_build_many_texts),
    rule(rf"^(?P<neg>not )?sees? {T}$", "expectation", "text_visible", "I should see «0»"),
    rule(
        r"^(?P<neg>not )?(?:sees?|find|finds) (?:a|an|the) (?P<tn>[a-z][a-z ]{1,40})$",
        "expectation",
        "element_visible",
        "I should see the «0» button",
        contexts=THEN,
    ),
    rule(
        rf"^{T} (?:is |are )?(?P<neg>not )?(?:shown|displayed|visible|present|appears?|pops? up|shows? up|opens)$",
        "expectation",
        "text_visible",
        "«0» is shown",
    ),
    rule(
        rf"^{T} (?:is |are )?(?:hidden|gone|disappears?|vanishes|removed|deleted)$",
        "expectation",
        "text_visible",
        "«0» is not shown",
        negated=True,
    ),
    rule(rf"^{T} (?:is |are |was |were )?not (?:removed|deleted)$", "expectation", "text_visible", "«0» is shown"),
    rule(
        rf"^(?:the )?(?P<tn>[a-z][a-z ]{{0,30}}?) (?:is |are )?(?P<neg>not )?(?:shown|displayed|visible|present)"
        rf"(?: in the (?P<sn>{SCOPE}))?$",
        "expectation",
        "element_visible",
        "the «0» is shown",
        contexts=THEN,
    ),
    rule(
        rf"^(?:the )?(?:message |text )?(?P<neg>not )?(?:shows?|displays?) {V}$",
        "expectation",
        "text_visible",
        "«0» is shown",
    ),
    rule(
        rf"^{T} (?P<verb>is|equals|reads|says|becomes|shows|displays|contains|includes) {V}"
        r"(?P<more>(?: (?:with|and) (?:the |a |an )?[a-z ]*«\d+»)*)$",
        "expectation",
        "text_equals",
        "the «0» should be «1»",
        build=_build_element_text,
    ),
    rule(
        rf"^(?:the )?(?P<tn>[a-z][a-z ]{{0,30}}?) (?P<verb>reads|says|shows|displays|contains|includes) {V}"
        r"(?P<more>(?: (?:with|and) (?:the |a |an )?[a-z ]*«\d+»)*)$",
        "expectation",
        "text_contains",
        "the «0» should contain «1»",
        build=_build_element_text,
    ),
)

# Scope suffixes tried when a whole sentence does not match: "... next to "Buy milk"".
SCOPE_SUFFIXES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?P<body>.+?) (?:next to|beside|for|of|in the row of|in the row for) (?:the )?(?:[a-z]+ )?«(?P<s>\d+)»"
        r"(?: (?:row|item|task|note|line|entry|card))?$"
    ),
    re.compile(rf"^(?P<body>.+?) (?:in|inside|within|on|from) (?:the )?«(?P<s>\d+)» (?P<sr>{SCOPE})$"),
    re.compile(rf"^(?P<body>.+?) (?:in|inside|within|on|from) (?:the )?(?P<sn>(?:[a-z]+ )?(?:{SCOPE}))$"),
)

STATE_SHAPE = re.compile(
    r"^(?:am |are |is |was |have |has |had |there (?:is|are|were) |these |those |the following |no |not |"
    r"(?:[a-z]+ ){0,4}(?:exists?|is|are|was|were|has|have) )"
)
