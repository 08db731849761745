"""Find the structure of a document: headings (Markdown ``#`` lines and bare legal headings such as
"§ 108 Ausnahmen …" or "Art. 28") and the sections between them, with their heading paths."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
# A short line that starts a § or an article, as plain-text and PDF statutes print them.
_LEGAL_HEADING = re.compile(r"^(?:§{1,2}[ \t]*\d+[a-z]?|Art(?:ikel|\.)?[ \t]*\d+[a-z]?)(?:[ \t]+\S.{0,100})?$")
LEGAL_LEVEL = 6
_MAX_HEADING_CHARS = 160


@dataclass
class Section:
    heading: str | None
    path: list[str]
    start: int  # offset of the heading line (or of the text when there is none)
    body_start: int
    end: int


def _heading_at(line: str, legal: bool) -> tuple[int, str] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_HEADING_CHARS:
        return None
    match = _MD_HEADING.match(stripped)
    if match:
        return len(match.group(1)), match.group(2).strip()
    if legal and _LEGAL_HEADING.match(stripped) and not stripped.endswith((",", ";", ".")):
        return LEGAL_LEVEL, stripped
    return None


def find_sections(text: str) -> list[Section]:
    """Split ``text`` into sections at every heading; each knows the path of headings above it.

    Bare legal headings count only in texts without Markdown headings (PDF, plain text): in Markdown,
    a line that starts with "§ 5" inside a paragraph is running text, not a new section.
    """
    legal = not any(_MD_HEADING.match(line.strip()) for line in text.splitlines())
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current = Section(heading=None, path=[], start=0, body_start=0, end=len(text))
    offset = 0
    for line in text.splitlines(keepends=True):
        found = _heading_at(line, legal)
        if found is not None:
            level, title = found
            current.end = offset
            sections.append(current)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            current = Section(
                heading=title,
                path=[t for _, t in stack],
                start=offset,
                body_start=offset + len(line),
                end=len(text),
            )
        offset += len(line)
    current.end = len(text)
    sections.append(current)
    return [s for s in sections if text[s.body_start:s.end].strip()]
