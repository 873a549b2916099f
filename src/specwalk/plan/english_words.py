"""English vocabulary of the step language: normalisation, verb forms and the slots rules share.

`normalize` keeps the case of the words (page names and described targets are shown as written;
"the Speech Text Reader page" must find the heading "Speech Text Reader"); every pattern here and
in the rules is case-insensitive. It drops what does not change a step's meaning: the subject of
any kind ("I", "the user", "users", "a visitor", "the admin", a persona such as "Jane"), modal verbs
("should", "can", "is able to"), "tries to", fillers ("still", "again", "immediately"), and turns
every negation into "not".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from specwalk.plan.grammar import KEYS, NUMBER_WORDS, ROLE_NOUNS, SCOPE_NOUNS, alternation

# --- verb forms --------------------------------------------------------------------------------

_IRREGULAR = {
    "choose": ("chose", "chosen"),
    "write": ("wrote", "written"),
    "go": ("went", "gone"),
    "leave": ("left",),
    "put": (),
    "set": (),
    "hit": (),
    "see": ("saw", "seen"),
    "take": ("took", "taken"),
    "read": (),
    "drive": ("drove", "driven"),
    "find": ("found",),
    "make": ("made",),
    "key": (),
    "give": ("gave", "given"),
    "become": ("became",),
    "show": ("shown",),
}
# Short verbs whose last consonant doubles ("tap" → "tapped", "submit" → "submitted").
_DOUBLES = {"tap", "drag", "drop", "submit", "hit", "put", "set", "stop", "scroll", "swap", "tab", "pin", "plan", "rip"}


def forms(word: str) -> set[str]:
    """Every form of a verb: "click" → click, clicks, clicked, clicking."""
    found = {word}
    if word in _IRREGULAR:
        found.update(_IRREGULAR[word])
    third = (
        word + "es"
        if re.search(r"(?:s|sh|ch|x|o|z)$", word)
        else word[:-1] + "ies"
        if re.search(r"[^aeiou]y$", word)
        else word + "s"
    )
    found.add(third)
    stem = word + word[-1] if word in _DOUBLES else word
    if word.endswith("e"):
        found.update({word + "d", word[:-1] + "ing"})
    elif re.search(r"[^aeiou]y$", word):
        found.update({word[:-1] + "ied", word + "ing"})
    else:
        found.update({stem + "ed", stem + "ing"})
    if word in _IRREGULAR and word not in ("show",):
        found.discard(stem + "ed")
        found.discard(word + "d")
    if word == "show":
        found.add("showed")
    return found


def verb(*words: str) -> str:
    """A regex alternation of every form of the words ("press" → press|presses|pressed|pressing)."""
    collected: set[str] = set()
    for word in words:
        parts = word.split(" ", 1)
        collected.update(form + (" " + parts[1] if len(parts) > 1 else "") for form in forms(parts[0]))
    return f"(?:{alternation(sorted(collected))})"


def words(items: Iterable[str]) -> str:
    return f"(?:{alternation(list(items))})"


# --- slots the rules share ---------------------------------------------------------------------

HAVE = r"(?:(?:has|have|had) (?:just |already |now |previously )?(?:been )?)?"
# "is", and the verbs that say an element is (still, now) in a state; base forms too ("should remain" → "remain")
COPULA = r"(?:is |are |becomes? |stays? |remains? |gets? |keeps? |continues to be |is still )?"
E = r"(?P<e>.+?)"  # an element phrase, read by elements.english_element
E2 = r"(?P<e2>.+?)"  # a second element (the drop target of a drag)
NUMBER = r"[-+]?[$€£¥]?\d[\d,]*(?:\.\d+)?(?:%|\+|x|px|ms|s)?|NaN|-?Infinity|true|false|null|undefined"
VAL = rf"(?:«(?P<v>\d+)»|(?P<vn>{NUMBER}))"  # a quoted value, or an unquoted number ("5+", "$0", "0.5")
# Words that describe a value before it ("a non-numeric value "abc"", "the text "x"").
VALUE_WORDS = (
    r"(?:(?:the|a|an|some) )?(?:[a-z-]+ ){0,3}?(?:value|text|number|amount|string|name|word|input|data|entry|time|"
    r"date|answer|option|icon|symbol|label|message|result|total|price|score|count|caption|content|character|emoji|"
    r"sign|status|error|heading|title) "
)
NUM = r"\d+|" + alternation([word for word in NUMBER_WORDS if word.isascii() and word not in ("a", "an")])
TIMES = (
    r"(?: (?:(?P<n>\d+|once|twice|two|three|four|five|six|seven|eight|nine|ten) times?|(?P<many>multiple|several|many) "
    r"times|(?P<many2>repeatedly))(?: in (?:quick |rapid )?succession| in a row| quickly| rapidly)?)?"
)
TIMES_WORDS = {"once": 1, "twice": 2}

# --- normalisation ------------------------------------------------------------------------------

_ROLES_OF_PEOPLE = (
    "user|visitor|customer|shopper|admin|administrator|guest|member|reader|author|editor|player|student|teacher|"
    "buyer|seller|owner|person|client|manager|tester|operator|viewer|subscriber|learner|attendee|host|driver|"
    "employee|staff member|moderator|writer|traveller|traveler|patient|doctor|candidate"
)
_SUBJECT = re.compile(
    rf"^(?:i|we|you|they|he|she|(?:the|a|an|any|every|each|some|all|logged-in|signed-in|new|returning) (?:(?:logged-in|"
    rf"signed-in|new|returning|anonymous|registered|first-time|end|same) )?(?:{_ROLES_OF_PEOPLE})s?|users|visitors|"
    rf"customers|shoppers|admins|guests|members|people|someone|somebody|the system)\b(?!') ?",
    re.IGNORECASE,
)
# Verbs a persona's name is followed by ("Jane signs in", "Bob should see …"): the name is the subject.
_PERSONA = re.compile(
    r"^(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?=(?:clicks|clicked|taps|enters|entered|types|typed|opens|opened|visits|"
    r"visited|goes|went|sees|saw|should|must|can|cannot|can't|will|has|had|is|was|does|did|signs|signed|logs|logged|"
    r"fills|filled|selects|selected|chooses|chose|checks|checked|unchecks|presses|pressed|hovers|drags|dragged|navigates|"
    r"navigated|writes|wrote|submits|submitted|adds|added|deletes|deleted|tries|tried|attempts|attempted|views|reads|"
    r"refreshes|reloads|leaves|left|scrolls|uploads|moves|sets|changes|clears|focuses|waits|accepts|dismisses|"
    r"confirms|cancels)\b)"
)
_LEAD = re.compile(
    r"^(?:and|but|then|when|whenever|if|once|given|so|also|now|next|finally|after that|afterwards|meanwhile|"
    r"at this point|at that point),? ",
    re.IGNORECASE,
)
_NEGATIONS = re.compile(
    r"\b(?:should not|shouldn't|must not|mustn't|will not|won't|cannot|can't|can not|does not|doesn't|"
    r"do not|don't|did not|didn't|is no longer|are no longer|no longer|never)\b",
    re.IGNORECASE,
)
_MODALS = re.compile(
    r"\b(?:should|must|shall|will|can|could|would|may|might|is able to|are able to|am able to|is expected to|"
    r"are expected to|is supposed to|needs to|need to|has to|have to)\b ",
    re.IGNORECASE,
)
# "should have the value", "must have 3 items": the modal goes, "have" agrees with the rules' "has"
_MODAL_HAVE = re.compile(r"\b(?:should|must|shall|will|would|can|could)( not)? have\b", re.IGNORECASE)
_TRIES = re.compile(
    r"\b(?:tries|try|tried|attempts|attempt|attempted|decides|decided|wants|goes on|proceeds|continues|chooses|"
    r"is going|are going) to\b ",
    re.IGNORECASE,
)
_FILLERS = re.compile(
    r"\b(?:still|again|also|now|just|immediately|automatically|right away|successfully|initially|correctly|"
    r"properly|eventually|instantly|quickly|rapidly|manually|simply|actually|currently|already|first of all|"
    r"once more|visually|clearly|at first|at once|by default|on the page|on the screen|on screen|in the browser|"
    r"in the ui|for the user)\b ?",
    re.IGNORECASE,
)


def normalize(skeleton: str) -> str:
    text = skeleton.replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip(" .!;:,")
    for _ in range(3):
        before = text
        text = _LEAD.sub("", text)
        text = _PERSONA.sub("", text)
        text = _SUBJECT.sub("", text)
        if text == before:
            break
    text = _MODAL_HAVE.sub(lambda match: "has" if not match.group(1) else "not has", text)
    text = _NEGATIONS.sub("not", text)
    text = _MODALS.sub("", text)
    text = _TRIES.sub("", text)
    text = _FILLERS.sub("", text)
    text = re.sub(r"\bbe\b", "is", text, flags=re.IGNORECASE)
    text = re.sub(r"\bnot is\b", "is not", text, flags=re.IGNORECASE)  # "should not be checked" → "is not checked"
    text = re.sub(r"\b(?:back|then) (on|to|at|in)\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r" then\b", "", text, flags=re.IGNORECASE)
    for _ in range(3):
        before = text
        text = _LEAD.sub("", text)
        text = _SUBJECT.sub("", text)
        if text == before:
            break
    return re.sub(r"\s+", " ", text).strip(" .!;:,")


# --- nouns, verbs and slots of the rules -------------------------------------------------------

EN_ROLES = {noun: role for noun, role in ROLE_NOUNS.items() if noun.isascii()}
EN_SCOPES = {noun: role for noun, role in SCOPE_NOUNS.items() if noun.isascii()}
ROLE = alternation(list(EN_ROLES))
SCOPE = alternation(list(EN_SCOPES))
KEY = alternation([key for key in KEYS if key.isascii()])
T = rf"(?:(?:the|a|an) )?(?:(?P<r>{ROLE}) )?«(?P<t>\d+)»(?: (?P<r2>{ROLE}))?"
V = r"«(?P<v>\d+)»"
VS = r"(?P<vs>«\d+»(?:(?:,| and|, and| or|, or|,and) ?«\d+»)*)"
PAGE = r"(?: (?:page|screen|route|view|url|address|webpage|web page|site|website|app|application|tab))?"
PAGE_NOUN = r"(?:page|screen|view|webpage|web page|site|website|app|application|homepage|home page|ui|interface)"
# A page named by unquoted words: "the Speech Text Reader page", "the todo list page".
PAGE_NAME = rf"(?:(?:the|a|an|my) )?(?P<pn>[A-Za-z0-9][\w'&-]*(?: [\w'&-]+){{0,4}}?) {PAGE_NOUN}"
# A page named by nothing at all: "the page", "the webpage", "the app".
PAGE_ANY = rf"(?:(?:the|a|an|my|our) )?(?:main |home |index |start |landing )?{PAGE_NOUN}"
LOADED = (
    r"(?:is |are |has |has been |gets |was )?(?:fully |completely )?(?:loaded|opened|open|displayed|shown|visible|"
    r"ready|launched|running|initiali[sz]ed|rendered|available|accessed|served|up)"
)
STORAGE = r"(?:the )?(?:browser'?s? )?(?:local ?storage|session ?storage|browser storage|storage|saved data|cookies)"

PLURAL_ROLES = {
    f"{noun}es" if noun.endswith("x") else f"{noun}s": role
    for noun, role in EN_ROLES.items()
    if role is not None and " " not in noun
}
PLURAL_ROLES.update({"check boxes": "checkbox", "radio buttons": "radio", "text fields": "textbox"})
PLURAL_ROLE = alternation(list(PLURAL_ROLES))
TRANSIENT_STATES = ("disabled", "greyed out", "grayed out", "inactive", "unchecked", "unselected", "off", "deselected")
CHECKABLE = ("checkbox", "radio", "option", "switch", "menuitemcheckbox")


STATE_WORDS = (
    "completed",
    "complete",
    "done",
    "active",
    "selected",
    "expanded",
    "collapsed",
    "highlighted",
    "occupied",
    "available",
    "finished",
    "open",
    "closed",
    "pinned",
    "starred",
    "favorited",
    "favourited",
    "archived",
    "read",
    "unread",
    "current",
    "valid",
    "invalid",
    "liked",
    "flagged",
    "booked",
    "reserved",
    "sold out",
    "locked",
    "unlocked",
    "correct",
    "incorrect",
    "wrong",
    "success",
    "error",
    "incomplete",
    "deselected",
    "unselected",
)
STATE_WORD = alternation(list(STATE_WORDS))
GIVEN_WHEN = ("given", "when", "none")
THEN = ("then", "none")
CLICK = verb("click", "tap", "press", "hit", "push", "activate", "follow", "trigger", "touch")
ENTER = verb(
    "enter", "type", "input", "write", "put", "insert", "key in", "fill in", "paste", "provide", "add", "supply"
)
SELECT = verb("select", "choose", "pick")
SEE = r"(?:sees?|saw|seen|views?|viewed|notices?|noticed|observes?|observed|finds?|found|gets?|looks? at)"
SHOW = verb(
    "show", "display", "contain", "include", "present", "list", "render", "hold", "have the text", "read", "say"
)
EQUAL_VERBS = (
    "equal",
    "become",
    "remain",
    "stay",
    "match",
    "update to",
    "change to",
    "reset to",
    "turn to",
    "turn into",
    "go to",
    "get updated to",
    "get set to",
    "end up as",
    "read exactly",
    "show exactly",
    "display exactly",
)
EQUALS = (
    r"is|is set to|is updated to|is changed to|is exactly|is equal to|is reset to|is now|has changed to|has been "
    r"updated to"
    rf"|{verb(*EQUAL_VERBS)[3:-1]}"
)
EQUAL_FORMS = frozenset(re.findall(r"[^|]+", verb(*EQUAL_VERBS)[3:-1].replace("\\", "")))


def equal_verb(words: str) -> bool:
    return words.startswith("is") or words.startswith("has ") or words in EQUAL_FORMS


CONTAIN_VERBS = (
    "show",
    "display",
    "read",
    "say",
    "contain",
    "include",
    "list",
    "render",
    "output",
    "give",
    "return",
    "reflect",
    "have the text",
    "show the text",
    "display the text",
    "present",
    "hold",
    "greet",
    "welcome",
)
CONTAINS = rf"is showing|is displaying|{verb(*CONTAIN_VERBS)[3:-1]}"
