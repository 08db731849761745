"""User-facing German texts of the answer side, kept together."""

ABSTAIN = "In den vorliegenden Unterlagen habe ich dazu nichts gefunden."
EMPTY_QUESTION = "Bitte stellen Sie eine Frage."
NO_INDEX = "Es gibt noch keinen Index. Bitte zuerst die Dokumente indexieren (ikz index)."
CONTACT = "Für Ihre Einzelfrage wenden Sie sich an: {contact}"
