"""What every panel of the web app needs, built once per app and passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..feedback import FeedbackStore
from ..settings import Settings
from .access import Access
from .indexing import IndexHistory, IndexJob


@dataclass
class UiContext:
    assistant: Any
    settings: Settings
    access: Access
    feedback: FeedbackStore
    history: IndexHistory
    jobs: IndexJob

    @classmethod
    def create(cls, assistant: Any, settings: Settings, access: Access | None = None) -> "UiContext":
        history = IndexHistory(settings)
        return cls(
            assistant=assistant,
            settings=settings,
            access=access or Access.from_settings(settings),
            feedback=FeedbackStore.in_index_dir(settings.index_dir),
            history=history,
            jobs=IndexJob(assistant, history),
        )
