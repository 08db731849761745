"""User-facing German texts of the HTTP API (error messages, OpenAPI descriptions), kept together."""

# -- errors -------------------------------------------------------------------------------------
BODY_NOT_JSON = "Der Anfrageinhalt ist kein gültiges JSON (Fehler bei Zeichen {position})."
BODY_NOT_OBJECT = "Der Anfrageinhalt muss ein JSON-Objekt sein (Content-Type: application/json)."
BODY_MISSING = "Der Anfrageinhalt fehlt: erwartet wird ein JSON-Objekt (Content-Type: application/json)."
FIELD_MISSING = "Das Feld '{field}' fehlt."
FIELD_NOT_TEXT = "Das Feld '{field}' muss Text sein."
FIELD_NOT_INT = "Das Feld '{field}' muss eine ganze Zahl sein."
FIELD_NOT_BOOL = "Das Feld '{field}' muss true oder false sein."
FIELD_NOT_LIST = "Das Feld '{field}' muss eine Liste sein."
FIELD_TOO_SMALL = "Das Feld '{field}' muss mindestens {limit} sein."
FIELD_TOO_LARGE = "Das Feld '{field}' darf höchstens {limit} sein."
LIST_TOO_SHORT = "Das Feld '{field}' hat zu wenige Einträge (mindestens {limit})."
LIST_TOO_LONG = "Das Feld '{field}' hat zu viele Einträge (höchstens {limit})."
FIELD_INVALID = "Das Feld '{field}' hat einen ungültigen Wert."
QUESTION_EMPTY = "Bitte geben Sie eine Frage an (Feld 'question' ist leer)."
QUESTION_TOO_LONG = "Die Frage ist zu lang: {length} Zeichen, erlaubt sind höchstens {limit}."
NO_USER_MESSAGE = "Die Nachrichtenliste enthält keine Nachricht mit der Rolle 'user' und Text."
UNKNOWN_MODEL = "Unbekanntes Modell '{model}'. Verfügbar ist nur '{available}'."
UNKNOWN_PASSAGE = "Keine Textstelle mit der Kennung '{id}' im Index."
TOKEN_MISSING = "Anmeldung erforderlich: Bitte senden Sie den Zugangsschlüssel im Kopf 'Authorization: Bearer <Schlüssel>'."
TOKEN_WRONG = "Der Zugangsschlüssel ist ungültig."
UNKNOWN_ASSET = "Die Datei '{name}' gehört nicht zur API-Dokumentation."
UNKNOWN_PATH = "Unbekannter Pfad {path}; die Schnittstelle ist unter /docs beschrieben."
WRONG_METHOD = "{method} ist für {path} nicht vorgesehen; erlaubt: {allowed}."
INTERNAL_ERROR = "Interner Fehler bei der Bearbeitung der Anfrage; Einzelheiten stehen im Protokoll des Servers."

# -- readiness ----------------------------------------------------------------------------------
INDEX_UNREACHABLE = "Index nicht erreichbar ({detail})."
NO_MODEL = "Das Embedding-Modell ist nicht geladen."
INDEX_EMPTY = "Der Index ist leer: Bitte Dokumente in den Korpus-Ordner legen und indexieren (ikz index)."

# -- OpenAI-compatible answer text --------------------------------------------------------------
SOURCES_HEADING = "Quellen:"
PAGE = "S. {page}"
NOTICE = "Hinweis: {notice}"

# -- OpenAPI ------------------------------------------------------------------------------------
DOCS_TITLE = "IKZ-Assistent – HTTP-Schnittstelle"
API_TAG = "Fragen und Dokumente"
OPENAI_TAG = "OpenAI-kompatibel"
HEALTH_TAG = "Betrieb"
ASK_OK = "die Antwort mit ihren Quellen"
DOCUMENTS_OK = "die Dokumente im Index"
PASSAGE_OK = "die Textstelle mit ihren Nachbarn"
HEALTHZ_OK = "der Prozess läuft"
READYZ_OK = "bereit"
CHAT_OK = "die Antwort; bei stream: true als Server-Sent Events"
MODELS_OK = "die Modellliste"
ASK_SUMMARY = "Frage beantworten"
ASK_DESCRIPTION = (
    "Beantwortet eine Frage aus den indexierten Unterlagen. Jede Aussage der Antwort trägt eine "
    "Quellenmarke [n]; `citations` enthält zu jedem n die Textstelle (Datei, Titel, Seite, Abschnitt). "
    "Die Struktur ist dieselbe wie die von `ikz ask --json`. Wenn die Unterlagen die Frage nicht "
    "beantworten, ist `abstained` wahr."
)
DOCUMENTS_SUMMARY = "Indexierte Dokumente auflisten"
DOCUMENTS_DESCRIPTION = (
    "Alle Dokumente im Index mit Anzahl der Abschnitte und Seiten sowie dem Zeitpunkt des letzten "
    "Indexlaufs (`indexed_at`, ISO 8601; leer, wenn der Index auf einem anderen Rechner gebaut wurde)."
)
PASSAGE_SUMMARY = "Textstelle mit Umgebung abrufen"
PASSAGE_DESCRIPTION = (
    "Eine Textstelle (Kennung aus `citations[].id`) mit der vorangehenden und der folgenden Textstelle "
    "derselben Datei, für mehr Kontext."
)
HEALTHZ_SUMMARY = "Lebenszeichen"
HEALTHZ_DESCRIPTION = "Antwortet immer mit 200, solange der Prozess läuft."
READYZ_SUMMARY = "Betriebsbereitschaft"
READYZ_DESCRIPTION = (
    "200, wenn das Embedding-Modell geladen, der Index geöffnet und Chroma erreichbar ist; sonst 503 "
    "mit dem Grund."
)
CHAT_SUMMARY = "Chat-Antwort (OpenAI-kompatibel)"
CHAT_DESCRIPTION = (
    "Für OpenAI-kompatible Oberflächen (z. B. Open WebUI). Die letzte Nachricht mit der Rolle `user` "
    "ist die Frage, frühere Nutzer-Nachrichten sind der Gesprächsverlauf. Der Antworttext enthält die "
    "Quellenmarken [n] und am Ende einen Block „Quellen:“. Zusätzlich (nicht Teil des OpenAI-Formats) "
    "stehen die Textstellen strukturiert im Feld `citations` – bei `stream: true` im letzten Chunk. "
    "Bei `stream: true` kommt der Text, sobald seine Quellenangaben geprüft sind; Entwürfe eines "
    "Sprachmodells werden nicht gesendet, weil ein Client Gezeigtes nicht zurücknehmen kann."
)
MODELS_SUMMARY = "Verfügbare Modelle (OpenAI-kompatibel)"
MODELS_DESCRIPTION = "Listet das eine Modell `ikz-assistent`."
AUTH_DESCRIPTION = "Zugangsschlüssel aus IKZ_API_TOKEN (nur nötig, wenn gesetzt)."
