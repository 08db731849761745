"""Questions keep getting answers while the index changes under them: a reindex in the serving
process (the app after an upload) and one by a separate ``ikz index`` process. Real model, real Chroma,
real threads and processes; the bulk of the corpus is cut from the real legal texts at test time."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.service import Assistant
from tests.conftest import REPO
from tests.test_crash_safety import write_small_corpus

pytestmark = pytest.mark.slow

IKZ = REPO / ".venv" / "bin" / "ikz"
QUESTION = "Wer beschließt die Verbandsumlage des Zweckverbands Mittelhessen-Süd?"
ANSWER_FILE = "zweckverband_mittelhessen_sued.md"
VERSION_1 = (
    "# Satzung des Zweckverbands Mittelhessen-Süd\n\n"
    "## § 7 Verbandsumlage\n\nDie Verbandsversammlung des Zweckverbands Mittelhessen-Süd beschließt die "
    "Verbandsumlage jährlich mit der Haushaltssatzung. Die Umlage wird nach der Einwohnerzahl verteilt.\n"
)
VERSION_2 = VERSION_1 + (
    "\n## § 8 Kassenführung\n\nDie Kasse des Zweckverbands Mittelhessen-Süd führt die Stadt Langgöns.\n"
)
NEW_QUESTION = "Wer führt die Kasse des Zweckverbands Mittelhessen-Süd?"
MAX_SECONDS = 240  # upper bound of every question loop below
MAX_QUESTIONS = 400


class Askers:
    """Threads that ask QUESTION again and again until told to stop; every result and error is kept."""

    def __init__(self, assistant: Assistant, threads: int = 2) -> None:
        self.assistant = assistant
        self.results: list[dict[str, Any]] = []
        self.errors: list[BaseException] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(threads)]

    def _loop(self) -> None:
        deadline = time.monotonic() + MAX_SECONDS
        while not self._stop.is_set() and time.monotonic() < deadline and len(self.results) < MAX_QUESTIONS:
            try:
                result = self.assistant.ask(QUESTION)
            except BaseException as exc:  # every failure counts, whatever its type
                with self._lock:
                    self.errors.append(exc)
                continue
            with self._lock:
                self.results.append(result)
            time.sleep(0.05)  # users read between questions; leaves the indexer some of the two cores

    def __enter__(self) -> "Askers":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=MAX_SECONDS)

    def answered_so_far(self) -> int:
        with self._lock:
            return len(self.results)


def assert_all_answered(askers: Askers) -> None:
    assert askers.errors == []
    assert askers.results, "no question was asked during the reindex"
    for result in askers.results:
        assert result["answer"].strip() and not result["abstained"], result
        assert result["citations"] and any(c["file"] == ANSWER_FILE for c in result["citations"]), result


def prepare(tmp_path: Path, embed_model) -> tuple[Assistant, Path]:
    from assistant.settings import Settings

    corpus = tmp_path / "corpus"
    write_small_corpus(corpus, chars=1200, files=4)
    (corpus / ANSWER_FILE).write_text(VERSION_1, encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"), embed_model)
    assert not assistant.index().failed
    assert not assistant.ask(QUESTION)["abstained"]
    return assistant, corpus


def change_corpus(corpus: Path, tmp_path: Path) -> None:
    """Work for a reindex that touches the answering file itself: changed, plus files added and removed."""
    (corpus / ANSWER_FILE).write_text(VERSION_2, encoding="utf-8")
    more = tmp_path / "more"
    write_small_corpus(more, chars=1500)
    for path in sorted(more.iterdir())[4:9]:
        path.rename(corpus / path.name)
    (corpus / sorted(p.name for p in corpus.iterdir())[0]).unlink()


def wait_while(running: Callable[[], bool], askers: Askers) -> int:
    """Wait until ``running`` is False; returns how many answers came in meanwhile."""
    before = askers.answered_so_far()
    deadline = time.monotonic() + MAX_SECONDS
    while running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(), "the reindex did not finish in time"
    return askers.answered_so_far() - before


def test_questions_during_an_in_process_reindex(tmp_path: Path, embed_model) -> None:
    assistant, corpus = prepare(tmp_path, embed_model)
    change_corpus(corpus, tmp_path)
    reports: list[Any] = []
    indexer = threading.Thread(target=lambda: reports.append(assistant.index()), daemon=True)

    with Askers(assistant) as askers:
        time.sleep(0.5)
        indexer.start()
        during = wait_while(indexer.is_alive, askers)
    assert during >= 3, during
    assert_all_answered(askers)
    [report] = reports
    assert (report.updated, report.removed, report.failed) == (1, 1, [])
    assert report.added == 5

    fresh = assistant.ask(NEW_QUESTION)
    assert not fresh["abstained"] and "Langgöns" in fresh["citations"][0]["text"]


def test_questions_while_a_separate_ikz_index_process_changes_the_index(tmp_path: Path, embed_model) -> None:
    assistant, corpus = prepare(tmp_path, embed_model)
    change_corpus(corpus, tmp_path)
    env = {**os.environ, "IKZ_CORPUS_DIR": str(corpus), "IKZ_INDEX_DIR": str(assistant.settings.index_dir)}

    with Askers(assistant) as askers:
        time.sleep(0.5)
        process = subprocess.Popen([str(IKZ), "index"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        during = wait_while(lambda: process.poll() is None, askers)
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
        time.sleep(2.5)  # the app looks for a newer index at most every 2 s
        after, deadline = askers.answered_so_far(), time.monotonic() + 60
        while askers.answered_so_far() < after + 3 and time.monotonic() < deadline:  # some from the new index
            time.sleep(0.1)
    assert during >= 3, during
    assert_all_answered(askers)

    # The app now answers from the other process's index, and both retrievers see the new passage.
    assert {p.file for p in assistant.retriever.passages} == {p.name for p in corpus.iterdir()}
    [new] = [hit for hit in assistant.retrieve(NEW_QUESTION) if "Langgöns" in hit.passage.text]
    assert new.lexical is not None
    assert new.dense is not None, "dense retrieval does not see what the other process indexed"
