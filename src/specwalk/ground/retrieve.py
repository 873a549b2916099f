"""Retrieve UI-map elements for a step's target phrase (lexical by default, bm25s).

Each element is indexed by its one-line description (role, accessible name, label, placeholder,
texts in every locale, test id, handler names, component). Chinese has no spaces, so CJK runs
are indexed as characters and character bigrams; Latin words are lower-cased and lightly stemmed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from specwalk.models.uimap import UIElement

_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "with",
        "by",
        "from",
        "is",
        "are",
        "be",
        "this",
        "that",
        "it",
        "its",
        "my",
        "your",
        "their",
        "button",
        "field",
        "link",
        "box",
        "input",
        "page",
        "s",
    ]
)
# Nouns people use for controls, mapped to the ARIA roles they imply.
ROLE_WORDS: dict[str, str] = {
    "button": "button",
    "按钮": "button",
    "link": "link",
    "链接": "link",
    "field": "textbox",
    "input": "textbox",
    "textbox": "textbox",
    "box": "textbox",
    "输入框": "textbox",
    "文本框": "textbox",
    "checkbox": "checkbox",
    "复选框": "checkbox",
    "radio": "radio",
    "单选框": "radio",
    "dropdown": "combobox",
    "select": "combobox",
    "下拉框": "combobox",
    "选择框": "combobox",
    "tab": "tab",
    "dialog": "dialog",
    "对话框": "dialog",
    "heading": "heading",
    "标题": "heading",
}


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for match in _WORD.finditer(_CAMEL.sub(" ", text).lower()):
        piece = match.group(0)
        if piece[0].isascii():
            if piece not in _STOP:
                tokens.append(_stem(piece))
            continue
        tokens.extend(piece)
        tokens.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return tokens


@dataclass(frozen=True)
class Hit:
    element: UIElement
    score: float
    reason: str
    bm25: float = 0.0  # the unboosted lexical score, for fusing with other retrievers


class Retriever(Protocol):
    def search(self, phrase: str, *, k: int = 8, role: str | None = None, route: str | None = None) -> list[Hit]: ...


class LexicalRetriever:
    """bm25 over element descriptions, with a boost for the implied role and the current route."""

    def __init__(self, elements: Sequence[UIElement]) -> None:
        import bm25s

        self.elements = list(elements)
        self._corpus = [tokenize(element.description or element.id) or ["_"] for element in self.elements]
        self._index = bm25s.BM25()
        if self.elements:
            self._index.index(self._corpus, show_progress=False)

    def search(self, phrase: str, *, k: int = 8, role: str | None = None, route: str | None = None) -> list[Hit]:
        query = tokenize(phrase)
        if not self.elements or not query:
            return []
        documents, scores = self._index.retrieve([query], k=len(self.elements), show_progress=False)
        hits: list[Hit] = []
        for position, raw in zip(documents[0], scores[0], strict=True):
            if raw <= 0:
                continue
            element = self.elements[int(position)]
            hits.append(boosted(element, float(raw), [f"bm25 {raw:.2f}"], role, route, bm25=float(raw)))
        return ranked(hits, k)


def boosted(
    element: UIElement, score: float, reasons: list[str], role: str | None, route: str | None, *, bm25: float
) -> Hit:
    """A hit whose score favours the role the phrase implies and the route the page is on."""
    if role and element.role == role:
        score *= 1.5
        reasons.append(f"role {role}")
    if route and element.routes:
        if route in element.routes:
            score *= 1.3
            reasons.append(f"renders under {route}")
        else:
            score *= 0.5
            reasons.append(f"not under {route}")
    return Hit(element, score, ", ".join(reasons), bm25=bm25)


def ranked(hits: list[Hit], k: int) -> list[Hit]:
    return sorted(hits, key=lambda hit: (-hit.score, hit.element.id))[:k]
