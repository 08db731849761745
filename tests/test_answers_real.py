"""Answers over the real legal texts (../shared/corpus-real)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_procurement_question_cites_gwb_108(real_assistant) -> None:
    result = real_assistant.ask("Muss eine Zusammenarbeit zweier Gemeinden ausgeschrieben werden?")
    assert not result["abstained"]
    assert "[1]" in result["answer"]
    gwb = [c for c in result["citations"] if "gwb" in c["file"]]
    assert any("108" in (c["section"] or "") for c in gwb), result["citations"]
    for citation in result["citations"]:
        assert f"[{citation['n']}]" in result["answer"]
        assert citation["text"] and citation["title"]


@pytest.mark.parametrize(
    ("question", "file", "section", "absatz"),
    [
        ("Was regelt § 108 Abs. 6 GWB?", "bund_gwb", "§ 108", "(6)"),  # the BW GemO has a § 108 as well
        ("§2b UStG Absatz 3", "bund_ustg", "§ 2b", "(3)"),
        ("§ 102 GemO BW Zulässigkeit", "bw_gemo", "§ 102", None),
    ],
)
def test_a_cited_address_ranks_its_passage_first(real_assistant, question, file, section, absatz) -> None:
    first = real_assistant.retrieve(question)[0].passage
    assert file in first.file and first.section.startswith(section + " "), (first.file, first.section)
    assert absatz is None or absatz in first.text


def test_an_answer_to_a_cited_absatz_quotes_that_absatz_first(real_assistant) -> None:
    result = real_assistant.ask("§2b UStG Absatz 3", jurisdiction="alle")
    assert result["answer"].startswith("(3) "), result["answer"]
    assert "ustg" in result["citations"][0]["file"] and result["citations"][0]["section"].startswith("§ 2b ")


def test_score_fusion_is_a_working_alternative(real_assistant) -> None:
    from assistant.retrieval.hybrid import HybridRetriever

    base = real_assistant.retriever
    scores = HybridRetriever(base.dense, base.lexical, base.passages, candidate_k=50, expander=base.expander,
                             expand_dense=True, fusion="scores")
    hits = scores.retrieve("Muss eine Zusammenarbeit zweier Gemeinden ausgeschrieben werden?", 5)
    assert any("gwb" in h.passage.file and h.passage.section.startswith("§ 108 ") for h in hits), hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    cited = scores.retrieve("§ 108 Abs. 6 GWB", 1)[0].passage  # the address ranking counts here too
    assert "gwb" in cited.file and "(6)" in cited.text
    with pytest.raises(ValueError):
        HybridRetriever(base.dense, base.lexical, base.passages, fusion="mittel")


def test_off_topic_question_abstains(real_assistant) -> None:
    result = real_assistant.ask("Wie backe ich einen Apfelkuchen?")
    assert result["abstained"]
    assert result["citations"] == []
    assert result["answer"].startswith("In den vorliegenden Unterlagen habe ich dazu nichts gefunden.")


def test_a_question_for_a_figure_no_passage_states_abstains(real_assistant) -> None:
    result = real_assistant.ask("Wie viele Beschäftigte hat der Zweckverband Gewerbepark Göppingen/Voralb?", jurisdiction="alle")
    assert result["abstained"], result["answer"]


def test_a_question_for_an_amount_leads_with_the_sentence_that_states_it(real_assistant) -> None:
    result = real_assistant.ask(
        "Wie viel Umsatz darf eine Gemeinde im Jahr mit einer Tätigkeit machen, ohne Unternehmer zu werden?",
        jurisdiction="alle",
    )
    assert not result["abstained"]
    assert "17 500 Euro" in result["answer"].split("\n\n")[0], result["answer"]


def test_every_answer_sentence_carries_a_marker(real_assistant) -> None:
    result = real_assistant.ask("Welche Form braucht ein öffentlich-rechtlicher Vertrag?")
    sentences = [s for s in result["answer"].split("\n\n") if s.strip()]
    assert sentences and all(s.rstrip().endswith("]") for s in sentences)
    assert any("57" in (c["section"] or "") for c in result["citations"])


def test_follow_up_uses_the_conversation(real_assistant) -> None:
    result = real_assistant.ask(
        "Und welche Form braucht der Vertrag?", history=["Was ist ein öffentlich-rechtlicher Vertrag?"]
    )
    assert any("vwvfg" in c["file"] and "57" in (c["section"] or "") for c in result["citations"]), result["citations"]


def test_follow_up_stays_with_the_document_of_the_previous_question(real_assistant) -> None:
    history = ["Welche Kommunen sind beim Zweckverband Gewerbepark Göppingen/Voralb dabei?"]
    first = real_assistant.retrieve("Wie kann der Verband aufgelöst werden?", history)[0].passage
    assert "gewerbepark" in first.file and "Auflösung" in first.section, (first.file, first.section)


def test_a_new_topic_is_not_held_back_by_the_previous_one(real_assistant) -> None:
    history = ["Was regelt § 108 GWB?"]
    first = real_assistant.retrieve("Wie lange gilt die Übergangsregelung für Gemeinden bei der Umsatzsteuer?", history)[0]
    assert "ustg" in first.passage.file and first.passage.section.startswith("§ 27 "), first.passage.section


def test_stream_reports_sources_before_the_answer(real_assistant) -> None:
    events = list(real_assistant.stream("Was regelt § 108 Abs. 6 GWB?"))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "sources" and kinds[-1] == "answer" and "delta" in kinds
    assert events[0]["citations"] and events[-1]["answer"]["citations"]
