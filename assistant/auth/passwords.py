"""Password hashes with the standard library's scrypt: memory-hard, no extra dependency.

Format: ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``, so parameters can be raised later while old
hashes keep verifying.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1
_KEY_BYTES = 32
_MAX_MEM = 64 * 1024 * 1024  # refuses absurd parameters in a tampered hash instead of exhausting memory
SCHEME = "scrypt"


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` for the users configuration."""
    if not password:
        raise ValueError("Das Passwort darf nicht leer sein.")
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _N, _R, _P)
    return "$".join([SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; False for a wrong password or a malformed hash."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != SCHEME:
            return False
        digest = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


def is_password_hash(value: str) -> bool:
    """Whether ``value`` looks like a hash made by :func:`hash_password` (not a plain password)."""
    parts = value.split("$")
    return len(parts) == 6 and parts[0] == SCHEME and all(parts[1:4]) and all(x.isdigit() for x in parts[1:4])


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEM, dklen=_KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
