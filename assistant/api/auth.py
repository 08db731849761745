"""Optional bearer token for /api and /v1 (IKZ_API_TOKEN). The token is compared in constant time
and never written anywhere: not in logs, not in error messages."""

from __future__ import annotations

import hmac

from fastapi.security import HTTPBearer

from ..settings import Settings
from . import texts


def configured_token(settings: Settings) -> str | None:
    """The token, or None when the API is open (an empty IKZ_API_TOKEN counts as not set)."""
    if settings.api_token is None:
        return None
    return settings.api_token.get_secret_value().strip() or None


def bearer_problem(authorization: str | None, token: str) -> str | None:
    """Why the ``Authorization`` header does not carry ``token``; None when it does."""
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return texts.TOKEN_MISSING
    if not hmac.compare_digest(presented.strip().encode(), token.encode()):
        return texts.TOKEN_WRONG
    return None


def bearer_scheme() -> HTTPBearer:
    """Only for the OpenAPI documentation (the lock in /docs); the check itself is bearer_problem."""
    return HTTPBearer(auto_error=False, description=texts.AUTH_DESCRIPTION)
