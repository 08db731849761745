"""A parsed file becomes a llama-index Document with the metadata every chunk will carry."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

import yaml
from llama_index.core import Document

from .. import jurisdiction
from .readers import READER_REVISIONS, ParsedFile
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
    """The file's name and bytes, the folder's ``_meta.yaml`` that applies to it, how we chunk, and the
    revision of its format's reader.

    The name is part of it because the docstore maps each hash to one file: two files with equal
    hashes (a file moved to another folder within one run) would hide one of them from the removal.
    """
    meta_file = folder / "_meta.yaml"
    meta_bytes = meta_file.read_bytes() if meta_file.is_file() else b""
    h = hashlib.sha256(f"{PIPELINE_VERSION}|{settings_key}|{rel}|{raw_sha256}|".encode())
    h.update(meta_bytes)
    revision = READER_REVISIONS.get(PurePosixPath(rel).suffix.lower())
    if revision:
        h.update(f"|reader {revision}".encode())
    return h.hexdigest()


def to_document(rel: str, fingerprint: str, parsed: ParsedFile, corpus: Path) -> Document:
    """Id = path relative to the corpus root (moving the corpus keeps the index valid); no dates in
    the metadata, so touching a file does not re-embed it."""
    folder_meta = _folder_meta(str((corpus / rel).parent))
    title = (parsed.title or Path(rel).stem).strip()
    metadata = {
        "file": rel,
        "title": title,
        "jurisdiction": _jurisdiction(parsed.meta, folder_meta),
        "doctype": _doctype_of(parsed.meta, folder_meta, title),
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


def _jurisdiction(own: dict, folder: dict) -> str:
    """Front matter, else the file's properties (a subject or keywords naming a Land, e.g. PDF keywords
    "IKZ, Vergaberecht, Hessen"), else the folder's ``_meta.yaml``, else "unbekannt"."""
    for value in (own.get("jurisdiction"), own.get("subject"), own.get("keywords"), folder.get("jurisdiction")):
        land = jurisdiction.normalize(value)
        if land != jurisdiction.UNKNOWN:
            return land
    return jurisdiction.UNKNOWN


# Last resort when nothing declares a type: what the title says the document is (checked in this order).
_TITLE_TYPES = (("satzung", "Satzung"), ("faq", "FAQ"), ("leitfaden", "Leitfaden"), ("checkliste", "Leitfaden"),
                ("praxisbeispiel", "Praxisbeispiel"), ("gesetz", "Gesetz"), ("ordnung", "Gesetz"),
                ("verordnung", "Gesetz"), ("glossar", "Sonstiges"))


def _doctype_of(own: dict, folder: dict, title: str) -> str:
    """Front matter or properties (``doctype``, a DOCX category), else ``_meta.yaml``, else the title."""
    for value in (own.get("doctype"), own.get("category"), folder.get("doctype")):
        doctype = _doctype(value)
        if doctype != "unbekannt":
            return doctype
    lowered = title.lower()
    return next((doctype for word, doctype in _TITLE_TYPES if word in lowered), "unbekannt")


def _doctype(value: object) -> str:
    """A declared type, normalised: "Verbandssatzung eines … (reales Beispiel)" gives "Satzung"."""
    text = str(value or "").strip().lower()
    if not text:
        return "unbekannt"
    exact = next((doctype for doctype in DOCTYPES if doctype.lower() == text), None)
    return exact or next((doctype for word, doctype in _TITLE_TYPES if word in text), "Sonstiges")


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
