"""fast: the index's unvalidated constructors make the same models, and the same JSON, as pydantic."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from pydantic import TypeAdapter

from specwalk.index.fast import maker, new_candidate, new_element, new_span, new_text, replace
from specwalk.index.summary import Finding, RouteCount, Summary, to_json
from specwalk.models.uimap import (
    AttributeValue,
    Handler,
    LocatorCandidate,
    RenderCondition,
    SourceSpan,
    TextValue,
    UIElement,
)

_ELEMENTS = TypeAdapter(list[UIElement])


def _element_values() -> dict[str, object]:
    return {
        "id": "src/A.tsx:3:5",
        "location": SourceSpan(file="src/A.tsx", line=3, column=5, end_line=4),
        "component": "A",
        "tag": "button",
        "native_tag": "button",
        "role": "button",
        "attributes": {"type": AttributeValue(name="type", literal=True, value="submit")},
        "text": TextValue(kind="i18n", key="a.save", translations={"en": "Save"}, value="Save"),
        "handlers": (Handler(event="click", handler="save", syntax="onClick"),),  # a tuple: made a list
        "render": RenderCondition(loop="items.map"),
    }


def test_made_models_equal_validated_ones_and_serialize_byte_for_byte():
    values = _element_values()
    made, validated = new_element(**values), UIElement(**values)  # type: ignore[arg-type]
    assert made == validated
    assert made.handlers == validated.handlers == [Handler(event="click", handler="save", syntax="onClick")]
    assert _ELEMENTS.dump_json([made], exclude_defaults=True) == _ELEMENTS.dump_json([validated], exclude_defaults=True)
    assert made.model_dump_json() == validated.model_dump_json()
    # Defaults, and default factories (a fresh list or dict each time, as pydantic makes them).
    small = new_text(kind="literal", value="Go")
    assert small == TextValue(kind="literal", value="Go")
    assert small.translations == {} and small.options == []
    assert small.options is not new_text(kind="literal", value="Go").options
    # Lists and dicts given are copied, as validation copies them.
    attributes = {"id": AttributeValue(name="id", literal=True, value="x")}
    element = new_element(**{**values, "attributes": attributes})  # type: ignore[arg-type]
    attributes.clear()
    assert list(element.attributes) == ["id"]


def test_made_models_reject_missing_and_unknown_fields():
    with pytest.raises(TypeError):
        new_span(file="a.tsx", line=1)  # column is required
    with pytest.raises(TypeError):
        new_span(file="a.tsx", line=1, column=1, colour="red")
    with pytest.raises(TypeError):
        new_span("a.tsx", 1, 1)  # keywords only, as the models are called in the index


def test_made_and_replaced_models_share_field_sets_and_keep_json():
    candidate = new_candidate(
        strategy="role",
        value="Save",
        role="button",
        exact=False,
        score=10.0,
        stable=True,
        locale=None,
        kind="literal",
        key=None,
        shared=1,
        repeated=False,
        playwright="getByRole('button', { name: 'Save' })",
    )
    other = new_candidate(**{**candidate.__dict__, "value": "Add"})
    assert candidate.__pydantic_fields_set__ is other.__pydantic_fields_set__
    validated = LocatorCandidate(**candidate.__dict__)
    assert candidate.model_dump_json(exclude_defaults=True) == validated.model_dump_json(exclude_defaults=True)
    element = new_element(**_element_values())  # type: ignore[arg-type]
    ranked = replace(element, locators=[candidate], description="button Save")
    assert ranked.locators == [validated] and element.locators == []
    assert ranked == UIElement(**{**_element_values(), "locators": [validated], "description": "button Save"})  # type: ignore[arg-type]


def test_maker_follows_the_field_order_of_the_model():
    made = maker(RenderCondition)(loop="rows", conditional="open")
    assert made.model_dump_json() == RenderCondition(loop="rows", conditional="open").model_dump_json()
    assert list(made.__dict__) == ["conditional", "loop"]


def test_summary_json_is_what_asdict_gives():
    summary = Summary(
        files=3,
        elements=4,
        routes=[RouteCount("/", "Home", 2), RouteCount("/old", None, 0, "/")],
        unrouted=1,
        findings=[Finding("src/A.tsx:3:5", "src/A.tsx:3", "button", "add an aria-label")],
        problems=["src/B.tsx: cannot read"],
    )
    assert to_json(summary) == json.dumps(asdict(summary), separators=(",", ":"))
