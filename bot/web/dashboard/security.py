"""Who is asking, and may they: the signed staff cookie, CSRF tokens, and the role guard.

The staff session is its own signed cookie (not the web chat's): HttpOnly, SameSite=Lax,
scoped to /dashboard, Secure over https. It lasts 12 hours at most and ends after 30
minutes without a request; it is re-checked against the staff row on every request, and
carries the login's session version, which logout, a new password and deactivation raise:
every cookie issued before stops working at once, a copied one too. Every POST carries the
session's CSRF token in a form field; the login form, made before any session exists, uses
a signed pre-login token.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.storage.lead_queries import Scope
from bot.storage.staff import PERSONAL_DATA_ROLES, active_staff

SESSION_COOKIE = "jamsostek_staff"
LOGIN_COOKIE = "jamsostek_login"
SESSION_AGE = 12 * 60 * 60
IDLE_AGE = 30 * 60  # seconds without a request before a session ends
_REFRESH = 60  # the cookie's "seen" time is renewed at most once a minute
LOGIN_AGE = 60 * 60
PREFIX = "/dashboard"


@dataclass(frozen=True)
class Viewer:
    """The logged-in staff member of this request."""

    staff_id: int
    username: str
    role: str
    branch_id: int | None
    officer_id: int | None
    csrf: str
    regency_code: str | None = None  # a pemda login's kabupaten/kota

    @property
    def scope(self) -> Scope:
        return Scope.of(self.role, self.branch_id, self.officer_id)

    @property
    def can_write(self) -> bool:
        """Change statuses and manage officers: admins and branch admins; officers only read."""
        return self.role in ("admin", "branch_admin")

    @property
    def can_see_nik(self) -> bool:
        """NIK on request (logged); phone numbers and birth dates at all (officers: masked)."""
        return self.role in PERSONAL_DATA_ROLES

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"


def _serializer(request: Request, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(request.app.state.services.settings.secret_key), salt=salt)


def _set_cookie(request: Request, response: Response, name: str, value: str, age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=age,
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _clock(request: Request) -> float:
    """The engine's clock (fixed in tests) as a POSIX time."""
    return float(request.app.state.services.engine.clock().timestamp())


def _write_session(request: Request, response: Response, data: dict[str, Any]) -> None:
    token = _serializer(request, "staff-session").dumps(data)
    _set_cookie(request, response, SESSION_COOKIE, token, SESSION_AGE)


def start_session(request: Request, response: Response, staff_id: int, version: int) -> None:
    at = _clock(request)
    data = {"id": staff_id, "v": version, "csrf": secrets.token_urlsafe(24), "start": at}
    _write_session(request, response, data | {"seen": at})
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    """The pre-login CSRF token, signed in a cookie to compare with the form's copy."""
    _set_cookie(
        request, response, LOGIN_COOKIE, _serializer(request, "login").dumps(token), LOGIN_AGE
    )


def login_token_ok(request: Request, submitted: object) -> bool:
    try:
        expected = _serializer(request, "login").loads(
            request.cookies.get(LOGIN_COOKIE, ""), max_age=LOGIN_AGE
        )
    except BadSignature:
        return False
    return (
        isinstance(submitted, str)
        and isinstance(expected, str)
        and hmac.compare_digest(submitted, expected)
    )


def _session_data(request: Request) -> dict[str, Any] | None:
    """The cookie's session if signed and neither idle too long nor too old."""
    try:
        data = _serializer(request, "staff-session").loads(
            request.cookies.get(SESSION_COOKIE, ""), max_age=SESSION_AGE
        )
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    start, seen, at = data.get("start"), data.get("seen"), _clock(request)
    if not (isinstance(start, float | int) and isinstance(seen, float | int)):
        return None
    if at - seen > IDLE_AGE or at - start > SESSION_AGE:
        return None
    return data


def _load_viewer(request: Request) -> Viewer | None:
    if (data := _session_data(request)) is None:
        return None
    with request.app.state.services.sessions() as session:
        staff = active_staff(session, data["id"])
        if staff is None or staff.session_version != data.get("v"):
            return None
        request.state.session_data = data
        return Viewer(
            staff.id,
            staff.username,
            staff.role,
            staff.branch_id,
            staff.officer_id,
            str(data.get("csrf", "")),
            staff.regency_code,
        )


def _renew(request: Request, response: Response) -> None:
    """A request keeps the session alive: the cookie's "seen" time moves on."""
    data: dict[str, Any] = request.state.session_data
    at = _clock(request)
    cookies = response.headers.getlist("set-cookie")
    if at - data["seen"] >= _REFRESH and not any(SESSION_COOKIE in c for c in cookies):
        _write_session(request, response, data | {"seen": at})


def form_of(request: Request) -> FormData:
    form: FormData = request.state.form
    return form


View = Callable[[Request, Viewer], Awaitable[Response]]


def staff_only(*roles: str) -> Callable[[View], Callable[[Request], Awaitable[Response]]]:
    """Guard a view: who is asking, may their role, and does a POST carry their CSRF token.

    Anonymous → login page; a role not in `roles` (if given) → 403; a POST without the
    session's CSRF token → 403. The view gets the Viewer; a POST's form is read first.
    """
    from bot.web.dashboard.render import error_page

    def decorate(view: View) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            viewer = await run_in_threadpool(_load_viewer, request)
            if viewer is None:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(
                    f"{PREFIX}/login?next={quote(target, safe='')}", status_code=303
                )
            if roles and viewer.role not in roles:
                return error_page(request, viewer, 403)
            if request.method == "POST":
                form = await request.form()
                request.state.form = form
                token = form.get("csrf")
                if not (
                    isinstance(token, str)
                    and viewer.csrf
                    and hmac.compare_digest(token, viewer.csrf)
                ):
                    return error_page(request, viewer, 403)
            response = await view(request, viewer)
            _renew(request, response)
            return response

        endpoint.__name__ = view.__name__
        return endpoint

    return decorate


def safe_next(target: Any) -> str:
    """Only a dashboard path may follow a login (no open redirect)."""
    if (
        isinstance(target, str)
        and target.startswith(PREFIX)
        and not target.startswith("//")
        and "\\" not in target
        and "://" not in target
    ):
        return target
    return f"{PREFIX}/"
