"""Reindex time on a corpus of 1,000 small files: nothing changed, and one file changed.

The 1,000 files are generated from ../shared/corpus-real into the benchmark's work folder: every
§ (or other level-3 section) of the real texts becomes a short file of its own — front matter with
the original jurisdiction, the law's title plus a municipality name, the section cut to about 600
characters — repeated with other municipality names until there are 1,000. The first ``ikz index``
embeds them all (minutes; kept for later runs while the files are unchanged); then ``ikz index`` runs
again with nothing changed, and after appending a sentence to one file.

Two figures per run: the indexing run itself (the ``seconds`` of ``ikz index --json``) and the
whole process as a user waits for it (Python start, imports, model loading included).

    .venv/bin/python -m bench.reindex [--files 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
from pathlib import Path

from .common import WORK, bench_env, real_corpus_copy, run_ikz, write_result
from .synthetic import municipality

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_SECTION = re.compile(r"^### (.+?)\n(.*?)(?=^#|\Z)", re.S | re.M)
_MAX_CHARS = 600


def sections(corpus: Path) -> list[dict[str, str]]:
    """Every level-3 section of the real texts with its law's title and jurisdiction."""
    found = []
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = _FRONT.match(text)
        meta = dict(re.findall(r'^(\w+):\s*"?(.*?)"?\s*$', front.group(1), re.M)) if front else {}
        for heading, body in _SECTION.findall(text):
            body = body.strip()
            if len(body) > 80:
                found.append({"law": meta.get("title", path.stem), "jurisdiction": meta.get("jurisdiction", ""),
                              "heading": heading.strip(), "body": _shorten(body)})
    return found


def _shorten(body: str) -> str:
    """Whole paragraphs up to about ``_MAX_CHARS`` (at least the first one, cut hard if it is longer)."""
    kept = ""
    for paragraph in body.split("\n\n"):
        if kept and len(kept) + len(paragraph) > _MAX_CHARS:
            break
        kept = f"{kept}\n\n{paragraph}" if kept else paragraph
    return kept[: _MAX_CHARS * 2]


def generate(target: Path, count: int) -> Path:
    """``count`` files, one section each; unchanged files keep their bytes, so reruns embed nothing."""
    base = sections(real_corpus_copy(WORK / "corpus-real"))
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        s, k = base[i % len(base)], i // len(base) + 1
        title = f"{s['law']} – {s['heading']} ({municipality(k)})".replace('"', "'")
        text = (f'---\ntitle: "{title}"\njurisdiction: "{s["jurisdiction"]}"\n---\n\n# {title}\n\n'
                f"### {s['heading']}\n\n{s['body']}\n\nBekanntgemacht im Amtsblatt {municipality(k)}.\n")
        path = target / f"{i:04d}.md"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return target


def index(corpus: Path, folder: Path) -> dict:
    run = run_ikz(["index", "--json"], bench_env(corpus_dir=str(corpus), index_dir=str(folder)))
    report = json.loads(run.stdout)
    return {"run_s": report["seconds"], "process_s": run.wall_s, "added": report["added"],
            "updated": report["updated"], "unchanged": report["unchanged"], "chunks": report["chunks"],
            "embedded": report["embedded_chunks"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    corpus = generate(WORK / f"corpus-{args.files}", args.files)
    folder = WORK / f"index-{args.files}"
    initial = index(corpus, folder)
    print(f"erster Lauf: {initial}", flush=True)

    unchanged = [index(corpus, folder) for _ in range(args.repeat)]
    for run in unchanged:
        print(f"nichts geändert: {run}", flush=True)
        assert run["unchanged"] == args.files and run["embedded"] == 0, run

    changed_file = corpus / "0000.md"
    one_changed = []
    for _ in range(args.repeat):
        stamp = hashlib.sha1(changed_file.read_bytes()).hexdigest()[:8]
        with changed_file.open("a", encoding="utf-8") as f:
            f.write(f"\nGeändert (Nachtrag {stamp}).\n")
        run = index(corpus, folder)
        print(f"eine Datei geändert: {run}", flush=True)
        assert run["updated"] == 1, run
        one_changed.append(run)

    def median(runs: list[dict], key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 2)

    write_result(
        "reindex",
        {"files": args.files, "initial": initial, "unchanged": unchanged, "one_changed": one_changed},
        [
            (f"{args.files} Dateien, erster Lauf: Lauf / Prozess (s)",
             f"{initial['run_s']:.0f} / {initial['process_s']:.0f} ({initial['embedded']} Abschnitte)", ""),
            (f"{args.files} Dateien, nichts geändert: Lauf / Prozess (s, Median)",
             f"{median(unchanged, 'run_s')} / {median(unchanged, 'process_s')}", "≤ 2 s"),
            (f"{args.files} Dateien, 1 Datei geändert: Lauf / Prozess (s, Median)",
             f"{median(one_changed, 'run_s')} / {median(one_changed, 'process_s')}", ""),
        ],
    )


if __name__ == "__main__":
    main()
