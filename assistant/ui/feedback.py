"""👍/👎 on each answer (the chat's own buttons), an optional comment, and the admins' CSV export."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from . import texts
from .chat import ChatPanel, Turn
from .context import UiContext
from .markup import note_html

logger = logging.getLogger(__name__)


@dataclass
class FeedbackPanel:
    box: gr.Group
    note: gr.HTML
    comment: gr.Textbox
    send: gr.Button
    rated: gr.State  # turn number → feedback id, so a changed mind updates the same entry
    active: gr.State  # feedback id the comment belongs to


def build() -> FeedbackPanel:
    """The comment box, shown after an answer has been rated (call inside a layout block)."""
    with gr.Group(visible=False, elem_classes="ikz-feedback") as box:
        note = gr.HTML(note_html(texts.FEEDBACK_THANKS))
        with gr.Row(equal_height=True):
            comment = gr.Textbox(
                label=texts.FEEDBACK_COMMENT_LABEL, placeholder=texts.FEEDBACK_COMMENT_PLACEHOLDER,
                lines=1, max_lines=4, scale=4, max_length=2000, elem_id="ikz-feedback-comment",
            )
            send = gr.Button(texts.FEEDBACK_SEND, scale=1, min_width=140, elem_id="ikz-feedback-send")
    return FeedbackPanel(box, note, comment, send, gr.State({}), gr.State(None))


def rate(ctx: UiContext, turns: list[Turn], rated: dict[int, int], event: gr.LikeData) -> tuple[Any, ...]:
    """Store a rating; returns (rated, active id, box, note, comment)."""
    index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    turn_number = int(index) // 2
    answer = turns[turn_number].get("answer") if 0 <= turn_number < len(turns) else None
    if answer is None or not isinstance(event.liked, bool):
        return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
    rating = 1 if event.liked else -1
    try:
        if turn_number in rated:
            entry_id = rated[turn_number]
            ctx.feedback.update(entry_id, rating=rating)
        else:
            entry_id = ctx.feedback.add(
                answer.get("question") or turns[turn_number]["question"], answer.get("answer") or "",
                answer.get("citations") or [], rating,
            )
    except Exception:
        logger.exception("Rückmeldung nicht gespeichert")
        return gr.skip(), gr.skip(), gr.Group(visible=True), note_html(texts.FEEDBACK_FAILED, "error"), gr.skip()
    return {**rated, turn_number: entry_id}, entry_id, gr.Group(visible=True), note_html(texts.FEEDBACK_THANKS), ""


def save_comment(ctx: UiContext, entry_id: int | None, comment: str) -> tuple[str, Any]:
    """Attach the comment to the rated answer; returns (note, comment box)."""
    if entry_id is None:
        return note_html(texts.FEEDBACK_NOTHING, "error"), gr.skip()
    try:
        ctx.feedback.update(entry_id, comment=comment or "")
    except Exception:
        logger.exception("Kommentar nicht gespeichert")
        return note_html(texts.FEEDBACK_FAILED, "error"), gr.skip()
    return note_html(texts.FEEDBACK_SAVED, "ok"), ""


def wire(ctx: UiContext, panel: FeedbackPanel, chat: ChatPanel) -> None:
    def on_like(turns: list[Turn], rated: dict[int, int], event: gr.LikeData) -> tuple[Any, ...]:
        return rate(ctx, turns, rated, event)

    chat.chatbot.like(
        on_like, [chat.turns, panel.rated], [panel.rated, panel.active, panel.box, panel.note, panel.comment],
        api_visibility="private", show_progress="hidden",
    )
    gr.on(
        [panel.send.click, panel.comment.submit], lambda entry, text: save_comment(ctx, entry, text),
        [panel.active, panel.comment], [panel.note, panel.comment], api_visibility="private", show_progress="hidden",
    )

    def reset(turns: list[Turn], rated: dict[int, int]) -> tuple[Any, ...]:
        # A reset conversation starts numbering turns again, so earlier ratings must not be updated.
        return gr.Group(visible=False), None, rated if turns else {}

    chat.after_answer(reset, [chat.turns, panel.rated], [panel.box, panel.active, panel.rated])


def export_csv(ctx: UiContext, request: gr.Request) -> tuple[Any, str]:
    """Admins only: all feedback as a CSV file; returns (file, status message)."""
    if not ctx.access.is_admin(request):
        return None, note_html(texts.NOT_ALLOWED, "error")
    try:
        folder = Path(tempfile.mkdtemp(prefix="ikz-feedback-"))
        path = folder / f"ikz-rueckmeldungen-{datetime.now():%Y-%m-%d-%H%M}.csv"
        path.write_text(ctx.feedback.to_csv(), encoding="utf-8-sig")  # the BOM lets Excel read UTF-8
        count = len(ctx.feedback.entries())
    except Exception:
        logger.exception("CSV-Export der Rückmeldungen fehlgeschlagen")
        return None, note_html(texts.ACTION_FAILED, "error")
    return gr.File(value=str(path), visible=True), note_html(texts.FEEDBACK_EXPORTED.format(count=count), "ok")
