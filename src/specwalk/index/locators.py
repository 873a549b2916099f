"""Locator candidates for one element, ranked as /work/shared/STYLE.md "Locator ranking" says.

Two phases, because uniqueness needs the whole route: `propose` lists what could find the element
(role + name, label, placeholder, text, alt, title, test id, id, CSS); `build` counts equal
proposals per route; `rank` scores them (lower is better) and records why as data
(`LocatorCandidate.kind`, `shared`, `repeated`; `reasons` words it when shown).

specwalk's order is Playwright's user-facing preference: role + accessible name → label →
placeholder → literal text → alt → title → test id → stable id → role without name → CSS.
Penalties push a candidate down without reordering the categories of equally good ones:
- i18n text is known per locale but changes with it: not stable, no penalty;
- one of several texts (a key computed at run time, plural forms): +50;
- text with interpolations (`Signed in as {{name}}`): +100;
- a value only known at run time (an expression) scores 190-198: after title, before test id;
- a value shared with another element on the same route, or a literal inside a loop: +400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from operator import attrgetter

from specwalk.index import i18n
from specwalk.index.fast import fields_of, same_text
from specwalk.index.roles import LABELABLE_TAGS, NAME_FROM_CONTENT_ROLES
from specwalk.models.uimap import LocatorCandidate, LocatorStrategy, TextValue, UIElement

BASE_SCORES: dict[str, int] = {
    "role": 100,
    "label": 120,
    "placeholder": 140,
    "text": 160,
    "alt": 170,
    "title": 180,
    "testid": 200,
    "testid-other": 210,
    "id": 500,
    "role-only": 510,
    "css": 520,
}
INTERPOLATED_PENALTY = 100
VARIANT_PENALTY = 50
# A value known only at run time (`name: task.title`) ranks after title, before the test id.
DYNAMIC_SCORES: dict[str, int] = {"role": 190, "label": 192, "placeholder": 194, "text": 196, "alt": 197, "title": 198}
DUPLICATE_PENALTY = 400

ValueKind = str  # literal | i18n | variant | interpolated | dynamic

# ids React/Vue/frameworks generate (`:r1:`, `v-0-1`, long hex/number runs) are not stable.
_GENERATED_ID = re.compile(r"^:r|^\d|[0-9a-f]{8,}|\d{4,}|^(v|el|mui|ant)-[\w-]*\d")


ProposalKey = tuple[str, str | None, str]  # (strategy, role, value): equal locators across elements

# A locator before ranking: (key, strategy, value, kind, category, role, locale, i18n key), where
# category is a BASE_SCORES key and the i18n key is the one the value is translated from. A plain
# tuple: a large project makes a few hundred thousand of these.
Proposal = tuple[ProposalKey, str, str, ValueKind, str, str | None, str | None, str | None]


def _proposal(
    strategy: str,
    value: str,
    kind: ValueKind,
    category: str,
    role: str | None = None,
    locale: str | None = None,
    i18n_key: str | None = None,
) -> Proposal:
    return ((strategy, role, value), strategy, value, kind, category, role, locale, i18n_key)


Option = tuple[str, ValueKind, str | None, str | None]  # (text, kind, locale, i18n key)


def _text_options(value: TextValue | None, locale: str) -> list[Option]:
    """(text, kind, locale, i18n key) for each string `value` can be in `locale`."""
    if value is None:
        return []
    if value.kind == "literal" and value.value:
        text = " ".join(value.value.split())
        return [(text, "literal", None, None)] if text else []
    if value.kind == "i18n":
        if value.translations:
            text = value.translations.get(locale) or next(iter(value.translations.values()))
            kind = "interpolated" if i18n.has_interpolation(text) else "i18n"
            used = locale if locale in value.translations else next(iter(value.translations))
            return [(text, kind, used, value.key)]
        options: list[Option] = []
        for key, texts in value.variants.items():
            if texts:
                text = texts.get(locale) or next(iter(texts.values()))
                kind = "interpolated" if i18n.has_interpolation(text) else "variant"
                options.append((text, kind, locale if locale in texts else next(iter(texts)), key))
        if options:
            return options
        return [(value.key or "", "dynamic", None, value.key)]  # the key is not in the locale files
    if value.kind == "mixed" and value.value:
        return [(" ".join(value.value.split()), "interpolated", None, None)]
    if value.options:
        return [(" ".join(o.split()), "variant", None, None) for o in value.options]
    if value.expression:
        return [(value.expression, "dynamic", None, None)]
    return []


def accessible_name(element: UIElement) -> TextValue | None:
    """What getByRole's `name` matches: aria-label / labelledby / <label>, content, title, placeholder."""
    if element.accessible_name is not None:
        return element.accessible_name
    if element.label is not None:
        return element.label
    role = element.role or ""
    # Playwright names a listitem from its content only inside a named ancestor: not a name here.
    if role in NAME_FROM_CONTENT_ROLES and role != "listitem" and element.text is not None:
        return element.text
    for attribute in ("title", "placeholder", "alt"):
        if attribute == "placeholder" and (element.native_tag or "") not in ("input", "textarea"):
            continue
        found = element.attributes.get(attribute)
        if found is not None and found.literal and found.value:
            return same_text(kind="literal", value=found.value)
    return None


