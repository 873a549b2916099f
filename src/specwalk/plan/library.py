"""Reusable steps defined once in the requirements and expanded wherever they are used.

A "Steps" section (see docs/step-language.md) defines phrases; `{name}` inside quotes is a
parameter: `I am signed in as "{user}"` matches `Given I am signed in as "admin"` and binds
user=admin in the definition's body lines. An unquoted `{name}` stands for a whole number:
`I have added {count} "{product}" to the cart` matches `I have added 3 "Blue Mug" to the cart`.
Matching compares normalised skeletons, so "Given", "I", "we", "should" and the kind of quotes do
not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from specwalk.plan import chinese, english
from specwalk.plan.quotes import extract
from specwalk.plan.sentences import is_chinese

_PARAMETER = re.compile(r"^\{(\w+)\}$")
_NUMBER_PARAMETER = re.compile(r"\\\{(\w+)\\\}")  # in re.escape()d text


@dataclass(frozen=True)
class BodyLine:
    text: str
    line: int


@dataclass(frozen=True)
class Definition:
    phrase: str
    line: int
    skeleton: str
    slots: tuple[str | None, ...]  # per quote: a parameter name, or None for a literal quote
    literals: tuple[str, ...]
    body: tuple[BodyLine, ...]
    numbers: re.Pattern[str] | None = None  # the skeleton with unquoted {name}s as number groups


def _normalized(text: str) -> tuple[str, tuple[str, ...]]:
    quoted = extract(text.strip())
    skeleton = quoted.skeleton
    normal = chinese.normalize(skeleton) if is_chinese(skeleton) else english.normalize(skeleton)
    return normal, quoted.values


def define(phrase: str, line: int, body: list[BodyLine]) -> Definition:
    skeleton, values = _normalized(phrase)
    slots = tuple(match.group(1) if (match := _PARAMETER.match(value)) else None for value in values)
    escaped = re.escape(skeleton)
    numbers = None
    if _NUMBER_PARAMETER.search(escaped):
        seen: set[str] = set()

        def group(match: re.Match[str]) -> str:
            # A name used twice must be the same number (a backreference: a group cannot be
            # defined twice); one that is no identifier ({1}) stays literal text.
            name = match.group(1)
            if not name.isidentifier():
                return match.group(0)
            if name in seen:
                return rf"(?P={name})"
            seen.add(name)
            return rf"(?P<{name}>\d+)"

        numbers = re.compile(_NUMBER_PARAMETER.sub(group, escaped))
    return Definition(phrase, line, skeleton, slots, values, tuple(body), numbers)


@dataclass(frozen=True)
class Use:
    definition: Definition
    body: tuple[BodyLine, ...]  # with the parameters filled in


def _bind(text: str, binding: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: binding.get(match.group(1), match.group(0)), text)


class StepLibrary:
    def __init__(self, definitions: list[Definition]) -> None:
        self._by_skeleton: dict[str, list[Definition]] = {}
        self._with_numbers: list[tuple[Definition, re.Pattern[str]]] = []
        for definition in definitions:
            if definition.numbers is not None:
                self._with_numbers.append((definition, definition.numbers))
            else:
                self._by_skeleton.setdefault(definition.skeleton, []).append(definition)

    def __bool__(self) -> bool:
        return bool(self._by_skeleton or self._with_numbers)

    def match(self, text: str) -> Use | None:
        if not self:
            return None
        skeleton, values = _normalized(text)
        candidates: list[tuple[Definition, dict[str, str]]] = [
            (definition, {}) for definition in self._by_skeleton.get(skeleton, [])
        ]
        for definition, pattern in self._with_numbers:
            if found := pattern.fullmatch(skeleton):
                candidates.append((definition, found.groupdict()))
        for definition, numbers in candidates:
            if len(values) != len(definition.slots):
                continue
            binding: dict[str, str] = dict(numbers)
            if any(
                slot is None and value != literal
                for slot, value, literal in zip(definition.slots, values, definition.literals, strict=True)
            ):
                continue
            for slot, value in zip(definition.slots, values, strict=True):
                if slot is not None:
                    binding[slot] = value
            body = tuple(BodyLine(_bind(line.text, binding), line.line) for line in definition.body)
            return Use(definition, body)
        return None
