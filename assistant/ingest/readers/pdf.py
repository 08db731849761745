"""PDF via pypdf: text per page (pages are cited), headings from the document outline (bookmarks)
or, where a PDF has none, from font sizes: lines set larger than the body text are headings."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from .. import texts
from .base import ParsedFile, ReaderError

logger = logging.getLogger(__name__)
logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns per odd object; we report per file


def read_pdf(path: Path, max_bytes: int) -> ParsedFile:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReaderError(texts.PDF_ENCRYPTED)
        sizes: list[list[tuple[str, float]]] = []
        pages = [_extract(page, sizes) for page in reader.pages]
        outline = _outline(reader) or _font_headings(sizes)
        info_title = (reader.metadata.title if reader.metadata else None) or None
        properties = _properties(reader.metadata)
    except ReaderError:
        raise
    except FileNotDecryptedError as exc:
        raise ReaderError(texts.PDF_ENCRYPTED) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReaderError(texts.PDF_BROKEN.format(error=type(exc).__name__)) from exc
    if not any(page.strip() for page in pages):
        raise ReaderError(texts.PDF_NO_TEXT)

    page_texts, starts, offset = [], [], 0
    for number, page_text in enumerate(pages, start=1):
        page_text = _mark_headings(_clean(page_text), outline.get(number, []))
        starts.append(offset)
        page_texts.append(page_text)
        offset += len(page_text) + 2  # the "\n\n" joining the pages
    return ParsedFile(text="\n\n".join(page_texts), title=info_title, page_starts=starts, meta=properties)


def _properties(info) -> dict[str, str]:
    """Document properties a publisher may set: subject, keywords, and custom /Jurisdiction, /Doctype."""
    if not info:
        return {}
    wanted = {"/Subject": "subject", "/Keywords": "keywords", "/Jurisdiction": "jurisdiction", "/Doctype": "doctype"}
    return {key: str(info[name]) for name, key in wanted.items() if info.get(name)}


def _extract(page, sizes: list[list[tuple[str, float]]]) -> str:
    """Page text, and (line text, font size) of every text fragment for the font-size headings."""
    fragments: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip() and size:
            scale = abs(tm[0]) if tm and tm[0] else 1.0
            fragments.append((" ".join(text.split()), round(float(size) * scale, 1)))

    text = page.extract_text(visitor_text=visit) or ""
    sizes.append(fragments)
    return text


def _font_headings(pages: list[list[tuple[str, float]]]) -> dict[int, list[tuple[str, int]]]:
    """Headings by font size: sizes clearly above the body size (the most used one), largest = level 1.
    Consecutive fragments of one heading size are one heading (titles wrap over lines)."""
    weight: Counter[float] = Counter()
    for fragments in pages:
        for text, size in fragments:
            weight[size] += len(text)
    if not weight:
        return {}
    body = weight.most_common(1)[0][0]
    levels = {size: i for i, size in enumerate(sorted((s for s in weight if s > body * 1.1), reverse=True), 1)}
    found: dict[int, list[tuple[str, int]]] = {}
    for number, fragments in enumerate(pages, start=1):
        previous: float | None = None
        for text, size in fragments:
            if size not in levels:
                previous = None
                continue
            if previous == size and found.get(number):
                title, level = found[number][-1]
                found[number][-1] = (f"{title}\n{text}", level)
            else:
                found.setdefault(number, []).append((text, levels[size]))
            previous = size
    return found


def _clean(text: str) -> str:
    # Re-join words hyphenated at line ends ("Zusammen-\narbeit"); keep real hyphens ("IKZ-\nProjekt").
    text = re.sub(r"(\w)-\n([a-zäöüß])", r"\1\2", text)
    return text.replace("\r\n", "\n").strip()


def _outline(reader) -> dict[int, list[tuple[str, int]]]:
    """Bookmarks as {page number: [(title, depth)]}; PDFs without an outline give {}."""
    found: dict[int, list[tuple[str, int]]] = {}

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
                continue
            try:
                page = reader.get_destination_page_number(item) + 1
            except Exception:  # a bookmark pointing nowhere is just not used as a heading
                continue
            found.setdefault(page, []).append((str(item.title).strip(), depth))

    try:
        walk(reader.outline, 1)
    except Exception as exc:  # a broken outline must not cost the text
        logger.debug("PDF outline unreadable: %s", exc)
    return found


def _mark_headings(page_text: str, headings: list[tuple[str, int]]) -> str:
    """Turn the lines that carry a heading (possibly wrapped over several lines) into one Markdown heading."""
    if not headings:
        return page_text
    lines = page_text.split("\n")
    for title, depth in headings:
        wanted = [" ".join(part.split()) for part in title.split("\n")]
        for i in range(len(lines)):
            window = [" ".join(line.split()) for line in lines[i:i + len(wanted)]]
            if window == wanted and not lines[i].startswith("#"):
                heading = "#" * min(depth + 1, 6) + " " + " ".join(wanted)
                lines[i:i + len(wanted)] = ["\n" + heading + "\n"]
                break
    return "\n".join(lines)
