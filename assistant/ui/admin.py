"""The admin actions of the documents tab, each checked on the server: upload, delete, reindex."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import gradio as gr

from . import texts
from .context import UiContext
from .corpus_files import UploadRejected, delete_corpus_file, store_upload
from .markup import note_html

logger = logging.getLogger(__name__)


def upload_files(ctx: UiContext, paths: list[str] | None, request: gr.Request) -> tuple[str, Any]:
    """Store uploads in the corpus (admins only); returns (message, cleared file input)."""
    if not ctx.access.is_admin(request):
        return note_html(texts.NOT_ALLOWED, "error"), gr.skip()
    if not paths:
        return note_html(texts.UPLOAD_NOTHING, "error"), gr.skip()
    stored, problems = [], []
    for path in map(Path, paths):
        try:
            target, replaced = store_upload(path, path.name, ctx.settings)
            stored.append(f"„{target.name}“" + (f" {texts.UPLOAD_REPLACED}" if replaced else ""))
        except UploadRejected as exc:
            problems.append(str(exc))
        except OSError:
            logger.exception("Upload nicht gespeichert: %s", path.name)
            problems.append(texts.ACTION_FAILED)
    lines = [note_html(texts.UPLOAD_STORED.format(names=", ".join(stored)), "ok")] if stored else []
    lines += [note_html(problem, "error") for problem in problems]
    return "".join(lines), None


def delete_file(ctx: UiContext, rel: str | None, request: gr.Request) -> tuple[str, Any]:
    """Delete one corpus file and start reindexing (admins only); returns (message, timer)."""
    if not ctx.access.is_admin(request):
        return note_html(texts.NOT_ALLOWED, "error"), gr.skip()
    if rel == "":  # the browser's confirmation was cancelled (see wire)
        return gr.skip(), gr.skip()
    if not rel:
        return note_html(texts.DELETE_NOTHING, "error"), gr.skip()
    try:
        deleted = delete_corpus_file(rel, ctx.settings)
    except OSError:
        logger.exception("Löschen fehlgeschlagen: %s", rel)
        return note_html(texts.ACTION_FAILED, "error"), gr.skip()
    if not deleted:
        return note_html(texts.DELETE_MISSING.format(name=rel), "error"), gr.skip()
    ctx.jobs.start()
    return note_html(texts.DELETE_DONE.format(name=rel), "ok"), gr.Timer(active=True)


def start_reindex(ctx: UiContext, request: gr.Request) -> tuple[str, Any]:
    """Start a background index run (admins only); returns (message, timer)."""
    if not ctx.access.is_admin(request):
        return note_html(texts.NOT_ALLOWED, "error"), gr.skip()
    started = ctx.jobs.start()
    return note_html(texts.REINDEX_STARTED if started else texts.REINDEX_BUSY), gr.Timer(active=True)
