"""The English step language, the sentences real requirements add: media playback, every element
of a kind, the context menu and form submission (see docs/step-language.md).

Rows as in `english.py` (a pattern, the step it makes, a canonical example its test plans). They
come after the other tables, so a sentence another row reads keeps its reading; but RELATIVE
comes first: "the table has no new rows" is no "the table has no rows".

Media: what an <audio> / <video> element does is one of its properties, checked on the element
("the video should remain paused" → paused is true, "the video's current time should be 20
seconds" → currentTime is 20). Only the properties a sentence names exactly are planned: "the video
should rewind by 10 seconds" (compared with before) or "the system reads "Hello" aloud" (speech)
stay unplanned rather than read as something they do not say.

Every element of a kind: "all checkboxes should be checked", "each piano key … should have the
class "hide"", "no seat should have the class "selected"" are the sentence without its quantifier,
marked `every` (none of them: `every` and negated), by `quantified` below.

Compared with before: "a new row is added to the "Orders" table" is one item more in it than
just before the When actions that lead to it; "no new item is added to the list" the same number
(`relative` more / same on a count check).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from specwalk.plan.english_words import E, verb
from specwalk.plan.grammar import Rule, StepSpec, rule

__all__ = ["MORE", "RELATIVE", "quantified"]

# The media element a sentence names, → the target grounding looks for (a tag it retrieves).
_MEDIA_NOUNS = {
    "video": "video",
    "video player": "video",
    "audio": "audio",
    "audio file": "audio",
    "audio player": "audio",
    "sound": "audio",
    "music": "audio",
    "song": "audio",
    "track": "audio",
}
_MEDIA = r"(?:the )?(?P<m>video player|video|audio player|audio file|audio|sound|music|song|track)"
_OWNER = r"(?:'s|’s)?"
_BECOMES = (
    r"(?:is |are )?(?:(?:updated|changed|set|adjusted|reset) to|updates? to|changes? to|becomes?|equals?|reads|"
    r"(?:remains?|stays?|is still)(?: unchanged)?(?: at)?|is|at|of)"
)
_SECONDS = r"(?P<vn>\d+(?:\.\d+)?)(?: ?(?:seconds?|secs?|s))?"
_FRACTION = r"(?P<vn>[01](?:\.\d+)?|\.\d+)"
_RATE = r"(?:«(?P<v>\d+)»|(?P<vn>\d+(?:\.\d+)?)x?)"
# Playback state words → (property, value when true).
_PLAYBACK = {
    "playing": ("paused", "false"),
    "paused": ("paused", "true"),
    "stopped": ("paused", "true"),
    "muted": ("muted", "true"),
    "unmuted": ("muted", "false"),
    "ended": ("ended", "true"),
    "finished": ("ended", "true"),
}


def _media_target(match: re.Match[str], spec: StepSpec) -> StepSpec:
    spec["target"] = _MEDIA_NOUNS[match.group("m").lower()]
    spec["described"] = True
    return spec


def _build_property(key: str) -> Callable[[re.Match[str], tuple[str, ...], StepSpec], list[StepSpec] | None]:
    def build(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
        raw = str(spec.get("value", "")).strip().rstrip("xX×").strip()
        if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", raw):
            return None  # "the speed is "fast"": no number to compare the property with
        spec["key"] = key
        spec["value"] = f"{float(raw):g}"
        return [_media_target(match, spec)]

    return build


def _build_playing(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    word = (match.groupdict().get("st") or "playing").lower()
    key, value = _PLAYBACK[word]
    if spec.pop("negated", False):
        value = "false" if value == "true" else "true"
    spec.update(key=key, value=value)
    return [_media_target(match, spec)]


MEDIA: tuple[Rule, ...] = (
    rule(
        rf"^{_MEDIA}{_OWNER} (?P<neg>not )?(?:starts? |begins? |continues? |keeps? |is |are )?(?:to )?"
        r"(?:play|plays|playing|be playing)(?: again)?$",
        "expectation",
        "media",
        "the video should start playing",
        build=_build_playing,
    ),
    rule(
        rf"^{verb('play')} {_MEDIA}$",
        "expectation",
        "media",
        "the system plays the sound",
        build=_build_playing,
    ),
    rule(
        rf"^{_MEDIA}{_OWNER} (?:is |are |remains? |stays? |becomes? |gets? |is still )?(?P<neg>not )?"
        rf"(?P<st>{'|'.join(_PLAYBACK)})$",
        "expectation",
        "media",
        "the video should remain paused",
        build=_build_playing,
    ),
    rule(
        rf"^{_MEDIA}{_OWNER} (?:current (?:playback )?time|playback (?:time|position)|current position) "
        rf"{_BECOMES} {_SECONDS}$",
        "expectation",
        "media",
        "the video's current time should be 20 seconds",
        build=_build_property("currentTime"),
    ),
    rule(
        rf"^{_MEDIA}{_OWNER} (?:audio |sound |playback )?(?:volume|audio level|sound level|volume level) "
        rf"{_BECOMES} {_FRACTION}$",
        "expectation",
        "media",
        "the video's volume should be 0.5",
        build=_build_property("volume"),
    ),
    rule(
        rf"^{_MEDIA}{_OWNER} (?:playback (?:speed|rate)|speed) {_BECOMES} {_RATE}$",
        "expectation",
        "media",
        "the video's playback speed should be 1.5x",
        build=_build_property("playbackRate"),
    ),
)

# A form: the element phrase must name one ("submit the form with data-testid "x"", "submit the
# login form"); "submit the comment" is a click on a button and stays with the other tables.
ACTIONS: tuple[Rule, ...] = (
    rule(
        rf"^(?:right[- ]?click(?:s|ed|ing)?|{verb('open')} the context menu (?:of|on|for))"
        rf"(?: on| at)? {E}$",
        "action",
        "right_click",
        "I right-click «0»",
    ),
    rule(
        rf"^{verb('submit')} (?P<e>(?:the |a |an |this |that )?(?:[a-z-]+ ){{0,2}}form\b.*)$",
        "action",
        "submit",
        "I submit the form «0»",
    ),
)

# --- compared with before --------------------------------------------------------------------

# What a list gains: "a new task item", "no new row", "a new entry".
_ITEM = (
    r"(?:[a-z-]+ ){0,3}?(?:items?|rows?|entry|entries|tasks?|notes?|todos?|to-dos?|cards?|records?|lines?|"
    r"elements?|messages?|comments?|products?|events?|schedules?)"
)
_ADDED = r"(?:is |are |gets |get |has been |have been )?(?:added|created|inserted|appended|listed|displayed|shown)"


def _build_relative(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "a new row is added to the table": one more item than just before the When actions;
    "no new item is added to the list": the same number."""
    same = bool(match.groupdict().get("none")) or bool(spec.pop("negated", False))
    spec["relative"] = "same" if same else "more"
    spec.pop("count", None)
    if not same:
        spec["count"] = 1
    return [spec]


