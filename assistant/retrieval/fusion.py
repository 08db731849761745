"""Fusion of ranked lists: reciprocal rank fusion over ids, and score fusion over (id, score) lists."""

from __future__ import annotations

from collections.abc import Sequence


def rrf(rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked lists of ids; an id's score is the sum of ``w / (k + rank)`` over the lists.

    Duplicates within one list count once (at their best rank). Ties keep first-seen order.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        seen: set[str] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def score_fusion(
    lists: Sequence[Sequence[tuple[str, float]]], weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse (id, score) lists by their scores, each scaled to its own spread first.

    The scaling is llama-index's ``dist_based_score`` (QueryFusionRetriever): a list's mean ± 3 standard
    deviations map to 0 and 1, so a clear lead (one BM25 score far above the rest) keeps its weight,
    where RRF would count it as just "rank 1". Done here on ids because the lexical and address rankings
    are not llama-index retrievers. An id missing from a list gets nothing from it.
    """
    weights = list(weights) if weights is not None else [1.0] * len(lists)
    scores: dict[str, float] = {}
    for pairs, weight in zip(lists, weights):
        first: dict[str, float] = {}
        for item, score in pairs:
            first.setdefault(item, score)  # listed twice: counts once, at its first (best) score
        if not first:
            continue
        mean = sum(first.values()) / len(first)
        spread = 6 * (sum((v - mean) ** 2 for v in first.values()) / len(first)) ** 0.5
        low = mean - spread / 2
        for item, score in first.items():
            scores[item] = scores.get(item, 0.0) + weight * ((score - low) / spread if spread else 1.0)
    return sorted(scores.items(), key=lambda pair: -pair[1])
