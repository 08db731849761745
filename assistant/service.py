"""The assistant as one object: index, ask (streaming or not), list documents.

Used by the CLI, the web app and the HTTP API alike, so all three give the same answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from . import wiring
from .answer import texts
from .answer.base import AnswerGenerator, Composed
from .answer.amounts import asks_for_amount, states_amount
from .answer.extractive import ExtractiveGenerator, legal_label
from .answer.relevance import assess, threshold_for
from .index.store import generation
from .ingest.pipeline import CorpusIndexer, Progress
from .jurisdiction import ALL, admitted, mentioned, resolve
from .retrieval.catalog import load_passages
from .retrieval.dense import DenseRetriever
from .retrieval.expansion import QueryExpander
from .retrieval.followup import retrieval_query, retrieve_in_conversation, user_questions
from .retrieval.hybrid import HybridRetriever
from .retrieval.lexical import LexicalIndex
from .settings import Settings
from .types import Answer, Citation, Hit, IndexReport

logger = logging.getLogger(__name__)
_STALE_CHECK_SECONDS = 2.0


@dataclass
class _Loaded:
    """One consistent view of the index: replaced as a whole when the index changes."""

    retriever: HybridRetriever
    generator: AnswerGenerator
    extractive: ExtractiveGenerator
    generation: str


class Assistant:
    """Holds the model and a view of the index; safe to share between threads (the web app does)."""

    def __init__(self, settings: Settings, embed_model: Any | None = None) -> None:
        self.settings = settings
        self.embed_model = embed_model or wiring.embedding(settings)
        self.analyzer = wiring.analyzer()
        self._lock = threading.RLock()
        self._index_lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._checked_at = 0.0

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Assistant":
        """Entry point of the Python API: sets the offline switches, then reads IKZ_* settings."""
        import os

        from .offline import apply_offline_switches

        apply_offline_switches(os.environ)
        return cls(settings or Settings())

    # -- index ---------------------------------------------------------------------------------
    def index(self, progress: Progress | None = None) -> IndexReport:
        """Bring the index up to date with the corpus folder; only changed files are embedded.

        Questions asked meanwhile are answered from the previous view until the run has finished.
        """
        with self._index_lock:
            # fresh: the writer must see what another process (ikz index) wrote since this one opened the folder
            open_store = partial(wiring.vector_store, self.settings, create=True, fresh=True)
            report = CorpusIndexer(self.settings, self.embed_model, open_store).run(self.settings.corpus_dir, progress)
        self.reload()
        return report

    def reload(self) -> None:
        """Forget the in-memory view; the next question loads the index afresh."""
        with self._lock:
            self._loaded = None

    def _view(self) -> _Loaded:
        with self._lock:
            now = time.monotonic()
            if self._loaded is not None and now - self._checked_at > _STALE_CHECK_SECONDS:
                self._checked_at = now
                try:  # another process (ikz index, another app instance) may have changed the index
                    fresh = wiring.vector_store(self.settings, create=False).client
                    if generation(fresh) != self._loaded.generation:
                        self._loaded = None
                except Exception as exc:  # keep answering from what we have
                    logger.warning("Index-Prüfung fehlgeschlagen: %s", exc)
            if self._loaded is None:
                self._loaded = self._load()
                self._checked_at = now
            return self._loaded

    def _load(self) -> _Loaded:
        store = wiring.vector_store(self.settings, create=False, fresh=True)  # sees other processes' writes
        passages = load_passages(store.client)
        lexical = LexicalIndex(self.analyzer, passages, cache_dir=self.settings.lexical_cache_dir)
        expander = QueryExpander() if self.settings.query_expansion else None
        retriever = HybridRetriever(
            DenseRetriever(store, self.embed_model), lexical, passages,
            candidate_k=self.settings.candidate_k, rrf_k=self.settings.rrf_k, fusion=self.settings.fusion,
            expander=expander, expand_dense=expander is not None,
        )
        extractive = ExtractiveGenerator(self.analyzer, lexical.idf, expander)
        generator = wiring.generator(self.settings, self.analyzer, extractive)
        return _Loaded(retriever, generator, extractive, generation(store.client))

    @property
    def retriever(self) -> HybridRetriever:
        return self._view().retriever

    # -- ask -----------------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        top_k: int | None = None,
        jurisdiction: str = ALL,
    ) -> list[Hit]:
        """The best passages for ``question`` asked after ``history``, as :meth:`stream` finds them for a
        user who chose ``jurisdiction`` (default: every Land; a Land the question names takes precedence)."""
        land, _, named = self._land(question, history, jurisdiction)
        hits, _ = self._search(self._view(), self._finder(question, history, top_k, land, named, None))
        return hits

    def _finder(
        self, question: str, history: Sequence[Any] | None, top_k: int | None, land: str | None, named: str | None,
        condensed: str | None,
    ) -> Callable[[HybridRetriever], list[Hit]]:
        """The search for ``land``'s passages; those of a Land the conversation ``named`` come first."""
        k, jurisdictions = top_k or self.settings.top_k, admitted(land)
        if condensed:  # an LLM already wrote the follow-up as a question of its own
            return lambda r: r.retrieve(condensed, k, jurisdictions, named)
        return lambda r: retrieve_in_conversation(r, question, history, k, jurisdictions, named)

    def _search(self, view: _Loaded, search: Callable[[HybridRetriever], list[Hit]]) -> tuple[list[Hit], _Loaded]:
        """Hits and the view that found them. When another process (``ikz index``) has deleted passages
        that this view's vector index still lists, Chroma fails the query: read the index anew, once."""
        try:
            return search(view.retriever), view
        except Exception as exc:
            if not type(exc).__module__.startswith("chromadb"):
                raise
            logger.warning("Index wurde von einem anderen Prozess geändert, wird neu gelesen: %s", exc)
            with self._lock:
                if self._loaded is view:  # the first of several failing questions reloads, the others wait
                    self._loaded = None
            view = self._view()
            return search(view.retriever), view

    def stream(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        top_k: int | None = None,
        jurisdiction: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events for a streaming front end, in this order:

        ``{"type": "sources", "citations": [...]}`` as soon as retrieval is done (all candidates),
        ``{"type": "delta", "text": ...}`` zero or more times, and
        ``{"type": "answer", "answer": {...}}`` last, the same structure as :meth:`ask`.

        ``jurisdiction`` ("Hessen", "SN", "alle"; default: settings) limits the passages to that Land,
        federal law and unlabelled documents; a Land named in the question itself takes precedence.
        """
        question = (question or "").strip()
        history = list(history or [])
        land, other, named = self._land(question, history, jurisdiction)
        if not question:
            yield {"type": "answer", "answer": Answer("", texts.EMPTY_QUESTION, True, [], _timings(0, 0)).to_dict()}
            return
        started = time.perf_counter()
        view = self._view()
        condense = getattr(view.generator, "condense", None)  # a generator with an LLM rewrites follow-ups
        condensed = condense(question, history) if condense else None
        query = condensed or retrieval_query(question, history)
        k = top_k or self.settings.top_k
        hits, view = self._search(view, self._finder(question, history, k, land, named, condensed))
        retrieved = time.perf_counter()
        yield {"type": "sources", "citations": [asdict(Citation.from_hit(n, h)) for n, h in enumerate(hits, 1)]}

        abstained = False
        composed: Composed | None = None
        if hits and self._relevant(question, query, hits, view):
            prefix = texts.ANSWER_FOR.format(land=land) if other else ""  # the question chose the Land
            if prefix:
                yield {"type": "delta", "text": prefix}
            for item in view.generator.generate(question, hits, history):
                if isinstance(item, Composed):
                    composed = item
                else:
                    yield {"type": "delta", "text": item}
            assert composed is not None, "a generator must end with a Composed answer"
            composed.text = prefix + composed.text
        else:
            composed = self._elsewhere(question, query, k, land, view) if land else None
            if composed is None:
                composed, abstained = Composed(self._abstention(), []), True
            yield {"type": "delta", "text": composed.text}
        answer = Answer(question, composed.text, abstained, composed.citations,
                        _timings(retrieved - started, time.perf_counter() - retrieved), composed.notice,
                        jurisdiction=land or ALL)
        yield {"type": "answer", "answer": answer.to_dict()}

    def _land(
        self, question: str, history: Sequence[Any] | None, jurisdiction: str | None
    ) -> tuple[str | None, bool, str | None]:
        """(Land to filter by or None for all, whether the conversation chose another Land than the
        user, the Land the conversation names or None).

        A Land named in the question, or else in the latest earlier question that names one, counts:
        "Und wer vertritt ihn nach außen?" after questions about Zweckverbände in Baden-Württemberg is
        still about them."""
        chosen = resolve(jurisdiction if jurisdiction is not None else self.settings.jurisdiction)
        named = next(filter(None, map(mentioned, [question, *reversed(user_questions(history))])), None)
        if named and named != chosen:
            return named, True, named
        return chosen, False, named

    def _relevant(self, question: str, query: str, hits: list[Hit], view: _Loaded) -> bool:
        relevance = assess(query, hits, self.analyzer, view.retriever.lexical.idf)
        threshold = threshold_for(self.settings.embed_model, self.settings.abstain_threshold)
        if not relevance.sufficient(threshold):
            logger.info("nicht relevant: coverage %.2f, dense %.3f", relevance.coverage, relevance.dense)
            return False
        if asks_for_amount(question) and not any(states_amount(h.passage.text, question) for h in hits):
            logger.info("nach einer Menge gefragt, keine Stelle nennt eine")
            return False
        return True

    def _elsewhere(self, question: str, query: str, k: int, land: str, view: _Loaded) -> Composed | None:
        """Nothing for the user's Land: does another Land's material answer it? Say so, marked as such;
        never present another Land's rule as the user's own."""
        hits = [h for h in view.retriever.retrieve(query, k) if h.passage.jurisdiction not in admitted(land)]
        if not hits or not self._relevant(question, query, hits, view):
            return None
        text, citations = view.extractive.compose(query, hits)
        first = citations[0]
        for citation in citations:
            citation.other_land = True
        lead = texts.OTHER_LAND.format(land=land, other=first.jurisdiction, where=legal_label(first.section, first.title))
        return Composed(f"{lead}\n\n{text}", citations)

    def ask(
        self,
        question: str,
        history: Sequence[Any] | None = None,
        top_k: int | None = None,
        jurisdiction: str | None = None,
    ) -> dict[str, Any]:
        """The command-line contract's structure (``ikz ask --json``) as a dict."""
        final: dict[str, Any] = {}
        for event in self.stream(question, history, top_k, jurisdiction):
            if event["type"] == "answer":
                final = event["answer"]
        return final

    def _abstention(self) -> str:
        if self.settings.contact:
            return f"{texts.ABSTAIN}\n\n{texts.CONTACT.format(contact=self.settings.contact)}"
        return texts.ABSTAIN

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Indexed documents with their chunk counts, sorted by file."""
        docs: dict[str, dict[str, Any]] = {}
        for p in self._view().retriever.passages:
            entry = docs.setdefault(
                p.file,
                {"file": p.file, "title": p.title, "jurisdiction": p.jurisdiction, "doctype": p.doctype,
                 "chunks": 0, "pages": 0},
            )
            entry["chunks"] += 1
            entry["pages"] = max(entry["pages"], p.page or 0)
        return sorted(docs.values(), key=lambda d: d["file"])


def _timings(retrieve_s: float, answer_s: float) -> dict[str, float]:
    return {"retrieve": round(retrieve_s * 1000, 1), "answer": round(answer_s * 1000, 1)}
