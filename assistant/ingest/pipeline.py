"""Incremental, crash-safe indexing of a corpus folder.

llama-index's IngestionPipeline splits and embeds; a SimpleDocumentStore (persisted next to Chroma)
remembers each file's hash, so a second run embeds nothing and a changed file replaces exactly its own
chunks. Which files to embed, store or delete is decided here rather than by the pipeline's docstore
strategies: UPSERTS_AND_DELETE deletes every document missing from the run's input, and a file that
merely failed to parse this time must keep its chunks; and its delete-then-add would leave a changed
file missing from the index while the app answers from it (see :mod:`.chunkstore`).

Crash safety rests on one rule: the docstore lists a file only while Chroma holds its complete,
current chunks. A file leaves the docstore (persisted) before its chunks are touched and comes back
after its new chunks are stored. A run killed in between leaves chunks that no docstore entry
accounts for; the next run sees that the previous one did not finish (:mod:`.journal`), deletes
those orphans, and embeds the file again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llama_index.core import Document
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.storage.docstore import SimpleDocumentStore

from ..index.store import bump_generation
from ..settings import Settings
from ..types import FileFailure, IndexReport
from . import texts
from .chunkstore import delete_surplus_chunks, documents_without, upsert_chunks
from .documents import fingerprint, to_document
from .journal import index_run
from .readers import SUPPORTED_SUFFIXES, ReaderError, read_file
from .splitter import StructureSplitter

logger = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
_BATCH_FILES = 8
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass
class CorpusFile:
    rel: str
    path: Path
    sha256: str


@dataclass
class CorpusScan:
    files: list[CorpusFile] = field(default_factory=list)  # to index: one file per content (see _originals)
    failed: list[FileFailure] = field(default_factory=list)  # not indexable as they are
    kept: set[str] = field(default_factory=set)  # files whose indexed chunks stay in the index


def scan_corpus(root: Path) -> CorpusScan:
    """Every file below ``root``; hidden files and folders, Office lock files and ``_meta.yaml`` skipped."""
    scan = CorpusScan()
    readable: list[CorpusFile] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if _ignored(rel):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            scan.failed.append(FileFailure(rel, texts.UNSUPPORTED_TYPE.format(suffix=path.suffix or "(ohne Endung)")))
            continue
        try:
            readable.append(CorpusFile(rel, path, _sha256(path)))
        except OSError as exc:
            scan.failed.append(FileFailure(rel, texts.UNREADABLE.format(reason=exc.strerror or exc)))
            scan.kept.add(rel)  # perhaps locked only for a moment: what was indexed stays
    originals = _originals(readable)
    for corpus_file in readable:
        original = originals[corpus_file.sha256]
        if original == corpus_file.rel or corpus_file.sha256 == _EMPTY_SHA256:
            scan.files.append(corpus_file)
            scan.kept.add(corpus_file.rel)
        else:
            scan.failed.append(FileFailure(corpus_file.rel, texts.DUPLICATE.format(first=original)))
    return scan


def _originals(files: list[CorpusFile]) -> dict[str, str]:
    """For each content, the one file that is indexed.

    The same content under a second name (a copy in another folder, "… (Kopie).pdf") is indexed once:
    two copies would fill the top k with one text twice. The original is taken to be the copy highest
    in the folder tree with the shortest name ("Bericht.pdf" before "Ablage/Bericht (1).pdf"). Copies
    are listed among the failures, where staff look for files missing from the index (exit code 3 asks
    them to tidy up); their content is answerable all the same, and deleting the original makes the
    next run index a copy. Empty files are left to the reader, which names their real problem.
    """
    originals: dict[str, str] = {}
    for corpus_file in sorted(files, key=lambda f: (f.rel.count("/"), len(Path(f.rel).name), f.rel)):
        originals.setdefault(corpus_file.sha256, corpus_file.rel)
    return originals


def _ignored(rel: str) -> bool:
    name = Path(rel).name
    hidden = any(part.startswith(".") for part in Path(rel).parts)
    # "~$Bericht.docx" is the lock file Word keeps next to an open document, not a document.
    return hidden or name == "_meta.yaml" or name.startswith("~$")


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:  # streamed: an oversize file must not be read into memory whole
        return hashlib.file_digest(handle, "sha256").hexdigest()


class CorpusMissingError(Exception):
    """The corpus folder does not exist; indexing it would remove every document from the index."""


def reset_index(settings: Settings) -> None:
    """Forget everything indexed (for ``ikz index --rebuild``, e.g. after changing the model)."""
    from ..index.store import drop_collection

    with index_run(settings.index_dir):  # not while another process is writing this index
        drop_collection(settings)
        settings.docstore_path.unlink(missing_ok=True)


class CorpusIndexer:
    """Brings one index folder up to date with a corpus folder."""

    # Both opened at the start of each run, under the lock: a run that held it before us may just have
    # changed them, and two processes creating a new Chroma folder at once collide in its schema setup.
    docstore: SimpleDocumentStore
    vector_store: Any

    def __init__(self, settings: Settings, embed_model: Any, open_store: Callable[[], Any]) -> None:
        self.settings = settings
        self.embed_model = embed_model
        self.open_store = open_store

    def run(self, corpus: Path, progress: Progress | None = None) -> IndexReport:
        started = time.perf_counter()
        if not corpus.is_dir():
            raise CorpusMissingError(texts.CORPUS_MISSING.format(corpus=corpus))
        with index_run(self.settings.index_dir) as interrupted:
            self.vector_store = self.open_store()
            path = self.settings.docstore_path
            self.docstore = SimpleDocumentStore.from_persist_path(str(path)) if path.exists() else SimpleDocumentStore()
            had_docstore = path.exists()
            repaired = self._remove_orphans() if interrupted else 0
            report = self._update(corpus, progress)
            if not had_docstore:
                # A lost docstore (or a new indexer machine against a Chroma server): every file was just
                # embedded again; chunks that no file accounts for now are those of files deleted meanwhile.
                # Swept after the update, so questions keep their answers while it runs.
                repaired += self._remove_orphans()
            if report.added or report.updated or report.removed or repaired:
                bump_generation(self.vector_store.client)
            report.chunks = self.vector_store.client.count()
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _update(self, corpus: Path, progress: Progress | None) -> IndexReport:
        report = IndexReport()
        scan = scan_corpus(corpus)
        report.failed = list(scan.failed)
        for failure in scan.failed:
            logger.warning("nicht indexiert: %s: %s", failure.file, failure.error)
        pipeline = self._pipeline()
        chunking = f"{self.settings.chunk_chars}/{self.settings.chunk_overlap_paragraphs}"
        pending: list[Document] = []
        for done, corpus_file in enumerate(scan.files, start=1):
            known = self.docstore.get_document_hash(corpus_file.rel)
            current = fingerprint(corpus_file.rel, corpus_file.sha256, corpus_file.path.parent, chunking)
            if known == current:
                report.unchanged += 1  # same bytes as last time: no parsing, no embedding
            else:
                document = self._parse(corpus_file, current, corpus, report, indexed_before=known is not None)
                if document is not None:
                    if known is None:
                        report.added += 1
                    else:
                        report.updated += 1
                    pending.append(document)
            if len(pending) >= _BATCH_FILES or (done == len(scan.files) and pending):
                self._embed(pipeline, pending, report)
                pending = []
            if progress:
                progress(done, len(scan.files), corpus_file.rel)

        gone = sorted(set(self.docstore.get_all_document_hashes().values()) - scan.kept)
        self._forget(gone)
        for doc_id in gone:
            self.vector_store.delete(doc_id)
        report.removed = len(gone)
        self._persist()  # every finished run rewrites the docstore: its time is "last indexed" (API)
        return report

    def _pipeline(self) -> IngestionPipeline:
        """Split and embed only: which files need it, and storing the result, is decided here (see above)."""
        return IngestionPipeline(
            transformations=[
                StructureSplitter(
                    chunk_chars=self.settings.chunk_chars, overlap_paragraphs=self.settings.chunk_overlap_paragraphs
                ),
                self.embed_model,
            ],
            disable_cache=True,  # its in-memory cache would hold every chunk and vector of the run
        )

    def _parse(
        self, corpus_file: CorpusFile, file_fingerprint: str, corpus: Path, report: IndexReport, indexed_before: bool
    ) -> Document | None:
        try:
            parsed = read_file(corpus_file.path, int(self.settings.max_file_mb * 1e6))
            return to_document(corpus_file.rel, file_fingerprint, parsed, corpus)
        except ReaderError as exc:
            reason = str(exc)
        except Exception as exc:  # an unexpected parser crash is still one file's problem, not the run's
            logger.debug("Fehler beim Lesen von %s", corpus_file.rel, exc_info=True)
            reason = texts.UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}")
        if indexed_before:  # nothing is deleted for a file that cannot be read: the old version answers on
            reason = texts.OLD_VERSION_KEPT.format(reason=reason)
        logger.warning("nicht indexiert: %s: %s", corpus_file.rel, reason)
        report.failed.append(FileFailure(corpus_file.rel, reason))
        return None

    def _embed(self, pipeline: IngestionPipeline, documents: list[Document], report: IndexReport) -> None:
        self._forget(document.id_ for document in documents)  # first: a crash from here on leaves orphans only
        nodes = pipeline.run(documents=documents)
        collection = self.vector_store.client
        upsert_chunks(collection, nodes)
        for document in documents:
            delete_surplus_chunks(collection, document.id_, {n.node_id for n in nodes if n.ref_doc_id == document.id_})
            self.docstore.set_document_hash(document.id_, document.hash)
        report.embedded_chunks += len(nodes)
        self._persist()

    def _forget(self, doc_ids: Iterable[str]) -> None:
        doc_ids = list(doc_ids)
        for doc_id in doc_ids:
            self.docstore.delete_document(doc_id, raise_error=False)
        if doc_ids:
            self._persist()

    def _remove_orphans(self) -> int:
        """After an interrupted run: delete the chunks of every file the docstore does not list."""
        orphans = documents_without(self.vector_store.client, lambda doc_id: self.docstore.get_document_hash(doc_id) is not None)
        for doc_id in sorted(orphans):
            self.vector_store.delete(doc_id)
        if orphans:
            logger.warning(texts.REPAIRED_AFTER_CRASH.format(files=len(orphans)))
        return len(orphans)

    def _persist(self) -> None:
        """Write the docstore atomically: a crash leaves the old or the new file, never half of one."""
        path = self.settings.docstore_path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        self.docstore.persist(str(tmp))
        os.replace(tmp, path)
