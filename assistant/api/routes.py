"""The HTTP API next to the web app: /api (questions, documents, passages), /v1 (OpenAI-compatible),
/healthz, /readyz, and /docs (so the app is created with ``docs_url=None``).

Blocking work runs in plain ``def`` routes, i.e. in FastAPI's thread pool."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from ..jurisdiction import UnknownJurisdictionError
from ..settings import Settings
from . import texts
from .docs import build_docs_router
from .errors import ApiError, add_fallback_route, checked_question, guarded_route_class, guarded_router, rest_error_body
from .health import readiness
from .openai_routes import build_openai_router
from .schemas import (
    AskRequest,
    AskResponse,
    DocumentsResponse,
    ErrorResponse,
    HealthResponse,
    PassageResponse,
    ReadyResponse,
)

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Anfrageinhalt fehlt, ist kein gültiges JSON oder kein JSON-Objekt"},
    401: {"model": ErrorResponse, "description": "Zugangsschlüssel fehlt oder ist falsch (nur mit IKZ_API_TOKEN)"},
    422: {"model": ErrorResponse, "description": "ungültiges Feld, z. B. Frage fehlt oder ist zu lang"},
    503: {"model": ErrorResponse, "description": "Index nicht verfügbar, z. B. noch nicht gebaut"},
}
_PASSAGE_FIELDS = ("id", "file", "title", "page", "section", "text", "jurisdiction", "doctype")


def build_router(assistant: Any, settings: Settings) -> APIRouter:
    router = APIRouter()
    router.include_router(_api_router(assistant, settings))
    router.include_router(build_openai_router(assistant, settings))
    router.include_router(_health_router(assistant, settings))
    router.include_router(build_docs_router())
    return router


def _api_router(assistant: Any, settings: Settings) -> APIRouter:
    router = guarded_router("/api", texts.API_TAG, rest_error_body, settings, _ERRORS)

    @router.post(
        "/ask",
        response_model=AskResponse,
        summary=texts.ASK_SUMMARY,
        response_description=texts.ASK_OK,
        description=texts.ASK_DESCRIPTION,
    )
    def ask(request: AskRequest) -> JSONResponse:
        question = checked_question(request.question, settings)
        history = [turn if isinstance(turn, str) else turn.model_dump() for turn in request.history]
        # The assistant's dict as it is: the same structure as `ikz ask --json`, "notice" only when set.
        try:
            return JSONResponse(assistant.ask(question, history, request.top_k, request.jurisdiction))
        except UnknownJurisdictionError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)

    @router.get(
        "/documents",
        response_model=DocumentsResponse,
        summary=texts.DOCUMENTS_SUMMARY,
        response_description=texts.DOCUMENTS_OK,
        description=texts.DOCUMENTS_DESCRIPTION,
    )
    def documents() -> dict[str, Any]:
        listed = assistant.documents()
        return {"indexed_at": last_indexed(settings), "count": len(listed), "documents": listed}

    @router.get(
        "/passages/{passage_id}",
        response_model=PassageResponse,
        summary=texts.PASSAGE_SUMMARY,
        response_description=texts.PASSAGE_OK,
        description=texts.PASSAGE_DESCRIPTION,
        responses={404: {"model": ErrorResponse, "description": "unbekannte Kennung"}},
    )
    def passage(
        passage_id: str = PathParam(description="Kennung aus citations[].id", examples=["a7c2669ab177fa0a-0001"]),
    ) -> dict[str, Any]:
        retriever = assistant.retriever  # one view for both look-ups, even if a reindex swaps it meanwhile
        if passage_id not in retriever.by_id:
            raise ApiError(404, texts.UNKNOWN_PASSAGE.format(id=passage_id[:200]))
        window = retriever.neighbours(passage_id)
        at = [p.id for p in window].index(passage_id)
        return {
            "passage": _passage_dict(window[at]),
            "previous": _passage_dict(window[at - 1]) if at > 0 else None,
            "next": _passage_dict(window[at + 1]) if at + 1 < len(window) else None,
        }

    add_fallback_route(router)
    return router


def _health_router(assistant: Any, settings: Settings) -> APIRouter:
    router = APIRouter(tags=[texts.HEALTH_TAG], route_class=guarded_route_class(rest_error_body, None))

    @router.get(
        "/healthz",
        response_model=HealthResponse,
        summary=texts.HEALTHZ_SUMMARY,
        response_description=texts.HEALTHZ_OK,
        description=texts.HEALTHZ_DESCRIPTION,
    )
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        response_model=ReadyResponse,
        summary=texts.READYZ_SUMMARY,
        response_description=texts.READYZ_OK,
        description=texts.READYZ_DESCRIPTION,
        responses={503: {"model": ReadyResponse, "description": "nicht bereit, mit Grund"}},
    )
    def readyz() -> JSONResponse:
        status = readiness(assistant, settings)
        return JSONResponse(status, status_code=200 if status["ready"] else 503)

    return router


def last_indexed(settings: Settings) -> str | None:
    """When the last index run finished: it always rewrites the docstore at its end. None where the
    index was built on another machine (Chroma server mode without a local docstore)."""
    try:
        mtime = settings.docstore_path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(mtime, tz=timezone.utc).isoformat(timespec="seconds")


def _passage_dict(passage: Any) -> dict[str, Any]:
    return {field: getattr(passage, field) for field in _PASSAGE_FIELDS}
