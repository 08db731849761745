"""Lexical retrieval with bm25s over German tokens (see :mod:`german`).

bm25s is used directly rather than through llama-index-retrievers-bm25: every release of that
package pins PyStemmer<3, which conflicts with the PyStemmer 3.1 this project pins, and it would
tokenise with its own English-default pipeline instead of the German analysis we need.

Tokenising every passage is most of the cost of opening an index (about a minute at 100,000
passages), so the built index is kept on disk, keyed by a digest of exactly what was tokenised and
how: a process that opens an unchanged index loads it in well under a second instead.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from ..types import Passage
from .german import GermanAnalyzer

logger = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG to stderr

_EMPTY = "__leer__"  # a passage without tokens still needs one to keep its position in the index
_CACHE_FORMAT = "5"  # bump when passage_tokens or what a cache entry stores changes (old entries then go unused)
_ADDRESS = "address"
_CACHE_KEEP = 2  # entries kept per folder: the current one and the one before (a process may still be loading it)
_ABANDONED_SECONDS = 3600  # a temporary folder this old belongs to a process that died while writing


def passage_tokens(analyzer: GermanAnalyzer, passage: Passage) -> list[str]:
    """What a passage is found by: its own text, its section heading, and the words of the document
    title. Legal references in the title are left out: a title such as "GWB (§§ 97–114, inkl. § 108)"
    would otherwise make every passage of the file match "§ 108". (Counting the heading three times
    was measured too: MRR 0.734 → 0.701 on ikz eval, so it counts once.)"""
    title_words = [analyzer.stem(word) for word in analyzer.words(passage.title)]
    return title_words + analyzer.tokens(f"{passage.section or ''}\n{passage.text}")


def address_tokens(analyzer: GermanAnalyzer, passage: Passage) -> list[str]:
    """The passage's own legal address ("gwb:p108:abs6"), indexed apart from its words: in the same
    index these tokens lengthen every statute passage and shift BM25's length normalisation (one
    paraphrase question fell from rank 5 to 24 on ikz eval)."""
    return analyzer.passage_address(passage.title, passage.section, passage.text)


def _searchable(passage: Passage) -> str:
    return f"{passage.title}\n{passage.section or ''}\n{passage.text}"


class LexicalIndex:
    def __init__(self, analyzer: GermanAnalyzer, passages: Sequence[Passage], cache_dir: Path | None = None) -> None:
        """Build the index over ``passages`` (in this order), or load it from ``cache_dir`` when an entry
        for exactly these passages and this analysis is there; a fresh build is stored there."""
        self.analyzer = analyzer
        self.size = len(passages)
        self._bm25: bm25s.BM25 | None = None
        self._address: bm25s.BM25 | None = None
        if not passages:
            self._df = np.zeros(0, dtype=np.int64)
            return
        key = cache_key(analyzer, passages) if cache_dir is not None else None
        if key is not None:
            self._bm25, self._address = _load(cache_dir / key)
        if self._bm25 is None or self._address is None:
            self._bm25, self._address = bm25s.BM25(), bm25s.BM25()
            self._bm25.index([passage_tokens(analyzer, p) or [_EMPTY] for p in passages], show_progress=False)
            self._address.index([address_tokens(analyzer, p) or [_EMPTY] for p in passages], show_progress=False)
            if key is not None:
                _store(self._bm25, self._address, cache_dir, key)
        # Document frequency per vocabulary id: every (token, passage) pair has a positive BM25 score,
        # so a token's column in the score matrix holds exactly one entry per passage that uses it.
        self._df = np.diff(np.asarray(self._bm25.scores["indptr"]))

    def idf(self, token: str) -> float:
        """BM25 idf; a token the corpus never uses weighs most (a question about it has no answer here)."""
        column = self._bm25.vocab_dict.get(token) if self._bm25 is not None else None
        df = int(self._df[column]) if column is not None and column < len(self._df) else 0
        return math.log((self.size - df + 0.5) / (df + 0.5) + 1.0)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Indexes into the passage list with their BM25 scores, best first; zero scores dropped."""
        return self._retrieve(self._bm25, self.analyzer.tokens(query), k, mask)

    def search_address(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The passages at the address the query cites ("§ 108 Abs. 6 GWB"), by BM25 over the bound
        references alone, so that the exact Absatz of the named law ranks first; empty without one."""
        return self._retrieve(self._address, self.analyzer.query_address(query), k, mask)

    def _retrieve(self, bm25: bm25s.BM25 | None, tokens: list[str], k: int, mask: np.ndarray | None
                  ) -> list[tuple[int, float]]:
        if not tokens or bm25 is None:
            return []
        k = min(k, self.size)
        docs, scores = bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]


def cache_key(analyzer: GermanAnalyzer, passages: Sequence[Passage]) -> str:
    """A digest of the analysis and of every tokenised string, in order (the order is the doc id)."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{bm25s.__version__}|{analyzer.signature}".encode())
    for passage in passages:
        digest.update(_searchable(passage).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:40]


def _load(folder: Path) -> tuple[bm25s.BM25 | None, bm25s.BM25 | None]:
    """The word index and the address index of a cache entry (kept in its sub-folder ``address``)."""
    if not folder.is_dir():
        return None, None
    try:
        return (bm25s.BM25.load(str(folder), show_progress=False),
                bm25s.BM25.load(str(folder / _ADDRESS), show_progress=False))
    except Exception as exc:  # a damaged entry is rebuilt, never fatal
        logger.warning("Suchindex-Cache %s unbrauchbar, wird neu gebaut: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None, None


def _store(bm25: bm25s.BM25, address: bm25s.BM25, cache_dir: Path, key: str) -> None:
    """Write into a temporary folder and rename it: readers see a complete entry or none."""
    tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        bm25.save(str(tmp), show_progress=False)
        address.save(str(tmp / _ADDRESS), show_progress=False)
        os.rename(tmp, cache_dir / key)
    except OSError as exc:  # read-only index folder, or another process stored the same entry first
        logger.info("Suchindex nicht zwischengespeichert: %s", exc)
        shutil.rmtree(tmp, ignore_errors=True)
        return
    _prune(cache_dir)


def _prune(cache_dir: Path) -> None:
    """Keep the newest entries; drop older ones and temporary folders a killed process left behind."""
    now = time.time()
    entries: list[tuple[float, Path]] = []
    for path in cache_dir.iterdir():
        try:
            entries.append((path.stat().st_mtime, path))
        except FileNotFoundError:  # another process pruned it meanwhile
            continue
    entries.sort(reverse=True)
    complete = [p for _, p in entries if not p.name.startswith(".")]
    abandoned = [p for mtime, p in entries if p.name.startswith(".") and now - mtime > _ABANDONED_SECONDS]
    for old in complete[_CACHE_KEEP:] + abandoned:
        shutil.rmtree(old, ignore_errors=True)
