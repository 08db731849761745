"""All passages of the collection in memory, for the lexical index and passage look-ups.

Loaded from Chroma itself, so an app that talks to a Chroma server sees the same passages as the
indexer, whichever machine it runs on.
"""

from __future__ import annotations

from typing import Any

from ..types import Passage

_PAGE = 5000


def load_passages(collection: Any) -> list[Passage]:
    passages: list[Passage] = []
    total = collection.count()
    for offset in range(0, total, _PAGE):
        batch = collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
        for pid, text, meta in zip(batch["ids"], batch["documents"], batch["metadatas"]):
            passages.append(Passage.from_metadata(pid, text or "", meta or {}))
    # Document order: file, then position in the file; makes neighbours and tests deterministic.
    passages.sort(key=lambda p: (p.file, p.start or 0))
    return passages
