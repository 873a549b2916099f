"""The locator IR: how a test finds one element, independent of the language it is emitted in.

A locator is a chain of parts, outermost first, each optionally narrowed by `has_text` (Playwright's
`filter({ hasText })`) and `nth`. Choosing a locator (ground/verify) is separate from rendering it
(emit), as in Playwright's own LocatorFactory.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LocatorKind = Literal["role", "label", "placeholder", "text", "alt", "title", "testid", "css"]


class LocatorPart(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LocatorKind
    value: str  # accessible name / label / placeholder / text / test id / CSS selector ("" for a bare role)
    role: str | None = None  # for kind == "role"
    exact: bool = False
    # The name starts with `value` as a whole word and goes on with something the app computes
    # ("Cart 3" for a link written `Cart <span>{{ count }}</span>`): rendered as /^Cart\b/.
    prefix: bool = False
    has_text: str | None = None
    # Only the visible matches (`filter({ visible: true })`), before `nth`: copies of one control
    # where the first in the document is hidden (a menu rendered for small screens too).
    visible: bool = False
    # Only the hidden matches (`filter({ visible: false })`): a claim about a whole collection ("the
    # piano keys are visible") is that none of its matches is hidden.
    hidden: bool = False
    nth: int | None = None  # 0: `.first()`, -1: `.last()`


class Locator(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    parts: tuple[LocatorPart, ...] = Field(min_length=1)

    @property
    def target(self) -> LocatorPart:
        return self.parts[-1]

    @property
    def uses_nth(self) -> bool:
        return any(part.nth is not None for part in self.parts)


_REGEX_SPECIAL = re.compile(r"[\\^$.*+?()[\]{}|/-]")


def prefix_pattern(value: str) -> str:
    """The regex source for a `prefix` part, written so JavaScript and Python read it the same way."""
    return "^" + _REGEX_SPECIAL.sub(lambda match: "\\" + match.group(0), value) + r"\b"


def role(role_name: str, name: str = "", *, exact: bool = False) -> Locator:
    return Locator(parts=(LocatorPart(kind="role", role=role_name, value=name, exact=exact),))


def single(kind: LocatorKind, value: str, *, exact: bool = False) -> Locator:
    return Locator(parts=(LocatorPart(kind=kind, value=value, exact=exact),))
