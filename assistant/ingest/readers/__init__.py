"""One reader per file format. Each turns a file into a :class:`ParsedFile`: text with Markdown
headings (``#``…) so that one splitter can follow the structure of every format, plus the
character offsets at which pages begin (PDF) and the metadata the file itself declares.

Written here rather than taken from llama-index's SimpleDirectoryReader defaults because, measured
on our files, those lose the structure we cite by: the DOCX reader drops headings, the Markdown
reader keeps YAML front matter as text, the HTML reader keeps <script>/<style>, no ODT reader ships.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import texts
from .base import ParsedFile, ReaderError
from .html import read_html
from .office import read_docx, read_odt
from .pdf import read_pdf
from .text import read_markdown, read_text

READERS: dict[str, Callable[[Path, int], ParsedFile]] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
    ".text": read_text,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".odt": read_odt,
    ".html": read_html,
    ".htm": read_html,
}

SUPPORTED_SUFFIXES = frozenset(READERS)

# Raised when a reader's output changes: the next ``ikz index`` re-reads and re-embeds the files of that
# format only. A format without an entry adds nothing to the fingerprint, so its files stay unchanged.
# html 1: page footers dropped, list items written as Markdown items.
READER_REVISIONS: dict[str, int] = {".html": 1, ".htm": 1}


def read_file(path: Path, max_bytes: int) -> ParsedFile:
    """Parse one file; raise :class:`ReaderError` with a clear reason for anything unusable."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReaderError(texts.UNSUPPORTED_TYPE.format(suffix=path.suffix or "(ohne Endung)"))
    size = path.stat().st_size
    if size == 0:
        raise ReaderError(texts.EMPTY_FILE)
    if size > max_bytes:
        raise ReaderError(texts.TOO_LARGE.format(size_mb=size / 1e6, limit_mb=max_bytes / 1e6))
    parsed = reader(path, max_bytes)
    if not parsed.text.strip():
        raise ReaderError(texts.NO_TEXT)
    return parsed


__all__ = ["ParsedFile", "ReaderError", "read_file", "SUPPORTED_SUFFIXES"]
