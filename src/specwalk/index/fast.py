"""Copying and building frozen pydantic models on the index's hot paths.

`resolve` and `locators` make a few hundred thousand model instances on a large repository from
data the parsers already validated. pydantic's `model_copy` / `model_construct` are generic (deep
copy hooks, defaults, private attributes) and dominated the merge; these do the minimum that
keeps the instance a normal model (equality, serialization, `exclude_defaults`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def replace(model: M, **changes: Any) -> M:
    """`model.model_copy(update=changes)`, shallow, without validation."""
    cls = type(model)
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", {**model.__dict__, **changes})
    object.__setattr__(new, "__pydantic_fields_set__", model.__pydantic_fields_set__ | changes.keys())
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new


def construct(cls: type[M], **values: Any) -> M:
    """`cls.model_construct(**values)` for a caller that passes every field."""
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", values)
    object.__setattr__(new, "__pydantic_fields_set__", set(values))
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new
