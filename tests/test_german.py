"""German lexical analysis and fusion, on real words of the domain."""

from __future__ import annotations

from assistant.retrieval.fusion import rrf, score_fusion
from assistant.retrieval.german import GermanAnalyzer, HantaCompounds, legal_refs


def test_legal_references_normalise_to_one_token() -> None:
    assert "p108" in legal_refs("§108 GWB")
    assert {"p108", "abs6"} <= set(legal_refs("§ 108 Abs. 6 GWB"))
    assert "p108" in legal_refs("Paragraph 108")
    assert "p108" in legal_refs("Paragraf 108")
    assert "art28" in legal_refs("Art. 28 GG")
    assert "art28" in legal_refs("Artikel 28")
    assert "abs6" in legal_refs("Text\n(6) Dieser Teil ist ferner")


def test_cited_address_binds_paragraph_absatz_and_law() -> None:
    analyzer = GermanAnalyzer()
    address = analyzer.query_address("Was regelt § 108 Abs. 6 GWB?")
    assert {"gwb:p108", "p108:abs6", "gwb:p108:abs6"} <= set(address)
    # the Absatz may follow the law's name, and belongs to the § before it
    assert "ustg:p2b:abs3" in analyzer.query_address("§2b UStG Absatz 3")
    assert "p57:abs2" not in analyzer.query_address("§ 56 Abs. 2 und § 57 VwVfG")
    assert "gwb:p108:abs1" in analyzer.query_address("§ 108 I Nr. 1 GWB")  # Absatz as a Roman numeral
    assert analyzer.query_address("Wer beaufsichtigt einen Zweckverband?") == []
    passage = analyzer.passage_address(
        "Gesetz gegen Wettbewerbsbeschränkungen (GWB) – Teil 4 (§§ 97–114)",
        "§ 108 Ausnahmen bei öffentlich-öffentlicher Zusammenarbeit",
        "(6) Dieser Teil ist ferner nicht anzuwenden … im Sinne des § 99\n(7) Bei der Bestimmung",
    )
    assert {"gwb:p108", "gwb:p108:abs6", "gwb:p108:abs7"} <= set(passage)
    assert not any("p99" in token or "p97" in token for token in passage), passage  # cited, not its address


def test_a_sentence_has_the_address_of_the_absatz_it_stands_in() -> None:
    analyzer = GermanAnalyzer()
    title, section = "Umsatzsteuergesetz (UStG)", "§ 2b Juristische Personen des öffentlichen Rechts"
    text = "### § 2b Juristische Personen\n\n(1) Erster Satz. Zweiter Satz.\n\n(3) Dritter Absatz."
    addresses = analyzer.absatz_addresses(title, section, text)

    def at(position: int) -> list[str]:
        return [address for start, address in addresses if start <= position][-1]

    assert "ustg:p2b:abs1" in at(text.index("Zweiter"))
    third = at(text.index("(3)"))
    assert "ustg:p2b:abs3" in third and "ustg:p2b:abs1" not in third
    assert at(0) == ["ustg:p2b"]  # the heading, before any Absatz


def test_stems_fold_umlauts_and_inflection() -> None:
    analyzer = GermanAnalyzer()
    assert analyzer.tokens("Zweckverbände") == analyzer.tokens("Zweckverband") == analyzer.tokens("Zweckverbaende")
    assert analyzer.tokens("Ausschreibung") == analyzer.tokens("ausschreiben")
    assert analyzer.tokens("die und der") == []


def test_participles_of_separable_verbs_meet_their_noun() -> None:
    analyzer = GermanAnalyzer()
    assert set(analyzer.tokens("Auflösung")) <= set(analyzer.tokens("aufgelöst"))
    assert set(analyzer.tokens("Anpassung")) <= set(analyzer.tokens("angepasst"))
    assert set(analyzer.tokens("einführen")) <= set(analyzer.tokens("eingeführt"))
    assert set(analyzer.tokens("Auflösung")) <= set(analyzer.tokens("aufzulösen"))  # zu-infinitive
    assert set(analyzer.tokens("Anwendung")) <= set(analyzer.tokens("anzuwenden"))
    assert analyzer.tokens("Angebot") == analyzer.tokens("angebot")  # too short a stem: no participle


def test_forms_of_verbs_in_igen_and_baren_meet_their_noun() -> None:
    analyzer = GermanAnalyzer()
    assert set(analyzer.tokens("Genehmigung")) <= set(analyzer.tokens("genehmigt"))
    assert set(analyzer.tokens("Beteiligung")) <= set(analyzer.tokens("die beteiligten Gemeinden"))
    assert set(analyzer.tokens("Vereinbarung")) <= set(analyzer.tokens("vereinbart"))
    assert set(analyzer.tokens("genehmigen")) == set(analyzer.tokens("Genehmigung"))
    assert analyzer.tokens("Gericht") == ["gericht"]  # other words ending in t gain nothing


def test_compounds_are_split() -> None:
    analyzer = GermanAnalyzer(compounds=HantaCompounds())
    tokens = analyzer.tokens("Zweckverbandssatzung")
    assert set(analyzer.tokens("Zweckverband Satzung")) <= set(tokens)
    assert "abwass" in analyzer.tokens("Abwasserzweckverband")


def test_rrf_fuses_by_rank_and_deduplicates() -> None:
    fused = rrf([["a", "b", "c"], ["c", "a", "a"]], k=60)
    ids = [i for i, _ in fused]
    assert ids[0] == "a" and set(ids) == {"a", "b", "c"}
    assert abs(dict(fused)["a"] - (1 / 61 + 1 / 62)) < 1e-12
    assert rrf([]) == []


def test_score_fusion_keeps_a_clear_lead_that_rank_fusion_flattens() -> None:
    dense = [("a", 0.901), ("b", 0.900), ("c", 0.870), ("d", 0.860)]  # a and b nearly tied
    lexical = [("b", 30.0), ("a", 9.0), ("c", 8.5), ("d", 8.0)]  # b far ahead
    assert rrf([[i for i, _ in dense], [i for i, _ in lexical]])[0][0] == "a"  # ranks 1+2 against 2+1: a tie
    fused = score_fusion([dense, lexical])
    assert fused[0][0] == "b"
    assert fused[-1][0] == "d"


def test_score_fusion_weights_deduplicates_and_skips_empty_lists() -> None:
    dense, lexical = [("a", 0.9), ("b", 0.8)], [("b", 5.0), ("b", 1.0), ("a", 4.0)]
    assert score_fusion([dense, lexical, []], [1.0, 0.0, 1.0])[0][0] == "a"  # lexical weighs nothing
    assert score_fusion([dense, lexical, []], [0.0, 1.0, 1.0])[0][0] == "b"
    single = score_fusion([[("x", 2.0)]])
    assert single == [("x", 1.0)]  # no spread: the only candidate counts fully
    assert score_fusion([]) == []
