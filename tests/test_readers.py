"""Every format's reader on real files: text, title, headings, pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.readers import ReaderError, read_file
from assistant.ingest.readers.text import decode_text, split_front_matter
from tests.conftest import REAL_CORPUS, SAMPLE_CORPUS

LIMIT = 50_000_000


def test_markdown_front_matter_becomes_metadata_not_text() -> None:
    parsed = read_file(REAL_CORPUS / "bund_gwb_teil4_ss97-114.md", LIMIT)
    assert parsed.title.startswith("Gesetz gegen Wettbewerbsbeschränkungen")
    assert parsed.meta["jurisdiction"] == "Bund"
    assert "retrieved:" not in parsed.text and not parsed.text.startswith("---")
    assert "### § 108 Ausnahmen bei öffentlich-öffentlicher Zusammenarbeit" in parsed.text


def test_pdf_pages_and_font_size_headings() -> None:
    parsed = read_file(SAMPLE_CORPUS / "faq_vergabe_umsatzsteuer.pdf", LIMIT)
    assert parsed.page_starts is not None and len(parsed.page_starts) >= 3
    assert parsed.page_starts == sorted(parsed.page_starts) and parsed.page_starts[0] == 0
    assert "#### Was versteht man unter einer Inhouse-Vergabe?" in parsed.text
    assert "§" in parsed.text and "ö" in parsed.text


def test_docx_headings_and_lists() -> None:
    parsed = read_file(SAMPLE_CORPUS / "checkliste_kooperation_starten.docx", LIMIT)
    assert parsed.title
    headings = [line for line in parsed.text.splitlines() if line.startswith("#")]
    assert len(headings) >= 5
    assert any(line.startswith("- ") for line in parsed.text.splitlines())


def test_odt_headings() -> None:
    parsed = read_file(SAMPLE_CORPUS / "glossar_ikz.odt", LIMIT)
    assert "## Zweckverband" in parsed.text
    assert parsed.title


def read_page(folder: Path, html: str):
    page = folder / "seite.html"
    page.write_text(html, encoding="utf-8")
    return read_file(page, LIMIT)


def test_html_keeps_text_and_lists_and_drops_script_and_style(tmp_path: Path) -> None:
    parsed = read_page(
        tmp_path,
        "<html><head><title>Titel</title><style>p{color:red}</style></head><body>"
        "<h1>Überschrift</h1><p>Ein Absatz über Zweckverbände.</p><script>var geheim = 1;</script>"
        "<ul><li>Punkt eins</li></ul><ol><li>Erstens</li><li>Zweitens</li></ol></body></html>",
    )
    assert parsed.title == "Titel"
    assert "# Überschrift" in parsed.text and "Ein Absatz über Zweckverbände." in parsed.text
    assert "geheim" not in parsed.text and "color" not in parsed.text
    assert "- Punkt eins" in parsed.text  # list items as Markdown items, as the DOCX reader writes them
    assert "1. Erstens\n\n2. Zweitens" in parsed.text


def test_html_drops_page_footer_but_keeps_article_footer(tmp_path: Path) -> None:
    parsed = read_page(
        tmp_path,
        "<html><body><main><p>Wir beraten Gemeinden bei Zweckverbänden.</p>"
        "<article><p>Ein Beitrag zur Umlage.</p><footer><p>Stand: März 2025</p></footer></article></main>"
        "<footer><p>Impressum und erfundene Kontaktdaten der Seite.</p></footer></body></html>",
    )
    assert "Wir beraten Gemeinden bei Zweckverbänden." in parsed.text
    assert "Stand: März 2025" in parsed.text
    assert "Impressum" not in parsed.text


def test_plain_text_in_windows_encoding_keeps_umlauts(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Gemeinde Großenlüder – Zweckverbände §".encode("cp1252"))
    assert read_file(path, LIMIT).text == "Gemeinde Großenlüder – Zweckverbände §"
    assert decode_text("Müll".encode("latin-1")) == "Müll"


def test_unusable_files_raise_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "leer.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ReaderError, match="leer"):
        read_file(empty, LIMIT)
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(ReaderError, match="PDF"):
        read_file(broken, LIMIT)
    unknown = tmp_path / "tabelle.xlsx"
    unknown.write_bytes(b"x")
    with pytest.raises(ReaderError, match="nicht unterstützt"):
        read_file(unknown, LIMIT)


def test_front_matter_that_is_not_a_mapping_stays_text() -> None:
    meta, body = split_front_matter("---\n- a\n- b\n---\nText")
    assert meta == {} and body.startswith("---")
