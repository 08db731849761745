"""A parsed file becomes a llama-index Document with the metadata every chunk will carry."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from llama_index.core import Document

from .. import jurisdiction
from .readers import ParsedFile
from .readers.text import load_yaml

DOCTYPES = ("Gesetz", "Satzung", "Leitfaden", "FAQ", "Praxisbeispiel", "Sonstiges")
_DOC_ONLY = ["fingerprint", "page_starts"]
# Bump when parsing or chunking changes in a way that needs every file re-embedded.
PIPELINE_VERSION = "2"


class CorpusDocument(Document):
    """A Document whose identity is its file's fingerprint, so the docstore can tell an unchanged
    file from its bytes alone, without parsing it again (llama-index hashes text + metadata)."""

    @property
    def hash(self) -> str:
        return str(self.metadata["fingerprint"])


def fingerprint(rel: str, raw_sha256: str, folder: Path, settings_key: str) -> str:
    """The file's name and bytes, the folder's ``_meta.yaml`` that applies to it, and how we chunk.

    The name is part of it because the docstore maps each hash to one file: two files with equal
    hashes (a file moved to another folder within one run) would hide one of them from the removal.
    """
    meta_file = folder / "_meta.yaml"
    meta_bytes = meta_file.read_bytes() if meta_file.is_file() else b""
    h = hashlib.sha256(f"{PIPELINE_VERSION}|{settings_key}|{rel}|{raw_sha256}|".encode())
    h.update(meta_bytes)
    return h.hexdigest()


def to_document(rel: str, fingerprint: str, parsed: ParsedFile, corpus: Path) -> Document:
    """Id = path relative to the corpus root (moving the corpus keeps the index valid); no dates in
    the metadata, so touching a file does not re-embed it."""
    folder_meta = _folder_meta(str((corpus / rel).parent))
    declared = {**folder_meta, **{k: v for k, v in parsed.meta.items() if v not in (None, "")}}
    metadata = {
        "file": rel,
        "title": (parsed.title or Path(rel).stem).strip(),
        "jurisdiction": jurisdiction.normalize(declared.get("jurisdiction")),
        "doctype": _doctype(declared.get("doctype")),
        "fingerprint": fingerprint,
    }
    if parsed.page_starts:
        metadata["page_starts"] = parsed.page_starts
    return CorpusDocument(
        id_=rel,
        text=parsed.text,
        metadata=metadata,
        excluded_embed_metadata_keys=list(_DOC_ONLY),
        excluded_llm_metadata_keys=list(_DOC_ONLY),
    )


def _doctype(value: object) -> str:
    text = str(value or "").strip().lower()
    for doctype in DOCTYPES:
        if doctype.lower() == text:
            return doctype
    return "Sonstiges" if text else "unbekannt"


def _folder_meta(folder: str) -> dict:
    """``_meta.yaml`` in a corpus folder declares defaults (jurisdiction, doctype) for its files."""
    path = Path(folder) / "_meta.yaml"
    if not path.is_file():
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))  # refuses YAML bombs (they raise YAMLError)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
