"""German Länder and the Bund: names, short codes, and normalising what documents and users write."""

from __future__ import annotations

import re

UNKNOWN = "unbekannt"
ALL = "alle"

# Canonical name → accepted spellings and codes (lower case).
LAENDER: dict[str, tuple[str, ...]] = {
    "Bund": ("bund", "bundesrecht", "de", "deutschland", "federal"),
    "Baden-Württemberg": ("baden-württemberg", "baden-wuerttemberg", "bw", "baden württemberg"),
    "Bayern": ("bayern", "by", "bavaria"),
    "Berlin": ("berlin", "be"),
    "Brandenburg": ("brandenburg", "bb"),
    "Bremen": ("bremen", "hb"),
    "Hamburg": ("hamburg", "hh"),
    "Hessen": ("hessen", "he", "hessian"),
    "Mecklenburg-Vorpommern": ("mecklenburg-vorpommern", "mv"),
    "Niedersachsen": ("niedersachsen", "ni", "nds"),
    "Nordrhein-Westfalen": ("nordrhein-westfalen", "nw", "nrw"),
    "Rheinland-Pfalz": ("rheinland-pfalz", "rp"),
    "Saarland": ("saarland", "sl"),
    "Sachsen": ("sachsen", "sn"),
    "Sachsen-Anhalt": ("sachsen-anhalt", "st"),
    "Schleswig-Holstein": ("schleswig-holstein", "sh"),
    "Thüringen": ("thüringen", "thueringen", "th"),
}
_LOOKUP = {alias: name for name, aliases in LAENDER.items() for alias in aliases}
# Longest names first, so "Sachsen-Anhalt" wins over "Sachsen" and "Niedersachsen" over "Sachsen".
_NAMES = sorted(((alias, name) for alias, name in _LOOKUP.items() if len(alias) > 3), key=lambda x: -len(x[0]))


def normalize(value: object) -> str:
    """Map a free-text jurisdiction ("Baden-Württemberg (kommunales Satzungsrecht …)", "BW") to a name."""
    if value is None:
        return UNKNOWN
    text = str(value).strip().lower()
    if not text:
        return UNKNOWN
    if text in _LOOKUP:
        return _LOOKUP[text]
    first = re.split(r"[\s(,;]+", text, maxsplit=1)[0]
    if first in _LOOKUP:  # "BW (Satzung)", "HE – Erlass"
        return _LOOKUP[first]
    for alias, name in _NAMES:
        if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            return name
    return UNKNOWN


def known_values() -> list[str]:
    return [ALL, *LAENDER]


class UnknownJurisdictionError(ValueError):
    """A jurisdiction the user asked for that we do not know."""


def resolve(value: str | None) -> str | None:
    """The Land a user selected ("Sachsen", "SN", "sn", "alle"); None means no filter.

    Raises :class:`UnknownJurisdictionError` naming the accepted values.
    """
    if value is None or str(value).strip().lower() in ("", ALL, "all", "*"):
        return None
    name = _LOOKUP.get(str(value).strip().lower())
    if name is None:
        codes = ", ".join(_with_code(name) for name in LAENDER)
        raise UnknownJurisdictionError(
            f"Unbekanntes Bundesland '{value}'. Möglich sind: {ALL}, {codes}"
        )
    return name


def _with_code(name: str) -> str:
    code = next((a for a in LAENDER[name] if len(a) == 2), None)
    return f"{name} ({code.upper()})" if code and name != "Bund" else name


def admitted(land: str | None) -> list[str] | None:
    """Jurisdictions whose passages a user of ``land`` sees: the Land, federal law, and unlabelled files."""
    if land is None:
        return None
    return sorted({land, "Bund", UNKNOWN})


# Adjectives and law names that tie a question to one Land ("nach sächsischem Recht", "GKZ").
_ADJECTIVES = {
    "Baden-Württemberg": ("baden-württembergisch", "baden-wuerttembergisch"),
    "Bayern": ("bayerisch", "bayrisch"),
    "Brandenburg": ("brandenburgisch",),
    "Hessen": ("hessisch",),
    "Mecklenburg-Vorpommern": ("mecklenburg-vorpommersch",),
    "Niedersachsen": ("niedersächsisch",),
    "Nordrhein-Westfalen": ("nordrhein-westfälisch",),
    "Rheinland-Pfalz": ("rheinland-pfälzisch",),
    "Saarland": ("saarländisch",),
    "Sachsen": ("sächsisch",),
    "Sachsen-Anhalt": ("sachsen-anhaltisch",),
    "Schleswig-Holstein": ("schleswig-holsteinisch",),
    "Thüringen": ("thüringisch",),
}
_LAWS = {"GKZ": "Baden-Württemberg", "SächsKomZG": "Sachsen", "KGG": "Hessen", "HGO": "Hessen", "HKO": "Hessen",
         "KommZG": "Bayern", "GkG NRW": "Nordrhein-Westfalen", "NKomZG": "Niedersachsen"}


def mentioned(question: str) -> str | None:
    """The one Land a question names, if it names exactly one ("in Sachsen", "BW", "nach hessischem Recht")."""
    found: set[str] = set()
    lower = question.lower()
    for alias, name in _NAMES:
        if name != "Bund" and re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", lower):
            found.add(name)
    for name, adjectives in _ADJECTIVES.items():
        if any(re.search(rf"(?<![\w-]){re.escape(a)}", lower) for a in adjectives):
            found.add(name)
    for name, aliases in LAENDER.items():  # two-letter codes only in capitals, as a word: "BW", "SN"
        if name != "Bund" and any(len(a) == 2 and re.search(rf"\b{a.upper()}\b", question) for a in aliases):
            found.add(name)
    for law, name in _LAWS.items():
        if re.search(rf"(?<!\w){re.escape(law)}(?!\w)", question):
            found.add(name)
    # "Sachsen" is also inside "Niedersachsen"/"Sachsen-Anhalt": the longest-match loop above already
    # skips those, so a remaining pair means the question really names two Länder.
    return found.pop() if len(found) == 1 else None


def land_words() -> str:
    """Every Land name and adjective, as text (for analysers that should ignore them)."""
    return " ".join([*LAENDER, *(a for adjectives in _ADJECTIVES.values() for a in adjectives)])
