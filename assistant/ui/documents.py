"""The "Dokumente" tab: the document table with filters, and for admins upload, delete, reindex."""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from . import admin, feedback, texts
from .context import UiContext
from .corpus_files import corpus_files
from .document_table import document_rows, filter_choices, filter_rows, progress_html, report_html
from .markup import note_html

logger = logging.getLogger(__name__)
POLL_SECONDS = 1.0


@dataclass
class DocumentsPanel:
    land: gr.Dropdown
    doctype: gr.Dropdown
    refresh: gr.Button
    count: gr.HTML
    table: gr.Dataframe
    admin_note: gr.HTML
    manage: gr.Column
    uploads: gr.File
    upload: gr.Button
    to_delete: gr.Dropdown
    delete: gr.Button
    reindex: gr.Button
    progress: gr.HTML
    report: gr.HTML
    note: gr.HTML
    timer: gr.Timer
    csv_export: gr.Button
    csv_file: gr.File


def build(ctx: UiContext) -> DocumentsPanel:
    """The tab's components (call inside the tab)."""
    gr.HTML(f'<h2 class="ikz-section-title">{html.escape(texts.DOCS_HEADING)}</h2>')
    with gr.Row(equal_height=False, elem_classes="ikz-filters"):
        land = gr.Dropdown([texts.DOCS_ALL], value=texts.DOCS_ALL, label=texts.DOCS_FILTER_LAND, scale=2, min_width=200)
        doctype = gr.Dropdown([texts.DOCS_ALL], value=texts.DOCS_ALL, label=texts.DOCS_FILTER_TYPE, scale=2, min_width=200)
        refresh = gr.Button(texts.DOCS_REFRESH, variant="secondary", scale=1, min_width=170, elem_classes="ikz-align-end")
    count = gr.HTML()
    table = gr.Dataframe(
        headers=texts.DOCS_COLUMNS, datatype="str", interactive=False, wrap=True, max_height=560,
        label=texts.DOCS_TABLE_LABEL, show_label=False, elem_id="ikz-documents", buttons=[],
        column_widths=["24%", "20%", "10%", "10%", "7%", "9%", "10%", "10%"],
    )
    admin_note = gr.HTML(note_html(texts.ADMIN_ONLY_NOTE), visible=False)
    with gr.Column(visible=False, elem_classes="ikz-manage") as manage:
        gr.HTML(f'<h3 class="ikz-section-title">{html.escape(texts.MANAGE_HEADING)}</h3>')
        with gr.Row(equal_height=False):
            # No file_types: Gradio would refuse other types itself, in English; store_upload says why in German.
            uploads = gr.File(
                file_count="multiple", elem_id="ikz-upload", scale=3, height=150,
                label=texts.UPLOAD_LABEL.format(mb=f"{ctx.settings.max_file_mb:g}"),
            )
            upload = gr.Button(texts.UPLOAD, variant="secondary", scale=1, min_width=180, elem_id="ikz-upload-button",
                               elem_classes="ikz-align-end")
        with gr.Row(equal_height=False):
            # Custom values pass Gradio's own (English) check; delete_corpus_file confines them to the corpus.
            to_delete = gr.Dropdown([], label=texts.DELETE_LABEL, scale=3, elem_id="ikz-delete-choice",
                                    allow_custom_value=True)
            delete = gr.Button(texts.DELETE, variant="stop", scale=1, min_width=180, elem_id="ikz-delete",
                               elem_classes="ikz-align-end")
        with gr.Row(equal_height=False):
            reindex = gr.Button(texts.REINDEX, variant="primary", scale=0, min_width=220, elem_id="ikz-reindex")
            with gr.Column(scale=3):
                progress = gr.HTML(elem_id="ikz-index-progress")
                note = gr.HTML(elem_id="ikz-admin-note")
        report = gr.HTML(elem_id="ikz-index-report")
        gr.HTML(f'<h3 class="ikz-section-title">{html.escape(texts.FEEDBACK_HEADING)}</h3>')
        with gr.Row(equal_height=False):
            csv_export = gr.Button(texts.FEEDBACK_EXPORT, variant="secondary", scale=0, min_width=360,
                                   elem_id="ikz-feedback-export")
            csv_file = gr.File(label=texts.FEEDBACK_FILE_LABEL, interactive=False, visible=False, height=60,
                               elem_id="ikz-feedback-file")
    return DocumentsPanel(
        land, doctype, refresh, count, table, admin_note, manage, uploads, upload, to_delete, delete, reindex,
        progress, report, note, gr.Timer(POLL_SECONDS, active=False), csv_export, csv_file,
    )


