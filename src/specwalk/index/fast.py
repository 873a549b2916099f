"""Copying and building frozen pydantic models on the index's hot paths.

The parsers, `resolve` and `locators` make a few hundred thousand model instances on a large
repository from values of the right types. Validation, `model_copy` and `model_construct` are
generic and dominated the run; `replace` and the `maker` constructors do the minimum that keeps
an instance a normal model (equality, serialization, `exclude_defaults`).

Their instances share one frozen `__pydantic_fields_set__` per set of field names instead of a
set each (a set of a dozen names is much of a small model's memory), so they must not be given
to `model_copy(update=...)`, which adds to that set in place: the index uses `replace` instead,
and the map's readers get fresh instances from its JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel

from specwalk.models.uimap import (
    AttributeValue,
    ComponentEdge,
    Handler,
    LocatorCandidate,
    RenderCondition,
    SourceSpan,
    TextValue,
    UIElement,
)

M = TypeVar("M", bound=BaseModel)

_FIELD_SETS: dict[frozenset[str], frozenset[str]] = {}


def _fields(names: Any) -> frozenset[str]:
    names = frozenset(names)
    return _FIELD_SETS.setdefault(names, names)


def fields_of(cls: type[BaseModel]) -> frozenset[str]:
    """The shared fields set of `cls`'s made instances (for hand-written constructors like `maker`'s)."""
    return _fields(cls.model_fields)


def replace(model: M, **changes: Any) -> M:
    """`model.model_copy(update=changes)`, shallow, without validation."""
    cls = type(model)
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", {**model.__dict__, **changes})
    fields: AbstractSet[str] = model.__pydantic_fields_set__
    if not changes.keys() <= fields or not isinstance(fields, frozenset):
        fields = _fields(fields | changes.keys())
    object.__setattr__(new, "__pydantic_fields_set__", fields)
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new


def maker(cls: type[M]) -> Callable[..., M]:
    """A constructor for `cls` taking the same keyword arguments as `cls(...)`, without
    validation, for the parsers' hot paths (about twice as fast, and the instances share one
    fields set). The values must already be of the fields' types (models as models); list and
    dict values are copied (a tuple becomes a list), as validation does. Every instance counts
    all fields as set, which nothing in the index asks about."""
    parameters: list[str] = []
    converting: list[str] = []
    items: list[str] = []
    namespace: dict[str, Any] = {
        "_new": cls.__new__,
        "_cls": cls,
        "_set": object.__setattr__,
        "_fields": _fields(cls.model_fields),
        "_unset": object(),
    }
    for name, info in cls.model_fields.items():
        origin = get_origin(info.annotation) or info.annotation
        container = origin.__name__ if origin in (list, dict) else None
        if info.default_factory is not None:
            namespace[f"_factory_{name}"] = info.default_factory
            parameters.append(f"{name}=_unset")
            copied = f"{container}({name})" if container else name
            converting.append(f"    {name} = _factory_{name}() if {name} is _unset else {copied}")
        elif info.is_required():
            parameters.append(name)
            if container:
                converting.append(f"    {name} = {container}({name})")
        else:
            namespace[f"_default_{name}"] = info.default
            parameters.append(f"{name}=_default_{name}")
            if container:
                converting.append(f"    {name} = None if {name} is None else {container}({name})")
        items.append(f"{name!r}: {name}")
    source = "\n".join(
        [
            f"def new_{cls.__name__}(*, {', '.join(parameters)}):",
            *converting,
            "    new = _new(_cls)",
            f"    _set(new, '__dict__', {{{', '.join(items)}}})",
            "    _set(new, '__pydantic_fields_set__', _fields)",
            "    _set(new, '__pydantic_extra__', None)",
            "    _set(new, '__pydantic_private__', None)",
            "    return new",
        ]
    )
    exec(source, namespace)  # noqa: S102 - generated from the model's own field names
    made: Callable[..., M] = namespace[f"new_{cls.__name__}"]
    return made


# The parsers make hundreds of thousands of these.
new_span = maker(SourceSpan)
new_attribute = maker(AttributeValue)
new_text = maker(TextValue)
_TEXTS: dict[tuple[str, str | None, str | None, str | None], TextValue] = {}


def same_text(
    *, kind: str, value: str | None = None, key: str | None = None, expression: str | None = None
) -> TextValue:
    """`new_text(...)` without translations, variants or options, one instance per distinct
    value: a project shows the same texts, keys and expressions again and again (the models are
    frozen, and their empty defaults are never filled in, so elements can share them)."""
    found = _TEXTS.get((kind, value, key, expression))
    if found is None:
        if len(_TEXTS) > 65536:  # a long-running process indexing many projects
            _TEXTS.clear()
        found = _TEXTS[(kind, value, key, expression)] = new_text(
            kind=kind, value=value, key=key, expression=expression
        )
    return found


new_handler = maker(Handler)
_new_render = maker(RenderCondition)
_RENDERS: dict[tuple[str | None, str | None], RenderCondition] = {}


def new_render(*, conditional: str | None = None, loop: str | None = None) -> RenderCondition:
    """`RenderCondition(conditional=..., loop=...)`, one instance per distinct value (most elements
    render unconditionally; models are frozen, so they can share it)."""
    made = _RENDERS.get((conditional, loop))
    if made is None:
        if len(_RENDERS) > 4096:  # a long-running process indexing many projects
            _RENDERS.clear()
        made = _RENDERS[(conditional, loop)] = _new_render(conditional=conditional, loop=loop)
    return made


new_element = maker(UIElement)
new_edge = maker(ComponentEdge)
new_candidate = maker(LocatorCandidate)
