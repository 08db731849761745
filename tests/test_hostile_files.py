"""Whatever staff drop into the corpus: every bad file is one clear line in the report and the log,
every good file is indexed, and nothing already indexed is lost. Real files, made in tmp_path."""

from __future__ import annotations

import json
import logging
import os
import random
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from assistant import wiring
from assistant.ingest.pipeline import CorpusIndexer
from assistant.service import Assistant
from assistant.types import IndexReport

from tests.conftest import REPO, SAMPLE_CORPUS

pytestmark = pytest.mark.slow

IKZ = REPO / ".venv" / "bin" / "ikz"
GOOD_PDF = SAMPLE_CORPUS / "faq_vergabe_umsatzsteuer.pdf"
GOOD_DOCX = SAMPLE_CORPUS / "checkliste_kooperation_starten.docx"
GOOD_MD = (
    "---\ntitle: Leitfaden Zweckverband\njurisdiction: HE\n---\n"
    "# Gründung\n\nGemeinden können einen Zweckverband bilden, um Aufgaben gemeinsam zu erfüllen.\n\n"
    "# Verbandssatzung\n\nDie Verbandssatzung regelt Aufgaben, Organe und die Verbandsumlage.\n"
)


# -- building hostile files --------------------------------------------------------------------------
def truncated_pdf(path: Path) -> None:
    data = GOOD_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(GOOD_PDF))
    writer.encrypt(user_password="geheim", owner_password="verwaltung", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)


