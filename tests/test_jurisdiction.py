"""Answers for the user's own Land, over the real legal texts of several Länder."""

from __future__ import annotations

import pytest

from assistant.jurisdiction import UNKNOWN, UnknownJurisdictionError, admitted, mentioned, normalize, resolve
from assistant.service import Assistant

SUPERVISION = "Wer führt die Aufsicht über einen Zweckverband?"


def test_front_matter_values_are_normalised_to_the_land() -> None:
    assert normalize("Baden-Württemberg (kommunales Satzungsrecht, Gemeindeverwaltungsverband nach § 60 GemO)") == "Baden-Württemberg"
    assert normalize("Bund") == "Bund"
    assert normalize("BW (Satzung)") == "Baden-Württemberg"
    assert normalize("Niedersachsen") == "Niedersachsen"
    assert normalize(None) == UNKNOWN and normalize("irgendwas") == UNKNOWN


def test_codes_and_names_resolve_case_insensitively() -> None:
    assert resolve("SN") == resolve("sachsen") == "Sachsen"
    assert resolve("bw") == "Baden-Württemberg"
    assert resolve("alle") is None and resolve("ALLE") is None
    with pytest.raises(UnknownJurisdictionError) as error:
        resolve("Mars")
    assert "Mars" in str(error.value) and "Hessen (HE)" in str(error.value) and "alle" in str(error.value)
    assert admitted("Hessen") == ["Bund", "Hessen", UNKNOWN]


def test_a_land_named_in_the_question_is_found() -> None:
    assert mentioned("Wer beaufsichtigt in Sachsen einen Zweckverband?") == "Sachsen"
    assert mentioned("Was gilt nach baden-württembergischem Recht?") == "Baden-Württemberg"
    assert mentioned("Gilt das auch in BW?") == "Baden-Württemberg"
    assert mentioned("Und in Niedersachsen?") == "Niedersachsen"
    assert mentioned("Hessen oder Sachsen?") is None
    assert mentioned(SUPERVISION) is None


@pytest.mark.slow
@pytest.mark.parametrize("land, name", [("Sachsen", "Sachsen"), ("BW", "Baden-Württemberg")])
def test_filter_keeps_only_that_land_and_federal_law(real_assistant, land: str, name: str) -> None:
    events = list(real_assistant.stream(SUPERVISION, jurisdiction=land))
    sources = events[0]["citations"]
    assert sources and {c["jurisdiction"] for c in sources} <= {name, "Bund", UNKNOWN}
    answer = events[-1]["answer"]
    assert answer["jurisdiction"] == name
    assert {c["jurisdiction"] for c in answer["citations"]} <= {name, "Bund", UNKNOWN}


@pytest.mark.slow
def test_all_lands_mixes_lands(real_assistant) -> None:
    events = list(real_assistant.stream(SUPERVISION, top_k=10, jurisdiction="alle"))
    lands = {c["jurisdiction"] for c in events[0]["citations"]} - {"Bund", UNKNOWN}
    assert len(lands) >= 2, lands


@pytest.mark.slow
def test_land_in_the_question_overrides_the_default(real_assistant) -> None:
    result = real_assistant.ask("Wer führt in Sachsen die Aufsicht über einen Zweckverband?", jurisdiction="Hessen")
    assert result["jurisdiction"] == "Sachsen" and result["answer"].startswith("Für Sachsen:")
    assert any("sn_saechskomzg" in c["file"] for c in result["citations"])


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize("chosen", ["alle", "Hessen"])
def test_the_named_lands_own_law_comes_before_federal_law(real_assistant, chosen: str) -> None:
    question = "Welche Formen kommunaler Zusammenarbeit kennt das hessische Recht?"
    first = real_assistant.retrieve(question, jurisdiction=chosen)[0].passage
    assert first.jurisdiction == "Hessen", (first.file, first.section)


@pytest.mark.slow
def test_a_land_named_earlier_in_the_conversation_still_counts(real_assistant) -> None:
    result = real_assistant.ask(
        "Und wer vertritt ihn nach außen?", history=["Was ist in Baden-Württemberg ein Zweckverband?"], jurisdiction="Hessen"
    )
    assert result["jurisdiction"] == "Baden-Württemberg" and not result["abstained"]
    assert result["citations"] and all("bw_" in c["file"] for c in result["citations"]), result["citations"]


