"""Semantic retrieval with the bundled MiniLM model: paraphrases bm25 cannot see."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import load_config
from specwalk.ground import build_retriever
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.ground.semantic import HybridRetriever, MiniLMEmbedder
from specwalk.models.uimap import UIElement
from specwalk.pipeline import index_for

SHOP = Path(__file__).resolve().parents[3] / "examples" / "shop-vue" / "specwalk.toml"


@pytest.fixture(scope="module")
def elements() -> list[UIElement]:
    return list(index_for(load_config(SHOP)).elements)


@pytest.fixture(scope="module")
def hybrid(elements: list[UIElement]) -> HybridRetriever:
    return HybridRetriever(elements, MiniLMEmbedder())


def _names(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.element.description.split(" in ")[0] for hit in hits]


def test_a_paraphrase_bm25_misses_is_found_by_meaning(elements: list[UIElement], hybrid: HybridRetriever) -> None:
    # No element says "purchase": bm25 has nothing; the embedding relates it to checking out.
    assert LexicalRetriever(elements).search("the purchase button", role="button") == []
    hits = hybrid.search("the purchase button", k=3, role="button")
    assert hits, "the semantic retriever found nothing"
    assert all(hit.element.role == "button" for hit in hits)
    assert any("Place order" in name or "checkout" in name for name in _names(hits)), _names(hits)
    assert "cosine" in hits[0].reason


def test_exact_words_still_win(hybrid: HybridRetriever) -> None:
    top = hybrid.search("Search products", k=1)[0]
    assert top.element.role == "searchbox"
    assert top.bm25 > 0


def test_route_scoping_applies_to_fused_scores(hybrid: HybridRetriever) -> None:
    on_cart = hybrid.search("quantity", k=3, route="/cart")
    assert on_cart[0].element.routes and "/cart" in on_cart[0].element.routes


def test_build_retriever_picks_the_configured_kind(elements: list[UIElement]) -> None:
    assert isinstance(build_retriever("lexical", elements), LexicalRetriever)
    assert isinstance(build_retriever("semantic", elements), HybridRetriever)