def scanned_pdf(path: Path) -> None:
    """A page with only drawn shapes, like a scan: nothing for a text extractor."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")
    pdf.circle(x=60, y=150, radius=30)
    pdf.output(str(path))


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(path.name).randbytes(20_000))


def docx_with_member(path: Path, writer: Callable[[zipfile.ZipFile], None]) -> None:
    """A real DOCX (the sample) whose word/document.xml is replaced by what ``writer`` stores."""
    with zipfile.ZipFile(GOOD_DOCX) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
        writer(target)


def _huge_member(target: zipfile.ZipFile, megabytes: int = 64) -> None:
    with target.open("word/document.xml", "w") as member:
        block = b" " * (1 << 20)  # spaces deflate about 1000:1, so the archive stays small
        for _ in range(megabytes):
            member.write(block)


def zip_bomb_docx(path: Path) -> None:
    """Declares 64 MB unpacked; with max_file_mb=5 the limit for unpacked content is 50 MB."""
    docx_with_member(path, _huge_member)


def lying_zip_docx(path: Path) -> None:
    """A bomb whose headers claim 1 KB for a 64 MB member, so a size check alone would let it pass."""
    docx_with_member(path, _huge_member)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
        entry = archive.start_dir
    name = info.filename.encode()
    while data[entry + 46: entry + 46 + len(name) + 1] != name + b"P":  # central directory record of the member
        entry += 46 + sum(int.from_bytes(data[entry + o: entry + o + 2], "little") for o in (28, 30, 32))
    claimed = (1024).to_bytes(4, "little")
    data[entry + 24: entry + 28] = claimed
    data[info.header_offset + 22: info.header_offset + 26] = claimed
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024


def yaml_alias_bomb_md(path: Path) -> None:
    """Front matter whose title is 9^6 values written in 300 bytes ("billion laughs"); a real attack
    uses a few more levels, which no reader would finish walking."""
    lines = ["a: &a [IKZ, IKZ, IKZ, IKZ, IKZ, IKZ, IKZ, IKZ, IKZ]"]
    for previous, name in zip("abcde", "bcdef"):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path.write_text("---\n" + "\n".join(lines) + "\ntitle: *f\n---\n# Satzung\n\nText.\n", encoding="utf-8")


def yaml_deep_md(path: Path) -> None:
    """Front matter nested 2000 levels deep: 4 KB that PyYAML cannot load (RecursionError)."""
    path.write_text("---\ntitle: " + "[" * 2000 + "]" * 2000 + "\n---\n# Vertrag\n\nText.\n", encoding="utf-8")


def oversize_md(path: Path) -> None:
    path.write_text("# Groß\n\n" + "Die Gemeinden arbeiten zusammen. " * 2000, encoding="utf-8")


CASES = [
    # id, file name, builder, settings overrides, expected reason
    ("truncated-pdf", "faq_abgeschnitten.pdf", truncated_pdf, {}, r"PDF ist beschädigt"),
    ("encrypted-pdf", "geheim.pdf", encrypted_pdf, {}, r"passwortgeschützt"),
    ("scanned-pdf", "scan.pdf", scanned_pdf, {}, r"keinen Text.*OCR"),
    ("zero-byte", "leer.docx", zero_bytes, {}, r"leere Datei"),
    ("random-pdf", "zufall.pdf", random_bytes, {}, r"PDF ist beschädigt"),
    ("random-docx", "zufall.docx", random_bytes, {}, r"kein gültiges ZIP"),
    ("zip-bomb", "bombe.docx", zip_bomb_docx, {"max_file_mb": 5}, r"ZIP-Bombe"),
    ("zip-bomb-lying", "bombe_getarnt.docx", lying_zip_docx, {}, r"DOCX-Datei ist beschädigt"),
    ("oversize", "riesig.md", oversize_md, {"max_file_mb": 0.01}, r"zu groß \(0\.1 MB, erlaubt sind 0\.0 MB\)"),
    ("unsupported", "tabelle.xlsx", random_bytes, {}, r"Dateityp \.xlsx wird nicht unterstützt"),
    ("yaml-alias-bomb", "satzung.md", yaml_alias_bomb_md, {}, r"Vorspann \(YAML\).*Anker/Verweise"),
    ("yaml-deep-nesting", "vertrag.md", yaml_deep_md, {}, r"Vorspann \(YAML\) ist zu groß, zu tief verschachtelt"),
]


# -- helpers -----------------------------------------------------------------------------------------
def run_index(settings, embed_model) -> IndexReport:
    return CorpusIndexer(settings, embed_model, partial(wiring.vector_store, settings, create=True)).run(settings.corpus_dir)


def indexed(settings) -> list[tuple[str, str, str]]:
    """(chunk id, file, text) of everything in the Chroma collection, sorted."""
    got = wiring.vector_store(settings, create=False).client.get(include=["documents", "metadatas"])
    return sorted((cid, meta["file"], text) for cid, meta, text in zip(got["ids"], got["metadatas"], got["documents"]))


def files_in(settings) -> set[str]:
    return {file for _, file, _ in indexed(settings)}


def log_lines_about(caplog: pytest.LogCaptureFixture, name: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and name in r.getMessage()]


# -- tests -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,build,overrides,reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_file_is_one_clear_line_and_the_good_file_is_indexed(
    make_settings, embed_model, caplog, name, build, overrides, reason
) -> None:
    settings = make_settings(**overrides)
    (settings.corpus_dir / "leitfaden.md").write_text(GOOD_MD, encoding="utf-8")
    build(settings.corpus_dir / name)

    with caplog.at_level(logging.WARNING):
        report = run_index(settings, embed_model)

    assert [f.file for f in report.failed] == [name]
    assert re.search(reason, report.failed[0].error), report.failed[0].error
    assert len(log_lines_about(caplog, name)) == 1, log_lines_about(caplog, name)
    assert report.failed[0].error in log_lines_about(caplog, name)[0]
    assert report.added == 1 and files_in(settings) == {"leitfaden.md"}
    assert report.chunks == 2


def test_html_scripts_and_styles_never_reach_the_index(make_settings, embed_model) -> None:
    settings = make_settings()
    (settings.corpus_dir / "seite.html").write_text(
        "<html><head><title>IKZ-Beratung</title><style>.box { color: red } /* STILREGEL */</style>"
        "<script>var tracking = 'SKRIPTCODE'; alert(1);</script></head><body>"
        "<script>document.write('NOCHMEHRSKRIPT')</script><noscript>BITTEJAVASCRIPT</noscript>"
        "<h1>Beratung</h1><p>Das Kompetenzzentrum berät Gemeinden bei der Zusammenarbeit.</p>"
        "<style>p { margin: 0 }</style></body></html>",
        encoding="utf-8",
    )
    report = run_index(settings, embed_model)
    assert not report.failed and report.added == 1
    text = " ".join(t for _, _, t in indexed(settings))
    assert "Kompetenzzentrum berät Gemeinden" in text
    for leaked in ("STILREGEL", "color", "SKRIPTCODE", "alert", "NOCHMEHRSKRIPT", "BITTEJAVASCRIPT", "margin"):
        assert leaked not in text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_keep_their_umlauts(make_settings, embed_model, encoding) -> None:
    settings = make_settings()
    sentence = "Die Gemeinde Großenlüder und die Stadt Fürth gründen einen Zweckverband für Straßenbeleuchtung."
    extra = " „Öffentlich-rechtliche Vereinbarung“ – Kosten 5 €." if encoding == "cp1252" else " Änderungen der §§ 5 bis 7 (Fläche 2 m², Anteil ½)."
    raw = (sentence + extra).encode(encoding)
    assert raw.decode(encoding) == sentence + extra
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    (settings.corpus_dir / f"alt_{encoding}.txt").write_bytes(raw)

    report = run_index(settings, embed_model)
    assert not report.failed and report.added == 1
    [(_, _, text)] = indexed(settings)
    assert text == sentence + extra


def test_same_content_under_two_names_is_indexed_once(make_settings, embed_model, caplog) -> None:
    settings = make_settings()
    corpus = settings.corpus_dir
    (corpus / "leitfaden.md").write_text(GOOD_MD, encoding="utf-8")
    (corpus / "Ablage").mkdir()
    shutil.copy2(corpus / "leitfaden.md", corpus / "Ablage" / "leitfaden (Kopie).md")

    with caplog.at_level(logging.WARNING):
        report = run_index(settings, embed_model)
    assert [(f.file, f.error) for f in report.failed] == [
        ("Ablage/leitfaden (Kopie).md", "Duplikat: gleicher Inhalt wie leitfaden.md, nur einmal indexiert")
    ]
    assert len(log_lines_about(caplog, "leitfaden (Kopie).md")) == 1
    assert report.chunks == 2 and files_in(settings) == {"leitfaden.md"}

    # Without the first copy the second one is no longer a duplicate: it takes over.
    (corpus / "leitfaden.md").unlink()
    again = run_index(settings, embed_model)
    assert (again.added, again.removed, again.failed) == (1, 1, [])
    assert again.chunks == 2 and files_in(settings) == {"Ablage/leitfaden (Kopie).md"}


def test_names_with_umlauts_and_spaces_are_indexed_and_cited(make_settings, embed_model) -> None:
    settings = make_settings()
    folder = settings.corpus_dir / "Satzungen Hessen"
    folder.mkdir()
    (folder / "Öffentlich-rechtliche Vereinbarung Süd.md").write_text(
        "# Vereinbarung\n\nDie Gemeinden Großenlüder und Künzell übertragen die Abwasserbeseitigung "
        "durch öffentlich-rechtliche Vereinbarung auf die Gemeinde Künzell.\n",
        encoding="utf-8",
    )
    shutil.copy2(GOOD_DOCX, settings.corpus_dir / "Checkliste Kooperation (Entwurf) – Straße.docx")

    assistant = Assistant(settings, embed_model)
    report = assistant.index()
    assert not report.failed and report.added == 2
    assert files_in(settings) == {
        "Satzungen Hessen/Öffentlich-rechtliche Vereinbarung Süd.md",
        "Checkliste Kooperation (Entwurf) – Straße.docx",
    }
    result = assistant.ask("Wer übernimmt die Abwasserbeseitigung für Großenlüder?")
    assert not result["abstained"]
    assert result["citations"][0]["file"] == "Satzungen Hessen/Öffentlich-rechtliche Vereinbarung Süd.md"


def test_nothing_indexed_is_lost_when_bad_files_and_a_broken_new_version_arrive(make_settings, embed_model) -> None:
    settings = make_settings()
    corpus = settings.corpus_dir
    (corpus / "leitfaden.md").write_text(GOOD_MD, encoding="utf-8")
    shutil.copy2(GOOD_PDF, corpus / "faq.pdf")
    shutil.copy2(GOOD_DOCX, corpus / "checkliste.docx")
    first = run_index(settings, embed_model)
    assert not first.failed and first.added == 3
    before = indexed(settings)

    truncated_pdf(corpus / "kaputt.pdf")
    encrypted_pdf(corpus / "geheim.pdf")
    zero_bytes(corpus / "leer.odt")
    random_bytes(corpus / "zufall.docx")
    (corpus / "checkliste.docx").write_bytes(GOOD_DOCX.read_bytes()[:3000])  # a new version, broken in transfer
    second = run_index(settings, embed_model)

    reasons = {f.file: f.error for f in second.failed}
    assert set(reasons) == {"kaputt.pdf", "geheim.pdf", "leer.odt", "zufall.docx", "checkliste.docx"}
    assert "die zuvor indexierte Fassung bleibt im Index" in reasons["checkliste.docx"]
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 2)
    assert indexed(settings) == before  # same ids, same files, same texts

    shutil.copy2(GOOD_DOCX, corpus / "checkliste.docx")  # the good version again: nothing to embed
    third = run_index(settings, embed_model)
    assert third.unchanged == 3 and third.embedded_chunks == 0 and indexed(settings) == before


def _ikz(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(IKZ), *args], capture_output=True, text=True, timeout=300, env=env or dict(os.environ))


def test_ikz_index_json_over_a_hostile_corpus_and_its_exit_codes(tmp_path: Path) -> None:
    corpus, index = tmp_path / "Korpus Ordner", tmp_path / "index"
    corpus.mkdir()
    (corpus / "leitfaden.md").write_text(GOOD_MD, encoding="utf-8")
    shutil.copy2(GOOD_PDF, corpus / "FAQ Vergabe & Umsatzsteuer.pdf")
    (corpus / "Gemeindeübergreifend.txt").write_bytes(
        "Gemeindeübergreifende Zusammenarbeit spart Kosten für Straßen und Brücken.".encode("cp1252")
    )
    (corpus / "seite.html").write_text("<h1>Titel</h1><script>SKRIPTCODE</script><p>Sichtbarer Text zur IKZ.</p>", encoding="utf-8")
    bad = {
        "kaputt.pdf": truncated_pdf, "geheim.pdf": encrypted_pdf, "scan.pdf": scanned_pdf,
        "leer.pdf": zero_bytes, "zufall.docx": random_bytes,
    }
    for name, build in bad.items():
        build(corpus / name)
    shutil.copy2(corpus / "leitfaden.md", corpus / "leitfaden kopie.md")
    env = {**os.environ, "IKZ_CORPUS_DIR": str(corpus), "IKZ_INDEX_DIR": str(index)}

    run = _ikz("index", "--json", env=env)
    assert run.returncode == 3, run.stderr
    report = json.loads(run.stdout)
    assert {"added", "updated", "removed", "unchanged", "failed", "chunks", "seconds"} <= set(report)
    failed = [entry["file"] for entry in report["failed"]]
    assert sorted(failed) == sorted([*bad, "leitfaden kopie.md"])  # each exactly once
    assert all(set(entry) >= {"file", "error"} and entry["error"] for entry in report["failed"])
    assert report["added"] == 4 and report["chunks"] > 4
    log = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    for name in failed:
        assert sum(name in line for line in log) == 1, (name, log)

    for name in [*bad, "leitfaden kopie.md"]:
        (corpus / name).unlink()
    clean = _ikz("index", "--json", env=env)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["unchanged"] == 4 and json.loads(clean.stdout)["failed"] == []

    missing = _ikz("index", "--corpus", str(tmp_path / "fehlt"), "--index", str(index))
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [f"ikz: Korpus-Ordner nicht gefunden: {tmp_path / 'fehlt'}"]

    usage = _ikz("index", "--gibt-es-nicht")
    assert usage.returncode == 2 and "usage" in usage.stderr
