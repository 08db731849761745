"""Answers written by a language model behind an OpenAI-compatible endpoint (Ollama, vLLM, …).

The model sees only the retrieved passages. Its answer counts only with valid citations; without
one, or when the endpoint fails (down, timeout, HTTP error, broken stream), the extractive answer
is given instead, with a notice saying why. The user never sees an exception.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import openai
from llama_index.core.llms import LLM

from ..retrieval.german import GermanAnalyzer
from ..types import Hit
from . import texts
from .base import AnswerGenerator, Composed
from .citations import validate
from .condense import condense_question
from .prompt import answer_messages

logger = logging.getLogger(__name__)

# After a failure the endpoint is left alone this long: a question should not wait for a timeout
# twice (condensing, then answering), and a down server should not be asked again every second.
COOLDOWN_SECONDS = 30.0


class LLMGenerator:
    """Streams the model's answer, then validates its citations; the fallback covers every failure."""

    def __init__(self, llm: LLM, fallback: AnswerGenerator, analyzer: GermanAnalyzer, secret: str | None = None) -> None:
        self.llm = llm
        self.fallback = fallback
        self.analyzer = analyzer
        self._secret = secret
        self._lock = threading.Lock()
        self._resting_until = 0.0
        self._resting_notice = texts.LLM_UNREACHABLE

    def condense(self, question: str, history: Sequence[Any]) -> str | None:
        """A standalone version of a follow-up question for retrieval; None means "use the default"."""
        if self._resting() is not None:
            return None
        try:
            return condense_question(self.llm, question, history)
        except Exception as exc:  # any failure of the endpoint: retrieval goes on without it
            self._failed("Umformulieren der Folgefrage", exc)
            return None

    def generate(self, question: str, hits: list[Hit], history: Sequence[Any]) -> Iterator[str | Composed]:
        notice = self._resting()
        if notice is not None:
            yield from self._extractive(question, hits, history, notice)
            return
        parts: list[str] = []
        try:
            for chunk in self.llm.stream_chat(answer_messages(question, hits, history)):
                if chunk.delta:
                    parts.append(chunk.delta)
                    yield chunk.delta
        except Exception as exc:  # down, timeout, HTTP error, malformed stream: all end the same way
            yield from self._extractive(question, hits, history, self._failed("Antwort", exc))
            return
        composed = validate("".join(parts), hits, self.analyzer)
        if composed is None:
            logger.warning("Antwort des Sprachmodells ohne gültige Quellenangabe; Antwort aus den Unterlagen")
            yield from self._extractive(question, hits, history, texts.LLM_UNCITED)
            return
        yield composed

    def _extractive(self, question: str, hits: list[Hit], history: Sequence[Any], notice: str) -> Iterator[str | Composed]:
        for item in self.fallback.generate(question, hits, history):
            yield Composed(item.text, item.citations, notice) if isinstance(item, Composed) else item

    def _resting(self) -> str | None:
        """The notice of the last failure while the endpoint is being left alone, else None."""
        with self._lock:
            return self._resting_notice if time.monotonic() < self._resting_until else None

    def _failed(self, step: str, exc: Exception) -> str:
        """Log the failure once, without the API key, and rest; returns the notice for the user."""
        notice = texts.LLM_UNREACHABLE if isinstance(exc, openai.APIConnectionError) else texts.LLM_FAILED
        reason = f"{type(exc).__name__}: {exc}"
        if self._secret:
            reason = reason.replace(self._secret, "***")
        logger.warning("Sprachmodell nicht nutzbar (%s): %s; Antwort aus den Unterlagen", step, reason)
        with self._lock:
            self._resting_until = time.monotonic() + COOLDOWN_SECONDS
            self._resting_notice = notice
        return notice
