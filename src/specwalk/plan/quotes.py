"""Exact extraction of quoted values: the one thing the planner must never get wrong.

A sentence becomes a *skeleton* in which each quoted value is replaced by «n», so the grammar
never sees (or splits inside) user text. Accepted quotes: "straight", “curly” (nested, as in
““Keep me” will be removed.”), 「corner」, 『white corner』, `code` and 'single' (only at word
boundaries, so apostrophes in "task's" stay text). A straight quote with no straight closer may be
closed by a curly one (`"option-1”`, a common slip).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRED = {"“": "”", "「": "」", "『": "』", "‘": "’", "«": "»"}
_SIMPLE = {'"': '"', "`": "`"}
_SINGLE = re.compile(r"(?<![\w'])'([^'\n]+)'(?![\w'])")
PLACEHOLDER = re.compile(r"«(\d+)»")


@dataclass(frozen=True)
class Quoted:
    skeleton: str
    values: tuple[str, ...]


def _closing(text: str, start: int, opener: str, closer: str) -> int:
    """Index of the closer matching text[start] (an opener), honouring nesting; -1 if none."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index
    return -1


def extract(text: str) -> Quoted:
    """Replace every quoted value with «n»; unbalanced quotes are left as text."""
    values: list[str] = []
    parts: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        end = -1
        if char in _PAIRED:
            if char == "‘" and index > 0 and text[index - 1].isalnum():
                end = -1
            else:
                end = _closing(text, index, char, _PAIRED[char])
        elif char in _SIMPLE:
            end = text.find(_SIMPLE[char], index + 1)
            if end < 0 and char == '"':
                end = text.find("”", index + 1)  # "option-1” : a straight quote closed by a curly one
        elif char == "'":
            match = _SINGLE.match(text, index) if index == 0 or not text[index - 1].isalnum() else None
            if match is not None:
                end = match.end() - 1
        if end > index:
            parts.append(f"«{len(values)}»")
            values.append(text[index + 1 : end])
            index = end + 1
            continue
        parts.append(char)
        index += 1
    return Quoted("".join(parts), tuple(values))


def restore(skeleton: str, values: tuple[str, ...]) -> str:
    """The skeleton with values back in straight quotes (for messages and suggestions)."""
    return PLACEHOLDER.sub(lambda match: f'"{values[int(match.group(1))]}"', skeleton)
