"""Pure metric functions over ranked results, kept apart from running anything."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from ..types import Passage


def normalise(text: str) -> str:
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # hyphenation at line ends in PDFs
    return " ".join(text.replace("**", "").split()).lower()


def is_hit(passage: Passage, expected_file: str, key_fact: str) -> bool:
    """The right file (by name, wherever it lies in the corpus) and the key fact in the passage."""
    return PurePosixPath(passage.file).name == expected_file and normalise(key_fact) in normalise(passage.text)


def first_hit_rank(passages: Sequence[Passage], expected_file: str, key_fact: str) -> int | None:
    for rank, passage in enumerate(passages, start=1):
        if is_hit(passage, expected_file, key_fact):
            return rank
    return None


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr(ranks: Sequence[int | None], k: int = 10) -> float:
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
