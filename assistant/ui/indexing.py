""""Neu indexieren" from the browser: one background run at a time, with progress and a record.

``Assistant.index`` keeps answering from the previous view while it runs, so the chat stays usable.
The record (``<index_dir>/ui-index-history.json``) keeps the last run's report and, per file, when
its current version was first seen in the index (the index itself stores no dates).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import describe
from ..settings import Settings
from ..types import FileFailure, IndexReport
from . import texts
from .corpus_files import corpus_files

logger = logging.getLogger(__name__)
HISTORY_FILE = "ui-index-history.json"


@dataclass(frozen=True)
class IndexStatus:
    running: bool = False
    done: int = 0
    total: int = 0
    current: str = ""
    error: str | None = None  # the last run failed: why, in German


class IndexHistory:
    """What the web app knows about past index runs, persisted as a small JSON file."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.path = settings.index_dir / HISTORY_FILE
        self._lock = threading.Lock()

    def last_run(self) -> tuple[datetime, IndexReport] | None:
        data = self._read().get("last_run")
        if not data:
            return None
        try:
            known = {f.name for f in fields(IndexReport)}  # a record from an older version may differ
            report = {k: v for k, v in data["report"].items() if k in known}
            report["failed"] = [FileFailure(f["file"], f["error"]) for f in report.get("failed", [])]
            return datetime.fromisoformat(data["finished_at"]), IndexReport(**report)
        except (KeyError, TypeError, ValueError):
            logger.warning("Indexierungsprotokoll %s nicht lesbar", self.path)
            return None

    def record_run(self, report: IndexReport, finished_at: datetime) -> None:
        with self._lock:
            data = self._read()
            data["last_run"] = {"finished_at": finished_at.isoformat(timespec="seconds"), "report": report.to_dict()}
            self._write(self._with_fingerprints(data, finished_at))

    def indexed_at(self) -> dict[str, datetime]:
        """File → when its current version entered the index, as far as this app has seen."""
        with self._lock:
            data = self._read()
            updated = self._with_fingerprints(data, datetime.now())
            if updated != data:
                self._write(updated)
        return {file: datetime.fromisoformat(entry["at"]) for file, entry in updated.get("files", {}).items()}

    def _with_fingerprints(self, data: dict[str, Any], now: datetime) -> dict[str, Any]:
        """Compare the docstore's file fingerprints with the recorded ones; new ones get a time.

        Files already indexed before the app kept a record get the docstore's modification time,
        the best estimate there is.
        """
        fingerprints = _docstore_fingerprints(self.settings.docstore_path, corpus_files(self.settings))
        known = data.get("files", {})
        first_record = "files" not in data
        baseline = _mtime(self.settings.docstore_path) if first_record else now
        files = {}
        for file, fingerprint in fingerprints.items():
            entry = known.get(file)
            if entry and entry["fingerprint"] == fingerprint:
                files[file] = entry
            else:
                files[file] = {"fingerprint": fingerprint, "at": (baseline or now).isoformat(timespec="seconds")}
        return {**data, "files": files}

    def _read(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


class IndexJob:
    """Runs ``assistant.index`` in a background thread; at most one run at a time."""

    def __init__(self, assistant: Any, history: IndexHistory) -> None:
        self.assistant = assistant
        self.history = history
        self._status = IndexStatus()
        self._lock = threading.Lock()
        self._again = False

    def start(self) -> bool:
        """Start a run; when one is running already, queue one more after it and return False.

        The running one may have listed the corpus before the latest upload or deletion.
        """
        with self._lock:
            if self._status.running:
                self._again = True
                return False
            self._status = IndexStatus(running=True)
            threading.Thread(target=self._run_until_current, name="ikz-index", daemon=True).start()
        return True

    def status(self) -> IndexStatus:
        with self._lock:
            return self._status

    def _progress(self, done: int, total: int, file: str) -> None:
        with self._lock:
            self._status = replace(self._status, done=done, total=total, current=file)

    def _run_until_current(self) -> None:
        while True:
            self._run()
            with self._lock:
                if not self._again:
                    self._status = replace(self._status, running=False)
                    return
                self._again = False
                self._status = IndexStatus(running=True)

    def _run(self) -> None:
        error: str | None = None
        try:
            self.history.record_run(self.assistant.index(progress=self._progress), datetime.now())
        except Exception as exc:  # reported in the admin tab; the traceback goes to the log only
            logger.exception("Indexierung aus der Web-App fehlgeschlagen")
            error = texts.REINDEX_FAILED.format(reason=describe(exc) or type(exc).__name__)
        with self._lock:
            self._status = replace(self._status, error=error)


def _docstore_fingerprints(path: Path, files: list[str]) -> dict[str, str]:
    """File → fingerprint for those of ``files`` in the llama-index docstore the indexer persists."""
    if not path.exists():
        return {}
    from llama_index.core.storage.docstore import SimpleDocumentStore

    try:
        docstore = SimpleDocumentStore.from_persist_path(str(path))
    except (OSError, ValueError) as exc:
        logger.warning("Docstore nicht lesbar: %s", exc)
        return {}
    found = {file: docstore.get_document_hash(file) for file in files}
    return {file: fingerprint for file, fingerprint in found.items() if fingerprint}


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None