def table_view(ctx: UiContext, land: str | None, doctype: str | None) -> tuple[Any, ...]:
    """(table, count line, Land filter, type filter, delete choices) for the current state."""
    try:
        rows = document_rows(ctx)
    except Exception:
        logger.exception("Dokumentliste nicht lesbar")
        return gr.skip(), note_html(texts.ACTION_FAILED, "error"), gr.skip(), gr.skip(), gr.skip()
    lands, doctypes = filter_choices(rows)
    land = land if land in lands else texts.DOCS_ALL
    doctype = doctype if doctype in doctypes else texts.DOCS_ALL
    shown = filter_rows(rows, land, doctype)
    frame = pd.DataFrame([r.cells() for r in shown], columns=texts.DOCS_COLUMNS)
    count = texts.DOCS_COUNT.format(shown=len(shown), total=len(rows)) if rows else texts.DOCS_NO_INDEX
    files = corpus_files(ctx.settings)
    return (
        frame, note_html(count), gr.Dropdown(choices=lands, value=land), gr.Dropdown(choices=doctypes, value=doctype),
        gr.Dropdown(choices=files, value=None),
    )


def poll(ctx: UiContext, land: str | None, doctype: str | None) -> tuple[Any, ...]:
    """Progress while a run is going; at the end the report, a fresh table and the timer stopped."""
    status = ctx.jobs.status()
    if status.running:
        return (progress_html(status.done, status.total, status.current), gr.skip(), gr.skip(),
                *(gr.skip(),) * 5, gr.Timer(active=True))
    if status.error:
        report = note_html(status.error, "error")
    else:
        last = ctx.history.last_run()
        report = report_html(last[1], last[0]) if last else ""
    return ("", report, "", *table_view(ctx, land, doctype), gr.Timer(active=False))


def on_load(ctx: UiContext, land: str | None, doctype: str | None, request: gr.Request) -> tuple[Any, ...]:
    """Show the admin tools to admins only, and pick up a run that is already going."""
    admin = ctx.access.is_admin(request)
    last = ctx.history.last_run()
    report = report_html(last[1], last[0]) if last and admin else ""
    running = ctx.jobs.status().running
    return (gr.Column(visible=admin), gr.HTML(visible=not admin), report, *table_view(ctx, land, doctype),
            gr.Timer(active=running and admin))


def wire(ctx: UiContext, panel: DocumentsPanel, blocks: gr.Blocks) -> None:
    p = panel
    table_outputs = [p.table, p.count, p.land, p.doctype, p.to_delete]
    private = {"api_visibility": "private", "show_progress": "hidden"}

    def load(land: str | None, doctype: str | None, request: gr.Request) -> tuple[Any, ...]:
        return on_load(ctx, land, doctype, request)

    blocks.load(load, [p.land, p.doctype], [p.manage, p.admin_note, p.report, *table_outputs, p.timer], **private)
    gr.on([p.refresh.click, p.land.input, p.doctype.input], lambda land, doctype: table_view(ctx, land, doctype),
          [p.land, p.doctype], table_outputs, **private)
    p.timer.tick(lambda land, doctype: poll(ctx, land, doctype), [p.land, p.doctype],
                 [p.progress, p.report, p.note, *table_outputs, p.timer], **private)

    def upload(paths: list[str] | None, land: str, doctype: str, request: gr.Request) -> tuple[Any, ...]:
        return (*admin.upload_files(ctx, paths, request), *table_view(ctx, land, doctype))

    def delete(rel: str | None, request: gr.Request) -> tuple[str, Any]:
        return admin.delete_file(ctx, rel, request)

    def reindex(request: gr.Request) -> tuple[str, Any]:
        return admin.start_reindex(ctx, request)

    def export(request: gr.Request) -> tuple[Any, str]:
        return feedback.export_csv(ctx, request)

    p.upload.click(upload, [p.uploads, p.land, p.doctype], [p.note, p.uploads, *table_outputs],
                   api_name="upload_documents", show_progress="minimal")
    p.delete.click(delete, [p.to_delete], [p.note, p.timer], api_name="delete_document", show_progress="hidden",
                   js=f"(rel) => (!rel || confirm({json.dumps(texts.DELETE_CONFIRM)})) ? rel : ''")
    p.reindex.click(reindex, None, [p.note, p.timer], api_name="reindex", show_progress="hidden")
    p.csv_export.click(export, None, [p.csv_file, p.note], api_name="feedback_csv", show_progress="hidden")
