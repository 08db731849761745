"""Dense retrieval through llama-index's vector index retriever over the Chroma collection."""

from __future__ import annotations

import math
from typing import Any

from llama_index.core import VectorStoreIndex
from llama_index.core.vector_stores import MetadataFilter, MetadataFilters, FilterOperator


class DenseRetriever:
    def __init__(self, vector_store: Any, embed_model: Any) -> None:
        self._index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embed_model)
        self.embed_model = embed_model

    def search(self, query: str, k: int, jurisdictions: list[str] | None = None) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) best first, optionally only from the given jurisdictions."""
        filters = None
        if jurisdictions:
            filters = MetadataFilters(
                filters=[MetadataFilter(key="jurisdiction", value=list(jurisdictions), operator=FilterOperator.IN)]
            )
        retriever = self._index.as_retriever(similarity_top_k=k, filters=filters)
        results = retriever.retrieve(query)
        # The Chroma integration reports exp(-cosine distance); turn it back into a cosine similarity.
        return [(r.node.node_id, 1.0 + math.log(max(r.score or 1e-9, 1e-9))) for r in results]
