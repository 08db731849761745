"""The default answer without a language model: the sentences of the retrieved passages that best
answer the question, most direct first, each followed by its citation marker ``[n]``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..jurisdiction import land_words
from ..retrieval.expansion import QueryExpander
from ..retrieval.followup import retrieval_query
from ..retrieval.german import GermanAnalyzer
from ..types import Citation, Hit
from .amounts import asks_for_amount, states_amount
from .base import Composed
from .sentences import split_sentences

_MAX_SENTENCES = 3
_MIN_SENTENCE_CHARS = 40  # shorter lines are labels ("E-Mail: …"), not statements
_MAX_SENTENCE_CHARS = 900
_AMOUNT_BOOST = 1.5
# Each sentence already quoted from a section lowers the claim of the next one from it to this share, so
# the answer draws on several sections where they are nearly as good. Measured on ikz eval (key fact in
# the answer): 1.0 → 0.549, 0.8 → 0.577, 0.6 → 0.535 (blind set 0.417, 0.417, 0.389).
_SAME_SECTION = 0.8
# A question that cites "§ 2b UStG Absatz 3" is answered by that Absatz first, and by the cited § before
# the sentences elsewhere that merely refer to it.
_CITED_ABSATZ = 2.0
_CITED_SECTION = 1.3
_LEADING_MARKUP = re.compile(r"^(?:#{1,6}\s+|[-*•]\s+|\*\*)")
_DANGLING = re.compile(r"^(?:Er|Sie|Es|Dies(?:e[rsm]?)?|Daneben|Dabei|Dazu|Hierfür|Dafür|Deshalb|Außerdem)\b")
_ENUM_LINE = re.compile(r"^(?:\d+[a-z]?[.)]|[a-z][.)]|[-–•*])\s")
# A sentence about the publication itself ("Dieser Leitfaden ist Beispielmaterial …", "Diese Checkliste
# ersetzt keine Rechtsberatung") shares the question's words but answers nothing about the subject.
_ABOUT_DOCUMENT = re.compile(
    r"^(?:Diese[rs]?|Das vorliegende|Der vorliegende|Die vorliegende)\s+(?:\w+\s+)?"
    r"(?:Leitfaden|Checkliste|Broschüre|Handreichung|Arbeitshilfe|Merkblatt|Dokument|Papier|Glossar|FAQ|"
    r"Handbuch|Ratgeber|Übersicht|Veröffentlichung|Publikation|Text|Beitrag|Profil|Website|Seite)\b"
)


def legal_label(section: str | None, title: str) -> str:
    """"§ 28 GKZ" from section "§ 28 Rechtsaufsicht" and a title that names the law's abbreviation."""
    ref = re.match(r"(?:§{1,2}|Art\.?|Artikel)\s*\d+[a-z]?", section or "")
    abbreviation = re.search(r"\(([A-ZÄÖÜ][\wÄÖÜäöü]{1,14})\)", title or "")
    parts = [ref.group(0) if ref else (section or "").strip(), abbreviation.group(1) if abbreviation else title]
    return " ".join(p for p in parts if p)


@dataclass
class Evidence:
    hit_rank: int
    text: str
    score: float
    tokens: frozenset[str]


