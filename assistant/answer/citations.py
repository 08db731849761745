"""Checking the citation markers of a generated answer against the passages it was given.

A marker ``[n]`` (also ``[n, m]``) is valid when passage n was in the prompt; invalid ones are
removed. The valid ones are renumbered 1..m in order of first appearance, and exactly the cited
passages become the answer's citations, each with the passage sentences that support it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..retrieval.german import GermanAnalyzer
from ..types import Citation, Hit
from .base import Composed
from .extractive import clean_sentence
from .sentences import split_sentences

# Leading blanks belong to the marker, so that "Satz [7]." becomes "Satz." when [7] is dropped.
_MARKER = re.compile(r"([ \t]*)\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+\])+")
_NUMBER = re.compile(r"\d+")


def validate(text: str, hits: list[Hit], analyzer: GermanAnalyzer) -> Composed | None:
    """The answer with valid, renumbered markers and its citations; None if it cites no given passage."""
    new_number: dict[int, int] = {}  # position in the prompt (1-based) → number in the answer

    def renumber(match: re.Match[str]) -> str:
        given = [int(n) for n in _NUMBER.findall(match.group(2))]
        valid = [n for n in dict.fromkeys(given) if 1 <= n <= len(hits)]
        for n in valid:
            new_number.setdefault(n, len(new_number) + 1)
        return match.group(1) + "".join(f"[{new_number[n]}]" for n in valid) if valid else ""

    answer = _MARKER.sub(renumber, text).strip()
    if not new_number:
        return None
    claims = _claims(answer)
    citations = [
        Citation.from_hit(number, hits[given - 1], _supporting_sentences(hits[given - 1].passage.text, claims[number], analyzer))
        for given, number in new_number.items()
    ]
    return Composed(answer, citations)


def _claims(answer: str) -> dict[int, list[str]]:
    """Citation number → the answer sentences (without markers) that cite it.

    A marker placed after the full stop ("Satz. [1]") starts the next span; it belongs to the sentence before.
    """
    claims: dict[int, list[str]] = defaultdict(list)
    previous = ""
    for start, end in split_sentences(answer):
        sentence = answer[start:end]
        leading = _LEADING_MARKERS.match(sentence)
        if leading:
            if previous:
                for n in _NUMBER.findall(leading.group(0)):
                    claims[int(n)].append(previous)
            sentence = sentence[leading.end():]
        plain = _MARKER.sub("", sentence).strip()
        for marker in _MARKER.finditer(sentence):
            for n in _NUMBER.findall(marker.group(2)):
                claims[int(n)].append(plain)
        previous = plain or previous
    return claims


def _supporting_sentences(passage: str, claims: list[str], analyzer: GermanAnalyzer) -> list[str]:
    """For each claim the passage sentence sharing most of its words; in passage order, no repeats."""
    sentences = [clean_sentence(passage[start:end]) for start, end in split_sentences(passage) if passage[start] != "#"]
    token_sets = [set(analyzer.tokens(s)) for s in sentences]
    chosen: set[int] = set()
    for claim in claims:
        wanted = set(analyzer.tokens(claim))
        if not wanted:
            continue
        overlaps = [len(wanted & tokens) / len(wanted) for tokens in token_sets]
        best = max(range(len(sentences)), key=lambda i: overlaps[i], default=None)
        if best is not None and overlaps[best] > 0:
            chosen.add(best)
    return [sentences[i] for i in sorted(chosen)]
