"""``ikz``: index, ask, eval, serve. Thin: parses arguments, builds the assistant, prints results.

Errors a user can act on are one line on stderr and exit code 1; bad usage is exit code 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from .offline import apply_offline_switches

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ikz", description="IKZ-Assistent: Antworten mit Quellen zur interkommunalen Zusammenarbeit")
    parser.add_argument("-v", "--verbose", action="store_true", help="ausführliches Protokoll auf stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    index = sub.add_parser("index", help="Korpus (neu) indexieren; nur Geändertes wird eingebettet")
    index.add_argument("--corpus", type=Path, help="Korpus-Ordner (Standard: IKZ_CORPUS_DIR oder ./corpus)")
    index.add_argument("--index", type=Path, help="Index-Ordner (Standard: IKZ_INDEX_DIR oder ./index)")
    index.add_argument("--json", action="store_true", help="Ergebnis als JSON auf stdout")
    index.add_argument("--rebuild", action="store_true", help="Index verwerfen und vollständig neu bauen")

    ask = sub.add_parser("ask", help="eine Frage beantworten (ohne Frage: JSON-Zeilen von stdin)")
    ask.add_argument("question", nargs="?", help="die Frage")
    ask.add_argument("--index", type=Path)
    ask.add_argument("--top-k", type=int, dest="top_k")
    ask.add_argument("--jurisdiction", help="Bundesland (Name oder Kürzel wie HE, BW, SN) oder 'alle' (Standard: IKZ_JURISDICTION)")
    ask.add_argument("--json", action="store_true")

    evaluate = sub.add_parser("eval", help="Antwortqualität mit dem Fragenkatalog messen")
    evaluate.add_argument("--questions", type=Path, action="append", help="JSONL-Datei(en) mit Fragen")
    evaluate.add_argument("--corpus", type=Path, action="append", dest="corpus_list",
                          help="Korpus-Ordner, mehrfach möglich (Standard: IKZ_CORPUS_DIR und ../shared/corpus-real, falls vorhanden)")
    evaluate.add_argument("--index", type=Path, help="Index-Ordner für die Auswertung (Standard: temporär)")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--no-baselines", dest="baselines", action="store_false",
                          help="nur das eigene Verfahren messen, ohne die Vergleichsverfahren")

    serve = sub.add_parser("serve", help="Web-App starten")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    return parser


def _settings(args: argparse.Namespace) -> Any:
    from .settings import Settings

    overrides: dict[str, Any] = {}
    for arg, field in (("corpus", "corpus_dir"), ("index", "index_dir"), ("host", "host"), ("port", "port"),
                       ("top_k", "top_k"), ("jurisdiction", "jurisdiction")):
        value = getattr(args, arg, None)
        if value is not None:
            overrides[field] = value
    return Settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    apply_offline_switches(os.environ)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = _settings(args)
        handler = {"index": cmd_index, "ask": cmd_ask, "eval": cmd_eval, "serve": cmd_serve}[args.command]
        return handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # domain errors: one clear line, no traceback
        from .errors import describe

        message = describe(exc)
        if message is None:
            raise
        print(f"ikz: {message}", file=sys.stderr)
        return EXIT_ERROR


def cmd_index(args: argparse.Namespace, settings: Any) -> int:
    from .service import Assistant

    if args.rebuild:
        from .ingest.pipeline import reset_index

        reset_index(settings)
    assistant = Assistant(settings)
    report = assistant.index()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(
            f"{report.added} neu, {report.updated} geändert, {report.removed} entfernt, "
            f"{report.unchanged} unverändert, {len(report.failed)} fehlerhaft; "
            f"{report.chunks} Abschnitte im Index ({report.seconds:.1f} s)"
        )
    # Each failed file has already been named with its reason in the log (one WARNING line on stderr).
    return EXIT_PARTIAL if report.failed else EXIT_OK


def cmd_ask(args: argparse.Namespace, settings: Any) -> int:
    from .service import Assistant

    from .jurisdiction import resolve

    resolve(settings.jurisdiction)  # an unknown Land is an error before any model is loaded
    assistant = Assistant(settings)
    if args.question is None:
        return _ask_stream(assistant)
    result = assistant.ask(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_answer(result))
    return EXIT_OK


def _ask_stream(assistant: Any) -> int:
    """JSON lines in, JSON lines out; the model and index are loaded once."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if isinstance(request, str):
                request = {"question": request}
            result = assistant.ask(request.get("question", ""), request.get("history") or [], request.get("top_k"),
                                   request.get("jurisdiction"))
        except (json.JSONDecodeError, AttributeError, ValueError) as exc:
            result = {"error": f"ungültige Eingabezeile: {exc}"}
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return EXIT_OK


def format_answer(result: dict[str, Any]) -> str:
    lines = [result["answer"], ""]
    for c in result["citations"]:
        where = ", ".join(x for x in (c.get("section"), f"S. {c['page']}" if c.get("page") else None) if x)
        lines.append(f"[{c['n']}] {c['title']} ({c['file']}{'; ' + where if where else ''})")
    return "\n".join(lines).rstrip()


def cmd_eval(args: argparse.Namespace, settings: Any) -> int:
    from .eval.harness import run_cli

    return run_cli(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Any) -> int:
    from .ui.server import serve

    serve(settings)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
