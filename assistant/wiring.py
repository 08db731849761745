"""The one place that turns Settings into concrete components."""

from __future__ import annotations

from typing import Any

from .index.embedder import load_embedding
from .index.store import open_collection
from .retrieval.german import GermanAnalyzer, HantaCompounds
from .settings import Settings


def embedding(settings: Settings) -> Any:
    return load_embedding(settings.embed_model, settings.embed_batch_size)


def vector_store(settings: Settings, create: bool) -> Any:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    collection = open_collection(settings, settings.embed_model, create=create)
    return ChromaVectorStore(chroma_collection=collection)


def analyzer() -> GermanAnalyzer:
    return GermanAnalyzer(compounds=HantaCompounds())


def generator(settings: Settings, text_analyzer: GermanAnalyzer, lexical: Any) -> Any:
    """Extractive by default; an LLM generator when an OpenAI-compatible endpoint is configured."""
    from .answer.extractive import ExtractiveGenerator

    return ExtractiveGenerator(text_analyzer, lexical.idf)
