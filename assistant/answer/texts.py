"""User-facing German texts of the answer side, kept together."""

ABSTAIN = "In den vorliegenden Unterlagen habe ich dazu nichts gefunden."
EMPTY_QUESTION = "Bitte stellen Sie eine Frage."
NO_INDEX = "Es gibt noch keinen Index. Bitte zuerst die Dokumente indexieren (ikz index)."
CONTACT = "Für Ihre Einzelfrage wenden Sie sich an: {contact}"

# Notices shown above an answer when the language model could not be used (the extractive answer follows).
LLM_UNREACHABLE = "Das Sprachmodell war nicht erreichbar; hier die Antwort aus den Unterlagen."
LLM_FAILED = "Das Sprachmodell hat fehlerhaft geantwortet; hier die Antwort aus den Unterlagen."
LLM_UNCITED = "Die Antwort des Sprachmodells war nicht mit Quellen belegt; hier die Antwort aus den Unterlagen."
ANSWER_FOR = "Für {land}: "
OTHER_LAND = "Für {land} habe ich dazu nichts gefunden; in {other} regelt das {where}:"
