"""Incremental reindex with the real model and real Chroma: exact counts, no needless embedding."""

from __future__ import annotations

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow


def _write(corpus, name: str, text: str) -> None:
    (corpus / name).write_text(text, encoding="utf-8")


def test_add_change_delete_and_noop(make_settings, embed_model) -> None:
    settings = make_settings()
    corpus = settings.corpus_dir
    _write(corpus, "a.md", "---\ntitle: A\n---\n# § 1 Zweck\n\nDer Zweckverband erfüllt Aufgaben.\n")
    _write(corpus, "b.md", "# § 2 Satzung\n\nDie Verbandssatzung regelt die Organe.\n")
    _write(corpus, "c.txt", "Die Arbeitsgemeinschaft berät die Gemeinden.\n")
    assistant = Assistant(settings, embed_model)

    first = assistant.index()
    assert (first.added, first.updated, first.removed, first.unchanged) == (3, 0, 0, 0)
    assert first.chunks == 3 and first.embedded_chunks == 3

    second = assistant.index()
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 3)
    assert second.embedded_chunks == 0 and second.chunks == 3

    (corpus / "a.md").touch()  # a new modification time alone is no change
    _write(corpus, "b.md", "# § 2 Satzung\n\nDie Verbandssatzung regelt Organe und Umlage.\n\n# § 3 Umlage\n\nDie Umlage deckt den Bedarf.\n")
    (corpus / "c.txt").unlink()
    _write(corpus, "d.md", "# Neu\n\nEine öffentlich-rechtliche Vereinbarung bedarf der Schriftform.\n")
    third = assistant.index()
    assert (third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, 1)
    assert third.embedded_chunks == 3  # b.md now has two sections, d.md one
    assert third.chunks == 4

    files = {p.file for p in assistant.retriever.passages}
    assert files == {"a.md", "b.md", "d.md"}
    texts = " ".join(p.text for p in assistant.retriever.passages)
    assert "Umlage deckt" in texts and "Arbeitsgemeinschaft" not in texts


def test_missing_corpus_folder_is_an_error_and_keeps_the_index(make_settings, embed_model, tmp_path) -> None:
    from assistant.ingest.pipeline import CorpusMissingError

    settings = make_settings()
    _write(settings.corpus_dir, "a.md", "# Titel\n\nEin Satz über Zweckverbände.\n")
    Assistant(settings, embed_model).index()
    moved = settings.model_copy(update={"corpus_dir": tmp_path / "gibt-es-nicht"})
    with pytest.raises(CorpusMissingError):
        Assistant(moved, embed_model).index()
    assert Assistant(settings, embed_model).index().unchanged == 1


def test_a_lost_docstore_does_not_keep_deleted_files(make_settings, embed_model) -> None:
    settings = make_settings()
    _write(settings.corpus_dir, "a.md", "# A\n\nDer Zweckverband erfüllt Aufgaben der Gemeinden.\n")
    _write(settings.corpus_dir, "b.md", "# B\n\nDie Arbeitsgemeinschaft berät die Gemeinden.\n")
    assistant = Assistant(settings, embed_model)
    assistant.index()
    settings.docstore_path.unlink()
    (settings.corpus_dir / "b.md").unlink()
    report = assistant.index()
    assert report.chunks == 1 and {p.file for p in assistant.retriever.passages} == {"a.md"}


def test_a_new_reader_revision_rereads_only_files_of_its_format(make_settings, embed_model, monkeypatch) -> None:
    from assistant.ingest import readers

    settings = make_settings()
    _write(settings.corpus_dir, "a.md", "# § 1 Zweck\n\nDer Zweckverband erfüllt Aufgaben.\n")
    _write(settings.corpus_dir, "b.txt", "Die Arbeitsgemeinschaft berät die Gemeinden.\n")
    assistant = Assistant(settings, embed_model)
    assert assistant.index().added == 2

    monkeypatch.setitem(readers.READER_REVISIONS, ".txt", 7)
    report = assistant.index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 1)
    assert report.embedded_chunks == 1
    assert assistant.index().unchanged == 2
