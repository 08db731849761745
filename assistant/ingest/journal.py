"""One index run at a time per index folder, and a trace of a run that did not finish.

The web app (upload → reindex) and ``ikz index`` may write the same index. A lock file held with
``flock`` lets only one of them run; the kernel releases it when its process ends in any way, even by
SIGKILL, so a crashed run never blocks the next. A marker file exists exactly while a run is under
way: finding it at the start means the previous run was cut off and the index needs repairing.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import texts

logger = logging.getLogger(__name__)
LOCK_FILE = "index.lock"
UNFINISHED_MARKER = "index-run.unfinished"


@contextmanager
def index_run(index_dir: Path) -> Iterator[bool]:
    """Hold the index folder for one run; yields True when the previous run did not finish.

    The marker is removed only when the body completes: after an exception or a kill it stays, and
    the next run repairs what this one left half done.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_FILE, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning(texts.WAITING_FOR_OTHER_RUN)
            fcntl.flock(lock, fcntl.LOCK_EX)
        marker = index_dir / UNFINISHED_MARKER
        interrupted = marker.exists()
        marker.write_text(f"Indexierung läuft (Prozess {os.getpid()})\n", encoding="utf-8")
        yield interrupted
        marker.unlink()
