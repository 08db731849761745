"""Optional login: users with hashed passwords and the roles staff/admin.

Without configured users the app runs in single-user mode (Einzelplatzmodus) and allows everything.
"""

from .passwords import hash_password, verify_password
from .sessions import SessionStore
from .users import ADMIN, ROLES, STAFF, User, UsersConfigError, authenticate, load_users

__all__ = [
    "ADMIN", "ROLES", "STAFF", "SessionStore", "User", "UsersConfigError",
    "authenticate", "hash_password", "load_users", "verify_password",
]
