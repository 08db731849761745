"""Text from documents and users turned into safe markup.

Everything that comes from a document or a user is escaped here; the only markup that reaches the
browser unescaped is what these functions write themselves (citation links, ``<mark>``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from . import texts

# "[3]" or "[1, 4]" as generators write them.
CITATION_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
# Characters Markdown would interpret (emphasis, links, headings, tables, code).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]#|])")


def escape_markdown(text: str) -> str:
    """Shown literally by the chat's Markdown renderer: HTML escaped, Markdown syntax backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def note_html(text: str, kind: str = "info") -> str:
    """A one-line status message (kind: info, ok, error) for a ``gr.HTML`` output."""
    role = "alert" if kind == "error" else "status"
    return f'<p class="ikz-note ikz-note-{kind}" role="{role}">{html.escape(text)}</p>'


def source_anchor(turn: int, n: int) -> str:
    """The id of source ``n`` of conversation turn ``turn`` in the sources panel."""
    return f"ikz-src-{turn}-{n}"


def answer_markdown(text: str, turn: int) -> str:
    """An answer for the chat: literal text, with every ``[n]`` a link to its passage."""
    parts: list[str] = []
    position = 0
    for match in CITATION_MARKER.finditer(text):
        parts.append(escape_markdown(text[position:match.start()]))
        numbers = [int(n) for n in match.group(1).split(",")]
        parts.append("".join(_citation_link(turn, n) for n in numbers))
        position = match.end()
    parts.append(escape_markdown(text[position:]))
    return "".join(parts)


def _citation_link(turn: int, n: int) -> str:
    title = texts.CITE_TITLE.format(n=n)
    return f'<a class="ikz-cite" href="#{source_anchor(turn, n)}" title="{title}" aria-label="{title}">[{n}]</a>'


def highlight(text: str, sentences: Iterable[str]) -> str:
    """``text`` escaped for HTML, with each of ``sentences`` found in it wrapped in ``<mark>``.

    The answer quotes sentences cleaned of Markdown and line breaks, so they are matched on a
    normalised form of the passage and the match is mapped back to the original characters.
    """
    normalised, origin = _normalise_with_origin(text)
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        needle = _normalise_with_origin(sentence)[0].strip()
        found = normalised.find(needle) if needle else -1
        if found >= 0:
            spans.append((origin[found], origin[found + len(needle) - 1] + 1))
    out: list[str] = []
    position = 0
    for start, end in _merge(spans):
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _normalise_with_origin(text: str) -> tuple[str, list[int]]:
    """Whitespace runs collapsed to one space and ``**`` dropped; origin[i] = index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        if text.startswith("**", i):
            i += 2
            continue
        char = text[i]
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(i)
        else:
            chars.append(char)
            origin.append(i)
        i += 1
    return "".join(chars), origin


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
