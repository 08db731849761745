"""The sources panel: one card per cited passage, newest question first, earlier ones folded."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from . import texts
from .markup import highlight, source_anchor

FILES_ROUTE = "files"
_HEADING = re.compile(r"^#{1,6}[ \t]+")
_ITEM = re.compile(r"^\s*(?:\d+[a-z]?[.)]|[a-z][.)]|[-–•*])\s")


@dataclass
class SourceGroup:
    """The citations shown for one question of the conversation."""

    turn: int
    question: str
    citations: list[dict[str, Any]] = field(default_factory=list)
    pending: bool = False  # retrieval candidates, before the answer has chosen its sources


def file_url(file: str, page: int | None = None) -> str:
    """Link to the original file (relative, so the app also works behind a path prefix)."""
    url = f"{FILES_ROUTE}/{quote(file)}"
    if page and file.lower().endswith(".pdf"):
        url += f"#page={int(page)}"
    return url


def location(citation: dict[str, Any]) -> str:
    """"datei.pdf · S. 12 · § 3 Aufgaben" (plain text)."""
    parts = [citation.get("file") or ""]
    if citation.get("page"):
        parts.append(texts.PAGE.format(page=citation["page"]))
    if citation.get("section") and citation["section"] != citation.get("title"):  # a top-level section repeats the title
        parts.append(str(citation["section"]))
    return " · ".join(p for p in parts if p)


def display_text(passage: str) -> str:
    """The passage as plain text: Markdown heading and bold marks dropped, and a line break inside a
    paragraph (a wrapped PDF line) joined; headings and enumeration items keep their own lines."""
    lines: list[str] = []
    joinable = False
    for line in passage.replace("**", "").splitlines():
        heading = bool(_HEADING.match(line))
        if joinable and line.strip() and not heading and not _ITEM.match(line):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            continue
        lines.append(_HEADING.sub("", line))
        joinable = bool(line.strip()) and not heading
    return "\n".join(lines)


def source_card(citation: dict[str, Any], turn: int) -> str:
    n = int(citation["n"])
    anchor = source_anchor(turn, n)
    title = html.escape(citation.get("title") or citation.get("file") or "")
    badges = "".join(
        f'<span class="ikz-badge {css}">{html.escape(label.format(**{key: value}))}</span>'
        for css, label, key, value in (
            ("ikz-badge-land", texts.LAND_BADGE, "land", citation.get("jurisdiction")),
            ("ikz-badge-type", texts.TYPE_BADGE, "doctype", citation.get("doctype")),
        )
        if value
    )
    if citation.get("other_land"):  # another Land's rule: never to be mistaken for the user's own
        badges += f'<span class="ikz-badge ikz-badge-other">{html.escape(texts.OTHER_LAND_BADGE)}</span>'
    passage = highlight(display_text(citation.get("text") or ""), citation.get("used_sentences") or [])
    open_label = html.escape(texts.OPEN_ORIGINAL_LABEL.format(title=citation.get("title") or citation.get("file")))
    link = html.escape(file_url(citation.get("file") or "", citation.get("page")))
    return (
        f'<article class="ikz-source" id="{anchor}" tabindex="-1" aria-labelledby="{anchor}-title">'
        f'<header class="ikz-source-head"><span class="ikz-num" aria-hidden="true">{n}</span>'
        f'<h4 id="{anchor}-title" class="ikz-source-title">{title}</h4></header>'
        f'<p class="ikz-source-meta">{html.escape(location(citation))}</p>'
        f'<p class="ikz-badges">{badges}</p>'
        f'<blockquote class="ikz-passage">{passage}</blockquote>'
        f'<a class="ikz-open" href="{link}" target="_blank" rel="noopener" aria-label="{open_label}">'
        f"{html.escape(texts.OPEN_ORIGINAL)} ↗</a>"
        "</article>"
    )


def panel_html(groups: list[SourceGroup]) -> str:
    """The whole panel; the latest group open, earlier ones in collapsed ``<details>``."""
    heading = f'<h2 class="ikz-panel-title">{html.escape(texts.SOURCES_HEADING)}</h2>'
    if not groups:
        return f'<div class="ikz-sources">{heading}<p class="ikz-empty">{html.escape(texts.SOURCES_EMPTY)}</p></div>'
    latest, *earlier = reversed(groups)
    body = [_group(latest)]
    for group in earlier:
        summary = html.escape(texts.SOURCES_EARLIER.format(question=_short(group.question)))
        body.append(f'<details class="ikz-earlier"><summary>{summary}</summary>{_group(group)}</details>')
    return f'<div class="ikz-sources">{heading}{"".join(body)}</div>'


def _group(group: SourceGroup) -> str:
    if group.pending:
        note = f'<p class="ikz-pending" role="status">{html.escape(texts.SOURCES_CANDIDATES)}</p>'
    elif not group.citations:
        note = f'<p class="ikz-empty">{html.escape(texts.SOURCES_NONE)}</p>'
    else:
        note = f'<p class="ikz-for">{html.escape(texts.SOURCES_FOR.format(question=_short(group.question)))}</p>'
    cards = "".join(source_card(c, group.turn) for c in group.citations)
    return f'<section class="ikz-group" data-turn="{group.turn}">{note}{cards}</section>'


def _short(question: str, limit: int = 90) -> str:
    question = " ".join(question.split())
    return question if len(question) <= limit else question[: limit - 1] + "…"
