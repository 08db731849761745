"""The one place that turns Settings into concrete components."""

from __future__ import annotations

from typing import Any

from .index.embedder import load_embedding
from .index.store import open_collection
from .retrieval.german import GermanAnalyzer, HantaCompounds
from .settings import Settings


def embedding(settings: Settings) -> Any:
    return load_embedding(settings.embed_model, settings.embed_batch_size)


def vector_store(settings: Settings, create: bool, fresh: bool = False) -> Any:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    collection = open_collection(settings, settings.embed_model, create=create, fresh=fresh)
    return ChromaVectorStore(chroma_collection=collection)


def analyzer() -> GermanAnalyzer:
    return GermanAnalyzer(compounds=HantaCompounds())


def generator(settings: Settings, text_analyzer: GermanAnalyzer, extractive: Any) -> Any:
    """Extractive by default; an LLM generator (falling back to ``extractive``) when an
    OpenAI-compatible endpoint is configured."""
    if not settings.llm_base_url:
        return extractive
    from llama_index.llms.openai_like import OpenAILike

    from .answer.llm import LLMGenerator

    secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    llm = OpenAILike(
        model=settings.llm_model,
        api_base=settings.llm_base_url,
        # Local servers (Ollama, vLLM without --api-key) ignore the key; without one the client would
        # read OPENAI_API_KEY from the environment.
        api_key=secret or "keiner",
        timeout=settings.llm_timeout,
        max_retries=0,  # a failure falls back to the extractive answer at once instead of retrying
        is_chat_model=True,
        context_window=settings.llm_context_window,
    )
    return LLMGenerator(llm, extractive, text_analyzer, secret)
