"""Structure-aware German splitter: a § or heading section that fits stays one chunk; a longer one
is split at Absatz (paragraph) boundaries with overlap. A chunk never straddles two sections, so never
two §§. Every chunk keeps file, title, page, section and its character offsets for citations."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from llama_index.core.node_parser import NodeParser
from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode
from pydantic import Field

from .structure import Section, find_sections

# Metadata that describes the chunk but should not be embedded or shown to an LLM.
_NOT_EMBEDDED = ["file", "page", "start", "end", "jurisdiction", "doctype", "section_path"]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_ABSATZ_START = re.compile(r"\n(?=\(\d+[a-z]?\)\s)")  # "(2) …" starts an Absatz even without a blank line
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÄÖÜ(§0-9])")


def chunk_id(doc_id: str, index: int) -> str:
    """Stable ids: the same file always yields the same ids, so a repeated write cannot duplicate."""
    return f"{hashlib.sha1(doc_id.encode()).hexdigest()[:16]}-{index:04d}"


class StructureSplitter(NodeParser):
    chunk_chars: int = Field(default=1200, description="maximum characters of one chunk")
    overlap_paragraphs: int = Field(default=1, description="Absätze repeated at the start of the next chunk")
    # The chunk metadata is chosen in split_document; the base class must not merge in the document's
    # (its page_starts list is not a flat value a vector store can hold).
    include_metadata: bool = Field(default=False)

    @classmethod
    def class_name(cls) -> str:
        return "IKZStructureSplitter"

    def _parse_nodes(self, nodes: Sequence[BaseNode], show_progress: bool = False, **kwargs: Any) -> list[BaseNode]:
        out: list[BaseNode] = []
        for document in nodes:
            out.extend(self.split_document(document))
        return out

    def split_document(self, document: BaseNode) -> list[TextNode]:
        text = document.get_content()
        meta = dict(document.metadata)
        page_starts = meta.pop("page_starts", None)
        meta.pop("fingerprint", None)
        chunks: list[TextNode] = []
        for section in find_sections(text):
            for start, end in self._spans(text, section):
                node_meta = {k: v for k, v in meta.items() if v is not None}
                if section.heading:
                    node_meta["section"] = section.heading
                    node_meta["section_path"] = " › ".join(section.path)
                if page_starts:
                    node_meta["page"] = bisect.bisect_right(page_starts, start)
                node_meta.update(start=start, end=end)
                node = TextNode(
                    id_=chunk_id(document.id_, len(chunks)),
                    text=text[start:end],
                    metadata=node_meta,
                    start_char_idx=start,
                    end_char_idx=end,
                    excluded_embed_metadata_keys=list(_NOT_EMBEDDED),
                    excluded_llm_metadata_keys=list(_NOT_EMBEDDED),
                    metadata_template="{value}",
                    metadata_seperator="\n",
                )
                node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=document.id_, hash=document.hash)
                chunks.append(node)
        return chunks

    def _spans(self, text: str, section: Section) -> list[tuple[int, int]]:
        start, end = _trim(text, section.start, section.end)
        if end - start <= self.chunk_chars:
            return [(start, end)]
        units = _units(text, start, end, self.chunk_chars)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(units):
            j = i
            while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= self.chunk_chars:
                j += 1
            spans.append((units[i][0], units[j][1]))
            if j + 1 >= len(units):
                break
            # Overlap: the next chunk repeats the last Absatz(e) of this one, if that still makes progress.
            i = max(i + 1, j + 1 - self.overlap_paragraphs)
        return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _units(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Absätze as (start, end) spans; an Absatz longer than ``limit`` is cut at sentence ends."""
    units: list[tuple[int, int]] = []
    for a, b in _split_spans(text, start, end, (_PARAGRAPH_BREAK, _ABSATZ_START)):
        if b - a <= limit:
            units.append((a, b))
            continue
        for s, e in _pack(_split_spans(text, a, b, (_SENTENCE_END, re.compile(r"\n"))), limit):
            units.append((s, e))
    return units


def _split_spans(text: str, start: int, end: int, patterns) -> list[tuple[int, int]]:
    cuts = {start, end}
    for pattern in patterns:
        for match in pattern.finditer(text, start, end):
            cuts.add(match.start())
    bounds = sorted(cuts)
    spans = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:])]
    return [(a, b) for a, b in spans if b > a]


def _pack(pieces: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Join consecutive sentences up to ``limit``; a single overlong sentence is cut hard."""
    packed: list[tuple[int, int]] = []
    for a, b in pieces:
        if packed and b - packed[-1][0] <= limit:
            packed[-1] = (packed[-1][0], b)
        else:
            while b - a > limit:
                packed.append((a, a + limit))
                a += limit
            packed.append((a, b))
    return packed
