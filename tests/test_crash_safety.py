"""``ikz index`` killed with SIGKILL mid-run, then run again, gives exactly the index a clean run gives:
the same chunk ids and texts, no duplicates, no orphans (chunks of files the docstore does not list),
nothing missing. Real processes, real Chroma, the real model; the small corpus is cut from the real
legal texts at test time."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from assistant import wiring
from assistant.ingest.journal import LOCK_FILE, UNFINISHED_MARKER
from assistant.ingest.pipeline import CorpusIndexer
from assistant.settings import Settings
from tests.conftest import REAL_CORPUS, REPO

pytestmark = pytest.mark.slow

IKZ = REPO / ".venv" / "bin" / "ikz"
CHUNK_CHARS = 400  # small chunks: many embedding steps to interrupt in a small corpus
KILL_SEED = 20240611
MAX_KILLS = 5


def write_small_corpus(target: Path, chars: int = 1500, files: int = 13) -> None:
    """Real legal texts, each with its front matter and the first ``chars`` characters (whole lines) of its body."""
    target.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in REAL_CORPUS.glob("*.md") if p.name != "SOURCES.md")
    assert len(sources) >= files, f"{REAL_CORPUS} fehlt oder ist unvollständig"
    for path in sources[:files]:
        text = path.read_text(encoding="utf-8")
        body = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0
        (target / path.name).write_text(text[: text.rfind("\n", 0, body + chars) + 1], encoding="utf-8")


def clean_index(corpus: Path, index: Path, embed_model) -> Settings:
    settings = Settings(corpus_dir=corpus, index_dir=index, chunk_chars=CHUNK_CHARS)
    report = CorpusIndexer(settings, embed_model, partial(wiring.vector_store, settings, create=True)).run(corpus)
    assert not report.failed
    assert snapshot(index)["files_in_chroma"] == sorted(p.name for p in corpus.iterdir())  # every file has chunks
    return settings


def snapshot(index: Path) -> dict[str, object]:
    """Everything that must match a clean run, read from Chroma and the docstore on disk."""
    from llama_index.core.storage.docstore import SimpleDocumentStore

    settings = Settings(index_dir=index, chunk_chars=CHUNK_CHARS)
    collection = wiring.vector_store(settings, create=False, fresh=True).client  # as written by other processes
    got = collection.get(include=["documents", "metadatas"])
    chunks = sorted(
        (cid, meta["file"], meta["start"], meta["end"], hashlib.sha256(text.encode()).hexdigest())
        for cid, meta, text in zip(got["ids"], got["metadatas"], got["documents"])
    )
    docstore = SimpleDocumentStore.from_persist_path(str(settings.docstore_path))
    return {
        "chunks": chunks,
        "count": collection.count(),
        "distinct_ids": len({c[0] for c in chunks}),
        "files_in_chroma": sorted({c[1] for c in chunks}),
        "files_in_docstore": sorted(docstore.get_all_document_hashes().values()),
    }


def ikz_env(corpus: Path, index: Path) -> dict[str, str]:
    return {
        **os.environ,
        "IKZ_CORPUS_DIR": str(corpus),
        "IKZ_INDEX_DIR": str(index),
        "IKZ_CHUNK_CHARS": str(CHUNK_CHARS),
    }


def wait_until_run_begins(process: subprocess.Popen, index: Path, timeout: float = 120) -> None:
    """Until ``process`` holds the index lock (its run has begun) or has ended."""
    index.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    with open(index / LOCK_FILE, "a") as lock:
        while process.poll() is None and time.monotonic() < deadline:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(lock, fcntl.LOCK_UN)
            time.sleep(0.05)


def test_sigkill_at_random_moments_then_a_normal_run_equals_a_clean_run(tmp_path: Path, embed_model) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_small_corpus(corpus)
    started = time.perf_counter()
    expected = snapshot(clean_index(corpus, tmp_path / "clean", embed_model).index_dir)
    full_run = time.perf_counter() - started  # how long embedding the whole corpus takes here
    assert expected["count"] >= 20

    target = {p.name: p.read_bytes() for p in corpus.iterdir()}
    first = sorted(target)[0]
    rng = random.Random(KILL_SEED)
    cut_mid_run = 0
    for attempt in range(MAX_KILLS):
        # Between kills the corpus changes, so that updates and removals are interrupted too, not only
        # first-time additions: every file gets a new paragraph (or loses it again), so each run has the
        # whole corpus to embed and a kill at a random fraction of that time lands inside the run on a
        # fast machine as on a slow one; a file comes and goes as well.
        if attempt % 2 == 1:
            for name, content in target.items():
                (corpus / name).write_bytes(content + f"\n\n# Nachtrag {attempt}\n\nEin neuer Absatz.\n".encode())
            (corpus / "zusatz.md").write_bytes(target[first].replace(b"\n#", b"\n# Zusatz\n\nNeu.\n\n#", 1))
        elif attempt:
            for name, content in target.items():
                (corpus / name).write_bytes(content)
            (corpus / "zusatz.md").unlink(missing_ok=True)
        process = subprocess.Popen(
            [str(IKZ), "index", "--json"], env=ikz_env(corpus, index), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        wait_until_run_begins(process, index)  # the delay counts from there: model loading takes a varying time
        try:
            process.communicate(timeout=rng.uniform(0.1, 0.8) * full_run)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.communicate()
            cut_mid_run += 1
            assert (index / UNFINISHED_MARKER).exists()
    (corpus / "zusatz.md").unlink(missing_ok=True)
    for name, content in target.items():
        (corpus / name).write_bytes(content)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == target

    final = subprocess.run(
        [str(IKZ), "index", "--json"], env=ikz_env(corpus, index), capture_output=True, text=True, timeout=300
    )
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["failed"] == []
    assert cut_mid_run >= 2, "the kills did not land inside index runs; the test proved nothing"
    assert not (index / UNFINISHED_MARKER).exists()
    got = snapshot(index)
    assert got["distinct_ids"] == got["count"] == expected["count"]
    assert got["files_in_chroma"] == got["files_in_docstore"] == expected["files_in_docstore"]
    assert got == expected


# Kills the process at the one moment that matters most: the new chunks are in Chroma, the docstore
# does not know them yet. Real SIGKILL; only its timing is forced.
_KILL_AFTER_CHROMA_WRITE = """
import os, signal, sys
from chromadb.api.models.Collection import Collection
from assistant.cli import main

