"""Every German text the web app shows, kept together (tone: sachlich, Sie-Form)."""

APP_TITLE = "IKZ-Assistent"
APP_SUBTITLE = "Antworten zur interkommunalen Zusammenarbeit in Hessen – jede Aussage mit Fundstelle"
SINGLE_USER = "Einzelplatzmodus – ohne Anmeldung, alle Funktionen freigegeben"
SIGNED_IN = "Angemeldet als {name} ({role})"
ROLE_NAMES = {"admin": "Administration", "staff": "Mitarbeitende"}
SIGN_OUT = "Abmelden"
SAMPLE_HINT = (
    "<strong>Hinweis:</strong> Der mitgelieferte Dokumentenbestand ist <strong>Beispielmaterial</strong>, "
    "keine amtliche Veröffentlichung. Eigene Publikationen legen Sie in den Korpus-Ordner "
    "<code>{corpus}</code> oder laden sie im Reiter „Dokumente“ hoch und klicken dann auf „Neu indexieren“."
)

# -- tabs -------------------------------------------------------------------------------------------
TAB_CHAT = "Fragen"
TAB_DOCUMENTS = "Dokumente"

# -- chat -------------------------------------------------------------------------------------------
CHAT_LABEL = "Gespräch"
CHAT_PLACEHOLDER = (
    "### Willkommen beim IKZ-Assistenten\n"
    "Stellen Sie eine Frage zur interkommunalen Zusammenarbeit. Die Antwort stützt sich nur auf die "
    "indexierten Unterlagen; jede Aussage verweist mit **[1]**, **[2]** … auf die Fundstelle rechts."
)
EXAMPLE_QUESTIONS = (
    "Welche Rechtsformen gibt es für eine IKZ in Hessen?",
    "Gilt das Vergaberecht für eine Zusammenarbeit zweier Gemeinden?",
    "Was muss in eine Verbandssatzung?",
)
QUESTION_LABEL = "Ihre Frage"
QUESTION_PLACEHOLDER = "z. B. Wann ist eine Zusammenarbeit zweier Gemeinden umsatzsteuerfrei?"
ASK = "Fragen"
NEW_CONVERSATION = "Neues Gespräch"
SEARCHING = "_Suche in den Unterlagen …_"
ANSWER_FAILED = (
    "Die Frage konnte gerade nicht beantwortet werden. Bitte versuchen Sie es erneut; "
    "besteht das Problem weiter, wenden Sie sich an die Administration."
)
NO_INDEX = "Es sind noch keine Dokumente indexiert. Bitte im Reiter „Dokumente“ auf „Neu indexieren“ klicken."
CITE_TITLE = "Fundstelle {n} anzeigen"

# -- sources panel ----------------------------------------------------------------------------------
SOURCES_HEADING = "Quellen"
SOURCES_EMPTY = "Hier erscheinen die Fundstellen zu Ihrer Frage. Klicken Sie in der Antwort auf [1], [2] …, um die Stelle hervorzuheben."
SOURCES_CANDIDATES = "Gefundene Abschnitte – die Antwort wird formuliert …"
SOURCES_NONE = "Zu dieser Frage wurde keine passende Fundstelle gefunden."
SOURCES_FOR = "Quellen zu „{question}“"
SOURCES_EARLIER = "Frühere Frage: „{question}“"
PAGE = "S. {page}"
OPEN_ORIGINAL = "Original öffnen"
OPEN_ORIGINAL_LABEL = "Original von „{title}“ öffnen"
LAND_BADGE = "Land: {land}"
TYPE_BADGE = "Typ: {doctype}"

# -- feedback ---------------------------------------------------------------------------------------
FEEDBACK_THANKS = "Danke für Ihre Bewertung. Möchten Sie noch etwas ergänzen?"
FEEDBACK_COMMENT_LABEL = "Kommentar zur Bewertung (optional)"
FEEDBACK_COMMENT_PLACEHOLDER = "Was war hilfreich, was hat gefehlt?"
FEEDBACK_SEND = "Kommentar senden"
FEEDBACK_SAVED = "Ihr Kommentar wurde gespeichert. Vielen Dank!"
FEEDBACK_NOTHING = "Bitte bewerten Sie zuerst eine Antwort mit 👍 oder 👎."
FEEDBACK_FAILED = "Die Rückmeldung konnte nicht gespeichert werden."
FEEDBACK_EXPORT = "Rückmeldungen als CSV exportieren"
FEEDBACK_FILE_LABEL = "Rückmeldungen (CSV)"
FEEDBACK_EXPORTED = "{count} Rückmeldungen exportiert."
FEEDBACK_HEADING = "Rückmeldungen der Nutzerinnen und Nutzer"

# -- export -----------------------------------------------------------------------------------------
EXPORT_DOWNLOAD = "Als Vermerk herunterladen (Markdown)"
EXPORT_COPY = "Antwort mit Quellen kopieren"
EXPORT_COPIED = "In die Zwischenablage kopiert"
EXPORT_TITLE = "Vermerk: {question}"
EXPORT_CREATED = "Erstellt am {when} mit dem IKZ-Assistenten. Bitte die Fundstellen vor der Verwendung prüfen."
EXPORT_QUESTION = "Frage"
EXPORT_ANSWER = "Antwort"
EXPORT_SOURCES = "Quellen"
EXPORT_NO_SOURCES = "Keine Fundstellen."

