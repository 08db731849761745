"""One process serves everything: the Gradio app at /, the JSON API under /api and /v1.

Gradio already runs on FastAPI, so the API routes and the UI share one server (no second port).
"""

from __future__ import annotations

import logging
from typing import Any

from ..settings import Settings

logger = logging.getLogger(__name__)


def create_app(assistant: Any, settings: Settings) -> Any:
    import gradio as gr
    from fastapi import FastAPI

    from ..api.routes import build_router
    from .app import build_ui

    app = FastAPI(title="IKZ-Assistent", version=__import__("assistant").__version__)
    app.include_router(build_router(assistant, settings))
    return gr.mount_gradio_app(app, build_ui(assistant, settings), path="")


def serve(settings: Settings) -> None:
    """Start the app (blocking) on settings.host:settings.port."""
    import uvicorn

    from ..service import Assistant

    assistant = Assistant(settings)
    app = create_app(assistant, settings)
    logger.warning("IKZ-Assistent läuft auf http://%s:%s", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
