"""Login sessions: random tokens in memory, valid for a limited time (a restart logs everyone out)."""

from __future__ import annotations

import secrets
import threading
import time


class SessionStore:
    """Thread-safe map token → user name with expiry."""

    def __init__(self, lifetime_seconds: float) -> None:
        self.lifetime = lifetime_seconds
        self._sessions: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def create(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._drop_expired()
            self._sessions[token] = (username, time.monotonic() + self.lifetime)
        return token

    def user_for(self, token: str | None) -> str | None:
        if not token:
            return None
        with self._lock:
            entry = self._sessions.get(token)
            if entry is None:
                return None
            if entry[1] < time.monotonic():
                del self._sessions[token]
                return None
            return entry[0]

    def end(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def _drop_expired(self) -> None:
        now = time.monotonic()
        for token in [t for t, (_, expires) in self._sessions.items() if expires < now]:
            del self._sessions[token]
