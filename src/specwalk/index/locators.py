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

from specwalk.index import i18n
from specwalk.index.fast import new_candidate, new_text
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


class Proposal:
    """A locator before ranking. `key` identifies equal locators across elements of a route.

    A plain slotted class: a large project makes a few hundred thousand of these.
    """

    __slots__ = ("category", "i18n_key", "key", "kind", "locale", "role", "strategy", "value")

    def __init__(
        self,
        strategy: LocatorStrategy,
        value: str,
        kind: ValueKind,
        category: str,  # a BASE_SCORES key
        role: str | None = None,
        locale: str | None = None,
        i18n_key: str | None = None,  # the i18n key the value is translated from
    ) -> None:
        self.strategy = strategy
        self.value = value
        self.kind = kind
        self.category = category
        self.role = role
        self.locale = locale
        self.i18n_key = i18n_key
        self.key: tuple[str, str | None, str] = (strategy, role, value)

    def __repr__(self) -> str:
        return f"Proposal({self.strategy!r}, {self.value!r}, {self.kind!r}, {self.category!r}, role={self.role!r})"


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
            return new_text(kind="literal", value=found.value)
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
    role = element.role

    def options_for(attribute: str) -> list[Option]:
        resolved = attribute_texts(element, attribute) if attribute_texts else None
        if resolved is not None:
            return _text_options(resolved, locale)
        return _attribute_options(element, attribute)

    name = accessible_name(element) if role != "listitem" or element.label is not None else None
    named = False
    if role and role not in ("presentation", "none", "generic", "paragraph"):
        for text, kind, used, key in _text_options(name, locale):
            proposals.append(Proposal("role", text, kind, "role", role=role, locale=used, i18n_key=key))
            named = True
    native = element.native_tag or ""
    labelable = native in LABELABLE_TAGS or role in ("textbox", "combobox", "checkbox", "radio", "switch", "dialog")
    if element.label is not None and (labelable or "aria-label" in element.attributes):
        for text, kind, used, key in _text_options(element.label, locale):
            proposals.append(Proposal("label", text, kind, "label", locale=used, i18n_key=key))
    if native in ("input", "textarea") or role in ("textbox", "searchbox", "combobox"):
        for text, kind, used, key in options_for("placeholder"):
            proposals.append(Proposal("placeholder", text, kind, "placeholder", locale=used, i18n_key=key))
    if native not in ("input", "select", "textarea", "img"):
        for text, kind, used, key in _text_options(element.text, locale):
            proposals.append(Proposal("text", text, kind, "text", locale=used, i18n_key=key))
    if native in ("img", "area", "input"):
        for text, kind, used, key in options_for("alt"):
            proposals.append(Proposal("alt", text, kind, "alt", locale=used, i18n_key=key))
    for text, kind, used, key in options_for("title"):
        proposals.append(Proposal("title", text, kind, "title", locale=used, i18n_key=key))
    configured = list(testid_attributes)
    for number, attribute in enumerate(configured):
        found = element.attributes.get(attribute)
        if found is None:
            continue
        category = "testid" if number == 0 else "testid-other"
        value = found.value if found.literal and found.value else found.expression or ""
        kind = "literal" if found.literal else "dynamic"
        strategy: LocatorStrategy = "testid" if number == 0 else "css"
        shown = value if number == 0 else f"[{attribute}={json.dumps(value)}]"
        proposals.append(Proposal(strategy, shown, kind, category))
    found_id = element.attributes.get("id")
    if found_id is not None and found_id.literal and found_id.value and not _GENERATED_ID.search(found_id.value):
        proposals.append(Proposal("id", f"#{found_id.value}", "literal", "id"))
    # An unnamed form or region has no role in the accessibility tree (so getByRole misses it).
    if role and not named and role not in ("presentation", "none", "generic", "form", "region", "paragraph"):
        proposals.append(Proposal("role", "", "literal", "role-only", role=role))
    css = _css(element)
    if css:
        proposals.append(Proposal("css", css, "literal", "css"))
    return proposals


def _css(element: UIElement) -> str:
    tag = element.native_tag or element.tag
    if not re.match(r"^[a-z][a-z0-9-]*$", tag):
        return ""
    name = element.attributes.get("name")
    if name is not None and name.literal and name.value:
        return f'{tag}[name="{name.value}"]'
    kind = element.attributes.get("type")
    if tag == "input" and kind is not None and kind.literal and kind.value:
        return f'input[type="{kind.value}"]'
    return tag


def _quote(value: str) -> str:
    if "\\" in value or "'" in value:
        value = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{value}'"


def _js_value(proposal: Proposal) -> str:
    if proposal.kind == "dynamic":
        return proposal.value
    if proposal.kind == "interpolated":
        # `{…}` marks an expression in mixed text (`Remove {…}`), like `{{name}}` in a translation.
        pattern = i18n.as_pattern(proposal.value.replace("{…}", "{x}")).pattern.replace("/", "\\/")
        return f"/{pattern}/"
    return _quote(proposal.value)


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
    value = _js_value(proposal)
    if proposal.strategy == "role":
        if proposal.category == "role-only":
            return f"getByRole({_quote(proposal.role or '')})"
        return f"getByRole({_quote(proposal.role or '')}, {{ name: {value} }})"
    method = _METHODS.get(proposal.strategy)
    if method:
        return f"{method}({value})"
    return f"locator({_quote(proposal.value)})"


def rank(
    proposals: Iterable[Proposal],
    *,
    duplicates: dict[tuple[str, str | None, str], int],
    loop: str | None,
) -> list[LocatorCandidate]:
    """Score and sort. `duplicates[key]` = how many elements on the element's routes share it."""
    ranked: list[LocatorCandidate] = []
    seen: set[tuple[str, str | None, str]] = set()
    for proposal in proposals:
        key = proposal.key
        if key in seen:
            continue
        seen.add(key)
        kind = proposal.kind
        category = proposal.category
        base = BASE_SCORES[category]
        score = float(base)
        if 50 < base < 300 and kind != "dynamic":
            score += min(10, len(proposal.value) // 10)  # shorter names are easier to read and keep
        if kind == "variant":
            score += VARIANT_PENALTY
        elif kind == "interpolated":
            score += INTERPOLATED_PENALTY
        elif kind == "dynamic":
            score = float(DYNAMIC_SCORES.get(category, score + 1000))
        shared = duplicates.get(key, 1)
        # Values with run-time parts inside a loop differ per item; a literal one is the same in each.
        repeated = loop is not None and kind not in ("dynamic", "variant", "interpolated")
        if (shared > 1 or repeated) and category != "css":  # CSS is last whatever it matches
            score += DUPLICATE_PENALTY
        stable = kind == "literal" and shared == 1 and not repeated and category not in ("css", "role-only")
        ranked.append(
            new_candidate(
                strategy=proposal.strategy,
                value=proposal.value,
                role=proposal.role,
                exact=False,
                score=score,
                stable=stable,
                locale=proposal.locale,
                kind=kind,
                key=proposal.i18n_key,
                shared=shared,
                repeated=repeated,
                playwright=render(proposal),
            )
        )
    ranked.sort(key=lambda candidate: candidate.score)
    return ranked


def has_stable_locator(element: UIElement) -> bool:
    """A stable candidate, or a unique i18n one (known per locale), among the element's locators."""
    return any(
        candidate.stable or (candidate.locale is not None and candidate.score < BASE_SCORES["id"] and candidate.unique)
        for candidate in element.locators
    )
