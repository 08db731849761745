"""Bridges the gap between everyday questions and legal language.

Staff ask "Müssen wir ausschreiben, wenn wir mit der Nachbargemeinde den Bauhof betreiben?"; the law
says "öffentliche Auftraggeber", "Zusammenarbeit", "Vergabe". A small, readable thesaurus
(``data/alltagssprache.yaml``) adds the legal terms for the everyday words it recognises.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

THESAURUS = Path(__file__).with_name("data") / "alltagssprache.yaml"


class QueryExpander:
    def __init__(self, path: Path = THESAURUS) -> None:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self._rules = [(re.compile(rf"(?<!\w)(?:{pattern})"), terms) for pattern, terms in entries.items()]

    def terms(self, question: str) -> list[str]:
        """Legal terms for the everyday words in ``question`` (each rule once, in thesaurus order)."""
        text = " ".join(question.lower().split())
        return [terms for pattern, terms in self._rules if pattern.search(text)]

    def expand(self, question: str) -> str:
        extra = self.terms(question)
        return f"{question}\n{' '.join(extra)}" if extra else question
