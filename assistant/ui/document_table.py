"""The documents table of the admin tab: what is indexed, what waits for indexing, what failed."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import datetime

from ..index.store import IndexMissingError
from ..types import IndexReport
from . import texts
from .context import UiContext
from .corpus_files import corpus_files

logger = logging.getLogger(__name__)
TIME_FORMAT = "%d.%m.%Y %H:%M"


@dataclass(frozen=True)
class DocumentRow:
    title: str
    file: str
    doctype: str
    land: str
    pages: int | None
    chunks: int
    indexed_at: str
    status: str

    def cells(self) -> list[object]:
        return [self.title, self.file, self.doctype, self.land, self.pages or "", self.chunks, self.indexed_at, self.status]


def document_rows(ctx: UiContext) -> list[DocumentRow]:
    """Indexed documents, plus files on disk not yet indexed and files that failed in the last run."""
    try:
        indexed = {d["file"]: d for d in ctx.assistant.documents()}
    except IndexMissingError:
        indexed = {}
    on_disk = set(corpus_files(ctx.settings))
    last = ctx.history.last_run()
    failures = {f.file: f.error for f in last[1].failed} if last else {}
    indexed_at = ctx.history.indexed_at()
    rows = []
    for file in sorted(set(indexed) | on_disk | set(failures)):
        doc = indexed.get(file, {})
        if file in failures:
            status = texts.DOCS_STATUS_FAILED.format(reason=failures[file])
        elif file not in on_disk:
            status = texts.DOCS_STATUS_MISSING
        elif file not in indexed:
            status = texts.DOCS_STATUS_PENDING
        else:
            status = texts.DOCS_STATUS_OK
        when = indexed_at.get(file) if file in indexed else None
        rows.append(DocumentRow(
            title=doc.get("title") or "", file=file, doctype=doc.get("doctype") or "", land=doc.get("jurisdiction") or "",
            pages=doc.get("pages") or None, chunks=int(doc.get("chunks") or 0),
            indexed_at=when.strftime(TIME_FORMAT) if when else "", status=status,
        ))
    return rows


def filter_rows(rows: list[DocumentRow], land: str | None, doctype: str | None) -> list[DocumentRow]:
    """Rows of one Land and/or one document type (``None`` or "Alle" means no filter)."""
    return [
        r for r in rows
        if (not land or land == texts.DOCS_ALL or r.land == land)
        and (not doctype or doctype == texts.DOCS_ALL or r.doctype == doctype)
    ]


def filter_choices(rows: list[DocumentRow]) -> tuple[list[str], list[str]]:
    """Choices for the Land and type filters: "Alle" and the values present."""
    lands = sorted({r.land for r in rows if r.land})
    doctypes = sorted({r.doctype for r in rows if r.doctype})
    return [texts.DOCS_ALL, *lands], [texts.DOCS_ALL, *doctypes]


def report_html(report: IndexReport, finished_at: datetime) -> str:
    """The index report as a short summary with the failed files listed (escaped)."""
    line = texts.REPORT_LINE.format(
        added=report.added, updated=report.updated, removed=report.removed, unchanged=report.unchanged,
        failed=len(report.failed), chunks=report.chunks, seconds=f"{report.seconds:.1f}".replace(".", ","),
    )
    out = [
        f'<div class="ikz-report"><h4>{html.escape(texts.REPORT_HEADING.format(when=finished_at.strftime(TIME_FORMAT)))}</h4>',
        f"<p>{html.escape(line)}</p>",
    ]
    if report.failed:
        items = "".join(f"<li><code>{html.escape(f.file)}</code>: {html.escape(f.error)}</li>" for f in report.failed)
        out.append(f'<p class="ikz-report-failed">{html.escape(texts.REPORT_FAILURES)}</p><ul>{items}</ul>')
    out.append("</div>")
    return "".join(out)


def progress_html(done: int, total: int, current: str) -> str:
    """An accessible progress bar: files done of total, and the file last worked on."""
    if total <= 0:
        label = texts.REINDEX_PREPARING
        percent = 0
    else:
        label = texts.REINDEX_PROGRESS.format(done=done, total=total)
        percent = round(100 * done / total)
    current_line = f'<span class="ikz-progress-file">{html.escape(texts.REINDEX_CURRENT.format(file=current))}</span>' if current else ""
    return (
        f'<div class="ikz-progress" role="progressbar" aria-label="{html.escape(texts.REINDEX)}" '
        f'aria-valuemin="0" aria-valuemax="{max(total, 0)}" aria-valuenow="{done}" aria-valuetext="{html.escape(label)}">'
        f'<div class="ikz-progress-bar" style="width: {percent}%"></div></div>'
        f'<p class="ikz-progress-text"><strong>{html.escape(label)}</strong> {current_line}</p>'
    )