# -- documents (admin) ------------------------------------------------------------------------------
DOCS_HEADING = "Indexierte Dokumente"
DOCS_FILTER_LAND = "Land"
DOCS_FILTER_TYPE = "Dokumenttyp"
DOCS_ALL = "Alle"
DOCS_REFRESH = "Liste aktualisieren"
DOCS_COLUMNS = ["Titel", "Datei", "Typ", "Land", "Seiten", "Abschnitte", "Indexiert am", "Status"]
DOCS_TABLE_LABEL = "Dokumente im Index"
DOCS_STATUS_OK = "indexiert"
DOCS_STATUS_PENDING = "neu – noch nicht indexiert"
DOCS_STATUS_MISSING = "Datei gelöscht – wird beim Neu-Indexieren entfernt"
DOCS_STATUS_FAILED = "Fehler: {reason}"
DOCS_COUNT = "{shown} von {total} Dokumenten"
DOCS_NO_INDEX = "Noch kein Index vorhanden."
ADMIN_ONLY_NOTE = "Hochladen, Löschen und Neu-Indexieren sind der Administration vorbehalten."
MANAGE_HEADING = "Bestand verwalten"
UPLOAD_LABEL = "Neue Publikationen (PDF, DOCX, ODT, HTML, Markdown, Text; höchstens {mb} MB je Datei)"
UPLOAD = "Dateien speichern"
UPLOAD_NOTHING = "Bitte wählen Sie zuerst eine oder mehrere Dateien aus."
UPLOAD_STORED = "Gespeichert: {names}. Klicken Sie auf „Neu indexieren“, damit die Dateien durchsucht werden."
UPLOAD_REPLACED = "(ersetzt die vorhandene Datei)"
UPLOAD_BAD_TYPE = "„{name}“ wurde abgelehnt: Dateityp {suffix} ist nicht erlaubt (erlaubt: {allowed})."
UPLOAD_TOO_LARGE = "„{name}“ wurde abgelehnt: Die Datei ist zu groß ({size}, erlaubt sind {limit})."
UPLOAD_EMPTY = "„{name}“ wurde abgelehnt: Die Datei ist leer."
UPLOAD_BAD_NAME = "„{name}“ wurde abgelehnt: Der Dateiname darf keine Pfadangaben enthalten."
UPLOAD_NO_NAME = "Eine Datei ohne verwendbaren Namen wurde abgelehnt."
DELETE_LABEL = "Dokument löschen"
DELETE = "Löschen"
DELETE_CONFIRM = "Soll die Datei wirklich aus dem Korpus gelöscht werden?"
DELETE_NOTHING = "Bitte wählen Sie zuerst ein Dokument aus."
DELETE_DONE = "„{name}“ wurde gelöscht. Der Index wird aktualisiert."
DELETE_MISSING = "„{name}“ wurde im Korpus-Ordner nicht gefunden."
REINDEX = "Neu indexieren"
REINDEX_STARTED = "Die Indexierung läuft. Fragen werden währenddessen mit dem bisherigen Stand beantwortet."
REINDEX_BUSY = "Eine Indexierung läuft bereits; Ihre Änderungen werden direkt danach übernommen."
REINDEX_PROGRESS = "{done} von {total} Dateien"
REINDEX_CURRENT = "zuletzt: {file}"
REINDEX_PREPARING = "Indexierung wird vorbereitet …"
REINDEX_FAILED = "Die Indexierung ist fehlgeschlagen: {reason}"
REPORT_HEADING = "Letzte Indexierung ({when})"
REPORT_LINE = (
    "{added} neu, {updated} geändert, {removed} entfernt, {unchanged} unverändert, {failed} fehlerhaft – "
    "{chunks} Abschnitte im Index ({seconds} s)"
)
REPORT_FAILURES = "Nicht indexiert:"
NOT_ALLOWED = "Für diese Aktion sind Administrationsrechte nötig."
ACTION_FAILED = "Die Aktion ist fehlgeschlagen. Details stehen im Server-Protokoll."

# -- login ------------------------------------------------------------------------------------------
LOGIN_TITLE = "Anmeldung"
LOGIN_INTRO = "Bitte melden Sie sich mit Ihrem Benutzernamen und Passwort an."
LOGIN_USER = "Benutzername"
LOGIN_PASSWORD = "Passwort"
LOGIN_SUBMIT = "Anmelden"
LOGIN_FAILED = "Benutzername oder Passwort ist nicht korrekt."
LOGIN_REQUIRED = "Bitte melden Sie sich an."

# -- files ------------------------------------------------------------------------------------------
FILE_NOT_FOUND = "Die Datei wurde im Korpus nicht gefunden."

LAND_LABEL = "Bundesland"
LAND_ALL = "alle Länder"
CONTACT_FOOTER = "Für Ihre Einzelfrage: {contact}"
OTHER_LAND_BADGE = "anderes Land"
