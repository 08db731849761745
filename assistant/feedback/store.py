"""Plain sqlite3, one short-lived connection per operation: safe across the web server's threads."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FILE_NAME = "feedback.sqlite3"
CSV_COLUMNS = ("id", "zeit", "bewertung", "kommentar", "frage", "antwort", "quellen")
_RATING_LABELS = {1: "hilfreich", -1: "nicht hilfreich"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    sources TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class FeedbackEntry:
    id: int
    created_at: str
    question: str
    answer: str
    sources: list[dict[str, Any]]
    rating: int
    comment: str


class FeedbackStore:
    """Feedback rows in ``<index_dir>/feedback.sqlite3``; the file is created on the first write."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def in_index_dir(cls, index_dir: Path) -> "FeedbackStore":
        return cls(index_dir / FILE_NAME)

    def add(self, question: str, answer: str, sources: list[dict[str, Any]], rating: int, comment: str = "") -> int:
        """Store one rating (+1 helpful, -1 not helpful); returns its id for a later comment."""
        _check_rating(rating)
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, question, answer, sources, rating, comment) VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), question, answer, json.dumps(sources, ensure_ascii=False), rating, comment.strip()),
            )
            return int(cursor.lastrowid)

    def update(self, entry_id: int, rating: int | None = None, comment: str | None = None) -> bool:
        """Change the rating and/or the comment of an entry; False when it does not exist."""
        changes: dict[str, Any] = {}
        if rating is not None:
            _check_rating(rating)
            changes["rating"] = rating
        if comment is not None:
            changes["comment"] = comment.strip()
        if not changes:
            return self.get(entry_id) is not None
        assignments = ", ".join(f"{column} = ?" for column in changes)  # column names are ours, not input
        with self._connect() as db:
            cursor = db.execute(f"UPDATE feedback SET {assignments} WHERE id = ?", (*changes.values(), entry_id))
            return cursor.rowcount == 1

    def get(self, entry_id: int) -> FeedbackEntry | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM feedback WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entries(self) -> list[FeedbackEntry]:
        """All entries, oldest first."""
        if not self.path.exists():
            return []
        with self._connect() as db:
            return [_entry(row) for row in db.execute("SELECT * FROM feedback ORDER BY id")]

    def to_csv(self) -> str:
        """All entries as CSV for a spreadsheet (semicolon-separated, as German Excel expects)."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for e in self.entries():
            writer.writerow([
                e.id, e.created_at, _RATING_LABELS[e.rating], _cell(e.comment), _cell(e.question),
                _cell(e.answer), json.dumps(e.sources, ensure_ascii=False),
            ])
        return out.getvalue()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            try:
                db.row_factory = sqlite3.Row
                db.execute(_SCHEMA)
                with db:  # commits, or rolls back on an exception
                    yield db
            finally:
                db.close()


def _entry(row: sqlite3.Row) -> FeedbackEntry:
    return FeedbackEntry(
        id=row["id"], created_at=row["created_at"], question=row["question"], answer=row["answer"],
        sources=json.loads(row["sources"]), rating=row["rating"], comment=row["comment"],
    )


def _check_rating(rating: int) -> None:
    if rating not in _RATING_LABELS:
        raise ValueError(f"Bewertung muss 1 oder -1 sein, nicht {rating!r}")


def _cell(text: str) -> str:
    """Free text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
