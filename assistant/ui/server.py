"""One process serves everything: the Gradio app at /, the JSON API under /api and /v1, the original
files under /files, and (with users configured) the login page.

Gradio already runs on FastAPI, so the API routes and the UI share one server (no second port).
"""

from __future__ import annotations

import logging
from typing import Any

from ..settings import Settings

logger = logging.getLogger(__name__)
# Uploads above max_file_mb are refused by the documents tab with a German reason. Gradio's own limit,
# whose message is English, is only the backstop that keeps absurd uploads off the disk.
_UPLOAD_BACKSTOP = 4


def create_app(assistant: Any, settings: Settings) -> Any:
    import gradio as gr
    from fastapi import FastAPI

    from ..api.routes import build_router
    from . import theme
    from .access import Access
    from .app import build_blocks
    from .context import UiContext
    from .files import files_router
    from .login import LoginGate

    access = Access.from_settings(settings)
    gate = LoginGate.from_settings(settings, access)
    # /docs comes from the API router (Swagger UI without a CDN); ReDoc would need one
    app = FastAPI(title="IKZ-Assistent", version=__import__("assistant").__version__, docs_url=None, redoc_url=None)
    app.include_router(build_router(assistant, settings))
    app.include_router(files_router(settings, gate))
    if gate.enabled:
        app.include_router(gate.router())
        app.middleware("http")(gate.redirect_anonymous)
    blocks = build_blocks(UiContext.create(assistant, settings, access))
    return gr.mount_gradio_app(
        app, blocks, path="",
        auth_dependency=gate.username if gate.enabled else None,
        theme=theme.theme(), css=theme.css(), head=theme.head(),
        footer_links=[], show_error=False, max_file_size=int(settings.max_file_mb * 1e6 * _UPLOAD_BACKSTOP),
    )


def serve(settings: Settings) -> None:
    """Start the app (blocking) on settings.host:settings.port."""
    import uvicorn

    from ..auth import UsersConfigError
    from ..service import Assistant

    assistant = Assistant(settings)
    try:
        app = create_app(assistant, settings)
    except UsersConfigError as exc:  # a configuration mistake: one clear line, no traceback
        raise SystemExit(f"ikz serve: {exc}") from None
    logger.warning("IKZ-Assistent läuft auf http://%s:%s", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
