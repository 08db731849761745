"""/v1: the assistant as a model for OpenAI-compatible clients (Open WebUI, the openai package)."""

from __future__ import annotations

import itertools
import time
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse

from ..settings import Settings
from . import texts
from .errors import ApiError, add_fallback_route, checked_question, guarded_router, openai_error_body
from .openai_compat import completion, completion_stream, question_and_history
from .schemas import MODEL_ID, ChatCompletion, ChatCompletionRequest, ModelList, OpenAIError

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": OpenAIError, "description": "ungültige Anfrage"},
    401: {"model": OpenAIError, "description": "Zugangsschlüssel fehlt oder ist falsch"},
    404: {"model": OpenAIError, "description": "unbekanntes Modell"},
    422: {"model": OpenAIError, "description": "ungültiges Feld, z. B. Frage zu lang"},
    503: {"model": OpenAIError, "description": "Index nicht verfügbar"},
}
# Proxies such as nginx would otherwise buffer the stream and deliver it in one piece.
_STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def build_openai_router(assistant: Any, settings: Settings) -> APIRouter:
    router = guarded_router("/v1", texts.OPENAI_TAG, openai_error_body, settings, _ERRORS)
    created = int(time.time())

    @router.get(
        "/models",
        response_model=ModelList,
        summary=texts.MODELS_SUMMARY,
        response_description=texts.MODELS_OK,
        description=texts.MODELS_DESCRIPTION,
    )
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": created, "owned_by": "ikz"}]}

    @router.post(
        "/chat/completions",
        response_model=ChatCompletion,
        summary=texts.CHAT_SUMMARY,
        response_description=texts.CHAT_OK,
        description=texts.CHAT_DESCRIPTION,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    def chat_completions(request: ChatCompletionRequest) -> Any:
        if request.model != MODEL_ID:
            raise ApiError(404, texts.UNKNOWN_MODEL.format(model=request.model[:100], available=MODEL_ID),
                           param="model", code="model_not_found")
        question, history = question_and_history(request.messages)
        question = checked_question(question, settings)
        if not request.stream:
            return JSONResponse(completion(assistant.ask(question, history)))
        events = assistant.stream(question, history)
        # Retrieval runs here, before the response starts, so an unusable index is a proper HTTP error.
        first = next(events)
        return StreamingResponse(
            completion_stream(itertools.chain([first], events)), media_type="text/event-stream", headers=_STREAM_HEADERS
        )

    add_fallback_route(router)
    return router
