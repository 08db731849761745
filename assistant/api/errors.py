"""Every failure of an API route becomes a JSON body with a German sentence, never a traceback.

The conversion sits in a route class (not in app-wide exception handlers) so the API owns its error
format without touching the app it is mounted in; the same class checks the bearer token first, so
an unauthenticated client learns nothing, not even whether its JSON was valid.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from ..errors import describe
from ..settings import Settings
from . import texts
from .auth import bearer_problem, bearer_scheme, configured_token

logger = logging.getLogger(__name__)
# pydantic names the member of a union in the error location; users only know the field names
_UNION_TAGS = {"str", "int", "float", "bool"}


class ApiError(Exception):
    """An error the client can act on: HTTP status plus a German message."""

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.headers = headers


ErrorBody = Callable[[ApiError], dict[str, Any]]


def rest_error_body(error: ApiError) -> dict[str, Any]:
    return {"error": error.message}


def openai_error_body(error: ApiError) -> dict[str, Any]:
    """OpenAI's shape: clients such as Open WebUI show ``error.message``."""
    kind = "authentication_error" if error.status == 401 else "server_error" if error.status >= 500 else "invalid_request_error"
    return {"error": {"message": error.message, "type": kind, "param": error.param, "code": error.code}}


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "history", 0, "content")`` → ``history[0].content``."""
    path = ""
    for part in loc[1:]:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier() and part.islower() and part not in _UNION_TAGS:
            path += f".{part}" if path else part
    return path


def from_validation(errors: Sequence[dict[str, Any]]) -> ApiError:
    """The first problem of a request that did not validate, as one German sentence."""
    error = errors[0]
    kind, loc, ctx = error.get("type", ""), tuple(error.get("loc", ())), error.get("ctx") or {}
    if kind == "json_invalid":
        position = loc[1] if len(loc) > 1 else 0
        return ApiError(400, texts.BODY_NOT_JSON.format(position=position))
    field = field_path(loc)
    if not field:  # the body as a whole
        return ApiError(400, texts.BODY_MISSING if kind == "missing" else texts.BODY_NOT_OBJECT)
    template = {
        "missing": texts.FIELD_MISSING,
        "string_type": texts.FIELD_NOT_TEXT,
        "int_type": texts.FIELD_NOT_INT,
        "int_parsing": texts.FIELD_NOT_INT,
        "int_from_float": texts.FIELD_NOT_INT,
        "bool_type": texts.FIELD_NOT_BOOL,
        "bool_parsing": texts.FIELD_NOT_BOOL,
        "list_type": texts.FIELD_NOT_LIST,
        "greater_than_equal": texts.FIELD_TOO_SMALL,
        "less_than_equal": texts.FIELD_TOO_LARGE,
        "too_short": texts.LIST_TOO_SHORT,
        "too_long": texts.LIST_TOO_LONG,
    }.get(kind, texts.FIELD_INVALID)
    limit = ctx.get("ge", ctx.get("le", ctx.get("min_length", ctx.get("max_length"))))
    return ApiError(422, template.format(field=field, limit=limit), param=field.split(".")[0].split("[")[0])


def checked_question(question: str, settings: Settings) -> str:
    """The question without surrounding blanks; the checks a schema cannot make (they depend on settings)."""
    question = question.strip()
    if not question:
        raise ApiError(422, texts.QUESTION_EMPTY, param="question")
    if len(question) > settings.api_max_question_chars:
        message = texts.QUESTION_TOO_LONG.format(length=len(question), limit=settings.api_max_question_chars)
        raise ApiError(422, message, param="question")
    return question


def from_exception(exc: Exception) -> ApiError:
    """A known operational problem (no index, Chroma down) is 503 with its reason; anything else is
    a bug: logged with its traceback, answered with a generic sentence."""
    reason = describe(exc)
    if reason is not None:
        logger.warning("API-Anfrage nicht beantwortbar: %s", reason)
        return ApiError(503, reason)
    logger.exception("Fehler in einer API-Anfrage")
    return ApiError(500, texts.INTERNAL_ERROR)


def error_response(error: ApiError, body: ErrorBody) -> JSONResponse:
    return JSONResponse(body(error), status_code=error.status, headers=error.headers)


def add_fallback_route(router: APIRouter) -> None:
    """Last route of ``router``: an unknown path below its prefix, or a known one with the wrong
    method, gets a German JSON error instead of falling through to the web app mounted at /."""

    @router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(request: Request) -> None:
        path = request.url.path
        allowed = sorted({
            method
            for route in router.routes
            if isinstance(route, APIRoute) and route.endpoint is not unknown and route.path_regex.match(path)
            for method in route.methods
        })
        if allowed:
            raise ApiError(405, texts.WRONG_METHOD.format(method=request.method, path=path, allowed=", ".join(allowed)),
                           headers={"Allow": ", ".join(allowed)})
        raise ApiError(404, texts.UNKNOWN_PATH.format(path=path[:200]))


def guarded_route_class(body: ErrorBody, token: str | None) -> type[APIRoute]:
    """A route class whose routes check the bearer token (when one is configured) and answer every
    error in the ``body`` shape."""

    class GuardedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Any]:
            handler = super().get_route_handler()

            async def guarded(request: Request) -> Response:
                try:
                    problem = bearer_problem(request.headers.get("authorization"), token) if token else None
                    if problem:
                        raise ApiError(401, problem, code="invalid_api_key", headers={"WWW-Authenticate": "Bearer"})
                    return await handler(request)
                except ApiError as exc:
                    return error_response(exc, body)
                except RequestValidationError as exc:
                    return error_response(from_validation(exc.errors()), body)
                except HTTPException:
                    raise
                except Exception as exc:
                    return error_response(from_exception(exc), body)

            return guarded

    return GuardedRoute


def guarded_router(prefix: str, tag: str, body: ErrorBody, settings: Settings, responses: dict[Any, Any]) -> APIRouter:
    """A router whose routes check the bearer token (when one is configured) and answer errors with ``body``."""
    token = configured_token(settings)
    return APIRouter(
        prefix=prefix,
        tags=[tag],
        route_class=guarded_route_class(body, token),
        dependencies=[Depends(bearer_scheme())] if token else [],
        responses=responses,
    )
