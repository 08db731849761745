"""Who may log in, with which role; read from ``IKZ_USERS`` (JSON text or a JSON/YAML file path)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .passwords import hash_password, is_password_hash, verify_password

STAFF = "staff"
ADMIN = "admin"
ROLES = (STAFF, ADMIN)


class UsersConfigError(ValueError):
    """The users configuration is unusable; the message names the problem, never a secret."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str = field(repr=False)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def load_users(spec: str | None) -> dict[str, User]:
    """Parse the users configuration; an empty one means single-user mode (no login)."""
    text = (spec or "").strip()
    if not text:
        return {}
    data = _parse_json(text, "IKZ_USERS") if text.startswith("{") else _read_file(Path(text))
    if not isinstance(data, dict):
        raise UsersConfigError("IKZ_USERS muss ein Objekt {Name: {password_hash, role}} sein.")
    return {str(name): _user(str(name), entry) for name, entry in data.items()}


def authenticate(users: dict[str, User], name: str, password: str) -> User | None:
    """The user when name and password match, else None."""
    user = users.get(name.strip())
    if user is None:
        verify_password(password, _dummy_hash())
        return None
    return user if verify_password(password, user.password_hash) else None


@functools.cache
def _dummy_hash() -> str:
    """Verified for unknown names too, so a failed login takes as long whether or not the user exists."""
    return hash_password("keiner")


def _user(name: str, entry: Any) -> User:
    if not name.strip():
        raise UsersConfigError("IKZ_USERS enthält einen leeren Benutzernamen.")
    if not isinstance(entry, dict):
        raise UsersConfigError(f"Benutzer „{name}“: erwartet wird {{\"password_hash\": …, \"role\": …}}.")
    role = str(entry.get("role", STAFF)).strip().lower()
    if role not in ROLES:
        raise UsersConfigError(f"Benutzer „{name}“: unbekannte Rolle „{role}“ (erlaubt: staff, admin).")
    password_hash = str(entry.get("password_hash", ""))
    if not is_password_hash(password_hash):
        # Do not echo the value: it may be a plain password someone pasted by mistake.
        raise UsersConfigError(
            f"Benutzer „{name}“: password_hash fehlt oder ist kein gültiger Hash "
            "(erzeugen mit: python -m assistant.auth hash-password)."
        )
    return User(name, role, password_hash)


def _read_file(path: Path) -> Any:
    if not path.is_file():
        raise UsersConfigError(f"Benutzerdatei nicht gefunden: {path}")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise UsersConfigError(f"Benutzerdatei {path} ist kein gültiges YAML.") from exc
    return _parse_json(text, str(path))


def _parse_json(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # Position only: the text itself holds password hashes.
        raise UsersConfigError(f"{origin} ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}).") from None