def _attribute_options(element: UIElement, name: str) -> list[Option]:
    found = element.attributes.get(name)
    if found is None:
        return []
    if found.literal:
        return [(found.value, "literal", None, None)] if found.value else []
    return [(found.expression or "", "dynamic", None, None)]


def propose(
    element: UIElement,
    *,
    testid_attributes: Iterable[str],
    locale: str,
    attribute_texts: Callable[[UIElement, str], TextValue | None] | None = None,
) -> list[Proposal]:
    """Every locator that could find `element` (unranked), values in `locale` where they vary.

    `attribute_texts(element, attribute)`: an i18n-resolved TextValue for an attribute such as
    placeholder or title when the parser recorded one (build supplies it); else the attribute.
    """
    proposals: list[Proposal] = []
    values = element.__dict__  # read many times: skip the attribute lookups
    role = values["role"]
    label = values["label"]
    attributes = values["attributes"]
    name = accessible_name(element) if role != "listitem" or label is not None else None
    named = False
    if role and role not in ("presentation", "none", "generic", "paragraph"):
        for text, kind, used, key in _text_options(name, locale):
            proposals.append((("role", role, text), "role", text, kind, "role", role, used, key))
            named = True
    native = values["native_tag"] or ""
    labelable = native in LABELABLE_TAGS or role in ("textbox", "combobox", "checkbox", "radio", "switch", "dialog")
    if label is not None and (labelable or "aria-label" in attributes):
        for text, kind, used, key in _text_options(label, locale):
            proposals.append((("label", None, text), "label", text, kind, "label", None, used, key))
    if "placeholder" in attributes and (
        native in ("input", "textarea") or role in ("textbox", "searchbox", "combobox")
    ):
        for text, kind, used, key in _options_for(element, "placeholder", attribute_texts, locale):
            proposals.append((("placeholder", None, text), "placeholder", text, kind, "placeholder", None, used, key))
    if native not in ("input", "select", "textarea", "img"):
        for text, kind, used, key in _text_options(values["text"], locale):
            proposals.append((("text", None, text), "text", text, kind, "text", None, used, key))
    if "alt" in attributes and native in ("img", "area", "input"):
        for text, kind, used, key in _options_for(element, "alt", attribute_texts, locale):
            proposals.append((("alt", None, text), "alt", text, kind, "alt", None, used, key))
    if "title" in attributes:
        for text, kind, used, key in _options_for(element, "title", attribute_texts, locale):
            proposals.append((("title", None, text), "title", text, kind, "title", None, used, key))
    for number, attribute in enumerate(testid_attributes):
        found = attributes.get(attribute)
        if found is None:
            continue
        category = "testid" if number == 0 else "testid-other"
        value = found.value if found.literal and found.value else found.expression or ""
        kind = "literal" if found.literal else "dynamic"
        strategy: LocatorStrategy = "testid" if number == 0 else "css"
        shown = value if number == 0 else f"[{attribute}={json.dumps(value)}]"
        proposals.append(_proposal(strategy, shown, kind, category))
    found_id = attributes.get("id")
    if found_id is not None and found_id.literal and found_id.value and not _GENERATED_ID.search(found_id.value):
        shown = f"#{found_id.value}"
        proposals.append((("id", None, shown), "id", shown, "literal", "id", None, None, None))
    # An unnamed form or region has no role in the accessibility tree (so getByRole misses it).
    if role and not named and role not in ("presentation", "none", "generic", "form", "region", "paragraph"):
        proposals.append((("role", role, ""), "role", "", "literal", "role-only", role, None, None))
    css = _css(element)
    if css:
        proposals.append((("css", None, css), "css", css, "literal", "css", None, None, None))
    return proposals


def _options_for(
    element: UIElement,
    attribute: str,
    attribute_texts: Callable[[UIElement, str], TextValue | None] | None,
    locale: str,
) -> list[Option]:
    resolved = attribute_texts(element, attribute) if attribute_texts else None
    if resolved is not None:
        return _text_options(resolved, locale)
    return _attribute_options(element, attribute)


_CSS_TAG = re.compile(r"^[a-z][a-z0-9-]*$")
_CSS_TAGS: dict[str, bool] = {}  # tag -> usable as a CSS type selector


def _css(element: UIElement) -> str:
    tag = element.native_tag or element.tag
    usable = _CSS_TAGS.get(tag)
    if usable is None:
        usable = _CSS_TAGS[tag] = _CSS_TAG.match(tag) is not None
    if not usable:
        return ""
    attributes = element.attributes
    name = attributes.get("name")
    if name is not None and name.literal and name.value:
        return f'{tag}[name="{name.value}"]'
    kind = attributes.get("type")
    if tag == "input" and kind is not None and kind.literal and kind.value:
        return f'input[type="{kind.value}"]'
    return tag


