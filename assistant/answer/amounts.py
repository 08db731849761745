"""Does a passage state the amount a question asks for?

"Wie viele Mitarbeiter hat der Abwasserverband Talhausen?" finds the Verband's Satzung, which is
close in topic but states no such figure; similarity alone cannot tell. A question asking how much
or how many is therefore answered only when a passage states an amount: a number with a measure
(Prozent, vom Hundert, Euro, Einwohner, Stimmen …), a fraction (Hälfte, zwei Drittel), or a
distribution key (Verhältnis, Maßstab, Anteil: "die Umlage bemisst sich nach dem Verhältnis der
Einwohnerzahlen" answers "Wie viel Umlage zahlt jede Gemeinde?"). A period of time (fünf Jahre)
counts only when the question asks about time. A question bound to a period ("im letzten Jahr",
"aktuell", "2025") asks for a reported figure, which no rule states: then only a number counts.
Numbers of legal references (§ 57, Abs. 2, Nr. 3) are never amounts.
"""

from __future__ import annotations

import re

_ASKS = re.compile(r"\bwie\s*viele?\b|\bwie\s+(?:hoch|groß)\b|\bwelche[rn]?\s+(?:betrag|summe|höhe)\b", re.IGNORECASE)
_NUMBER = (r"(?:\d[\d.,\u00a0\u202f ]*|eine?[mnrs]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf"
           r"|zwanzig|dreißig|vierzig|fünfzig|hundert|tausend)")
_MEASURE = (r"(?:prozent|%|vom\s+hundert|v\.\s*h\.|euro|eur|€|einwohner\w*|stimmen?|mitglieder\w*|sitze?n?"
            r"|vertreter\w*|personen|beschäftigte\w*|bedienstete\w*|mitarbeiter\w*)")
_TIME = r"(?:jahre?n?|monate?n?|wochen?|tage?n?|stunden?)"
_FIGURE = re.compile(rf"\b{_NUMBER}\s*{_MEASURE}(?!\w)|hälfte|drittel|viertel", re.IGNORECASE)
_KEY = re.compile(r"verhältnis|maßstab|schlüssel|anteil", re.IGNORECASE)
_REFERENCE = re.compile(r"(?:§§?|\bArt\.|\bArtikel|\bAbs\.|\bAbsatz|\bNr\.|\bNummer)\s*\d+\s*[a-z]?\b", re.IGNORECASE)
_PERIOD = re.compile(rf"\b{_NUMBER}\s*{_TIME}\b", re.IGNORECASE)
_PERIOD_BOUND = re.compile(
    r"\b(?:(?:im|in|für)\s+(?:de[mn]\s+)?(?:letzten|vergangenen|diesem|laufenden|nächsten|kommenden)\s+jahr\w*"
    r"|letztes\s+jahr|dieses\s+jahr|aktuell\w*|derzeit\w*|zurzeit|momentan|heute|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ASKS_TIME = re.compile(r"\b(?:wie\s+lange|jahre?n?|monate?n?|wochen?|tage?n?|frist\w*|dauer\w*|zeitraum)\b", re.IGNORECASE)


def asks_for_amount(question: str) -> bool:
    return _ASKS.search(question) is not None


def states_amount(text: str, question: str) -> bool:
    """Whether ``text`` states an amount of the kind ``question`` asks for (see the module text)."""
    text = _REFERENCE.sub(" ", text)
    if _FIGURE.search(text) or (_KEY.search(text) and not _PERIOD_BOUND.search(question)):
        return True
    asks_time = _ASKS_TIME.search(_PERIOD_BOUND.sub(" ", question)) is not None  # "im letzten Jahr" asks no duration
    return asks_time and _PERIOD.search(text) is not None
