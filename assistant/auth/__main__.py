"""``python -m assistant.auth hash-password``: print a hash for the users configuration (IKZ_USERS).

The password is asked twice on a terminal, or read as one line from stdin (for scripts).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from .passwords import hash_password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.auth", description="Hilfsprogramme für die Anmeldung")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash-password", help="Passwort-Hash für IKZ_USERS erzeugen")
    parser.parse_args(argv)

    if sys.stdin.isatty():
        password = getpass.getpass("Passwort: ")
        if password != getpass.getpass("Passwort wiederholen: "):
            print("Die Passwörter stimmen nicht überein.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("Das Passwort darf nicht leer sein.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
