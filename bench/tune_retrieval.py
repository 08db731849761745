"""Compare retrieval variants on an index built by ``ikz eval --index DIR`` (same chunks, same model).

    .venv/bin/python bench/tune_retrieval.py --index /tmp/evalidx/real --questions assistant/eval/questions_real.jsonl

Prints recall@1/5/10 and MRR of each variant over the answerable questions; used to choose the
fusion and query-expansion defaults (see README, "Antwortqualität").
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from assistant.offline import apply_offline_switches


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, action="append")
    args = parser.parse_args()
    apply_offline_switches(os.environ)

    from assistant.eval.metrics import first_hit_rank, mrr, recall_at
    from assistant.eval.questions import load_questions
    from assistant.retrieval.expansion import QueryExpander
    from assistant.retrieval.hybrid import HybridRetriever
    from assistant.retrieval.followup import retrieve_in_conversation
    from assistant.service import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings(index_dir=args.index))
    base = assistant.retriever
    questions = [q for q in load_questions(args.questions) if q.answerable]
    expander = QueryExpander()
    both = dict(expander=expander, expand_dense=True)
    variants = {
        "dense only": dict(fusion="rrf", weights=(1.0, 0.0)),
        "lexical only": dict(fusion="rrf", weights=(0.0, 1.0)),
        "rrf k=60": dict(fusion="rrf"),
        "rrf k=60 + expansion (lexical)": dict(fusion="rrf", expander=expander),
        "rrf k=60 + expansion (both), default": dict(fusion="rrf", **both),
        "rrf k=20 + expansion (both)": dict(fusion="rrf", rrf_k=20, **both),
        "rrf w=1.5:1 + expansion (both)": dict(fusion="rrf", weights=(1.5, 1.0), **both),
        "scores w=1:1 + expansion (both)": dict(fusion="scores", weights=(1.0, 1.0), **both),
        "scores w=0.6:1 + expansion (both)": dict(fusion="scores", weights=(0.6, 1.0), **both),
        "scores w=0.8:1 + expansion (both)": dict(fusion="scores", **both),
        "scores w=1.2:1 + expansion (both)": dict(fusion="scores", weights=(1.2, 1.0), **both),
    }
    print(f"{'variant':46} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}  paraphrase R@5")
    for name, options in variants.items():
        options = {"candidate_k": 50, "rrf_k": 60, **options}
        retriever = HybridRetriever(base.dense, base.lexical, base.passages, **options)
        ranks, para = [], []
        for q in questions:
            hits = retrieve_in_conversation(retriever, q.question, q.history, 10)
            rank = first_hit_rank([h.passage for h in hits], q.expected_file, q.key_fact)
            ranks.append(rank)
            if q.kind == "paraphrase":
                para.append(rank)
        print(f"{name:46} {recall_at(ranks, 1):6.3f} {recall_at(ranks, 5):6.3f} {recall_at(ranks, 10):6.3f} "
              f"{mrr(ranks):6.3f}  {recall_at(para, 5):.3f}")


if __name__ == "__main__":
    main()
