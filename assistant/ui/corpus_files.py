"""The corpus folder as the admin tab changes it: safe uploads, deletions, and lookups.

Every path that comes from a browser is checked to stay inside ``settings.corpus_dir``.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..settings import Settings
from . import texts

ALLOWED_SUFFIXES = (".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".txt")
ALLOWED_LABEL = "PDF, DOCX, ODT, HTML, Markdown, Text"
_MAX_NAME_CHARS = 120
_UNSAFE_CHARS = re.compile(r"[^\w\-.() ]+")
_REPEATS = re.compile(r"([_ .-])\1+")


class UploadRejected(ValueError):
    """An upload that is not stored; the message is the German reason for the user."""


def safe_file_name(name: str) -> str:
    """A plain file name for the corpus folder, or :class:`UploadRejected`.

    Names with a path (``../x.md``, ``/etc/x.md``, ``C:\\x.md``) are refused rather than cut down,
    so nobody is surprised where a file went.
    """
    original = name
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise UploadRejected(texts.UPLOAD_NO_NAME)
    shown = _printable(original)
    if (
        "/" in name or "\\" in name or ".." in PurePosixPath(name).parts
        or PureWindowsPath(name).drive or name.startswith("~") or any(ord(c) < 32 for c in name)
    ):
        raise UploadRejected(texts.UPLOAD_BAD_NAME.format(name=shown))
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected(texts.UPLOAD_BAD_TYPE.format(name=shown, suffix=suffix or "(ohne Endung)", allowed=ALLOWED_LABEL))
    # Leading dots would make a hidden file, which the indexer skips.
    stem = _REPEATS.sub(r"\1", _UNSAFE_CHARS.sub("_", path.stem)).strip(" ._")
    if not stem:
        raise UploadRejected(texts.UPLOAD_NO_NAME)
    return stem[: _MAX_NAME_CHARS - len(suffix)].rstrip(" ._") + suffix


def check_upload(name: str, size: int, settings: Settings) -> str:
    """The safe name for an upload of ``size`` bytes, or :class:`UploadRejected` with the reason."""
    safe = safe_file_name(name)
    limit = settings.max_file_mb * 1e6
    if size <= 0:
        raise UploadRejected(texts.UPLOAD_EMPTY.format(name=_printable(name)))
    if size > limit:
        raise UploadRejected(
            texts.UPLOAD_TOO_LARGE.format(name=_printable(name), size=_size(size), limit=_size(limit))
        )
    return safe


def store_upload(source: Path, name: str, settings: Settings) -> tuple[Path, bool]:
    """Copy an uploaded temp file into the corpus under its checked name.

    Returns the stored path and whether it replaced an existing file. Written to a hidden temp
    name first, so an indexing run never reads a half-copied file.
    """
    safe = check_upload(name, source.stat().st_size, settings)
    corpus = settings.corpus_dir.resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    target = corpus / safe
    if target.parent != corpus:  # cannot happen after safe_file_name; kept as the last line of defence
        raise UploadRejected(texts.UPLOAD_BAD_NAME.format(name=_printable(name)))
    replaced = target.exists()
    partial = corpus / f".{safe}.upload"
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target, replaced


def resolve_in_corpus(rel: str, settings: Settings) -> Path | None:
    """The file ``rel`` inside the corpus folder, or None if it is outside, hidden or not a file."""
    corpus = settings.corpus_dir.resolve()
    if not rel or "\x00" in rel:
        return None
    candidate = (corpus / rel).resolve()
    if not candidate.is_relative_to(corpus) or candidate == corpus:
        return None
    if any(part.startswith(".") for part in candidate.relative_to(corpus).parts):
        return None
    return candidate if candidate.is_file() else None


def corpus_files(settings: Settings) -> list[str]:
    """Files in the corpus folder that the indexer reads (relative POSIX paths, sorted)."""
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        return []
    found = []
    for path in corpus.rglob("*"):
        rel = path.relative_to(corpus)
        if path.is_file() and not any(p.startswith(".") for p in rel.parts) and path.suffix.lower() in ALLOWED_SUFFIXES:
            found.append(rel.as_posix())
    return sorted(found)


def delete_corpus_file(rel: str, settings: Settings) -> bool:
    """Remove one document from the corpus; False when it is not (or no longer) there."""
    path = resolve_in_corpus(rel, settings)
    if path is None or path.suffix.lower() not in ALLOWED_SUFFIXES:  # e.g. a folder's _meta.yaml stays
        return False
    path.unlink()
    return True


def has_sample_material(settings: Settings) -> bool:
    """Whether the shipped sample documents (front matter ``sample: true``) are still in the corpus."""
    for rel in corpus_files(settings):
        if rel.endswith(".md"):
            head = (settings.corpus_dir / rel).read_text(encoding="utf-8", errors="replace")[:2000]
            if head.startswith("---") and re.search(r"^sample:\s*true\s*$", head, re.MULTILINE):
                return True
    return False


def _printable(name: str) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in (name or ""))
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _size(size: float) -> str:
    """A size as "12,3 MB", or as "800 KB" below 0.1 MB (German decimal comma)."""
    text = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} KB"
    return text.replace(".", ",")
