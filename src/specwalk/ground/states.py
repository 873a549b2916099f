"""A state word ("selected", "completed", "active") -> the check that shows it on one element.

The requirement says how the element looks to a user ("the seat should be marked as selected",
"the todo is shown as completed"); the app says it with a native state (a checked checkbox, the
chosen option), an aria-* attribute, or a class. The check is chosen from what the app's source
and the element itself are known to use, in that order of trust:

1. a native state of the element's kind (checkbox → checked, option → selected, disabled);
2. a class for the word that the element's own class binding names (`className={done ? 'completed' : ''}`);
3. an aria-* attribute for the word that the element carries (aria-selected, aria-pressed, …);
4. a class for the word that the app's source uses (a stylesheet rule, a classList call).

Never a class nobody wrote: a state the app has no way to show is not grounded, not a defect.
The table is data: one row per state word, with its synonyms' classes and attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

# state word -> (classes that show it, best first; aria attributes that show it as "true")
STATE_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "selected": (
        ("selected", "is-selected", "active", "is-active", "chosen"),
        ("aria-selected", "aria-current", "aria-pressed", "aria-checked"),
    ),
    "chosen": (("chosen", "selected", "active"), ("aria-selected", "aria-current")),
    "checked": (("checked", "is-checked", "completed", "done"), ("aria-checked", "aria-pressed")),
    "completed": (("completed", "complete", "done", "is-done", "checked", "finished"), ("aria-checked",)),
    "complete": (("complete", "completed", "done", "checked"), ("aria-checked",)),
    "done": (("done", "completed", "complete", "checked"), ("aria-checked",)),
    "active": (("active", "is-active", "current", "selected"), ("aria-current", "aria-pressed", "aria-selected")),
    "current": (("current", "active", "is-active"), ("aria-current",)),
    "highlighted": (("highlighted", "highlight", "active"), ()),
    "pressed": (("pressed", "active"), ("aria-pressed",)),
    "open": (("open", "is-open", "expanded", "show", "active"), ("aria-expanded",)),
    "opened": (("open", "is-open", "expanded", "show"), ("aria-expanded",)),
    "expanded": (("expanded", "open", "is-open", "show"), ("aria-expanded",)),
    "visible": (("visible", "show", "shown"), ()),
    "hidden": (("hidden", "hide", "is-hidden"), ("aria-hidden",)),
    "disabled": (("disabled", "is-disabled"), ("aria-disabled",)),
    "invalid": (("invalid", "is-invalid", "error", "has-error"), ("aria-invalid",)),
    "error": (("error", "has-error", "invalid", "is-invalid"), ("aria-invalid",)),
    "busy": (("busy", "loading", "is-loading"), ("aria-busy",)),
    "loading": (("loading", "is-loading", "busy"), ("aria-busy",)),
    "favorited": (("favorited", "favorite", "active"), ("aria-pressed",)),
    "liked": (("liked", "active"), ("aria-pressed",)),
}

# A state word that is the absence of others: "the seat is available" where the app marks seats
# "occupied", "deselected" where it marks them "selected". Checked as the first of its opposites
# the app is known to show, negated. Never also as another positive word: absence is all it says.
OPPOSITES: dict[str, tuple[str, ...]] = {
    "available": ("occupied", "unavailable", "booked", "reserved", "taken", "sold", "disabled"),
    "free": ("occupied", "booked", "reserved", "taken"),
    "unoccupied": ("occupied",),
    "enabled": ("disabled",),
    "unselected": ("selected",),
    "deselected": ("selected",),
    "not selected": ("selected",),
    "unchecked": ("checked",),
    "incomplete": ("completed", "complete", "done"),
    "uncompleted": ("completed", "complete", "done"),
    "not completed": ("completed", "complete", "done"),
    "pending": ("completed", "complete", "done"),
    "inactive": ("active",),
    "closed": ("open",),
    "collapsed": ("expanded",),
    "unmuted": ("muted",),
    "valid": ("invalid",),
}

# A media element's state is a property of it: word -> (property, value).
_MEDIA = frozenset({"video", "audio"})
_MEDIA_STATES: dict[str, tuple[str, str]] = {
    "paused": ("paused", "true"),
    "stopped": ("paused", "true"),
    "playing": ("paused", "false"),
    "muted": ("muted", "true"),
    "ended": ("ended", "true"),
}

# Native states: the word, the element kinds (tag, or input type) that have it, and the check.
_NATIVE: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (
        frozenset({"checked", "selected", "completed", "complete", "done", "chosen"}),
        frozenset({"checkbox", "radio"}),
        "checked",
    ),
    (frozenset({"selected", "chosen"}), frozenset({"option"}), "selected"),
    (frozenset({"disabled"}), frozenset({"input", "button", "select", "textarea", "fieldset"}), "disabled"),
)


def state_word(value: str) -> str:
    return " ".join(value.lower().replace("_", " ").split())


@dataclass(frozen=True)
class StateCheck:
    """How a state is checked: `name` is a driver check (class, attribute, checked, selected,
    disabled); `value` / `key` its arguments; `why` for the evidence."""

    name: str
    value: str | None
    key: str | None
    why: str
    inverted: bool = False  # the check shows the word's opposite: it holds when this check fails


def choose_state_check(
    word: str,
    *,
    tag: str,
    input_type: str,
    own_classes: frozenset[str],
    live_classes: frozenset[str],
    live_attributes: dict[str, str],
    map_attributes: frozenset[str],
    source_classes: dict[str, str],
    negated: bool,
) -> StateCheck | None:
    """The check for `word` on one element, or None when the app has no known way to show it.

    `own_classes`: classes its class binding in the source can give it; `live_classes` /
    `live_attributes`: what it has now (after the step's actions: a positive state it already
    shows picks among known classes); `map_attributes`: attribute names the UI map records on it;
    `source_classes`: every class the app's source uses, with where. A word the app has no way
    to show that is the absence of one it shows ("available": not "occupied") is that one, inverted.
    """
    wanted = state_word(word)
    found = _direct(
        wanted, tag, input_type, own_classes, live_classes, live_attributes, map_attributes, source_classes, negated
    )
    if found is not None:
        return found
    for opposite in OPPOSITES.get(wanted, ()):
        found = _direct(
            opposite,
            tag,
            input_type,
            own_classes,
            live_classes,
            live_attributes,
            map_attributes,
            source_classes,
            not negated,
        )
        if found is not None:
            why = f"'{wanted}' is not '{opposite}': {found.why}"
            return StateCheck(found.name, found.value, found.key, why, inverted=True)
    return None


def _direct(
    wanted: str,
    tag: str,
    input_type: str,
    own_classes: frozenset[str],
    live_classes: frozenset[str],
    live_attributes: dict[str, str],
    map_attributes: frozenset[str],
    source_classes: dict[str, str],
    negated: bool,
) -> StateCheck | None:
    """The check that shows `wanted` itself, or None."""
    kind = input_type if tag == "input" else tag
    for words, kinds, check in _NATIVE:
        if wanted in words and kind in kinds:
            return StateCheck(check, None, None, f"a {kind} shows '{wanted}' natively")
    if kind in _MEDIA and wanted in _MEDIA_STATES:
        name, value = _MEDIA_STATES[wanted]
        return StateCheck("property", value, name, f"a {kind} element's {name} property")
    classes, attributes = STATE_WORDS.get(wanted, ((wanted, f"is-{wanted}"), ()))
    own = [name for name in classes if name in own_classes]
    if own:
        name = _prefer_live(own, live_classes, negated)
        return StateCheck("class", name, None, f"its class binding sets '{name}'")
    for attribute in attributes:
        if attribute in live_attributes or attribute in map_attributes:
            return StateCheck("attribute", "true", attribute, f"it carries {attribute}")
    known = [name for name in classes if name in source_classes]
    if known:
        name = _prefer_live(known, live_classes, negated)
        return StateCheck("class", name, None, f"the app's source uses the class '{name}' ({source_classes[name]})")
    return None


def _prefer_live(names: list[str], live: frozenset[str], negated: bool) -> str:
    """A positive state the element shows now settles which known class it is; else the first."""
    if not negated:
        for name in names:
            if name in live:
                return name
    return names[0]
