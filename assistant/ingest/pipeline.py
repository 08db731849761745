"""Incremental indexing of a corpus folder with llama-index's IngestionPipeline.

The docstore (llama-index SimpleDocumentStore, persisted next to Chroma) remembers each file's hash,
so a second run embeds nothing and a changed file replaces exactly its own chunks. Deletions are
done here rather than with DocstoreStrategy.UPSERTS_AND_DELETE: that strategy deletes every document
missing from the run's input, and a file that merely failed to parse this time must keep its chunks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core import Document
from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline
from llama_index.core.storage.docstore import SimpleDocumentStore

from ..index.store import bump_generation
from ..settings import Settings
from ..types import FileFailure, IndexReport
from .documents import fingerprint, to_document
from .readers import SUPPORTED_SUFFIXES, ReaderError, read_file
from .splitter import StructureSplitter

logger = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
_BATCH_FILES = 8


@dataclass
class CorpusFile:
    rel: str
    path: Path
    sha256: str


def scan_corpus(root: Path) -> tuple[list[CorpusFile], list[FileFailure]]:
    """Every file below ``root`` (hidden files and folders and ``_meta.yaml`` skipped)."""
    files, failures = [], []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts) or path.name == "_meta.yaml":
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            failures.append(FileFailure(rel, f"Dateityp {path.suffix or '(ohne Endung)'} wird nicht unterstützt"))
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            failures.append(FileFailure(rel, f"nicht lesbar: {exc.strerror or exc}"))
            continue
        files.append(CorpusFile(rel, path, digest))
    return files, failures


class CorpusMissingError(Exception):
    """The corpus folder does not exist; indexing it would remove every document from the index."""


def reset_index(settings: Settings) -> None:
    """Forget everything indexed (for ``ikz index --rebuild``, e.g. after changing the model)."""
    from ..index.store import drop_collection

    drop_collection(settings)
    settings.docstore_path.unlink(missing_ok=True)


class CorpusIndexer:
    """Owns the docstore and the pipeline for one index folder."""

    def __init__(self, settings: Settings, embed_model: Any, vector_store: Any) -> None:
        self.settings = settings
        self.vector_store = vector_store
        path = settings.docstore_path
        self.docstore = SimpleDocumentStore.from_persist_path(str(path)) if path.exists() else SimpleDocumentStore()
        self.pipeline = IngestionPipeline(
            transformations=[
                StructureSplitter(
                    chunk_chars=settings.chunk_chars, overlap_paragraphs=settings.chunk_overlap_paragraphs
                ),
                embed_model,
            ],
            docstore=self.docstore,
            vector_store=vector_store,
            docstore_strategy=DocstoreStrategy.UPSERTS,
        )

    def run(self, corpus: Path, progress: Progress | None = None) -> IndexReport:
        started = time.perf_counter()
        if not corpus.is_dir():
            raise CorpusMissingError(f"Korpus-Ordner nicht gefunden: {corpus}")
        report = IndexReport()
        files, report.failed = scan_corpus(corpus)
        for failure in report.failed:
            logger.warning("nicht indexiert: %s: %s", failure.file, failure.error)
        on_disk = {f.rel for f in files}

        chunking = f"{self.settings.chunk_chars}/{self.settings.chunk_overlap_paragraphs}"
        pending: list[Document] = []
        for done, corpus_file in enumerate(files, start=1):
            known = self.docstore.get_document_hash(corpus_file.rel)
            current = fingerprint(corpus_file.sha256, corpus_file.path.parent, chunking)
            if known == current:
                report.unchanged += 1  # same bytes as last time: no parsing, no embedding
            else:
                document = self._parse(corpus_file, current, corpus, report)
                if document is not None:
                    if known is None:
                        report.added += 1
                    else:
                        report.updated += 1
                    pending.append(document)
            if len(pending) >= _BATCH_FILES or (done == len(files) and pending):
                self._embed(pending, report)
                pending = []
            if progress:
                progress(done, len(files), corpus_file.rel)

        for doc_id in sorted(set(self.docstore.get_all_document_hashes().values()) - on_disk):
            self.vector_store.delete(doc_id)
            self.docstore.delete_document(doc_id, raise_error=False)
            report.removed += 1
        self._persist()
        if report.added or report.updated or report.removed:
            bump_generation(self.vector_store.client)
        report.chunks = self.vector_store.client.count()
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _parse(self, corpus_file: CorpusFile, file_fingerprint: str, corpus: Path, report: IndexReport) -> Document | None:
        try:
            parsed = read_file(corpus_file.path, int(self.settings.max_file_mb * 1e6))
            return to_document(corpus_file.rel, file_fingerprint, parsed, corpus)
        except ReaderError as exc:
            reason = str(exc)
        except Exception as exc:  # an unexpected parser crash is still one file's problem, not the run's
            logger.exception("Fehler beim Lesen von %s", corpus_file.rel)
            reason = f"unerwarteter Fehler beim Lesen ({type(exc).__name__}: {exc})"
        logger.warning("nicht indexiert: %s: %s", corpus_file.rel, reason)
        report.failed.append(FileFailure(corpus_file.rel, reason))
        return None

    def _embed(self, documents: list[Document], report: IndexReport) -> None:
        for document in documents:
            # Chunks left behind by an interrupted run carry the same ids; clear them first.
            self.vector_store.delete(document.id_)
        nodes = self.pipeline.run(documents=documents, store_doc_text=False)
        report.embedded_chunks += len(nodes)
        self._persist()

    def _persist(self) -> None:
        """Write the docstore atomically: a crash leaves the old or the new file, never half of one."""
        path = self.settings.docstore_path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        self.docstore.persist(str(tmp))
        os.replace(tmp, path)
