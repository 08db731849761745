"""``GET /files/{path}``: the original of a cited document, only from inside the corpus folder.

Originals are documents from outside; an HTML file must not run its scripts on the app's origin, so
everything except PDF is served with a sandboxing Content-Security-Policy.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response

from ..settings import Settings
from . import texts
from .corpus_files import resolve_in_corpus
from .login import LoginGate

_MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".md": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
_DOWNLOAD_ONLY = {".docx", ".odt"}
_SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def files_router(settings: Settings, gate: LoginGate) -> APIRouter:
    router = APIRouter()

    @router.get("/files/{rel:path}", include_in_schema=False)
    def original(rel: str, request: Request) -> Response:
        if gate.enabled and gate.username(request) is None:
            return PlainTextResponse(texts.LOGIN_REQUIRED, status_code=401)
        path = resolve_in_corpus(rel, settings)
        suffix = path.suffix.lower() if path else ""
        if path is None or suffix not in _MEDIA_TYPES:
            return PlainTextResponse(texts.FILE_NOT_FOUND, status_code=404)
        disposition = "attachment" if suffix in _DOWNLOAD_ONLY else "inline"
        headers = {
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(path.name)}",
            "X-Content-Type-Options": "nosniff",
        }
        if suffix != ".pdf":  # the browser's PDF viewer does not work in a sandboxed document
            headers["Content-Security-Policy"] = _SANDBOX
        return FileResponse(path, media_type=_MEDIA_TYPES[suffix], headers=headers)

    return router