RELATIVE: tuple[Rule, ...] = (
    rule(
        rf"^(?:(?P<none>no)|an?|one) (?:new|more|additional|extra) (?:[a-z-]+ ){{0,3}}?[a-z-]+ {_ADDED} "
        rf"(?:to|in|into|on|under) {E}$",
        "expectation",
        "count",
        "a new row is added to the «0» table",
        build=_build_relative,
    ),
    rule(
        rf"^{E} (?P<none>not contains?|not gets?|not gains?|not shows?|not has|not have|contains? no|gets? no|"
        rf"gains? no|shows? no|has no|have no) (?:any )?(?:new|more|additional|extra) {_ITEM}$",
        "expectation",
        "count",
        "the «0» list should not contain any new items",
        build=_build_relative,
    ),
)


def _build_shown_with(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    """ "the first question "Q" is displayed with options "A", "B"": Q is shown, and each option."""
    quoted = [values[int(n)] for n in re.findall(r"«(\d+)»", f"{match.group('q')} {match.group('opts')}")]
    return [{"kind": "expectation", "expectation": "text_visible", "value": value} for value in quoted]


SHOWN_WITH: tuple[Rule, ...] = (
    rule(
        r"^(?:the )?(?:(?:first|next|last|second|third|current|new) )?(?:question|quiz question|item|product|card|"
        r"entry|title|heading) (?P<q>«\d+») (?:is |are )?(?:displayed|shown|visible|listed|presented) (?:together )?"
        r"(?:with|along with) (?:the |its )?(?:options|answers|choices|answer options|answer choices) "
        r"(?P<opts>«\d+»(?:(?:,|,? and) «\d+»)*)$",
        "expectation",
        "text_visible",
        "the first question «0» is displayed with options «1» and «2»",
        build=_build_shown_with,
    ),
)

MORE: tuple[Rule, ...] = MEDIA + ACTIONS + SHOWN_WITH

# --- every element of a kind ---------------------------------------------------------------

_QUANTIFIER = re.compile(
    r"^(?:the (?:final |end |resulting )?state of )?"  # "the final state of each key …": the state is the check
    r"(?P<q>each|every|all(?: of)?(?: the)?|no|none of the|not a single|not one)\s+(?!new\b|other\b|more\b)"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
# Checks that can hold for every match at once (an element's text, a URL cannot).
_EVERY_CHECKS = frozenset({"has_class", "checked", "element_visible", "enabled"})

Reparse = Callable[[str], "tuple[StepSpec, ...] | None"]


def quantified(normalized: str, reparse: Reparse) -> list[StepSpec] | None:
    """ "all checkboxes are checked" / "no seat has the class «0»": the sentence without its
    quantifier, read by the other rules, each of its checks on every element the phrase names.
    None when the rest does not read as one such check."""
    match = _QUANTIFIER.match(normalized)
    if match is None:
        return None
    none = match.group("q").lower().startswith(("no", "not"))
    steps = reparse(match.group("rest"))
    if not steps or len(steps) != 1:
        return None
    step = dict(steps[0])
    if step.get("kind") != "expectation" or step.get("expectation") not in _EVERY_CHECKS:
        return None
    named = step.get("nth") is None and not step.get("_back") and (step.get("target") or step.get("target_ref"))
    if not named and not step.get("role"):
        return None  # "all of them": nothing names the kind
    step["every"] = True
    if none:
        step["negated"] = not step.get("negated", False)
    return [step]
