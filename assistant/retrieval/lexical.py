"""Lexical retrieval with bm25s over German tokens (see :mod:`german`).

bm25s is used directly rather than through llama-index-retrievers-bm25: every release of that
package pins PyStemmer<3, which conflicts with the PyStemmer 3.1 this project pins, and it would
tokenise with its own English-default pipeline instead of the German analysis we need.
"""

from __future__ import annotations

import math
from collections import Counter
import logging
from collections.abc import Sequence

import bm25s
import numpy as np

from ..types import Passage
from .german import GermanAnalyzer

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG to stderr


def passage_tokens(analyzer: GermanAnalyzer, passage: Passage) -> list[str]:
    """What a passage is found by: its own text plus the headings it stands under."""
    return analyzer.tokens(f"{passage.title}\n{passage.section or ''}\n{passage.text}")


class LexicalIndex:
    def __init__(self, analyzer: GermanAnalyzer, passages: Sequence[Passage]) -> None:
        self.analyzer = analyzer
        self._bm25 = bm25s.BM25()
        corpus = [passage_tokens(analyzer, p) or ["__leer__"] for p in passages]
        self.size = len(corpus)
        self._df = Counter(token for tokens in corpus for token in set(tokens))
        if corpus:
            self._bm25.index(corpus, show_progress=False)

    def idf(self, token: str) -> float:
        """BM25 idf; a token the corpus never uses weighs most (a question about it has no answer here)."""
        df = self._df.get(token, 0)
        return math.log((self.size - df + 0.5) / (df + 0.5) + 1.0)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Indexes into the passage list with their BM25 scores, best first; zero scores dropped."""
        tokens = self.analyzer.tokens(query)
        if not tokens or not self.size:
            return []
        k = min(k, self.size)
        docs, scores = self._bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
