"""The assistant as one object: index, ask, list documents. Used by the CLI, the web app and the API."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from . import wiring
from .answer import texts
from .answer.extractive import compose
from .answer.relevance import DEFAULT_DENSE_FLOOR, DENSE_FLOOR, assess
from .ingest.pipeline import CorpusIndexer, Progress
from .retrieval.catalog import load_passages
from .retrieval.dense import DenseRetriever
from .retrieval.hybrid import HybridRetriever
from .retrieval.lexical import LexicalIndex
from .settings import Settings
from .types import Answer, Hit, IndexReport

logger = logging.getLogger(__name__)
MIN_COVERAGE = 0.5


def retrieval_query(question: str, history: Sequence[Any] | None) -> str:
    """The question, plus the previous user question when there is a conversation (follow-ups)."""
    previous = [_text_of(turn) for turn in (history or [])]
    previous = [p for p in previous if p]
    return f"{question}\n{previous[-1]}" if previous else question


def _text_of(turn: Any) -> str:
    if isinstance(turn, str):
        return turn
    if isinstance(turn, dict) and turn.get("role", "user") == "user":
        return str(turn.get("content") or turn.get("question") or "")
    return ""


class Assistant:
    """Holds the loaded model, the collection and the retrievers; safe to share between threads."""

    def __init__(self, settings: Settings, embed_model: Any | None = None) -> None:
        self.settings = settings
        self.embed_model = embed_model or wiring.embedding(settings)
        self.analyzer = wiring.analyzer()
        self._lock = threading.RLock()
        self._retriever: HybridRetriever | None = None
        self._lexical: LexicalIndex | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Assistant":
        """Entry point of the Python API: sets the offline switches, then reads IKZ_* settings."""
        import os

        from .offline import apply_offline_switches

        apply_offline_switches(os.environ)
        return cls(settings or Settings())

    # -- index ---------------------------------------------------------------------------------
    def index(self, progress: Progress | None = None) -> IndexReport:
        """Bring the index up to date with the corpus folder; only changed files are embedded."""
        store = wiring.vector_store(self.settings, create=True)
        report = CorpusIndexer(self.settings, self.embed_model, store).run(self.settings.corpus_dir, progress)
        self.reload()
        return report

    def reload(self) -> None:
        """Drop the in-memory view of the index; the next question loads it afresh."""
        with self._lock:
            self._retriever = None

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                store = wiring.vector_store(self.settings, create=False)
                passages = load_passages(store.client)
                self._lexical = LexicalIndex(self.analyzer, passages)
                self._retriever = HybridRetriever(
                    DenseRetriever(store, self.embed_model),
                    self._lexical,
                    passages,
                    candidate_k=self.settings.candidate_k,
                    rrf_k=self.settings.rrf_k,
                )
            return self._retriever

    # -- ask -----------------------------------------------------------------------------------
    def retrieve(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None) -> list[Hit]:
        return self.retriever.retrieve(retrieval_query(question, history), top_k or self.settings.top_k)

    def answer(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None) -> Answer:
        question = (question or "").strip()
        if not question:
            return Answer(question, texts.EMPTY_QUESTION, True, [], {"retrieve": 0.0, "answer": 0.0})
        started = time.perf_counter()
        retriever = self.retriever
        hits = self.retrieve(question, history, top_k)
        retrieved = time.perf_counter()
        query = retrieval_query(question, history)
        relevance = assess(query, hits, self.analyzer, self._lexical.idf)
        floor = DENSE_FLOOR.get(self.settings.embed_model, DEFAULT_DENSE_FLOOR)
        if not hits or not relevance.sufficient(MIN_COVERAGE, floor):
            logger.info("abstained: coverage %.2f, dense %.3f", relevance.coverage, relevance.dense)
            text, citations, abstained = self._abstention(), [], True
        else:
            text, citations = compose(query, hits, self.analyzer, retriever.lexical.idf)
            abstained = False
        timings = {
            "retrieve": round((retrieved - started) * 1000, 1),
            "answer": round((time.perf_counter() - retrieved) * 1000, 1),
        }
        return Answer(question, text, abstained, citations, timings)

    def ask(self, question: str, history: Sequence[Any] | None = None, top_k: int | None = None) -> dict[str, Any]:
        """The command-line contract's structure (``ikz ask --json``) as a dict."""
        return self.answer(question, history, top_k).to_dict()

    def _abstention(self) -> str:
        if self.settings.contact:
            return f"{texts.ABSTAIN}\n\n{texts.CONTACT.format(contact=self.settings.contact)}"
        return texts.ABSTAIN

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Indexed documents with their chunk counts, sorted by file."""
        docs: dict[str, dict[str, Any]] = {}
        for p in self.retriever.passages:
            entry = docs.setdefault(
                p.file,
                {"file": p.file, "title": p.title, "jurisdiction": p.jurisdiction, "doctype": p.doctype,
                 "chunks": 0, "pages": 0},
            )
            entry["chunks"] += 1
            entry["pages"] = max(entry["pages"], p.page or 0)
        return sorted(docs.values(), key=lambda d: d["file"])
