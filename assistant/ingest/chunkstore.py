"""Writing a file's chunks into the Chroma collection while questions are being answered from it.

A changed file's chunks are overwritten in place (same ids, see ``splitter.chunk_id``) and only the
surplus ones deleted afterwards, so at no moment during a reindex is a file missing from the dense
search: an app still answering from the view it loaded before the run keeps finding it.
llama-index's ChromaVectorStore can only *add*, and Chroma silently keeps the old entry when an id
exists already, hence the upsert here; the stored fields are exactly the ones ChromaVectorStore writes,
so every reader of the collection sees the same chunks whichever way they were written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from llama_index.core.schema import BaseNode, MetadataMode
from llama_index.core.vector_stores.utils import node_to_metadata_dict

_BATCH = 1000  # well below Chroma's maximum batch size
_PAGE = 5000


def upsert_chunks(collection: Any, nodes: Sequence[BaseNode]) -> None:
    for start in range(0, len(nodes), _BATCH):
        batch = nodes[start:start + _BATCH]
        metadatas = []
        for node in batch:
            metadata = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)
            metadatas.append({key: "" if value is None else value for key, value in metadata.items()})
        collection.upsert(
            ids=[node.node_id for node in batch],
            embeddings=[node.get_embedding() for node in batch],
            metadatas=metadatas,
            documents=[node.get_content(metadata_mode=MetadataMode.NONE) for node in batch],
        )


def delete_surplus_chunks(collection: Any, doc_id: str, keep: set[str]) -> None:
    """Delete the chunks of ``doc_id`` that its new version no longer has."""
    stored = collection.get(where={"document_id": doc_id}, include=[])["ids"]
    surplus = [chunk_id for chunk_id in stored if chunk_id not in keep]
    if surplus:
        collection.delete(ids=surplus)


def documents_without(collection: Any, known: Callable[[str], bool]) -> set[str]:
    """Ids of the documents that have chunks in the collection but are not ``known``."""
    found: set[str] = set()
    for offset in range(0, collection.count(), _PAGE):
        batch = collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
        for metadata in batch["metadatas"]:
            doc_id = str((metadata or {}).get("document_id"))
            if not known(doc_id):
                found.add(doc_id)
    return found
