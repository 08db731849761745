"""Chunk boundaries follow the structure: one § per chunk when it fits, Absatz splits otherwise."""

from __future__ import annotations

from llama_index.core import Document

from assistant.ingest.readers import read_file
from assistant.ingest.splitter import StructureSplitter
from assistant.ingest.structure import find_sections
from tests.conftest import REAL_CORPUS


def _chunks(text: str, chunk_chars: int = 1200, **meta):
    splitter = StructureSplitter(chunk_chars=chunk_chars, overlap_paragraphs=1)
    return splitter.split_document(Document(id_="d.md", text=text, metadata={"file": "d.md", "title": "T", **meta}))


def test_a_short_paragraph_section_is_one_chunk_with_its_heading_path() -> None:
    text = "# Gesetz\n\n## Teil 1\n\n### § 1 Zweck\n\nKurzer Text.\n\n### § 2 Begriffe\n\nNoch ein Text."
    chunks = _chunks(text)
    assert [c.metadata["section"] for c in chunks] == ["§ 1 Zweck", "§ 2 Begriffe"]
    assert chunks[0].metadata["section_path"] == "Gesetz › Teil 1 › § 1 Zweck"
    for c in chunks:
        assert text[c.metadata["start"]:c.metadata["end"]] == c.text


def test_long_sections_split_at_absatz_with_overlap_and_never_cross_a_paragraph() -> None:
    parsed = read_file(REAL_CORPUS / "bund_gwb_teil4_ss97-114.md", 10**8)
    chunks = _chunks(parsed.text, chunk_chars=900)
    sections = find_sections(parsed.text)
    for c in chunks:
        owners = [s for s in sections if s.start <= c.metadata["start"] and c.metadata["end"] <= s.end]
        assert len(owners) == 1, f"chunk {c.id_} straddles sections"
        assert len(c.text) <= 900
    p108 = [c for c in chunks if c.metadata.get("section", "").startswith("§ 108 ")]
    assert len(p108) >= 2, "§ 108 is longer than 900 characters and must be split"
    # Overlap: consecutive chunks of one section share an Absatz.
    assert any(a.metadata["end"] > b.metadata["start"] for a, b in zip(p108, p108[1:]))
    assert any("(6) Dieser Teil ist ferner nicht anzuwenden" in c.text for c in p108)


def test_pdf_page_numbers_from_page_starts() -> None:
    text = "# Titel\n\nSeite eins Text.\n\n## Abschnitt\n\nSeite zwei Text."
    second = text.index("## Abschnitt")
    chunks = _chunks(text, page_starts=[0, second])
    assert [c.metadata["page"] for c in chunks] == [1, 2]
    assert all("page_starts" not in c.metadata for c in chunks)


def test_bare_legal_headings_in_plain_text() -> None:
    text = "§ 1 Anwendungsbereich\nDieses Gesetz gilt für Gemeinden.\n§ 2 Formen\nGemeinden können zusammenarbeiten.\nAuch nach § 1 Abs. 2 gilt das."
    chunks = _chunks(text)
    assert [c.metadata["section"] for c in chunks] == ["§ 1 Anwendungsbereich", "§ 2 Formen"]


def test_chunk_ids_are_stable() -> None:
    text = "# A\n\nText eins.\n\n# B\n\nText zwei."
    assert [c.id_ for c in _chunks(text)] == [c.id_ for c in _chunks(text)]
