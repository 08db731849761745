"""Who may do what in the web app. Checked on the server in every handler, not only by hiding buttons."""

from __future__ import annotations

from typing import Any

from ..auth import User, load_users
from ..settings import Settings
from . import texts


class Access:
    """Roles from the users configuration; without users (Einzelplatzmodus) everything is allowed."""

    def __init__(self, users: dict[str, User]) -> None:
        self.users = users

    @classmethod
    def from_settings(cls, settings: Settings) -> "Access":
        return cls(load_users(settings.users.get_secret_value() if settings.users else None))

    @property
    def single_user(self) -> bool:
        return not self.users

    def user(self, request: Any) -> User | None:
        """The logged-in user of a Gradio request (None in single-user mode or when not logged in)."""
        return self.users.get(getattr(request, "username", None) or "")

    def is_admin(self, request: Any) -> bool:
        if self.single_user:
            return True
        user = self.user(request)
        return user is not None and user.is_admin

    def is_signed_in(self, request: Any) -> bool:
        return self.single_user or self.user(request) is not None

    def status_line(self, request: Any) -> str:
        """Plain text for the header: the mode, or who is logged in with which role."""
        if self.single_user:
            return texts.SINGLE_USER
        user = self.user(request)
        if user is None:
            return texts.LOGIN_REQUIRED
        return texts.SIGNED_IN.format(name=user.name, role=texts.ROLE_NAMES.get(user.role, user.role))
