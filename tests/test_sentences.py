"""Sentence units for extractive answers: abbreviations, enumerations, sentences that lean on the one before."""

from __future__ import annotations

from assistant.answer.extractive import compose
from assistant.answer.sentences import split_sentences
from assistant.retrieval.german import GermanAnalyzer
from assistant.types import Hit, Passage


def units(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_citations_of_gazettes_do_not_end_a_sentence() -> None:
    text = "Das gilt nach dem Gesetz vom 1. März 1990 (BGBl. I S. 12), zuletzt geändert 2002 (GVBl. S. 3). Danach nichts."
    assert units(text) == [text[: text.index(" Danach")], "Danach nichts."]


def test_an_enumeration_stays_with_a_lead_in_that_breaks_off_mid_clause() -> None:
    text = ("(1) Zwei Gemeinden können vereinbaren, dass eine von ihnen Aufgaben\n\n"
            "1. der anderen übernimmt oder\n2. für die andere durchführt.\n\n(2) Sie ist schriftlich abzuschließen.")
    first, second = units(text)
    assert first.startswith("(1)") and first.endswith("für die andere durchführt.")
    assert second == "(2) Sie ist schriftlich abzuschließen."


def test_a_heading_is_no_lead_in_of_an_enumeration() -> None:
    text = "### § 3 Aufgaben\n\n1. Der Verband plant.\n2. Der Verband baut."
    assert units(text)[0] == "### § 3 Aufgaben"


def test_a_sentence_that_leans_on_its_predecessor_is_quoted_with_it() -> None:
    text = ("(1) Der Verbandsvorsitzende leitet die Sitzungen der Verbandsversammlung. "
            "Er vertritt den Zweckverband nach außen und ist Leiter der Verwaltung.\n\n"
            "(2) Die Verbandsversammlung wählt ihn für fünf Jahre.")
    hit = Hit(Passage(id="p1", text=text, file="satzung.md", title="Satzung", section="§ 9 Vorsitz"), 1.0)
    analyzer = GermanAnalyzer()
    answer, _ = compose("Wer vertritt den Zweckverband nach außen?", [hit], analyzer, lambda token: 1.0)
    assert "Der Verbandsvorsitzende leitet die Sitzungen der Verbandsversammlung. Er vertritt den Zweckverband" in answer


def test_a_sentence_quoted_with_its_successor_is_not_quoted_again_alone() -> None:
    glossary = Hit(Passage(id="g", text=(
        "Die Grundordnung eines Zweckverbands nach § 9 KGG. Sie bestimmt unter anderem die Mitglieder, "
        "die Aufgaben, Name und Sitz sowie die Verteilung der Stimmen."), file="glossar.odt", title="Glossar",
        section="Verbandssatzung"), 1.0)
    guide = Hit(Passage(id="l", text="Die Mitglieder eines Zweckverbands vereinbaren eine Verbandssatzung (§ 9 KGG).",
                        file="leitfaden.md", title="Leitfaden", section="Zweckverband"), 0.9)
    answer, _ = compose("Was muss ein Zweckverband in seine Satzung schreiben?", [glossary, guide],
                        GermanAnalyzer(), lambda token: 1.0)
    assert answer.count("Die Grundordnung eines Zweckverbands") == 1, answer
    assert "Die Grundordnung eines Zweckverbands nach § 9 KGG. Sie bestimmt" in answer


def test_what_a_publication_says_about_itself_is_no_evidence() -> None:
    intro = Hit(Passage(id="i", text=(
        "Dieser Leitfaden gibt hessischen Kommunen einen Überblick über die Rechtsformen der interkommunalen "
        "Zusammenarbeit. Er ersetzt keine Rechtsberatung."), file="leitfaden.md", title="Leitfaden",
        section="Einleitung"), 1.0)
    law = Hit(Passage(id="k", text=(
        "§ 2 KGG nennt als Rechtsformen der interkommunalen Zusammenarbeit die Arbeitsgemeinschaft, den "
        "Zweckverband, die öffentlich-rechtliche Vereinbarung und die gemeinsame kommunale Anstalt."),
        file="leitfaden.md", title="Leitfaden", section="Rechtlicher Rahmen"), 0.9)
    answer, citations = compose("Welche Rechtsformen gibt es für die interkommunale Zusammenarbeit?",
                                [intro, law], GermanAnalyzer(), lambda token: 1.0)
    assert answer.startswith("§ 2 KGG nennt"), answer
    assert "Dieser Leitfaden" not in answer and [c.n for c in citations] == [1]
