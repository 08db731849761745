"""HTTP routes; filled in by the HTTP API work (issue G)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..settings import Settings


def build_router(assistant: Any, settings: Settings) -> APIRouter:
    return APIRouter()
