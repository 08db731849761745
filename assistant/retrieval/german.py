"""German analysis for lexical retrieval: legal references, compounds, Snowball stems.

"§108 GWB", "§ 108 Abs. 6 GWB" and "Paragraph 108" all yield the token ``p108`` (and ``abs6``);
"Art. 28 GG" yields ``art28``; an Absatz marker "(6)" at the start of a line in a statute yields
``abs6``. A reference is also bound to its law and Absatz ("§ 108 Abs. 6 GWB" → ``gwb:p108``,
``gwb:p108:abs6``, ``p108:abs6``), matched against the passage's own address: its section's §, the
Absätze it contains, and the law abbreviation in its document title. Loose tokens alone let
"§ 108 Abs. 6 GWB" rank § 108 of another law (a short passage) above § 108 GWB. Compounds are split
(Zweckverbandssatzung → zweckverband, satzung) so that everyday questions meet the legal vocabulary.
Umlauts and ß are folded by the Snowball German stemmer (zweckverbände, zweckverbaende → zweckverband).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

_ABSATZ = re.compile(r"\bAbs(?:atz|\.|\b)\s*(\d+[a-z]?)\b", re.IGNORECASE)
_ABSATZ_LINE = re.compile(r"(?:^|\n)[ \t]*\((\d+[a-z]?)\)\s")  # "(6) Dieser Teil …" begins Absatz 6
_REF_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"§§?\s*(\d+[a-z]?)\b(?:\s*(?:bis|-|–)\s*(\d+[a-z]?)\b)?"), "p"),
    (re.compile(r"\bParagra(?:ph|f)(?:en|s)?\s*(\d+[a-z]?)\b", re.IGNORECASE), "p"),
    (re.compile(r"\bArt(?:ikel|\.|\b)\s*(\d+[a-z]?)\b", re.IGNORECASE), "art"),
    (_ABSATZ, "abs"),
    (_ABSATZ_LINE, "abs"),
    (re.compile(r"\b(?:Nr\.|Nummer)\s*(\d+[a-z]?)\b", re.IGNORECASE), "nr"),
]
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# A law's abbreviation has at least two capitals: GWB, UStG, GemO, SächsKomZG, BauGB, KGG.
_LAW = re.compile(r"(?<![\wÄÖÜäöüß])[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*(?![\wÄÖÜäöüß])")
_SECTION = re.compile(r"(§§?|\bParagra(?:ph|f)(?:en|s)?|\bArt(?:ikel|\.|\b))\s*(\d+[a-z]?)\b", re.IGNORECASE)
_ROMAN_ABSATZ = re.compile(r"\s+(I{1,3}|IV|VI{0,3}|IX|X)\b")  # "§ 108 I Nr. 1 GWB": Absatz 1, as lawyers cite
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_MIN_COMPOUND = 10
# Words too frequent in this domain to carry meaning in a question ("Gemeinde" is not among them).
_STOPWORDS = frozenset(STOPWORDS_GERMAN) | {"bitte", "gilt", "gibt", "wer", "wie", "was", "welche", "welcher",
                                            "welches", "wann", "wo", "warum", "muss", "müssen", "darf", "dürfen",
                                            "kann", "können", "soll", "sollen", "führt", "führen", "macht",
                                            "machen", "braucht", "brauchen", "eigentlich", "überhaupt", "genau",
                                            "einfach", "unsere", "unserer", "unserem", "unseren", "gerade"}

# The past participle of a separable verb puts "ge" between particle and stem ("aufgelöst", "angepasst",
# "eingeführt"), its zu-infinitive "zu" ("aufzulösen", "anzuwenden"). Snowball leaves "aufgelost"; the
# infinitive's stem ("auflös") is what "Auflösung" and "auflösen" share, so it is added as one more token.
_PARTICLE = r"(ab|an|auf|aus|bei|ein|fest|frei|mit|nach|um|vor|weg|zu|zurück|zusammen)"
_SEPARABLE = re.compile(rf"^{_PARTICLE}ge(\w{{3,}}?)e?t$|^{_PARTICLE}zu(\w{{3,}}en)$")
# Verbs in -igen and -baren keep their "t" in Snowball ("genehmigt", "die beteiligten Gemeinden",
# "vereinbart"), while the infinitive and the noun lose it ("genehmigen", "Genehmigung" → "genehm"); the
# infinitive's stem is added. On ikz eval R@5 0.958 → 0.972, MRR 0.755 → 0.773 (four questions up, none
# down). The same for every "ge…t" participle gave nothing more and turns nouns into noise ("Gericht").
_WEAK_PARTICIPLE = re.compile(r"(ig|bar)t(?:e[nmrs]?)?$")


def _infinitive(word: str) -> str | None:
    """The infinitive (or its stem) behind a verb form that Snowball does not bring to it, else None."""
    separable = _SEPARABLE.match(word)
    if separable:
        return "".join(part for part in separable.groups() if part)
    weak = _WEAK_PARTICIPLE.search(word)
    return word[: weak.start()] + weak.group(1) + "en" if weak else None


CompoundSplitter = Callable[[str], list[str]]
# Bump whenever a change here gives a text other tokens: stored lexical indexes then rebuild themselves.
ANALYSIS_VERSION = "6"


def legal_refs(text: str) -> list[str]:
    """Normalised tokens for every legal reference in ``text``."""
    refs: list[str] = []
    for pattern, prefix in _REF_PATTERNS:
        for match in pattern.finditer(text):
            refs.extend(prefix + g.lower() for g in match.groups() if g)
    return refs


def _section_token(match: re.Match[str]) -> str:
    return ("art" if match.group(1).lower().startswith("art") else "p") + match.group(2).lower()


def _address(laws: list[str], sections: list[tuple[str, list[str]]]) -> list[str]:
    out: list[str] = []
    for section, absaetze in sections:
        out.extend(f"{law}:{section}" for law in laws)
        for absatz in absaetze:
            out.append(f"{section}:abs{absatz}")
            out.extend(f"{law}:{section}:abs{absatz}" for law in laws)
    return out


class HantaCompounds:
    """Compound splitting with HanTa's morphological analysis (data ships with the package).

    The analysis costs 1–4 ms a word, so results are memoised per instance.
    """

    def __init__(self) -> None:
        from HanTa import HanoverTagger

        self._tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
        self._memo: dict[str, list[str]] = {}

    def __call__(self, word: str) -> list[str]:
        parts = self._memo.get(word)
        if parts is None:
            try:
                _, morphemes, _ = self._tagger.analyze(word, taglevel=3)
                nouns = [m for m, tag in morphemes if tag.split("_")[0] in ("NN", "NE", "ADJ", "VV") and len(m) >= 3]
            except Exception:  # HanTa raises on odd input; an unsplit word is a fine answer
                nouns = []
            # The parts, and every run of adjacent parts short of the whole word, so that
            # "Zweckverbandssatzung" also yields "zweckverband" (zweck + verband) and "satzung".
            parts = [
                "".join(nouns[i:j]) for i in range(len(nouns)) for j in range(i + 1, len(nouns) + 1)
                if j - i < len(nouns)
            ] if len(nouns) > 1 else []
            self._memo[word] = parts
        return parts


class GermanAnalyzer:
    """Turns text into lexical tokens; the same analysis for passages and questions."""

    def __init__(self, compounds: CompoundSplitter | None = None) -> None:
        self._stemmer = Stemmer.Stemmer("german")
        self._compounds = compounds
        self._stem_memo: dict[str, str] = {}

    @property
    def signature(self) -> str:
        """Identifies this analysis for caches of its results (version and compound splitter)."""
        return f"{ANALYSIS_VERSION}/{type(self._compounds).__name__ if self._compounds else 'ohne-Komposita'}"

    def stem(self, word: str) -> str:
        stem = self._stem_memo.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word)
            self._stem_memo[word] = stem
        return stem

    def words(self, text: str) -> list[str]:
        """Content words (lower case, stop words removed), before stemming."""
        return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOPWORDS and len(w) > 1]

    def tokens(self, text: str) -> list[str]:
        out = legal_refs(text)
        for word in self.words(text):
            out.append(self.stem(word))
            infinitive = _infinitive(word)
            if infinitive:
                out.append(self.stem(infinitive))
            if self._compounds is not None and len(word) >= _MIN_COMPOUND:
                out.extend(self.stem(part) for part in self._compounds(word) if part not in _STOPWORDS)
        return out

    def laws(self, text: str) -> list[str]:
        """Law abbreviations in ``text``, normalised like any word ("UStG" → ``ustg``)."""
        return list(dict.fromkeys(self.stem(m.group(0).lower()) for m in _LAW.finditer(text)))

    def query_address(self, query: str) -> list[str]:
        """The query's references bound to its law abbreviations; each Absatz belongs to the § before it."""
        sections: list[tuple[str, list[str]]] = []
        marks = sorted([(m.start(), m) for m in _SECTION.finditer(query)] + [(m.start(), m) for m in _ABSATZ.finditer(query)],
                       key=lambda pair: pair[0])
        for _, match in marks:
            if match.re is _SECTION:
                roman = _ROMAN_ABSATZ.match(query, match.end())
                sections.append((_section_token(match), [str(_ROMAN[roman.group(1)])] if roman else []))
            elif sections:
                sections[-1][1].append(match.group(1).lower())
        return _address(self.laws(query), sections)

    def absatz_addresses(self, title: str, section: str | None, text: str) -> list[tuple[int, list[str]]]:
        """(where it begins, its bound references) for the start of a passage (its § alone) and for each
        Absatz that begins in it; a sentence has the address of the last one at or before it."""
        own = self._own_section(title, section)
        if own is None:
            return []
        laws, token = own
        return [(0, _address(laws, [(token, [])]))] + [
            (m.start(1) - 1, _address(laws, [(token, [m.group(1).lower()])])) for m in _ABSATZ_LINE.finditer(text)
        ]

    def passage_address(self, title: str, section: str | None, text: str) -> list[str]:
        """The bound references a passage answers to: the § of its section heading, the Absätze that
        begin in it, the law abbreviations of its document title."""
        own = self._own_section(title, section)
        if own is None:
            return []
        laws, token = own
        return _address(laws, [(token, [m.group(1).lower() for m in _ABSATZ_LINE.finditer(text)])])

    def _own_section(self, title: str, section: str | None) -> tuple[list[str], str] | None:
        """The law abbreviations of a document title and the § token of a section heading, if it has one."""
        heading = _SECTION.search(section or "")
        return (self.laws(title), _section_token(heading)) if heading else None
