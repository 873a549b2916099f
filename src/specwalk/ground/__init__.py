"""Grounding: a step's target phrase -> a UI-map element -> one live element and its locator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from specwalk.ground.retrieve import LexicalRetriever, Retriever
from specwalk.models.uimap import UIElement


def build_retriever(kind: Literal["lexical", "semantic"], elements: Sequence[UIElement]) -> Retriever:
    """The configured retriever; "semantic" loads the embedding model (a UsageError if not installed)."""
    if kind == "semantic":
        from specwalk.ground.semantic import HybridRetriever, MiniLMEmbedder

        return HybridRetriever(elements, MiniLMEmbedder())
    return LexicalRetriever(elements)
