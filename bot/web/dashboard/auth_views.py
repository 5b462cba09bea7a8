"""Log in and out. Failed logins are limited per username and address (bot.auth.LoginLimiter)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.auth import LoginLimiter, needs_rehash, verify_password
from bot.auth import hash_password as rehash
from bot.storage.staff import find_by_username
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


def _limiters(request: Request) -> tuple[LoginLimiter, LoginLimiter]:
    """Per (username, address): 5 failures in 15 minutes; per address, any username: 30."""
    state = request.app.state
    if not hasattr(state, "login_limiters"):
        state.login_limiters = (LoginLimiter(), LoginLimiter(attempts=30))
    limiters: tuple[LoginLimiter, LoginLimiter] = state.login_limiters
    return limiters


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


def _check(request: Request, username: str, password: str) -> int | None:
    """The staff id when the password is right (upgrading an old hash), else None."""
    with request.app.state.services.sessions.begin() as session:
        staff = find_by_username(session, username)
        stored = staff.password_hash if staff is not None and staff.active else None
        if not verify_password(stored, password) or staff is None:
            return None
        if needs_rehash(staff.password_hash):
            staff.password_hash = rehash(password)
        return staff.id


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
    ip = request.client.host if request.client else "?"
    limiter, per_address = _limiters(request)
    if limiter.blocked(username, ip) or per_address.blocked("", ip):
        return _form(
            request,
            error=_("Too many failed attempts. Wait 15 minutes, then try again."),
            username=username,
            next_url=next_url,
            status_code=429,
        )
    staff_id = await run_in_threadpool(_check, request, username, password)
    if staff_id is None:
        limiter.failed(username, ip)
        per_address.failed("", ip)
        return _form(
            request,
            error=_("Wrong username or password."),
            username=username,
            next_url=next_url,
            status_code=401,
        )
    limiter.succeeded(username, ip)
    response = RedirectResponse(next_url, status_code=303)
    start_session(request, response, staff_id)
    return response


@staff_only()
async def logout(request: Request, viewer: Viewer) -> Response:
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    end_session(response)
    return response