for name in ("add", "upsert"):
    def write_then_die(self, *args, _write=getattr(Collection, name), **kwargs):
        _write(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(Collection, name, write_then_die)
sys.exit(main(["index"]))
"""


def test_kill_between_chroma_write_and_docstore_write_leaves_no_orphans(tmp_path: Path, embed_model) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_small_corpus(corpus, chars=800, files=4)
    names = sorted(p.name for p in corpus.iterdir())
    changed, original = names[0], (corpus / names[0]).read_bytes()
    expected = snapshot(clean_index(corpus, tmp_path / "clean", embed_model).index_dir)
    env = ikz_env(corpus, index)
    assert subprocess.run([str(IKZ), "index"], env=env, capture_output=True, timeout=300).returncode == 0
    assert snapshot(index) == expected

    # A new version of one file and a new file, interrupted right after their chunks were stored ...
    (corpus / changed).write_bytes(original + b"\n\n# Neuer Abschnitt\n\nDieser Text kam mit der neuen Fassung.\n")
    (corpus / "neu.md").write_text("# Neu\n\nEine Gemeinde tritt dem Zweckverband bei.\n", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", _KILL_AFTER_CHROMA_WRITE], env=env, capture_output=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    cut = snapshot(index)
    assert "neu.md" in cut["files_in_chroma"] and "neu.md" not in cut["files_in_docstore"]

    # ... then both changes are undone before the next run: the index must not keep any of them.
    (corpus / changed).write_bytes(original)
    (corpus / "neu.md").unlink()
    final = subprocess.run([str(IKZ), "index", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert snapshot(index) == expected


def test_two_indexers_at_once_take_turns(tmp_path: Path, embed_model) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_small_corpus(corpus, chars=800, files=4)
    expected = snapshot(clean_index(corpus, tmp_path / "clean", embed_model).index_dir)
    env = ikz_env(corpus, index)
    runs = [
        subprocess.Popen([str(IKZ), "index", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    started = time.monotonic()
    results = [(*run.communicate(timeout=300), run.returncode) for run in runs]
    assert time.monotonic() - started < 300
    assert [rc for _, _, rc in results] == [0, 0], [err for _, err, _ in results]
    reports = [json.loads(out) for out, _, _ in results]
    # One embedded everything; the other waited for it and then found nothing left to do.
    assert sorted(r["embedded_chunks"] for r in reports) == [0, expected["count"]]
    assert snapshot(index) == expected
