"""What every benchmark needs: the real corpus, the machine description, timing and result files.

Benchmarks run on whatever else the machine is doing, so each result records the load average
before and after; compare figures only between runs with similar load.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REAL_CORPUS = REPO.parent / "shared" / "corpus-real"
OUT = REPO / "bench" / "out"
WORK = Path(tempfile.gettempdir()) / "ikz-bench"
IKZ = REPO / ".venv" / "bin" / "ikz"


def machine() -> dict[str, Any]:
    """Date, cores, CPU, memory and current load: the context a figure needs to be read."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_kb / 2**20, 1),
        "gpu": "ja" if Path("/dev/nvidia0").exists() else "keine",
        "python": platform.python_version(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }


def real_corpus_copy(target: Path) -> Path:
    """corpus-real without its SOURCES.md, copied into the benchmark's work folder (never the repo)."""
    if not REAL_CORPUS.is_dir():
        sys.exit(f"{REAL_CORPUS} fehlt: die Benchmarks brauchen ../shared/corpus-real neben dem Repository")
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(REAL_CORPUS.glob("*.md")):
        if path.name != "SOURCES.md" and not (target / path.name).exists():
            shutil.copy2(path, target / path.name)
    return target


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def bench_env(**settings: str) -> dict[str, str]:
    """The environment for an ``ikz`` subprocess: IKZ_* settings given here, everything else inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IKZ_")}
    env.update({f"IKZ_{k.upper()}": str(v) for k, v in settings.items()})
    return env


@dataclass
class CliRun:
    wall_s: float
    stdout: str
    returncode: int


def run_ikz(args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 3600) -> CliRun:
    """Run the installed ``ikz`` console script, as a user would, and time the whole process."""
    started = time.perf_counter()
    proc = subprocess.run([str(IKZ), *args], env=env or bench_env(), capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        sys.exit(f"ikz {' '.join(args)} fehlgeschlagen ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return CliRun(round(wall, 3), proc.stdout, proc.returncode)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile, ``p`` in 0..100."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1),
    }


def questions(limit: int | None = None) -> list[str]:
    """The evaluation questions on the real corpus: realistic, and each has an answer in it."""
    path = REPO / "assistant" / "eval" / "questions_real.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [item["question"] for item in items if item.get("question")]
    return texts[:limit] if limit else texts


def write_result(name: str, result: dict[str, Any], table: list[tuple[str, str, str]]) -> None:
    """bench/out/NAME.json (everything) and NAME.md (figure | value | target), and print the table."""
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"machine": machine(), **result}
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    m = result["machine"]
    lines = [f"### {name} ({m['date']}, {m['cores']} Kerne, GPU: {m['gpu']}, Last {m['load_avg']})", "",
             "| Messgröße | Wert | Ziel |", "|---|---|---|"]
    lines += [f"| {figure} | {value} | {target} |" for figure, value, target in table]
    text = "\n".join(lines) + "\n"
    (OUT / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)
