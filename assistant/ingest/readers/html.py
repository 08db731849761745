"""HTML: visible text only, headings kept; scripts, styles and other non-text never reach the index."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .base import MarkdownBuilder, ParsedFile
from .text import decode_text

_DROP = ["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "nav", "form"]
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = ["p", "li", "pre", "blockquote", "dt", "dd", "td", "th", "figcaption", "address", "caption"]


def read_html(path: Path, max_bytes: int) -> ParsedFile:
    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    properties = {
        str(tag.get("name")).lower(): str(tag.get("content"))
        for tag in soup.find_all("meta")
        if str(tag.get("name", "")).lower() in ("jurisdiction", "doctype", "keywords", "subject") and tag.get("content")
    }
    for tag in soup(_DROP):
        tag.decompose()
    # A page's own footer (imprint, "Alle Kontaktdaten sind erfunden") is furniture like its navigation:
    # indexed, it answers questions with boilerplate. A footer inside an <article> (author, date) stays.
    for tag in soup("footer"):
        if tag.find_parent("article") is None:
            tag.decompose()
    out = MarkdownBuilder()
    root = soup.body or soup
    for element in root.find_all(list(_HEADINGS) + _BLOCKS):
        if element.name in _HEADINGS:
            out.heading(element.get_text(" ", strip=True), _HEADINGS[element.name])
        elif element.find_parent(_BLOCKS) is None:  # nested blocks are part of their parent's text
            out.paragraph(_list_mark(element) + " ".join(element.get_text(" ", strip=True).split()))
    if not out.text.strip():  # pages without block elements: take the visible text as it stands
        out.paragraph(root.get_text("\n", strip=True))
    return ParsedFile(text=out.text, title=title or out.first_heading(), meta=properties)


def _list_mark(element) -> str:
    """List items as Markdown items ("- …", "2. …"), as the DOCX reader writes them: the sentence
    splitter then keeps a list (an address, the steps of a procedure) together with its lead-in."""
    if element.name != "li":
        return ""
    if element.parent is not None and element.parent.name == "ol":
        return f"{len(element.find_previous_siblings('li')) + 1}. "
    return "- "
