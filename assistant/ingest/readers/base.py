"""What every reader returns, and the error it raises for a file it cannot use."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import texts


class ReaderError(Exception):
    """A file that cannot be indexed; the message is the reason shown to the user."""


@dataclass
class ParsedFile:
    text: str
    title: str | None = None
    page_starts: list[int] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


class MarkdownBuilder:
    """Collects blocks as Markdown text: headings as ``#`` lines, paragraphs separated by blank lines."""

    def __init__(self) -> None:
        self._blocks: list[str] = []

    def heading(self, text: str, level: int) -> None:
        text = " ".join(text.split())
        if text:
            self._blocks.append("#" * max(1, min(level, 6)) + " " + text)

    def paragraph(self, text: str) -> None:
        text = text.strip()
        if text:
            self._blocks.append(text)

    @property
    def text(self) -> str:
        return "\n\n".join(self._blocks)

    def first_heading(self) -> str | None:
        for block in self._blocks:
            if block.startswith("#"):
                return block.lstrip("#").strip()
        return None


def check_zip(path: Path, max_bytes: int) -> None:
    """Refuse broken archives and archives that would unpack to far more than the size limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ReaderError(texts.ZIP_BROKEN) from exc
    if unpacked > 10 * max_bytes:
        raise ReaderError(texts.ZIP_BOMB.format(unpacked_mb=unpacked / 1e6))
