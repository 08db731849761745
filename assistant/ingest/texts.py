"""User-facing German reasons why a file was not indexed, kept together.

Each is one line in the ``ikz index`` report (``failed[].error``) and in the log, so staff can act on it.
"""

UNSUPPORTED_TYPE = "Dateityp {suffix} wird nicht unterstützt"
UNREADABLE = "nicht lesbar: {reason}"
EMPTY_FILE = "leere Datei (0 Byte)"
TOO_LARGE = "Datei zu groß ({size_mb:.1f} MB, erlaubt sind {limit_mb:.1f} MB)"
NO_TEXT = "kein Text gefunden (gescanntes Dokument? Texterkennung/OCR nötig)"
UNKNOWN_ENCODING = "Textkodierung nicht erkennbar"
DUPLICATE = "Duplikat: gleicher Inhalt wie {first}, nur einmal indexiert"
YAML_UNSAFE = (
    "Vorspann (YAML) ist zu groß, zu tief verschachtelt oder enthält Anker/Verweise (& oder *); "
    "aus Sicherheitsgründen nicht gelesen"
)
UNEXPECTED = "unerwarteter Fehler beim Lesen ({error})"
# Appended when a changed file cannot be read: its previous version keeps answering questions.
OLD_VERSION_KEPT = "{reason}; die zuvor indexierte Fassung bleibt im Index"

PDF_ENCRYPTED = "PDF ist passwortgeschützt (verschlüsselt) und kann nicht gelesen werden"
PDF_BROKEN = "PDF ist beschädigt oder keine gültige PDF-Datei ({error})"
PDF_NO_TEXT = "PDF enthält keinen Text (gescanntes Dokument? Texterkennung/OCR nötig)"

ZIP_BROKEN = "Datei ist beschädigt oder kein Office-Dokument (kein gültiges ZIP-Archiv)"
ZIP_BOMB = "entpackt {unpacked_mb:.0f} MB groß: verdächtiges Archiv (ZIP-Bombe?), nicht gelesen"
DOCX_BROKEN = "DOCX-Datei ist beschädigt ({error})"
ODT_BROKEN = "ODT-Datei ist beschädigt ({error})"

CORPUS_MISSING = "Korpus-Ordner nicht gefunden: {corpus}"
WAITING_FOR_OTHER_RUN = "Index wird gerade von einem anderen Vorgang aktualisiert; warte, bis er fertig ist"
REPAIRED_AFTER_CRASH = "voriger Indexlauf wurde abgebrochen: unvollständige Abschnitte von {files} Datei(en) entfernt"
