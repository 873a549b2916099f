"""The English step language, checks: where the user is, what an element shows, states, classes,
attributes, counts and visible text (see docs/step-language.md and `english.py`)."""

from __future__ import annotations

import re

from specwalk.plan.english_words import (
    CHECKABLE,
    CONTAINS,
    COPULA,
    EQUALS,
    NUM,
    PAGE,
    PLURAL_ROLE,
    PLURAL_ROLES,
    SCOPE,
    SEE,
    SHOW,
    STATE_WORD,
    STATE_WORDS,
    THEN,
    TRANSIENT_STATES,
    VAL,
    VALUE_WORDS,
    VS,
    E,
    T,
    V,
    equal_verb,
)
from specwalk.plan.grammar import SCOPE_NOUNS, Rule, StepSpec, finish, rule
from specwalk.plan.quotes import PLACEHOLDER


def _build_state(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    state = match.group("st").lower()
    if state in TRANSIENT_STATES or state.startswith("not "):
        spec["negated"] = not spec.get("negated", False)
    return [finish(spec)]


def _build_checked(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "checked" / "selected": a checkbox, radio or option is checked; any other element (a seat, a
    card) shows the state through its class: a `state` check ("marked as selected")."""
    state = match.group("st").lower()
    negative = state in TRANSIENT_STATES
    quoted_name = spec.get("target") and not spec.get("described") and not spec.get("target_ref")
    if spec.get("role") in CHECKABLE or quoted_name or state in ("checked", "unchecked", "ticked", "pressed"):
        if negative:
            spec["negated"] = not spec.get("negated", False)
        return [finish(spec)]
    spec["expectation"] = "state"
    spec["value"] = {"deselected": "selected", "unselected": "selected"}.get(state, state)
    if state in ("deselected", "unselected"):
        spec["negated"] = not spec.get("negated", False)
    return [spec]


def _build_state_word(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    word = match.group("sw").lower().strip()
    if word.startswith(("in", "un")) and word[2:] in STATE_WORDS:  # "incomplete", "unselected"
        spec["negated"] = not spec.get("negated", False)
        word = word[2:]
    if spec.get("role") in CHECKABLE and word in ("selected", "checked"):
        spec["expectation"] = "checked"
        return [finish(spec)]
    spec["value"] = word
    return [spec]


def _build_many_texts(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    texts = [values[int(index)] for index in PLACEHOLDER.findall(match.group("vs"))]
    spec.pop("values", None)
    return [finish({**spec, "value": text}) for text in texts] if texts else None


def _build_many_elements(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "I should see the "All", "Active" and "Completed" buttons": one element per quote."""
    texts = [values[int(index)] for index in PLACEHOLDER.findall(match.group("vs"))]
    spec.pop("values", None)
    role = PLURAL_ROLES[match.group("rs").lower()]
    return [finish({**spec, "target": text, "role": role}) for text in texts] if len(texts) > 1 else None


def _build_count(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "the "Cart items" list has 1 item": a list that has items is a list, not a dropdown."""
    if spec.get("role") == "combobox" and re.search(r"\blist\b", match.group(0), re.IGNORECASE):
        spec["role"] = "list"
    return [finish(spec)]


# Regions a page has one of ("the header", "the footer"): what they show is text in them.
_LANDMARKS = frozenset({"banner", "contentinfo", "navigation", "complementary"})


def _build_element_text(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    verb_ = re.sub(r"\s+", " ", match.group("verb").lower())
    more = [values[int(index)] for index in PLACEHOLDER.findall(match.groupdict().get("more") or "")]
    target = (spec.get("target") or "").lower()
    page_words = ("page", "screen", "app", "application", "website", "site", "webpage")
    if (target in page_words or target.endswith(tuple(" " + word for word in page_words))) and not spec.get("role"):
        # "the page shows "X"": plain visible text, not an element's text
        spec.pop("target", None)
        spec.pop("described", None)
        spec["expectation"] = "text_visible"
    elif SCOPE_NOUNS.get(target) in _LANDMARKS and spec.get("described") and not spec.get("role"):
        # "the header shows "alice" and "New article"": texts shown in that region (a page has one),
        # not its whole text
        spec.pop("target", None)
        spec.pop("described", None)
        spec["scope_role"] = SCOPE_NOUNS[target]
        spec["expectation"] = "text_visible"
    elif (
        spec.get("role") == "heading"
        and spec.get("described")
        and match.groupdict().get("v") is not None
        and (equal_verb(verb_) and not more)
    ):
        # "the article's heading is "X"": a heading reading X, as "I see the heading "X"" (a page's
        # heading often shows data, so it has no name of its own in the source to describe it by)
        spec.pop("described", None)
        spec["target"] = spec.pop("value")
        spec["expectation"] = "element_visible"
    elif spec.get("_value_words"):
        spec["expectation"] = "value_equals" if equal_verb(verb_) else "value_contains"
    else:
        # An unquoted value ("should be NaN", "the total is 42") is not the element's whole text as
        # written: the element holds it ("Your BMI is NaN"). A quoted one is the text.
        quoted = match.groupdict().get("v") is not None
        spec["expectation"] = "text_equals" if equal_verb(verb_) and quoted else "text_contains"
    spec.pop("_value_words", None)
    if more:
        spec["expectation"] = "text_contains" if spec["expectation"] != "text_visible" else "text_visible"
        spec["values"] = (spec["value"], *more)
    return [finish(spec)]


def _build_value_words(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    spec["_value_words"] = True
    return _build_element_text(match, values, spec)


def _build_class(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if match.groupdict().get("rm"):  # "should have the "hide" class removed"
        spec["negated"] = not spec.get("negated", False)
    return [spec]


def _build_attribute(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    spec["key"] = match.group("key").lower().replace(" ", "-")
    return [spec]


def _build_url(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    how = (match.groupdict().get("how") or "").lower()
    if "hash" in match.group(0).lower() and not (spec.get("value") or "").startswith("#"):
        spec["value"] = "#" + (spec.get("value") or "")
        how = how or "ends with"
    for words, kind in (
        ("contain", "contains"),
        ("include", "contains"),
        ("end", "ends_with"),
        ("start", "starts_with"),
        ("begin", "starts_with"),
    ):
        if words in how:
            spec["match"] = kind
            break
    if "hash" in match.group(0).lower() and "match" not in spec:
        spec["match"] = "ends_with"
    return [spec]


def _build_title(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if re.search(r"contain|include", match.group("how"), re.IGNORECASE):
        spec["match"] = "contains"
    return [spec]


CHECKS: tuple[Rule, ...] = (
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
        r"^(?:am|are|is|stays?|remains?|lands?|ends? up|gets?) (?:on|at) (?:the )?(?P<tn>(?!.*\b(?:with|and|or|but)\b)"
        r"[a-z-]+(?: [a-z-]+){0,2}?) (?:page|screen|view)$",
        "expectation",
        "page",
        "I am on the sign-in page",
        contexts=THEN,
    ),
    rule(
        r"^(?:am |is |are |be |get |gets )?(?:taken|redirected|sent|navigated|brought|returned|moved) to (?:the )?"
        r"(?P<tn>(?!.*\b(?:with|without|and|or|but)\b)[a-z]+(?: [a-z]+){0,2}?)(?: page| screen)?$",
        "expectation",
        "page",
        "I am taken to the catalog page",
        contexts=THEN,
    ),
    rule(
        rf"^(?:return(?:s)?|go(?:es)?|get(?:s)?|come(?:s)?) to (?:the )?(?:page )?«(?P<t>\d+)»{PAGE}$",
        "expectation",
        "page",
        "I return to the «0» page",
        contexts=THEN,
    ),
    rule(
        r"^(?:the )?(?:(?:page|browser|current) )?(?:url|address|route|location|path|hash|url hash|location hash)"
        r"(?: of the page| in the address bar)? (?P<how>is|equals|becomes|changes to|is updated to|updates to|"
        rf"(?:not )?(?:contains?|includes?|ends? with|starts? with|begins? with)|has) {V}$",
        "expectation",
        "url",
        "the URL should be «0»",
        build=_build_url,
    ),
    rule(
        rf"^(?:the )?(?:(?:page|document|browser|window|tab) title|title of the (?:page|document|tab|window)) "
        rf"(?P<how>is|equals?|reads?|becomes?|contains?|includes?|shows?|displays?) {V}$",
        "expectation",
        "title",
        "the page title should be «0»",
        build=_build_title,
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
        "a dialog «0» appears",
    ),
    rule(
        rf"^{E} {COPULA}(?P<neg>not )?"
        r"(?P<st>enabled|disabled|clickable|usable|greyed out|grayed out|inactive)$",
        "expectation",
        "enabled",
        "the «0» button should be disabled",
        build=_build_state,
    ),
    rule(
        rf"^{E} {COPULA}(?P<neg>not )?(?:(?:marked|shown|displayed|set) as )?"
        r"(?P<st>checked|unchecked|selected|unselected|deselected|ticked|pressed)(?: in (?:the|its) (?:dropdown|"
        r"list))?$",
        "expectation",
        "checked",
        "«0» should be checked",
        build=_build_checked,
    ),
    rule(
        rf"^{E} {COPULA}(?:appears? )?(?P<neg>not )?(?:(?:marked|shown|displayed|"
        rf"flagged|highlighted|styled|rendered|listed|set) as )?(?:being )?(?P<sw>{STATE_WORD})$",
        "expectation",
        "state",
        "the «0» task is shown as completed",
        build=_build_state_word,
    ),
    rule(
        rf"^{E} (?:is |are )?(?:shown |displayed |listed )?(?:with|in) (?:a|an|the) (?P<sw>{STATE_WORD}) "
        rf"(?:status|state|style)$",
        "expectation",
        "state",
        "the «0» task is shown with a completed status",
        build=_build_state_word,
    ),
    rule(
        rf"^{E} (?:is |has |gets |receives )?(?P<neg>not )?(?:focused|in focus|the focus|focus)$",
        "expectation",
        "focused",
        "the «0» field should be focused",
    ),
    rule(
        rf"^(?:the )?(?:focus|cursor|keyboard focus) (?:is |moves |goes |stays |remains )?(?:in|on|to|into) {E}$",
        "expectation",
        "focused",
        "the focus is on the «0» field",
    ),
    rule(
        rf"^{E} {COPULA}(?P<neg>not )?(?:empty|blank|cleared|emptied|reset)$",
        "expectation",
        "empty",
        "the «0» field should be empty",
    ),
    rule(
        rf"^{E} (?P<neg>not )?(?:has|shows?|contains?|holds?|displays?|keeps?|retains?|is set to|is) (?:the |a |its )?"
        rf"(?:default |initial |current )?value(?: of)? {VAL}$",
        "expectation",
        "value_equals",
        "the «0» field should have the value «1»",
    ),
    rule(
        rf"^{E} (?:is |gets )?(?:pre-?filled|filled|populated) with {VAL}$",
        "expectation",
        "value_equals",
        "the «0» field is pre-filled with «1»",
    ),
    rule(
        rf"^{E} (?:starts at|starts with|defaults to|has the default value|is set to(?: its default(?: value)?(?: "
        r"of)?)?) "
        rf"{VAL}(?: \(.*\))?$",
        "expectation",
        "value_equals",
        "the «0» field starts at «1»",
    ),
    # --- classes and attributes
    rule(
        rf"^{E} (?P<neg>not )?(?:has|have|gets?|receives?|contains?|carries|carry|is given|keeps?) (?:the |a |an )?"
        rf"(?:css )?class(?: name)? {V}(?: (?:added|applied|set)| (?P<rm>removed|taken off|dropped))?$",
        "expectation",
        "has_class",
        "the «0» item should have the class «1»",
        build=_build_class,
    ),
    rule(
        rf"^{E} (?P<neg>not )?(?:has|have|gets?|receives?) (?:the |a |an )?{V} (?:css )?class(?: (?:added|applied|"
        r"set)| (?P<rm>removed|taken off|dropped))?$",
        "expectation",
        "has_class",
        "the «0» item should have the «1» class",
        build=_build_class,
    ),
    rule(
        rf"^(?=.*\bclass\b)(?:the )?(?:css )?(?:class )?{V} (?:css )?(?:class )?(?:is |gets )?(?P<how>added|applied|"
        r"set|removed|"
        rf"taken off|dropped|not applied|not added)(?: (?:to|on|from) {E})?$",
        "expectation",
        "has_class",
        "the «0» class is added to the «1» item",
        build=lambda match, values, spec: [
            {**spec, "negated": True}
            if match.group("how").lower() in ("removed", "taken off", "dropped", "not applied", "not added")
            else spec
        ],
    ),
    rule(
        rf"^{E} (?P<neg>not )?(?:has|have|keeps?|retains?|shows?|displays?) (?:the |a |an |its )?"
        r"(?P<key>placeholder|title|tooltip|alt text|alt|href|src|aria-label|aria label|type|name|role|target|"
        r"aria-[a-z-]+|data-[a-z-]+)"
        rf"(?: attribute| text)?(?: of| set to| equal to)? {V}$",
        "expectation",
        "attribute",
        "the «0» field should have the placeholder «1»",
        build=_build_attribute,
    ),
    rule(
        r"^(?:the )?(?P<key>placeholder|title|tooltip|alt text|href|aria-label|aria label|type)(?: attribute| "
        rf"text)? of {E} "
        rf"(?:is|reads|equals|says) {V}$",
        "expectation",
        "attribute",
        "the placeholder of the «0» field is «1»",
        build=_build_attribute,
    ),
    rule(
        rf"^(?:there (?:is|are) |has |have |shows? |contains? |lists? |displays? )(?:exactly |only )?(?P<n>{NUM}) "
        r"(?P<tn>[a-z][a-z ]*?)(?: (?:left|remaining|in the list|listed|shown|displayed))?$",
        "expectation",
        "count",
        "there are 2 items left",
        contexts=THEN,
    ),
    # a container that has something in it, whatever it is: "populated with available voices", "shows a joke"
    rule(
        rf"^{E} (?:is |gets |becomes )?(?:populated|filled|not empty|non-empty)(?: with .+)?$",
        "expectation",
        "empty",
        "the «0» list is populated",
        negated=True,
    ),
    rule(
        rf"^{E} (?:contains?|shows?|displays?|lists?) (?:a|an|some|one or more|at least one) "
        r"(?:[a-z-]+ ){0,2}[a-z]+$",
        "expectation",
        "empty",
        "the «0» area shows a joke",
        negated=True,
    ),
    # --- lists and counts
    rule(
        rf"^only (?:the )?(?:[a-z]+ )?{VS} (?:is|are) (?:listed|shown|displayed|visible|left)$",
        "expectation",
        "only_listed",
        "only «0» and «1» are listed",
    ),
    rule(
        rf"^(?:the )?(?P<sn>[a-z ]*list) (?:shows?|contains?) only {VS}$",
        "expectation",
        "only_listed",
        "the list shows only «0» and «1»",
    ),
    rule(
        rf"^(?:see |there (?:is|are) )?(?:all |exactly |only )?(?P<n>{NUM}) (?P<tn>[a-z][a-z ]*?) (?:are |is )?"
        rf"(?:listed|shown|displayed|visible|present|rendered|on the list|in the list)?$",
        "expectation",
        "count",
        "3 notes are listed",
    ),
    rule(
        rf"^{E} (?:has|contains?|shows?|lists?|displays?|holds?) (?:exactly |only )?(?P<n>{NUM}) (?:[a-z]+ )?(?:items?|"
        r"entry|"
        rf"entries|rows?|elements?|options?|results?|notes?|tasks?|todos?|cards?|children|lines?|products?|messages?|"
        rf"comments?|posts?|articles?|files?|users?)$",
        "expectation",
        "count",
        "the «0» list has 3 items",
        build=_build_count,
    ),
    rule(
        rf"^(?P<neg>not )?sees? {V} (?:at|on|in) the (?P<pos>end|bottom|top|start|beginning) of (?:the )?"
        r"(?P<sn>[a-z ]+)$",
        "expectation",
        "text_visible",
        "I should see «0» at the end of the list",
    ),
    rule(
        rf"^{V} (?:is |appears |comes |shows )?(?:as )?(?:the )?(?P<pos>first|last|at the top|at the bottom|top|bottom)"
        rf"(?: (?:item|entry|one|row|element))?(?: (?:in|of|on) (?:the )?(?P<sn>[a-z ]+))?$",
        "expectation",
        "text_visible",
        "«0» is the first item in the list",
        build=lambda match, values, spec: [
            {**spec, "position": "last" if re.search(r"last|bottom", match.group("pos"), re.I) else "first"}
        ],
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
        "«0» is not in the dialog",
    ),
    # --- visible text and elements
    rule(
        rf"^{SEE} (?:the |a |an )?(?:[a-z-]+ ){{0,2}}«(?P<v>\d+)» with (?:the |its )?(?:text|body|summary|description|"
        r"content|message|title|subtitle|caption) «(?P<v2>\d+)»$",
        "expectation",
        "text_visible",
        "I see the article «0» with the text «1»",
        build=lambda match, values, spec: [
            {**spec, "value": values[int(match.group("v"))]},
            {**spec, "value": values[int(match.group("v2"))]},
        ],
    ),
    rule(
        rf"^no {T}(?: any ?more)?$",
        "expectation",
        "text_visible",
        "no «0» link any more",
        negated=True,
    ),
    rule(
        rf"^(?P<neg>not )?sees? (?:the )?{VS} (?P<rs>{PLURAL_ROLE})$",
        "expectation",
        "element_visible",
        "I should see the «0» and «1» buttons",
        build=_build_many_elements,
    ),
    rule(
        rf"^(?P<neg>not )?{SEE} (?:the )?(?:text |message |words? )?{VS}$",
        "expectation",
        "text_visible",
        "I should see «0»",
        build=_build_many_texts,
    ),
    rule(rf"^(?P<neg>not )?{SEE} {T}$", "expectation", "text_visible", "I should see the «0» button"),
    rule(
        rf"^(?P<neg>not )?{SEE} {E}$",
        "expectation",
        "text_visible",
        "I should see the search field",
    ),
    rule(
        rf"^{T} (?:is |are )?(?P<neg>not )?(?:shown|displayed|visible|present|appears?|pops? up|shows? up|opens|"
        r"rendered|listed)$",
        "expectation",
        "text_visible",
        "«0» is shown",
    ),
    rule(
        rf"^{T} (?:is |are )?(?:hidden|gone|disappears?|vanishes|removed|deleted)(?: from (?:the )?(?P<sn>[a-z ]+))?$",
        "expectation",
        "text_visible",
        "«0» disappears",
        negated=True,
    ),
    rule(
        rf"^{T} (?:is |are |was |were )?not (?:removed|deleted)$", "expectation", "text_visible", "«0» is not removed"
    ),
    rule(
        rf"^{E} {COPULA}(?P<neg>not )?(?:shown|displayed|visible|present|rendered|"
        rf"appears?|pops? up|shows? up|opens|revealed|available)(?: (?:in|on) the (?P<sn>{SCOPE}))?$",
        "expectation",
        "text_visible",
        "the total price is shown",
    ),
    rule(
        rf"^{E} {COPULA}(?:hidden|invisible|gone|closed|collapsed|removed|deleted|"
        rf"disappears?|vanishes|no longer (?:shown|visible|displayed))(?: from (?:the )?[a-z ]+)?$",
        "expectation",
        "text_visible",
        "the total price is hidden",
        negated=True,
    ),
    rule(
        rf"^{E} (?:is |are |was |were )?not (?:removed|deleted|hidden)$",
        "expectation",
        "text_visible",
        "the «0» item is not removed",
    ),
    rule(
        rf"^(?:the )?(?:message |text )?(?P<neg>not )?(?:shows?|displays?|appears?) {V}$",
        "expectation",
        "text_visible",
        "the message shows «0»",
    ),
    rule(
        rf"^(?P<neg>not )?{SHOW} (?:the |a |an )?(?:[a-z-]+ )?(?:title|heading|text|message|label|question|words?|name|"
        rf"error|warning|notice|greeting|caption) {V}$",
        "expectation",
        "text_visible",
        "the system displays the title «0»",
    ),
    rule(
        rf"^(?:the )?(?:[a-z-]+ ){{0,3}}(?:displayed|shown|listed|visible|available) (?:are|is) {VS}$",
        "expectation",
        "text_visible",
        "the options shown are «0» and «1»",
        build=_build_many_texts,
    ),
    # a list that gains an entry: "a new todo "Buy milk" is added to the list with data-testid "todos""
    rule(
        rf"^(?:a |an |the )?(?:new )?(?:[a-z-]+ ){{0,3}}?(?:(?:with (?:the )?(?:text|title|name) )?{V}) (?:is |gets |"
        r"has "
        r"been )?(?:added|appended|inserted|created|listed|shown|displayed) (?:to|in|into|on|at the (?:end|top|"
        r"bottom) "
        rf"of) {E}$",
        "expectation",
        "text_contains",
        "a new item «0» is added to the «1» list",
        build=lambda match, values, spec: (
            [finish({**spec, "expectation": "text_contains"})]
            if spec.get("target_ref") or (spec.get("described") is False and spec.get("target"))
            else [
                finish(
                    {
                        "kind": "expectation",
                        "expectation": "text_visible",
                        "value": spec["value"],
                        "scope": spec.get("target"),
                    }
                )
            ]
        ),
    ),
    # the element an app writes into: "the system displays "x" in the result area"
    rule(
        rf"^(?P<neg>not )?{SHOW} (?:the )?(?:text |message |value |result )?{V} (?:in|inside|within|on) {E}$",
        "expectation",
        "text_contains",
        "the system shows «0» in the result area",
        build=lambda match, values, spec: [finish({**spec, "expectation": "text_contains"})],
    ),
    rule(
        rf"^{E} (?P<neg>not )?(?P<verb>{CONTAINS}) (?:the |a |an )?(?:[a-z-]+ ){{0,3}}(?:with (?:the )?(?:title|text|"
        r"name|"
        rf"label)|titled|named|called|labell?ed) {V}$",
        "expectation",
        "text_contains",
        "the cart shows a product titled «1»",
        longest_subject=True,
    ),
    rule(
        rf"^{E} (?P<neg>not )?(?P<verb>{EQUALS}|{CONTAINS}) (?:{VALUE_WORDS})?"
        rf"{VAL}(?P<more>(?: (?:with|and) (?:the |a |an )?[a-z ]*«\d+»(?: (?:link|button|tab|label|heading))?)*)$",
        "expectation",
        "text_equals",
        "the «0» should be «1»",
        build=_build_element_text,
        longest_subject=True,
    ),
    # "And the price "$40"" after a check: the same check with this value (the verb is implied)
    rule(
        rf"^(?:(?:and|with) )?(?:the|a|an|its|their) (?P<tn>[a-z][a-z-]*(?: [a-z][a-z-]*)?) (?:of )?{VAL}$",
        "expectation",
        "text_contains",
        "the price «0»",
        build=lambda match, values, spec: [
            {"kind": "expectation", "expectation": "text_contains", "_ellipsis": True, "value": spec["value"]}
        ],
        contexts=THEN,
    ),
)
