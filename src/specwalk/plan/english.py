"""The English step language, actions: one rule per kind of sentence (see docs/step-language.md).

Each row is a pattern over the normalised skeleton (`english_words.normalize`), the step it makes
and a canonical example, which is both the suggestion offered for a near miss and the sentence the
row's own test plans (tests/unit/plan/test_rules.py walks every row). `E` is an element phrase,
read by `elements.english_element` (quoted names, exact references, labels, ordinals, described
elements, back-references); `T` is a quoted name only, for the sentences whose quoted word is a
text rather than an element ("I should see "Saved""). The checks are in `english_checks.py`.
"""

from __future__ import annotations

import re

from specwalk.plan.english_checks import CHECKS
from specwalk.plan.english_more import MORE, RELATIVE
from specwalk.plan.english_words import (
    CLICK,
    E2,
    ENTER,
    GIVEN_WHEN,
    HAVE,
    KEY,
    LOADED,
    PAGE,
    PAGE_ANY,
    PAGE_NAME,
    SCOPE,
    SELECT,
    STORAGE,
    TIMES,
    VAL,
    VALUE_WORDS,
    E,
    T,
    V,
    normalize,
    verb,
)
from specwalk.plan.grammar import Rule, StepSpec, finish, rule

__all__ = ["RULES", "SCOPE_SUFFIXES", "STATE_SHAPE", "normalize"]


