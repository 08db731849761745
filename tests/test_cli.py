"""The command-line contract, through the installed console script in real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
IKZ = Path(sys.executable).with_name("ikz")


def _run(*args: str, stdin: str | None = None, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([str(IKZ), *args], input=stdin, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli")
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    (corpus / "vergabe.md").write_text(
        "---\ntitle: Vergabe-Merkblatt\n---\n# § 108 Öffentlich-öffentliche Zusammenarbeit\n\n"
        "Eine Zusammenarbeit zweier Gemeinden muss nicht ausgeschrieben werden, wenn sie gemeinsamen Zielen "
        "im öffentlichen Interesse dient und weniger als 20 Prozent der Tätigkeiten auf dem Markt erbracht werden.\n",
        encoding="utf-8",
    )
    (corpus / "satzung.md").write_text(
        "# Verbandssatzung\n\nDie Verbandssatzung eines Zweckverbands regelt Mitglieder, Aufgaben, Sitz und Organe.\n",
        encoding="utf-8",
    )
    (corpus / "kaputt.pdf").write_bytes(b"%PDF-1.4 nicht wirklich")
    return corpus, index


def test_index_json_contract_and_noop(small_index) -> None:
    corpus, index = small_index
    first = _run("index", "--corpus", str(corpus), "--index", str(index), "--json")
    assert first.returncode == 3, first.stderr  # one file failed: partial success
    report = json.loads(first.stdout)
    assert set(report) >= {"added", "updated", "removed", "unchanged", "failed", "chunks", "seconds"}
    assert report["added"] == 2 and report["chunks"] == 2
    assert report["failed"] == [{"file": "kaputt.pdf", "error": report["failed"][0]["error"]}]
    assert "PDF" in report["failed"][0]["error"]
    assert "kaputt.pdf" in first.stderr

    second = json.loads(_run("index", "--corpus", str(corpus), "--index", str(index), "--json").stdout)
    assert (second["added"], second["updated"], second["removed"], second["unchanged"]) == (0, 0, 0, 2)


def test_ask_json_contract(small_index) -> None:
    _, index = small_index
    done = _run("ask", "Muss die Zusammenarbeit zweier Gemeinden ausgeschrieben werden?", "--index", str(index), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {"question", "answer", "abstained", "citations", "timings_ms"}
    assert not result["abstained"] and "[1]" in result["answer"]
    citation = result["citations"][0]
    assert set(citation) >= {"n", "file", "title", "page", "section", "text", "score"}
    assert citation["file"] == "vergabe.md" and citation["title"] == "Vergabe-Merkblatt"
    assert citation["section"].startswith("§ 108") and citation["page"] is None


def test_ask_reads_json_lines_from_stdin(small_index) -> None:
    _, index = small_index
    lines = "\n".join(json.dumps(q) for q in [
        {"question": "Was regelt die Verbandssatzung?"},
        {"question": "Und wer gehört dazu?", "history": ["Was regelt die Verbandssatzung?"]},
        {"question": "Wie backe ich einen Apfelkuchen?"},
    ])
    done = _run("ask", "--index", str(index), "--json", stdin=lines)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == 3
    assert results[0]["citations"][0]["file"] == "satzung.md"
    assert results[2]["abstained"]


def test_errors_are_one_line_without_traceback(tmp_path) -> None:
    done = _run("ask", "Frage?", "--index", str(tmp_path / "leer"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "ikz index" in done.stderr
    done = _run("index", "--corpus", str(tmp_path / "fehlt"), "--index", str(tmp_path / "i"))
    assert done.returncode == 1 and "Korpus-Ordner nicht gefunden" in done.stderr


def test_unknown_jurisdiction_is_a_clear_error(small_index) -> None:
    _, index = small_index
    done = _run("ask", "Frage?", "--index", str(index), "--jurisdiction", "Mars")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Unbekanntes Bundesland 'Mars'" in done.stderr and "Sachsen (SN)" in done.stderr