def _quote(value: str) -> str:
    if "\\" in value or "'" in value:
        value = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{value}'"


def _js_value(value: str, kind: str) -> str:
    if kind == "dynamic":
        return value
    if kind == "interpolated":
        # `{…}` marks an expression in mixed text (`Remove {…}`), like `{{name}}` in a translation.
        pattern = i18n.as_pattern(value.replace("{…}", "{x}")).pattern.replace("/", "\\/")
        return f"/{pattern}/"
    return _quote(value)


_METHODS = {
    "label": "getByLabel",
    "placeholder": "getByPlaceholder",
    "text": "getByText",
    "alt": "getByAltText",
    "title": "getByTitle",
    "testid": "getByTestId",
}


def render(proposal: Proposal) -> str:
    """Playwright code for people: getByRole('button', { name: 'Add task' })."""
    _, strategy, value, kind, category, role = proposal[:6]
    return _render(strategy, value, kind, category, role)


def _render(strategy: str, value: str, kind: str, category: str, role: str | None) -> str:
    if strategy == "role":
        if category == "role-only":
            return f"getByRole({_quote(role or '')})"
        return f"getByRole({_quote(role or '')}, {{ name: {_js_value(value, kind)} }})"
    method = _METHODS.get(strategy)
    if method:
        return f"{method}({_js_value(value, kind)})"
    return f"locator({_quote(value)})"


def rank(
    proposals: Iterable[Proposal],
    *,
    duplicates: dict[tuple[str, str | None, str], int],
    loop: str | None,
    made: dict[tuple[Proposal, int, bool], LocatorCandidate] | None = None,
) -> list[LocatorCandidate]:
    """Score and sort. `duplicates[key]` = how many elements on the element's routes share it.

    `made`: candidates made so far, to reuse (they are frozen): most elements of a project share
    their candidates with others (the same tag, name, label or text).
    """
    ranked: list[LocatorCandidate] = []
    seen: set[tuple[str, str | None, str]] = set()
    looped = loop is not None
    for proposal in proposals:
        key = proposal[0]
        if key in seen:
            continue
        seen.add(key)
        shared = duplicates.get(key, 1) if duplicates else 1
        # Values with run-time parts inside a loop differ per item; a literal one is the same in each.
        repeated = looped and proposal[3] not in ("dynamic", "variant", "interpolated")
        if made is not None:
            candidate = made.get((proposal, shared, repeated))
            if candidate is None:
                candidate = made[(proposal, shared, repeated)] = _make(proposal, shared, repeated)
            ranked.append(candidate)
        else:
            ranked.append(_make(proposal, shared, repeated))
    if len(ranked) > 1:
        ranked.sort(key=_SCORE)
    return ranked


def _make(proposal: Proposal, shared: int, repeated: bool) -> LocatorCandidate:
    _, strategy, value, kind, category, role, locale, i18n_key = proposal
    base = BASE_SCORES[category]
    if kind == "dynamic":
        score = float(DYNAMIC_SCORES.get(category, base + 1000))
    else:
        score = float(base)
        if 50 < base < 300:
            score += min(10, len(value) // 10)  # shorter names are easier to read and keep
        if kind == "variant":
            score += VARIANT_PENALTY
        elif kind == "interpolated":
            score += INTERPOLATED_PENALTY
    if (shared > 1 or repeated) and category != "css":  # CSS is last whatever it matches
        score += DUPLICATE_PENALTY
    return _candidate(
        strategy,
        value,
        role,
        score,
        kind == "literal" and shared == 1 and not repeated and category not in ("css", "role-only"),
        locale,
        kind,
        i18n_key,
        shared,
        repeated,
        _render(strategy, value, kind, category, role),
    )


_SCORE = attrgetter("score")
_CANDIDATE_FIELDS = fields_of(LocatorCandidate)


def _candidate(
    strategy: str,
    value: str,
    role: str | None,
    score: float,
    stable: bool,
    locale: str | None,
    kind: str,
    key: str | None,
    shared: int,
    repeated: bool,
    playwright: str,
) -> LocatorCandidate:
    """`new_candidate(...)` with positional arguments: a large map has hundreds of thousands."""
    made = _new_model(LocatorCandidate)
    _set(
        made,
        "__dict__",
        {
            "strategy": strategy,
            "value": value,
            "role": role,
            "exact": False,
            "score": score,
            "stable": stable,
            "locale": locale,
            "kind": kind,
            "key": key,
            "shared": shared,
            "repeated": repeated,
            "playwright": playwright,
        },
    )
    _set(made, "__pydantic_fields_set__", _CANDIDATE_FIELDS)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_new_model = LocatorCandidate.__new__
_set = object.__setattr__


def has_stable_locator(element: UIElement) -> bool:
    """A stable candidate, or a unique i18n one (known per locale), among the element's locators."""
    for candidate in element.locators:
        if candidate.stable or (candidate.locale is not None and candidate.score < _ID_SCORE and candidate.unique):
            return True
    return False


_ID_SCORE = BASE_SCORES["id"]
