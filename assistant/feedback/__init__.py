"""Feedback on answers (👍/👎 with an optional comment), kept in SQLite next to the index."""

from .store import FeedbackEntry, FeedbackStore

__all__ = ["FeedbackEntry", "FeedbackStore"]
