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


def hit(text: str, section: str, file: str = "leitfaden.md", score: float = 1.0) -> Hit:
    return Hit(Passage(id=f"{file}#{section}", text=text, file=file, title=file, section=section), score)


def answer_to(question: str, *hits: Hit) -> tuple[str, list]:
    """The extractive answer with the real analyzer and equal weight for every word."""
    return compose(question, list(hits), GermanAnalyzer(), lambda token: 1.0)


def test_a_sentence_that_leans_on_its_predecessor_is_quoted_with_it() -> None:
    answer, _ = answer_to("Wer vertritt den Zweckverband nach außen?", hit(
        "(1) Der Verbandsvorsitzende leitet die Sitzungen der Verbandsversammlung. "
        "Er vertritt den Zweckverband nach außen und ist Leiter der Verwaltung.\n\n"
        "(2) Die Verbandsversammlung wählt ihn für fünf Jahre.", "§ 9 Vorsitz", "satzung.md"))
    assert "Der Verbandsvorsitzende leitet die Sitzungen der Verbandsversammlung. Er vertritt den Zweckverband" in answer


def test_a_sentence_quoted_with_its_successor_is_not_quoted_again_alone() -> None:
    answer, _ = answer_to(
        "Was muss ein Zweckverband in seine Satzung schreiben?",
        hit("Die Grundordnung eines Zweckverbands nach § 9 KGG. Sie bestimmt unter anderem die Mitglieder, "
            "die Aufgaben, Name und Sitz sowie die Verteilung der Stimmen.", "Verbandssatzung", "glossar.odt"),
        hit("Die Mitglieder eines Zweckverbands vereinbaren eine Verbandssatzung (§ 9 KGG).", "Zweckverband", score=0.9),
    )
    assert answer.count("Die Grundordnung eines Zweckverbands") == 1, answer
    assert "Die Grundordnung eines Zweckverbands nach § 9 KGG. Sie bestimmt" in answer


def test_what_a_publication_says_about_itself_is_no_evidence() -> None:
    answer, citations = answer_to(
        "Welche Rechtsformen gibt es für die interkommunale Zusammenarbeit?",
        hit("Dieser Leitfaden gibt hessischen Kommunen einen Überblick über die Rechtsformen der interkommunalen "
            "Zusammenarbeit. Er ersetzt keine Rechtsberatung.", "Einleitung"),
        hit("§ 2 KGG nennt als Rechtsformen der interkommunalen Zusammenarbeit die Arbeitsgemeinschaft, den "
            "Zweckverband, die öffentlich-rechtliche Vereinbarung und die gemeinsame kommunale Anstalt.",
            "Rechtlicher Rahmen", score=0.9),
    )
    assert answer.startswith("§ 2 KGG nennt"), answer
    assert "Dieser Leitfaden" not in answer and [c.n for c in citations] == [1]


def test_a_question_that_only_cites_a_section_is_answered_from_its_beginning() -> None:
    text = ("### § 7 Organe\n\n(1) Organe des Verbands sind die Verbandsversammlung und der Vorsitzende des Verbands.\n\n"
            "(2) Die Verbandsversammlung tritt mindestens zweimal im Jahr zusammen.\n\n"
            "(3) Der Vorsitzende lädt schriftlich ein.")
    answer, _ = answer_to("Was steht in § 7 VbG?", Hit(Passage(
        id="v", text=text, file="vbg.md", title="Verbandsgesetz (VbG)", section="§ 7 Organe"), 1.0))
    assert answer.startswith("(1) Organe des Verbands"), answer  # not the shortest sentence first
