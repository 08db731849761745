"""DOCX (python-docx) and ODT (odfpy), with their heading styles turned into Markdown headings."""

from __future__ import annotations

import re
from pathlib import Path

from .. import texts
from .base import MarkdownBuilder, ParsedFile, ReaderError, check_zip

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift)\s*(\d)$", re.IGNORECASE)


def _docx_level(style_name: str) -> int | None:
    if style_name.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style_name.strip())
    return int(match.group(1)) if match else None


def read_docx(path: Path, max_bytes: int) -> ParsedFile:
    check_zip(path, max_bytes)
    import docx  # python-docx; imported here so the other formats do not pay for it

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError/ValueError/lxml errors on broken parts
        raise ReaderError(texts.DOCX_BROKEN.format(error=type(exc).__name__)) from exc
    out = MarkdownBuilder()
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(block, document)
            level = _docx_level(paragraph.style.name if paragraph.style is not None else "")
            if level:
                out.heading(paragraph.text, level)
            elif "list" in (paragraph.style.name.lower() if paragraph.style is not None else ""):
                out.paragraph("- " + paragraph.text.strip() if paragraph.text.strip() else "")
            else:
                out.paragraph(paragraph.text)
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                out.paragraph(" | ".join(cell.text.strip() for cell in row.cells))
    title = (document.core_properties.title or "").strip() or out.first_heading()
    return ParsedFile(text=out.text, title=title, meta=_core_meta(document.core_properties))


def _core_meta(props: object) -> dict[str, str]:
    """Document properties a publisher may set (used for jurisdiction and document type)."""
    meta = {}
    for key in ("subject", "keywords", "category"):
        value = getattr(props, key, None)
        if value:
            meta[key] = str(value)
    return meta


def read_odt(path: Path, max_bytes: int) -> ParsedFile:
    check_zip(path, max_bytes)
    from odf import dc, teletype
    from odf.opendocument import load

    try:
        document = load(str(path))
    except Exception as exc:  # odfpy raises a variety of XML and KeyErrors on broken files
        raise ReaderError(texts.ODT_BROKEN.format(error=type(exc).__name__)) from exc
    out = MarkdownBuilder()
    for element in _walk(document.text):
        name = element.qname[1]
        if name == "h":
            level = int(element.getAttribute("outlinelevel") or 1)
            out.heading(teletype.extractText(element), level)
        elif name == "p":
            out.paragraph(teletype.extractText(element))
    titles = [teletype.extractText(t).strip() for t in document.meta.getElementsByType(dc.Title)]
    title = next((t for t in titles if t), None)
    return ParsedFile(text=out.text, title=title or out.first_heading())


def _walk(node):
    """Headings and paragraphs in document order, not descending into them (nested spans are text)."""
    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname[1] in ("h", "p"):
            yield child
        else:
            yield from _walk(child)
