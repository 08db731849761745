"""What every answer generator (extractive, LLM) produces."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..types import Citation, Hit


@dataclass
class Composed:
    """The finished answer text with the citations it uses (numbered as in the text)."""

    text: str
    citations: list[Citation]
    notice: str | None = None


class AnswerGenerator(Protocol):
    """Turns retrieved passages into an answer. A generator may also offer
    ``condense(question, history) -> str | None`` to rewrite a follow-up as a standalone question
    (the LLM generator does); the service uses it when present."""

    def generate(self, question: str, hits: list[Hit], history: Sequence[Any]) -> Iterator[str | Composed]:
        """Yield text deltas as they are produced, then exactly one :class:`Composed` as the last item."""
        ...