def test_other_lands_rule_is_marked_never_presented_as_hessian(real_assistant) -> None:
    for question in ("Darf ein Zweckverband eigene Beamte einstellen?", "Wer beaufsichtigt einen Verwaltungsverband?"):
        result = real_assistant.ask(question, jurisdiction="Hessen")
        foreign = [c for c in result["citations"] if c["jurisdiction"] not in ("Hessen", "Bund", UNKNOWN)]
        assert all(c["other_land"] for c in foreign), result
        assert bool(foreign) == result["answer"].startswith("Für Hessen habe ich dazu nichts gefunden; in "), result


@pytest.mark.slow
def test_nothing_for_the_land_but_elsewhere_says_so(make_settings, embed_model) -> None:
    settings = make_settings(jurisdiction="Hessen")
    (settings.corpus_dir / "he.md").write_text(
        "---\njurisdiction: Hessen\n---\n# § 1 Abfallgebühren\n\nDie Gemeinde erhebt für die Abfallentsorgung "
        "Gebühren nach ihrer Gebührensatzung.\n", encoding="utf-8")
    (settings.corpus_dir / "bw.md").write_text(
        "---\njurisdiction: Baden-Württemberg\ntitle: Gesetz über kommunale Zusammenarbeit (GKZ)\n---\n"
        "# § 17 Beamte\n\nDer Zweckverband hat das Recht, Beamte zu haben. Die Verbandssatzung bestimmt, "
        "welches Organ die Beamten des Zweckverbands ernennt.\n", encoding="utf-8")
    assistant = Assistant(settings, embed_model)
    assistant.index()
    result = assistant.ask("Darf ein Zweckverband eigene Beamte haben?")
    assert result["answer"].startswith("Für Hessen habe ich dazu nichts gefunden; in Baden-Württemberg regelt das § 17 GKZ:")
    assert result["citations"] and all(c["other_land"] and c["file"] == "bw.md" for c in result["citations"])
    assert result["jurisdiction"] == "Hessen" and not result["abstained"]


@pytest.mark.slow
def test_abstention_names_the_contact_when_configured(real_assistant) -> None:
    contact = "Kompetenzzentrum IKZ (Beispiel), Tel. 0611 000000, beratung@ikz-beispiel.invalid"
    settings = real_assistant.settings.model_copy(update={"contact": contact})
    with_contact = Assistant(settings, real_assistant.embed_model)
    result = with_contact.ask("Wie backe ich einen Apfelkuchen?")
    assert result["abstained"]
    assert f"Für Ihre Einzelfrage wenden Sie sich an: {contact}" in result["answer"]
    assert "wenden Sie sich" not in real_assistant.ask("Wie backe ich einen Apfelkuchen?")["answer"]


def test_documents_carry_land_and_type_from_their_own_declarations(tmp_path) -> None:
    """Front matter, PDF/DOCX/HTML properties, the folder's _meta.yaml, the title: in this order."""
    from pathlib import Path

    from assistant.ingest.documents import to_document
    from assistant.ingest.readers import read_file
    from tests.conftest import REAL_CORPUS, SAMPLE_CORPUS

    def meta(folder: Path, name: str) -> tuple[str, str]:
        document = to_document(name, "x", read_file(folder / name, 10**8), folder)
        return document.metadata["jurisdiction"], document.metadata["doctype"]

    assert meta(REAL_CORPUS, "bw_satzung_gvv_raum_bad_boll.md") == ("Baden-Württemberg", "Satzung")
    assert meta(REAL_CORPUS, "sn_saechskomzg.md") == ("Sachsen", "Gesetz")
    assert meta(SAMPLE_CORPUS, "faq_vergabe_umsatzsteuer.pdf") == ("Hessen", "FAQ")  # PDF keywords, title
    assert meta(SAMPLE_CORPUS, "checkliste_kooperation_starten.docx") == ("Hessen", "Leitfaden")  # DOCX category
    assert meta(SAMPLE_CORPUS, "kompetenzzentrum_profil.html") == ("Hessen", "Sonstiges")  # <meta name=…>
    plain = tmp_path / "notiz.txt"
    plain.write_text("Eine Notiz ohne Angaben.", encoding="utf-8")
    assert meta(tmp_path, "notiz.txt") == (UNKNOWN, "unbekannt")
    (tmp_path / "_meta.yaml").write_text("jurisdiction: SN\ndoctype: Praxisbeispiel\n", encoding="utf-8")
    assert meta(tmp_path, "notiz.txt") == ("Sachsen", "Praxisbeispiel")
