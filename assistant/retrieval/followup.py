"""Follow-up questions without a language model: the retrieval query carries the conversation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def retrieval_query(question: str, history: Sequence[Any] | None) -> str:
    """The question plus the previous user question, so "Und welche Form braucht der Vertrag?"
    after a question about öffentlich-rechtliche Verträge still finds § 57 VwVfG."""
    previous = [p for p in (user_text(turn) for turn in (history or [])) if p]
    return f"{question}\n{previous[-1]}" if previous else question


def user_text(turn: Any) -> str:
    """The text of a user turn: a plain string, or a chat message {"role": "user", "content": ...}."""
    if isinstance(turn, str):
        return turn
    if isinstance(turn, dict) and turn.get("role", "user") == "user":
        content = turn.get("content") or turn.get("question") or ""
        return content if isinstance(content, str) else ""
    return ""
