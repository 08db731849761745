"""The web app: chat with sources, feedback and export; documents tab for admins. German throughout.

``build_ui`` only builds the Blocks; ``server.create_app`` mounts them (with theme, CSS and script).
"""

from __future__ import annotations

import html
import logging
from typing import Any

import gradio as gr

from ..index.store import IndexMissingError
from ..settings import Settings
from . import chat, documents, export, feedback, texts
from .context import UiContext
from .corpus_files import has_sample_material
from .login import LOGOUT_PATH
from .sources import panel_html

logger = logging.getLogger(__name__)


def build_ui(assistant: Any, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks of the app (never launched here)."""
    return build_blocks(UiContext.create(assistant, settings))


def build_blocks(ctx: UiContext) -> gr.Blocks:
    with gr.Blocks(title=texts.APP_TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as blocks:
        header = gr.HTML(header_html(ctx, None), elem_id="ikz-header")
        hint = gr.HTML(visible=False, elem_id="ikz-sample-hint")
        with gr.Tabs(elem_id="ikz-tabs"):
            with gr.Tab(texts.TAB_CHAT, id="chat", elem_id="ikz-tab-chat"):
                with gr.Row(elem_classes="ikz-main"):
                    with gr.Column(scale=3, min_width=420, elem_classes="ikz-chat-column"):
                        chat_panel = chat.build(ctx)
                        feedback_panel = feedback.build()
                        export_panel = export.build()
                    with gr.Column(scale=2, min_width=320, elem_classes="ikz-sources-column"):
                        sources = gr.HTML(panel_html([]), elem_id="ikz-sources")
            with gr.Tab(texts.TAB_DOCUMENTS, id="documents", elem_id="ikz-tab-documents"):
                documents_panel = documents.build(ctx)

        chat.wire(ctx, chat_panel, sources)
        feedback.wire(ctx, feedback_panel, chat_panel)
        export.wire(export_panel, chat_panel)
        documents.wire(ctx, documents_panel, blocks)

        def on_load(request: gr.Request) -> tuple[str, gr.HTML]:
            return header_html(ctx, request), sample_hint(ctx)

        blocks.load(on_load, None, [header, hint], api_visibility="private", show_progress="hidden")
        _api(ctx)
    return blocks


def header_html(ctx: UiContext, request: Any) -> str:
    status = html.escape(ctx.access.status_line(request))
    sign_out = "" if ctx.access.single_user else f' · <a href="{LOGOUT_PATH.lstrip("/")}">{texts.SIGN_OUT}</a>'
    return (
        '<header class="ikz-header"><div class="ikz-brand"><span class="ikz-logo" aria-hidden="true">IKZ</span>'
        f"<div><h1>{html.escape(texts.APP_TITLE)}</h1><p>{html.escape(texts.APP_SUBTITLE)}</p></div></div>"
        f'<p class="ikz-user">{status}{sign_out}</p></header>'
    )


def sample_hint(ctx: UiContext) -> gr.HTML:
    """The Beispielmaterial notice, shown while the shipped sample documents are in the corpus."""
    if not has_sample_material(ctx.settings):
        return gr.HTML(visible=False)
    text = texts.SAMPLE_HINT.format(corpus=html.escape(str(ctx.settings.corpus_dir)))
    return gr.HTML(f'<div class="ikz-hint" role="note">{text}</div>', visible=True)


def _api(ctx: UiContext) -> None:
    """Named endpoints for gradio_client; the same answers as the chat and ``ikz ask --json``."""

    def ask(question: str, history: list[str] | None = None, top_k: int | None = None) -> dict[str, Any]:
        """Answer a question with citations. history: earlier questions of the conversation (oldest first)."""
        try:
            return ctx.assistant.ask(question, [{"role": "user", "content": q} for q in history or []], top_k)
        except IndexMissingError:
            raise gr.Error(texts.NO_INDEX) from None
        except Exception:
            logger.exception("API-Frage fehlgeschlagen")
            raise gr.Error(texts.ANSWER_FAILED) from None

    def list_documents() -> list[dict[str, Any]]:
        """The indexed documents: file, title, jurisdiction, doctype, chunks, pages."""
        try:
            return ctx.assistant.documents()
        except IndexMissingError:
            return []

    gr.api(ask, api_name="ask", concurrency_limit=chat.CONCURRENT_ANSWERS, concurrency_id="ikz-answer")
    gr.api(list_documents, api_name="documents")
