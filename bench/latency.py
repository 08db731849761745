"""Warm answer latency at ~5k, 20k and 100k passages, cold start, and serving memory.

The indexes are synthetic (see :mod:`bench.synthetic`: real passages in text variants with their
real vectors plus noise), because embedding 100k passages is not possible here in useful time.
Each size is served by its own ``ikz ask`` process reading JSON lines from stdin, the way a script
would use it: the first answer includes loading the index; the evaluation questions that follow are
measured from the ``timings_ms`` the assistant reports (retrieve and answer separately). The memory
figures are that process's resident set after the last answer (VmRSS) and at its peak (VmHWM).
Cold start is the wall time of a new ``ikz ask --json`` process on the 5k index, twice: the first
run after the index changed may build caches, the second shows a normal start.

    .venv/bin/python -m bench.latency [--sizes 5000,20000,100000] [--questions 82]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_switches

from .common import IKZ, REPO, WORK, bench_env, questions, real_corpus_copy, run_ikz, summary, write_result

WARM_UP = "Was ist ein Zweckverband?"


def real_index() -> Path:
    """An index of ../shared/corpus-real made by ``ikz index``: the source of real passages and vectors."""
    folder = WORK / "real-index"
    if not (folder / "BUILT").exists():
        corpus = real_corpus_copy(WORK / "corpus-real")
        run_ikz(["index", "--json"], bench_env(corpus_dir=str(corpus), index_dir=str(folder)))
        (folder / "BUILT").write_text("ikz index")
    return folder


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def serve_questions(index_dir: Path, asked: list[str], jurisdiction: str | None) -> dict[str, Any]:
    """One ``ikz ask`` process answers the warm-up question, then ``asked``; timings and memory."""
    env = _env(index_dir, jurisdiction)
    started = time.perf_counter()
    proc = subprocess.Popen([str(IKZ), "ask"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=env, cwd=REPO)
    assert proc.stdin and proc.stdout

    def ask(question: str) -> dict[str, Any]:
        proc.stdin.write(json.dumps({"question": question}, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"ikz ask auf {index_dir} hat sich beendet (Code {proc.wait()})")
        return json.loads(line)

    ask(WARM_UP)
    first_answer_s = time.perf_counter() - started
    retrieve, answer, total, abstained = [], [], [], 0
    for question in asked:
        result = ask(question)
        retrieve.append(result["timings_ms"]["retrieve"])
        answer.append(result["timings_ms"]["answer"])
        total.append(result["timings_ms"]["retrieve"] + result["timings_ms"]["answer"])
        abstained += bool(result["abstained"])
    rss_kb, peak_kb = _status_kb(proc.pid, "VmRSS"), _status_kb(proc.pid, "VmHWM")
    proc.stdin.close()
    proc.wait(timeout=60)
    return {
        "first_answer_s": round(first_answer_s, 1),
        "retrieve_ms": summary(retrieve),
        "answer_ms": summary(answer),
        "total_ms": summary(total),
        "abstained": abstained,
        "rss_mb": round(rss_kb / 1024),
        "peak_rss_mb": round(peak_kb / 1024),
    }


def cold_start(index_dir: Path, question: str, jurisdiction: str | None) -> float:
    return run_ikz(["ask", "--json", question], _env(index_dir, jurisdiction)).wall_s


def _env(index_dir: Path, jurisdiction: str | None) -> dict[str, str]:
    settings = {"index_dir": str(index_dir), "corpus_dir": str(index_dir / "corpus")}
    if jurisdiction:
        settings["jurisdiction"] = jurisdiction
    return bench_env(**settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,100000")
    parser.add_argument("--questions", type=int, default=82, help="how many evaluation questions to time")
    parser.add_argument("--jurisdiction", help="IKZ_JURISDICTION for the served processes (default: the setting's)")
    args = parser.parse_args()
    apply_offline_switches(os.environ)
    from assistant.settings import Settings

    from . import synthetic

    sizes = [int(s) for s in args.sizes.split(",")]
    base = synthetic.read_base(Settings(index_dir=real_index()))
    print(f"Basis: {len(base['ids'])} echt eingebettete Abschnitte", flush=True)
    folders = {}
    for size in sizes:
        started = time.perf_counter()
        folders[size] = synthetic.ensure(base, WORK / f"synth-{size}", size).index_dir
        print(f"Index {size}: bereit ({time.perf_counter() - started:.0f} s)", flush=True)

    asked = questions(args.questions)
    cold = {}
    smallest = folders[min(sizes)]
    cold["first_s"] = cold_start(smallest, asked[0], args.jurisdiction)
    cold["again_s"] = cold_start(smallest, asked[1], args.jurisdiction)
    print(f"Kaltstart {min(sizes)}: {cold}", flush=True)

    by_size = {}
    for size in sizes:
        by_size[size] = serve_questions(folders[size], asked, args.jurisdiction)
        print(f"{size}: {json.dumps(by_size[size], ensure_ascii=False)}", flush=True)

    table = []
    for size, r in by_size.items():
        target = "≤ 100 ms" if size <= 5000 else ("≤ 300 ms" if size >= 100000 else "")
        table.append((f"{size} Abschnitte: Suche p50 / p95 (ms)", f"{r['retrieve_ms']['p50']} / {r['retrieve_ms']['p95']}", ""))
        table.append((f"{size} Abschnitte: Antwort p50 / p95 (ms)", f"{r['answer_ms']['p50']} / {r['answer_ms']['p95']}", ""))
        table.append((f"{size} Abschnitte: gesamt p50 / p95 (ms)", f"{r['total_ms']['p50']} / {r['total_ms']['p95']}", f"p50 {target}" if target else ""))
        table.append((f"{size} Abschnitte: erste Antwort inkl. Laden (s)", f"{r['first_answer_s']}", ""))
        table.append((f"{size} Abschnitte: RSS nach den Fragen / Spitze (MB)", f"{r['rss_mb']} / {r['peak_rss_mb']}",
                      "≤ 1536 MB" if size >= 100000 else ""))
    table.append((f"Kaltstart ikz ask, {min(sizes)} Abschnitte, erster / weiterer (s)", f"{cold['first_s']} / {cold['again_s']}", "≤ 20 s"))
    land = args.jurisdiction or Settings().jurisdiction
    table.insert(0, ("Land-Filter (IKZ_JURISDICTION)", land, ""))
    write_result(f"latency-{land}", {"sizes": by_size, "cold_start": cold, "questions": len(asked),
                                     "jurisdiction": land}, table)


if __name__ == "__main__":
    main()
