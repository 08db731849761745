"""``ikz eval``: recall@1/5/10, MRR, abstention and latency by question kind, for the assistant's
hybrid pipeline and, in the same run on the same chunks and model, two baselines: plain llama-index
dense retrieval over Chroma (the usual recipe) and the German lexical retrieval alone."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ..jurisdiction import ALL
from ..service import Assistant
from ..settings import Settings
from ..types import Passage
from .metrics import first_hit_rank, mrr, normalise, percentile, recall_at
from .questions import KINDS, Question, load_questions

Ranker = Callable[[Question], list[Passage]]


def prepare_corpus(corpora: list[Path], target: Path) -> Path:
    """One corpus folder holding every given corpus in a sub-folder of its own name."""
    for source in corpora:
        destination = target / source.resolve().name
        shutil.copytree(source, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns("SOURCES.md", ".*"))
    return target


def rankers(assistant: Assistant) -> dict[str, Ranker]:
    retriever = assistant.retriever
    passages = retriever.passages

    def hybrid(q: Question) -> list[Passage]:
        """As the web app finds it for a user who chose every Land (a Land the question names filters)."""
        return [h.passage for h in assistant.retrieve(q.question, q.history, 10, ALL)]

    land_of = {PurePosixPath(p.file).name: p.jurisdiction for p in passages}

    def hybrid_filtered(q: Question) -> list[Passage]:
        """As a user of the expected document's Land would ask (IKZ_JURISDICTION set to it)."""
        land = land_of.get(q.expected_file or "")
        land = ALL if land in (None, "Bund", "unbekannt") else land
        return [h.passage for h in assistant.retrieve(q.question, q.history, 10, land)]

    def dense(q: Question) -> list[Passage]:
        return [retriever.by_id[pid] for pid, _ in retriever.dense.search(q.question, 10) if pid in retriever.by_id]

    def lexical(q: Question) -> list[Passage]:
        return [passages[i] for i, _ in retriever.lexical.search(q.question, 10)]

    return {"hybrid": hybrid, "hybrid + Land-Filter": hybrid_filtered,
            "dense (llama-index, Chroma)": dense, "lexical (BM25 de)": lexical}


def _summary(ranks: list[int | None]) -> dict[str, float]:
    return {
        "n": len(ranks),
        "recall@1": round(recall_at(ranks, 1), 3),
        "recall@5": round(recall_at(ranks, 5), 3),
        "recall@10": round(recall_at(ranks, 10), 3),
        "mrr": round(mrr(ranks), 3),
    }


