"""The resolver: what a step means in the context of its scenario.

The sentence parser reads one sentence at a time; some sentences only make sense after the ones
before them. The resolver walks a scenario's steps in order (Background and preconditions first)
and settles them:

- "it", "them", "that" → the element of the last step that named one; "its delete button" → the
  delete button scoped to that element; "the button" alone right after a step on a button ("click
  "Favorite", then the button changes to "Unfavorite"") → that button;
- "the page is loaded" with no name → open the app's first page, or reload it when a page is
  already open ("Given local storage holds …, When the page loads");
- "And the price "$40"" right after "the cart shows a product titled "X"" → the same check, with
  that value (the subject and verb are implied by the line before);
- a step that does nothing ("the user does not click anything") is dropped: its line is planned;
- a Given that states something the user can set ("the "Monday" checkbox is (already) checked",
  "the "Show keys" checkbox is unchecked", "the "Title" field is empty", "has the value "x"") sets
  it (check, uncheck, clear, fill): a Given arranges the state the scenario starts from; asserted
  on a fresh page it would blame the app for a start the scenario asks to set up. What cannot be
  set ("the list is visible", "the total is "$0"") stays a check. (Steps of a reusable definition
  are kept as written.)

Nothing is guessed: a back-reference with nothing before it is a failure naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specwalk.models.scenario import ActionStep, ExpectationStep, StateStep, Step
from specwalk.plan.grammar import StepSpec

_STEP_TYPES: dict[str, type[ActionStep] | type[ExpectationStep] | type[StateStep]] = {
    "action": ActionStep,
    "expectation": ExpectationStep,
    "state": StateStep,
}
_ELEMENT_FIELDS = ("target", "role", "target_ref", "described", "nth", "scope", "scope_role")
_VALUE_CHECKS = ("text_equals", "text_contains", "value_equals", "value_contains", "attribute", "state", "has_class")


@dataclass
class Pending:
    """A parsed step not yet placed in its scenario: the rule's fields and where it comes from."""

    spec: StepSpec
    meta: dict[str, Any] = field(default_factory=dict)  # text, keyword, keyword_type, source, …

    @property
    def line(self) -> int:
        source = self.meta.get("expanded_from") or self.meta["source"]
        return int(source.line)


@dataclass(frozen=True)
class Unresolved:
    index: int  # of the pending step
    reason: str


def to_step(spec: StepSpec, meta: dict[str, Any]) -> Step:
    fields = {key: value for key, value in spec.items() if value is not None and not key.startswith("_")}
    for key, value in meta.items():
        if value is not None and key not in fields:
            fields[key] = value
    model = _STEP_TYPES[fields["kind"]]
    return model(**fields)


_FIELDS = ("textbox", "searchbox", "slider", "spinbutton")


def _given_state(spec: StepSpec) -> StepSpec:
    """The action that reaches a settable state a Given describes; the spec itself otherwise."""
    if spec.get("kind") != "expectation":
        return spec
    kind, negated = spec.get("expectation"), bool(spec.get("negated"))
    element = {name: spec[name] for name in _ELEMENT_FIELDS if spec.get(name) is not None}
    if kind == "checked" and spec.get("role") not in ("tab", "button"):
        return {"kind": "action", "action": "uncheck" if negated else "check", **element}
    if kind == "value_equals" and not negated:
        return {"kind": "action", "action": "fill", "value": spec.get("value"), **element}
    if kind == "empty" and not negated and spec.get("role") in _FIELDS:
        return {"kind": "action", "action": "clear", **element}
    return spec


# A described target that is only a kind of element: "the button", "the field", "the checkbox".
_BARE_NOUNS = {
    "button": "button",
    "link": "link",
    "field": "textbox",
    "input": "textbox",
    "checkbox": "checkbox",
    "dropdown": "combobox",
    "tab": "tab",
    "switch": "switch",
    "toggle": "switch",
}


def _bare_noun_of(spec: StepSpec, last: StepSpec) -> bool:
    """Whether `spec` names, by its kind alone, the element the step before acted on."""
    if not spec.get("described") or spec.get("target_ref") is not None or spec.get("nth") is not None:
        return False
    role = _BARE_NOUNS.get(str(spec.get("target", "")).lower())
    if role is None:
        return False
    return last.get("role") == role or (last.get("role") is None and role in ("button", "link") and _acted(last))


def _acted(spec: StepSpec) -> bool:
    return spec.get("kind") == "action" and spec.get("action") in ("click", "double_click")


def _has_element(spec: StepSpec) -> bool:
    return spec.get("target") is not None or spec.get("target_ref") is not None


def resolve(pending: list[Pending]) -> tuple[list[Step | None], list[Unresolved]]:
    """One step per pending step (None: planned, nothing to do), and the ones that cannot be settled."""
    steps: list[Step | None] = []
    failures: list[Unresolved] = []
    opened = False
    last_element: StepSpec | None = None
    last_check: StepSpec | None = None
    for index, item in enumerate(pending):
        spec = dict(item.spec)
        if item.meta.get("keyword_type") == "given" and not item.meta.get("expanded_from"):
            spec = _given_state(spec)
        if spec.get("kind") == "noop":
            steps.append(None)
            continue
        if spec.pop("_page_load", False):
            if opened:
                spec = {"kind": "action", "action": "reload"}
            else:
                spec["value"] = "/"
        back = spec.pop("_back", None)
        if back is not None:
            if last_element is None:
                failures.append(Unresolved(index, f'says "{back}" but no step before it names an element'))
                steps.append(None)
                continue
            if back == "its":
                spec["scope"] = last_element.get("target") or (last_element.get("target_ref") or {}).get("value")
            else:
                for name in _ELEMENT_FIELDS:
                    if last_element.get(name) is not None and spec.get(name) is None:
                        spec[name] = last_element[name]
        if last_element is not None and _bare_noun_of(spec, last_element):
            renamed = spec.get("expectation") in ("text_equals", "text_contains") and not last_element.get("target_ref")
            if renamed:
                # "the button changes to "Unfavorite"": found by its old name it would be gone; the
                # check is that a button with the new name is there
                spec = {
                    "kind": "expectation",
                    "expectation": "element_visible",
                    "target": spec.get("value"),
                    "role": _BARE_NOUNS[str(spec["target"]).lower()],
                    "negated": spec.get("negated", False),
                }
            else:
                for name in _ELEMENT_FIELDS:
                    spec.pop(name, None)
                    if last_element.get(name) is not None:
                        spec[name] = last_element[name]
        if spec.pop("_ellipsis", False):
            if last_check is None:
                failures.append(Unresolved(index, "names a value, but no check before it says what to compare"))
                steps.append(None)
                continue
            spec = {**last_check, "value": spec["value"], "values": ()}
            spec.pop("values")
        if spec.get("kind") == "action" and spec.get("action") in ("open", "reload", "go_back", "go_forward"):
            opened = True
        if _has_element(spec) and not (spec.get("kind") == "action" and spec.get("action") == "open"):
            last_element = spec
        if spec.get("kind") == "expectation" and spec.get("expectation") in _VALUE_CHECKS:
            last_check = spec
        try:
            steps.append(to_step(spec, item.meta))
        except ValueError as error:  # a rule made a step the model refuses: a bug of ours, said plainly
            raise AssertionError(f"step for {item.meta.get('text')!r} is invalid: {error}") from error
    return steps, failures
