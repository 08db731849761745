"""Which exceptions are the user's to fix, and how to say so in one line."""

from __future__ import annotations


def describe(exc: BaseException) -> str | None:
    """A one-line message for a known error; None for a bug (which should show its traceback)."""
    from pydantic import ValidationError

    from .index.embedder import EmbeddingModelError
    from .index.store import IndexMismatchError, IndexMissingError, IndexUnavailableError
    from .ingest.pipeline import CorpusMissingError
    from .jurisdiction import UnknownJurisdictionError

    if isinstance(exc, (IndexMissingError, IndexMismatchError, IndexUnavailableError, EmbeddingModelError, CorpusMissingError,
                        UnknownJurisdictionError)):
        return str(exc)
    if isinstance(exc, ValidationError):
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'IKZ_*'}: {e['msg']}" for e in exc.errors())
        return f"ungültige Einstellung: {problems}"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError, PermissionError)):
        return f"{exc.strerror}: {exc.filename}"
    if type(exc).__module__.startswith(("chromadb", "httpx", "requests")) or isinstance(exc, ConnectionError):
        return f"Index nicht erreichbar ({type(exc).__name__}: {exc})"
    return None