def _build_seconds(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    amount = float(match.group("vn"))
    if match.group("u").lower().startswith("m"):
        amount /= 1000
    spec["value"] = f"{amount:g}"
    return [spec]


def _build_history(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    spec["action"] = "go_back" if match.group("d").lower() == "back" else "go_forward"
    return [spec]


def _build_open_then_url(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    first = finish({"kind": "action", "action": "open", "target": values[int(match.group("a"))]})
    second = finish({"kind": "expectation", "expectation": "page", "target": values[int(match.group("b"))]})
    return [first, second]


def _build_select(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "select "X"" alone: a checkbox is checked; an exact reference or a described element is
    clicked (a radio, an option card); otherwise X is the option (a radio, a list item)."""
    if spec.get("role") == "checkbox":
        return [{**spec, "action": "check"}]
    if spec.get("target_ref") or spec.get("described") or spec.get("_back") or spec.get("role") == "radio":
        return [finish({**spec, "action": "click"})]
    spec["value"] = spec.pop("target")
    return [finish(spec)]


def _build_select_from(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "select "Monday" from the days checkboxes": a checkbox group is checked by its label."""
    if spec.get("role") == "checkbox":
        spec["action"] = "check"
        if not spec.get("target_ref"):
            spec["target"] = spec.pop("value")
            spec.pop("described", None)
        else:
            spec.pop("value", None)
    return [finish(spec)]


def _build_set(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if spec.get("role") in ("combobox", "radio"):
        spec["action"] = "select"
    return [finish(spec)]


def _build_times(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "click X 3 times" → count 3; "multiple times" / "repeatedly" → 3 (at least two, said once)."""
    groups = match.groupdict()
    raw = (groups.get("n") or "").lower()
    if raw in ("once", "twice"):
        spec["count"] = 1 if raw == "once" else 2
    if groups.get("many") or groups.get("many2"):
        spec["count"] = 3
    if spec.get("count") == 1:
        del spec["count"]
    return [finish(spec)]


def _build_page(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """A page by name ("the Speech Text Reader page"), by quote, or none ("the page is loaded")."""
    groups = match.groupdict()
    if groups.get("t2") is not None and spec.get("target") is None:
        spec = finish({**spec, "target": values[int(groups["t2"])]})
    name = groups.get("pn")
    if name is not None:
        if name.lower() in ("the", "a", "this", "that", "same", "current", "main", "home", "index", "web", "start"):
            name = "home" if name.lower() in ("home", "main", "index", "start") else None
        elif re.search(r"\b(?:is|are|was|should|and|or|with|to|not)\b", name, re.IGNORECASE):
            return None
    if name:
        spec["target"] = name
    elif spec.get("target") is None and spec.get("value") is None:
        spec["_page_load"] = True  # the app's page: opened first, reloaded when already open
    return [finish(spec)]


def _build_dialog_answer(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    word = (spec.pop("value", None) or match.group("ans") or "").lower()
    if word in ("cancel", "no", "dismiss", "close", "decline"):
        spec["action"] = "dismiss_dialog"
    elif word not in ("ok", "okay", "yes", "accept", "confirm", "continue", "sure"):
        return None
    return [spec]


def _build_replace(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "replace the text with X" names no element: the one the step before acted on."""
    if match.group("e") is None:
        spec["_back"] = "it"
    return [finish(spec)]


def _build_noop(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    return [{"kind": "noop"}]


# "the "Study Planner" page", "the webpage "Dad Jokes"", "the sign-in page "/login""
PAGE_QUOTED = (
    r"(?:the )?(?:[\w-]+ ){0,2}?(?:(?:page|webpage|web page|site|app|screen) «(?P<t>\d+)»|«(?P<t2>\d+)» "
    r"(?:page|screen|view|webpage|web page|site|website|app|application))"
)
# A dialog of the browser (window.alert / confirm / prompt), not a modal of the page ("the
# confirmation dialog" of an app is usually its own modal, clicked like any element).
BROWSER_DIALOG = (
    r"(?:browser (?:alert|confirm|confirmation|prompt|dialog|popup)|alert|prompt|confirm)(?: dialog| box| popup| "
    r"pop-up| message| window)?"
)
FILL_NOUN = verb("fill in", "enter", "type", "input", "write", "provide", "add", "key in", "give")
OPEN = verb("open", "visit", "load", "go to", "navigate to", "browse to", "access", "launch", "start", "reach")
SET = verb("set", "change", "update", "adjust", "move", "drag", "slide", "switch", "turn", "edit", "modify")

ACTIONS: tuple[Rule, ...] = (
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
        rf"^(?:am|are|is|start|starts|begin|land|lands) (?:on|at|in) (?:the )?(?:page )?«(?P<t>\d+)»{PAGE}$",
        "action",
        "open",
        "I am on the «0» page",
        contexts=("given",),
    ),
    rule(
        rf"^(?:am|are|is|start|starts|begin) (?:on|at|in|using|viewing) (?:{PAGE_NAME}|{PAGE_ANY})$",
        "action",
        "open",
        "I am on the Settings page",
        contexts=("given",),
        build=_build_page,
    ),
    rule(
        rf"^{HAVE}{verb('open', 'visit', 'load', 'go to', 'navigate to', 'browse to', 'access', 'launch', 'reach')} "
        rf"(?:the )?(?:(?:page|screen|route|url|address|webpage) )?«(?P<t>\d+)»{PAGE}(?: directly| in the browser)?$",
        "action",
        "open",
        "I open the «0» page",
    ),
    rule(
        rf"^{HAVE}{OPEN} (?:{PAGE_NAME}|{PAGE_ANY})(?: directly| in (?:the|a) browser| in (?:the|a) web browser)?$",
        "action",
        "open",
        "I open the Settings page",
        build=_build_page,
    ),
    rule(
        rf"^(?:{PAGE_NAME}|{PAGE_ANY}|{PAGE_QUOTED}) "
        rf"{LOADED}(?: in (?:the|a) (?:web )?browser)?(?: with .+)?$",
        "action",
        "open",
        "the Settings page is loaded",
        contexts=("given", "when"),
        build=_build_page,
    ),
    rule(
        rf"^(?:{PAGE_NAME}|{PAGE_ANY}|{PAGE_QUOTED}) "
        r"(?:loads|opens|is refreshed|is reloaded|reloads)$",
        "action",
        "open",
        "the page loads",
        contexts=("given", "when"),
        build=_build_page,
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
        "I press the browser's back button",
        build=_build_history,
    ),
    rule(
        rf"^{HAVE}{verb('reload', 'refresh')}(?: the)?(?: (?:page|browser|app|tab|window|webpage))?$",
        "action",
        "reload",
        "I reload the page",
    ),
    rule(
        r"^(?:after|on|upon) (?:a )?(?:page )?(?:reload|refresh)(?:ing)?(?: the page)?$",
        "action",
        "reload",
        "after a page reload",
    ),
    # --- storage
    rule(
        rf"^(?:{STORAGE}) (?:is |are |has been |was )?(?:empty|cleared|clear|reset|wiped)$|^(?:{STORAGE}) (?:does )?"
        rf"not (?:contain|have|hold|include) .+$|^(?:there (?:is|are) )?no .+ (?:is |are )?(?:saved |stored )?in "
        rf"{STORAGE}$|^{STORAGE} (?:has|contains) no .+$",
        "action",
        "reset_storage",
        "local storage is empty",
        contexts=("given",),
    ),
    rule(
        rf"^{HAVE}{verb('clear', 'reset', 'wipe', 'empty', 'delete')} (?:all )?(?:the )?(?:{STORAGE}|(?:all "
        r")?(?:browser |site )?data)$",
        "action",
        "reset_storage",
        "I clear the local storage",
        contexts=GIVEN_WHEN,
    ),
    # --- browser dialogs (alert / confirm / prompt)
    rule(
        rf"^{HAVE}{verb('accept', 'confirm', 'dismiss', 'close', 'cancel', 'decline')} (?:the )?{BROWSER_DIALOG}$",
        "action",
        "accept_dialog",
        "I accept the alert",
        build=lambda match, values, spec: [
            {**spec, "action": "dismiss_dialog"}
            if re.match(r"(?:has |have |had )?(?:dismiss|cancel|decline)", match.group(0), re.I)
            else spec
        ],
    ),
    rule(
        rf"^{HAVE}{verb('confirm', 'accept')} (?:that (?:i|we|you|they|he|she) (?:really )?(?:want|wish|mean) to .+|"
        r"the (?:deletion|removal|action|warning|prompt))$",
        "action",
        "accept_dialog",
        "I confirm that I want to delete it",
    ),
    rule(
        rf"^{CLICK}(?: on)? (?:«(?P<v>\d+)»|(?P<ans>ok|okay|yes|cancel|no))(?: button)? (?:in|on) the "
        rf"{BROWSER_DIALOG}$",
        "action",
        "accept_dialog",
        "I click OK in the alert",
        build=_build_dialog_answer,
    ),
    rule(
        rf"^(?:an? |the )?(?:browser )?(?:alert|confirm|confirmation|prompt|popup|pop-up|message box)(?: dialog| box| "
        rf"message| window)? (?:is |gets )?(?:displayed|shown|appears|pops up|opens|is triggered|comes up)(?: with| "
        rf"saying| that says| reading| containing)?(?: the)?(?: (?:message|text|words))? {V}$",
        "expectation",
        "dialog_text",
        "an alert is displayed with the message «0»",
    ),
    rule(
        rf"^(?:an? |the )?(?:browser )?(?:alert|confirm|confirmation|prompt)(?: dialog| box| message| window)? "
        rf"(?:with (?:the )?(?:message|text) )?(?:says?|reads?|shows?|displays?|contains?|saying|reading|"
        rf"is displayed with|appears with|pops up with|with the message|with the text)(?: the)?(?: (?:message|text))? "
        rf"{V}$",
        "expectation",
        "dialog_text",
        "an alert says «0»",
    ),
    rule(
        rf"^(?:sees?|gets?|receives?) an? (?:browser )?(?:alert|confirm|confirmation|prompt)(?: dialog| box| message)?"
        rf"(?: (?:saying|with (?:the )?(?:message|text)|that says|reading))? {V}$",
        "expectation",
        "dialog_text",
        "I see an alert saying «0»",
    ),
    # --- text entry
    rule(
        rf"^{HAVE}{verb('fill in', 'fill', 'complete', 'fill out')} {E} with (?:{VALUE_WORDS})?{VAL}$",
        "action",
        "fill",
        "I fill in «0» with «1»",
    ),
    rule(
        rf"^{HAVE}{ENTER} (?:{VALUE_WORDS})?{VAL} (?:in|into|in to|on|to|inside|as|for) {E}$",
        "action",
        "fill",
        "I type «0» into the «1» field",
    ),
    # "I fill in the title "Pairing on Fridays"", "enters the username "jane"": the noun is the field
    rule(
        rf"^{HAVE}{FILL_NOUN} (?!(?:the |my |a |an )?(?:text|value|number|string|word|data)\b)(?:the |my |a |an |their "
        rf"|his |her )?(?P<e>[a-z][a-z-]*(?: [a-z][a-z-]*){{0,2}}) {VAL}$",
        "action",
        "fill",
        "I fill in the title «0»",
    ),
    rule(
        rf"^{HAVE}{SET} {E} (?:to|with) (?:{VALUE_WORDS})?{VAL}(?: \(.*\))?$",
        "action",
        "fill",
        "I change the «0» field to «1»",
        build=_build_set,
    ),
    rule(
        rf"^{HAVE}{verb('replace')} (?:the )?(?:text|value|contents?)(?: (?:of|in) {E})? with {VAL}$",
        "action",
        "fill",
        "I replace the text of the «0» field with «1»",
        build=_build_replace,
    ),
    rule(
        rf"^{HAVE}{verb('leave', 'keep')} {E} (?:empty|blank|unfilled)$",
        "action",
        "clear",
        "I leave the «0» field empty",
    ),
    rule(rf"^{HAVE}{verb('type', 'enter', 'write', 'input')} (?:{VALUE_WORDS})?{V}$", "action", "type", "I type «0»"),
    rule(rf"^{HAVE}{verb('clear', 'empty', 'erase')} {E}$", "action", "clear", "I clear the «0» field"),
    # --- keys (before click: "press Enter" is a key, "press "Delete"" is a button)
    rule(
        rf"^{HAVE}{verb('press', 'hit', 'push', 'type', 'tap')} (?:the )?"
        rf"(?P<k>{KEY}|(?:ctrl|control|shift|alt|meta|cmd)\+[a-z0-9]+)(?: key| button)?(?: on the keyboard)?"
        rf"(?: (?:in|on|into|inside) {E})?{TIMES}$",
        "action",
        "press",
        "I press Enter",
        build=_build_times,
    ),
    rule(
        rf"^{HAVE}{verb('press', 'hit', 'push', 'type', 'tap')} (?:the )?«(?P<kq>\d+)» key(?: on the keyboard)?"
        rf"(?: (?:in|on|into|inside) {E})?{TIMES}$",
        "action",
        "press",
        "I press the «0» key",
        build=_build_times,
    ),
    # --- choices
    rule(
        rf"^{HAVE}{verb('change', 'switch', 'set')} (?:the )?(?:[a-z]+ )?(?:selection|option|choice|value) to {VAL} "
        rf"(?:from|in|on|using) {E}$",
        "action",
        "select",
        "I change the selection to «0» in the «1» dropdown",
    ),
    rule(
        rf"^{HAVE}{SELECT} (?:{VALUE_WORDS}|(?:the )?(?:option |answer |choice |value |item ))?{VAL}"
        rf"(?: option| answer| choice)? "
        rf"(?:from|in|on|for|as|under|within|inside|among) {E}$",
        "action",
        "select",
        "I select «0» from the «1» list",
        build=_build_select_from,
    ),
    rule(
        rf"^{HAVE}{SELECT} {E}{TIMES}$",
        "action",
        "select",
        "I select «0»",
        build=_build_select,
    ),
    rule(
        rf"^{HAVE}{verb('check', 'tick', 'turn on', 'enable', 'toggle on', 'mark')} {E}(?: as (?:done|completed|"
        r"complete|checked))?$",
        "action",
        "check",
        "I check «0»",
    ),
    rule(
        rf"^{HAVE}{verb('uncheck', 'untick', 'turn off', 'disable', 'toggle off', 'clear the checkbox')} {E}$",
        "action",
        "uncheck",
        "I uncheck «0»",
    ),
    # --- pointer
    rule(rf"^{HAVE}double[- ]?click(?:s|ed|ing)?(?: on)? {E}$", "action", "double_click", "I double-click «0»"),
    rule(
        rf"^{HAVE}(?:{verb('hover')}(?: over| on)?|mouse(?:s)? over|{verb('move')} the (?:mouse|pointer|cursor) "
        rf"(?:over|to|onto)) {E}$",
        "action",
        "hover",
        "I hover over «0»",
    ),
    rule(
        rf"^{HAVE}{verb('drag')} {E} (?:and {verb('drop')} (?:it|them) )?(?:to|onto|into|over|on|in|on top of) {E2}$",
        "action",
        "drag",
        "I drag «0» onto «1»",
    ),
    rule(
        rf"^{HAVE}{verb('drop')} {E} (?:onto|into|on|in|over) {E2}$",
        "action",
        "drag",
        "I drop «0» onto «1»",
    ),
    rule(
        rf"^{HAVE}(?:{verb('focus')}(?: on| in| into)?|{verb('tab')} (?:in)?to|{verb('put')} (?:the )?(?:cursor|focus) "
        rf"(?:in|into|on)) {E}$",
        "action",
        "focus",
        "I focus the «0» field",
    ),
    rule(
        rf"^{HAVE}{verb('upload', 'attach')} (?:the file )?{V}(?: (?:to|into|in|as|with|using) {E})?$",
        "action",
        "upload",
        "I upload «0» to the «1» field",
    ),
    rule(
        r"^wait(?:s|ed)?(?: for)? (?P<vn>\d+(?:\.\d+)?) ?(?P<u>seconds?|secs?|s|milliseconds?|ms)$",
        "action",
        "wait",
        "I wait 2 seconds",
        build=_build_seconds,
    ),
    rule(
        rf"^wait(?:s|ed)? (?:for|until) {E}(?: to (?:appear|be (?:shown|visible|displayed)))?$",
        "action",
        "wait",
        "I wait for «0»",
    ),
    rule(
        r"^not (?:click|tap|press|enter|type|select|choose|pick|check|fill|touch|interact|change|modify|do|make|"
        r"provide|input|submit)\w*\b(?: (?:any|anything|a|an|the)\b.*)?$|^(?:does|do) nothing$|^leaves? (?:everything|"
        r"all fields|the form) (?:empty|blank|as it is|unchanged)$",
        "action",
        "wait",
        "I do not click any button",
        build=_build_noop,
        contexts=GIVEN_WHEN,
    ),
    # "I am reading my article "X"": on the page of the thing named X, which its link opens
    rule(
        r"^(?:am|are|is) (?:reading|viewing|looking at) (?:(?:my|our|their|his|her|the|a|an|[\w-]+'s?) )?"
        r"(?:[\w-]+ )?«(?P<t>\d+)»$",
        "action",
        "click",
        "I am reading my article «0»",
        contexts=("given",),
        role="link",
    ),
    rule(
        rf"^{HAVE}{verb('open', 'choose', 'pick', 'use')} {T} (?:from|in) (?:the )?(?P<sn>{SCOPE})$",
        "action",
        "click",
        "I open «0» from the header",
    ),
    rule(
        rf"^{HAVE}{CLICK}(?: on| onto| at| inside| in)? {E}{TIMES}$",
        "action",
        "click",
        "I click «0»",
        build=_build_times,
    ),
)

RULES: tuple[Rule, ...] = ACTIONS + RELATIVE + CHECKS + MORE

# Scope suffixes tried when a whole sentence does not match: "... next to "Buy milk"".
SCOPE_SUFFIXES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?P<body>.+?) (?:next to|beside|for|of|in the row of|in the row for) (?:the )?(?:[a-z]+ )?«(?P<s>\d+)»"
        r"(?: (?:row|item|task|note|line|entry|card))?$",
        re.IGNORECASE,
    ),
    re.compile(rf"^(?P<body>.+?) (?:in|inside|within|on|from) (?:the )?«(?P<s>\d+)» (?P<sr>{SCOPE})$", re.IGNORECASE),
    re.compile(
        rf"^(?P<body>.+?) (?:in|inside|within|on|from) (?:the )?(?P<sn>(?:[a-z]+ )?(?:{SCOPE}))$", re.IGNORECASE
    ),
)

STATE_SHAPE = re.compile(
    r"^(?:am |are |is |was |have |has |had |there (?:is|are|were) |these |those |the following |no |not |"
    r"(?:[a-z]+ ){0,4}(?:exists?|is|are|was|were|has|have) )",
    re.IGNORECASE,
)