def evaluate(assistant: Assistant, questions: list[Question], baselines: bool = True) -> dict[str, Any]:
    answerable = [q for q in questions if q.answerable]
    out_of_scope = [q for q in questions if not q.answerable]
    systems = rankers(assistant)
    if not baselines:
        systems = {name: systems[name] for name in ("hybrid", "hybrid + Land-Filter")}
    report: dict[str, Any] = {"questions": len(questions), "systems": {}, "misses": []}
    for name, rank in systems.items():
        ranks = {q.id: first_hit_rank(rank(q), q.expected_file, q.key_fact) for q in answerable}
        by_kind = {
            kind: _summary([ranks[q.id] for q in answerable if q.kind == kind])
            for kind in KINDS if any(q.kind == kind for q in answerable)
        }
        report["systems"][name] = {"all": _summary(list(ranks.values())), "by_kind": by_kind}
        if name == "hybrid":
            report["misses"] = [
                {"id": q.id, "kind": q.kind, "rank": ranks[q.id], "question": q.question}
                for q in answerable if ranks[q.id] is None or ranks[q.id] > 1
            ]

    latencies, retrieve_ms, answer_ms = [], [], []
    abstained: dict[str, bool] = {}
    stated: dict[str, bool] = {}  # the key fact is in the answer text
    for q in questions:
        started = time.perf_counter()
        result = assistant.ask(q.question, q.history, jurisdiction="alle")
        latencies.append((time.perf_counter() - started) * 1000)
        retrieve_ms.append(result["timings_ms"]["retrieve"])
        answer_ms.append(result["timings_ms"]["answer"])
        abstained[q.id] = bool(result["abstained"])
        stated[q.id] = bool(q.key_fact) and normalise(q.key_fact) in normalise(result["answer"])
    report["abstention"] = {
        "out_of_scope": len(out_of_scope),
        "abstention_accuracy": round(sum(abstained[q.id] for q in out_of_scope) / max(1, len(out_of_scope)), 3),
        "false_abstention": round(sum(abstained[q.id] for q in answerable) / max(1, len(answerable)), 3),
        "wrongly_answered": [q.id for q in out_of_scope if not abstained[q.id]],
        "wrongly_abstained": [q.id for q in answerable if abstained[q.id]],
    }
    report["answer"] = {
        "key_fact_stated": round(sum(stated[q.id] for q in answerable) / max(1, len(answerable)), 3),
    }
    report["latency_ms"] = {
        "total_p50": round(percentile(latencies, 50), 1), "total_p95": round(percentile(latencies, 95), 1),
        "retrieve_p50": round(percentile(retrieve_ms, 50), 1), "retrieve_p95": round(percentile(retrieve_ms, 95), 1),
        "answer_p50": round(percentile(answer_ms, 50), 1), "answer_p95": round(percentile(answer_ms, 95), 1),
    }
    return report


def format_report(report: dict[str, Any], model: str) -> str:
    lines = [f"IKZ-Assistent eval: {report['questions']} Fragen, Modell {model}", ""]
    lines.append(f"{'System':30} {'Art':13} {'n':>3} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}")
    for system, data in report["systems"].items():
        for kind, s in [("alle", data["all"]), *data["by_kind"].items()]:
            lines.append(f"{system:30} {kind:13} {s['n']:>3} {s['recall@1']:>6.3f} {s['recall@5']:>6.3f} "
                         f"{s['recall@10']:>6.3f} {s['mrr']:>6.3f}")
    a, lat = report["abstention"], report["latency_ms"]
    lines += ["", f"Enthaltung bei Fragen außerhalb des Bestands: {a['abstention_accuracy']:.3f} (n={a['out_of_scope']}), "
              f"fälschliche Enthaltung: {a['false_abstention']:.3f}",
              f"Kernaussage steht in der Antwort: {report['answer']['key_fact_stated']:.3f}",
              f"Latenz ms: gesamt p50 {lat['total_p50']} / p95 {lat['total_p95']}; "
              f"Suche p50 {lat['retrieve_p50']} / p95 {lat['retrieve_p95']}; Antwort p50 {lat['answer_p50']} / p95 {lat['answer_p95']}"]
    if a["wrongly_answered"] or a["wrongly_abstained"]:
        lines.append(f"beantwortet statt enthalten: {a['wrongly_answered']}; enthalten statt beantwortet: {a['wrongly_abstained']}")
    return "\n".join(lines)


def default_corpora(settings: Settings) -> list[Path]:
    """The configured corpus, and the real legal texts where they lie beside the checkout."""
    real = Path("..") / "shared" / "corpus-real"
    return [settings.corpus_dir, *([real] if real.is_dir() else [])]


def run_cli(args: Any, settings: Settings) -> int:
    corpora = args.corpus_list or default_corpora(settings)
    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory(prefix="ikz-eval-") as tmp:
        index_dir = args.index or Path(tmp) / "index"
        corpus = prepare_corpus(corpora, Path(tmp) / "corpus")
        eval_settings = settings.model_copy(update={"corpus_dir": corpus, "index_dir": index_dir})
        assistant = Assistant(eval_settings)
        assistant.index()
        report = evaluate(assistant, questions, baselines=args.baselines)
    report["model"] = settings.embed_model
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report, settings.embed_model))
    return 0



