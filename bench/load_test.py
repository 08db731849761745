"""Load test: simulated users asking at the same time over the app's HTTP API (POST /api/ask).

The app runs as its own process (``ikz serve``) on 127.0.0.1 over an index of ../shared/corpus-real.
Each user is a thread that asks the evaluation questions one after the other without a pause, until
the time or the request budget is used up (both bounded). Counted as errors: an HTTP status other
than 200, a failed or timed-out request, a 200 without answer text. Latency is what the client sees.

With ``--reindex`` one corpus file changes a third into the run and a separate ``ikz index`` process
updates the index while the users keep asking; errors during that window are reported apart.

    .venv/bin/python -m bench.load_test [--users 20] [--duration 60] [--max-requests 2000] [--reindex]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_switches

from .common import IKZ, REPO, WORK, bench_env, fresh_dir, questions, real_corpus_copy, run_ikz, summary, write_result
from .latency import real_index

MAX_DURATION_S = 600
REQUEST_TIMEOUT_S = 120
READY_TIMEOUT_S = 300


@dataclass
class Outcome:
    started: float  # seconds since the load began
    seconds: float
    error: str | None


class Load:
    """``users`` threads asking over HTTP until ``duration`` has passed or ``max_requests`` were sent."""

    def __init__(self, url: str, asked: list[str], users: int, duration: float, max_requests: int) -> None:
        self.url, self.asked, self.users = url, asked, users
        self.duration, self.max_requests = duration, max_requests
        self.outcomes: list[Outcome] = []
        self._sent = 0
        self._lock = threading.Lock()
        self.t0 = 0.0

    def run(self) -> list[Outcome]:
        self.t0 = time.perf_counter()
        threads = [threading.Thread(target=self._user, args=(n,), daemon=True) for n in range(self.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.duration + REQUEST_TIMEOUT_S + 10)
        return self.outcomes

    def _next(self) -> int | None:
        """The number of the next request, or None when the budget of time or requests is used up."""
        with self._lock:
            if self._sent >= self.max_requests or time.perf_counter() - self.t0 >= self.duration:
                return None
            self._sent += 1
            return self._sent

    def _user(self, user: int) -> None:
        import httpx

        with httpx.Client(timeout=REQUEST_TIMEOUT_S) as client:
            while (number := self._next()) is not None:
                question = self.asked[(user * 7 + number) % len(self.asked)]
                started = time.perf_counter()
                error = _ask(client, self.url, question)
                outcome = Outcome(started - self.t0, time.perf_counter() - started, error)
                with self._lock:
                    self.outcomes.append(outcome)


def _ask(client: Any, url: str, question: str) -> str | None:
    """None for a good answer, else what went wrong."""
    import httpx

    try:
        response = client.post(url, json={"question": question})
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if not str(response.json().get("answer") or "").strip():
        return "leere Antwort"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(index_dir: Path, corpus_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = bench_env(index_dir=str(index_dir), corpus_dir=str(corpus_dir), host="127.0.0.1", port=str(port))
    with log.open("w") as handle:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([str(IKZ), "serve"], env=env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)
    _wait_ready(f"http://127.0.0.1:{port}/readyz", proc, log)
    return proc


def _wait_ready(url: str, proc: subprocess.Popen, log: Path) -> None:
    import httpx

    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"ikz serve hat sich beendet (Code {proc.returncode}):\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"ikz serve war nach {READY_TIMEOUT_S} s nicht bereit")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def peak_rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0


def reindex_later(delay: float, corpus: Path, index_dir: Path, result: dict[str, Any], t0: float) -> threading.Thread:
    """After ``delay`` s: change one corpus file, delete another, and run ``ikz index`` in its own process."""

    def work() -> None:
        time.sleep(delay)
        changed, deleted = sorted(corpus.glob("*.md"))[:2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\n\nNachtrag für den Lasttest.\n", encoding="utf-8")
        deleted.unlink()
        result["start_s"] = time.perf_counter() - t0
        run = run_ikz(["index", "--json"], bench_env(index_dir=str(index_dir), corpus_dir=str(corpus)))
        result.update(end_s=time.perf_counter() - t0, wall_s=run.wall_s, returncode=run.returncode)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def prepare_reindex_copy() -> tuple[Path, Path]:
    """A corpus and index of their own (the shared benchmark index stays untouched), in step again
    after the changes of an earlier run."""
    corpus = real_corpus_copy(fresh_dir(WORK / "load-corpus"))
    index_dir = WORK / "load-index"
    if not index_dir.is_dir():
        shutil.copytree(real_index(), index_dir)
    run_ikz(["index", "--json"], bench_env(index_dir=str(index_dir), corpus_dir=str(corpus)))
    return corpus, index_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help=f"seconds of load (at most {MAX_DURATION_S})")
    parser.add_argument("--max-requests", type=int, default=2000)
    parser.add_argument("--reindex", action="store_true", help="run ikz index in a separate process during the load")
    args = parser.parse_args()
    if not 0 < args.duration <= MAX_DURATION_S or args.users < 1 or args.max_requests < 1:
        parser.error(f"--duration 1…{MAX_DURATION_S}, --users and --max-requests mindestens 1")
    apply_offline_switches(os.environ)

    if args.reindex:
        corpus, index_dir = prepare_reindex_copy()
    else:
        index_dir = real_index()
        corpus = real_corpus_copy(WORK / "corpus-real")
    port = free_port()
    app = start_app(index_dir, corpus, port, WORK / "load-test-serve.log")
    url = f"http://127.0.0.1:{port}/api/ask"
    reindex: dict[str, Any] = {}
    try:
        import httpx

        warm = httpx.post(url, json={"question": "Was ist ein Zweckverband?"}, timeout=REQUEST_TIMEOUT_S)
        if warm.status_code == 404:
            raise SystemExit("POST /api/ask gibt es in dieser App nicht (404)")
        load = Load(url, questions(), args.users, args.duration, args.max_requests)
        if args.reindex:
            reindexer = reindex_later(args.duration / 3, corpus, index_dir, reindex, time.perf_counter())
        outcomes = load.run()
        if args.reindex:
            reindexer.join(MAX_DURATION_S)
        rss = peak_rss_mb(app.pid)
    finally:
        stop(app)

    elapsed = max(o.started + o.seconds for o in outcomes)
    errors = [o for o in outcomes if o.error]
    latencies_ms = [o.seconds * 1000 for o in outcomes if not o.error]
    stats = summary(latencies_ms) if latencies_ms else {}
    result: dict[str, Any] = {
        "endpoint": "POST /api/ask (ikz serve, eigener Prozess)",
        "users": args.users,
        "duration_s": round(elapsed, 1),
        "requests": len(outcomes),
        "errors": len(errors),
        "error_kinds": sorted({o.error for o in errors if o.error}),
        "throughput_rps": round(len(outcomes) / elapsed, 2),
        "latency_ms": stats,
        "server_peak_rss_mb": rss,
    }
    table = [
        ("Nutzer gleichzeitig / Dauer (s)", f"{args.users} / {result['duration_s']}", ""),
        ("Anfragen / Fehler", f"{len(outcomes)} / {len(errors)}", "0 Fehler"),
        ("Durchsatz (Anfragen/s)", f"{result['throughput_rps']}", ""),
        ("Latenz p50 / p95 / max (ms)", f"{stats.get('p50')} / {stats.get('p95')} / {stats.get('max')}", ""),
        ("Server-Speicher Spitze (MB)", f"{rss}", ""),
    ]
    if args.reindex and "end_s" in reindex:
        window = [o for o in outcomes if reindex["start_s"] <= o.started <= reindex["end_s"]]
        reindex["requests"] = len(window)
        reindex["errors"] = sum(bool(o.error) for o in window)
        result["reindex"] = {k: round(v, 1) if isinstance(v, float) else v for k, v in reindex.items()}
        table.append(("ikz index während der Last: Dauer (s) / Anfragen / Fehler",
                      f"{reindex['wall_s']} / {reindex['requests']} / {reindex['errors']}", "0 Fehler"))
    write_result("load_test" + ("_reindex" if args.reindex else ""), result, table)


if __name__ == "__main__":
    main()
