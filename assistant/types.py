"""The shared vocabulary: passages found, citations given, answers and index reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Passage:
    """One indexed chunk as the retrieval side sees it."""

    id: str
    text: str
    file: str
    title: str
    page: int | None = None
    section: str | None = None
    start: int | None = None
    end: int | None = None
    jurisdiction: str | None = None
    doctype: str | None = None

    @classmethod
    def from_metadata(cls, id: str, text: str, meta: dict[str, Any]) -> "Passage":
        page = meta.get("page")
        return cls(
            id=id,
            text=text,
            file=str(meta.get("file", "")),
            title=str(meta.get("title", "")),
            page=int(page) if page not in (None, "") else None,
            section=meta.get("section") or None,
            start=meta.get("start"),
            end=meta.get("end"),
            jurisdiction=meta.get("jurisdiction") or None,
            doctype=meta.get("doctype") or None,
        )


@dataclass
class Hit:
    """A passage with the scores that ranked it."""

    passage: Passage
    score: float
    dense: float | None = None
    lexical: float | None = None


@dataclass
class Citation:
    n: int
    file: str
    title: str
    page: int | None
    section: str | None
    text: str
    score: float
    id: str = ""
    jurisdiction: str | None = None
    doctype: str | None = None
    used_sentences: list[str] = field(default_factory=list)
    other_land: bool = False  # from another Land than the one asked for (shown as such)

    @classmethod
    def from_hit(cls, n: int, hit: Hit, used_sentences: list[str] | None = None) -> "Citation":
        p = hit.passage
        return cls(
            n=n,
            file=p.file,
            title=p.title,
            page=p.page,
            section=p.section,
            text=p.text,
            score=round(float(hit.score), 4),
            id=p.id,
            jurisdiction=p.jurisdiction,
            doctype=p.doctype,
            used_sentences=list(used_sentences or []),
        )


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    timings_ms: dict[str, float]
    notice: str | None = None
    jurisdiction: str = "alle"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["notice"] is None:
            del data["notice"]
        return data


@dataclass
class FileFailure:
    file: str
    error: str


@dataclass
class IndexReport:
    """What one ``ikz index`` run did; counts are files."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0
    embedded_chunks: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
