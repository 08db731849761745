"""The Chroma collection: embedded on disk by default, a Chroma server when configured.

The collection records the embedding model it was built with and refuses another one, because
vectors of two models in one collection would make every similarity meaningless.

With ``IKZ_CHROMA_HOST`` set, every process (indexer, app instances on other machines) talks to the
same server; ``IKZ_CHROMA_TOKEN`` is sent as ``Authorization: Bearer …`` for a server or reverse proxy
that checks it. What stays in the local index folder is only what one machine needs for itself: the
indexer's docstore (file fingerprints, see :mod:`assistant.ingest.pipeline`) and each machine's cache
of the lexical index.
"""

from __future__ import annotations

from typing import Any

from ..settings import Settings
from . import texts


_CHROMA_DB = "chroma.sqlite3"  # what chromadb.PersistentClient keeps in its folder


class IndexMismatchError(Exception):
    """The index was built with another embedding model."""


class IndexMissingError(Exception):
    """There is no index yet."""


class IndexUnavailableError(ConnectionError):
    """The configured Chroma server does not answer or refuses us; the message says which and why."""


def chroma_client(settings: Settings, fresh: bool = False) -> Any:
    """``fresh``: read the index folder anew. Chroma shares one client system per folder within a process,
    and its in-memory vector index never sees what another process (``ikz index``) wrote since."""
    import chromadb

    chroma_settings = _chroma_settings()
    if settings.chroma_host:
        headers = {}
        if settings.chroma_token is not None:
            headers["Authorization"] = f"Bearer {settings.chroma_token.get_secret_value()}"
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, headers=headers, settings=chroma_settings
            )
        except Exception as exc:  # chromadb turns every failure here into a ValueError or a ChromaError
            raise IndexUnavailableError(_unavailable(settings, exc)) from exc
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    if fresh:  # collections opened before keep their system; new clients get a new one
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def _chroma_settings() -> Any:
    """A new object for every client: chromadb's HttpClient writes its server address and API
    implementation into the settings it is given, so a shared object would turn every later local
    client into an HTTP client."""
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def open_collection(settings: Settings, model_id: str, create: bool, fresh: bool = False) -> Any:
    """Open (or with ``create`` make) the passage collection and check its embedding model."""
    if not create and not settings.chroma_host and not (settings.chroma_dir / _CHROMA_DB).exists():
        # Not even a client: it would set up an empty database, racing an indexer that sets up the same one.
        raise IndexMissingError(texts.INDEX_MISSING.format(where=_where(settings)))
    client = chroma_client(settings, fresh)
    if create:
        collection = client.get_or_create_collection(
            settings.collection,
            metadata={"embed_model": model_id},
            configuration={"hnsw": {"space": "cosine"}},  # explicit: Chroma's default is L2
            embedding_function=None,  # Chroma's default would try to download a model
        )
    else:
        try:
            collection = client.get_collection(settings.collection, embedding_function=None)
        except Exception as exc:  # chromadb raises NotFoundError / ValueError depending on version
            raise IndexMissingError(texts.INDEX_MISSING.format(where=_where(settings))) from exc
    built_with = (collection.metadata or {}).get("embed_model")
    if built_with and built_with != model_id:
        raise IndexMismatchError(texts.INDEX_MISMATCH.format(built_with=built_with, model=model_id))
    return collection


def _where(settings: Settings) -> str:
    if settings.chroma_host:
        return texts.WHERE_SERVER.format(server=_server(settings), collection=settings.collection)
    return texts.WHERE_FOLDER.format(folder=settings.index_dir)


def _server(settings: Settings) -> str:
    return f"{settings.chroma_host}:{settings.chroma_port}"


def _unavailable(settings: Settings, exc: BaseException) -> str:
    message = texts.SERVER_REFUSED if _refused(exc) else texts.SERVER_UNREACHABLE
    return message.format(server=_server(settings), reason=exc)


def _refused(exc: BaseException | None) -> bool:
    """Whether a 401/403 is behind ``exc``: chromadb re-raises it as a plain error, the status in its context."""
    import httpx
    from chromadb.errors import AuthorizationError, ChromaAuthError

    while exc is not None:
        if isinstance(exc, (AuthorizationError, ChromaAuthError)):
            return True
        if isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in (401, 403):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def generation(collection: Any) -> str:
    """A stamp that changes with every index run that changed something; readers reload on change."""
    return str((collection.metadata or {}).get("generation", ""))


def bump_generation(collection: Any) -> None:
    import uuid

    metadata = {k: v for k, v in (collection.metadata or {}).items() if not k.startswith("hnsw:")}
    collection.modify(metadata={**metadata, "generation": uuid.uuid4().hex})


def drop_collection(settings: Settings) -> None:
    client = chroma_client(settings)
    try:
        client.delete_collection(settings.collection)
    except Exception:  # absent already: nothing to drop
        pass
