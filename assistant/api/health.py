"""Readiness: can this process answer a question right now?"""

from __future__ import annotations

import logging
from typing import Any

from .. import wiring
from ..errors import describe
from ..settings import Settings
from . import texts

logger = logging.getLogger(__name__)


def readiness(assistant: Any, settings: Settings) -> dict[str, Any]:
    """``{"ready", "embed_model", "passages"}`` or ``{"ready": False, ..., "error": reason}``.

    Opens the collection afresh (Chroma reachable, index present, built with this model) and makes
    sure the assistant's in-memory view is loaded; after the first call both are cheap.
    """
    status: dict[str, Any] = {"ready": False, "embed_model": settings.embed_model}
    if getattr(assistant, "embed_model", None) is None:
        return {**status, "error": texts.NO_MODEL}
    try:
        chunks = wiring.vector_store(settings, create=False).client.count()
        passages = len(assistant.retriever.passages)
    except Exception as exc:  # every failure here is a reason to report, not to crash the probe
        # chromadb reports an unreachable server as a plain ValueError, which describe() does not know
        reason = describe(exc) or texts.INDEX_UNREACHABLE.format(detail=f"{type(exc).__name__}: {exc}")
        logger.warning("nicht bereit: %s", reason)
        return {**status, "error": reason}
    if chunks == 0 or passages == 0:
        return {**status, "error": texts.INDEX_EMPTY}
    return {**status, "ready": True, "passages": passages}
