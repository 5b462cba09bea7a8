"""Log in and out. Failed logins slow the next try, per username and address (login_limits).

Logging out ends every session of the login (its session version goes up), not only this
browser's cookie: a copied cookie stops working too.
"""

from __future__ import annotations

import math
from datetime import timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.auth import hash_password as rehash
from bot.auth import needs_rehash, verify_password
from bot.storage import login_limits
from bot.storage.staff import end_all_sessions, find_by_username
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import render, translator
from bot.web.dashboard.security import (
    PREFIX,
    Viewer,
    end_session,
    login_token_ok,
    new_login_token,
    safe_next,
    set_login_cookie,
    staff_only,
    start_session,
)

Outcome = tuple[int, int] | timedelta | None  # (staff id, session version), a wait, or wrong


def _form(
    request: Request,
    *,
    error: str | None = None,
    username: str = "",
    next_url: str = "",
    status_code: int = 200,
) -> Response:
    token = new_login_token()
    response = render(
        request,
        "login.html",
        status_code=status_code,
        error=error,
        username=username,
        next_url=next_url,
        csrf=token,
    )
    set_login_cookie(request, response, token)
    return response


async def login_page(request: Request) -> Response:
    return _form(request, next_url=safe_next(request.query_params.get("next")))


def _check(request: Request, username: str, password: str, address: str) -> Outcome:
    """The staff id and session version when the password is right, else how long to wait.

    A try that must wait is not checked at all (no argon2 spent, nothing learnt).
    """
    services = request.app.state.services
    crypto, at = services.engine.crypto, now(request)
    with services.sessions.begin() as session:
        waiting = login_limits.wait(session, crypto, username, address, at)
        if waiting > timedelta(0):
            return waiting
        staff = find_by_username(session, username)
        stored = staff.password_hash if staff is not None and staff.active else None
        if not verify_password(stored, password) or staff is None:
            login_limits.failed(session, crypto, username, address, at)
            return None
        login_limits.succeeded(session, crypto, username)
        if needs_rehash(staff.password_hash):
            staff.password_hash = rehash(password)
        return staff.id, staff.session_version


async def login(request: Request) -> Response:
    form = await request.form()
    _ = translator(request).gettext
    username = str(form.get("username") or "").strip()[:64]
    password = str(form.get("password") or "")[:1024]
    next_url = safe_next(form.get("next"))
    if not login_token_ok(request, form.get("csrf")):
        return _form(
            request,
            error=_("The form expired. Please log in again."),
            username=username,
            next_url=next_url,
            status_code=403,
        )
    address = request.client.host if request.client else "?"
    outcome = await run_in_threadpool(_check, request, username, password, address)
    if isinstance(outcome, timedelta):
        seconds = max(1, math.ceil(outcome.total_seconds()))
        response = _form(
            request,
            error=_("Too many failed attempts. Wait {seconds} seconds, then try again.").format(
                seconds=seconds
            ),
            username=username,
            next_url=next_url,
            status_code=429,
        )
        response.headers["Retry-After"] = str(seconds)
        return response
    if outcome is None:
        return _form(
            request,
            error=_("Wrong username or password."),
            username=username,
            next_url=next_url,
            status_code=401,
        )
    response = RedirectResponse(next_url, status_code=303)
    start_session(request, response, *outcome)
    return response


def _end_sessions(request: Request, staff_id: int) -> None:
    with request.app.state.services.sessions.begin() as session:
        end_all_sessions(session, staff_id)


@staff_only()
async def logout(request: Request, viewer: Viewer) -> Response:
    await run_in_threadpool(_end_sessions, request, viewer.staff_id)
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    end_session(response)
    return response