def clean_sentence(text: str) -> str:
    """One line of running text; items of an enumeration keep their own lines."""
    text = _LEADING_MARKUP.sub("", text.strip()).replace("**", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if line:
            out += ("\n" if _ENUM_LINE.match(line) else " ") + line
    return out.strip()


def _evidence(
    hits: list[Hit], analyzer: GermanAnalyzer, query_weights: dict[str, float], cited: frozenset[str] = frozenset()
) -> list[Evidence]:
    total = sum(query_weights.values()) or 1.0
    found: list[Evidence] = []
    for rank, hit in enumerate(hits):
        text = hit.passage.text
        # A sentence stands under its section heading: "§ 75 Aufsicht über … Zweckverbände" makes the
        # sentences of § 75 answer a question about Aufsicht, though they need not repeat the word.
        heading = frozenset(analyzer.tokens(hit.passage.section or ""))
        addresses = analyzer.absatz_addresses(hit.passage.title, hit.passage.section, text) if cited else []
        previous: tuple[int, int] | None = None
        previous_evidence: Evidence | None = None
        for start, end in split_sentences(text):
            # "Er ist Leiter der Verbandsverwaltung …" means something only after the sentence that names
            # him; within one Absatz the two are one piece of evidence, which replaces the first alone
            # (else an answer could quote the first sentence twice).
            if (previous and _DANGLING.match(text[start:end]) and "\n\n" not in text[previous[1]:start]
                    and "\n" not in text[previous[0]:previous[1]]):  # not onto a whole enumeration
                start = previous[0]
                if previous_evidence is not None:
                    found.remove(previous_evidence)
            previous, previous_evidence = (start, end), None
            sentence = clean_sentence(text[start:end])
            # Questions (FAQ headings) and headings restate the problem; they are not evidence; nor are
            # editorial notes ("> Auszug: …") or what a publication says about itself.
            if (len(sentence) < _MIN_SENTENCE_CHARS or len(sentence) > _MAX_SENTENCE_CHARS or text[start] in "#>"
                    or sentence.endswith("?") or _ABOUT_DOCUMENT.match(sentence)):
                continue
            tokens = frozenset(analyzer.tokens(sentence))
            own = sum(w for t, w in query_weights.items() if t in tokens)
            inherited = sum(w for t, w in query_weights.items() if t in heading and t not in tokens)
            # Coverage of the question decides, the sentence's own words damped for length (a long sentence
            # covers more words by sheer size, but answers less directly); what it inherits from its heading
            # does not grow with its length, so among sentences that only inherit ("Was steht in § 74?")
            # the first one, the beginning of the §, comes first. The passage's rank favours the top hits.
            score = (own / (1 + len(sentence) / 1200) + 0.5 * inherited) / total + 0.3 / (rank + 1)
            if _DANGLING.match(sentence):  # its predecessor lies in another Absatz or passage
                score *= 0.6
            if addresses:
                score *= _address_weight(cited, [a for position, a in addresses if position <= start][-1])
            previous_evidence = Evidence(rank, sentence, score, tokens)
            found.append(previous_evidence)
    return found


def _address_weight(cited: frozenset[str], address: list[str]) -> float:
    shared = cited.intersection(address)
    if any(":abs" in token for token in shared):
        return _CITED_ABSATZ
    return _CITED_SECTION if shared else 1.0


def _source(hit: Hit) -> tuple[str, str]:
    return hit.passage.file, hit.passage.section or ""


def _redundant(candidate: Evidence, chosen: list[Evidence]) -> bool:
    for other in chosen:
        union = candidate.tokens | other.tokens
        if union and len(candidate.tokens & other.tokens) / len(union) > 0.6:
            return True
    return False


def compose(
    question: str,
    hits: list[Hit],
    analyzer: GermanAnalyzer,
    idf: Callable[[str], float],
    related: str = "",
    ignore: frozenset[str] = frozenset(),
) -> tuple[str, list[Citation]]:
    """Answer text with ``[n]`` markers and the citations it uses, numbered in rank order.

    ``related`` are legal terms for the question's everyday words (query expansion); a sentence that
    uses them counts, at half the weight of the question's own words. Tokens in ``ignore`` do not count.
    """
    query_weights = {t: 0.5 * idf(t) for t in set(analyzer.tokens(related)) - ignore}
    query_weights.update({t: idf(t) for t in set(analyzer.tokens(question)) - ignore})
    candidates = _evidence(hits, analyzer, query_weights, frozenset(analyzer.query_address(question)))
    if asks_for_amount(question):  # "Wie viel …?" is answered by the sentence that states the amount
        for candidate in candidates:
            if states_amount(candidate.text, question):
                candidate.score *= _AMOUNT_BOOST
    chosen: list[Evidence] = []

    def weight(candidate: Evidence) -> float:
        source = _source(hits[candidate.hit_rank])
        return candidate.score * _SAME_SECTION ** sum(_source(hits[e.hit_rank]) == source for e in chosen)

    while candidates and len(chosen) < _MAX_SENTENCES:
        candidate = max(candidates, key=weight)
        if chosen and weight(candidate) < 0.5 * chosen[0].score:
            break
        candidates.remove(candidate)
        if not _redundant(candidate, chosen):
            chosen.append(candidate)
    if not chosen and hits:  # no sentence qualifies: quote the start of the best passage
        chosen.append(Evidence(0, clean_sentence(hits[0].passage.text)[:400], 0.0, frozenset()))

    cited_ranks = sorted({e.hit_rank for e in chosen})
    number = {rank: n for n, rank in enumerate(cited_ranks, start=1)}
    parts = [f"{e.text} [{number[e.hit_rank]}]" for e in chosen]
    citations = [
        Citation.from_hit(number[rank], hits[rank], [e.text for e in chosen if e.hit_rank == rank])
        for rank in cited_ranks
    ]
    return "\n\n".join(parts), citations


class ExtractiveGenerator:
    """The default generator: no language model, only sentences from the passages."""

    def __init__(self, analyzer: GermanAnalyzer, idf: Callable[[str], float], expander: QueryExpander | None = None) -> None:
        self.analyzer = analyzer
        self.idf = idf
        self.expander = expander
        # The Land a question names has already chosen the passages; as evidence it would favour any
        # sentence that repeats "Sachsen" over the one that answers. Analysed once, not per question.
        self._land_tokens = frozenset(analyzer.tokens(land_words()))

    def compose(self, query: str, hits: list[Hit]) -> tuple[str, list[Citation]]:
        related = " ".join(self.expander.terms(query)) if self.expander else ""
        return compose(query, hits, self.analyzer, self.idf, related, self._land_tokens)

    def generate(self, question: str, hits: list[Hit], history: Sequence[Any]) -> Iterator[str | Composed]:
        text, citations = self.compose(retrieval_query(question, history), hits)
        yield text
        yield Composed(text, citations)
