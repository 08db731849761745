"""Dense retrieval through llama-index's vector index retriever over the Chroma collection."""

from __future__ import annotations

import math
from typing import Any

from llama_index.core import QueryBundle, VectorStoreIndex
from llama_index.core.vector_stores import MetadataFilter, MetadataFilters, FilterOperator

# Neighbours fetched without a filter per neighbour wanted, before Chroma's own filter is used.
_WIDEN = 4


class DenseRetriever:
    def __init__(self, vector_store: Any, embed_model: Any) -> None:
        self._index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embed_model)
        self.embed_model = embed_model

    def search(self, query: str, k: int, jurisdictions: list[str] | None = None) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) best first, optionally only from the given jurisdictions.

        Chroma answers a ``where`` filter by scanning every passage's metadata: about 200 ms at
        100,000 passages against 6 ms without (2 cores). So the nearest ``k`` × 4 are fetched
        unfiltered and the admitted ones kept; when at least ``k`` qualify, they are the filtered
        result as far as HNSW is exact (on the real corpus, 2 of 89 queries lost one true neighbour
        near the end of the ten). Only otherwise (few passages of the Land nearby) does the filtered
        query run.
        (Restricting the search to the admitted ids instead is faster but not exact: Chroma 1.5 then
        returns fewer than ``k`` neighbours.)
        """
        bundle = QueryBundle(query_str=query, embedding=self.embed_model.get_query_embedding(query))
        if not jurisdictions:
            return [(pid, score) for pid, score, _ in self._nearest(bundle, k)]
        admitted = set(jurisdictions)
        wide = [(pid, score) for pid, score, land in self._nearest(bundle, k * _WIDEN) if land in admitted]
        if len(wide) >= k:
            return wide[:k]
        filters = MetadataFilters(
            filters=[MetadataFilter(key="jurisdiction", value=list(jurisdictions), operator=FilterOperator.IN)]
        )
        return [(pid, score) for pid, score, _ in self._nearest(bundle, k, filters)]

    def _nearest(
        self, bundle: QueryBundle, k: int, filters: MetadataFilters | None = None
    ) -> list[tuple[str, float, str | None]]:
        results = self._index.as_retriever(similarity_top_k=k, filters=filters).retrieve(bundle)
        # The Chroma integration reports exp(-cosine distance); turn it back into a cosine similarity.
        return [
            (r.node.node_id, 1.0 + math.log(max(r.score or 1e-9, 1e-9)), r.node.metadata.get("jurisdiction"))
            for r in results
        ]
