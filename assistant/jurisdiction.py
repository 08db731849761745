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
    for alias, name in _NAMES:
        if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            return name
    return UNKNOWN


def known_values() -> list[str]:
    return [ALL, *LAENDER]
