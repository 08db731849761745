"""An answer with its sources as Markdown, to paste into or attach to a Vermerk."""

from __future__ import annotations

import json
import logging
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from . import texts
from .sources import location

logger = logging.getLogger(__name__)
_FILE_STEM = re.compile(r"[^\w-]+")


def answer_markdown(answer: dict[str, Any], created: datetime) -> str:
    """The ``ask`` structure as a short Markdown document: question, answer with [n], sources quoted."""
    question = " ".join((answer.get("question") or "").split())
    lines = [
        f"# {texts.EXPORT_TITLE.format(question=question)}",
        "",
        f"_{texts.EXPORT_CREATED.format(when=created.strftime('%d.%m.%Y, %H:%M Uhr'))}_",
        "",
        f"## {texts.EXPORT_QUESTION}",
        "",
        question,
        "",
        f"## {texts.EXPORT_ANSWER}",
        "",
        (answer.get("answer") or "").strip(),
    ]
    if answer.get("notice"):
        lines += ["", f"_{answer['notice']}_"]
    lines += ["", f"## {texts.EXPORT_SOURCES}", ""]
    citations = answer.get("citations") or []
    if not citations:
        lines.append(texts.EXPORT_NO_SOURCES)
    for c in citations:
        lines.append(f"[{c['n']}] {c.get('title') or c.get('file')} ({location(c)})")
        quoted = c.get("used_sentences") or [c.get("text") or ""]
        for sentence in quoted:
            lines += ["", *(f"> {line}".rstrip() for line in sentence.strip().splitlines())]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_export(markdown: str, question: str, created: datetime, folder: Path | None = None) -> Path:
    """The Markdown as a file with a readable name (in a fresh temporary folder unless given)."""
    folder = folder or Path(tempfile.mkdtemp(prefix="ikz-vermerk-"))
    stem = _FILE_STEM.sub("-", question.lower()).strip("-")[:50] or "antwort"
    path = folder / f"vermerk-{created.strftime('%Y-%m-%d-%H%M')}-{stem}.md"
    path.write_text(markdown, encoding="utf-8")
    return path


@dataclass
class ExportPanel:
    row: gr.Row
    download: gr.DownloadButton
    copy: gr.Button
    markdown: gr.Textbox  # hidden; the copy button reads it in the browser


# Runs in the browser: the clipboard is the user's, not the server's.
_COPY_JS = f"(text) => {{ window.ikzCopy(text, {json.dumps(texts.EXPORT_COPIED)}); }}"


def build() -> ExportPanel:
    """Download and copy buttons for the latest answer (call inside a layout block)."""
    with gr.Row(visible=False, elem_classes="ikz-export") as row:
        download = gr.DownloadButton(texts.EXPORT_DOWNLOAD, size="sm", variant="secondary", elem_id="ikz-download")
        copy = gr.Button(texts.EXPORT_COPY, size="sm", variant="secondary", elem_id="ikz-copy")
    markdown = gr.Textbox(visible=False, elem_id="ikz-export-text")
    return ExportPanel(row, download, copy, markdown)


def wire(panel: ExportPanel, chat: Any) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ikz-vermerke-"))

    def refresh(turns: list[dict[str, Any]]) -> tuple[Any, ...]:
        answer = turns[-1].get("answer") if turns else None
        if not answer:
            return gr.Row(visible=False), gr.DownloadButton(value=None), ""
        created = datetime.now()
        markdown = answer_markdown(answer, created)
        try:
            path = write_export(markdown, answer.get("question") or "", created, Path(tempfile.mkdtemp(dir=folder)))
        except OSError:  # without the file the copy button still works
            logger.exception("Vermerk-Datei nicht geschrieben")
            return gr.Row(visible=True), gr.DownloadButton(value=None), markdown
        return gr.Row(visible=True), gr.DownloadButton(value=str(path)), markdown

    chat.after_answer(refresh, [chat.turns], [panel.row, panel.download, panel.markdown])
    panel.copy.click(None, [panel.markdown], None, js=_COPY_JS, api_visibility="private")
