"""German sentence splitting that respects legal abbreviations and keeps enumerations together."""

from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
_ABBREVIATIONS = {
    "abs", "art", "nr", "nrn", "s", "z", "b", "bzw", "ggf", "vgl", "d", "h", "i", "v", "m", "u", "a", "o", "ä",
    "gem", "usw", "etc", "inkl", "ca", "dr", "str", "bspw", "evtl", "sog", "lit", "buchst", "anm", "zb",
    "e", "g", "n", "f", "ff", "bzgl", "einschl", "zzgl",
    # gazettes in citations of the law: "(BGBl. I S. 405)", "GVBl.", "GBl.", "ABl.", "SächsGVBl."
    "bgbl", "gvbl", "gbl", "abl", "stanz", "sächsgvbl",
}
_CANDIDATE = re.compile(r"[.!?](?=\s+|$)|\n[ \t]*\n")
_ENUM_ITEM = re.compile(r"^\s*(?:\d+[a-z]?[.)]|[a-z][.)]|[-–•*])\s+")


def _is_abbreviation(text: str, dot: int) -> bool:
    match = re.search(r"([A-Za-zÄÖÜäöüß]+)$", text[:dot])
    if not match:
        return bool(re.search(r"\d$", text[:dot]))  # "§ 3." / "1." in an enumeration, "Nr. 2." handled below
    word = match.group(1)
    return word.lower() in _ABBREVIATIONS or len(word) == 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``.

    A sentence that ends with a colon and is followed by enumeration items ("1. …", "a) …") keeps
    them, so a legal enumeration (Nr. 1–3) is one unit of evidence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if match.group(0).strip() == "." and _is_abbreviation(text, match.start()):
            continue
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return _merge_lines(text, spans)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merge_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split at single line breaks that start a heading, and glue enumeration items to their lead-in."""
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        cursor = start
        for line in re.finditer(r"\n(?=#|\s*\(\d+[a-z]?\)\s)", text[start:end]):
            cut = start + line.start()
            if text[cursor:cut].strip():
                pieces.append(_strip(text, cursor, cut))
            cursor = cut
        if text[cursor:end].strip():
            pieces.append(_strip(text, cursor, end))
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if merged and _ENUM_ITEM.match(text[start:end]) and _continues_enumeration(text, merged[-1]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues_enumeration(text: str, previous: tuple[int, int]) -> bool:
    """An item continues the enumeration when what precedes it has not finished the sentence: it ends
    with a colon, a comma, "und", or mid-clause ("… einzelne oder mehrere Aufgaben" / "1. …").
    A heading finishes nothing; it is no lead-in."""
    before = text[previous[0]:previous[1]].rstrip()
    return not before.startswith("#") and not before.endswith((".", "!", "?"))
