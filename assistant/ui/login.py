"""Optional login: a German login page, a session cookie, and the user for Gradio and /files.

Gradio gets the user through ``auth_dependency``, so every Gradio request (page, queue, API) is
refused without a valid session, and handlers see ``request.username``.
"""

from __future__ import annotations

import html
import time
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..auth import SessionStore, authenticate
from ..settings import Settings
from . import texts
from .access import Access

SESSION_COOKIE = "ikz_session"
LOGIN_PATH = "/anmelden"
LOGOUT_PATH = "/abmelden"
_FAILED_LOGIN_DELAY_S = 0.5  # slows down guessing without bothering someone who mistyped


class LoginGate:
    def __init__(self, access: Access, sessions: SessionStore) -> None:
        self.access = access
        self.sessions = sessions

    @classmethod
    def from_settings(cls, settings: Settings, access: Access) -> "LoginGate":
        return cls(access, SessionStore(settings.session_hours * 3600))

    @property
    def enabled(self) -> bool:
        return not self.access.single_user

    def username(self, request: Request) -> str | None:
        """The logged-in user of an HTTP request, or None."""
        name = self.sessions.user_for(request.cookies.get(SESSION_COOKIE))
        return name if name in self.access.users else None

    async def redirect_anonymous(self, request: Request, call_next: Any) -> Response:
        """Middleware: the app page without a session leads to the login page (Gradio would say 401)."""
        if self.enabled and request.method in ("GET", "HEAD") and request.url.path in ("", "/"):
            if self.username(request) is None:
                return RedirectResponse(url=LOGIN_PATH.lstrip("/"), status_code=303)
        return await call_next(request)

    def router(self) -> APIRouter:
        router = APIRouter()

        @router.get(LOGIN_PATH, response_class=HTMLResponse, include_in_schema=False)
        def login_page() -> HTMLResponse:
            return HTMLResponse(login_html())

        @router.post(LOGIN_PATH, include_in_schema=False)
        def login(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
            user = authenticate(self.access.users, username, password)
            if user is None:
                time.sleep(_FAILED_LOGIN_DELAY_S)
                return HTMLResponse(login_html(error=texts.LOGIN_FAILED, username=username), status_code=401)
            response = RedirectResponse(url="./", status_code=303)
            response.set_cookie(
                SESSION_COOKIE, self.sessions.create(user.name), max_age=int(self.sessions.lifetime),
                httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/",
            )
            return response

        @router.get(LOGOUT_PATH, include_in_schema=False)
        def logout(request: Request) -> Response:
            self.sessions.end(request.cookies.get(SESSION_COOKIE))
            response = RedirectResponse(url=LOGIN_PATH.lstrip("/"), status_code=303)
            response.delete_cookie(SESSION_COOKIE, path="/")
            return response

        return router


def login_html(error: str | None = None, username: str = "") -> str:
    message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{texts.LOGIN_TITLE} – {texts.APP_TITLE}</title>
<style>
body {{ margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f5f8;
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2937; }}
main {{ width: min(92vw, 380px); background: #fff; border: 1px solid #dde3ea; border-radius: 12px;
  padding: 32px; box-shadow: 0 4px 18px rgba(15, 35, 65, .06); }}
h1 {{ font-size: 1.35rem; margin: 0 0 4px; color: #123a63; }}
p {{ margin: 0 0 20px; color: #4b5563; line-height: 1.45; }}
label {{ display: block; font-weight: 600; margin: 14px 0 6px; }}
input {{ width: 100%; box-sizing: border-box; padding: 10px 12px; font-size: 1rem; border: 1px solid #c5ced9;
  border-radius: 8px; }}
input:focus, button:focus {{ outline: 3px solid #9cc2ec; outline-offset: 1px; }}
button {{ margin-top: 22px; width: 100%; padding: 11px; font-size: 1rem; font-weight: 600; color: #fff;
  background: #1d5a96; border: 0; border-radius: 8px; cursor: pointer; }}
button:hover {{ background: #174a7c; }}
.error {{ color: #9b1c1c; background: #fdeeee; border: 1px solid #f3c4c4; border-radius: 8px; padding: 10px 12px; }}
</style></head>
<body><main>
<h1>{texts.APP_TITLE}</h1>
<p>{texts.LOGIN_INTRO}</p>
{message}
<form method="post" action="{LOGIN_PATH.lstrip('/')}">
<label for="username">{texts.LOGIN_USER}</label>
<input id="username" name="username" autocomplete="username" required autofocus value="{html.escape(username)}">
<label for="password">{texts.LOGIN_PASSWORD}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{texts.LOGIN_SUBMIT}</button>
</form>
</main></body></html>"""
